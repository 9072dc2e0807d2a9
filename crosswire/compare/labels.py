"""Framing: the words each outlet uses for the same referent, and the terms each outlet over-uses.

Over-represented terms use the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008, "Fightin' Words"): the prior is the whole story's word distribution scaled to ``alpha_0``;
each outlet is compared with the rest of the story and terms are ranked by the z-score of the estimate.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.compare.settings import CompareSettings
from crosswire.model import Article, Span
from crosswire.read.aliases import SKELETON_MIN, skeleton
from crosswire.read.entities import is_named
from crosswire.read.reader import Reading
from crosswire.read.resolve import Resolution

PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "whose",
    ]
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
MAX_ENTITIES = 40


@dataclass
class LabelUse:
    """One outlet's word for a referent: how often, and where."""

    label: str
    count: int
    examples: list[Span] = field(default_factory=list)


@dataclass
class EntityLabels:
    entity_id: str
    kind: str
    name: str
    by_outlet: dict[str, list[LabelUse]]
    named: bool = True  # False: only descriptions refer to it ("the migrants")

    @property
    def distinct_labels(self) -> int:
        return len({u.label.lower() for uses in self.by_outlet.values() for u in uses})


@dataclass
class TermScore:
    term: str
    z: float
    count: int
    example: Span | None


@dataclass
class OutletTerms:
    outlet: str
    terms: list[TermScore]


def _outlet_of(articles: list[Article]) -> dict[str, str]:
    return {a.id: a.outlet_label for a in articles}


def _uses(
    articles: list[Article], readings: dict[str, Reading], resolution: Resolution
) -> dict[str, dict[str, list[Span]]]:
    """Entity id → "outlet\x00label" → spans."""
    outlet = _outlet_of(articles)
    found: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        for m in readings[a.id].mentions if a.id in readings else []:
            eid = resolution.entity_of.get(m.id)
            if eid is None or m.surface.lower() in PRONOUNS:
                continue
            found[eid][f"{outlet[a.id]}\x00{framed_label(a.text, m.span, m.surface)}"].append(m.span)
    return found


GROUP_NOUNS = (
    "insurgents|rebels|fighters|militants|terrorists|jihadists|extremists|gunmen|militiamen|militias?|"
    "separatists|guerrillas|radicals|mercenaries|thugs|bandits|criminals|forces|troops"
)
_AFTER = re.compile(rf"\s+(?:{GROUP_NOUNS})\b")
_BEFORE = re.compile(rf"\b(?:{GROUP_NOUNS})\s+of\s+(?:the\s+)?so-called\s+$", re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso-called\s+$", re.IGNORECASE)
_KNOWN_AS = re.compile(r"\b(?:known|also known|called|also called)(?:\s+in\s+\w+)?\s+as\s+$", re.IGNORECASE)
KNOWN_AS_REACH = 120  # characters back from "known as Y" to the X it renames


def framed_label(text: str, span: Span, surface: str) -> str:
    """The words an outlet uses for a referent, with the framing noun around the name:
    "NF insurgents", "terrorists of the so-called Northern Front", "Daesh Takfiri militants"."""
    label = _clean(surface)
    before = text[max(0, span.start - 60) : span.start]
    after = _AFTER.match(text, span.end)
    if (m := _BEFORE.search(before)) is not None:
        label = f"{m.group(0)}{label}"
    elif (m := _SO_CALLED.search(before)) is not None:
        label = f"so-called {label}"
    if after is not None and not label.lower().endswith(after.group(0).strip().lower()):
        label = f"{label}{after.group(0)}"
    return re.sub(r"\s+", " ", label)


def _clean(surface: str) -> str:
    s = re.sub(r"\s+", " ", surface).strip()
    return s[4:] if s.lower().startswith("the ") else s


def _renamings(
    articles: list[Article], readings: dict[str, Reading], resolution: Resolution
) -> list[tuple[str, str]]:
    """Entity id pairs a text says are one ("X, an alliance known in Arabic as Y")."""
    pairs: list[tuple[str, str]] = []
    for a in articles:
        mentions = sorted(readings[a.id].mentions if a.id in readings else [], key=lambda m: m.span.start)
        for k, m in enumerate(mentions):
            if not _KNOWN_AS.search(a.text[max(0, m.span.start - 40) : m.span.start]):
                continue
            earlier = [p for p in mentions[:k] if m.span.start - p.span.end <= KNOWN_AS_REACH]
            ids = [resolution.entity_of.get(x.id) for x in [*earlier[-1:], m]] if earlier else []
            if len(ids) == 2 and ids[0] and ids[1]:
                pairs.append((ids[0], ids[1]))
    return pairs


def _merged(
    uses: dict[str, dict[str, list[Span]]], names: dict[str, str], pairs: list[tuple[str, str]]
) -> dict[str, dict[str, list[Span]]]:
    """Uses of entities the resolver kept apart merged: same name skeleton, or renamed in the text."""
    root = {eid: eid for eid in uses}

    def find(x: str) -> str:
        while root[x] != x:
            x = root[x]
        return x

    by_skeleton: dict[str, str] = {}
    for eid in uses:
        key = skeleton(names.get(eid, eid))
        if len(key.replace(" ", "")) >= SKELETON_MIN:
            pairs = [*pairs, (by_skeleton.setdefault(key, eid), eid)]
    for a, b in pairs:
        if a in root and b in root and find(a) != find(b):
            root[find(b)] = find(a)
    out: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for eid, labels in sorted(uses.items(), key=lambda kv: -sum(len(v) for v in kv[1].values())):
        for key, spans in labels.items():
            out[find(eid)][key].extend(spans)
    return out


def _labels(uses: dict[str, list[Span]], examples: int) -> dict[str, list[LabelUse]]:
    by_outlet: dict[str, list[LabelUse]] = defaultdict(list)
    for key, spans in uses.items():
        outlet, label = key.split("\x00", 1)
        by_outlet[outlet].append(LabelUse(label, len(spans), spans[:examples]))
    for items in by_outlet.values():
        items.sort(key=lambda u: (-u.count, u.label))
    return dict(by_outlet)


def entity_labels(
    articles: list[Article], readings: dict[str, Reading], resolution: Resolution, settings: CompareSettings
) -> list[EntityLabels]:
    """Entities named by two or more outlets, with every outlet's words for them: named ones first, then
    referents only described ("the migrants", "the company") where the outlets' words differ; each by
    number of outlets, then of distinct labels, then of mentions."""
    entities = {e.id: e for e in resolution.entities}
    names = {eid: e.name for eid, e in entities.items()}
    uses = _merged(_uses(articles, readings, resolution), names, _renamings(articles, readings, resolution))
    out: list[EntityLabels] = []
    for eid, labels in uses.items():
        by_outlet = _labels(labels, settings.label_examples)
        if len(by_outlet) < 2 or eid not in entities:
            continue
        e = entities[eid]
        entry = EntityLabels(eid, e.kind, e.name, by_outlet, is_named(e.kind, e.name))
        if entry.named or entry.distinct_labels >= 2:
            out.append(entry)
    out.sort(key=lambda x: (not x.named, -len(x.by_outlet), -x.distinct_labels, -_total(x)))
    return out[:MAX_ENTITIES]


def _total(labels: EntityLabels) -> int:
    return sum(u.count for uses in labels.by_outlet.values() for u in uses)


# ------------------------------------------------------------------------------------------ log-odds


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) of content words, lowercased."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        if len(word) > 2 and word not in STOP_WORDS:
            out.append((word, m.start(), m.end()))
    return out


