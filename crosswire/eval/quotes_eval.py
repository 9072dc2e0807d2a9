"""Score quote and attribution extraction against brat-annotated attributions (PolNeAR layout).

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann`` (one file per annotator;
a few articles have several). Each ``E.. Attribution`` (or ``Attribution-no-source``) relation links
``Source``, ``Cue`` and ``Content`` text-bound spans, possibly discontinuous (``start end;start end``).

How we score (see ``score_document``):

* Spans become sets of word tokens (``\\w+`` runs, see ``TOKEN_RE``); punctuation, quotation marks
  included, is ignored, so “content” and content (marks excluded) are the same span.
* Predicted attributions are matched one-to-one to gold ones, greedily by affinity: the Dice
  coefficient of their content tokens, plus one when their cues share a token (one cue, one
  attribution); a pair must share a content or a cue token.
* Per role (speaker = PolNeAR's Source, cue, content), over the attributions that have that role:
  - **exact**: a matched pair whose role token sets are equal is a true positive;
    P = TP / predicted roles, R = TP / gold roles;
  - **partial**: the same with "share at least one token" (lenient, as in PARC's partial match);
  - **overlap**: proportional token overlap, as in Citron's overlap metric and Johansson & Moschitti's
    soft measure: P = shared tokens of matched pairs / all predicted role tokens,
    R = shared tokens / all gold role tokens.
* Several annotators: every annotator's file is scored as a gold document of its own against the same
  predictions, and counts are summed (a micro-average over annotator-documents). A union would hold
  overlapping, conflicting readings of one passage, of which a prediction can match only one.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosswire.read.quotes import Quote

log = logging.getLogger(__name__)

ROLES = ("speaker", "cue", "content")
TOKEN_RE = re.compile(r"\w+")
RELATION_TYPES = ("Attribution", "Attribution-no-source")
BRAT_ROLE = {"Source": "speaker", "Cue": "cue", "Content": "content", "Content2": "content"}

Frags = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution as character fragments per role (empty tuple: role absent)."""

    speaker: Frags = ()
    cue: Frags = ()
    content: Frags = ()

    def role(self, name: str) -> Frags:
        frags: Frags = getattr(self, name)
        return frags


@dataclass(frozen=True)
class GoldDoc:
    """One article's text with one annotator's attributions."""

    name: str
    annotator: str
    attributions: tuple[Attribution, ...]


# --------------------------------------------------------------------------- brat reading


def _parse_fragments(offsets: str) -> Frags:
    frags = []
    for part in offsets.split(";"):
        start, end = part.split()
        frags.append((int(start), int(end)))
    return tuple(frags)


def _parse_textbound(line: str) -> tuple[str, str, Frags] | None:
    parts = line.split("\t")
    if len(parts) < 2 or " " not in parts[1]:
        return None
    kind, offsets = parts[1].split(" ", 1)
    try:
        return parts[0], kind, _parse_fragments(offsets)
    except ValueError:
        return None


def _parse_relation(line: str, spans: dict[str, tuple[str, Frags]]) -> Attribution | None:
    args = line.split("\t")[1].split()
    if not args or args[0].split(":")[0] not in RELATION_TYPES:
        return None
    roles: dict[str, Frags] = {"speaker": (), "cue": (), "content": ()}
    for arg in args[1:]:
        brat_role, _, ref = arg.partition(":")
        role = BRAT_ROLE.get(brat_role)
        if role and ref in spans:
            roles[role] = tuple(sorted(roles[role] + spans[ref][1]))
    return Attribution(**roles)


