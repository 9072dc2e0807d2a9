"""Clustering metrics: BCubed and pairwise precision/recall/F1, and cluster counts.

Both take two labellings of the same items, ``gold`` and ``pred``, as mappings item -> cluster label
(or parallel sequences). BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) averages per item; pairwise
counts item pairs placed together. ``bootstrap_f1_difference`` says how sure a BCubed F1 difference
between two systems is, by resampling gold clusters. ``storyline_links`` scores the links a storyline
linker made between predicted events against gold events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

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


def bcubed_per_item(gold: Labels, pred: Labels) -> tuple[np.ndarray, np.ndarray]:
    """Each item's BCubed precision and recall (their means are ``bcubed``), in item order."""
    g, p = _aligned(gold, pred)
    joint = Counter(zip(g, p, strict=True))
    g_size, p_size = Counter(g), Counter(p)
    precision = np.array([joint[(a, b)] / p_size[b] for a, b in zip(g, p, strict=True)])
    recall = np.array([joint[(a, b)] / g_size[a] for a, b in zip(g, p, strict=True)])
    return precision, recall


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float


def bootstrap_f1_difference(
    gold: Sequence[Hashable],
    pred_a: Sequence[Hashable],
    pred_b: Sequence[Hashable],
    samples: int = 1000,
    seed: int = 0,
) -> Interval:
    """BCubed F1 of ``pred_a`` minus that of ``pred_b``, with a 95% percentile interval from resampling the
    gold clusters with replacement (each item keeps the BCubed precision and recall it has on the full set, so
    the interval shows how much the difference depends on which events happen to be in the test set)."""
    pa, ra = bcubed_per_item(gold, pred_a)
    pb, rb = bcubed_per_item(gold, pred_b)
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, label in enumerate(gold):
        members[label].append(i)
    clusters = list(members.values())
    rng = np.random.default_rng(seed)

    def f1(p: np.ndarray, r: np.ndarray, items: np.ndarray) -> float:
        mp, mr = float(p[items].mean()), float(r[items].mean())
        return 2 * mp * mr / (mp + mr) if mp + mr else 0.0

    everything = np.arange(len(gold))
    diffs = []
    for _ in range(samples):
        drawn = rng.integers(0, len(clusters), len(clusters))
        items = np.concatenate([clusters[k] for k in drawn])
        diffs.append(f1(pa, ra, items) - f1(pb, rb, items))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return Interval(f1(pa, ra, everything) - f1(pb, rb, everything), float(low), float(high))


@dataclass(frozen=True)
class LinkScores:
    """How right storyline links are, read against gold *events* (no storyline-level gold exists).

    Each event that joined an existing storyline is one link. A link is right when the event's gold event
    (the majority gold label of its articles) is already in the storyline, i.e. it re-joins an event the
    clustering split (a follow-up report past the event window); otherwise it is wrong: it links different
    gold events, which also counts a true continuation (a follow-up event) as wrong. ``needed`` is how many
    right links would re-join every split gold event (its events minus one, summed).
    """

    links: int
    right: int
    needed: int
    split: int  # gold events that are the majority of two or more predicted events
    rejoined: int  # of those, how many have two or more of their events in one storyline

    @property
    def wrong(self) -> int:
        return self.links - self.right

    @property
    def precision(self) -> float:
        """Right links per link; 1.0 by convention when nothing was linked."""
        return self.right / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        """Right links per needed link; 1.0 by convention when no gold event was split."""
        return self.right / self.needed if self.needed else 1.0


def storyline_links(
    gold: Sequence[Hashable], events: Sequence[Hashable], storylines: Sequence[Hashable]
) -> LinkScores:
    """Score storyline links from three parallel labellings of the articles: gold event, predicted event
    and the predicted event's storyline. A storyline of n events holding k distinct gold events (by each
    event's majority label) made n - 1 links, of which n - k are right, whatever their order."""
    if not len(gold) == len(events) == len(storylines):
        raise ValueError("gold, events and storylines must have the same length")
    members: dict[Hashable, Counter[Hashable]] = defaultdict(Counter)
    line_of: dict[Hashable, Hashable] = {}
    for g, e, s in zip(gold, events, storylines, strict=True):
        members[e][g] += 1
        if line_of.setdefault(e, s) != s:
            raise ValueError(f"event {e!r} lies in two storylines")
    majority = {e: counts.most_common(1)[0][0] for e, counts in members.items()}  # ties: first seen
    per_line: dict[Hashable, list[Hashable]] = defaultdict(list)
    for e, s in line_of.items():
        per_line[s].append(majority[e])
    links = sum(len(labels) - 1 for labels in per_line.values())
    right = sum(len(labels) - len(set(labels)) for labels in per_line.values())
    pieces = Counter(majority.values())
    together = {g for labels in per_line.values() for g, n in Counter(labels).items() if n > 1}
    return LinkScores(
        links=links,
        right=right,
        needed=sum(n - 1 for n in pieces.values()),
        split=sum(1 for n in pieces.values() if n > 1),
        rejoined=len(together),
    )
