"""Online clustering at scale: assignment latency (p50/p99) and peak memory at 10^5 .. 10^6 articles.

    nice .venv/bin/python benchmarks/cluster_scale.py --sizes 100000 1000000 [--log FILE] [--out FILE]

A synthetic stream built from real texts: the UCI headlines and the ECB+ articles (read from ../shared at
run time, embedded once with MiniLM through the benchmark cache; 7,348 articles), replayed over and over.
Replica ``r`` is shifted ``r * --shift-days`` in time, gets outlets suffixed with ``#r`` and, per article,
its real embedding plus Gaussian noise (``--noise`` per dimension, re-normalised; cosine to the original
~0.93 at the default) with the dimensions permuted by a permutation drawn per replica (an orthogonal map:
cosines within a replica are kept, replicas land far apart), so each replica forms its own events and the
index holds many open events, as a busy stream would. ECB+ articles (undated) get the time of a random UCI
headline. At the default shift (0.1 day) about 70 replicas (~500,000 articles) fall within the 7-day event
window. Nothing is re-embedded.

Measured per article: the wall time of ``OnlineClusterer.add`` (perf_counter, includes feature views,
the usearch index search and updates, expiry and storyline linking), and its CPU time (process_time),
which a machine shared with other jobs disturbs less. Memory: peak resident set size of
the process (``getrusage`` ru_maxrss) and its growth over the baseline taken after loading the inputs.
Each size is a fresh clusterer in a fresh child process, so the peak of one does not mask the next.
Wall-clock figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_quality import DEFAULT_CACHE, embed_cached

from crosswire.eval import datasets
from crosswire.model import Article
from crosswire.read.embed import article_view

log = logging.getLogger("cluster_scale")


@dataclass
class Result:
    articles: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    cpu_p50_ms: float
    cpu_p99_ms: float
    mean_ms: float
    articles_per_s: float
    baseline_rss_mb: float
    peak_rss_mb: float
    events: int
    open_events: int
    storylines: int
    seconds: float


def base_corpus(cache: Path | None) -> tuple[list[Article], np.ndarray]:
    """The real texts (UCI headlines, ECB+ articles) in UCI time order, and their cached vectors."""
    uci = sorted(datasets.load("uci"), key=lambda a: (a.published or "", a.id))
    ecb = sorted(datasets.load("ecbplus"), key=lambda a: a.id)
    rng = np.random.default_rng(1)
    times = [a.published for a in uci]
    ecb = [replace(a, published=times[int(rng.integers(len(times)))]) for a in ecb]
    articles = sorted(uci + ecb, key=lambda a: (a.published or "", a.id))
    return articles, embed_cached([article_view(a) for a in articles], cache)


def _shift(published: str | None, days: float) -> str | None:
    if published is None:
        return None
    moment = datetime.fromisoformat(published.replace("Z", "+00:00")) + timedelta(days=days)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def synthetic_stream(
    articles: list[Article], vectors: np.ndarray, size: int, shift_days: float, noise: float
) -> Iterator[tuple[Article, np.ndarray]]:
    """``size`` articles: replicas of the base corpus, shifted in time, with perturbed vectors."""
    rng = np.random.default_rng(0)
    replica = 0
    while True:
        jitter = rng.normal(0.0, noise, size=vectors.shape).astype(np.float32)
        noisy = (vectors + jitter)[:, rng.permutation(vectors.shape[1]) if replica else slice(None)]
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        for i, article in enumerate(articles):
            if replica * len(articles) + i >= size:
                return
            yield (
                replace(
                    article,
                    id=f"{article.id}#{replica}",
                    outlet=f"{article.outlet or 'unknown'}#{replica}",
                    published=_shift(article.published, replica * shift_days),
                    story_id=None,
                ),
                noisy[i],
            )
        replica += 1


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def measure(size: int, shift_days: float, noise: float, cache: Path | None, progress: int) -> Result:
    """Stream ``size`` articles through a fresh clusterer; latency per ``add`` and peak RSS."""
    from crosswire.cluster.online import OnlineClusterer

    articles, vectors = base_corpus(cache)
    baseline = _rss_mb()
    clusterer = OnlineClusterer()
    latencies = np.zeros(size, dtype=np.float64)
    cpu = np.zeros(size, dtype=np.float64)
    start = time.perf_counter()
    for n, (article, vector) in enumerate(synthetic_stream(articles, vectors, size, shift_days, noise)):
        t0, c0 = time.perf_counter(), time.process_time()
        clusterer.add(article, vector)
        latencies[n], cpu[n] = time.perf_counter() - t0, time.process_time() - c0
        if progress and (n + 1) % progress == 0:
            _log_progress(n + 1, size, latencies[: n + 1], start, clusterer.open_events)
    elapsed = time.perf_counter() - start
    ms = latencies * 1000.0
    return Result(
        articles=size,
        p50_ms=float(np.percentile(ms, 50)),
        p90_ms=float(np.percentile(ms, 90)),
        p99_ms=float(np.percentile(ms, 99)),
        max_ms=float(ms.max()),
        cpu_p50_ms=float(np.percentile(cpu, 50) * 1000.0),
        cpu_p99_ms=float(np.percentile(cpu, 99) * 1000.0),
        mean_ms=float(ms.mean()),
        articles_per_s=size / elapsed,
        baseline_rss_mb=baseline,
        peak_rss_mb=_rss_mb(),
        events=len(clusterer.events),
        open_events=clusterer.open_events,
        storylines=len(clusterer.storylines.storylines),
        seconds=elapsed,
    )


def _log_progress(done: int, size: int, latencies: np.ndarray, start: float, open_events: int) -> None:
    recent = latencies[-10_000:] * 1000.0
    log.info(
        "%d/%d articles, %.0f s, recent p50 %.2f ms p99 %.2f ms, open events %d, peak RSS %.0f MB",
        done,
        size,
        time.perf_counter() - start,
        float(np.percentile(recent, 50)),
        float(np.percentile(recent, 99)),
        open_events,
        _rss_mb(),
    )


def _child(args: tuple[int, float, float, Path | None, int]) -> dict[str, float]:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", force=True)
    return asdict(measure(*args))


def markdown(results: list[dict[str, float]], command: str) -> str:
    head = ["articles", "p50 ms", "p90 ms", "p99 ms", "max ms", "CPU p50/p99 ms", "articles/s", "peak RSS MB"]
    head += ["events", "open at end"]
    lines = [f"`{command}`", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [
            f"{int(r['articles']):,}",
            *(f"{r[k]:.2f}" for k in ("p50_ms", "p90_ms", "p99_ms", "max_ms")),
            f"{r['cpu_p50_ms']:.2f} / {r['cpu_p99_ms']:.2f}",
            f"{r['articles_per_s']:.0f}",
            f"{r['peak_rss_mb']:.0f} (base {r['baseline_rss_mb']:.0f})",
            f"{int(r['events']):,}",
            f"{int(r['open_events']):,}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--shift-days", type=float, default=0.1, help="time shift between replicas")
    parser.add_argument("--noise", type=float, default=0.02, help="Gaussian noise per vector dimension")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache folder")
    parser.add_argument("--progress", type=int, default=50_000, help="log every this many articles")
    parser.add_argument("--out", type=Path, help="append the Markdown table and JSON results here")
    args = parser.parse_args(argv)
    command = "benchmarks/cluster_scale.py " + " ".join(argv if argv is not None else sys.argv[1:])
    results = []
    context = multiprocessing.get_context("spawn")
    for size in args.sizes:
        with context.Pool(1) as pool:
            result = pool.apply(_child, ((size, args.shift_days, args.noise, args.cache, args.progress),))
        log.info("%s", json.dumps(result))
        results.append(result)
        if args.out:
            with args.out.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(result) + "\n")
    table = markdown(results, command)
    sys.stdout.write(table)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(table)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sys.exit(main())
