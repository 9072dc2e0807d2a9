"""The read stage end to end: ``Reading`` round trips, old readings load, ``crosswire read`` and ``show``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crosswire.model import Article
from crosswire.present import render
from crosswire.present.cli import app
from crosswire.read.reader import READER_VERSION, Reading, read_articles

TEXT = (
    "Flooding in Paris, Texas, forced 120 families from their homes on Friday, "
    'Mayor Ellen Brandt said. "We have never seen water this high," Brandt told reporters. '
    "Crews from Dallas worked through the night near the town of Zorbania Heights."
)
FRONT = (
    "---\ntitle: Flood forces families out\noutlet: Prairie Ledger\npublished: 2026-03-04T09:00:00Z\n---\n"
)


@pytest.fixture(scope="module")
def reading() -> Reading:
    article = Article(id="art1", text=TEXT, published="2026-03-04T09:00:00Z")
    [found] = read_articles([article])
    return found


def test_reading_has_every_kind_of_finding(reading: Reading) -> None:
    assert any(m.surface == "Ellen Brandt" for m in reading.mentions)
    assert reading.quotes and reading.quantities and reading.times
    paris = [p for p in reading.places if p.surface == "Paris"]
    assert paris and paris[0].country == "US"
    assert any(p.surface == "Dallas" and p.resolved for p in reading.places)
    for p in reading.places:
        assert TEXT[p.span.start : p.span.end] == p.surface


def test_reading_round_trips_through_json(reading: Reading) -> None:
    data = json.loads(json.dumps(reading.to_json()))
    assert Reading.from_json(data) == reading


def test_reading_without_places_still_loads(reading: Reading) -> None:
    """Readings stored before places existed (version 1) have no "places" key."""
    data = reading.to_json()
    del data["places"]
    old = Reading.from_json(data)
    assert old.places == [] and old.mentions == reading.mentions
    assert READER_VERSION >= 2


def _run(runner: CliRunner, db: Path, *args: str) -> Any:
    result = runner.invoke(app, [args[0], "--db", str(db), *args[1:]])
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_read_then_show_marks_what_was_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.txt").write_text(FRONT + TEXT + "\n", encoding="utf-8")
    db, runner = tmp_path / "t.db", CliRunner()
    _run(runner, db, "ingest", str(tmp_path / "in"))
    [row] = json.loads(_run(runner, db, "articles", "--json").stdout)
    before = json.loads(_run(runner, db, "show", row["id"], "--json").stdout)
    assert before["reading"] is None
    assert "not read yet" in _run(runner, db, "show", row["id"]).stdout
    assert "read 1 article" in _run(runner, db, "read").stdout
    shown = json.loads(_run(runner, db, "show", row["id"], "--json").stdout)
    assert {"mentions", "quotes", "quantities", "times", "places"} <= set(shown["reading"])
    assert any(p["surface"] == "Zorbania Heights" and p["lat"] is None for p in shown["reading"]["places"])
    panel = _run(runner, db, "show", row["id"]).stdout
    for heading in ("quotes", "numbers", "dates", "places", "Zorbania Heights"):
        assert heading in panel
    assert "read 0 article" in _run(runner, db, "read").stdout  # resumable: nothing left to read
    entities = json.loads(_run(runner, db, "entities", "--json").stdout)
    brandt = [e for e in entities if e["name"] == "Ellen Brandt"]
    assert brandt and brandt[0]["kind"] == "PERSON" and brandt[0]["outlets"] == ["Prairie Ledger"]
    table = _run(runner, db, "entities").stdout
    assert all(word in table for word in ("Brandt", "PERSON", "Zorbania"))
    # one entity, found by a spelling: every mention in its sentence, with its exact span
    profile = json.loads(_run(runner, db, "entity", "ellen BRANDT", "--json").stdout)
    assert profile["name"] == "Ellen Brandt" and profile["id"] == brandt[0]["id"]
    assert list(profile["outlets"]) == ["Prairie Ledger"]
    [art] = profile["articles"]
    assert sum(profile["outlets"]["Prairie Ledger"].values()) == len(art["mentions"]) == brandt[0]["mentions"]
    for m in art["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["surface"] and m["surface"] in m["sentence"]
    first = (
        "Flooding in Paris, Texas, forced 120 families from their homes on Friday, Mayor Ellen Brandt said."
    )
    assert art["mentions"][0]["sentence"] == first
    assert "Mayor Ellen Brandt said" in _run(runner, db, "entity", brandt[0]["id"]).stdout
    missing = runner.invoke(app, ["entity", "[nobody] Atall", "--db", str(db)])
    assert missing.exit_code == 1 and "no entity '[nobody] Atall'" in missing.output


def test_entity_table_names_outlets_when_wide_and_counts_them_when_narrow() -> None:
    from rich.console import Console

    row = {"name": "Ellen Brandt", "kind": "PERSON", "mentions": 4, "articles": 3, "aliases": ["Brandt"]}
    row["outlets"] = ["Prairie Ledger", "Plains Courier", "Dakota Wire"]
    for width, shown in ((160, "Dakota Wire, Plains Courier +1"), (80, "│       3 │")):
        console = Console(width=width, record=True)
        console.print(render.entities_table([row], width))
        lines = [line for line in console.export_text().splitlines() if "Ellen Brandt" in line]
        assert len(lines) == 1 and shown in lines[0]


def test_worker_processes_read_the_same(reading: Reading) -> None:
    """``crosswire read`` parses large runs in spaCy worker processes; the readings must not change."""
    articles = [Article(id=f"art{i}", text=TEXT, published="2026-03-04T09:00:00Z") for i in (1, 2, 3)]
    parallel = list(read_articles(articles, batch_size=1, n_process=2))
    assert [r.article_id for r in parallel] == ["art1", "art2", "art3"]
    assert parallel[0] == reading


def test_a_text_too_long_to_read_fails_with_its_reason_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosswire.read import run as read_run

    monkeypatch.setattr(read_run, "MAX_READ_CHARS", len(TEXT) + 50)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.txt").write_text(FRONT + TEXT + "\n", encoding="utf-8")
    (tmp_path / "in" / "dump.txt").write_text(
        FRONT.replace("Flood", "Dump") + TEXT * 2 + "\n", encoding="utf-8"
    )
    db, runner = tmp_path / "t.db", CliRunner()
    _run(runner, db, "ingest", str(tmp_path / "in"))
    result = runner.invoke(app, ["read", "--db", str(db)])
    assert result.exit_code == 3, result.output  # partial: one article could not be read
    assert "read 1 article" in result.output and "1 article(s) could not be read" in result.output
    [failure] = json.loads(_run(runner, db, "failures", "--json").stdout)
    assert failure["stage"] == "read" and failure["reason"].startswith("too long to read:")
