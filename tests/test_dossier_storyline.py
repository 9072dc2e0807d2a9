"""``crosswire dossier sl-…``: one dossier over all the reports of a storyline's events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crosswire.present.cli import app
from crosswire.store.db import Store
from tests.fixtures.gold import TINY_GOLD, memo_minilm


@pytest.fixture(autouse=True)
def memoised_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crosswire.cluster.run.minilm", memo_minilm)


def cli(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def test_a_storyline_dossier_takes_every_report_of_its_events(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    cli("ingest", "--db", db, "--offline", str(TINY_GOLD), "--json")
    cli("cluster", "--db", db)
    first, second = json.loads(cli("stories", "--db", db, "--json").output)[:2]
    storyline = first["storyline_id"]
    with Store(db) as store:  # the second event continues the first: one storyline of two events
        store.db.execute("UPDATE events SET storyline_id = ? WHERE id = ?", (storyline, second["id"]))

    data = json.loads(cli("dossier", storyline, "--db", db, "-f", "json").output)
    assert data["event_id"] == storyline
    assert len(data["articles"]) == first["articles"] + second["articles"]
    assert data["headline"].endswith("(storyline of 2 events)")
    md = cli("dossier", storyline[:9], "--db", db, "-f", "md").output  # "sl-" and a unique prefix
    assert f"Storyline `{storyline}`" in md

    event = json.loads(cli("dossier", first["id"], "--db", db, "-f", "json").output)
    assert event["event_id"] == first["id"] and len(event["articles"]) == first["articles"]
    assert "no event or storyline" in cli("dossier", "sl-nothing", "--db", db, code=1).stderr
