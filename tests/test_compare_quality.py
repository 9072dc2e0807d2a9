"""Quality gate: dossiers of the seed pair and the three sample events against the analyst's expectation
files (tests/expectations), scored by crosswire.eval.dossier_eval. Floors sit a little below the measured
figures (BENCHMARKS.md, "Compare and dossier"): a drop fails the suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.compare.dossier import build_dossier
from crosswire.eval.dossier_eval import (
    SAMPLE_FILES,
    SEED_FILE,
    DossierScore,
    event_inputs,
    expectations_dir,
    load_expectations,
    score_dossier,
)
from crosswire.eval.paths import shared_dir

FLOORS = {  # event: (minimum recall, maximum error rate)
    "seed": (0.81, 0.10),
    "E1": (0.92, 0.10),
    "E2": (0.90, 0.10),
    "E3": (0.88, 0.10),
}


@pytest.fixture(scope="module")
def scores() -> dict[str, DossierScore]:
    out = {}
    for exp, articles in event_inputs():
        out[exp.event] = score_dossier(build_dossier(articles, exp.event), exp)
    return out


@pytest.mark.parametrize("name", [SEED_FILE, *SAMPLE_FILES])
def test_expectation_files_parse(name: str) -> None:
    exp = load_expectations(expectations_dir() / name)
    assert exp.items and len({i.id for i in exp.items}) == len(exp.items)
    kinds = {i.kind for i in exp.items}
    assert {"shared", "unique", "label" if name == SEED_FILE else "conflict"} <= kinds


@pytest.mark.parametrize("event", ["E1", "E2", "E3"])
def test_sample_dossier_quality(scores: dict[str, DossierScore], event: str) -> None:
    recall_floor, error_ceiling = FLOORS[event]
    score = scores[event]
    assert score.recall >= recall_floor, [m.id for m in score.missed()]
    assert score.error_rate <= error_ceiling, [w.why for w in score.wrong]


@pytest.mark.skipif(not (shared_dir() / "seeds").is_dir(), reason="seed pair not found at ../shared/seeds")
def test_seed_dossier_quality(scores: dict[str, DossierScore]) -> None:
    recall_floor, error_ceiling = FLOORS["seed"]
    assert scores["seed"].recall >= recall_floor
    assert scores["seed"].error_rate <= error_ceiling


def test_seed_text_is_not_in_the_repository() -> None:
    seeds = shared_dir() / "seeds"
    if not seeds.is_dir():
        pytest.skip("seed pair not found at ../shared/seeds")
    mine = Path(expectations_dir() / SEED_FILE).read_text(encoding="utf-8")
    for path in seeds.glob("*.txt"):
        sentences = [s.strip() for s in path.read_text(encoding="utf-8").split(".") if len(s.split()) > 12]
        assert not any(s in mine for s in sentences)
