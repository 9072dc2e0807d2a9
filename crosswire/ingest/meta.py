"""Metadata normalisation: outlet names, dates in UTC ISO 8601, language."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from dateutil import parser as dateparser

ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"
LANGUAGE_SAMPLE_CHARS = 500  # plenty for a confident call on news prose; cost grows with length


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without ``www.`` (``https://www.example.com/a`` → ``example.com``)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def normalise_date(value: object) -> str | None:
    """Any date-like value to UTC ISO 8601; naive times are taken as UTC. None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        return datetime.fromtimestamp(seconds, UTC).strftime(ISO_UTC)
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = dateparser.parse(str(value))
        except (ValueError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime(ISO_UTC)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for too little text."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
