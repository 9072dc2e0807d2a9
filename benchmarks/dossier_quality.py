"""Dossier quality against the analyst's expectation files: the seed pair and the three sample events.

.venv/bin/python benchmarks/dossier_quality.py            # one line per event
.venv/bin/python benchmarks/dossier_quality.py --details  # plus missed items and wrong groups
"""

from __future__ import annotations

import argparse
import time

from crosswire.compare.dossier import build_dossier
from crosswire.eval.dossier_eval import event_inputs, format_score, score_dossier


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--details", action="store_true", help="list missed items and wrong groups")
    args = parser.parse_args()
    started = time.perf_counter()
    recalls, errors = [], []
    for exp, articles in event_inputs():
        score = score_dossier(build_dossier(articles, exp.event), exp)
        recalls.append(score.recall)
        errors.append(score.error_rate)
        print(format_score(score, details=args.details))
    print(f"mean recall {sum(recalls) / len(recalls):.2f}, mean error rate {sum(errors) / len(errors):.2f}")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
