"""The store: WAL, migrations recorded, FTS5 over title and text, raw input compressed, failures, and a
Hypothesis round-trip of arbitrary Unicode."""

from __future__ import annotations

import sqlite3
import string
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.model import Article, Failure
from crosswire.store import migrations
from crosswire.store.db import Store, StoreError, fts_query


def make(id_: str, text: str = "The ferry runs again.", **fields: object) -> Article:
    defaults: dict[str, object] = {
        "title": "Ferry",
        "outlet": "Orrin Courier",
        "source": "test",
        "content_hash": id_,
        "ingested_at": "2026-05-01T00:00:00Z",
    }
    return Article(id=id_, text=text, **{**defaults, **fields})  # type: ignore[arg-type]


def put(store: Store, *articles: Article) -> None:
    for seq, a in enumerate(articles, start=store.next_seq()):
        store.insert_article(a, seq)


# --- schema ----------------------------------------------------------------------------------------


def test_wal_mode_and_migrations_recorded(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    Store(path).close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        recorded = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY rowid")]
        assert recorded == [name for name, _fn in migrations.MIGRATIONS]
        assert recorded[:2] == ["m001_articles", "m002_fts"]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "articles_fts", "raw", "failures", "runs", "minhashes"} <= tables
        assert (
            "fts5" in con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        )
    finally:
        con.close()


def test_reopening_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cw.db"
    Store(path).close()
    con = sqlite3.connect(path)
    try:
        assert migrations.apply_migrations(con) == []
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
            migrations.MIGRATIONS
        )
    finally:
        con.close()


def test_older_database_is_migrated_forward_keeping_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cw.db"
    everything = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", everything[:2])  # an old version of crosswire
    with Store(path) as old:
        old.db.execute(
            "INSERT INTO articles (id, content_hash, outlet, title, text, source, "
            "source_kind, ingested_at, seq) "
            "VALUES ('x1', 'h', 'Orrin Courier', 'Ferry', 'The ferry runs again.', 's', 'text', 't', 1)"
        )
    monkeypatch.setattr(migrations, "MIGRATIONS", everything)
    con = sqlite3.connect(path)
    try:
        applied = migrations.apply_migrations(con)
        assert applied == [name for name, _fn in everything[2:]]
        assert con.execute("SELECT title FROM articles WHERE id = 'x1'").fetchone()[0] == "Ferry"
    finally:
        con.close()
    with Store(path) as new:
        [(article, _snip, _rank)] = new.search("ferry")
        assert article.id == "x1"


def test_failed_migration_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def m999_broken() -> str:
        return "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("m999_broken", m999_broken)])
    path = tmp_path / "cw.db"
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        Store(path)
    con = sqlite3.connect(path)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM schema_migrations")}
        assert "m999_broken" not in names and "m001_articles" in names
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    finally:
        con.close()


# --- articles, search ------------------------------------------------------------------------------


def test_insert_and_get_by_id_and_unique_prefix(store: Store) -> None:
    a = make("abc123", author="R. Ilves", url="https://orrin.example/1", published="2026-05-01T10:00:00Z")
    b = make("abd999")
    put(store, a, b)
    assert store.get("abc123") == a
    assert store.get("abc") == a
    assert store.get("abd") == b
    assert store.get("zzz") is None
    with pytest.raises(StoreError, match="ambiguous"):
        store.get("ab")


def test_fts_over_title_and_text(store: Store) -> None:
    put(
        store,
        make("t1", title="Lighthouse becomes museum", text="The tower opens in spring."),
        make("t2", title="Strait swim", text="Swimmers raised money for the lighthouse crew."),
        make("t3", title="Café opens", text="A new café on the quay."),
    )
    assert [a.id for a, _s, _r in store.search("museum")] == ["t1"]
    assert {a.id for a, _s, _r in store.search("lighthouse")} == {"t1", "t2"}
    assert [a.id for a, _s, _r in store.search("cafe")] == ["t3"]  # diacritics folded
    [(_a, snippet, _rank)] = store.search("swimmers")
    assert "[Swimmers]" in snippet
    assert [a.id for a, _s, _r in store.search("light*")] in (["t1", "t2"], ["t2", "t1"])
    assert [a.id for a in store.articles(query="tower OR quay")] == ["t1", "t3"]


@pytest.mark.parametrize("query", ["U.S.", "al-Nusra", '"unbalanced', "NOT", "a AND", "(x", "*", "col:on"])
def test_search_never_chokes_on_user_text(store: Store, query: str) -> None:
    put(store, make("t1", text="The U.S. envoy met al-Nusra go-betweens (reportedly)."))
    store.search(query)  # no exception
    assert fts_query(query)  # never empty


@pytest.mark.parametrize(
    ("query", "fts"),
    [
        ("lighthouse museum", '"lighthouse" "museum"'),
        ("lighthouse OR museum", '"lighthouse" OR "museum"'),
        ("light* NOT museum", '"light"* NOT "museum"'),
        ("NOT museum", '"museum"'),  # dangling operators dropped
        ("museum AND", '"museum"'),
        ("a OR OR b", '"a" OR "b"'),
        ('say "hi', '"say" """hi"'),
        ("", '""'),
    ],
)
def test_fts_query(query: str, fts: str) -> None:
    assert fts_query(query) == fts


def test_search_finds_punctuated_terms(store: Store) -> None:
    put(store, make("t1", text="The U.S. envoy met al-Nusra go-betweens."), make("t2", text="Nothing here."))
    assert [a.id for a, _s, _r in store.search("U.S.")] == ["t1"]
    assert [a.id for a, _s, _r in store.search("al-Nusra")] == ["t1"]


