"""Labels for the same referent (compare.labels) against NewsWCL50's annotated mentions.

.venv/bin/python benchmarks/labels.py             # all 10 events (50 articles)
.venv/bin/python benchmarks/labels.py --limit 2   # first 2 events
.venv/bin/python benchmarks/labels.py --split train   # the events of one part (train, val, test)
"""

from __future__ import annotations

import argparse
import time

from crosswire.eval.labels_eval import evaluate_labels


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="first N events only")
    parser.add_argument("--split", choices=("train", "val", "test"), default=None, help="one part only")
    args = parser.parse_args()
    started = time.perf_counter()
    for s in evaluate_labels(args.limit, args.split):
        print(
            f"{s.mode:5}  precision {s.precision:.3f} ({s.matched_system}/{s.system})  "
            f"recall {s.recall:.3f} ({s.matched_gold}/{s.gold})  F1 {s.f1:.3f}"
        )
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
