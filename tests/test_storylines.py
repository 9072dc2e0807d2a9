"""Storyline linking: which new events continue a storyline (same people, weeks later) and which are only
events of the same kind (another shooting in the same city, another match of the same tournament)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from crosswire.cluster.features import Profile
from crosswire.cluster.online import VectorIndex
from crosswire.cluster.settings import ClusterSettings, InvalidSettings
from crosswire.cluster.storyline import StorylineLinker, place_tokens
from crosswire.eval.paths import REPO_ROOT
from crosswire.store.db import Store
from crosswire.store.events import event_groups, storyline_sizes
from tests.fixtures.gold import memo_minilm

NDIM = 16
SHOOTING = ["dayton", "ohio", "montgomery", "county"]  # the city, its state and county


def axis(i: int) -> np.ndarray:
    vector = np.zeros(NDIM, dtype=np.float32)
    vector[i % NDIM] = 1.0
    return vector


def profile(names: list[str], vector: np.ndarray, day: float | None = 1.0) -> Profile:
    return Profile(vector=vector.copy(), names=Counter(names), first=day, last=day)


def linker(**settings: float) -> StorylineLinker:
    return StorylineLinker(ClusterSettings(**settings), VectorIndex(NDIM))  # type: ignore[arg-type]


def test_a_follow_up_naming_the_same_people_continues_the_storyline() -> None:
    lines = linker()
    first = lines.link("ev-1", profile(["marcus", "okafor", "daniel", "price", *SHOOTING], axis(0), 1))
    later = lines.link("ev-2", profile(["okafor", "price", "prosecutor", *SHOOTING], axis(0), 12))
    assert later == first == "sl-ev-1"
    assert lines.events_in(first) == ["ev-1", "ev-2"]


def test_another_shooting_in_the_same_city_founds_its_own_storyline() -> None:
    lines = linker()
    first = lines.link("ev-1", profile(["marcus", "okafor", "daniel", "price", *SHOOTING], axis(0), 1))
    other = profile(["nadia", "vance", "kevin", "ruiz", *SHOOTING], axis(0), 5)
    assert len(other.names.keys() & lines.storylines[first].names.keys()) >= 2  # enough for the old rule
    assert lines.link("ev-2", other) == "sl-ev-2"


def test_similar_names_but_a_distant_vector_do_not_link() -> None:
    lines = linker()
    lines.link("ev-1", profile(["marcus", "okafor", "daniel", "price"], axis(0), 1))
    assert lines.link("ev-2", profile(["marcus", "okafor", "daniel", "price"], axis(1), 2)) == "sl-ev-2"


def tournament(lines: StorylineLinker, teams: int, day: float = 1.0) -> None:
    """One storyline per match; every match names the tournament and its president."""
    for i in range(teams):
        lines.link(f"ev-m{i}", profile(["euro", "platini", f"captain{i}", f"coach{i}"], axis(i), day))


def test_names_that_most_recent_storylines_carry_are_not_specific() -> None:
    lines = linker()
    tournament(lines, teams=12)
    common = profile(["euro", "platini", "referee"], axis(3), 2)  # only what every match shares
    assert lines.link("ev-x", common) == "sl-ev-x"
    same_team = profile(["euro", "captain4", "coach4"], axis(4), 2)
    assert lines.link("ev-y", same_team) == "sl-ev-m4"


def test_names_stop_being_common_once_their_storylines_leave_the_window() -> None:
    lines = linker(storyline_window_days=10.0)
    tournament(lines, teams=12, day=1.0)
    lines.link("ev-final", profile(["euro", "platini", "stadium"], axis(5), 30.0))  # the others expire
    follow_up = profile(["euro", "platini", "ceremony"], axis(5), 31.0)
    assert lines.link("ev-after", follow_up) == "sl-ev-final"


def test_common_names_are_counted_again_after_a_restore() -> None:
    lines = linker()
    tournament(lines, teams=12)
    restored = linker()
    restored.restore(json.loads(json.dumps(lines.to_state())))
    assert restored.link("ev-x", profile(["euro", "platini", "referee"], axis(3), 2)) == "sl-ev-x"
    assert restored.link("ev-y", profile(["captain4", "coach4"], axis(4), 2)) == "sl-ev-m4"


@pytest.mark.parametrize(("year", "joins"), [("2008", True), ("2012", False)])
def test_an_event_about_another_year_does_not_continue_the_storyline(year: str, joins: bool) -> None:
    lines = linker()  # undated, as ECB+'s older half: only the years the texts mention can tell
    lines.link("ev-1", profile(["2008", "2008", "reggie", "payton", "saints"], axis(0), None))
    later = profile([year, year, year, "reggie", "payton", "saints"], axis(0), None)
    assert (lines.link("ev-2", later) == "sl-ev-1") is joins


def test_place_tokens_are_places_years_and_peoples_not_people() -> None:
    tokens = {"los", "angeles", "new", "york", "ohio", "iranian", "2016", "france", "okafor", "bale", "euro"}
    assert place_tokens(tokens) == {"los", "angeles", "new", "york", "ohio", "iranian", "2016", "france"}
    assert place_tokens({"okafor", "price", "bale"}) == set()  # Bale is only another name of Basel


def test_the_name_share_is_checked() -> None:
    with pytest.raises(InvalidSettings):
        ClusterSettings(storyline_name_share=1.5)


# -- the bundled samples (MiniLM) ---------------------------------------------------------------------


def test_each_sample_event_is_its_own_storyline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """samples/README.md: three planted events and noise items, none continuing another."""
    from typer.testing import CliRunner

    from crosswire.present.cli import app

    monkeypatch.setattr("crosswire.cluster.run.minilm", memo_minilm)
    db = str(tmp_path / "s.db")
    folders = [str(REPO_ROOT / "samples" / name) for name in ("text", "html", "feeds", "jsonl")]
    for args in (["ingest", "--db", db, "--offline", *folders, "--json"], ["cluster", "--db", db]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    with Store(Path(db)) as store:
        events = set(event_groups(store).values())
        sizes = storyline_sizes(store)
    assert len(events) >= 5 and sum(sizes.values()) == len(events)  # three planted events, noise apart
    assert set(sizes.values()) == {1}, sizes
