"""Event clustering quality: every labelled dataset x every system, in one run.

    .venv/bin/python benchmarks/cluster_quality.py [--quick] [--out results.md] [--cache DIR]

Systems, all on the same inputs and the same MiniLM vectors of ``article_view`` (title + lead):
  crosswire    online single pass, learned new-event decision (``crosswire.cluster.online``)
  cw-storylines  the same run, each article labelled by its event's storyline (events linked over weeks);
               a second table scores its links (right: re-joins a split gold event; wrong: links two)
  tfidf-pass   TF-IDF single-pass threshold, the classic TDT baseline (threshold tuned on the train streams)
  hdbscan      BERTopic-style HDBSCAN on the embeddings (noise points become singletons)
  agglo-oracle agglomerative (average link, cosine) with its threshold tuned on each test set's own gold:
               an optimistic batch peer, not a fair one

Splits (nothing is tuned on a test part): the decision weights and the tfidf-pass threshold are fitted on
TRAIN streams: ECB+ topics 1-22 (literature split: train 1-22, dev 23-25, test 26-45), the UCI stories whose
sha1 starts with an even hex digit, and FCC dev (football matches; not a benchmark row). Test rows: ECB+
topics 26-45, GVC validation (all), NewsWCL50 (all), the other half of the UCI stories. SemEval-2022:
Pearson on the English pairs of testing_set.csv.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from crosswire.eval import datasets
from crosswire.eval.metrics import ClusterScores, score
from crosswire.model import Article
from crosswire.read.embed import article_view, embed

log = logging.getLogger("cluster_quality")
DEFAULT_CACHE = Path("/tmp/crosswire-embed-cache")
ECB_TRAIN, ECB_DEV = range(1, 23), range(23, 26)


@dataclass
class Stream:
    """A labelled article stream in processing order (dated: by time; undated: by document id)."""

    name: str
    articles: list[Article]

    @property
    def gold(self) -> list[str]:
        return [a.story_id or a.id for a in self.articles]


# -- embeddings, cached on disk ------------------------------------------------------------------------


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_cached(texts: Sequence[str], cache: Path | None = DEFAULT_CACHE) -> np.ndarray:
    """MiniLM vectors for texts, reusing ``cache/<sha1>.npy`` files from earlier runs."""
    if cache is None:
        return embed(texts)
    cache.mkdir(parents=True, exist_ok=True)
    missing = sorted({t for t in texts if not (cache / f"{_key(t)}.npy").exists()})
    for start in range(0, len(missing), 256):
        chunk = missing[start : start + 256]
        for text, vector in zip(chunk, embed(chunk), strict=True):
            np.save(cache / f"{_key(text)}.npy", vector)
    return np.stack([np.load(cache / f"{_key(t)}.npy") for t in texts]) if texts else np.zeros((0, 384))


def stream_vectors(stream: Stream, cache: Path | None) -> np.ndarray:
    return embed_cached([article_view(a) for a in stream.articles], cache)


# -- streams --------------------------------------------------------------------------------------------


def _ordered(articles: Iterable[Article]) -> list[Article]:
    """Publication order where dated (ties and undated by id): deterministic."""
    return sorted(articles, key=lambda a: (a.published or "", a.id))


def _ecb_topic(article: Article) -> int:
    return int(article.id.split("/")[1])


def _uci_train(article: Article) -> bool:
    return int(_key(article.story_id or "")[0], 16) % 2 == 0


def ecb_stream(part: str, quick: bool = False) -> Stream:
    topics = {"train": ECB_TRAIN, "dev": ECB_DEV, "test": range(26, 46)}[part]
    articles = [a for a in datasets.load("ecbplus") if _ecb_topic(a) in topics]
    if quick:
        articles = [a for a in articles if _ecb_topic(a) in list(topics)[:5]]
    return Stream(f"ECB+ {part}", _ordered(articles))


def uci_stream(part: str, quick: bool = False) -> Stream:
    articles = [a for a in datasets.load("uci") if _uci_train(a) == (part == "train")]
    return Stream(f"UCI {part}", _ordered(articles[:1500] if quick else articles))


def train_streams(quick: bool = False) -> list[Stream]:
    """What the decision and the tfidf-pass threshold are fitted on."""
    fcc = Stream("FCC dev", _ordered(datasets.load("fcc")))
    return [ecb_stream("train", quick), uci_stream("train", quick), fcc]


def test_streams(quick: bool = False) -> list[Stream]:
    return [
        ecb_stream("test", quick),
        Stream("GVC val", _ordered(datasets.load("gvc"))),
        Stream("NewsWCL50", _ordered(datasets.load("newswcl50"))),
        uci_stream("test", quick),
    ]


# -- systems --------------------------------------------------------------------------------------------

Labels = list[str] | list[int]


def run_crosswire(stream: Stream, vectors: np.ndarray, storylines: bool = False) -> list[str]:
    """Each article's event (or, with ``storylines``, its event's storyline)."""
    from crosswire.cluster.online import OnlineClusterer

    clusterer = OnlineClusterer()
    events = [clusterer.add(a, v) for a, v in zip(stream.articles, vectors, strict=True)]
    return [clusterer.event(e).storyline_id for e in events] if storylines else events


def bcubed_f1(gold: Sequence[str], pred: Sequence[object]) -> float:
    from crosswire.eval.metrics import bcubed

    return bcubed(list(gold), list(pred)).f1  # type: ignore[arg-type]


TFIDF_GRID = [round(0.05 * i, 2) for i in range(2, 17)]
AGGLO_GRID = [round(0.05 * i, 2) for i in range(2, 19)]


def tune_tfidf_threshold(streams: Sequence[Stream]) -> float:
    """The tfidf-pass threshold with the best mean BCubed F1 over the train streams."""
    from crosswire.cluster.peers import tfidf_single_pass

    def mean_f1(t: float) -> float:
        return float(np.mean([bcubed_f1(s.gold, tfidf_single_pass(s.articles, t)) for s in streams]))

    return max(TFIDF_GRID, key=mean_f1)


def agglo_oracle(stream: Stream, vectors: np.ndarray) -> tuple[list[int], float]:
    """Agglomerative clustering at the threshold that is best on this stream's own gold."""
    from crosswire.cluster.peers import agglomerative

    runs = agglomerative(vectors, AGGLO_GRID)
    best = max(runs, key=lambda t: bcubed_f1(stream.gold, runs[t]))
    return runs[best], best


