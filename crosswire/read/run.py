"""The read stage over the store: read every unread article (resumable), then resolve entities corpus-wide."""

from __future__ import annotations

import logging
from collections.abc import Callable

from crosswire.model import Article, Failure
from crosswire.read.reader import Reading, read_articles
from crosswire.read.resolve import Resolution, resolve
from crosswire.store import readings as rstore
from crosswire.store.db import Store

log = logging.getLogger(__name__)

CHUNK = 64  # articles per transaction: a killed run keeps what it finished
OnProgress = Callable[[int, int], None]  # done, total


def read_store(store: Store, on_progress: OnProgress | None = None) -> int:
    """Read all unread articles; returns how many were read. Failures are recorded, the run goes on."""
    todo = rstore.unread(store)
    done = 0
    for i in range(0, len(todo), CHUNK):
        chunk = todo[i : i + CHUNK]
        with store.transaction():
            for reading in _safe_read(store, chunk):
                rstore.save_reading(store, reading)
                done += 1
        if on_progress:
            on_progress(min(i + CHUNK, len(todo)), len(todo))
    return done


def _safe_read(store: Store, chunk: list[Article]) -> list[Reading]:
    try:
        return list(read_articles(chunk))
    except Exception:  # one bad article must not sink the batch: retry one by one
        log.exception("batch read failed; retrying article by article")
    out: list[Reading] = []
    for article in chunk:
        try:
            out.extend(read_articles([article]))
        except Exception as exc:
            store.record_failure(Failure(article.id, f"{type(exc).__name__}: {exc}", stage="read"))
    return out


def resolve_store(store: Store, groups: dict[str, str] | None = None) -> Resolution:
    """Resolve every reading's mentions into entities; ``groups``: article id → event id, when clustered."""
    readings = {r.article_id: r for r in rstore.all_readings(store)}
    resolution = resolve({aid: r.mentions for aid, r in readings.items()}, groups)
    rstore.save_resolution(store, resolution, readings)
    return resolution
