"""Learn the cue frames of ``crosswire/read/quote_frames.json`` from PolNeAR's train split (never dev).

A *frame* is a cue word (lemma and part of speech) with the dependency that leads from it to the
content ("support" → ``dobj``, "open" → ``prep:to``, "insist" → ``ccomp``). For every gold attribution
of train, the cue's anchor is the highest cue token above the content's root, and the relation is the
first step down from it; every word of train with that child is an occurrence of the frame. A frame is
kept when annotators mark it as a cue often enough, in absolute and relative terms (``--min-count``,
``--min-rate``). Each article counts once: a token is weighted by the share of its annotators who mark it.

    .venv/bin/python benchmarks/quote_lexicon.py [--train DIR] [--out crosswire/read/quote_frames.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crosswire.eval.quotes_eval import (
    Attribution,
    iter_gold,
    match,
    quote_attribution,
    token_spans,
    univocal,
)
from crosswire.eval.quotes_eval import _token_sets as token_sets
from crosswire.read.quote_frames import FRAME_POS, FRAMES_PATH, CueTable, frame_key, relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DEFAULT_TRAIN = Path(__file__).resolve().parents[2] / "shared/data/polnear/data/train"
Weights = defaultdict[tuple[str, str], float]
FUNCTION_POS = frozenset({"ADP", "AUX", "PART", "DET", "PUNCT", "CCONJ", "SCONJ"})


def _tokens(doc: Doc, frags: Sequence[tuple[int, int]]) -> list[Token]:
    out: list[Token] = []
    for start, end in frags:
        span = doc.char_span(start, end, alignment_mode="expand")
        out += list(span) if span is not None else []
    return out


def cue_frame(doc: Doc, attribution: Attribution) -> tuple[Token, str] | None:
    """The cue's anchor and the relation from it to the content, when the parse links them: the
    lowest content word of the cue above the content's root ("worried" in "were worried about X")."""
    cue = {t.i for t in _tokens(doc, attribution.cue)}
    content = [t for t in _tokens(doc, attribution.content) if not t.is_punct]
    if not cue or not content:
        return None
    root = min(content, key=lambda t: len(list(t.ancestors)))
    below = root
    for node in root.ancestors:
        if node.i in cue and node.pos_ not in FUNCTION_POS:
            return node, relation(below)
        if node.i not in cue and below.i in cue:
            return None  # the path leaves the cue before reaching a content word
        below = node
    return None


def _quoted(doc: Doc) -> set[int]:
    from crosswire.read.quotes import _Quotations

    return _Quotations.of(doc).inside()


def count(
    articles: Iterable[tuple[Doc, list[list[Attribution]]]],
) -> tuple[Weights, Counter[tuple[str, str]]]:
    """(weighted times each frame is a gold cue, times it occurs), over articles with annotator files."""
    cues: Weights = defaultdict(float)
    seen: Counter[tuple[str, str]] = Counter()
    for doc, annotators in articles:
        marked: Counter[tuple[int, str]] = Counter()
        for attributions in annotators:
            found = {(tok.i, rel) for a in attributions if (hit := cue_frame(doc, a)) for tok, rel in [hit]}
            marked.update(found)
        for (i, rel), n in marked.items():
            cues[frame_key(doc[i]), rel] += n / len(annotators)
        quoted = _quoted(doc)
        for tok in doc:
            if tok.i not in quoted:
                for rel in {relation(c) for c in tok.children}:
                    seen[frame_key(tok), rel] += 1
    return cues, seen


def select(
    cues: Mapping[tuple[str, str], float],
    seen: Mapping[tuple[str, str], int],
    min_count: float,
    min_rate: float,
) -> dict[str, dict]:
    """Frames of verbs and adjectives marked at least ``min_count`` times and on at least ``min_rate``
    of their occurrences."""
    frames: dict[str, dict] = {}
    for (key, rel), n in sorted(cues.items()):
        if key.rsplit("/", 1)[-1] not in FRAME_POS:
            continue
        total = max(seen.get((key, rel), 0), n)
        if n >= min_count and n / total >= min_rate:
            frames.setdefault(key, {})[rel] = [round(n, 2), int(total)]
    return frames


def reliability(articles: Iterable[tuple[Doc, str, list[list[Attribution]]]], frames: dict) -> dict:
    """For each frame: (attributions made by the extractor with the learned ``frames`` and no filter,
    weighted by the share of annotators whose gold attribution they match; attributions made)."""
    from crosswire.read.quotes import extract_quotes

    table = CueTable({k: frozenset(v) for k, v in frames.items()}, {})
    hits: defaultdict[str, float] = defaultdict(float)
    made: Counter[str] = Counter()
    for doc, text, annotators in articles:
        quotes = extract_quotes(doc, table=table)
        attributions = [quote_attribution(q) for q in quotes]
        frame = {id(a): q.frame for a, q in zip(attributions, quotes, strict=True)}
        kept = univocal(attributions)
        tokens = token_spans(text)
        pred = [token_sets(tokens, a) for a in kept]
        for a in kept:
            made[frame[id(a)]] += 1
        for gold in annotators:
            for i, _ in match(pred, [token_sets(tokens, g) for g in gold]):
                hits[frame[id(kept[i])]] += 1 / len(annotators)
    return {key: [round(hits[key], 2), made[key]] for key in sorted(made)}


def learn(
    articles: Sequence[tuple[Doc, str, list[list[Attribution]]]], min_count: float, min_rate: float
) -> dict:
    """Both tables of ``quote_frames.json`` from parsed, annotated articles."""
    cues, seen = count((doc, annotators) for doc, _, annotators in articles)
    frames = select(cues, seen, min_count, min_rate)
    meta = {"source": "PolNeAR train", "min_count": min_count, "min_rate": min_rate}
    return {"meta": meta, "frames": frames, "reliability": reliability(articles, frames)}


def dump(table: dict) -> str:
    """JSON with one entry per line, so that a regenerated table diffs line by line."""
    sections = []
    for name in sorted(table):
        rows = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in sorted(table[name].items())]
        sections.append(f" {json.dumps(name)}: {{\n" + ",\n".join(rows) + "\n }")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=FRAMES_PATH)
    ap.add_argument("--min-count", type=float, default=3.0)
    ap.add_argument("--min-rate", type=float, default=0.3)
    args = ap.parse_args()
    from crosswire.read.nlp import parse

    gold = list(iter_gold(args.train))
    docs = parse(text for _, text, _ in gold)
    articles = [
        (doc, text, [list(g.attributions) for g in golds])
        for (_, text, golds), doc in zip(gold, docs, strict=True)
    ]
    table = learn(articles, args.min_count, args.min_rate)
    args.out.write_text(dump(table), encoding="utf-8")
    print(
        f"{len(table['frames'])} learned cue words, {len(table['reliability'])} frames scored -> {args.out}"
    )


if __name__ == "__main__":
    main()
