"""Claim units: sentences of an event's articles, with what they mention, count, date and attribute."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from crosswire.compare import features
from crosswire.compare.sentences import sentence_spans
from crosswire.compare.settings import CompareSettings
from crosswire.model import Article, Span
from crosswire.read.places import Place
from crosswire.read.quantities import Quantity
from crosswire.read.reader import Reading
from crosswire.read.resolve import Resolution
from crosswire.read.timex import TimeRef

LOCATIVE_LEFT = re.compile(
    r"(?<![\w'’-])(?:in|at|near|outside|inside|around|across|throughout)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)


@dataclass
class Claim:
    """One claim unit (a sentence) of one article, with its evidence span and features."""

    id: str
    span: Span
    text: str
    outlet: str
    source: str
    entities: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()  # gazetteer places where it says something happened
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    speaker: str | None = None
    cue: str | None = None
    polarity: int = 1
    words: frozenset[str] = field(default_factory=frozenset)
    negated: frozenset[str] = field(default_factory=frozenset)
    published: str | None = None
    hypothetical: bool = False
    quoted: frozenset[str] = field(default_factory=frozenset)
    part_of: str | None = None  # the claim this one is a part of (a facet: ``facets.facet_groups``)

    @property
    def article_id(self) -> str:
        return self.span.article_id

    @property
    def attributed(self) -> bool:
        return self.cue is not None or self.speaker is not None


def _inside(items: Sequence[object], start: int, end: int, span_of: str = "span") -> list[object]:
    return [x for x in items if start <= getattr(x, span_of).start and getattr(x, span_of).end <= end]


def _entities(reading: Reading, resolution: Resolution, start: int, end: int) -> list[str]:
    """The resolved entities the claim mentions."""
    ids = (
        resolution.entity_of.get(m.id, m.surface.lower())
        for m in reading.mentions
        if start <= m.span.start and m.span.end <= end and m.kind != "OTHER"
    )
    return list(dict.fromkeys(ids))


def _where(reading: Reading, start: int, end: int, text: str) -> list[Place]:
    """The places where the claim says something happened: a place after "in", "at", "near" ("clashes in
    Aleppo"), not one merely named ("WASHINGTON —", "talks with Moscow"), and found in the gazetteer (a
    title-case headline's "in Little Rock Shooting" is no place to contradict "in Little Rock")."""
    return [
        p
        for p in reading.places
        if start <= p.span.start
        and p.span.end <= end
        and p.resolved
        and LOCATIVE_LEFT.search(text, max(start, p.span.start - 40), p.span.start)
    ]


def _speaker(reading: Reading, start: int, end: int) -> str | None:
    for q in reading.quotes:
        if q.span.start < end and start < q.span.end and q.speaker_text:
            return q.speaker_text
    return None


def _claim(
    article: Article, source: str, reading: Reading, resolution: Resolution, bounds: tuple[int, int], n: int
) -> Claim:
    start, end = bounds
    text = article.text[start:end]
    entities = _entities(reading, resolution, start, end)
    places = _where(reading, start, end, article.text)
    return Claim(
        id=f"c{n}",
        span=Span(article.id, start, end),
        text=text,
        outlet=article.outlet_label,
        source=source,
        entities=tuple(entities),
        places=tuple(places),
        quantities=tuple(_inside(reading.quantities, start, end)),  # type: ignore[arg-type]
        times=tuple(_inside(reading.times, start, end)),  # type: ignore[arg-type]
        speaker=_speaker(reading, start, end),
        cue=features.attribution_cue(text),
        polarity=features.polarity(text),
        words=features.content_words(text),
        negated=features.negated_stems(text),
        published=article.published,
        hypothetical=features.hypothetical(text),
        quoted=features.quoted_phrases(text),
    )


# ", and" / "; " opening a clause with its own subject and finite verb (an auxiliary or modal, a regular or
# common irregular past, a present reporting verb; a figure such as "4,000" is one word of the subject):
# "31 were missing, and rescue teams had pulled 260 people out" holds two facts
_FINITE = (
    r"(?:had|has|have|was|were|is|are|will|would|could|can|may|might|must|said|says|say|told|fear|fears|"
    r"warn|warns|believe|believes|spent|went|came|took|made|gave|left|kept|held|found|fell|rose|began|"
    r"brought|sent|lost|built|struck|saw|ran|got|\w+ed)"
)
_CLAUSE = re.compile(
    r"(?:,\s+(?:and|but|while)\s+|;\s+)(?=(?:(?:\d[\d,.]*|[\w’'-]+)\s+){0,4}?" + _FINITE + r"\b)"
)


# a subject of a few words with a relative clause set off by commas, then the sentence's own verb: "Prime
# Minister Anton Keller, who declared a state of emergency within hours of the breach, chaired a meeting"
_RELATIVE = re.compile(
    r"^[^,;:\"“”]{3,80}?, (?:who|which) [^,;:\"“”]+?,(?= (?:also |then )?(?:[a-z]+s|" + _FINITE + r")\b)"
)


def _relative(text: str, start: int, end: int, min_words: int) -> int | None:
    """Where the sentence's own verb follows a subject's relative clause set off by commas, when both parts
    have ``min_words`` words or more."""
    m = _RELATIVE.match(text[start:end])
    if m is None:
        return None
    cut = start + m.end()
    if min(len(text[start:cut].split()), len(text[cut:end].split())) < min_words:
        return None
    return cut


def _clauses(text: str, start: int, end: int, min_words: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut where a clause with its own subject and verb follows ", and" or ";", unless a
    part would be shorter than ``min_words`` or the cut is inside a quotation."""
    parts: list[tuple[int, int]] = []
    begin = start
    for m in _CLAUSE.finditer(text, start, end):
        opened = text[start : m.start()]
        if opened.count("“") > opened.count("”") or opened.count('"') % 2 == 1:
            continue
        long_enough = min(len(text[begin : m.start()].split()), len(text[m.end() : end].split())) >= min_words
        if long_enough:
            parts.append((begin, m.start() + 1))  # the first keeps its comma or semicolon
            begin = m.end()
    return [*parts, (begin, end)]


def claim_bounds(article: Article, settings: CompareSettings) -> list[tuple[int, int]]:
    """Clause spans of sentences long enough to carry a claim: a subject's relative clause set off by
    commas ("Keller, who declared a state of emergency, chaired a meeting") is a claim of its own, with its
    subject, and the rest another, so a sentence of two facts can agree with two reports (one claim sits in
    one group only)."""
    out: list[tuple[int, int]] = []
    for s, e in sentence_spans(article.text):
        if len(article.text[s:e].split()) >= settings.min_claim_words:
            cut = _relative(article.text, s, e, settings.min_claim_words)
            if cut is not None:
                out.append((s, cut))
                out.extend(_clauses(article.text, cut + 1, e, settings.min_claim_words))
            else:
                out.extend(_clauses(article.text, s, e, settings.min_claim_words))
    return out


def build_claims(
    articles: list[Article],
    sources: dict[str, str],
    readings: dict[str, Reading],
    resolution: Resolution,
    settings: CompareSettings,
) -> list[Claim]:
    """Every claim unit of every article, numbered in article order."""
    claims: list[Claim] = []
    for article in articles:
        reading = readings.get(article.id) or Reading(article.id)
        for bounds in claim_bounds(article, settings):
            claims.append(_claim(article, sources[article.id], reading, resolution, bounds, len(claims)))
    return claims


def part_claim(
    article: Article,
    source: str,
    reading: Reading,
    resolution: Resolution,
    parent: Claim,
    bounds: tuple[int, int],
    part_id: str,
) -> Claim:
    """A part of ``parent`` (a clause or phrase of it) as a claim of its own, with its own span."""
    return replace(_claim(article, source, reading, resolution, bounds, 0), id=part_id, part_of=parent.id)


def claim_at(claims: list[Claim], article_id: str, offset: int) -> Claim | None:
    """The claim of ``article_id`` whose span holds ``offset`` (claims are in article order)."""
    mine = [c for c in claims if c.article_id == article_id]
    i = bisect_left([c.span.end for c in mine], offset + 1)
    if i < len(mine) and mine[i].span.start <= offset:
        return mine[i]
    return None
