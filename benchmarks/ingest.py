"""Ingest throughput and peak memory: N articles as text files and as HTML pages.

Articles are ECB+ texts (real news) repeated with perturbations: each repetition swaps a share of
words, so most are distinct originals while near-duplicate detection runs on every one; a few are
kept as exact and near copies. Each mode runs in a fresh subprocess so its peak RSS is its own.

    .venv/bin/python benchmarks/ingest.py [--n 10000] [--modes text html]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HTML_PAGE = """<!doctype html><html><head><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="{published}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie">We use cookies to improve your experience.</div>
<article><h1>{title}</h1><figure><img src="a.jpg"><figcaption>A scene from the story. (Photo: Staff/{outlet})</figcaption></figure>
{paragraphs}
<p>Share this article</p><p>Read more:</p><ul><li><a href="/1">Another story</a></li><li><a href="/2">One more</a></li></ul>
</article><footer>© 2026 {outlet}. All rights reserved.</footer></body></html>"""

OUTLETS = [f"outlet{i}.example" for i in range(40)]


def base_texts() -> list[tuple[str, str]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from crosswire.eval.datasets import load

    return [(a.title or "Untitled", a.text) for a in load("ecbplus") if len(a.text.split()) > 40]


def perturb(text: str, rng: random.Random, vocab: list[str], share: float) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * share)):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def make_corpus(n: int, mode: str, root: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    bases = base_texts()
    vocab = [w for _t, text in bases[:50] for w in text.split()]
    for i in range(n):
        title, text = bases[i % len(bases)]
        share = 0.0 if i % 97 == 0 else (0.05 if i % 89 == 0 else 0.35)  # some exact and near copies
        body = text if i < len(bases) else perturb(text, rng, vocab, share)
        outlet, published = OUTLETS[i % len(OUTLETS)], f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        if mode == "text":
            front = f"---\ntitle: {json.dumps(title)}\noutlet: {outlet}\npublished: {published}\n---\n"
            (root / f"{i:06d}.txt").write_text(front + body.replace(". ", ".\n\n", 3))
        else:
            paras = "\n".join(f"<p>{p}</p>" for p in body.split(". ") if p)
            page = HTML_PAGE.format(title=title, outlet=outlet, published=published, paragraphs=paras)
            (root / f"{i:06d}.html").write_text(page)


def run_mode(mode: str, n: int) -> dict[str, float]:
    """Generate the corpus, then ingest it in this process; returns the figures."""
    from crosswire.ingest.core import IngestSettings, ingest
    from crosswire.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        make_corpus(n, mode, root)
        store = Store(Path(tmp) / "bench.db")
        start = time.perf_counter()
        report = ingest([str(root)], store, IngestSettings(offline=True))
        elapsed = time.perf_counter() - start
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mode": mode,
        "articles": n,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1),
        "peak_rss_mb": round(peak_mb),
        **{k: v for k, v in report.counts.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--modes", nargs="+", default=["text", "html"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_mode(args.child, args.n)))
        return
    rows = []
    for mode in args.modes:
        out = subprocess.run(
            [sys.executable, __file__, "--n", str(args.n), "--child", mode],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print("| mode | articles | seconds | articles/s | peak RSS (MB) | new | copies |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['mode']} | {r['articles']} | {r['seconds']} | {r['articles_per_s']} | {r['peak_rss_mb']} "
            f"| {r.get('new', 0)} | {r.get('copy', 0)} |"
        )


if __name__ == "__main__":
    main()
