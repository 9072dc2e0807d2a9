"""How many undated articles get a date from their header line or URL, and how often such dates agree with
dates the data states (read-only; ``crosswire.ingest.stated_date``).

    .venv/bin/python benchmarks/stated_dates.py

For each shared corpus: undated articles and how many a date is found for (and where: header, title, URL);
for dated ones, the date found while ignoring the stated one, against the stated one (same day, within one
day). UCI headlines are dated by the aggregator's first sighting, so a URL date a day or more earlier is
expected there, not wrong.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime

from crosswire.eval import datasets
from crosswire.ingest.stated_date import find_date
from crosswire.model import Article

NOW = datetime.now(UTC)
CORPORA = ("ecbplus", "newswcl50", "gvc", "meantime", "uci")


def _days_apart(a: str, b: str) -> int:
    return abs((datetime.fromisoformat(a[:10]) - datetime.fromisoformat(b[:10])).days)


def report(name: str, articles: list[Article]) -> str:
    undated = [a for a in articles if not a.published]
    found = [find_date(a.text, a.title, a.url, NOW) for a in undated]
    where = Counter(f.where for f in found if f)
    line = f"{name}: {len(articles)} articles, {len(undated)} undated, {sum(where.values())} dated {dict(where)}"
    dated = [(a, f) for a in articles if a.published and (f := find_date(a.text, a.title, a.url, NOW))]
    if dated:
        gaps = [_days_apart(a.published or "", f.value) for a, f in dated]
        line += (
            f"; of {sum(1 for a in articles if a.published)} dated, a date found for {len(dated)}: "
            f"same day {sum(g == 0 for g in gaps)}, within 1 day {sum(g <= 1 for g in gaps)}"
        )
    return line


def main() -> int:
    for name in CORPORA:
        print(report(name, list(datasets.load(name))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
