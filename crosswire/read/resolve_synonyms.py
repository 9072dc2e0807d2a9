"""Synonymous heads of descriptions within a story ("the cops" / "the police", "the car" / "the vehicle").

Two head words are synonyms when their MiniLM vectors (``crosswire.read.embed``, offline) have a cosine of
at least ``SYNONYM_COSINE``, and neither is a time word ("today" and "yesterday" are near in vector space,
not in time) nor of the other grammatical gender ("husband" / "wife"). Heads are grouped by single linkage;
each group's representative is its alphabetically first word, so the result does not depend on order.
"""

from __future__ import annotations

import numpy as np

from crosswire.read.aliases import noun_gender, word_set
from crosswire.read.embed import DIMENSIONS, EmbeddingModelMissing, embed

SYNONYM_COSINE = 0.75
TIME_WORDS = word_set(
    """today yesterday tomorrow tonight now then day days night nights morning mornings afternoon evening
    week weeks weekend month months year years decade decades century hour hours minute minutes time times
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december spring summer autumn fall winter season date moment period
    era anniversary earlier later"""
)
_CACHE: dict[str, np.ndarray] = {}  # word → vector, for the life of the process


def _vectors(words: list[str]) -> np.ndarray:
    missing = [w for w in words if w not in _CACHE]
    if missing:
        _CACHE.update(zip(missing, embed(missing), strict=True))
    return np.stack([_CACHE[w] for w in words])


def head_vectors(words: list[str]) -> np.ndarray:
    """MiniLM vectors of head words (zeros when the model is not installed)."""
    try:
        return _vectors(words)
    except EmbeddingModelMissing:
        return np.zeros((len(words), DIMENSIONS), dtype=np.float32)


def synonym_groups(heads: set[str]) -> dict[str, str]:
    """Head → its group's representative, for the heads that have a synonym among ``heads``."""
    words = sorted(h for h in heads if h.isalpha() and len(h) > 2 and h not in TIME_WORDS)
    if len(words) < 2:
        return {}
    try:
        vectors = _vectors(words)
    except EmbeddingModelMissing:
        return {}
    sims = vectors @ vectors.T
    parent = list(range(len(words)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(sims >= SYNONYM_COSINE, k=1)), strict=True):
        if _gender_clash(words[i], words[j]):
            continue
        a, b = find(int(i)), find(int(j))
        parent[max(a, b)] = min(a, b)
    roots = [find(i) for i in range(len(words))]
    return {w: words[r] for w, r in zip(words, roots, strict=True) if roots.count(r) > 1}


def _gender_clash(a: str, b: str) -> bool:
    ga, gb = noun_gender(a), noun_gender(b)
    return bool(ga and gb and ga != gb)
