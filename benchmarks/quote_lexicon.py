"""Learn the cue frames of ``crosswire/read/quote_frames.json`` from PolNeAR's train split (never dev).

A *frame* is a cue word (lemma and part of speech) with the dependency that leads from it to the
content ("support" → ``dobj``, "open" → ``prep:to``, "insist" → ``ccomp``). For every gold attribution
of train, the cue's anchor is the highest cue token above the content's root, and the relation is the
first step down from it; every word of train with that child is an occurrence of the frame. A frame is
kept when annotators mark it as a cue often enough, in absolute and relative terms (``--min-count``,
``--min-rate``). Each article counts once: a token is weighted by the share of its annotators who mark it.

The same marks train the frame model (``occurrences``, ``fit_model``): a logistic regression over every
content child of a verb or adjective, which the extractor uses instead of the counted frames. Its
threshold (``--threshold``, 0.35) was chosen on train slices (train[3::10], [6::10], [0::10], [8::10]),
each scored with frames, model and reliabilities learned on the other 90% of train.

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
from crosswire.read.quote_frames import (
    FRAME_POS,
    FRAMES_PATH,
    FUNCTION_DEPS,
    CueTable,
    FrameModel,
    frame_features,
    frame_key,
    model_of,
    relation,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DEFAULT_TRAIN = Path(__file__).resolve().parents[2] / "shared/data/polnear/data/train"
Weights = defaultdict[tuple[str, str], float]
FUNCTION_POS = frozenset({"ADP", "AUX", "PART", "DET", "PUNCT", "CCONJ", "SCONJ"})
THRESHOLD = 0.35  # the model's decision threshold, chosen on train slices with the model fit on the rest


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


def _marked(doc: Doc, annotators: list[list[Attribution]]) -> Counter[tuple[int, str]]:
    """How many annotators mark each (word, relation) as a cue frame."""
    marked: Counter[tuple[int, str]] = Counter()
    for attributions in annotators:
        marked.update(
            {(tok.i, rel) for a in attributions if (hit := cue_frame(doc, a)) for tok, rel in [hit]}
        )
    return marked


def count(
    articles: Iterable[tuple[Doc, list[list[Attribution]]]],
) -> tuple[Weights, Counter[tuple[str, str]]]:
    """(weighted times each frame is a gold cue, times it occurs), over articles with annotator files."""
    cues: Weights = defaultdict(float)
    seen: Counter[tuple[str, str]] = Counter()
    for doc, annotators in articles:
        marked = _marked(doc, annotators)
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


def occurrences(
    articles: Iterable[tuple[Doc, list[list[Attribution]]]],
) -> tuple[list[list[str]], list[float]]:
    """The model's examples: every content child of a verb or adjective outside quotations (not a
    participle modifying a noun, as ``quotes._cue_draft`` asks), with the share of annotators who mark
    the word as a cue with that relation."""
    features: list[list[str]] = []
    labels: list[float] = []
    for doc, annotators in articles:
        marked = _marked(doc, annotators)
        quoted = _quoted(doc)
        for tok in doc:
            if tok.i in quoted or tok.pos_ not in FRAME_POS or tok.dep_ == "acl":
                continue
            for child in tok.children:
                if child.dep_ not in FUNCTION_DEPS:
                    features.append(frame_features(tok, child))
                    labels.append(marked[tok.i, relation(child)] / len(annotators))
    return features, labels


def fit_model(
    features: Sequence[list[str]],
    labels: Sequence[float],
    threshold: float,
    c: float = 1.0,
    min_seen: int = 10,
) -> dict[str, float]:
    """Logistic regression on the examples (a share of annotators is a fractional label: the example is
    weighted as positive by it and as negative by the rest); features seen fewer than ``min_seen``
    times are left out, tiny weights dropped. The ``model`` section of ``quote_frames.json``."""
    import numpy as np
    from scipy.sparse import vstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for row in features for f in row)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in row if seen[f] >= min_seen} for row in features])
    y = np.asarray(labels, dtype=float)
    both = vstack([x, x])
    classes = np.r_[np.ones(len(y)), np.zeros(len(y))]
    lr = LogisticRegression(C=c, max_iter=5000).fit(both, classes, sample_weight=np.r_[y, 1 - y])
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vectorizer.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(w) >= 0.005
    }
    return {**weights, "_bias": round(float(lr.intercept_[0]), 4), "_threshold": threshold}


def reliability(
    articles: Iterable[tuple[Doc, str, list[list[Attribution]]]],
    frames: dict,
    model: FrameModel | None = None,
) -> dict:
    """For each frame: (attributions made by the extractor with the learned ``frames`` and ``model``
    and no filter, weighted by the share of annotators whose gold attribution they match; attributions
    made)."""
    from crosswire.read.quotes import extract_quotes

    table = CueTable({k: frozenset(v) for k, v in frames.items()}, {}, model)
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
    articles: Sequence[tuple[Doc, str, list[list[Attribution]]]],
    min_count: float,
    min_rate: float,
    threshold: float | None = THRESHOLD,
) -> dict:
    """The tables of ``quote_frames.json`` from parsed, annotated articles (no model when
    ``threshold`` is None)."""
    cues, seen = count((doc, annotators) for doc, _, annotators in articles)
    frames = select(cues, seen, min_count, min_rate)
    meta: dict = {"source": "PolNeAR train", "min_count": min_count, "min_rate": min_rate}
    table = {"meta": meta, "frames": frames}
    model = None
    if threshold is not None:
        table["model"] = fit_model(*occurrences((doc, a) for doc, _, a in articles), threshold)
        model = model_of(table["model"])
    table["reliability"] = reliability(articles, frames, model)
    return table


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
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="the frame model's; <= 0: no model")
    args = ap.parse_args()
    from crosswire.read.nlp import parse

    gold = list(iter_gold(args.train))
    docs = parse(text for _, text, _ in gold)
    articles = [
        (doc, text, [list(g.attributions) for g in golds])
        for (_, text, golds), doc in zip(gold, docs, strict=True)
    ]
    table = learn(articles, args.min_count, args.min_rate, args.threshold if args.threshold > 0 else None)
    args.out.write_text(dump(table), encoding="utf-8")
    print(
        f"{len(table['frames'])} learned cue words, {len(table['reliability'])} frames scored -> {args.out}"
    )


if __name__ == "__main__":
    main()
