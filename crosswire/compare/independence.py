"""Which reports are independent: copies and wire rewrites count once.

An article's *source* is the article it ultimately copies (``Article.copy_of``, followed to its root), or,
for a rewrite that ingest did not catch, the earlier article from which most of its sentences are
near-copied (cosine ≥ ``wire_cosine`` for ≥ ``wire_share`` of its sentences).
"""

from __future__ import annotations

import numpy as np

from crosswire.compare.settings import DEFAULT_SETTINGS, CompareSettings
from crosswire.model import Article


def copy_roots(articles: list[Article]) -> dict[str, str]:
    """Article id → id of the first-seen article of its copy chain (itself when original)."""
    parent = {a.id: a.copy_of for a in articles}
    roots: dict[str, str] = {}
    for a in articles:
        node, seen = a.id, {a.id}
        while parent.get(node) and parent[node] in parent and parent[node] not in seen:
            node = parent[node]  # type: ignore[assignment]
            seen.add(node)
        roots[a.id] = node
    return roots


def _near_copy_share(later: np.ndarray, earlier: np.ndarray, cosine: float) -> float:
    if len(later) == 0 or len(earlier) == 0:
        return 0.0
    best = (later @ earlier.T).max(axis=1)
    return float((best >= cosine).mean())


def _chronological(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


SLACK = 1e-4  # a block product may differ from a single one in its last bits: bounds, then exact checks


class _Stack:
    """The sentence vectors of the originals seen so far in one matrix (grown by doubling), so a new article
    is compared with all of them in one product."""

    def __init__(self) -> None:
        self.rows = np.zeros((0, 0), dtype=np.float32)
        self.used = 0
        self.starts: list[int] = []
        self.owners: list[int] = []  # index in the originals list of each stacked segment

    def add(self, owner: int, vectors: np.ndarray) -> None:
        if len(vectors) == 0 or (self.used and vectors.shape[1] != self.rows.shape[1]):
            return
        if self.used + len(vectors) > len(self.rows):
            size = max(2 * len(self.rows), self.used + len(vectors))
            grown = np.zeros((size, vectors.shape[1]), dtype=np.float32)
            if self.used:
                grown[: self.used] = self.rows[: self.used]
            self.rows = grown
        self.starts.append(self.used)
        self.owners.append(owner)
        self.rows[self.used : self.used + len(vectors)] = vectors
        self.used += len(vectors)

    def share_bounds(self, later: np.ndarray, cosine: float) -> dict[int, tuple[float, float]]:
        """Original index → (low, high) bounds of ``_near_copy_share`` of ``later`` against it."""
        if not self.used or len(later) == 0 or later.shape[1] != self.rows.shape[1]:
            return {}
        best = np.maximum.reduceat(later @ self.rows[: self.used].T, self.starts, axis=1)
        low = (best >= cosine + SLACK).mean(axis=0).tolist()
        high = (best >= cosine - SLACK).mean(axis=0).tolist()
        return {k: (lo, hi) for k, lo, hi in zip(self.owners, low, high, strict=True)}


def assign_sources(
    articles: list[Article],
    sentence_vectors: dict[str, np.ndarray],
    settings: CompareSettings = DEFAULT_SETTINGS,
) -> dict[str, str]:
    """Article id → source id (the id of the original the article repeats)."""
    sources = copy_roots(articles)
    originals: list[Article] = []
    stack = _Stack()
    for a in _chronological(articles):
        if sources[a.id] != a.id:
            continue
        later = sentence_vectors.get(a.id, np.zeros((0, 1)))
        bounds = stack.share_bounds(later, settings.wire_cosine)
        for k, earlier in enumerate(originals):
            low, high = bounds.get(k, (0.0, 1.0))
            if high < settings.wire_share:
                continue  # the exact share is at most ``high``
            share = (
                low
                if low >= settings.wire_share
                else _near_copy_share(
                    later, sentence_vectors.get(earlier.id, np.zeros((0, 1))), settings.wire_cosine
                )
            )
            if share >= settings.wire_share:
                sources[a.id] = sources[earlier.id]
                break
        else:
            stack.add(len(originals), later)
            originals.append(a)
    return {aid: sources[root] for aid, root in sources.items()}
