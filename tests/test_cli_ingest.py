"""The CLI end to end: ``crosswire ingest|articles|search|show|stats|failures`` over a fixture directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crosswire.model import Article
from crosswire.present import cli as cli_module
from crosswire.present.cli import app
from tests.fixtures import FIXTURES, HTML_PAGE
from tests.fixtures.local_server import LocalServer

BROKEN_REASON = "no article text found in the page (navigation or boilerplate only?)"
TITLES = {
    "Orrin Falls library reopens after flood repairs",
    "Grebe Point harbour closed to small boats",
    "Orrin Falls ferry fares to double from June, council says",
    "Storm surge floods Marrow Quay",
    "Railway reopens after storm",
    "Choir wins regional prize",
    "Kestrel Bay lighthouse to become a museum",
    "Kestrel Bay swimmers cross the strait for charity",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "text").mkdir(parents=True)
    shutil.copy(FIXTURES / "text" / "orrin-courier_library-reopens.txt", root / "text")
    shutil.copy(FIXTURES / "text" / "untitled-bulletin.txt", root / "text")
    shutil.copy(HTML_PAGE, root / "ferry.html")
    shutil.copy(FIXTURES / "jsonl" / "tidewater-wire.jsonl", root / "wire.jsonl")
    shutil.copy(FIXTURES / "feeds" / "kestrel-bay-gazette.rss", root / "kestrel.rss")
    return root


def cli(runner: CliRunner, db: Path, *args: str, code: int = 0, **kwargs: Any) -> Any:
    result = runner.invoke(app, [args[0], "--db", str(db), *args[1:]], **kwargs)
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def cli_json(runner: CliRunner, db: Path, *args: str, code: int = 0) -> Any:
    return json.loads(cli(runner, db, *args, "--json", code=code).stdout)


def test_ingest_clean_directory_exits_0(runner: CliRunner, inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    out = cli_json(runner, db, "ingest", str(inbox), "--offline")
    assert out["counts"] == {"new": 8}
    assert out["failures"] == []
    assert out["by_outlet"]["Tidewater Wire"] == {"new": 3}
    again = cli_json(runner, db, "ingest", str(inbox), "--offline")
    assert again["counts"] == {"present": 8}


def test_ingest_with_a_broken_file_exits_3_and_says_why_on_one_line(
    runner: CliRunner, inbox: Path, tmp_path: Path
) -> None:
    broken = inbox / "a-rather-long-directory-name-for-wrapping" / "live-page-navigation-only.html"
    broken.parent.mkdir()
    broken.write_text("<html><body><nav><a href='/'>Home</a></nav><footer>Ledger</footer></body></html>")
    db = tmp_path / "cw.db"
    result = cli(runner, db, "ingest", str(inbox), "--offline", code=3)
    lines = [ln for ln in result.stderr.splitlines() if "failed" in ln]
    assert lines == [f"failed {broken}: {BROKEN_REASON}"]
    assert "new" in result.stdout and "failed" in result.stdout  # the summary table
    out = cli_json(runner, db, "ingest", str(inbox), "--offline", code=3)
    assert out["counts"] == {"present": 8, "failed": 1}
    assert out["failures"] == [{"origin": str(broken), "reason": BROKEN_REASON, "stage": "ingest"}]
    failures = cli_json(runner, db, "failures")
    assert [(f["origin"], f["reason"], f["attempts"]) for f in failures] == [(str(broken), BROKEN_REASON, 2)]


@pytest.fixture
def filled(runner: CliRunner, inbox: Path, tmp_path: Path) -> Path:
    (inbox / "broken.jsonl").write_text('{"id": "x", "text": \n')
    db = tmp_path / "cw.db"
    cli(runner, db, "ingest", str(inbox), "--offline", code=3)
    return db


def test_articles_json(runner: CliRunner, filled: Path) -> None:
    rows = cli_json(runner, filled, "articles")
    assert {r["title"] for r in rows} == TITLES
    assert [r["published"] or "" for r in rows] == sorted(r["published"] or "" for r in rows)  # oldest first
    surge = next(r for r in rows if r["title"] == "Storm surge floods Marrow Quay")
    assert surge["outlet"] == "Tidewater Wire"
    assert surge["published"] == "2026-06-01T19:40:00Z"
    assert surge["url"] == "https://tidewaterwire.example/a/101"
    assert surge["language"] == "en"
    assert surge["copy_of"] is None
    assert surge["words"] == 36
    only = cli_json(runner, filled, "articles", "--outlet", "Kestrel Bay Gazette")
    assert {r["title"] for r in only} == {
        "Kestrel Bay lighthouse to become a museum",
        "Kestrel Bay swimmers cross the strait for charity",
    }
    june = cli_json(runner, filled, "articles", "--since", "2026-06-01", "--until", "2026-06-30")
    assert {r["title"] for r in june} == {"Storm surge floods Marrow Quay", "Railway reopens after storm"}
    assert len(cli_json(runner, filled, "articles", "--limit", "3")) == 3
    ferry = cli_json(runner, filled, "articles", "-q", "ferry")
    assert {r["title"] for r in ferry} == {"Orrin Falls ferry fares to double from June, council says"}


def test_articles_table(runner: CliRunner, filled: Path) -> None:
    out = cli(runner, filled, "articles").stdout
    assert "8 articles" in out
    assert "Tidewat" in out  # (columns may be cut to the terminal's width)


def test_articles_table_shows_titles_as_written_and_notes_copies_when_narrow() -> None:
    from rich.console import Console

    from crosswire.present.render import articles_table

    text = "One two three."
    original = Article(id="a" * 16, text=text, title="[video] Dam bursts", outlet="Tidewater Wire")
    copy = Article(id="b" * 16, text=text, title="Dam bursts", copy_of="a" * 16, copy_kind="exact")
    for width, noted in ((110, "Dam bursts [copy of aaaaaaaa (exact)]"), (160, "aaaaaaaa (exact)")):
        console = Console(width=width, record=True)
        console.print(articles_table([original, copy], width))
        text = console.export_text()
        assert "[video] Dam bursts" in text and noted in text
        assert all(len(line) <= width for line in text.splitlines())


def test_search(runner: CliRunner, filled: Path) -> None:
    hits = cli_json(runner, filled, "search", "lighthouse")
    assert [h["title"] for h in hits] == ["Kestrel Bay lighthouse to become a museum"]
    assert "[lighthouse]" in hits[0]["snippet"]
    assert isinstance(hits[0]["rank"], float)
    either = cli_json(runner, filled, "search", "choir OR embankment")
    assert {h["title"] for h in either} == {"Choir wins regional prize", "Railway reopens after storm"}
    assert cli_json(runner, filled, "search", "zzyzx") == []
    assert "lighthouse" in cli(runner, filled, "search", "lighthouse").stdout


def test_show(runner: CliRunner, filled: Path) -> None:
    rows = cli_json(runner, filled, "articles", "--outlet", "Lakeside Herald")
    [row] = rows
    art = cli_json(runner, filled, "show", row["id"][:8])  # a unique prefix
    assert art["id"] == row["id"]
    assert art["title"] == "Orrin Falls ferry fares to double from June, council says"
    assert art["author"] == "Nadia Velasquez"
    assert art["source_kind"] == "html"
    assert art["text"].startswith("ORRIN FALLS — Fares on the Orrin Falls lake ferry")
    assert "contributed to this report" not in art["text"]
    panel = cli(runner, filled, "show", row["id"]).stdout
    assert "Nadia Velasquez" in panel and "Lakeside Herald" in panel
    missing = cli(runner, filled, "show", "ffffffffffffffff", code=1)
    assert "no article" in missing.stderr


def test_stats(runner: CliRunner, filled: Path) -> None:
    stats = cli_json(runner, filled, "stats")
    assert stats["articles"] == 8
    assert stats["originals"] == 8
    assert (stats["exact_copies"], stats["near_copies"]) == (0, 0)
    assert stats["failures"] == 1
    assert stats["outlets"] == 5
    by_outlet = {r["outlet"]: r["articles"] for r in stats["by_outlet"]}
    assert by_outlet == {
        "Tidewater Wire": 3,
        "Kestrel Bay Gazette": 2,
        "Orrin Courier": 1,
        "Lakeside Herald": 1,
        "unknown": 1,
    }
    assert {r["language"]: r["articles"] for r in stats["by_language"]} == {"en": 8}
    assert stats["first_published"] == "2026-04-09T06:30:00Z"
    assert stats["last_published"] == "2026-07-15T07:00:00Z"
    assert "articles" in cli(runner, filled, "stats").stdout


def test_failures(runner: CliRunner, filled: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [row] = cli_json(runner, filled, "failures")
    assert row["origin"] == f"{inbox / 'broken.jsonl'}:1"
    assert row["reason"].startswith("invalid JSON: ")
    assert (row["stage"], row["attempts"]) == ("ingest", 1)
    monkeypatch.setattr(cli_module.console, "width", 400)  # so rich does not fold the item name
    table = cli(runner, filled, "failures").stdout
    assert "broken.jsonl" in table


def test_ingest_stdin(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    data = (FIXTURES / "jsonl" / "tidewater-wire.jsonl").read_text()
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--json"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"] == {"new": 3}
    rows = cli_json(runner, db, "articles")
    assert {r["title"] for r in rows} == {
        "Storm surge floods Marrow Quay",
        "Railway reopens after storm",
        "Choir wins regional prize",
    }


def test_db_from_environment(runner: CliRunner, inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = runner.invoke(
        app, ["ingest", str(inbox / "wire.jsonl"), "--json"], env={"CROSSWIRE_DB": str(db)}
    )
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert len(cli_json(runner, db, "articles")) == 3


def test_allow_private_for_the_local_server(runner: CliRunner, server: LocalServer, tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    feed = server.url("/feeds/heron.atom")
    refused = cli_json(runner, db, "ingest", feed, code=3)
    assert refused["failures"] == [
        {
            "origin": feed,
            "stage": "ingest",
            "reason": "refused: 127.0.0.1 is a loopback address (use --allow-private)",
        }
    ]
    allowed = cli_json(runner, db, "ingest", feed, "--allow-private", code=3)  # one entry's page is a 404
    assert allowed["counts"] == {"new": 2, "failed": 1}
    assert {r["title"] for r in cli_json(runner, db, "articles")} == {
        "Heron Island school gets solar roof",
        "Heron Island ferry timetable changes",
    }
    assert [f["origin"] for f in cli_json(runner, db, "failures")] == [
        server.url("/missing-page")
    ]  # feed cleared


def test_ingest_needs_a_source(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "cw.db")])
    assert result.exit_code == 2
    assert "name at least one source" in result.output


def test_outlet_and_date_given_for_items_that_state_none(runner: CliRunner, tmp_path: Path) -> None:
    bare = tmp_path / "report.txt"
    bare.write_text("Ferry fares on the Orrin line rise by a fifth from Monday, the operator said.\n")
    stated = tmp_path / "stated.txt"
    stated.write_text(
        "---\ntitle: Ferry fares rise\noutlet: Orrin Courier\n---\n"
        "The Orrin line operator will raise fares by a fifth from Monday, it said on Friday.\n"
    )
    db = tmp_path / "cw.db"
    cli(
        runner,
        db,
        "ingest",
        str(bare),
        str(stated),
        "--offline",
        "--outlet",
        "Lakeside Herald",
        "--published",
        "2026-03-06T09:00:00+01:00",
    )
    rows = {r["outlet"]: r for r in cli_json(runner, db, "articles")}
    assert set(rows) == {"Lakeside Herald", "Orrin Courier"}  # what a source states wins over --outlet
    assert rows["Lakeside Herald"]["published"] == "2026-03-06T08:00:00Z"
    assert rows["Orrin Courier"]["published"] == "2026-03-06T08:00:00Z"  # no date stated: default used


def test_reingest_with_other_metadata_stores_nothing_twice(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Ferry fares on the Orrin line rise by a fifth from Monday, the operator said.\n")
    db = tmp_path / "cw.db"
    cli(runner, db, "ingest", str(report), "--offline", "--outlet", "Lakeside Herald")
    again = cli(runner, db, "ingest", str(report), "--offline")  # without the --outlet of the first run
    cli(runner, db, "ingest", str(report), "--offline", "--outlet", "Orrin Courier")
    rows = cli_json(runner, db, "articles")
    assert [r["outlet"] for r in rows] == ["Lakeside Herald"]  # what was stored first stands
    assert "present" in again.output
