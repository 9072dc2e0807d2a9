"""Peer systems for the clustering benchmark, run on the same inputs as the online clusterer.

- ``tfidf_single_pass``: the classic TDT baseline: TF-IDF vectors, each article joins the most similar
  cluster centroid above a threshold, else starts a cluster (open clusters limited to a time window on
  dated streams, as TDT systems do). IDF comes from the whole input at once (a small advantage to the peer).
- ``hdbscan_clusters``: BERTopic-style density clustering of the embeddings (sklearn's HDBSCAN; BERTopic's
  UMAP step is skipped); noise points become singletons.
- ``agglomerative``: average-link agglomerative clustering on cosine distance at a given threshold; the
  benchmark sweeps the threshold on each test set's own gold (an optimistic batch peer).

All return one integer label per input item, in input order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crosswire.cluster.features import epoch_days, terms
from crosswire.model import Article


def _tfidf(articles: Sequence[Article]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(terms(f"{a.title}\n{a.text}").elements()) for a in articles]
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=1, token_pattern=r"\S+")
    return np.asarray(vectorizer.fit_transform(docs).astype(np.float32).todense())


def tfidf_single_pass(
    articles: Sequence[Article], threshold: float, window_days: float = 7.0
) -> list[int]:
    """Single-pass clustering of TF-IDF vectors against cluster centroids."""
    if not articles:
        return []
    x = _tfidf(articles)
    sums = np.zeros_like(x)
    last: list[float | None] = []
    labels: list[int] = []
    for i, article in enumerate(articles):
        when = epoch_days(article.published)
        label = _best_centroid(sums[: len(last)], last, x[i], when, threshold, window_days)
        if label < 0:
            label = len(last)
            last.append(when)
        sums[label] += x[i]
        last[label] = when if when is not None else last[label]
        labels.append(label)
    return labels


def _best_centroid(
    sums: np.ndarray,
    last: list[float | None],
    vector: np.ndarray,
    when: float | None,
    threshold: float,
    window_days: float,
) -> int:
    if not len(last):
        return -1
    norms = np.linalg.norm(sums, axis=1)
    sims = (sums @ vector) / np.where(norms > 0, norms, 1.0)
    if when is not None:
        stale = np.array([t is not None and when - t > window_days for t in last])
        sims[stale] = -1.0
    best = int(np.argmax(sims))
    return best if sims[best] >= threshold else -1


def _singletons_for_noise(labels: np.ndarray) -> list[int]:
    out, next_label = [], int(labels.max(initial=-1)) + 1
    for label in labels:
        if label < 0:
            out.append(next_label)
            next_label += 1
        else:
            out.append(int(label))
    return out


def hdbscan_clusters(vectors: np.ndarray, min_cluster_size: int = 2) -> list[int]:
    """HDBSCAN over normalised embeddings (euclidean on unit vectors ~ cosine); noise -> singletons."""
    from sklearn.cluster import HDBSCAN

    if len(vectors) < 2:
        return list(range(len(vectors)))
    model = HDBSCAN(min_cluster_size=min_cluster_size, copy=True)
    return _singletons_for_noise(model.fit_predict(np.asarray(vectors, dtype=np.float64)))


def agglomerative(vectors: np.ndarray, distance_threshold: float) -> list[int]:
    """Average-link agglomerative clustering on cosine distance, cut at ``distance_threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) < 2:
        return list(range(len(vectors)))
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance_threshold, metric="cosine", linkage="average"
    )
    return [int(v) for v in model.fit_predict(np.asarray(vectors, dtype=np.float64))]