def systems(tfidf_threshold: float) -> dict[str, Callable[[Stream, np.ndarray], tuple[Labels, str]]]:
    from crosswire.cluster.peers import hdbscan_clusters, tfidf_single_pass

    def oracle(s: Stream, v: np.ndarray) -> tuple[Labels, str]:
        labels, t = agglo_oracle(s, v)
        return labels, f"threshold {t} (on this stream's gold)"

    return {
        "crosswire": lambda s, v: (run_crosswire(s, v), "learned decision"),
        "cw-storylines": lambda s, v: (run_crosswire(s, v, storylines=True), "crosswire's storylines"),
        "tfidf-pass": lambda s, v: (tfidf_single_pass(s.articles, tfidf_threshold), f"t={tfidf_threshold}"),
        "hdbscan": lambda s, v: (hdbscan_clusters(v), "min_cluster_size=2"),
        "agglo-oracle": oracle,
    }


# -- SemEval pairs --------------------------------------------------------------------------------------


def semeval_rows(cache: Path | None, quick: bool) -> list[tuple[str, float]]:
    """Pearson of each similarity with the Overall score (1 same .. 4 unrelated), English pairs, test set.

    Reported as -r, so higher is better (the task's own convention predicts the score itself).
    """
    from crosswire.cluster.decision import load_decision
    from crosswire.cluster.features import TermStats, article_profile, tfidf_cosine, views

    pairs = [p for p in datasets.load_semeval_pairs("test") if (p.lang1, p.lang2) == ("en", "en")]
    pairs = [p for p in pairs if not p.translated][: 150 if quick else None]
    firsts = [Article(id=f"{p.pair_id}/1", title=p.title1, text=p.text1) for p in pairs]
    seconds = [Article(id=f"{p.pair_id}/2", title=p.title2, text=p.text2) for p in pairs]
    left = embed_cached([article_view(a) for a in firsts], cache)
    right = embed_cached([article_view(a) for a in seconds], cache)
    decision, stats = load_decision(), TermStats()
    profiles = [
        (article_profile(a, va), article_profile(b, vb))
        for a, b, va, vb in zip(firsts, seconds, left, right, strict=True)
    ]
    for a, b in profiles:
        stats.observe(a)
        stats.observe(b)
    overall = np.array([p.overall for p in pairs], dtype=float)
    sims = {
        "crosswire P(same)": [float(decision.probability(views(a, b, stats))[0]) for a, b in profiles],
        "crosswire log-odds": [float(decision.logit(views(a, b, stats))[0]) for a, b in profiles],
        "embedding cosine": [float(np.dot(a.vector, b.vector)) for a, b in profiles],
        "tfidf cosine": [tfidf_cosine(a.body, b.body, "body", stats) for a, b in profiles],
    }
    return [(name, -float(np.corrcoef(values, overall)[0, 1])) for name, values in sims.items()]


