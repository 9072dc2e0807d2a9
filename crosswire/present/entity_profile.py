"""One entity as the reports show it: what each outlet calls it, and every mention in its sentence.

This is the analyst's view of a resolved entity ("who calls Daesh what, and where"): the spellings and
labels per outlet, the events it appears in, and each mention with the sentence it stands in and its exact
character span, so every line can be checked against the article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from crosswire.compare.sentences import sentence_spans
from crosswire.model import Article
from crosswire.read.resolve import Entity
from crosswire.store.db import Store
from crosswire.store.events import get_event
from crosswire.store.readings import EntityMention, entity_mentions, get_entity

CONTEXT_CHARS = 160  # a sentence longer than this each side of the mention is cut to it


@dataclass(frozen=True)
class Sighting:
    """A sentence (cut to ``CONTEXT_CHARS`` around its mentions) with the entity's mentions in it:
    ``pieces`` are its text in order, each with the ``(start, end)`` span of a mention or None."""

    pieces: tuple[tuple[str, tuple[int, int] | None], ...]

    @property
    def sentence(self) -> str:
        return "".join(text for text, _ in self.pieces)

    @property
    def mentions(self) -> list[tuple[int, int, str]]:
        return [(span[0], span[1], text) for text, span in self.pieces if span]


@dataclass(frozen=True)
class ArticleSightings:
    article: Article
    event_id: str | None
    sightings: list[Sighting]


@dataclass(frozen=True)
class EventMentions:
    id: str
    headline: str
    mentions: int


@dataclass(frozen=True)
class EntityProfile:
    entity: Entity
    mentions: int
    outlets: list[tuple[str, list[tuple[str, int]]]]  # outlet -> (surface, count), most used first
    events: list[EventMentions]  # most mentions first
    articles: list[ArticleSightings]  # publication order, undated last

    def to_json(self) -> dict[str, Any]:
        e = self.entity
        return {
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "aliases": e.aliases,
            "mentions": self.mentions,
            "outlets": {outlet: dict(surfaces) for outlet, surfaces in self.outlets},
            "events": [ev.__dict__ for ev in self.events],
            "articles": [
                {
                    "article_id": a.article.id,
                    "title": a.article.title,
                    "outlet": a.article.outlet,
                    "published": a.article.published,
                    "event_id": a.event_id,
                    "mentions": [
                        {"start": start, "end": end, "surface": surface, "sentence": s.sentence}
                        for s in a.sightings
                        for start, end, surface in s.mentions
                    ],
                }
                for a in self.articles
            ],
        }


def entity_profile(store: Store, key: str) -> EntityProfile | None:
    """The profile of the entity with id ``key``, or else the most mentioned one named or spelled ``key``."""
    entity = get_entity(store, key)
    if entity is None:
        return None
    mentions = entity_mentions(store, entity.id)
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    per_event: Counter[str] = Counter()
    by_article: dict[str, list[EntityMention]] = {}
    for m in mentions:
        by_outlet[m.article.outlet][m.surface] += 1
        if m.event_id:
            per_event[m.event_id] += 1
        by_article.setdefault(m.article.id, []).append(m)
    outlets = sorted(
        ((o, c.most_common()) for o, c in by_outlet.items()), key=lambda x: (-sum(n for _, n in x[1]), x[0])
    )
    events = []
    for event_id, n in per_event.most_common():
        row = get_event(store, event_id)
        events.append(EventMentions(event_id, row.headline if row else event_id, n))
    articles = [
        ArticleSightings(ms[0].article, ms[0].event_id, _sightings(ms[0].article.text, ms))
        for ms in by_article.values()
    ]
    return EntityProfile(entity, len(mentions), outlets, events, articles)


def _sightings(text: str, mentions: list[EntityMention]) -> list[Sighting]:
    """The article's mentions grouped by the sentence they stand in."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    by_sentence: dict[tuple[int, int], list[EntityMention]] = {}
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        sentence = spans[i] if i >= 0 and spans[i][1] >= m.end else (m.start, m.end)
        by_sentence.setdefault(sentence, []).append(m)
    return [_sighting(text, start, end, ms) for (start, end), ms in by_sentence.items()]


def _sighting(text: str, start: int, end: int, mentions: list[EntityMention]) -> Sighting:
    first, last = mentions[0].start, max(m.end for m in mentions)
    s, e = max(start, first - CONTEXT_CHARS), min(end, last + CONTEXT_CHARS)
    pieces: list[tuple[str, tuple[int, int] | None]] = [("…" if s > start else "", None)]
    at = s
    for m in mentions:
        if m.start < at:  # a mention nested in the previous one is shown by it
            continue
        pieces += [(text[at : m.start], None), (text[m.start : m.end], (m.start, m.end))]
        at = m.end
    pieces.append((text[at:e] + ("…" if e < end else ""), None))
    return Sighting(tuple(p for p in pieces if p[0]))
