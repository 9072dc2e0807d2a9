"""Sentence vectors for the compare stage, embedded once per distinct text and cached.

Embedding every sentence with MiniLM costs ~10 ms a sentence on two CPU threads, so vectors are kept in a
process-wide cache keyed by the exact text (copies and repeated sentences cost nothing) and, given a
``Backing`` (the store's ``sentence_vectors`` table), between runs: a dossier rebuilt after new reports
arrive embeds only the new sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

Embedder = Callable[[Sequence[str]], np.ndarray]
DIMENSIONS = 384


class Backing(Protocol):
    """Somewhere vectors outlive the process (``crosswire.store.vectors.SentenceVectors``)."""

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, vectors: dict[str, np.ndarray]) -> None: ...


def default_embedder(texts: Sequence[str]) -> np.ndarray:
    from crosswire.read.embed import embed

    return embed(texts)


class VectorCache:
    """Text → L2-normalised vector; embeds only texts it has not seen."""

    def __init__(self, embedder: Embedder | None = None, backing: Backing | None = None) -> None:
        self.embedder: Embedder = embedder or default_embedder
        self.backing = backing
        self._vectors: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for ``texts`` in order, shape (len(texts), dims)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing and self.backing is not None:
            self._vectors.update(self.backing.get_many(missing))
            missing = [t for t in missing if t not in self._vectors]
        if missing:
            fresh = {
                t: np.asarray(row, dtype=np.float32)
                for t, row in zip(missing, self.embedder(missing), strict=True)
            }
            self._vectors.update(fresh)
            if self.backing is not None:
                self.backing.put_many(fresh)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])


_SHARED: dict[int, VectorCache] = {}


def shared_cache(embedder: Embedder | None = None) -> VectorCache:
    """One cache per embedder for the whole process."""
    key = id(embedder) if embedder is not None else 0
    if key not in _SHARED:
        _SHARED[key] = VectorCache(embedder)
    return _SHARED[key]