# -- the run --------------------------------------------------------------------------------------------


@dataclass
class Row:
    dataset: str
    system: str
    scores: ClusterScores
    note: str
    seconds: float
    gold: list[str] = field(default_factory=list, repr=False)
    labels: list[object] = field(default_factory=list, repr=False)

    def cells(self) -> list[str]:
        b, p = self.scores.bcubed, self.scores.pairwise
        nums = [b.precision, b.recall, b.f1, p.precision, p.recall, p.f1]
        counts = f"{self.scores.n_pred}/{self.scores.n_gold}"
        return [self.dataset, self.system, *(f"{x:.3f}" for x in nums), counts, self.note]


HEADER = ["dataset", "system", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "#pred/#gold", "note"]


def evaluate(streams: Sequence[Stream], tfidf_threshold: float, cache: Path | None) -> list[Row]:
    rows = []
    for stream in streams:
        vectors = stream_vectors(stream, cache)
        for name, system in systems(tfidf_threshold).items():
            start = time.perf_counter()
            labels, note = system(stream, vectors)
            elapsed = time.perf_counter() - start
            scores = score(stream.gold, list(labels))  # type: ignore[arg-type]
            rows.append(Row(stream.name, name, scores, note, elapsed, stream.gold, list(labels)))
            log.info("%s / %s: B3 F1 %.3f (%.1f s)", stream.name, name, rows[-1].scores.bcubed.f1, elapsed)
    return rows


def bootstrap_rows(rows: Sequence[Row], samples: int) -> list[str]:
    """crosswire's BCubed F1 minus each peer's, with a 95% interval from resampling each stream's gold events."""
    from crosswire.eval.metrics import bootstrap_f1_difference

    lines = [
        "",
        f"| dataset | crosswire − peer | B3 F1 difference | 95% interval ({samples} resamples of the gold events) |",
        "|---|---|---|---|",
    ]
    for ours in (r for r in rows if r.system == "crosswire"):
        for peer in (
            r for r in rows if r.dataset == ours.dataset and r.system not in ("crosswire", "cw-storylines")
        ):
            d = bootstrap_f1_difference(ours.gold, ours.labels, peer.labels, samples=samples)  # type: ignore[arg-type]
            lines.append(
                f"| {ours.dataset} | {peer.system} | {d.estimate:+.3f} | [{d.low:+.3f}, {d.high:+.3f}] |"
            )
    return lines


LINK_HEADER = ["dataset", "links", "right", "wrong", "link P", "split gold events", "re-joined", "repair R"]


def link_rows(rows: Sequence[Row]) -> list[str]:
    """Storyline links read against gold events (``metrics.storyline_links``): a link is right when it
    re-joins a gold event the clustering split, wrong when it links different gold events."""
    from crosswire.eval.metrics import storyline_links

    lines = []
    for events in (r for r in rows if r.system == "crosswire"):
        lines_of = next(r for r in rows if r.dataset == events.dataset and r.system == "cw-storylines")
        s = storyline_links(events.gold, events.labels, lines_of.labels)  # type: ignore[arg-type]
        cells = [events.dataset, s.links, s.right, s.wrong, f"{s.precision:.3f}", s.split, s.rejoined]
        lines.append("| " + " | ".join(map(str, cells)) + f" | {s.recall:.3f} ({s.right}/{s.needed}) |")
    return lines