def test_article_filters(store: Store) -> None:
    put(
        store,
        make("a1", outlet="Orrin Courier", published="2026-05-01T10:00:00Z"),
        make("a2", outlet="Valley Post", published="2026-05-02T23:30:00Z"),
        make("a3", outlet="Orrin Courier", published="2026-05-03T01:00:00Z"),
        make("a4", outlet="Orrin Courier", published=None),
    )
    assert [a.id for a in store.articles()] == ["a4", "a1", "a2", "a3"]  # unknown dates first, then oldest
    assert [a.id for a in store.articles(outlet="Orrin Courier")] == ["a4", "a1", "a3"]
    assert [a.id for a in store.articles(since="2026-05-02")] == ["a2", "a3"]
    assert [a.id for a in store.articles(until="2026-05-02")] == ["a1", "a2"]  # the whole day included
    assert [a.id for a in store.articles(limit=2)] == ["a4", "a1"]


def test_fts_follows_updates(store: Store) -> None:
    put(store, make("t1", title="Old headline", text="Body text."))
    store.db.execute("UPDATE articles SET title = 'Corrected headline' WHERE id = 't1'")
    assert store.search("old") == []
    assert [a.id for a, _s, _r in store.search("corrected")] == ["t1"]
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_duplicate_id_refused_by_the_store(store: Store) -> None:
    put(store, make("t1"))
    with pytest.raises(sqlite3.IntegrityError):
        put(store, make("t1"))
    assert store.count() == 1


# --- raw, failures, runs ------------------------------------------------------------------------------


def test_raw_compressed_round_trip(store: Store) -> None:
    data = ("<p>The ferry runs again.</p>\n" * 200).encode()
    store.put_raw("r1", "page.html", "text/html", data)
    store.put_raw("r1", "other.html", "text/html", b"ignored: same id")  # first write wins
    assert store.raw("r1") == data
    assert store.raw("nope") is None
    blob = store.db.execute("SELECT data FROM raw WHERE id = 'r1'").fetchone()[0]
    assert len(blob) < len(data) // 10
    assert zlib.decompress(blob) == data


def test_failures_recorded_once_per_item_counting_attempts(store: Store) -> None:
    store.record_failure(Failure("bad.html", "no article text"))
    store.record_failure(Failure("bad.html", "still no article text"))
    store.record_failure(Failure("bad.jsonl:3", "invalid JSON"))
    rows = {r["origin"]: r for r in store.failures()}
    assert set(rows) == {"bad.html", "bad.jsonl:3"}
    assert (rows["bad.html"]["reason"], rows["bad.html"]["attempts"]) == ("still no article text", 2)
    assert rows["bad.html"]["stage"] == "ingest"
    store.clear_failure("bad.html")
    assert [r["origin"] for r in store.failures()] == ["bad.jsonl:3"]
    assert store.stats()["failures"] == 1


def test_runs_recorded(store: Store) -> None:
    run_id = store.start_run("ingest a b")
    store.finish_run(run_id, {"new": 2})
    row = store.db.execute("SELECT command, started, finished, counts FROM runs").fetchone()
    assert (row["command"], row["counts"]) == ("ingest a b", '{"new": 2}')
    assert row["started"].endswith("Z") and row["finished"].endswith("Z")


# --- Hypothesis: arbitrary Unicode round-trips ---------------------------------------------------------

UNICODE = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
TOKEN = "zqxmarker"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=UNICODE,
    tail=UNICODE,
    title=UNICODE,
    outlet=UNICODE,
    author=st.none() | UNICODE,
    url=st.none() | UNICODE,
    id_=st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=16),
)
def test_arbitrary_unicode_round_trips(
    text: str, tail: str, title: str, outlet: str, author: str | None, url: str | None, id_: str
) -> None:
    body = f"{text} {TOKEN} {tail}"
    article = make(id_, body, title=title, outlet=outlet, author=author, url=url, source=text, host=url)
    with Store(":memory:") as store:
        store.insert_article(article, 1)
        got = store.get(id_)
        assert got == article
        assert got is not None and got.text == body and got.title == title and got.outlet == outlet
        assert [a.id for a, _snip, _rank in store.search(TOKEN)] == [id_]
        assert [a.id for a in store.articles(outlet=outlet)] == [id_]


def test_failures_table_keeps_the_file_name_and_reason_when_narrow() -> None:
    from rich.console import Console

    from crosswire.present.render import failures_table

    origin = "/very/long/path/to/some/feeds/and/folders/harbour-times_business_rss.xml"
    row = {
        "origin": origin,
        "stage": "ingest",
        "reason": "feed unreachable: timed out",
        "attempts": 2,
        "last_seen": "2026-12-01T00:04:45Z",
    }
    texts = {}
    for width in (80, 160):
        console = Console(width=200, record=True)  # wide enough not to fold: the layout is what is checked
        console.print(failures_table([row], width))
        texts[width] = console.export_text()
    assert "…/harbour-times_business" in texts[80] and "/very/long" not in texts[80]  # the file name
    assert "┃ tries ┃" in texts[80] and "┃ attempts ┃" in texts[160]
    assert "2026-12-01 00:04 " in texts[80] and "feed unreachable: timed out" in texts[80]
    assert origin in texts[160] and "2026-12-01 00:04:45Z" in texts[160]