def read_ann(path: Path) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file (continuation lines of multi-line spans are skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    spans: dict[str, tuple[str, Frags]] = {}
    for line in lines:
        if line.startswith("T") and (tb := _parse_textbound(line)):
            spans[tb[0]] = (tb[1], tb[2])
    relations = (_parse_relation(line, spans) for line in lines if re.match(r"E\d+\t", line))
    return [rel for rel in relations if rel is not None]


def iter_gold(folder: Path, limit: int | None = None) -> Iterator[tuple[str, str, list[GoldDoc]]]:
    """Yield ``(name, text, one GoldDoc per annotator)`` for the articles of ``folder``, by name."""
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))
    for name in names[:limit] if limit is not None else names:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = [
            GoldDoc(name, ann.stem[len(name) + 1 :], tuple(read_ann(ann)))
            for ann in sorted((folder / "attributions").glob(f"{name}_*.ann"))
            if ann.stem[len(name) + 1 :].isalnum()
        ]
        if not golds:
            log.warning("no annotation for %s: skipped", name)
            continue
        yield name, text, golds


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, hits: float, predicted: float, found: float, gold: float) -> PRF:
        """``hits / predicted`` is precision, ``found / gold`` recall (the same count for exact scores)."""
        p = hits / predicted if predicted else 0.0
        r = found / gold if gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class RoleScores:
    exact: PRF
    partial: PRF
    overlap: PRF


@dataclass
class RoleCounts:
    """Sums for one role over a corpus (see the module docstring for what each measure credits)."""

    predicted: int = 0  # predicted attributions having the role
    gold: int = 0
    exact: int = 0  # matched pairs with equal token sets
    partial: int = 0  # matched pairs sharing a token
    predicted_tokens: int = 0
    gold_tokens: int = 0
    shared_tokens: int = 0

    def add(self, other: RoleCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> RoleScores:
        return RoleScores(
            exact=PRF.of(self.exact, self.predicted, self.exact, self.gold),
            partial=PRF.of(self.partial, self.predicted, self.partial, self.gold),
            overlap=PRF.of(self.shared_tokens, self.predicted_tokens, self.shared_tokens, self.gold_tokens),
        )


@dataclass
class Counts:
    """Attribution-level and per-role sums."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        for role in ROLES:
            self.roles[role].add(other.roles[role])


@dataclass(frozen=True)
class QuoteScores:
    """Scores of one evaluation run; ``docs`` articles, ``gold_docs`` annotator files."""

    docs: int
    gold_docs: int
    predicted: int
    gold: int
    matched: int
    attribution: PRF
    speaker: RoleScores
    cue: RoleScores
    content: RoleScores
    seconds: float = 0.0

    def role(self, name: str) -> RoleScores:
        scores: RoleScores = getattr(self, name)
        return scores


def to_scores(counts: Counts, docs: int, gold_docs: int, seconds: float = 0.0) -> QuoteScores:
    roles = {role: counts.roles[role].scores() for role in ROLES}
    attribution = PRF.of(counts.matched, counts.predicted, counts.matched, counts.gold)
    return QuoteScores(
        docs, gold_docs, counts.predicted, counts.gold, counts.matched, attribution, **roles, seconds=seconds
    )


# --------------------------------------------------------------------------- matching


TokenSets = dict[str, frozenset[int]]


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN_RE.finditer(text)]


def _token_set(tokens: Sequence[tuple[int, int]], frags: Frags) -> frozenset[int]:
    return frozenset(i for i, (ts, te) in enumerate(tokens) for fs, fe in frags if ts < fe and fs < te)


def _token_sets(tokens: Sequence[tuple[int, int]], attribution: Attribution) -> TokenSets:
    return {role: _token_set(tokens, attribution.role(role)) for role in ROLES}


def match(predicted: Sequence[TokenSets], gold: Sequence[TokenSets]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted, gold), greedily by ``_affinity``; a pair shares content or cue."""
    candidates = []
    for i, pred in enumerate(predicted):
        for j, want in enumerate(gold):
            if affinity := _affinity(pred, want):
                candidates.append((affinity, -i, -j))
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in sorted(candidates, reverse=True):
        if -i not in used_p and -j not in used_g:
            pairs.append((-i, -j))
            used_p.add(-i)
            used_g.add(-j)
    return pairs


def _affinity(pred: TokenSets, gold: TokenSets) -> float:
    """Dice coefficient of the content tokens, plus one when the cues share a token."""
    shared = len(pred["content"] & gold["content"])
    dice = 2 * shared / (len(pred["content"]) + len(gold["content"])) if shared else 0.0
    return dice + (1.0 if pred["cue"] & gold["cue"] else 0.0)


def score_document(text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution]) -> Counts:
    """Counts for one article against one annotator's attributions."""
    tokens = token_spans(text)
    pred_sets = [_token_sets(tokens, a) for a in predicted]
    gold_sets = [_token_sets(tokens, a) for a in gold]
    pairs = match(pred_sets, gold_sets)
    counts = Counts(len(predicted), len(gold), len(pairs))
    for role in ROLES:
        counts.roles[role] = _role_counts(role, pred_sets, gold_sets, pairs)
    return counts


