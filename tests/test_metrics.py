"""Clustering metrics against hand-computed examples."""

from __future__ import annotations

import pytest

from crosswire.eval.metrics import PRF, bcubed, bcubed_per_item, bootstrap_f1_difference, pairwise, score


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
