"""Parts of claims that join other reports' groups (``compare.facets``): which parts a sentence has, and how
they join. Sentences modelled on the labelled sample events and on wrong matches seen on real news
(NewsWCL50: names, titles, goals, questions, sources)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.facets import PartBounds, _days_apart, facet_groups, part_bounds, part_of
from crosswire.compare.features import content_words
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.model import Span
from crosswire.read.quantities import Quantity
from crosswire.read.timex import TimeRef
from tests.fixtures.claims import read_claim


def texts(sentence: str) -> list[str]:
    return [p.text for p in part_bounds(sentence, DEFAULT_SETTINGS.min_claim_words)]


def test_a_clause_of_a_longer_sentence_is_a_part() -> None:
    parts = texts(
        "Velmarian warplanes are still carrying out air strikes in northern Qadira, the military said on "
        "Thursday, three days after Prime Minister Anton Keller announced that the main part of the "
        "country's air group would come home."
    )
    assert any(p.startswith("three days after Prime Minister Anton Keller announced") for p in parts)


def test_the_core_leaves_out_an_apposition() -> None:
    parts = texts("The company, a subsidiary of the Halvard Maritime Group, has offered 4.5 percent.")
    assert "The company has offered 4.5 percent." in parts


@pytest.mark.parametrize(
    ("sentence", "not_a_part"),
    [
        # what is asked is not stated
        ("Stahl declined to say how many aircraft remained in Qadira, citing security.", "how many"),
        # a goal is not a happening
        ("North Korea has long sought a peace treaty with the U.S. to formally end the Korean War.", "to "),
        # a source is no fact
        ("About 30 aircraft have flown home since Tuesday, according to the Defence Ministry.", "according"),
        # a title and a name state nothing
        ("The memo was written by former FBI Director James Comey in May last year.", "former FBI"),
    ],
)
def test_no_part_for_questions_goals_sources_and_names(sentence: str, not_a_part: str) -> None:
    assert not any(p.startswith(not_a_part) for p in texts(sentence))


def test_a_verbless_part_needs_a_thing_held_at_a_named_place() -> None:
    held = part_bounds("The opposition walked out of the UN-brokered peace talks in Geneva on Friday.", 5)
    assert any(p.head == "talk" for p in held)
    topic = part_bounds("He raised the issue of Russian interference in the 2016 election on Friday.", 5)
    assert not any(p.head for p in topic)


def test_a_part_of_what_can_happen_is_hypothetical() -> None:
    sentence = "Experts warned on Sunday that the country can resume testing nuclear weapons at any time."
    modal = [p for p in part_bounds(sentence, 5) if "can resume" in p.text]
    assert modal and all(p.modal for p in modal)


# ------------------------------------------------------------------------------------------ joining


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """A stand-in embedder: normalised counts of hashed content-word stems, so shared wording is closeness."""
    rows = np.zeros((len(texts), 4096), dtype=np.float32)
    for r, t in enumerate(texts):
        for w in content_words(t):
            rows[r, zlib.crc32(w.encode()) % 4096] += 1.0
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return rows


WHOLE = "Prime Minister Anton Keller announced on Monday that most of the air group would come home."
MULTI = (
    "Warplanes were still bombing the town on Thursday, three days after Prime Minister Anton Keller "
    "announced on Monday that most of the air group would come home."
)
OTHER = "Warplanes were still bombing the besieged town on Thursday, witnesses said."


def make(c: Claim, bounds: PartBounds, part_id: str) -> Claim:
    part = read_claim(part_id, c.source, c.text[bounds.start : bounds.end], quantities=c.quantities)
    part.span = Span(c.article_id, c.span.start + bounds.start, c.span.start + bounds.end)
    part.part_of = c.id
    return part_of(c, part, bounds)


def run(claims: list[Claim], groups: list[ClaimGroup]) -> list[Claim]:
    vectors = bag_of_words([c.text for c in claims])
    return facet_groups(claims, vectors, groups, make, bag_of_words, DEFAULT_SETTINGS)


def claims_and_groups(status_b: str = "unique") -> tuple[list[Claim], list[ClaimGroup]]:
    a = read_claim("c0", "A", MULTI)
    b = read_claim("c1", "B", WHOLE)
    c = read_claim("c2", "C", OTHER)
    groups = [ClaimGroup("g0", [a, c], "corroborated"), ClaimGroup("g1", [b], status_b)]
    return [a, b, c], groups


def test_a_part_joins_the_group_of_the_claim_it_states() -> None:
    claims, groups = claims_and_groups()
    placed = run(claims, groups)
    joined = groups[1]
    assert [p.part_of for p in placed] == ["c0"]
    assert joined.status == "corroborated" and {c.source for c in joined.claims} == {"A", "B"}
    assert "announced" in placed[0].text and "bombing" not in placed[0].text  # its own span and words
    assert [c.id for c in groups[0].claims] == ["c0", "c2"]  # the whole claim stays in its group


def test_no_part_joins_a_conflicting_group() -> None:
    """A conflict is listed on its own; parts of its claims may still agree with others in a new group."""
    claims, groups = claims_and_groups(status_b="conflicting")
    placed = run(claims, groups)
    assert [c.id for c in groups[1].claims] == ["c1"]
    assert all(p not in g.claims for p in placed for g in groups[:2])


def test_groups_of_whole_claims_never_merge() -> None:
    claims, groups = claims_and_groups()
    run(claims, groups)
    assert len(groups) == 2 and {c.id for c in groups[0].claims} == {"c0", "c2"}


def test_a_core_does_not_state_the_figures_of_its_asides() -> None:
    text = "The union, which represents 4,000 dockworkers, has rejected the offer of the company."
    start = text.index("4,000")
    figure = Quantity(Span("A", start, start + 5), 4000, 4000, None, "dockworker", None, None, False, "4,000")
    whole = read_claim("c0", "A", text, quantities=(figure,))
    core = next(b for b in part_bounds(text, 5) if b.gaps)
    part = make(whole, core, "c0.0")
    assert part.text == "The union has rejected the offer of the company."
    assert part.quantities == ()


def test_parts_dated_to_different_days_are_not_one_fact() -> None:
    a = read_claim("c0", "A", "Police spoke of a 4-year-old who shot himself in the hand Nov. 2 at home.")
    b = read_claim("c1", "B", "Police spoke of a 4-year-old boy who shot himself in the hand on Nov. 11.")
    nov = {"c0": ("2015-11-02", "Nov. 2"), "c1": ("2015-11-11", "Nov. 11")}
    for c in (a, b):
        day, text = nov[c.id]
        start = c.text.index(text)
        c.times = (TimeRef(Span(c.id, start, start + len(text)), text, day, day, "day", False),)
    assert _days_apart(a, b)
    b.times = (replace(b.times[0], start="2015-11-02", end="2015-11-02"),)
    assert not _days_apart(a, b)
