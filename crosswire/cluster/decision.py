"""The learned "does this article belong to this event?" decision.

A logistic regression over the similarity views (``features.FEATURE_NAMES``), as in Miranda et al. 2018,
where a learned new-event decision beat a tuned threshold by ~11 F1. Training rows come from replaying a
labelled stream in order: each article is compared with its gold event so far (label 1) and with the
nearest other events (label 0), then joins its gold event (teacher forcing). The shipped weights
(``decision_weights.json``) say what they were fitted on; ``benchmarks/train_decision.py`` refits them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosswire.cluster.features import FEATURE_NAMES, Profile, TermStats, article_profile, merge, views
from crosswire.model import Article

WEIGHTS_PATH = Path(__file__).with_name("decision_weights.json")


class WeightsMismatch(ValueError):
    """The weights file was fitted on other features than this code computes: refit them."""


@dataclass(frozen=True)
class Decision:
    """P(same event) = sigmoid(coef · standardised(views) + intercept)."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    trained_on: str = ""
    threshold: float = 0.5  # join when P(same) reaches this (full articles); chosen on training streams
    short_threshold: float = 0.5  # the same for headline-only articles

    def logit(self, rows: np.ndarray) -> np.ndarray:
        """log-odds of "same event" (a graded similarity: no saturation near 0 or 1)."""
        return np.asarray(((np.atleast_2d(rows) - self.mean) / self.scale) @ self.coef + self.intercept)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(rows))))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURE_NAMES),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "trained_on": self.trained_on,
            "threshold": self.threshold,
            "short_threshold": self.short_threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        if tuple(data["features"]) != FEATURE_NAMES:
            raise WeightsMismatch(f"weights use {data['features']}; run benchmarks/train_decision.py")
        arrays = {k: np.asarray(data[k], dtype=np.float64) for k in ("coef", "mean", "scale")}
        return cls(
            arrays["coef"],
            float(data["intercept"]),
            arrays["mean"],
            arrays["scale"],
            data["trained_on"],
            float(data.get("threshold", 0.5)),
            float(data.get("short_threshold", data.get("threshold", 0.5))),
        )

    def save(self, path: Path = WEIGHTS_PATH) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def load_decision(path: Path = WEIGHTS_PATH) -> Decision:
    """The shipped (or a given) weights file."""
    return Decision.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit(rows: np.ndarray, labels: np.ndarray, trained_on: str, c: float = 1.0) -> Decision:
    """Fit the logistic regression on standardised views (threshold 0.5 until tuned)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=1000)
    model.fit((rows - mean) / scale, labels)
    return Decision(model.coef_[0].copy(), float(model.intercept_[0]), mean, scale, trained_on)


def replay_rows(
    articles: Sequence[Article], vectors: np.ndarray, negatives: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """Training rows from one gold-labelled stream, in the given order (teacher-forced replay)."""
    stats, events = TermStats(), dict[str, Profile]()
    rows: list[np.ndarray] = []
    labels: list[int] = []
    for article, vector in zip(articles, vectors, strict=True):
        profile = article_profile(article, vector)
        stats.observe(profile)
        gold = article.story_id or article.id
        for label_key in _candidates(profile, events, gold, negatives):
            rows.append(views(profile, events[label_key], stats))
            labels.append(int(label_key == gold))
        if gold in events:
            merge(events[gold], profile, max_terms=300, members=64)
        else:
            events[gold] = profile
    return np.array(rows).reshape(-1, len(FEATURE_NAMES)), np.array(labels)


def _candidates(profile: Profile, events: dict[str, Profile], gold: str, negatives: int) -> list[str]:
    keys = [k for k in events if k != gold]
    if keys:
        sims = np.array([float(np.dot(profile.vector, events[k].centroid())) for k in keys])
        keys = [keys[i] for i in np.argsort(-sims, kind="stable")[:negatives]]
    return keys + ([gold] if gold in events else [])
