"""Clustering metrics: BCubed and pairwise precision/recall/F1, and cluster counts.

Both take two labellings of the same items, ``gold`` and ``pred``, as mappings item -> cluster label
(or parallel sequences). BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) averages per item; pairwise
counts item pairs placed together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

Labels = Mapping[Hashable, Hashable] | Sequence[Hashable]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class ClusterScores:
    bcubed: PRF
    pairwise: PRF
    n_pred: int
    n_gold: int
    n_items: int


def _aligned(gold: Labels, pred: Labels) -> tuple[list[Hashable], list[Hashable]]:
    if isinstance(gold, Mapping) and isinstance(pred, Mapping):
        if set(gold) != set(pred):
            raise ValueError("gold and pred must label the same items")
        keys = list(gold)
        return [gold[k] for k in keys], [pred[k] for k in keys]
    if isinstance(gold, Mapping) or isinstance(pred, Mapping):
        raise TypeError("pass both labellings as mappings or both as sequences")
    if len(gold) != len(pred):
        raise ValueError("gold and pred must have the same length")
    return list(gold), list(pred)


def bcubed(gold: Labels, pred: Labels) -> PRF:
    """BCubed precision and recall, averaged over items."""
    g, p = _aligned(gold, pred)
    if not g:
        return PRF(0.0, 0.0)
    joint = Counter(zip(g, p, strict=True))
    g_size, p_size = Counter(g), Counter(p)
    precision = sum(n * n / p_size[pl] for (_, pl), n in joint.items()) / len(g)
    recall = sum(n * n / g_size[gl] for (gl, _), n in joint.items()) / len(g)
    return PRF(precision, recall)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Labels, pred: Labels) -> PRF:
    """Pair-counting precision and recall; 1.0 by convention when there are no pairs to find or make."""
    g, p = _aligned(gold, pred)
    together = sum(_pairs(n) for n in Counter(zip(g, p, strict=True)).values())
    pred_pairs = sum(_pairs(n) for n in Counter(p).values())
    gold_pairs = sum(_pairs(n) for n in Counter(g).values())
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return PRF(precision, recall)


def score(gold: Labels, pred: Labels) -> ClusterScores:
    """All clustering scores at once."""
    g, p = _aligned(gold, pred)
    return ClusterScores(bcubed(g, p), pairwise(g, p), len(set(p)), len(set(g)), len(g))
