"""Sentence vectors kept in the store, keyed by model and text, so dossiers are not re-embedded."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from crosswire.store.db import Store

MODEL = "all-MiniLM-L6-v2"
LOOKUP_CHUNK = 500  # keys per SELECT (SQLite's parameter limit is far above)


def _key(text: str) -> str:
    return hashlib.sha1(f"{MODEL}\n{text}".encode()).hexdigest()


class SentenceVectors:
    """The ``sentence_vectors`` table as a ``crosswire.compare.vectors.Backing``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        by_key = {_key(t): t for t in texts}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[i : i + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.store.db.execute(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({marks})", chunk
            )
            for key, blob in rows:
                found[by_key[key]] = np.frombuffer(blob, dtype="<f4").copy()
        return found

    def put_many(self, vectors: dict[str, np.ndarray]) -> None:
        rows = [(_key(t), np.asarray(v, dtype="<f4").tobytes()) for t, v in vectors.items()]
        sql = "INSERT OR IGNORE INTO sentence_vectors (key, vector) VALUES (?, ?)"
        if self.store.db.in_transaction:  # the caller's transaction decides
            self.store.db.executemany(sql, rows)
            return
        with self.store.transaction():
            self.store.db.executemany(sql, rows)
