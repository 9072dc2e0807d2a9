"""Stable identity: a content hash of the normalised text, and an article id that also tells apart
the same text run by different outlets or at different URLs (each is its own row, marked a copy)."""

from __future__ import annotations

import hashlib
import re

ID_LENGTH = 16
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def content_hash(text: str) -> str:
    """sha256 of the text's words, case-folded: insensitive to spacing, punctuation and case."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def article_id(content: str, outlet: str, url: str | None) -> str:
    """Deterministic id: the same report from the same outlet at the same URL always gets the same id."""
    key = "\x1f".join((content, outlet.casefold(), url or ""))
    return hashlib.sha256(key.encode()).hexdigest()[:ID_LENGTH]


def raw_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
