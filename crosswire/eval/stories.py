"""Stories within a topic, predicted from the documents alone (no gold sub-event labels).

A labelled topic may hold several happenings (ECB+: each topic has two sub-events, e.g. two different
actresses entering rehab). crosswire resolves short forms and descriptions within a *story* (an event of the
cluster stage), so the evaluation groups each topic's documents into stories the way that stage would, from
the text: each document is a TF-IDF vector (within its topic) of its capitalised words that do not start a
sentence (names, mostly), and documents are merged by average-link agglomerative clustering while the mean
cosine similarity of two groups is at least ``STORY_SIMILARITY`` (chosen on ECB+ train topics 1-22).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Protocol

STORY_SIMILARITY = 0.05
_NAME_WORD = re.compile(r"(?<=[a-z,;:] )[A-Z][A-Za-z]+")

Vector = dict[str, float]


class _Doc(Protocol):
    doc_id: str
    topic: str
    text: str


def predict_stories(docs: Sequence[_Doc], threshold: float = STORY_SIMILARITY) -> dict[str, str]:
    """Document id → story id (``topic/s<n>``), clustering each topic's documents separately."""
    by_topic: dict[str, list[_Doc]] = defaultdict(list)
    for doc in docs:
        by_topic[doc.topic].append(doc)
    out: dict[str, str] = {}
    for topic, members in by_topic.items():
        for n, group in enumerate(cluster_texts([d.text for d in members], threshold)):
            out.update({members[i].doc_id: f"{topic}/s{n}" for i in group})
    return out


def cluster_texts(texts: list[str], threshold: float = STORY_SIMILARITY) -> list[list[int]]:
    """Average-link clusters (lists of indices into ``texts``) of name-word TF-IDF vectors."""
    vectors = _tfidf([Counter(w.lower() for w in _NAME_WORD.findall(t)) for t in texts])
    sim = [[_dot(a, b) for b in vectors] for a in vectors]
    groups = [[i] for i in range(len(texts))]
    while (pair := _closest(groups, sim, threshold)) is not None:
        a, b = pair
        groups[a].extend(groups.pop(b))
    return groups


def _tfidf(counts: list[Counter[str]]) -> list[Vector]:
    df = Counter(w for c in counts for w in c)
    out: list[Vector] = []
    for c in counts:
        v = {w: n * math.log((1 + len(counts)) / df[w]) for w, n in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({w: x / norm for w, x in v.items()})
    return out


def _dot(a: Vector, b: Vector) -> float:
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _closest(groups: list[list[int]], sim: list[list[float]], threshold: float) -> tuple[int, int] | None:
    best, pair = threshold, None
    for a in range(len(groups)):
        for b in range(a + 1, len(groups)):
            s = sum(sim[i][j] for i in groups[a] for j in groups[b]) / (len(groups[a]) * len(groups[b]))
            if s >= best:
                best, pair = s, (a, b)
    return pair
