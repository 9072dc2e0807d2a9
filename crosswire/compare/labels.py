"""Framing: the words each outlet uses for the same referent, and the terms each outlet over-uses.

Over-represented terms use the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008, "Fightin' Words"): the prior is the whole story's word distribution scaled to ``alpha_0``;
each outlet is compared with the rest of the story and terms are ranked by the z-score of the estimate.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.compare.settings import CompareSettings
from crosswire.model import Article, Span
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
    return {a.id: a.outlet or a.host or "unknown outlet" for a in articles}


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
            found[eid][f"{outlet[a.id]}\x00{_clean(m.surface)}"].append(m.span)
    return found


def _clean(surface: str) -> str:
    s = re.sub(r"\s+", " ", surface).strip()
    return s[4:] if s.lower().startswith("the ") else s


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
    """Entities named by two or more outlets, with every outlet's words for them, most mentioned first."""
    entities = {e.id: e for e in resolution.entities}
    out: list[EntityLabels] = []
    for eid, uses in _uses(articles, readings, resolution).items():
        by_outlet = _labels(uses, settings.label_examples)
        if len(by_outlet) < 2 or eid not in entities:
            continue
        e = entities[eid]
        out.append(EntityLabels(eid, e.kind, e.name, by_outlet))
    out.sort(key=lambda x: (-len(x.by_outlet), -x.distinct_labels, -_total(x)))
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
    n_i, n_j, n_p = sum(mine.values()), sum(rest.values()), sum(prior.values())
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
    prior: Counter[str] = sum(counts.values(), Counter())
    out = []
    for name, mine in counts.items():
        rest = prior - mine
        z = log_odds_z(mine, rest, prior, settings.logodds_prior)
        top = sorted((w for w in z if z[w] >= settings.logodds_z), key=lambda w: -z[w])[
            : settings.logodds_top
        ]
        out.append(
            OutletTerms(name, [TermScore(w, round(z[w], 2), mine[w], first.get((name, w))) for w in top])
        )
    return out
