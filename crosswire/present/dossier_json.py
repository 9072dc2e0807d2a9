"""The dossier as plain data: every item with its evidence spans (article id, start, end, quoted text).

``dossier_data`` is the one view of a ``Dossier`` that every format renders: JSON writes it as is,
Markdown and HTML lay it out. A span is always ``{"article_id", "start", "end", "text"}`` with ``text``
equal to ``article.text[start:end]``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.dossier import Dossier
from crosswire.compare.labels import EntityLabels, OutletTerms
from crosswire.compare.quotes_across import QuoteComparison, QuoteVersion, SpeakerQuotes
from crosswire.compare.summary import Citation, Difference, SummarySentence
from crosswire.compare.timeline import TimePoint
from crosswire.model import Span

SCHEMA = "crosswire.dossier/1"
STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "unique": 2}
Data = dict[str, Any]


class Spans:
    """Turns spans into ``{"article_id", "start", "end", "text"}`` against the dossier's article texts."""

    def __init__(self, dossier: Dossier) -> None:
        self.texts = {a.id: a.text for a in dossier.articles}

    def __call__(self, span: Span | None) -> Data | None:
        if span is None:
            return None
        text = self.texts.get(span.article_id, "")
        return {
            "article_id": span.article_id,
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
        }


def headline(dossier: Dossier) -> str:
    """The title of the event's earliest original report (articles are in publication order)."""
    originals = [a for a in dossier.articles if not a.copy_of] or dossier.articles
    return next((a.title for a in originals if a.title), dossier.event_id)


def source_outlets(dossier: Dossier) -> dict[str, str]:
    """Source article id → the outlet that published it (copies and rewrites count as their source)."""
    by_id = {a.id: a.outlet for a in dossier.articles}
    return {a.source: by_id.get(a.source, a.outlet) for a in dossier.articles}


def status_text(group: ClaimGroup, sources: dict[str, str]) -> str:
    """ "corroborated by 3 independent outlets", "unique to The Harbour Times", "conflicting: numbers"."""
    names = [sources.get(s, s) for s in group.sources]
    if group.status == "conflicting":
        kinds = list(dict.fromkeys(c.kind for c in group.conflicts))
        return "conflicting: " + (", ".join(kinds) or "reports disagree")
    if group.status == "corroborated":
        return f"corroborated by {group.independent} independent outlets"
    also = [o for o in group.outlets if o not in names]
    tail = f" (also run by {', '.join(also)} as a copy)" if also else ""
    return f"unique to {', '.join(names)}{tail}"


def _outlets(dossier: Dossier) -> list[Data]:
    count = Counter(a.outlet for a in dossier.articles)
    copies = Counter(a.outlet for a in dossier.articles if a.copy_of or a.source != a.id)
    return [{"name": o, "articles": count[o], "copies": copies[o]} for o in dossier.outlets]


def _counts(dossier: Dossier) -> Data:
    status = Counter(g.status for g in dossier.groups)
    return {
        "articles": len(dossier.articles),
        "independent_sources": len({a.source for a in dossier.articles}),
        "claims": len(dossier.claims),
        "groups": len(dossier.groups),
        **{s: status[s] for s in STATUS_ORDER},
    }


def _articles(dossier: Dossier) -> list[Data]:
    return [dict(a.__dict__) for a in dossier.articles]


def _claims(dossier: Dossier, span: Spans) -> list[Data]:
    group_of = {c.id: g.id for g in dossier.groups for c in g.claims}
    return [
        {
            "id": c.id,
            "part_of": c.part_of,  # a clause or phrase of that claim, placed in a group of its own
            "outlet": c.outlet,
            "source": c.source,
            "group_id": group_of.get(c.id),
            "text": c.text,
            "evidence": span(c.span),
            "speaker": c.speaker,
            "cue": c.cue,
            "polarity": c.polarity,
            "entities": list(c.entities),
        }
        for c in dossier.claims
    ]


def _group(g: ClaimGroup, sources: dict[str, str], span: Spans, claims: dict[str, Claim]) -> Data:
    """One group; a conflict or compatibility may name a claim of another group (an age matching a year of
    building joins nothing), so claims are looked up across the whole dossier."""

    def pair(claim_a: str, claim_b: str) -> Data:
        return {
            "claim_a": claim_a,
            "claim_b": claim_b,
            "evidence": [
                span(claims[claim_a].span) if claim_a in claims else None,
                span(claims[claim_b].span) if claim_b in claims else None,
            ],
        }

    return {
        "id": g.id,
        "status": g.status,
        "status_text": status_text(g, sources),
        "independent": g.independent,
        "outlets": g.outlets,
        "sources": list(dict.fromkeys(sources.get(s, s) for s in g.sources)),
        "claim_ids": [c.id for c in g.claims],
        "text": g.claims[0].text if g.claims else "",
        "conflicts": [
            {"kind": c.kind, "reason": c.reason, "between": c.between, **pair(c.claim_a, c.claim_b)}
            for c in g.conflicts
        ],
        "compatible": [{"reason": c.reason, **pair(c.claim_a, c.claim_b)} for c in g.compatible],
    }


