"""Events, storylines, the clusterer's saved state and cached article vectors, in the store.

Reading: ``list_events``, ``get_event``, ``event_articles``, ``event_groups``, ``storyline_events``.
Writing (for ``crosswire.cluster.run``): ``unassigned``, ``record``,
``save_state``/``load_state``, ``cached_vectors``/``put_vectors``, ``clear_clustering``.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from crosswire.model import Article
from crosswire.store.db import Store, StoreError, _row_to_article, now_iso

STATE_CODEC = "json+zlib"
HEADLINE_FALLBACK_CHARS = 90  # untitled events: the start of the earliest report's text


@dataclass
class EventRow:
    id: str
    storyline_id: str
    headline: str  # title of the event's most representative original article (see _headline)
    first_seen: str | None  # UTC ISO 8601
    last_seen: str | None
    articles: int  # members incl. copies
    outlets: list[str]


_EVENT_COLUMNS = "id, storyline_id, headline, first_seen, last_seen, articles, outlets"


def _event(row: sqlite3.Row) -> EventRow:
    return EventRow(
        row["id"],
        row["storyline_id"],
        row["headline"],
        row["first_seen"],
        row["last_seen"],
        row["articles"],
        json.loads(row["outlets"]),
    )


# -- reading ----------------------------------------------------------------------------------------


def list_events(store: Store, min_articles: int = 1) -> list[EventRow]:
    """Events with at least ``min_articles`` members: most articles first, then newest."""
    rows = store.db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE articles >= ? "
        "ORDER BY articles DESC, coalesce(last_seen, '') DESC, ord",
        (min_articles,),
    )
    return [_event(r) for r in rows]


def _by_prefix(store: Store, table: str, prefixes: Sequence[str], what: str) -> str | None:
    """The one id in ``table`` equal to, or starting with, one of ``prefixes``."""
    for prefix in prefixes:
        rows = store.db.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (prefix, prefix + "\uffff"),
        ).fetchall()
        ids = [r[0] for r in rows]
        if prefix in ids:
            return prefix
        if len(ids) > 1:
            raise StoreError(f"{what} id prefix {prefix!r} is ambiguous")
        if ids:
            return str(ids[0])
    return None


def _prefixes(text: str, marker: str) -> list[str]:
    return [text] if text.startswith(marker) else [text, marker + text]


def get_event(store: Store, id_or_prefix: str) -> EventRow | None:
    """An event by id or unique id prefix (``ev-`` may be left out); ``StoreError`` when ambiguous."""
    event_id = _by_prefix(store, "events", _prefixes(id_or_prefix, "ev-"), "event")
    if event_id is None:
        return None
    row = store.db.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    return _event(row)


def find_storyline(store: Store, id_or_prefix: str) -> str | None:
    """A storyline id from its id or unique prefix (``sl-`` may be left out), or from one of its events."""
    found = _by_prefix(store, "storylines", _prefixes(id_or_prefix, "sl-"), "storyline")
    if found is None and (event := get_event(store, id_or_prefix)) is not None:
        found = event.storyline_id
    return found


def event_articles(store: Store, event_id: str) -> list[Article]:
    """The event's members, copies included, in publication order (undated last, then ingest order)."""
    rows = store.db.execute(
        "SELECT a.* FROM event_members m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.seq",
        (event_id,),
    )
    return [_row_to_article(r) for r in rows]


def event_groups(store: Store) -> dict[str, str]:
    """Article id -> event id, for every clustered article."""
    return {r[0]: r[1] for r in store.db.execute("SELECT article_id, event_id FROM event_members")}


def storyline_events(store: Store, storyline_id: str) -> list[EventRow]:
    """The storyline's events in time order (undated last; ties in founding order)."""
    rows = store.db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE storyline_id = ? "
        "ORDER BY first_seen IS NULL, first_seen, ord",
        (storyline_id,),
    )
    return [_event(r) for r in rows]


def storyline_sizes(store: Store) -> dict[str, int]:
    """How many events each storyline holds."""
    rows = store.db.execute("SELECT storyline_id, count(*) FROM events GROUP BY storyline_id")
    return {r[0]: r[1] for r in rows}


def counts(store: Store) -> dict[str, int]:
    """How many events, storylines and clustered articles the store holds."""
    return {
        "events": store.count("events"),
        "storylines": store.count("storylines"),
        "clustered": store.count("event_members"),
    }


# -- writing ----------------------------------------------------------------------------------------


def unassigned(store: Store) -> list[Article]:
    """Articles in no event yet, in publication order (undated ones first, by ingest order)."""
    rows = store.db.execute(
        "SELECT a.* FROM articles a LEFT JOIN event_members m ON m.article_id = a.id "
        "WHERE m.article_id IS NULL ORDER BY coalesce(a.published, ''), a.seq"
    )
    return [_row_to_article(r) for r in rows]


def clustered_copies(store: Store, original_ids: Iterable[str]) -> dict[str, str]:
    """For each given original that has clustered copies: the id of its earliest clustered copy."""
    found: dict[str, str] = {}
    for original in original_ids:
        row = store.db.execute(
            "SELECT a.id FROM articles a JOIN event_members m ON m.article_id = a.id "
            "WHERE a.copy_of = ? ORDER BY m.ord LIMIT 1",
            (original,),
        ).fetchone()
        if row:
            found[original] = row[0]
    return found


