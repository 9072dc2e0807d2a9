"""Cross-document entity coreference on gold mentions: crosswire's resolver vs an exact-string baseline.

Setting: **gold mentions** (the standard setting for cross-document coreference: the mention spans are
given, the task is linking them). Both systems see the same mentions and run **within topic** (the standard
setting; ECB+: a topic holds both its sub-events, ``ecb`` and ``ecbplus``; NewsWCL50: a topic is one event
covered by five outlets; MEANTIME: a topic is a broad subject, e.g. Apple, over 30 WikiNews articles). The
gold never links across topics. Splits (``split``): ECB+ train/dev/test, NewsWCL50 and MEANTIME
train/val/test from their own split files (``crosswire.eval.entity_chains``); tune on train (and val), report
test.

- ``crosswire``: each gold mention is read with spaCy (only the sentences that hold gold mentions are parsed):
  its syntactic head, the NER name containing that head (its kind; of "Wasilla, Alaska" the first place),
  the words before the name as a role ("CIA Director Mike Pompeo"), and aliases and appositions learned
  from the sentence; its surface leaves out leading prepositions ("in Queens" → "Queens"); then
  ``crosswire.read.resolve.resolve`` clusters the topic's mentions with ``groups`` = topic.
- ``exact-string``: mentions of a topic with the identical lowercased surface are one entity.

Scores: MUC, B³, CEAF-e, CoNLL F1 (``coref_metrics``), on all gold entity mentions and on the subset whose
span contains a proper noun (spaCy PROPN); the subset is scored by restricting both partitions after
resolution over all mentions.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.eval.coref_metrics import CorefScores, score
from crosswire.eval.entity_chains import GoldDocument, GoldMention, load
from crosswire.eval.stories import predict_stories
from crosswire.model import Span
from crosswire.read.aliases import is_name_like
from crosswire.read.entities import (
    ENTITY_LABELS,
    Mention,
    extract_mentions,
    governor_of,
    hyphen_end,
    trim_range,
)
from crosswire.read.nlp import parse
from crosswire.read.resolve import resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

SYSTEMS = ("exact-string", "crosswire")
SUBSETS = ("all", "proper")
GROUPINGS = ("topic", "predicted", "subtopic")


@dataclass(frozen=True)
class EvalRow:
    dataset: str
    subset: str
    system: str
    mentions: int
    chains: int
    scores: CorefScores


@dataclass(frozen=True)
class _Read:
    """One gold mention as the system sees it."""

    gold: GoldMention
    topic: str
    subtopic: str
    mention: Mention
    proper: bool


def evaluate_entities(
    dataset: str, limit: int | None = None, grouping: str = "topic", split: str | None = None
) -> list[EvalRow]:
    """Score both systems on ``dataset`` (``newswcl50`` | ``ecbplus`` | ``meantime``); ``split``: that topic
    split only (ECB+: train 1-22, dev 23-25, test 26-45; NewsWCL50, MEANTIME: train, val (or dev), test of
    their split files); ``limit``: first N topics only.

    ``grouping``: the resolver's ``groups`` (stories): ``topic`` (standard), ``predicted`` (the topic's
    documents clustered into stories by their names, ``crosswire.eval.stories``, as crosswire's own event
    clustering would) or ``subtopic`` (ECB+'s gold sub-event, ecb vs ecbplus: an upper bound; the same as
    topic for NewsWCL50). Both systems still run within topic."""
    docs = load(dataset, topics=limit, split=split)
    reads = list(read_gold_mentions(docs))
    key = _partition(reads, lambda r: r.gold.chain)
    responses = {"exact-string": _baseline(reads), "crosswire": _crosswire(reads, _stories(docs, grouping))}
    rows: list[EvalRow] = []
    for subset in SUBSETS:
        keep = {r.mention.id for r in reads if subset == "all" or r.proper}
        gold = _restrict(key, keep)
        for system in SYSTEMS:
            rows.append(
                EvalRow(
                    dataset,
                    subset,
                    system,
                    len(keep),
                    len(gold),
                    score(gold, _restrict(responses[system], keep)),
                )
            )
    return rows


def format_table(rows: Iterable[EvalRow]) -> str:
    """A plain-text table: dataset × subset × system × MUC/B3/CEAF-e/CoNLL F1."""
    head = (
        f"{'dataset':<10} {'mentions':<8} {'system':<13} {'n':>6} {'chains':>6}  MUC    B3     CEAF-e CoNLL"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        s = r.scores.as_row()
        lines.append(
            f"{r.dataset:<10} {r.subset:<8} {r.system:<13} {r.mentions:>6} {r.chains:>6}  "
            f"{s['MUC']:<6} {s['B3']:<6} {s['CEAF-e']:<6} {s['CoNLL']:<6}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- systems


def _partition(reads: Iterable[_Read], label: Callable[[_Read], str]) -> list[set[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for r in reads:
        clusters[f"{r.topic}\t{label(r)}"].add(r.mention.id)
    return list(clusters.values())


def _restrict(clusters: list[set[str]], keep: set[str]) -> list[set[str]]:
    return [c & keep for c in clusters if c & keep]


def _baseline(reads: list[_Read]) -> list[set[str]]:
    return _partition(reads, lambda r: r.gold.text.lower())


def _stories(docs: list[GoldDocument], grouping: str) -> dict[str, str]:
    """Document id → the story (resolver group) it belongs to under ``grouping``."""
    if grouping == "predicted":
        return predict_stories(docs)
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}: choose one of {', '.join(GROUPINGS)}")
    return {d.doc_id: d.subtopic if grouping == "subtopic" else d.topic for d in docs}


def _crosswire(reads: list[_Read], group_of: dict[str, str]) -> list[set[str]]:
    by_topic: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for r in reads:
        by_topic[r.topic][r.gold.doc_id].append(r.mention)
    entity_of: dict[str, str] = {}
    for topic, mentions in by_topic.items():
        resolution = resolve(dict(mentions), {doc: group_of[doc] for doc in mentions})
        entity_of.update({m: f"{topic}\t{e}" for m, e in resolution.entity_of.items()})
    return _partition(reads, lambda r: entity_of[r.mention.id])


# ---------------------------------------------------------------- reading gold mentions


def read_gold_mentions(docs: list[GoldDocument]) -> Iterable[_Read]:
    """Each gold mention as a ``Mention`` built from a parse of its sentence (parsed once per sentence)."""
    lines = _mention_lines(docs)
    parsed = parse((doc.text[s:e] for doc, s, e in lines), batch_size=64)
    for (doc, start, end), sdoc in zip(lines, parsed, strict=True):
        extracted = extract_mentions(sdoc, doc.doc_id)
        for gold in doc.mentions:
            if start <= gold.start and gold.end <= end:
                mention, proper = _read_one(gold, sdoc, start, extracted)
                yield _Read(gold, doc.topic, doc.subtopic, mention, proper)


def _mention_lines(docs: list[GoldDocument]) -> list[tuple[GoldDocument, int, int]]:
    """(document, start, end) of each text line (sentence) that holds a gold mention."""
    out: list[tuple[GoldDocument, int, int]] = []
    for doc in docs:
        starts = sorted({doc.text.rfind("\n", 0, m.start) + 1 for m in doc.mentions})
        for s in starts:
            e = doc.text.find("\n", s)
            out.append((doc, s, len(doc.text) if e < 0 else e))
    return out


def _read_one(gold: GoldMention, sdoc: Doc, offset: int, extracted: list[Mention]) -> tuple[Mention, bool]:
    rel_start, rel_end = gold.start - offset, gold.end - offset
    span = sdoc.char_span(rel_start, rel_end, alignment_mode="expand")
    span_id = Span(gold.doc_id, gold.start, gold.end)
    if span is None or len(span) == 0:
        return Mention(span_id, gold.text, "OTHER", via="gold"), False
    root = content_root(span)
    name_range, kind = _name_in(span, root)
    content = _content_start(span)
    surface = sdoc.text[content:rel_end] if content > rel_start else gold.text
    name = ""
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    if name_range is not None:
        name = sdoc.text[name_range[0] : name_range[1]]
        prefix = sdoc.text[rel_start : name_range[0]].strip(" ,")
        roles = (prefix,) if prefix and prefix.lower() not in {"the", "a", "an"} else ()
        same = [m for m in extracted if (m.span.start, m.span.end) == name_range]
        if same:  # the reader's own second thoughts on the NER label ("Betty Ford Center" is no person)
            roles, aliases, kind = (*roles, *same[0].roles), same[0].aliases, same[0].kind
    mention = Mention(
        span_id,
        surface,
        kind,
        name=name,
        head=root.lemma_.lower(),
        aliases=aliases,
        roles=roles,
        via="gold",
        governor=governor_of(root),
    )
    return mention, any(t.pos_ == "PROPN" for t in span)


def _content_start(span: SpacySpan) -> int:
    """Character offset (in the sentence) where the mention's words start, past leading prepositions ("in
    Queens" → "Queens"; ECB+ location and time markables often include them)."""
    i = span.start
    while i < span.end - 1 and span.doc[i].pos_ == "ADP":
        i += 1
    return span.doc[i].idx


