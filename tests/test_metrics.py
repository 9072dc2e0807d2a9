"""Clustering metrics against hand-computed examples."""

from __future__ import annotations

import pytest

from crosswire.eval.metrics import (
    PRF,
    bcubed,
    bcubed_per_item,
    bootstrap_f1_difference,
    pairwise,
    score,
    storyline_links,
)


def test_perfect_clustering_scores_one() -> None:
    s = score(["a", "a", "b"], [1, 1, 2])
    assert (s.bcubed.precision, s.bcubed.recall, s.bcubed.f1) == (1.0, 1.0, 1.0)
    assert s.pairwise.f1 == 1.0 and (s.n_pred, s.n_gold, s.n_items) == (2, 2, 3)


def test_bcubed_hand_computed() -> None:
    # gold {1,2,3} {4,5}; pred {1,2} {3,4,5}
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15 ; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    b = bcubed(["g1", "g1", "g1", "g2", "g2"], ["p1", "p1", "p2", "p2", "p2"])
    assert b.precision == pytest.approx(11 / 15)
    assert b.recall == pytest.approx(11 / 15)


def test_bcubed_all_singletons() -> None:
    b = bcubed(["g", "g", "g", "g"], [1, 2, 3, 4])
    assert b.precision == 1.0 and b.recall == pytest.approx(0.25)
    assert b.f1 == pytest.approx(0.4)


def test_pairwise_hand_computed() -> None:
    # same example: pred pairs (1,2),(3,4),(3,5),(4,5) = 4; gold pairs (1,2),(1,3),(2,3),(4,5) = 4; shared 2
    p = pairwise(["g1", "g1", "g1", "g2", "g2"], ["p1", "p1", "p2", "p2", "p2"])
    assert p.precision == pytest.approx(0.5) and p.recall == pytest.approx(0.5)


def test_pairwise_one_big_cluster() -> None:
    p = pairwise(["a", "a", "b", "b"], [0, 0, 0, 0])
    assert p.precision == pytest.approx(2 / 6) and p.recall == 1.0


def test_mappings_are_aligned_by_key() -> None:
    s = score({"x": 1, "y": 1, "z": 2}, {"z": "b", "y": "a", "x": "a"})
    assert s.bcubed.f1 == 1.0


def test_mismatched_items_raise() -> None:
    with pytest.raises(ValueError):
        score({"x": 1}, {"y": 1})
    with pytest.raises(ValueError):
        score([1, 2], [1])


def test_prf_f1_zero_safe() -> None:
    assert PRF(0.0, 0.0).f1 == 0.0


def test_per_item_bcubed_averages_to_bcubed() -> None:
    gold = ["a", "a", "a", "b", "b", "c"]
    pred = [1, 1, 2, 2, 2, 3]
    p, r = bcubed_per_item(gold, pred)
    total = bcubed(gold, pred)
    assert abs(p.mean() - total.precision) < 1e-12 and abs(r.mean() - total.recall) < 1e-12


def test_bootstrap_difference_is_zero_for_one_system_and_sure_for_a_clearly_better_one() -> None:
    gold = [f"e{i // 3}" for i in range(60)]  # 20 events of 3
    perfect = list(gold)
    merged = [f"m{i // 6}" for i in range(60)]  # every two events merged
    same = bootstrap_f1_difference(gold, perfect, perfect, samples=200)
    assert same.estimate == same.low == same.high == 0.0
    better = bootstrap_f1_difference(gold, perfect, merged, samples=200)
    assert abs(better.estimate - (1.0 - bcubed(gold, merged).f1)) < 1e-12
    assert 0.0 < better.low <= better.estimate <= better.high


def test_storyline_links_hand_computed() -> None:
    # gold A is split over events e1, e2, e3; B over e4, e5; C is one event e6.
    # storyline s1 = {e1, e2, e4}: 2 links, one right (e2 re-joins A), one wrong (e4 is B);
    # s2 = {e3}, s3 = {e5, e6}: 1 wrong link (C joins B). Needed: A 2 + B 1 = 3.
    gold = ["A", "A", "A", "A", "B", "B", "C"]
    events = ["e1", "e1", "e2", "e3", "e4", "e5", "e6"]
    lines = {"e1": "s1", "e2": "s1", "e4": "s1", "e3": "s2", "e5": "s3", "e6": "s3"}
    links = storyline_links(gold, events, [lines[e] for e in events])
    assert (links.links, links.right, links.wrong, links.needed) == (3, 1, 2, 3)
    assert (links.split, links.rejoined) == (2, 1)
    assert links.precision == pytest.approx(1 / 3) and links.recall == pytest.approx(1 / 3)


def test_storyline_links_read_each_event_by_its_majority_gold() -> None:
    # e2 holds one article of A and two of B: it is B's, so joining A's storyline is wrong
    gold = ["A", "A", "A", "B", "B"]
    events = ["e1", "e1", "e2", "e2", "e2"]
    links = storyline_links(gold, events, ["s"] * 5)
    assert (links.links, links.right, links.needed, links.split) == (1, 0, 0, 0)
    assert links.precision == 0.0 and links.recall == 1.0


def test_storylines_that_link_nothing_score_by_convention() -> None:
    links = storyline_links(["A", "A", "B"], ["e1", "e2", "e3"], ["s1", "s2", "s3"])
    assert (links.links, links.needed, links.split, links.rejoined) == (0, 1, 1, 0)
    assert links.precision == 1.0 and links.recall == 0.0


def test_an_event_in_two_storylines_is_refused() -> None:
    with pytest.raises(ValueError):
        storyline_links(["A", "A"], ["e1", "e1"], ["s1", "s2"])
    with pytest.raises(ValueError):
        storyline_links(["A"], ["e1", "e1"], ["s1", "s1"])