def log_odds_z(
    mine: Counter[str], rest: Counter[str], prior: Counter[str], alpha0: float
) -> dict[str, float]:
    """z-scores of the log-odds ratio of each term in ``mine`` against ``rest``.

    Monroe et al. 2008, eq. 22 (informative Dirichlet prior).
    """
    totals = (sum(mine.values()), sum(rest.values()), sum(prior.values()))
    return _z_scores(mine, rest, prior, alpha0, totals)


def _z_scores(
    mine: Counter[str],
    rest: Mapping[str, int],
    prior: Counter[str],
    alpha0: float,
    totals: tuple[int, int, int],
) -> dict[str, float]:
    """``log_odds_z`` with the three counts' totals given (``rest`` need only hold ``mine``'s terms)."""
    n_i, n_j, n_p = totals
    out: dict[str, float] = {}
    for w, y_i in mine.items():
        a_w = alpha0 * prior[w] / n_p
        y_j = rest.get(w, 0)
        delta = math.log((y_i + a_w) / (n_i + alpha0 - y_i - a_w)) - math.log(
            (y_j + a_w) / (n_j + alpha0 - y_j - a_w)
        )
        out[w] = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
    return out


def outlet_terms(articles: list[Article], settings: CompareSettings) -> list[OutletTerms]:
    """Each outlet's over-represented terms against the rest of the story (z ≥ ``logodds_z``)."""
    outlet = _outlet_of(articles)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[tuple[str, str], Span] = {}
    for a in articles:
        for w, s, e in tokens(a.text):
            counts[outlet[a.id]][w] += 1
            first.setdefault((outlet[a.id], w), Span(a.id, s, e))
    prior: Counter[str] = Counter()
    for c in counts.values():
        prior.update(c)
    n_prior = sum(prior.values())
    out = []
    for name, mine in counts.items():
        rest = {w: prior[w] - y for w, y in mine.items()}
        n_i = sum(mine.values())
        z = _z_scores(mine, rest, prior, settings.logodds_prior, (n_i, n_prior - n_i, n_prior))
        top = sorted((w for w in z if z[w] >= settings.logodds_z), key=lambda w: -z[w])[
            : settings.logodds_top
        ]
        out.append(
            OutletTerms(name, [TermScore(w, round(z[w], 2), mine[w], first.get((name, w))) for w in top])
        )
    return out