def content_root(span: SpacySpan) -> Token:
    """The span's syntactic head, past a leading preposition ("in the Gulf of Aden" → Gulf; ECB+ location and
    time markables often include it) and a stray determiner head ("a 2012" → 2012)."""
    root = span.root
    while root.pos_ == "ADP":
        objects = [c for c in root.children if c.dep_ == "pobj" and span.start <= c.i < span.end]
        if not objects:
            break
        root = objects[0]
    if root.pos_ == "DET" and root.i + 1 < span.end:
        root = span[-1] if span[-1].pos_ != "PUNCT" else root
    return hyphen_end(root, span.end)


def _name_in(span: SpacySpan, root: Token) -> tuple[tuple[int, int] | None, str]:
    """Character range (in the sentence) and NER kind of the name the mention's head belongs to."""
    places = [e for e in span.doc.ents if e.label_ in {"GPE", "LOC"} and span.start <= e.start < span.end]
    for first, second in itertools.pairwise(places):
        if second.start <= root.i < second.end and span.doc[first.end : second.start].text == ",":
            root = first.root  # "Wasilla, Alaska": the place is Wasilla, Alaska says where it lies
    for ent in span.doc.ents:
        if ent.label_ in ENTITY_LABELS and ent.start <= root.i < ent.end:
            start = max(ent.start_char, span.start_char)
            end = min(ent.end_char, span.end_char)
            return trim_range(span.doc.text, start, end), ent.label_
    if getattr(root, "pos_", "") != "PROPN":
        return _capitalised_span(span, root), "OTHER"
    run = _propn_run(span, root)
    return trim_range(span.doc.text, run[0], run[1]), "OTHER"


def _capitalised_span(span: SpacySpan, root: Token) -> tuple[int, int] | None:
    """A name the tagger missed: a span with a proper noun whose every word is capitalised and whose head is
    capitalised or a number ("the Philadelphia 76ers")."""
    if not (root.text[:1].isupper() or root.text[:1].isdigit()) or not any(t.pos_ == "PROPN" for t in span):
        return None
    start, end = trim_range(span.doc.text, span.start_char, span.end_char)
    return (start, end) if is_name_like(span.doc.text[start:end]) else None


def _propn_run(span: SpacySpan, root: object) -> tuple[int, int]:
    i = j = root.i  # type: ignore[attr-defined]
    doc = span.doc
    while i - 1 >= span.start and doc[i - 1].pos_ == "PROPN":
        i -= 1
    while j + 1 < span.end and doc[j + 1].pos_ == "PROPN":
        j += 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)
