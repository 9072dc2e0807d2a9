"""Sentence vectors outlive the process in the store: a dossier rebuilt later embeds only new sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from crosswire.compare.vectors import VectorCache
from crosswire.store.db import Store
from crosswire.store.vectors import SentenceVectors


class CountingEmbedder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = np.array([[len(t), t.count("a") + 1.0, 1.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_vectors_survive_a_new_process_and_only_new_texts_are_embedded(tmp_path: Path) -> None:
    texts = ["The dam breached at dawn.", "Fourteen people died.", "The dam breached at dawn."]
    first = CountingEmbedder()
    with Store(tmp_path / "cw.db") as store:
        before = VectorCache(first, SentenceVectors(store)).vectors(texts)
    assert first.seen == ["The dam breached at dawn.", "Fourteen people died."]  # repeats embedded once

    second = CountingEmbedder()
    with Store(tmp_path / "cw.db") as store:  # a later run: a fresh in-memory cache over the same store
        after = VectorCache(second, SentenceVectors(store)).vectors([*texts, "Rescuers reached Lindrell."])
    assert second.seen == ["Rescuers reached Lindrell."]
    np.testing.assert_array_equal(after[:3], before)


def test_without_backing_nothing_is_kept(tmp_path: Path) -> None:
    embedder = CountingEmbedder()
    VectorCache(embedder).vectors(["One sentence."])
    VectorCache(embedder).vectors(["One sentence."])
    assert embedder.seen == ["One sentence.", "One sentence."]


def test_build_dossier_uses_the_cache_it_is_given_even_when_empty(tmp_path: Path) -> None:
    from crosswire.compare.dossier import build_dossier
    from crosswire.model import Article

    articles = [
        Article("a1", "The Orsa ferry resumed service on Monday.", outlet="Orrin Courier"),
        Article("a2", "Ferry service on the Orsa resumed Monday, the operator said.", outlet="Lakeside"),
    ]
    with Store(tmp_path / "cw.db") as store:
        embedder = CountingEmbedder()
        build_dossier(articles, "ev-test", cache=VectorCache(embedder, SentenceVectors(store)))
        kept = store.db.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0]
    assert embedder.seen and kept == len(set(embedder.seen))  # not the process-wide cache
