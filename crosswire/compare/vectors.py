"""Sentence vectors for the compare stage, embedded once per distinct text and cached.

Embedding every sentence with MiniLM costs ~10 ms a sentence on two CPU threads, so vectors are kept in a
process-wide cache keyed by the exact text (copies and repeated sentences cost nothing) and can be
saved to / loaded from an ``.npz`` file between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Embedder = Callable[[Sequence[str]], np.ndarray]
DIMENSIONS = 384


def default_embedder(texts: Sequence[str]) -> np.ndarray:
    from crosswire.read.embed import embed

    return embed(texts)


class VectorCache:
    """Text → L2-normalised vector; embeds only texts it has not seen."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder: Embedder = embedder or default_embedder
        self._vectors: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for ``texts`` in order, shape (len(texts), dims)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, row in zip(missing, self.embedder(missing), strict=True):
                self._vectors[text] = np.asarray(row, dtype=np.float32)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def save(self, path: Path) -> None:
        keys = list(self._vectors)
        matrix = np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, DIMENSIONS), np.float32)
        np.savez_compressed(path, texts=np.array(keys, dtype=object), vectors=matrix)

    def load(self, path: Path) -> None:
        if not path.exists():
            return
        data = np.load(path, allow_pickle=True)
        for text, row in zip(data["texts"], data["vectors"], strict=True):
            self._vectors[str(text)] = row


_SHARED: dict[int, VectorCache] = {}


def shared_cache(embedder: Embedder | None = None) -> VectorCache:
    """One cache per embedder for the whole process."""
    key = id(embedder) if embedder is not None else 0
    if key not in _SHARED:
        _SHARED[key] = VectorCache(embedder)
    return _SHARED[key]
