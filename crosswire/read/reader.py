"""Reading one article: one spaCy parse feeds every extractor; the result is a ``Reading``.

Each extractor reads what it needs: entities and quotes the parse, quantities and time expressions
the plain text (the parse refines what a quantity counts), places the place mentions. Corpus-wide
entity resolution runs after reading (``crosswire.read.resolve``), because it needs every article's mentions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from crosswire.model import Article, Span
from crosswire.read.entities import Mention, extract_mentions
from crosswire.read.places import Place, extract_places
from crosswire.read.quantities import Quantity, extract_quantities
from crosswire.read.quotes import Quote, extract_quotes
from crosswire.read.timex import TimeRef, extract_timex

# 2: places; 3: quote continuations, learned cue frames; 4: speakers the parse misses, noun cues, NER kinds;
# 5: description mentions ("the president", "the migrants"); 6: repaired NER spans, kinds from more cues;
# 7: speaker spans keep a relative clause set off by commas ("X, who heads Y, said"); 8: aliases keep "Jr.",
# a comma-only apposition is a list, no aliases from an agency dateline; 9: a number set off by commas after a
# name is an age ("Jose Cazares, 31,"); 10: a learned frame model picks cue contents, "USA TODAY" is no date;
# 11: mentions carry the verb they did or underwent (``governor``), "co-workers" has head "worker", names
# listed with commas or joined by "and" are no aliases; 12: a person's span takes in "Jr."/"Sr."/"III";
# 13: allies, advisers, aides, associates, members are person nouns; "a close ally" names no person;
# 14: an NER span or a learned apposition never runs over a line break; 15: a description opening with a
# name ("the White House counsel, Donald F. McGahn II") is a role of the name in apposition, not a list; a
# hyphenated title the parser splits ("co-director") is one apposition and one description; a dateline
# closing a page gives no aliases; a person's span takes the rest of a hyphenated given name ("Moon Jae-in");
# a lawmaker's "(R-Va.)" is no name or alias; "X, the top Democrat": a person's party is a role, not an alias;
# yards, inches, centimetres and millimetres are units, not counted things; 16: a pronoun speaker ("he
# said") is the latest named speaker *or* person the writer made a main clause's subject ("Davis was in
# Chicago on Friday. He wondered ..."), not always the latest speaker; a common word ("the North") is no
# city's alternate name.
# Bump when extraction changes, so `crosswire read` re-reads what is stale
READER_VERSION = 16
BATCH_SIZE = 32


@dataclass
class Reading:
    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "mentions": [dataclasses.asdict(m) for m in self.mentions],
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
            "quantities": [dataclasses.asdict(q) for q in self.quantities],
            "times": [dataclasses.asdict(t) for t in self.times],
            "places": [dataclasses.asdict(p) for p in self.places],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        return cls(
            article_id=data["article_id"],
            mentions=[_rebuild(Mention, m) for m in data["mentions"]],
            quotes=[_rebuild(Quote, q) for q in data["quotes"]],
            quantities=[_rebuild(Quantity, q) for q in data["quantities"]],
            times=[_rebuild(TimeRef, t) for t in data["times"]],
            places=[_rebuild(Place, p) for p in data.get("places", [])],  # none before version 2
        )


def _rebuild(cls: Any, data: dict[str, Any]) -> Any:
    """Rebuild a frozen dataclass from ``asdict`` output: spans back to ``Span``, lists to tuples."""
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        values[f.name] = _value(data[f.name])
    return cls(**values)


def _value(v: Any) -> Any:
    if isinstance(v, dict) and set(v) == {"article_id", "start", "end"}:
        return Span(**v)
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return v


def read_articles(
    articles: Iterable[Article], batch_size: int = BATCH_SIZE, n_process: int = 1
) -> Iterator[Reading]:
    """Readings in input order; spaCy parses in batches, in ``n_process`` worker processes when > 1."""
    from crosswire.read.nlp import load_nlp

    nlp = load_nlp()
    pending = list(articles)
    docs = nlp.pipe((a.text for a in pending), batch_size=batch_size, n_process=n_process)
    for article, doc in zip(pending, docs, strict=True):
        mentions = extract_mentions(doc, article.id)
        yield Reading(
            article_id=article.id,
            mentions=mentions,
            quotes=extract_quotes(doc, article.id),
            quantities=extract_quantities(article.text, article.id, doc),
            times=extract_timex(article.text, article.published, article.id),
            places=extract_places(mentions),
        )
