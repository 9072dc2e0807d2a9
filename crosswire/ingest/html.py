"""Saved HTML pages: main text, title, author, site name and publication date via trafilatura
(which uses htmldate for dates)."""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any

from crosswire.ingest.errors import InputError

log = logging.getLogger(__name__)

DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
MIN_TEXT_CHARS = 80
# Publication timestamps stated in the page's metadata; htmldate keeps only the day, these keep the time.
PUBLISHED_PATTERNS = [
    re.compile(
        r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|"""
        r"""datePublished|pubdate|publishdate)["'][^>]*content=["']([^"']+)["']""",
        re.IGNORECASE,
    ),
    re.compile(
        r"""<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["']"""
        r"""(?:article:published_time|og:published_time|datePublished)["']""",
        re.IGNORECASE,
    ),
    re.compile(r'"datePublished"\s*:\s*"([^"]+)"'),
]


def extract_html(page: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """(main text, metadata) of a news page; InputError when no article text can be found."""
    import trafilatura

    if "<" not in page:
        raise InputError("not HTML: no markup found")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise InputError("no article text found in the page (navigation or boilerplate only?)")
    meta = _metadata(doc)
    if stated := stated_published(page):
        meta["published"] = stated
    return text, meta


def stated_published(page: str) -> str | None:
    """The publication timestamp a page states in its metadata (meta tags, JSON-LD), if any."""
    for pattern in PUBLISHED_PATTERNS:
        if match := pattern.search(page):
            return match.group(1).strip()
    return None


def _metadata(doc: Any) -> dict[str, Any]:
    fields = {"title": "title", "author": "author", "sitename": "outlet", "date": "published", "url": "url"}
    meta = {}
    for attr, key in fields.items():
        value = getattr(doc, attr, None)
        if value:
            meta[key] = value
    if "." in meta.get("outlet", "") and " " not in meta["outlet"]:
        meta["outlet_hint"] = meta.pop("outlet")  # a domain name trafilatura guessed, not a stated site name
    return meta
