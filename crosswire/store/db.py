"""The store: one SQLite file in WAL mode, behind a small API.

Every stage reads and writes through here, so each can be re-run, resumed and inspected alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crosswire.model import Article, Failure
from crosswire.store.migrations import apply_migrations

ARTICLE_COLUMNS = [f.name for f in fields(Article)]


class StoreError(Exception):
    """A store operation failed in a way the user can act on."""


def default_db_path() -> Path:
    """``$CROSSWIRE_DB``, else ``$XDG_DATA_HOME/crosswire/crosswire.db`` (``~/.local/share/...``)."""
    if env := os.environ.get("CROSSWIRE_DB"):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "crosswire" / "crosswire.db"


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row_to_article(row: sqlite3.Row) -> Article:
    article = Article(**{name: row[name] for name in ARTICLE_COLUMNS})
    article.outlet_inferred = bool(article.outlet_inferred)
    return article


class Store:
    """Open (creating and migrating if needed) a crosswire database."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=10000")
        apply_migrations(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- articles -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def same_item(self, content_hash: str, source: str) -> str | None:
        """The article already stored from this source with this content, if any."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND source = ? ORDER BY seq LIMIT 1",
            (content_hash, source),
        ).fetchone()
        return row[0] if row else None

    def same_raw(self, raw_id: str, source: str) -> str | None:
        """The article already stored from these exact input bytes from this source, if any."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE raw_id = ? AND source = ? ORDER BY seq LIMIT 1", (raw_id, source)
        ).fetchone()
        return row[0] if row else None

    def first_with_content(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def next_seq(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])

    def put_raw(self, raw_id: str, origin: str, media_type: str, data: bytes) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO raw (id, origin, media_type, data) VALUES (?, ?, ?, ?)",
            (raw_id, origin, media_type, zlib.compress(data, 6)),
        )

    def raw(self, raw_id: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM raw WHERE id = ?", (raw_id,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def insert_article(self, article: Article, seq: int, signature: bytes | None = None) -> None:
        cols = [*ARTICLE_COLUMNS, "seq"]
        values = [getattr(article, c) for c in ARTICLE_COLUMNS] + [seq]
        self.db.execute(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values
        )
        if signature is not None:
            self.db.execute("INSERT INTO minhashes VALUES (?, ?)", (article.id, signature))

    def learn_outlet(self, host: str, outlet: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO outlet_hosts VALUES (?, ?)", (host, outlet))

    def outlet_for_host(self, host: str) -> str | None:
        row = self.db.execute("SELECT outlet FROM outlet_hosts WHERE host = ?", (host,)).fetchone()
        return row[0] if row else None

    def harmonise_outlets(self) -> int:
        """Give articles whose outlet was guessed the name their host's other articles state."""
        cur = self.db.execute(
            """UPDATE articles SET outlet = (SELECT outlet FROM outlet_hosts h WHERE h.host = articles.host)
               WHERE outlet_inferred AND host IN (SELECT host FROM outlet_hosts)
               AND outlet != (SELECT outlet FROM outlet_hosts h WHERE h.host = articles.host)"""
        )
        return cur.rowcount

    def make_original(self, article_id: str, old_root: str, kind: str) -> None:
        """``article_id`` (published earlier) becomes the original of ``old_root``'s copy group."""
        self.db.execute("UPDATE articles SET copy_of = ? WHERE copy_of = ?", (article_id, old_root))
        self.db.execute(
            "UPDATE articles SET copy_of = ?, copy_kind = ? WHERE id = ?", (article_id, kind, old_root)
        )

    def get(self, article_id: str) -> Article | None:
        """An article by id or by a unique id prefix."""
        rows = self.db.execute(
            "SELECT * FROM articles WHERE id = ? OR id LIKE ? LIMIT 2", (article_id, f"{article_id}%")
        ).fetchall()
        exact = [r for r in rows if r["id"] == article_id]
        if exact:
            return _row_to_article(exact[0])
        if len(rows) > 1:
            raise StoreError(f"article id prefix {article_id!r} is ambiguous")
        return _row_to_article(rows[0]) if rows else None

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        query: str | None = None,
        limit: int | None = None,
    ) -> list[Article]:
        where, params = _article_filters(outlet, since, until)
        if query:
            where.append("rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(query))
        sql = "SELECT * FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY coalesce(published, ''), seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_row_to_article(r) for r in self.db.execute(sql, params)]

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str, float]]:
        """Full-text search over title and text: (article, highlighted snippet, bm25 rank)."""
        sql = """
            SELECT a.*, snippet(articles_fts, 1, '[', ']', '…', 16) AS snip, bm25(articles_fts) AS rank
            FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?
        """
        try:
            rows = self.db.execute(sql, (fts_query(query), limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r}: {exc}") from exc
        return [(_row_to_article(r), r["snip"], r["rank"]) for r in rows]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute(
            "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id "
            "ORDER BY a.seq"
        )

    def count(self, table: str = "articles") -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- failures and runs ------------------------------------------------------------------------

    def record_failure(self, failure: Failure) -> None:
        stamp = now_iso()
        self.db.execute(
            """INSERT INTO failures (origin, stage, reason, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (origin, stage) DO UPDATE SET reason = excluded.reason,
               last_seen = excluded.last_seen, attempts = attempts + 1""",
            (failure.origin, failure.stage, failure.reason, stamp, stamp),
        )

    def clear_failure(self, origin: str, stage: str = "ingest") -> None:
        self.db.execute("DELETE FROM failures WHERE origin = ? AND stage = ?", (origin, stage))

    def failures(self, stage: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM failures", []
        if stage:
            sql, params = sql + " WHERE stage = ?", [stage]
        return [dict(r) for r in self.db.execute(sql + " ORDER BY last_seen, origin", params)]

    def start_run(self, command: str) -> int:
        cur = self.db.execute("INSERT INTO runs (command, started) VALUES (?, ?)", (command, now_iso()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (now_iso(), json.dumps(counts), run_id)
        )

    def stats(self) -> dict[str, Any]:
        q = self.db.execute
        return {
            "articles": self.count(),
            "originals": q("SELECT count(*) FROM articles WHERE copy_of IS NULL").fetchone()[0],
            "exact_copies": q("SELECT count(*) FROM articles WHERE copy_kind = 'exact'").fetchone()[0],
            "near_copies": q("SELECT count(*) FROM articles WHERE copy_kind = 'near'").fetchone()[0],
            "outlets": q("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0],
            "failures": self.count("failures"),
            "first_published": q("SELECT min(published) FROM articles").fetchone()[0],
            "last_published": q("SELECT max(published) FROM articles").fetchone()[0],
            "by_outlet": [
                dict(r)
                for r in q(
                    "SELECT outlet, count(*) AS articles, sum(copy_of IS NOT NULL) AS copies, "
                    "min(published) AS first, max(published) AS last FROM articles "
                    "GROUP BY outlet ORDER BY articles DESC, outlet"
                )
            ],
            "by_language": [
                dict(r)
                for r in q(
                    "SELECT coalesce(language, '?') AS language, count(*) AS articles FROM articles "
                    "GROUP BY language ORDER BY articles DESC"
                )
            ],
        }


FTS_OPERATORS = frozenset({"OR", "AND", "NOT"})


def fts_query(text: str) -> str:
    """Make free text safe for FTS5: quote each term (so 'al-Nusra' or 'U.S.' are not syntax),
    keeping explicit OR/AND/NOT operators and trailing-* prefixes."""
    terms: list[str] = []
    for tok in text.split():
        if tok in FTS_OPERATORS:
            if terms and terms[-1] not in FTS_OPERATORS:  # an operator only between terms: no syntax errors
                terms.append(tok)
            continue
        star = tok.endswith("*")
        tok = tok.rstrip("*").replace('"', '""')
        if tok:
            terms.append(f'"{tok}"' + ("*" if star else ""))
    while terms and terms[-1] in FTS_OPERATORS:
        terms.pop()
    return " ".join(terms) or '""'


def _article_filters(outlet: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until + ("T23:59:59Z" if len(until) == 10 else ""))
    return where, params
