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
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_quality import DEFAULT_CACHE, stream_vectors, train_streams

from crosswire.cluster.decision import WEIGHTS_PATH, Decision, fit, replay_rows
from crosswire.cluster.features import FEATURE_NAMES

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
    decision.save(args.out)
    for name, coef in zip(FEATURE_NAMES, decision.coef, strict=True):
        print(f"{name:>12} {coef:+.3f}")
    print(f"intercept {decision.intercept:+.3f}; {len(labels)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
