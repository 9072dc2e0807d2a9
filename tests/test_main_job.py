"""The main job end to end (``crosswire analyze``), and ``crosswire dossier`` over the store it leaves.

The fast variant analyses one sample event (the Port of Arlen strike: a wire report, its near copy, the
broadcaster's report, the broadsheet's feed with a noise item) plus one broken file; ``crosswire demo`` over
all samples is marked slow.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from crosswire.eval.paths import REPO_ROOT
from crosswire.present.cli import EXIT_PARTIAL, app
from crosswire.present.cli_dossier import target
from crosswire.present.dossier_marks import spans_in
from tests.test_dossier_render import assert_links_resolve, assert_marks_match, assert_self_contained

SAMPLES = REPO_ROOT / "samples"
ARLEN = [
    SAMPLES / "html" / "meridian-wire_2026-03-17_port-arlen-strike.html",
    SAMPLES / "text" / "coastline-gazette_2026-03-17_arlen-dock-strike.txt",
    SAMPLES / "text" / "cbn_2026-03-18_arlen-strike-government.txt",
    SAMPLES / "feeds" / "harbour-times_business_rss.xml",
]
BROKEN = SAMPLES / "broken" / "corrupted-download.txt"


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("job")
    db, out = root / "job.db", root / "out"
    args = ["analyze", *map(str, ARLEN), str(BROKEN), "--db", str(db), "--out", str(out), "--offline"]
    result = CliRunner().invoke(app, args)
    return db, out, result


def test_analyze_writes_a_dossier_per_event_and_exits_3_on_failures(job: tuple[Path, Path, object]) -> None:
    _db, out, result = job
    assert result.exit_code == EXIT_PARTIAL, (result.output, result.exception)  # type: ignore[attr-defined]
    assert "corrupted-download.txt" in result.stderr  # type: ignore[attr-defined]
    htmls = sorted(out.glob("ev-*.html"))
    assert htmls, result.output  # type: ignore[attr-defined]
    for html_path in htmls:
        for ext in ("md", "json"):
            assert html_path.with_suffix(f".{ext}").exists()
        assert str(html_path) in result.output.replace("\n", "")  # type: ignore[attr-defined]
    headlines = [json.loads(p.with_suffix(".json").read_text())["headline"] for p in htmls]
    assert any("Arlen" in h for h in headlines), headlines
    assert "Meridian Wire" in result.output and "corroborated" in result.output  # type: ignore[attr-defined]


def test_index_lists_exactly_this_runs_dossiers(job: tuple[Path, Path, object]) -> None:
    _db, out, result = job
    index = out / "index.html"
    assert str(index) in result.output.replace("\n", "")  # type: ignore[attr-defined]
    doc = lxml.html.document_fromstring(index.read_text())
    cards = doc.xpath("//article")
    written = sorted(out.glob("ev-*.html"))
    assert sorted(c.get("id") for c in cards) == sorted(p.stem for p in written)
    for card in cards:
        links = card.xpath(".//a/@href")
        assert links and all((out / href).exists() for href in links)
        headline = json.loads((out / f"{card.get('id')}.json").read_text())["headline"]
        assert card.xpath("string(.//h2)").strip() == headline
    assert "item failed" in index.read_text()  # the broken file is counted, and the lede says where to look


def test_written_dossiers_link_to_exact_spans(job: tuple[Path, Path, object]) -> None:
    _, out, _ = job
    for html_path in out.glob("ev-*.html"):
        data = json.loads(html_path.with_suffix(".json").read_text())
        texts = {a["id"]: a["text"] for a in data["articles"]}
        for s in spans_in({k: v for k, v in data.items() if k != "articles"}):
            assert s["text"] == texts[s["article_id"]][s["start"] : s["end"]]
        html = html_path.read_text()
        doc = lxml.html.document_fromstring(html)
        assert_links_resolve(doc)
        assert assert_marks_match(doc, texts) >= len(data["claims"])
        assert_self_contained(doc, html)
        copies = [a for a in data["articles"] if a["copy_of"]]
        assert data["counts"]["independent_sources"] <= len(data["articles"]) - len(copies)


def test_dossier_command_reads_the_store(job: tuple[Path, Path, object], tmp_path: Path) -> None:
    db, out, _ = job
    event_id = sorted(out.glob("ev-*.json"))[0].stem
    runner = CliRunner()
    as_json = runner.invoke(app, ["dossier", event_id[:7], "--format", "json", "--db", str(db)])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["event_id"] == event_id
    as_md = runner.invoke(app, ["dossier", event_id, "-f", "md", "--out", str(tmp_path), "--db", str(db)])
    assert as_md.exit_code == 0, as_md.output
    assert (tmp_path / f"{event_id}.md").read_text().startswith("# ")
    missing = runner.invoke(app, ["dossier", "ev-nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no event" in missing.stderr


def test_rerun_adds_nothing_and_keeps_event_ids(job: tuple[Path, Path, object]) -> None:
    db, out, _ = job
    before = sorted(p.name for p in out.glob("ev-*.html"))
    again = CliRunner().invoke(
        app, ["analyze", *map(str, ARLEN), "--db", str(db), "--out", str(out), "--offline"]
    )
    assert again.exit_code == 0, (again.output, again.exception)
    assert "0 new article(s)" in again.output
    assert sorted(p.name for p in out.glob("ev-*.html")) == before


def test_target_paths(tmp_path: Path) -> None:
    assert target(None, "ev-1", "json") is None
    assert target(None, "ev-1", "html") == Path("ev-1.html")
    assert target(tmp_path, "ev-1", "md") == tmp_path / "ev-1.md"
    assert target(tmp_path / "x.html", "ev-1", "html") == tmp_path / "x.html"
    assert target(tmp_path / "new-folder", "ev-1", "json") == tmp_path / "new-folder" / "ev-1.json"


@pytest.mark.slow
def test_demo_on_all_samples(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "demo.db"), "--out", str(tmp_path)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert len(list(tmp_path.glob("ev-*.html"))) >= 3  # the three planted events
    assert "failed" in result.stderr and "dossier" in result.output
