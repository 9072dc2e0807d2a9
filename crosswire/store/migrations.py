"""Schema migrations: small functions returning SQL, applied in order, each in one transaction,
recorded in ``schema_migrations``.

Add a migration by appending a decorated function; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[], str]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_articles() -> str:
    return """
        CREATE TABLE raw (
            id TEXT PRIMARY KEY,            -- sha256 of the input bytes
            origin TEXT NOT NULL,
            media_type TEXT NOT NULL,
            data BLOB NOT NULL              -- zlib-compressed input bytes
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            url TEXT,
            outlet TEXT NOT NULL,
            title TEXT NOT NULL,
            published TEXT,                 -- UTC ISO 8601, or NULL when unknown
            text TEXT NOT NULL,
            language TEXT,
            author TEXT,
            source TEXT NOT NULL,           -- where it came from: path, path:line, URL
            source_kind TEXT NOT NULL,
            external_id TEXT,
            story_id TEXT,                  -- gold label carried by evaluation inputs
            copy_of TEXT REFERENCES articles(id),
            copy_kind TEXT CHECK (copy_kind IN ('exact', 'near') OR copy_kind IS NULL),
            raw_id TEXT REFERENCES raw(id),
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL            -- ingest order; 'first seen' means lowest seq
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_copy_of ON articles(copy_of);
        CREATE TABLE minhashes (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            signature BLOB NOT NULL         -- uint64 hash values of the MinHash
        );
        CREATE TABLE failures (
            origin TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (origin, stage)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            counts TEXT                     -- JSON
        );
        """


@migration
def m002_fts() -> str:
    return """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """


@migration
def m003_outlet_hosts() -> str:
    return """
        ALTER TABLE articles ADD COLUMN host TEXT;
        ALTER TABLE articles ADD COLUMN outlet_inferred INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX articles_host ON articles(host);
        CREATE TABLE outlet_hosts (         -- outlet names stated by the sources, per URL host
            host TEXT PRIMARY KEY,
            outlet TEXT NOT NULL
        );
    """


@migration
def m004_readings() -> str:
    return """
        CREATE TABLE readings (             -- what the read stage found in each article (JSON)
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            version INTEGER NOT NULL,
            data TEXT NOT NULL,
            read_at TEXT NOT NULL
        );
        CREATE TABLE entities (             -- corpus-wide resolved entities
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL           -- JSON list of surface forms
        );
        CREATE TABLE entity_mentions (
            entity_id TEXT NOT NULL REFERENCES entities(id),
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            surface TEXT NOT NULL,
            PRIMARY KEY (article_id, start, end)
        );
        CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
    """


@migration
def m005_events() -> str:
    return """
        CREATE TABLE storylines (           -- events that continue one another
            id TEXT PRIMARY KEY,
            ord INTEGER NOT NULL UNIQUE     -- founding order
        );
        CREATE TABLE events (               -- one real-world happening; refreshed as members arrive
            id TEXT PRIMARY KEY,
            ord INTEGER NOT NULL UNIQUE,    -- founding order (the clusterer's key)
            storyline_id TEXT NOT NULL REFERENCES storylines(id),
            headline TEXT NOT NULL,         -- title of the earliest original member
            first_seen TEXT,                -- UTC ISO 8601, NULL when no member is dated
            last_seen TEXT,
            articles INTEGER NOT NULL,      -- members, copies included
            outlets TEXT NOT NULL           -- JSON list of outlet names, sorted
        );
        CREATE INDEX events_storyline ON events(storyline_id);
        CREATE INDEX events_size ON events(articles, last_seen);
        CREATE TABLE event_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            event_id TEXT NOT NULL REFERENCES events(id),
            ord INTEGER NOT NULL            -- assignment order across runs
        );
        CREATE INDEX event_members_event ON event_members(event_id);
        CREATE TABLE cluster_state (        -- the online clusterer's state, to resume incrementally
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,       -- OnlineClusterer state version
            codec TEXT NOT NULL,            -- 'json+zlib'
            data BLOB NOT NULL,
            articles INTEGER NOT NULL,      -- members recorded with this state
            saved_at TEXT NOT NULL
        );
        CREATE TABLE article_vectors (      -- cached embeddings, so re-runs never re-embed
            article_id TEXT NOT NULL REFERENCES articles(id),
            model TEXT NOT NULL,            -- embedding model and view, e.g. 'all-MiniLM-L6-v2/view90'
            vector BLOB NOT NULL,           -- float32, little-endian
            PRIMARY KEY (article_id, model)
        );
    """


@migration
def m006_sentence_vectors() -> str:
    return """
        CREATE TABLE sentence_vectors (     -- compare-stage sentence embeddings (dossiers not re-embedded)
            key TEXT PRIMARY KEY,           -- sha1 of model name and sentence text
            vector BLOB NOT NULL            -- float32, little-endian
        );
    """


@migration
def m007_date_read_from() -> str:
    return """
        ALTER TABLE articles ADD COLUMN date_read_from TEXT;  -- header, title or url: the source stated none
    """


@migration
def m008_raw_lookup() -> str:
    return """
        -- re-ingesting the same bytes from the same source is found before extraction and cleaning
        CREATE INDEX IF NOT EXISTS articles_raw_source ON articles(raw_id, source);
    """


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied.

    Each runs in one explicit transaction together with its record, so a crash leaves either
    all of it or none of it.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM schema_migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        stamp = datetime.now(UTC).isoformat()
        try:
            db.executescript(
                f"BEGIN;\n{fn()}\nINSERT INTO schema_migrations VALUES ('{name}', '{stamp}');\nCOMMIT;"
            )
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