def markdown(rows: Sequence[Row], semeval: Sequence[tuple[str, float]], header: str) -> str:
    lines = [header, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    links = link_rows(rows)
    if links:
        lines += ["", "| " + " | ".join(LINK_HEADER) + " |", "|" + "---|" * len(LINK_HEADER), *links]
    if semeval:
        lines += ["", "| SemEval-2022 en-en test pairs | -Pearson(sim, Overall) |", "|---|---|"]
        lines += [f"| {name} | {r:.3f} |" for name, r in semeval]
    return "\n".join(lines) + "\n"


SYSTEM_COLOURS = {
    "crosswire": "#1f6feb",
    "cw-storylines": "#8bb8f0",
    "tfidf-pass": "#9a9a9a",
    "hdbscan": "#c9a227",
    "agglo-oracle": "#d0d0d0",
}
LEGEND_NOTES = {"agglo-oracle": " (cut chosen on the scored stream's own gold)", "cw-storylines": " (same run)"}


def svg_chart(rows: Sequence[Row], title: str) -> str:
    """BCubed F1 of every system on every stream as grouped horizontal bars: a self-contained SVG."""
    datasets = list(dict.fromkeys(r.dataset for r in rows))
    names = list(dict.fromkeys(r.system for r in rows))
    bar, gap, left, width = 14, 12, 120, 360
    height = 40 + len(datasets) * (len(names) * bar + gap) + 20 * len(names)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        f'<text x="4" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    y = 30
    for dataset in datasets:
        out.append(
            f'<text x="{left - 8}" y="{y + len(names) * bar / 2 + 4}" text-anchor="end">{escape(dataset)}</text>'
        )
        for name in names:
            row = next((r for r in rows if r.dataset == dataset and r.system == name), None)
            if row is not None:
                f1 = row.scores.bcubed.f1
                colour = SYSTEM_COLOURS.get(name, "#666")
                out.append(
                    f'<rect x="{left}" y="{y}" width="{f1 * width:.1f}" height="{bar - 2}" fill="{colour}"/>'
                )
                out.append(f'<text x="{left + f1 * width + 4:.1f}" y="{y + bar - 4}">{f1:.3f}</text>')
            y += bar
        y += gap
    for n, name in enumerate(names):  # legend
        ly = y + 14 * n + 6
        colour = SYSTEM_COLOURS.get(name, "#666")
        out.append(f'<rect x="{left}" y="{ly}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{left + 16}" y="{ly + 9}">{escape(name + LEGEND_NOTES.get(name, ""))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a small subset of each dataset")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    parser.add_argument("--svg", type=Path, help="also draw every system's BCubed F1 per stream here (SVG)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache folder")
    parser.add_argument("--dev", action="store_true", help="score the dev/train streams instead of test")
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help="also crosswire − peer with 95%% intervals (N resamples)",
    )
    args = parser.parse_args(argv)
    train = train_streams(args.quick)
    threshold = tune_tfidf_threshold(train)
    streams = [ecb_stream("dev"), *train] if args.dev else test_streams(args.quick)
    rows = evaluate(streams, threshold, args.cache)
    semeval = [] if args.dev else semeval_rows(args.cache, args.quick)
    kind = ("quick " if args.quick else "full ") + ("train/dev streams" if args.dev else "test streams")
    header = f"Event clustering ({kind}; tfidf-pass threshold {threshold} tuned on train)"
    table = markdown(rows, semeval, header)
    if args.bootstrap:
        table += "\n".join(bootstrap_rows(rows, args.bootstrap)) + "\n"
    sys.stdout.write(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    if args.svg:
        args.svg.parent.mkdir(parents=True, exist_ok=True)
        args.svg.write_text(svg_chart(rows, f"BCubed F1, {kind}"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sys.exit(main())