def next_member_ord(store: Store) -> int:
    return int(store.db.execute("SELECT coalesce(max(ord), -1) + 1 FROM event_members").fetchone()[0])


def record(
    store: Store, members: Sequence[tuple[str, str, int]], events: Sequence[tuple[str, int, str]]
) -> None:
    """Record (article id, event id, assignment order) rows, and create or refresh the events they touch.

    ``events``: (event id, founding order, storyline id), in founding order: a storyline takes the founding
    order of its first event.
    """
    for event_id, ordinal, storyline_id in events:
        store.db.execute("INSERT OR IGNORE INTO storylines (id, ord) VALUES (?, ?)", (storyline_id, ordinal))
        store.db.execute(
            "INSERT OR IGNORE INTO events (id, ord, storyline_id, headline, articles, outlets) "
            "VALUES (?, ?, ?, '', 0, '[]')",
            (event_id, ordinal, storyline_id),
        )
    store.db.executemany("INSERT INTO event_members (article_id, event_id, ord) VALUES (?, ?, ?)", members)
    for event_id, _, _ in events:
        first, last, size, outlets = _summary(store, event_id)
        store.db.execute(
            "UPDATE events SET headline = ?, first_seen = ?, last_seen = ?, articles = ?, outlets = ? "
            "WHERE id = ?",
            (_headline(store, event_id), first, last, size, outlets, event_id),
        )


def _summary(store: Store, event_id: str) -> tuple[str | None, str | None, int, str]:
    row = store.db.execute(
        "SELECT min(a.published), max(a.published), count(*), json_group_array(DISTINCT a.outlet) "
        "FROM event_members m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?",
        (event_id,),
    ).fetchone()
    return row[0], row[1], int(row[2]), json.dumps(sorted(json.loads(row[3])), ensure_ascii=False)


def _headline(store: Store, event_id: str) -> str:
    """The title of the event's most representative original: nearest the mean of the members' cached
    vectors (a tabloid's all-caps splash should not name a story four outlets report); without vectors,
    the earliest original's title, else the start of its text."""
    rows = store.db.execute(
        "SELECT a.id, a.title, a.text FROM event_members m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? "
        "ORDER BY a.copy_of IS NOT NULL, a.published IS NULL, a.published, a.seq",
        (event_id,),
    ).fetchall()
    titled = {r[0]: r[1].strip() for r in rows if (r[1] or "").strip()}
    vectors = _any_vectors(store, list(titled)) if len(titled) > 2 else {}
    if len(vectors) > 2:
        ids = list(vectors)
        matrix = np.stack([vectors[i] for i in ids])
        return titled[ids[int(np.argmax(matrix @ matrix.mean(axis=0)))]]
    if titled:
        return next(iter(titled.values()))
    return " ".join(rows[0][2].split())[:HEADLINE_FALLBACK_CHARS]


def _any_vectors(store: Store, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
    """One cached vector per article (whichever model cached it), in ``article_ids`` order."""
    found: dict[str, np.ndarray] = {}
    for article_id in article_ids:
        row = store.db.execute(
            "SELECT vector FROM article_vectors WHERE article_id = ? ORDER BY model LIMIT 1", (article_id,)
        ).fetchone()
        if row:
            found[article_id] = np.frombuffer(row[0], dtype="<f4")
    return found


def save_state(store: Store, state: dict[str, Any], version: int) -> None:
    """Replace the saved clusterer state (call inside the transaction that records its members)."""
    data = zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)
    store.db.execute(
        "INSERT OR REPLACE INTO cluster_state (id, version, codec, data, articles, saved_at) "
        "VALUES (1, ?, ?, ?, (SELECT count(*) FROM event_members), ?)",
        (version, STATE_CODEC, data, now_iso()),
    )


@dataclass
class SavedState:
    state: dict[str, Any]
    version: int
    articles: int  # members recorded when it was saved


def load_state(store: Store) -> SavedState | None:
    row = store.db.execute("SELECT version, codec, data, articles FROM cluster_state WHERE id = 1").fetchone()
    if row is None:
        return None
    if row["codec"] != STATE_CODEC:
        raise StoreError(f"unknown cluster state codec {row['codec']!r}")
    return SavedState(json.loads(zlib.decompress(row["data"])), row["version"], row["articles"])


def clear_clustering(store: Store) -> None:
    """Forget every event, storyline and the saved state (cached vectors stay)."""
    with store.transaction():
        for table in ("event_members", "events", "storylines", "cluster_state"):
            store.db.execute(f"DELETE FROM {table}")


# -- cached vectors -----------------------------------------------------------------------------------


def cached_vectors(store: Store, article_ids: Sequence[str], model: str) -> dict[str, np.ndarray]:
    """Stored float32 vectors of ``model`` for those of ``article_ids`` that have one."""
    found: dict[str, np.ndarray] = {}
    for article_id in article_ids:
        row = store.db.execute(
            "SELECT vector FROM article_vectors WHERE article_id = ? AND model = ?", (article_id, model)
        ).fetchone()
        if row:
            found[article_id] = np.frombuffer(row[0], dtype="<f4").copy()
    return found


def put_vectors(store: Store, vectors: dict[str, np.ndarray], model: str) -> None:
    store.db.executemany(
        "INSERT OR REPLACE INTO article_vectors (article_id, model, vector) VALUES (?, ?, ?)",
        [(aid, model, np.asarray(v, dtype="<f4").tobytes()) for aid, v in vectors.items()],
    )
