"""Readings and resolved entities in the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.model import Article, Span
from crosswire.read.entities import is_named, mention_id
from crosswire.read.reader import READER_VERSION, Reading
from crosswire.read.resolve import Entity, Resolution
from crosswire.store.db import Store, _row_to_article, now_iso


def unread(store: Store, version: int = READER_VERSION) -> list[Article]:
    """Articles with no reading of the current version, in ingest order."""
    rows = store.db.execute(
        "SELECT a.* FROM articles a LEFT JOIN readings r ON r.article_id = a.id "
        "WHERE r.article_id IS NULL OR r.version < ? ORDER BY a.seq",
        (version,),
    )
    return [_row_to_article(r) for r in rows]


def save_reading(store: Store, reading: Reading) -> None:
    store.db.execute(
        "INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?)",
        (reading.article_id, READER_VERSION, json.dumps(reading.to_json(), ensure_ascii=False), now_iso()),
    )


def get_reading(store: Store, article_id: str) -> Reading | None:
    row = store.db.execute("SELECT data FROM readings WHERE article_id = ?", (article_id,)).fetchone()
    return Reading.from_json(json.loads(row[0])) if row else None


def all_readings(store: Store) -> Iterator[Reading]:
    for (data,) in store.db.execute("SELECT data FROM readings ORDER BY article_id"):
        yield Reading.from_json(json.loads(data))


def save_resolution(store: Store, resolution: Resolution, readings: dict[str, Reading]) -> None:
    """Replace the corpus-wide entities with a new resolution."""
    mentions = {m.id: m for r in readings.values() for m in r.mentions}
    with store.transaction():
        store.db.execute("DELETE FROM entity_mentions")
        store.db.execute("DELETE FROM entities")
        for e in resolution.entities:
            store.db.execute(
                "INSERT INTO entities VALUES (?, ?, ?, ?)",
                (e.id, e.kind, e.name, json.dumps(e.aliases, ensure_ascii=False)),
            )
        for mention_id, entity_id in resolution.entity_of.items():
            m = mentions.get(mention_id)
            if m is not None:
                store.db.execute(
                    "INSERT OR IGNORE INTO entity_mentions VALUES (?, ?, ?, ?, ?)",
                    (entity_id, m.span.article_id, m.span.start, m.span.end, m.surface),
                )


def entity_table(store: Store, limit: int = 100) -> list[dict[str, object]]:
    """Named entities (``is_named``) by number of mentions, with their variants and the outlets that mention
    them."""
    store.db.create_function("is_named", 2, is_named, deterministic=True)
    rows = store.db.execute(
        """SELECT e.id, e.kind, e.name, e.aliases, count(*) AS mentions,
                  group_concat(DISTINCT a.outlet) AS outlets, count(DISTINCT m.article_id) AS articles
           FROM entities e JOIN entity_mentions m ON m.entity_id = e.id JOIN articles a ON a.id = m.article_id
           WHERE is_named(e.kind, e.name)
           GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?""",
        (limit,),
    )
    return [
        {**dict(r), "aliases": json.loads(r["aliases"]), "outlets": (r["outlets"] or "").split(",")}
        for r in rows
    ]


def load_resolution(store: Store) -> Resolution | None:
    """The corpus-wide entities ``save_resolution`` stored, or None when the store has none."""
    entities = {
        r["id"]: Entity(r["id"], r["kind"], r["name"], json.loads(r["aliases"]), [])
        for r in store.db.execute("SELECT id, kind, name, aliases FROM entities")
    }
    if not entities:
        return None
    entity_of: dict[str, str] = {}
    for r in store.db.execute("SELECT entity_id, article_id, start, end FROM entity_mentions"):
        mid = mention_id(Span(r["article_id"], r["start"], r["end"]))
        entity_of[mid] = r["entity_id"]
        entities[r["entity_id"]].mention_ids.append(mid)
    return Resolution(list(entities.values()), entity_of)


@dataclass(frozen=True)
class EntityMention:
    """One stored mention of an entity: its article, exact span and surface, and the article's event."""

    article: Article
    start: int
    end: int
    surface: str
    event_id: str | None


def get_entity(store: Store, key: str) -> Entity | None:
    """An entity by id, else the most mentioned one named ``key`` or spelled so (case-insensitive)."""
    row = store.db.execute("SELECT id, kind, name, aliases FROM entities WHERE id = ?", (key,)).fetchone()
    if row is None:
        row = store.db.execute(
            """SELECT e.id, e.kind, e.name, e.aliases FROM entities e
               JOIN entity_mentions m ON m.entity_id = e.id
               WHERE e.id IN (SELECT entity_id FROM entity_mentions WHERE lower(surface) = lower(?))
                  OR lower(e.name) = lower(?)
               GROUP BY e.id ORDER BY lower(e.name) = lower(?) DESC, count(*) DESC LIMIT 1""",
            (key, key, key),
        ).fetchone()
    if row is None:
        return None
    return Entity(row["id"], row["kind"], row["name"], json.loads(row["aliases"]), [])


def entity_mentions(store: Store, entity_id: str) -> list[EntityMention]:
    """Every stored mention of an entity, articles in publication order (undated last), spans in order."""
    rows = store.db.execute(
        """SELECT a.*, m.start AS m_start, m.end AS m_end, m.surface AS m_surface, em.event_id AS m_event
           FROM entity_mentions m JOIN articles a ON a.id = m.article_id
           LEFT JOIN event_members em ON em.article_id = a.id
           WHERE m.entity_id = ?
           ORDER BY a.published IS NULL, a.published, a.id, m.start""",
        (entity_id,),
    )
    return [
        EntityMention(_row_to_article(r), r["m_start"], r["m_end"], r["m_surface"], r["m_event"])
        for r in rows
    ]


def article_entities(store: Store, article_id: str) -> list[dict[str, object]]:
    """The named entities an article mentions (``is_named``), most mentioned first, with counts in it."""
    store.db.create_function("is_named", 2, is_named, deterministic=True)
    rows = store.db.execute(
        """SELECT e.id, e.kind, e.name, count(*) AS mentions
           FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.article_id = ? AND is_named(e.kind, e.name)
           GROUP BY e.id ORDER BY mentions DESC, e.name""",
        (article_id,),
    )
    return [dict(r) for r in rows]