def ordered_groups(dossier: Dossier) -> list[ClaimGroup]:
    """Conflicts first, then the most corroborated, then unique claims; in text order within each."""
    index = {c.id: i for i, c in enumerate(dossier.claims)}

    def key(g: ClaimGroup) -> tuple[int, int, int]:
        first = min((index.get(c.id, 0) for c in g.claims), default=0)
        return STATUS_ORDER.get(g.status, 3), -g.independent, first

    return sorted(dossier.groups, key=key)


def _citation(c: Citation, span: Spans) -> Data:
    return {"outlet": c.outlet, "claim_id": c.claim_id, "evidence": span(c.span)}


def _summary(items: list[SummarySentence], span: Spans) -> list[Data]:
    return [
        {
            "text": s.text,
            "claim_id": s.claim_id,
            "group_id": s.group_id,
            "status": s.status,
            "citations": [_citation(c, span) for c in s.citations],
        }
        for s in items
    ]


def _differences(items: list[Difference], span: Spans) -> list[Data]:
    return [
        {
            "group_id": d.group_id,
            "kinds": d.kinds,
            "between": d.between,
            "reasons": d.reasons,
            "sides": [{**_citation(c, span), "text": d.texts.get(c.claim_id, "")} for c in d.sides],
        }
        for d in items
    ]


def label_kind(entry: Data) -> str:
    """What a labels row's referent is: its NER kind, or "description" when no outlet names it."""
    return str(entry["kind"]) if entry.get("named", True) else "description"


def label_order(entry: Data) -> tuple[bool, int, int, str]:
    """Named referents first, then those with the most distinct labels, the most outlets, by name."""
    return (not entry.get("named", True), -entry["distinct_labels"], -len(entry["by_outlet"]), entry["name"])


def _labels(items: list[EntityLabels], span: Spans) -> list[Data]:
    return [
        {
            "entity_id": e.entity_id,
            "kind": e.kind,
            "name": e.name,
            "named": e.named,
            "distinct_labels": e.distinct_labels,
            "by_outlet": {
                o: [
                    {"label": u.label, "count": u.count, "examples": [span(s) for s in u.examples]}
                    for u in uses
                ]
                for o, uses in e.by_outlet.items()
            },
        }
        for e in items
    ]


def _terms(items: list[OutletTerms], span: Spans) -> list[Data]:
    return [
        {
            "outlet": t.outlet,
            "terms": [
                {"term": s.term, "z": round(s.z, 3), "count": s.count, "example": span(s.example)}
                for s in t.terms
            ],
        }
        for t in items
    ]


def _version(v: QuoteVersion, span: Spans) -> Data:
    return {
        "outlet": v.outlet,
        "article_id": v.article_id,
        "relation": v.relation,
        "direct": v.direct,
        "cue": v.cue,
        "text": v.text,
        "evidence": span(v.span),
        "content": span(v.content),
    }


def _speaker(s: SpeakerQuotes, span: Spans) -> Data:
    return {
        "key": s.key,
        "name": s.name,
        "outlets": s.outlets,
        "statements": [
            {
                "outlets": st.outlets,
                "differs": st.differs,
                "versions": [_version(v, span) for v in st.versions],
            }
            for st in s.statements
        ],
    }


def _quotes(q: QuoteComparison | None, span: Spans) -> Data:
    if q is None:
        return {"speakers": [], "by_outlet": {}}
    return {
        "speakers": [_speaker(s, span) for s in q.speakers],
        "by_outlet": {
            o: [{"speaker": name, "quotes": n} for name, n in rows] for o, rows in q.by_outlet.items()
        },
    }


def _timeline(items: list[TimePoint], span: Spans) -> list[Data]:
    out = []
    for p in items:
        wording = p.wording + [""] * (len(p.expressions) - len(p.wording))
        out.append(
            {
                "start": p.start,
                "end": p.end,
                "granularity": p.granularity,
                "text": p.text,
                "group_id": p.group_id,
                "claim_ids": p.claim_ids,
                "outlets": p.outlets,
                "expressions": [
                    {**(span(s) or {}), "wording": w} for s, w in zip(p.expressions, wording, strict=False)
                ],
            }
        )
    return out


def dossier_data(dossier: Dossier, event_headline: str | None = None) -> Data:
    """Everything the dossier shows, as JSON-ready data."""
    span = Spans(dossier)
    sources = source_outlets(dossier)
    by_id = {c.id: c for c in dossier.claims}
    first, last = dossier.time_span
    return {
        "schema": SCHEMA,
        "event_id": dossier.event_id,
        "headline": event_headline or headline(dossier),
        "time_span": {"first": first, "last": last},
        "outlets": _outlets(dossier),
        "counts": _counts(dossier),
        "summary": _summary(dossier.summary, span),
        "differences": _differences(dossier.differences, span),
        "groups": [_group(g, sources, span, by_id) for g in ordered_groups(dossier)],
        "claims": _claims(dossier, span),
        "omissions": dossier.omissions,
        "labels": _labels(dossier.labels, span),
        "terms": _terms(dossier.terms, span),
        "quotes": _quotes(dossier.quotes, span),
        "timeline": _timeline(dossier.timeline, span),
        "articles": _articles(dossier),
    }


def to_json(dossier: Dossier, event_headline: str | None = None) -> str:
    return json.dumps(dossier_data(dossier, event_headline), ensure_ascii=False, indent=2)
