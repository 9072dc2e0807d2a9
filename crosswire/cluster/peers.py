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
    """Dense article x article cosine similarities of sublinear TF-IDF vectors."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join(terms(f"{a.title}\n{a.text}").elements()) for a in articles]
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=1, token_pattern=r"\S+")
    x = vectorizer.fit_transform(docs).astype(np.float32)
    return np.asarray((x @ x.T).todense())


def tfidf_single_pass(articles: Sequence[Article], threshold: float, window_days: float = 7.0) -> list[int]:
    """Single-pass clustering of TF-IDF vectors against cluster centroids.

    Centroid cosines come from the article similarity matrix S: for cluster c,
    cos(x_i, sum_c) = sum_{j in c} S[i, j] / ||sum_c||, with ||sum_c||^2 = sum_{j, k in c} S[j, k].
    """
    if not articles:
        return []
    sim = _tfidf(articles)
    to_all = np.zeros((len(articles), len(articles)), dtype=np.float32)  # cluster -> sum of S rows
    norm2: list[float] = []
    last: list[float | None] = []
    labels: list[int] = []
    for i, article in enumerate(articles):
        when = epoch_days(article.published)
        scores = to_all[: len(last), i] / np.sqrt(np.maximum(norm2, 1e-12)) if last else np.zeros(0)
        label = _pick(scores, last, when, threshold, window_days)
        if label < 0:
            label = len(last)
            last.append(when)
            norm2.append(0.0)
        norm2[label] += 2.0 * float(to_all[label, i]) + float(sim[i, i])
        to_all[label] += sim[i]
        last[label] = when if when is not None else last[label]
        labels.append(label)
    return labels


def _pick(
    scores: np.ndarray, last: list[float | None], when: float | None, threshold: float, window_days: float
) -> int:
    if not len(scores):
        return -1
    if when is not None:
        stale = np.array([t is not None and when - t > window_days for t in last])
        scores = np.where(stale, -1.0, scores)
    best = int(np.argmax(scores))
    return best if scores[best] >= threshold else -1


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


def agglomerative(vectors: np.ndarray, thresholds: Sequence[float]) -> dict[float, list[int]]:
    """Average-link agglomerative clustering on cosine distance, cut at each threshold (one tree)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(vectors) < 2:
        return {t: list(range(len(vectors))) for t in thresholds}
    tree = linkage(np.asarray(vectors, dtype=np.float64), method="average", metric="cosine")
    return {t: [int(v) for v in fcluster(tree, t, criterion="distance")] for t in thresholds}
