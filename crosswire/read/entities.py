"""Entity mentions of one article: spaCy NER names, names and descriptions the text equates with them, and
descriptions of people, organisations and groups.

``extract_mentions(doc, article_id)`` returns ``Mention``s whose span points exactly at the surface in the
article text (a leading "the" and a trailing possessive are left out of a name's span). Mentions learned from
the text (``via="alias:respectively"`` etc.) carry the surfaces they were equated with in ``aliases``;
appositive descriptions and titles ("Kremlin spokesman", "a spokesman for the General Staff") are kept as
``roles`` of the name they describe. Descriptions ("the president", "the migrants", "Trump's lawyer", the
title in "North Korean leader Kim Jong Un") are mentions too (``via="description"``, no name, span from
their first word), so resolution can join them to a name and the framing labels see them. Resolution
across articles is ``resolve.resolve``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from crosswire.model import Span
from crosswire.read.aliases import (
    ORGANISATION_NOUNS,
    LearnedAlias,
    is_bare_title,
    is_name_like,
    is_person_noun,
    is_pronoun,
    learn_aliases,
    normalise,
    word_set,
)
from crosswire.read.ent_spans import repair_ents
from crosswire.read.kinds import corrected_kind, is_name_span
from crosswire.read.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})
ALIAS_MENTION_HOWS = frozenset({"parenthesis", "aka", "respectively"})
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:\s*['’]s?|[\s.,;:]+)$")
# Heads of descriptions kept as mentions besides ``is_person_noun`` and ``ORGANISATION_NOUNS``: people in
# groups ("the migrants", "Trump's associates"), and institutions, singular only ("the administration", "the
# bloc"; "neighbouring countries" is no one referent).
PEOPLE_NOUNS: frozenset[str] = word_set(
    """migrant refugee immigrant protester protestor demonstrator supporter critic opponent voter ally
    activist member delegate negotiator adviser advisor aide analyst expert rebel insurgent troop force
    investigator associate participant seeker donor counterpart"""
)
INSTITUTION_NOUNS: frozenset[str] = word_set(
    """government administration regime military army navy police party coalition alliance bloc organisation
    organization agency ministry department committee union council court parliament congress senate
    delegation team campaign country nation caravan staff family office"""
)
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# person nouns a country or a party is called too ("Japan, a close ally", "Norway, a member of the bloc")
PEER_NOUNS: frozenset[str] = word_set("ally member partner neighbour neighbor friend")


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
    governor: str = ""

    @property
    def id(self) -> str:
        return mention_id(self.span)


def is_plural(m: Mention) -> bool:
    """A description whose head lemma is not among its words: "the migrants" (head "migrant")."""
    words = normalise(m.surface).split()
    return bool(words) and m.head not in words


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
    """NER mentions of people, organisations, places and groups, mentions learned from aliases, and
    descriptions (``_descriptions``)."""
    repair_ents(doc)
    by_range: dict[tuple[int, int], Mention] = {}
    cued: dict[str, str] = {}  # a name of several words → the kind a cue gave one of its mentions
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and is_name_span(ent):
            m = _ner_mention(doc, ent, article_id)
            by_range.setdefault((m.span.start, m.span.end), m)
            if " " in m.surface and (m.kind != ent.label_ or m.kind in PLACE_KINDS):
                cued.setdefault(m.surface, m.kind)
    for alias in learn_aliases(doc):
        _apply_alias(doc, article_id, alias, by_range)
    mentions = [_by_role(_one_kind(m, cued)) for m in _drop_truncated(by_range.values())]
    mentions += _descriptions(doc, article_id, [(m.span.start, m.span.end) for m in mentions])
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))


def _one_kind(m: Mention, cued: dict[str, str]) -> Mention:
    """A name of several words that a cue gave a kind in one sentence of the article ("Marta Kellan" a
    person by her title) has that kind in all of them; and a name NER calls a place in one sentence ("Tell
    Harim air base") is no person in the others ("at Tell Harim")."""
    kind = cued.get(m.surface) if m.via == "ner" else None
    if kind is None or (m.kind != "PERSON" and kind in PLACE_KINDS):
        return m
    return replace(m, kind=kind)


def _by_role(m: Mention) -> Mention:
    """A "place" or "nationality" whose title or apposition is a person noun ("Union boss Marta Kellan",
    "Marta Kellan, the union's general secretary") is a person."""
    if m.kind not in {"GPE", "LOC", "NORP", "FAC"}:
        return m
    heads = [role.split()[-1].lower() for role in m.roles if role.split()]
    if any(is_person_noun(h) and h not in ORGANISATION_NOUNS | PEER_NOUNS for h in heads):
        return replace(m, kind="PERSON")
    return m


def is_named(kind: str, name: str) -> bool:
    """Whether a resolved entity has a name: NER tagged one of its names, or its canonical name reads as a
    name. Entities of descriptions and pronouns only ("the migrants", "the company") have none."""
    return kind != "OTHER" or (is_name_like(name) and not is_bare_title(name) and not is_pronoun(name))


def describes_entity(head: str) -> bool:
    """Whether a common noun heads a description of a person, an organisation or a group."""
    return (
        is_person_noun(head)
        or head in ORGANISATION_NOUNS
        or head in PEOPLE_NOUNS
        or head in INSTITUTION_NOUNS
    )


def _descriptions(doc: Doc, article_id: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Noun phrases headed by a person, organisation or group noun (``describes_entity``) that refer
    (``_definite``: "the president", "these migrants", "Trump's lawyer"), and lowercase titles before a
    person's name ("North Korean leader" Kim Jong Un); span from the phrase's first word to its head,
    unless a mention already covers the head."""
    text = doc_text(doc)
    person_starts = {e.end: e.start for e in doc.ents if e.label_ == "PERSON"}
    out: list[Mention] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if (title := _title_before_name(chunk, person_starts)) is not None:
            root = title
        elif root.pos_ != "NOUN" or not _definite(chunk) or _plural_institution(root):
            continue
        root = hyphen_end(root)
        start, end, head = chunk.start_char, root.idx + len(root.text), root.lemma_.lower()
        if not describes_entity(head) or any(s < end and root.idx < e for s, e in taken):
            continue
        if any(m.span.start <= root.idx < m.span.end for m in out):
            continue  # the end of a hyphenated word already taken whole ("co-director")
        if is_name_like(text[start:end]):
            continue  # a capitalised one ("Officials said", "President Trump") would read as a name
        out.append(
            Mention(
                Span(article_id, start, end),
                text[start:end],
                "OTHER",
                head=head,
                via="description",
                governor=governor_of(root),
            )
        )
    return out


# verbs too common to tell two people apart: everyone says, tells, has and is
LIGHT_VERBS = word_set("say tell have be do get make go come add know think see want")


def governor_of(token: Token) -> str:
    """The verb a mention's head is the doer or the undergoer of: "arrest:done" for "the man" in "police
    arrested the man" and "the man was arrested", "arrest:did" for "police" there (a passive's "by" phrase
    is its doer); an apposition takes its noun's. "" for anything else and for ``LIGHT_VERBS``."""
    if token.dep_ == "appos":
        token = token.head
    dep, head = token.dep_, token.head
    if dep == "pobj" and head.dep_ == "agent":
        dep, head = "nsubj", head.head
    role = {"nsubj": "did", "nsubjpass": "done", "dobj": "done"}.get(dep)
    lemma = head.lemma_.lower()
    if role is None or head.pos_ != "VERB" or lemma in LIGHT_VERBS:
        return ""
    return f"{lemma}:{role}"


def hyphen_end(root: Token, end: int | None = None) -> Token:
    """The last piece of a hyphenated word the parser split and headed by its first ("co-workers" →
    workers, "ex-employee" → employee); ``end``: the token index the mention ends before (default: the
    document's end)."""
    doc = root.doc
    end = len(doc) if end is None else end
    while (
        root.i + 2 < end
        and not root.whitespace_
        and doc[root.i + 1].text == "-"
        and not doc[root.i + 1].whitespace_
        and doc[root.i + 2].is_alpha
    ):
        root = doc[root.i + 2]
    return root


def _title_before_name(chunk: SpacySpan, person_starts: dict[int, int]) -> Token | None:
    """The head of a title before the person a noun phrase ends with ("North Korean leader" in "North
    Korean leader Kim Jong Un"); ``person_starts``: end token → start token of the doc's PERSON names."""
    start = person_starts.get(chunk.end)
    last = chunk.doc[start - 1] if start is not None and start > chunk.start else None
    return last if last is not None and last.pos_ == "NOUN" else None


def _plural_institution(root: Token) -> bool:
    """A plural institution ("neighbouring countries", "the agencies"): no one referent, and the resolver
    would join it to the singular."""
    return root.tag_ == "NNS" and root.lemma_.lower() in INSTITUTION_NOUNS


def _definite(chunk: SpacySpan) -> bool:
    """Definite ("the", "these"), possessive ("Trump's lawyer"), appositive, or a bare plural ("migrants")."""
    first = chunk[0]
    if chunk.root.tag_ == "NNS" and first.pos_ not in {"DET", "NUM"}:
        return True
    return first.lower_ in DEFINITE or any(t.dep_ == "poss" for t in chunk) or chunk.root.dep_ == "appos"


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
        governor=governor_of(ent.root),
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
    if alias.how == "apposition" and (first.kind == "NORP") != (second.kind == "NORP"):
        # "Elijah Cummings, the top Democrat", "Ana Ruiz, a Venezuelan": a person's party or nationality
        group, named = (first, second) if first.kind == "NORP" else (second, first)
        kind = "PERSON" if named.kind == "OTHER" else named.kind
        _add(by_range, replace(named, roles=_plus(named.roles, group.surface), kind=kind))
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
