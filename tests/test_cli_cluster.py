"""``crosswire cluster | stories | storyline | dossier sl-… | eval clustering`` end to end, on invented
reports and on the bundled samples (``samples/README.md``: three planted events, a wire copy, a near copy, two
noise items)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crosswire.eval.metrics import score
from crosswire.eval.paths import REPO_ROOT
from crosswire.present.cli import app
from crosswire.store.db import Store
from crosswire.store.events import event_groups
from tests.fixtures.gold import TINY_GOLD, memo_minilm
from tests.marks import needs_shared

SAMPLE_FOLDERS = ("text", "html", "feeds", "jsonl")
PLANTED = {  # samples/README.md: event by publication date (UTC)
    "E1": ("2026-03-03", "2026-03-04"),
    "E2": ("2026-03-12", "2026-03-13"),
    "E3": ("2026-03-17", "2026-03-19"),
}


@pytest.fixture(autouse=True)
def memoised_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI clusters with MiniLM; memoise it so that each distinct text is embedded once per run."""
    monkeypatch.setattr("crosswire.cluster.run.minilm", memo_minilm)


def cli(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def ingested(db: Path, *sources: str | Path) -> Path:
    cli("ingest", "--db", str(db), "--offline", *map(str, sources), "--json")
    return db


def test_cluster_then_stories_and_storyline(tmp_path: Path) -> None:
    db = str(ingested(tmp_path / "s.db", TINY_GOLD))
    first = cli("cluster", "--db", db).output
    found = re.search(r"clustered (\d+) article\(s\): (\d+) events \((\d+) new\), (\d+) storylines", first)
    assert found, first
    assert found.group(1) == "11" and found.group(2) == found.group(3)
    assert "clustered 0 article(s)" in cli("cluster", "--db", db).output

    rows = json.loads(cli("stories", "--db", db, "--json").output)
    assert len(rows) == int(found.group(2)) and sum(r["articles"] for r in rows) == 11
    big = json.loads(cli("stories", "--db", db, "--json", "--min-articles", "3").output)
    assert big and all(r["articles"] >= 3 for r in big) and len(big) < len(rows)
    table = cli("stories", "--db", db).output
    assert all(r["id"][:11] in table for r in rows)  # the table shows unique 8-hex-digit prefixes
    sizes = Counter(r["storyline_id"] for r in rows)
    for storyline_id, n in sizes.items():  # a storyline is named where other events continue an event
        assert (f"{storyline_id[:14]} ({n} events)" in table) is (n > 1)
    assert table.count("storyline sl-") == sum(n for n in sizes.values() if n > 1)  # narrow: in the details

    line = json.loads(cli("storyline", big[0]["id"], "--db", db, "--json").output)
    assert line["id"] == big[0]["storyline_id"]
    assert big[0]["id"] in [e["id"] for e in line["events"]]
    assert sum(len(e["article_ids"]) for e in line["events"]) == sum(e["articles"] for e in line["events"])
    assert big[0]["id"] in cli("storyline", big[0]["storyline_id"][:14], "--db", db, "--articles").output
    assert "no storyline" in cli("storyline", "sl-nothing", "--db", db, code=1).output


def test_a_storyline_dossier_takes_every_report_of_its_events(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    cli("ingest", "--db", db, "--offline", str(TINY_GOLD), "--json")
    cli("cluster", "--db", db)
    first, second = json.loads(cli("stories", "--db", db, "--json").output)[:2]
    storyline = first["storyline_id"]
    with Store(db) as store:  # the second event continues the first: one storyline of two events
        store.db.execute("UPDATE events SET storyline_id = ? WHERE id = ?", (storyline, second["id"]))

    assert f"crosswire dossier {storyline}" in cli("storyline", storyline, "--db", db).output
    data = json.loads(cli("dossier", storyline, "--db", db, "-f", "json").output)
    assert data["event_id"] == storyline
    assert len(data["articles"]) == first["articles"] + second["articles"]
    assert data["headline"].endswith("(storyline of 2 events)")
    md = cli("dossier", storyline[:9], "--db", db, "-f", "md").output  # "sl-" and a unique prefix
    assert f"Storyline `{storyline}`" in md

    event = json.loads(cli("dossier", first["id"], "--db", db, "-f", "json").output)
    assert event["event_id"] == first["id"] and len(event["articles"]) == first["articles"]
    assert "no event or storyline" in cli("dossier", "sl-nothing", "--db", db, code=1).stderr


def test_events_table_keeps_the_headline_readable_when_narrow() -> None:
    from rich.console import Console

    from crosswire.present.cli_cluster import events_table
    from crosswire.store.events import EventRow

    outlets = ["Meridian Wire", "The Harbour Times", "Capital Broadcast News", "The Daily Ledger", "Another"]
    headline = "Velmarian jets keep striking in Qadira days after drawdown announcement"
    row = EventRow(
        id="ev-0123456789abcdef",
        storyline_id="sl-ev-0123456789abcdef",
        headline=headline,
        first_seen="2026-03-12T06:45:00Z",
        last_seen="2026-03-13T05:30:00Z",
        articles=7,
        outlets=outlets,
    )
    rendered = {}
    for width in (80, 160):
        console = Console(width=width, record=True)
        console.print(events_table([row], "events", {row.storyline_id: 2}, width))
        rendered[width] = console.export_text()
    narrow, wide = rendered[80], rendered[160]
    assert "Velmarian jets keep striking in Qadira days after" in narrow  # whole words, not a 6-column sliver
    assert "5 outlets · 7 articles · 2026-03-12 06:45 → 03-13 05:30" in narrow
    assert "storyline sl-ev-01234567 (2 events)" in narrow
    assert "Meridian Wire" in wide and "sl-ev-01234567 (2 events)" in wide and "5 outlets" not in wide


def split_gold(tmp_path: Path) -> Path:
    """The tiny gold with its two biggest stories each split in two: a deliberately wrong gold."""
    rows = [json.loads(line) for line in TINY_GOLD.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["id"] in {"m3", "m4", "b3"}:
            row["story_id"] += "-split"
    path = tmp_path / "split.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_clustering_scores_a_gold_file(tmp_path: Path) -> None:
    good = json.loads(cli("eval", "clustering", "--gold", str(TINY_GOLD), "--json").output)
    split = json.loads(cli("eval", "clustering", "--gold", str(split_gold(tmp_path)), "--json").output)
    assert good["items"] == split["items"] == 11 and good["copies"] == 1 and good["failed"] == 0
    assert (good["clusters"]["gold"], split["clusters"]["gold"]) == (5, 7)
    assert good["clusters"]["predicted"] == split["clusters"]["predicted"]
    assert split["bcubed"]["f1"] < good["bcubed"]["f1"]
    assert split["pairwise"]["f1"] < good["pairwise"]["f1"]
    for kind in ("bcubed", "pairwise"):
        p, r, f1 = (good[kind][k] for k in ("precision", "recall", "f1"))
        assert f1 == pytest.approx(2 * p * r / (p + r))
    text = cli("eval", "clustering", "--gold", str(TINY_GOLD)).output
    assert re.search(r"BCubed\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}", text), text
    assert f"predicted {good['clusters']['predicted']}, gold 5" in text


def test_eval_scores_agree_with_the_store(tmp_path: Path) -> None:
    """What ``eval clustering`` reports is what clustering the same file into a store gives."""
    db = ingested(tmp_path / "s.db", TINY_GOLD)
    cli("cluster", "--db", str(db))
    with Store(db) as store:
        groups = event_groups(store)
        articles = store.articles()
    gold = {a.id: a.story_id for a in articles}
    expected = score(gold, {a.id: groups[a.id] for a in articles})  # type: ignore[arg-type]
    got = json.loads(cli("eval", "clustering", "--gold", str(TINY_GOLD), "--json").output)
    assert got["bcubed"]["f1"] == pytest.approx(expected.bcubed.f1)
    assert got["clusters"]["predicted"] == expected.n_pred


def test_eval_clustering_refuses_bad_input(tmp_path: Path) -> None:
    cli("eval", "clustering", code=2)
    cli("eval", "clustering", "--gold", str(TINY_GOLD), "--dataset", "gvc", code=2)
    unlabelled = tmp_path / "none.jsonl"
    unlabelled.write_text(json.dumps({"id": "a", "text": "Some text."}) + "\n", encoding="utf-8")
    out = " ".join(cli("eval", "clustering", "--gold", str(unlabelled), code=1).output.split())
    assert "no record has a story_id" in out  # rich may wrap a long path
    assert "unknown dataset" in cli("eval", "clustering", "--dataset", "nosuch", code=1).output


@needs_shared
@pytest.mark.slow
def test_eval_clustering_on_a_shared_dataset() -> None:
    got = json.loads(cli("eval", "clustering", "--dataset", "gvc", "--json").output)
    assert got["source"] == "dataset:gvc" and got["items"] == 78 and got["clusters"]["gold"] == 37
    assert 0.0 < got["bcubed"]["f1"] <= 1.0


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("samples") / "s.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("crosswire.cluster.run.minilm", memo_minilm)
        ingested(db, *(REPO_ROOT / "samples" / name for name in SAMPLE_FOLDERS))
        cli("cluster", "--db", str(db))
    return db


def planted(published: str | None) -> str | None:
    day = (published or "")[:10]
    return next((name for name, (start, end) in PLANTED.items() if start <= day <= end), None)


def sample_events(db: Path) -> dict[str, list[tuple[str | None, str, bool]]]:
    """Event id -> [(planted event or None for noise, outlet, is a copy)] of its members."""
    with Store(db) as store:
        groups = event_groups(store)
        found: dict[str, list[tuple[str | None, str, bool]]] = {}
        for a in store.articles():
            found.setdefault(groups[a.id], []).append((planted(a.published), a.outlet, a.copy_of is not None))
    return found


def test_samples_keep_events_and_noise_apart_and_copies_with_originals(samples_db: Path) -> None:
    events = sample_events(samples_db)
    assert sum(map(len, events.values())) == 16
    for members in events.values():
        labels = {label for label, _, _ in members}
        assert len(labels) == 1, members  # no event mixes planted events, or noise with anything
        if labels == {None}:
            assert len(members) == 1  # each noise item is its own event
    for name in PLANTED:  # each wire original has its copy with it (E1 exact, E3 near)
        wire = [m for m in events.values() if (name, "Meridian Wire", False) in m]
        assert len(wire) == 1
        if name != "E2":
            assert (name, "The Coastline Gazette", True) in wire[0]


def test_samples_form_the_three_planted_events(samples_db: Path) -> None:
    events = sample_events(samples_db)
    for name, size in (("E1", 5), ("E2", 4), ("E3", 5)):  # four outlets each, plus the wire copies of E1, E3
        holding = [m for m in events.values() if any(label == name for label, _, _ in m)]
        assert [len(m) for m in holding] == [size], (name, holding)
    assert sorted(len(m) for m in events.values()) == [1, 1, 4, 5, 5]
