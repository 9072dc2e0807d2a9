"""Data classes at the seams between pipeline stages.

Every stage reads and writes these; spans (article id, start, end) are the currency of evidence:
every later extraction points into ``Article.text`` by character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

UNKNOWN_OUTLET = "unknown"  # what ingest records when neither the source nor its URL names the outlet
HEX_ID = re.compile(r"[0-9a-f]{16,}")


def parse_instant(value: str | None) -> datetime | None:
    """A stored UTC ISO 8601 time ("2026-03-03T13:20:00Z") as an aware datetime; None if absent or bad."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` in one article's cleaned text."""

    article_id: str
    start: int
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class RawItem:
    """One input item as a source hands it over, before cleaning and identity.

    ``origin`` names the item for humans and error messages (a path, ``path:line``, a URL).
    ``body`` is either the article's plain text or, when ``media_type`` is ``text/html``, a whole page.
    ``meta`` may carry: title, outlet, url, published, author, language, id, story_id.
    ``raw`` is the exact input bytes, kept (compressed) in the store for provenance.
    """

    origin: str
    body: str
    media_type: str = "text/plain"
    meta: dict[str, Any] = field(default_factory=dict)
    raw: bytes = b""
    source_kind: str = "text"


@dataclass(frozen=True)
class Failure:
    """An input item that could not be ingested, and why. Recorded, never dropped."""

    origin: str
    reason: str
    stage: str = "ingest"

    def line(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class Article:
    """A news report after ingest: cleaned text plus provenance.

    ``published`` is UTC ISO 8601 (``2016-03-18T00:00:00Z``) or None when unknown.
    ``copy_of`` names the first-seen article this one duplicates (exactly or nearly), so later
    stages count a wire story run by five outlets as one source.
    ``date_read_from`` says where ``published`` was read when the source did not state it: "header" (a
    date line atop the text), "title" or "url"; None when stated (or unknown).
    ``outlet_inferred`` is set when the outlet was guessed (feed title, URL host) rather than stated by
    the source; such names are replaced by the name other articles from the same host state.
    ``story_id`` is a gold label when the input carries one (evaluation data), never inferred.
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    source: str = ""
    source_kind: str = "text"
    external_id: str | None = None
    story_id: str | None = None
    copy_of: str | None = None
    copy_kind: str | None = None
    content_hash: str = ""
    raw_id: str | None = None
    ingested_at: str | None = None
    host: str | None = None
    outlet_inferred: bool = False
    date_read_from: str | None = None

    @property
    def outlet_label(self) -> str:
        """The outlet to show and compare by: the stated outlet, else the URL host, else the source's file
        name, so that two unnamed reports stay two outlets instead of merging into one "unknown"."""
        if self.outlet and self.outlet != UNKNOWN_OUTLET:
            return self.outlet
        if self.host:
            return self.host
        name = PurePath(self.source).name or self.id
        if HEX_ID.fullmatch(name):  # a dataset's document id: its first 8 digits tell reports apart
            name = name[:8]
        return f"unknown ({name})"
