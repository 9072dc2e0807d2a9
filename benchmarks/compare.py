"""Time to build a dossier for synthetic events of 5, 50 and 500 articles (real ECB+ texts).

.venv/bin/python benchmarks/compare.py                   # sizes 5 50 500
.venv/bin/python benchmarks/compare.py --sizes 5 50      # smaller run

The first N ECB+ articles (several topics, so the 500-article "event" is a hard case: many claims, few of
them aligned) are read once with spaCy (timed apart: the store keeps readings). Each size is then built
three times: *cold* (a fresh vector cache: every sentence embedded with MiniLM), *warm* (vectors cached, as
when the store has them, and no claim parsed yet: a rebuild in a new process) and *hot* (claim parses cached
too, as in a long-running server). Wall-clock figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import time

from crosswire.compare.dossier import build_dossier
from crosswire.compare.propositions import clear_parses
from crosswire.compare.readings import ensure_readings, ensure_resolution
from crosswire.compare.vectors import VectorCache
from crosswire.eval.datasets import load


def _timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500])
    args = parser.parse_args()
    articles = list(load("ecbplus", limit=max(args.sizes)))
    readings, read_s = _timed(ensure_readings, articles, None)
    print(f"read {len(articles)} articles (spaCy, once): {read_s:.1f} s")
    cache = VectorCache()
    cache.vectors(["warm up the model"])
    print("size  claims  groups  resolve_s  cold_s  warm_s  hot_s")
    for n in args.sizes:
        event = articles[:n]
        resolution, resolve_s = _timed(ensure_resolution, event, readings, "bench", None)
        cache = VectorCache(cache.embedder)
        dossier, cold = _timed(
            build_dossier, event, "bench", readings=readings, resolution=resolution, cache=cache
        )
        clear_parses()  # a rebuild in a new process: vectors from the store, no parses yet
        _, warm = _timed(build_dossier, event, "bench", readings=readings, resolution=resolution, cache=cache)
        _, hot = _timed(build_dossier, event, "bench", readings=readings, resolution=resolution, cache=cache)
        print(
            f"{n:4}  {len(dossier.claims):6}  {len(dossier.groups):6}  {resolve_s:9.2f}  {cold:6.2f}  {warm:6.2f}"
            f"  {hot:5.2f}"
        )


if __name__ == "__main__":
    main()
