"""Coreference scores: MUC, B³, CEAF-e and the CoNLL average.

Clusters are collections of hashable mention ids. ``key`` is the gold partition, ``response`` the system's.
Definitions follow Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted Mentions: A Reference
Implementation" (ACL), i.e. the reference scorer v8:

- MUC (Vilain et al. 1995): links; recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), where p(K) partitions K by the
  response (mentions missing from the response count as their own parts); precision swaps key and response.
- B³ (Bagga & Baldwin 1998): per mention; recall = Σ_K Σ_R |K∩R|² / |K| over Σ_K |K|; precision symmetric.
- CEAF-e (Luo 2005): entity-level alignment maximising Σ φ₄(K, R) with φ₄ = 2|K∩R| / (|K| + |R|);
  recall = best / #key clusters, precision = best / #response clusters. Solved with the Hungarian algorithm.
- CoNLL F1 = mean of the three F1s.

All values are fractions in [0, 1]; report ×100.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Cluster = frozenset[Hashable]


@dataclass(frozen=True)
class PRF:
    """Recall, precision and F1 of one metric."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


@dataclass(frozen=True)
class CorefScores:
    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_row(self) -> dict[str, float]:
        """F1s ×100, rounded to 0.1, for tables."""
        return {
            "MUC": round(100 * self.muc.f1, 1),
            "B3": round(100 * self.b3.f1, 1),
            "CEAF-e": round(100 * self.ceafe.f1, 1),
            "CoNLL": round(100 * self.conll_f1, 1),
        }


def _clusters(groups: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [frozenset(g) for g in groups if g]


def _ratio(num: float, den: float) -> float:
    return 0.0 if den == 0 else num / den


def _muc_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return _ratio(num, den)


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(k, r), _muc_recall(r, k))


def _b3_recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    num = 0.0
    for k in key:
        num += sum(len(k & r) ** 2 for r in response) / len(k)
    return _ratio(num, sum(len(k) for k in key))


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(k, r), _b3_recall(r, k))


def _phi4_best(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0
    sim = np.zeros((len(key), len(response)))
    where = {m: j for j, r in enumerate(response) for m in r}
    for i, k in enumerate(key):
        for j in {where[m] for m in k if m in where}:
            sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return float(sim[rows, cols].sum())


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    best = _phi4_best(k, r)
    return PRF(_ratio(best, len(k)), _ratio(best, len(r)))


def score(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> CorefScores:
    """MUC, B³ and CEAF-e of ``response`` against ``key``."""
    k, r = _clusters(key), _clusters(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))
