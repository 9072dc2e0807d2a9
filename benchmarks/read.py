"""Read-stage throughput, cost per step and peak memory, on real news text.

Articles: ECB+ texts (real news, read from ../shared/data at run time) joined within a topic until each
has ~600 words, cut at the first sentence end after 580 words. Two measurements:

1. the full reading (``crosswire.read.reader.read_articles``: spaCy, mentions, quotes, quantities, time
   expressions, places), end to end with ``--processes`` spaCy workers; peak memory is the sum of the
   resident sets of this process and its workers, sampled every 0.1 s;
2. the cost of each step in one process: every spaCy component, then every extractor.

The read stage computes no sentence embeddings (clustering embeds title + lead, in its own stage), so
none are included.

    .venv/bin/python benchmarks/read.py [--n 400] [--processes 2] [--steps 150]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosswire.model import Article

TARGET_WORDS = 600
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


def articles(n: int) -> list[Article]:
    """``n`` articles of ~600 words, each joined from ECB+ articles of one topic."""
    from crosswire.eval.datasets import load

    by_topic: dict[str, list[Article]] = defaultdict(list)
    for a in load("ecbplus"):
        by_topic[a.story_id or a.id.split("_")[0]].append(a)
    out: list[Article] = []
    for topic, items in sorted(by_topic.items()):
        buf: list[str] = []
        for a in items:
            buf.append(a.text)
            if sum(len(t.split()) for t in buf) >= TARGET_WORDS:
                out.append(_cut(topic, len(out), "\n\n".join(buf), items[0].published))
                buf = []
    if len(out) < n:
        raise SystemExit(f"only {len(out)} articles of {TARGET_WORDS} words could be built")
    return out[:n]


def _cut(topic: str, i: int, text: str, published: str | None) -> Article:
    for words, m in enumerate(re.finditer(r"\S+", text), start=1):
        if words >= TARGET_WORDS - 20 and (end := _SENTENCE_END.search(text, m.start())):
            text = text[: end.start() + 1]
            break
    return Article(id=f"{topic}-{i}", text=text, published=published)


class PeakRss:
    """Peak memory of this process and all its descendants, sampled in a thread.

    Summed as PSS (proportional set size): pages the forked workers share with this process count once,
    where summing RSS would count them in every process."""

    def __init__(self, every: float = 0.1) -> None:
        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(os.getpid())))
            time.sleep(self.every)


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        for task in Path(f"/proc/{pids[i]}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                pids.extend(int(c) for c in task.read_text().split())
        i += 1
    return pids


def _rss(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def full(docs: list[Article], processes: int) -> dict[str, Any]:
    from crosswire.read.gazetteer import load_gazetteer
    from crosswire.read.nlp import load_nlp
    from crosswire.read.reader import read_articles

    words = sum(len(a.text.split()) for a in docs)
    with PeakRss() as rss:
        started = time.perf_counter()
        load_nlp()
        load_gazetteer()
        loaded, cpu_before = time.perf_counter(), _cpu()
        readings = list(read_articles(docs, n_process=processes))
        done, cpu = time.perf_counter(), _cpu() - cpu_before
    seconds = done - loaded
    return {
        "articles": len(readings),
        "words": words,
        "load_s": loaded - started,
        "read_s": seconds,
        "articles_per_s": len(readings) / seconds,
        "words_per_s": words / seconds,
        "cpu_s": cpu,
        "articles_per_cpu_s": len(readings) / cpu,
        "peak_rss_mb": rss.peak / 2**20,
        "places": sum(len(r.places) for r in readings),
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the spaCy workers, once joined)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def steps(docs: list[Article]) -> dict[str, float]:
    """Seconds per spaCy component and per extractor, in one process."""
    from crosswire.read.entities import extract_mentions
    from crosswire.read.gazetteer import load_gazetteer
    from crosswire.read.nlp import load_nlp
    from crosswire.read.places import extract_places
    from crosswire.read.quantities import extract_quantities
    from crosswire.read.quotes import extract_quotes
    from crosswire.read.timex import extract_timex

    nlp = load_nlp()
    load_gazetteer()
    cost: dict[str, float] = defaultdict(float)
    parsed = [nlp.make_doc(a.text) for a in docs]
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        parsed = list(proc.pipe(parsed, batch_size=64))  # type: ignore[attr-defined]  # every component has pipe
        cost[f"spacy {name}"] += time.perf_counter() - started
    for a, doc in zip(docs, parsed, strict=True):
        mentions = _timed(cost, "mentions", extract_mentions, doc, a.id)
        _timed(cost, "quotes", extract_quotes, doc, a.id)
        _timed(cost, "quantities", extract_quantities, a.text, a.id, doc)
        _timed(cost, "time expressions", extract_timex, a.text, a.published, a.id)
        _timed(cost, "places", extract_places, mentions)
    return dict(cost)


def _timed(cost: dict[str, float], name: str, fn: Callable[..., Any], *args: Any) -> Any:
    started = time.perf_counter()
    out = fn(*args)
    cost[name] += time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=400, help="articles for the end-to-end run")
    parser.add_argument("--processes", type=int, default=2, help="spaCy worker processes")
    parser.add_argument("--steps", type=int, default=150, help="articles for the per-step costs (0: skip)")
    args = parser.parse_args()
    docs = articles(max(args.n, args.steps))
    r = full(docs[: args.n], args.processes)
    print(
        f"full reading, {args.processes} process(es): {r['articles']} articles, {r['words']} words "
        f"({r['words'] / r['articles']:.0f}/article) in {r['read_s']:.1f} s (+{r['load_s']:.1f} s loading): "
        f"{r['articles_per_s']:.1f} articles/s, {r['words_per_s']:,.0f} words/s; "
        f"peak memory {r['peak_rss_mb']:,.0f} MB (PSS, all processes); {r['places']} places"
    )
    print(
        f"CPU: {r['cpu_s']:.1f} s = {r['articles_per_cpu_s']:.1f} articles per CPU-second "
        f"(on {args.processes} uncontended cores at most {args.processes * r['articles_per_cpu_s']:.1f} articles/s)"
    )
    if args.steps:
        cost = steps(docs[: args.steps])
        total = sum(cost.values())
        words = sum(len(a.text.split()) for a in docs[: args.steps])
        print(
            f"\nper step, one process, {args.steps} articles: {total:.1f} s = {args.steps / total:.1f} articles/s"
        )
        print(f"{'step':24s} {'seconds':>8s} {'share':>6s} {'words/s':>9s}")
        for name, seconds in cost.items():
            print(f"{name:24s} {seconds:8.2f} {100 * seconds / total:5.1f}% {words / seconds:9,.0f}")


if __name__ == "__main__":
    main()
