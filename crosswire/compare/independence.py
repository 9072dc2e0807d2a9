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


def assign_sources(
    articles: list[Article],
    sentence_vectors: dict[str, np.ndarray],
    settings: CompareSettings = DEFAULT_SETTINGS,
) -> dict[str, str]:
    """Article id → source id (the id of the original the article repeats)."""
    sources = copy_roots(articles)
    originals: list[Article] = []
    for a in _chronological(articles):
        if sources[a.id] != a.id:
            continue
        for earlier in originals:
            share = _near_copy_share(
                sentence_vectors.get(a.id, np.zeros((0, 1))),
                sentence_vectors.get(earlier.id, np.zeros((0, 1))),
                settings.wire_cosine,
            )
            if share >= settings.wire_share:
                sources[a.id] = sources[earlier.id]
                break
        else:
            originals.append(a)
    return {aid: sources[root] for aid, root in sources.items()}
