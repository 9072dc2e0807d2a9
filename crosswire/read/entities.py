"""Entity mentions of one article: spaCy NER names plus names and descriptions the text equates with them.

``extract_mentions(doc, article_id)`` returns ``Mention``s whose span points exactly at the surface in the
article text (a leading "the" and a trailing possessive are left out of the span). Mentions learned from
the text (``via="alias:respectively"`` etc.) carry the surfaces they were equated with in ``aliases``;
appositive descriptions and titles ("Kremlin spokesman", "a spokesman for the General Staff") are kept as
``roles`` of the name they describe, not as mentions. Resolution across articles is ``resolve.resolve``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from crosswire.model import Span
from crosswire.read.aliases import LearnedAlias, is_name_like, learn_aliases
from crosswire.read.kinds import corrected_kind, is_name_span
from crosswire.read.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
ALIAS_MENTION_HOWS = frozenset({"parenthesis", "aka", "respectively"})
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:\s*['’]s?|[\s.,;:]+)$")


@dataclass(frozen=True)
class Mention:
    """One mention of an entity, with the exact span of ``surface`` in its article.

    ``kind``: PERSON, ORG, GPE, LOC, NORP, FAC (spaCy labels), or OTHER for descriptions.
    ``name``: the proper name inside the surface ("" for descriptions and pronouns; equals ``surface``
    for NER mentions). ``head``: lowercased lemma of the syntactic head. ``aliases``: other surfaces the
    text says name the same thing. ``roles``: descriptions attached by title or apposition.
    """

    span: Span
    surface: str
    kind: str
    name: str = ""
    head: str = ""
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    via: str = "ner"

    @property
    def id(self) -> str:
        return mention_id(self.span)


def mention_id(span: Span) -> str:
    return f"{span.article_id}:{span.start}-{span.end}"


def trim_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past a leading "the" and a trailing possessive or punctuation."""
    m = _LEADING_THE.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    while (t := _TRAILING.search(text[start:end])) and t.start() > 0:
        end = start + t.start()
    return start, end


def extract_mentions(doc: Doc, article_id: str) -> list[Mention]:
    """NER mentions of people, organisations, places and groups, plus mentions learned from aliases."""
    by_range: dict[tuple[int, int], Mention] = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and is_name_span(ent):
            m = _ner_mention(doc, ent, article_id)
            by_range.setdefault((m.span.start, m.span.end), m)
    for alias in learn_aliases(doc):
        _apply_alias(doc, article_id, alias, by_range)
    return sorted(_drop_truncated(by_range.values()), key=lambda m: (m.span.start, m.span.end))


def _drop_truncated(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop an NER mention that is a mere prefix of a learned one (NER "Islamic" in "Islamic State")."""
    items = list(mentions)
    learned = [m.span for m in items if m.via != "ner" and m.name]
    return [
        m
        for m in items
        if m.via != "ner" or not any(s.start == m.span.start and s.end > m.span.end for s in learned)
    ]


def _ner_mention(doc: Doc, ent: SpacySpan, article_id: str) -> Mention:
    start, end = trim_range(doc_text(doc), ent.start_char, ent.end_char)
    surface = doc_text(doc)[start:end]
    return Mention(
        span=Span(article_id, start, end),
        surface=surface,
        kind=corrected_kind(ent),
        name=surface,
        head=ent.root.lemma_.lower(),
        roles=_title_roles(ent),
    )


def _title_roles(ent: SpacySpan) -> tuple[str, ...]:
    """Title words right before a name: "Kremlin spokesman Dmitry Peskov" → ("Kremlin spokesman",)."""
    left = [t for t in ent.root.lefts if t.i < ent.start and t.dep_ in {"compound", "amod", "nmod"}]
    if not left:
        return ()
    doc = ent.doc
    words = doc[min(t.left_edge.i for t in left) : ent.start].text.strip(" ,")
    return (words,) if words and not words.lower().startswith(("the ", "a ")) else ()


def _apply_alias(
    doc: Doc, article_id: str, alias: LearnedAlias, by_range: dict[tuple[int, int], Mention]
) -> None:
    first = _find_or_make(doc, article_id, alias.first, by_range, alias.how)
    second = _find_or_make(doc, article_id, alias.second, by_range, alias.how)
    if first is None and second is None:
        return
    if first is None or second is None:
        named = first or second
        other = alias.second if first is not None else alias.first
        assert named is not None
        _add(by_range, replace(named, roles=(*named.roles, doc_text(doc)[other[0] : other[1]])))
        return
    kind = first.kind if first.kind != "OTHER" else second.kind
    _add(by_range, replace(first, aliases=_plus(first.aliases, second.surface), kind=kind))
    _add(by_range, replace(second, aliases=_plus(second.aliases, first.surface), kind=kind))


def _plus(items: tuple[str, ...], item: str) -> tuple[str, ...]:
    return items if item in items else (*items, item)


def _add(by_range: dict[tuple[int, int], Mention], mention: Mention) -> None:
    by_range[(mention.span.start, mention.span.end)] = mention


def _find_or_make(
    doc: Doc, article_id: str, rng: tuple[int, int], by_range: dict[tuple[int, int], Mention], how: str
) -> Mention | None:
    """The mention at ``rng``; a new one when the alias kind warrants it; None for a mere description."""
    start, end = trim_range(doc_text(doc), *rng)
    if (start, end) in by_range:
        return by_range[(start, end)]
    surface = doc_text(doc)[start:end]
    if not surface or (how not in ALIAS_MENTION_HOWS and not is_name_like(surface)):
        return None
    name = surface if is_name_like(surface) else ""
    return Mention(Span(article_id, start, end), surface, "OTHER", name=name, via=f"alias:{how}")
