"""What the compare stage needs from the reading stage, computed when the caller has none."""

from __future__ import annotations

import logging

from crosswire.model import Article
from crosswire.read.reader import Reading
from crosswire.read.resolve import Resolution, resolve

log = logging.getLogger(__name__)


def ensure_readings(articles: list[Article], readings: dict[str, Reading] | None) -> dict[str, Reading]:
    """Readings for every article: the given ones, and a fresh read (spaCy) for the rest."""
    have = dict(readings or {})
    missing = [a for a in articles if a.id not in have]
    if missing:
        from crosswire.read.reader import read_articles

        log.info("reading %d articles the store had no reading for", len(missing))
        for reading in read_articles(missing):
            have[reading.article_id] = reading
    return have


def ensure_resolution(
    articles: list[Article], readings: dict[str, Reading], event_id: str, resolution: Resolution | None
) -> Resolution:
    """The corpus resolution when given, else one computed over this event's mentions."""
    if resolution is not None:
        return resolution
    mentions = {a.id: readings[a.id].mentions for a in articles if a.id in readings}
    return resolve(mentions, {aid: event_id for aid in mentions})
