"""Plain text files, with optional YAML front matter (title, outlet, url, published, author, language)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from crosswire.ingest.errors import InputError
from crosswire.model import RawItem

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster
KNOWN_KEYS = {"title", "outlet", "url", "published", "date", "author", "language", "id", "story_id"}


def parse_text(body: str, origin: str, raw: bytes = b"") -> RawItem:
    """A text document: front matter (if any) as metadata, the rest as the body."""
    meta: dict[str, Any] = {}
    body = body.replace("\r\n", "\n").replace("\r", "\n")  # so front matter is found after CRLF too
    match = FRONT_MATTER.match(body)
    if match:
        meta = _front_matter(match.group(1), origin)
        body = body[match.end() :]
    if not body.strip():
        raise InputError("no article text after the front matter" if match else "empty text")
    return RawItem(origin=origin, body=body, meta=meta, raw=raw, source_kind="text")


def _front_matter(block: str, origin: str) -> dict[str, Any]:
    try:
        data = yaml.load(block, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0]
        raise InputError(f"invalid front matter: {first_line}") from exc
    if not isinstance(data, dict):
        raise InputError("invalid front matter: expected 'key: value' lines")
    meta = {str(k).lower(): v for k, v in data.items() if str(k).lower() in KNOWN_KEYS}
    if "date" in meta and "published" not in meta:
        meta["published"] = meta.pop("date")
    return meta
