"""Refit the learned "same event?" decision and write ``crosswire/cluster/decision_weights.json``.

    .venv/bin/python benchmarks/train_decision.py [--cache DIR] [--c 1.0]

Fitted on TRAIN streams only (see ``cluster_quality.train_streams``): ECB+ topics 1-22, the training half
of the UCI stories (by sha1 of the story id) and FCC dev. Each stream is replayed in order; every article
yields a row against its gold event so far (label 1) and against the 10 nearest other events (label 0).
Streams are weighted equally (the many UCI headlines would otherwise drown the long ECB+ articles).
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_quality import DEFAULT_CACHE, Stream, stream_vectors, train_streams

from crosswire.cluster.decision import WEIGHTS_PATH, Decision, fit, replay_rows
from crosswire.cluster.features import FEATURE_NAMES
from crosswire.cluster.online import OnlineClusterer
from crosswire.eval.metrics import bcubed

log = logging.getLogger("train_decision")


def training_rows(cache: Path | None) -> tuple[np.ndarray, np.ndarray, str]:
    """Rows and labels from every train stream, each stream resampled to equal weight."""
    parts, names = [], []
    for stream in train_streams():
        rows, labels = replay_rows(stream.articles, stream_vectors(stream, cache))
        parts.append((rows, labels))
        names.append(f"{stream.name} ({len(stream.articles)} articles, {int(labels.sum())} positive rows)")
    target = max(len(r) for r, _ in parts)
    rng = np.random.default_rng(0)
    picks = [rng.choice(len(r), size=target, replace=len(r) < target) for r, _ in parts]
    rows = np.concatenate([r[p] for (r, _), p in zip(parts, picks, strict=True)])
    labels = np.concatenate([y[p] for (_, y), p in zip(parts, picks, strict=True)])
    return rows, labels, "; ".join(names)


LONG_THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 15)]  # 0.10 .. 0.70
SHORT_THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 11)]  # 0.02 .. 0.20: headline stories are broad


def tune_thresholds(decision: Decision, cache: Path | None) -> Decision:
    """Join thresholds with the best mean BCubed F1 on the train streams: the headline stream (UCI)
    chooses the headline threshold first; the full-article streams (ECB+, FCC) then choose the
    full-article one, their own headline-only articles judged with the headline threshold, as deployed."""
    streams = [(s, stream_vectors(s, cache)) for s in train_streams()]
    long = [(s, v) for s, v in streams if not s.name.startswith("UCI")]
    short = [(s, v) for s, v in streams if s.name.startswith("UCI")]
    decision = replace(decision, short_threshold=_best(decision, short, "short_threshold", SHORT_THRESHOLDS))
    return replace(decision, threshold=_best(decision, long, "threshold", LONG_THRESHOLDS))


def _best(
    decision: Decision, streams: list[tuple[Stream, np.ndarray]], field: str, grid: list[float]
) -> float:
    def mean_f1(threshold: float) -> float:
        candidate = replace(decision, **{field: threshold})
        f1s = []
        for stream, vectors in streams:
            clusterer = OnlineClusterer(decision=candidate)
            labels = [clusterer.add(a, v) for a, v in zip(stream.articles, vectors, strict=True)]
            f1s.append(bcubed(stream.gold, labels).f1)  # type: ignore[arg-type]
        log.info("%s %.2f: BCubed F1 %s", field, threshold, [round(f, 3) for f in f1s])
        return float(np.mean(f1s))

    return max(grid, key=mean_f1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache folder")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 regularisation strength")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="weights file to write")
    args = parser.parse_args(argv)
    rows, labels, trained_on = training_rows(args.cache)
    decision: Decision = fit(rows, labels, f"train streams: {trained_on}", c=args.c)
    decision = tune_thresholds(decision, args.cache)
    decision.save(args.out)
    for name, coef in zip(FEATURE_NAMES, decision.coef, strict=True):
        print(f"{name:>12} {coef:+.3f}")
    print(
        f"intercept {decision.intercept:+.3f}; thresholds {decision.threshold}/{decision.short_threshold}; {len(labels)} rows -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
