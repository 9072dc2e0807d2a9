"""The read stage over the store: read every unread article (resumable), then resolve entities corpus-wide."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator

from crosswire.model import Article, Failure
from crosswire.read.reader import Reading, read_articles
from crosswire.read.resolve import Resolution, resolve
from crosswire.store import readings as rstore
from crosswire.store.db import Store

log = logging.getLogger(__name__)

CHUNK = 64  # articles per transaction: a killed run keeps what it finished
OnProgress = Callable[[int, int], None]  # done, total


PROCESSES = min(2, os.cpu_count() or 1)  # spaCy worker processes for large runs
MIN_PER_PROCESS = 64  # below this many articles per worker, starting workers costs more than it saves
STREAM = 1024  # articles per parsing stream: workers start once per stream, not once per chunk
# A longer text is no one article (a book, a dump, a whole site): the parser needs ~1 GB per 100,000
# characters at worst and stops at 1,000,000. News articles are rarely over 50,000.
MAX_READ_CHARS = 200_000


def read_store(store: Store, on_progress: OnProgress | None = None, processes: int = PROCESSES) -> int:
    """Read all unread articles; returns how many were read. Failures are recorded, the run goes on."""
    todo = []
    for article in rstore.unread(store):
        if len(article.text) > MAX_READ_CHARS:
            reason = f"too long to read: {len(article.text):,} characters (limit {MAX_READ_CHARS:,})"
            store.record_failure(Failure(article.id, reason, stage="read"))
        else:
            todo.append(article)
    done = 0
    for i in range(0, len(todo), STREAM):
        stream = todo[i : i + STREAM]
        n_process = processes if len(stream) >= MIN_PER_PROCESS * processes else 1
        for j, readings in enumerate(_read_chunks(store, stream, n_process)):
            with store.transaction():
                for reading in readings:
                    rstore.save_reading(store, reading)
                    done += 1
            if on_progress:
                on_progress(min(i + (j + 1) * CHUNK, len(todo)), len(todo))
    return done


def _read_chunks(store: Store, articles: list[Article], n_process: int) -> Iterator[list[Reading]]:
    """Readings in chunks of ``CHUNK``; if the stream fails, the rest is read article by article."""
    out: list[Reading] = []
    produced = 0  # readings come in input order, so articles[produced:] are still unread
    try:
        for reading in read_articles(articles, n_process=n_process):
            out.append(reading)
            produced += 1
            if len(out) == CHUNK:
                yield out
                out = []
    except Exception as exc:  # one bad article must not sink the batch: retry one by one
        log.warning("batch read failed (%s: %s); retrying article by article", type(exc).__name__, exc)
        out.extend(_one_by_one(store, articles[produced:]))
    if out:
        yield out


def _one_by_one(store: Store, articles: list[Article]) -> list[Reading]:
    out: list[Reading] = []
    for article in articles:
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
