"""RSS/Atom feeds via feedparser; each entry followed to its page when the feed carries no full text.

``follow``: ``"auto"`` fetches an entry's page only when the entry has no full content
(``content:encoded`` or Atom content of at least ``FULL_TEXT_CHARS``); ``"always"`` fetches every
page (falling back to the entry's content, with a logged warning, if the page cannot be had);
``"never"`` uses what the feed carries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, Literal

from crosswire.ingest.errors import InputError
from crosswire.ingest.fetch import Fetcher, FetchError
from crosswire.model import Failure, RawItem

log = logging.getLogger(__name__)

FULL_TEXT_CHARS = 500
Follow = Literal["auto", "always", "never"]


def parse_feed(data: bytes, origin: str) -> Any:
    """The parsed feed, or InputError when the bytes are not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.feed or not parsed.get("version")):
        reason = getattr(parsed, "bozo_exception", None) or "no RSS or Atom elements"  # XML, but not a feed
        raise InputError(f"not a readable RSS/Atom feed: {reason}")
    return parsed


def read_feed(
    data: bytes, origin: str, fetcher: Fetcher | None, follow: Follow
) -> Iterator[RawItem | Failure]:
    parsed = parse_feed(data, origin)
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        where = link or f"{origin}#entry{number}"
        try:
            yield _entry_item(entry, where, outlet, fetcher, follow)
        except InputError as exc:
            yield Failure(where, str(exc))


def _entry_item(
    entry: Any, where: str, outlet: str | None, fetcher: Fetcher | None, follow: Follow
) -> RawItem:
    content = _entry_content(entry)
    meta = {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "published": entry.get("published") or entry.get("updated"),
        "author": entry.get("author"),
        "outlet_hint": outlet,  # a feed's title names the feed, not always the outlet
    }
    meta = {k: v for k, v in meta.items() if v}
    wants_page = follow == "always" or (follow == "auto" and len(content) < FULL_TEXT_CHARS)
    if wants_page and entry.get("link") and fetcher is not None:
        try:
            page = fetcher.get(entry["link"])
            return RawItem(
                where,
                page.body.decode(page.encoding or "utf-8", "replace"),
                "text/html",
                meta,
                page.body,
                "feed",
            )
        except FetchError as exc:
            if not content:
                raise InputError(exc.reason) from exc
            log.warning("%s: using the feed's own content: %s", where, exc.reason)
    if not content:
        raise InputError("feed entry has no content and no fetchable link")
    return RawItem(
        where,
        f"<html><body><article>{content}</article></body></html>",
        "text/html",
        meta,
        content.encode(),
        "feed",
    )


def _entry_content(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])]
    return max(parts, key=len) if parts else str(entry.get("summary", ""))
