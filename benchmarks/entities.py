"""Cross-document entity coreference on gold mentions: crosswire's resolver vs exact-string, same run.

.venv/bin/python benchmarks/entities.py                      # both datasets
.venv/bin/python benchmarks/entities.py --dataset ecbplus --limit 5   # first 5 topics
.venv/bin/python benchmarks/entities.py --dataset ecbplus --split train --grouping topic  # tuning split
"""

from __future__ import annotations

import argparse
import time

from crosswire.eval.entities_eval import GROUPINGS, evaluate_entities, format_table
from crosswire.eval.entity_chains import DATASETS


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dataset", choices=DATASETS, action="append", help="default: all")
    parser.add_argument("--limit", type=int, default=None, help="first N topics only")
    parser.add_argument("--grouping", choices=GROUPINGS, default="topic", help="resolver groups (stories)")
    parser.add_argument(
        "--split", default=None, help="ECB+ topic split: train (1-22), dev (23-25), test (26-45)"
    )
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    for dataset in args.dataset or DATASETS:
        rows.extend(evaluate_entities(dataset, limit=args.limit, grouping=args.grouping, split=args.split))
    print(f"setting: gold mentions, within topic, groups = {args.grouping}; CoNLL = mean(MUC, B3, CEAF-e)")
    print(format_table(rows))
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