def _role_counts(
    role: str, pred: Sequence[TokenSets], gold: Sequence[TokenSets], pairs: list[tuple[int, int]]
) -> RoleCounts:
    counts = RoleCounts(
        predicted=sum(1 for p in pred if p[role]),
        gold=sum(1 for g in gold if g[role]),
        predicted_tokens=sum(len(p[role]) for p in pred),
        gold_tokens=sum(len(g[role]) for g in gold),
    )
    for i, j in pairs:
        mine, theirs = pred[i][role], gold[j][role]
        shared = len(mine & theirs)
        counts.exact += bool(mine) and mine == theirs
        counts.partial += shared > 0
        counts.shared_tokens += shared
    return counts


# --------------------------------------------------------------------------- running


def quote_attribution(quote: Quote) -> Attribution:
    """A predicted quote as character fragments per role."""
    parts = quote.content_parts or (quote.content,)
    return Attribution(
        speaker=((quote.speaker.start, quote.speaker.end),) if quote.speaker else (),
        cue=((quote.cue.start, quote.cue.end),) if quote.cue else (),
        content=tuple((p.start, p.end) for p in parts),
    )


def univocal(predicted: Sequence[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside another one's content.

    PolNeAR gives each token to at most one attribution, so a nested attribution ("X said Y told
    him Z") is annotated as the outer one only; the extractor reports both.
    """
    return [
        a
        for a in predicted
        if not any(
            b is not a and s <= a.cue[0][0] < e for b in predicted for s, e in b.content
        )
        or not a.cue
    ]


def evaluate_quotes(folder: Path, limit: int | None = None, *, nested: bool = False) -> QuoteScores:
    """Extract quotes from every article of ``folder`` (PolNeAR layout) and score them.

    ``nested=False`` (default) scores the univocal projection of the predictions (see ``univocal``).
    """
    from crosswire.read.nlp import parse
    from crosswire.read.quotes import extract_quotes

    started = time.perf_counter()
    articles = list(iter_gold(Path(folder), limit))
    total, gold_docs = Counts(), 0
    for (_, text, golds), doc in zip(articles, parse(t for _, t, _ in articles), strict=True):
        predicted = [quote_attribution(q) for q in extract_quotes(doc)]
        predicted = predicted if nested else univocal(predicted)
        for gold in golds:
            total.add(score_document(text, predicted, gold.attributions))
            gold_docs += 1
    return to_scores(total, len(articles), gold_docs, time.perf_counter() - started)


def format_scores(scores: QuoteScores) -> str:
    """A plain-text table: one row per role and measure, in percent."""
    lines = [
        f"{scores.docs} articles, {scores.gold_docs} annotator files; "
        f"{scores.predicted} predicted, {scores.gold} gold, {scores.matched} matched attributions",
        f"{'role':<12}{'measure':<10}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    a = scores.attribution
    lines.append(f"{'attribution':<12}{'matched':<10}{_pct(a.precision)}{_pct(a.recall)}{_pct(a.f1)}")
    for role in ROLES:
        for measure in ("exact", "partial", "overlap"):
            prf: PRF = getattr(scores.role(role), measure)
            lines.append(f"{role:<12}{measure:<10}{_pct(prf.precision)}{_pct(prf.recall)}{_pct(prf.f1)}")
    return "\n".join(lines)


def _pct(value: float) -> str:
    return f"{100 * value:>7.1f}"
