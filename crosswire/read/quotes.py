"""Quotes and attributions: who said (or reported, believed, found) what, with evidence spans.

Rules over spaCy's dependency parse, in three passes over one ``Doc``:

1. *cues*: verbs whose lemma is in the cue lexicon (``CUE_LEMMAS``) and "according to", outside
   quotation marks (a cue inside a quotation belongs to the quoted speaker's words);
2. *drafts*: for each cue, the speaker (its subject, expanded to the noun phrase), the content (its
   complement clause, or the clause it interrupts, or a quotation right beside it), and the quotations
   that content touches, taken whole (so a quotation of several sentences stays one content);
3. *continuations*: a quotation that no cue claims and that follows a direct quote with nothing but
   punctuation between (``“A,” he said. “B.”``) is appended to it.

Nested attribution ("Press TV reported, citing Rossiya-24, that a Russian officer said ...",
"the agency quoted the officer as saying ...") becomes ``Quote.chain``, outermost source first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosswire.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Cue lexicon (lemmas), curated from newswire usage and PolNeAR's train split (never dev).
SPEECH_LEMMAS = frozenset(
    """say tell add announce claim state insist warn report note explain deny confirm accuse argue
    write ask respond reply recall declare acknowledge admit suggest tweet promise vow pledge predict
    urge propose reveal indicate mention comment stress emphasize assert contend maintain concede
    complain joke quip boast testify allege question dismiss denounce counter agree conclude observe
    point caution threaten demand recount remark repeat reiterate retort signal hint lament estimate
    describe criticize praise call continue shout tout insinuate speculate disclose inform assure
    advise recommend concur disagree object protest plead swear blast slam charge warn""".split()
)
COGNITION_LEMMAS = frozenset(
    """believe think know feel hope fear expect want worry doubt wonder consider assume suspect
    understand realize imagine intend plan prefer wish""".split()
)
EVIDENCE_LEMMAS = frozenset("show find suggest indicate reveal".split())
CUE_LEMMAS = SPEECH_LEMMAS | COGNITION_LEMMAS | EVIDENCE_LEMMAS

VIA_LEMMAS = frozenset({"cite", "quote"})  # "citing Y", "quoted X as saying": intermediate sources
MEDIUM_NOUNS = frozenset(
    "statement interview release email letter tweet post speech conference call briefing op-ed".split()
)
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl"})
PRONOUNS = frozenset("he she they it i we you him her them".split())

OPENERS = frozenset({"“", "„", "«", "``"})
CLOSERS = frozenset({"”", "»"})
BOTH = frozenset({'"', "''"})
_MARK_RE = re.compile(r"“|”|„|«|»|''|``|\"")
_WORD_RE = re.compile(r"\w")
_BEFORE_CLAUSE_GAP = re.compile(r"[\s,—–-]*")
_AFTER_CLAUSE_GAP = re.compile(r"\s*[:,]?\s*")
_CONTINUATION_GAP = re.compile(r"[\s.,;:]*")


@dataclass(frozen=True)
class Quote:
    """One attribution: ``speaker`` ``cue`` ``content``, each a span into the article text.

    ``content`` covers what was said from its first to its last character; ``content_parts`` are its
    pieces when the cue or a continuation splits it (“A,” he said. “B.”). For a direct quote the
    parts exclude the quotation marks. ``chain`` lists nested sources, outermost first, when the
    attribution is reported through others; ``speaker_resolved`` names a pronoun's antecedent.
    ``kind`` is the cue's class: "speech", "belief" or "evidence".
    """

    span: Span
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_text: str | None
    direct: bool
    chain: tuple[str, ...] = ()
    speaker_resolved: str | None = None
    content_parts: tuple[Span, ...] = ()
    kind: str = "speech"


@dataclass
class _Draft:
    """A quote under construction, as token indices."""

    cue: Token
    cue_tokens: list[int]
    speaker: list[int]
    content: set[int]
    framing: list[str] = field(default_factory=list)  # outer sources given in the same clause
    via: list[str] = field(default_factory=list)  # "citing Y" sources


# --------------------------------------------------------------------------- quotation marks


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, marks included; an unclosed one ends with its paragraph."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        ranges += _quoted_in(para, offset)
        offset += len(para) + 1
    return [(s, e) for s, e in ranges if _WORD_RE.search(text, s, e)]


def _quoted_in(para: str, offset: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for m in _MARK_RE.finditer(para):
        mark = m.group()
        if start is None and mark not in CLOSERS:
            start = m.start()
        elif start is not None and mark in CLOSERS | BOTH:
            ranges.append((offset + start, offset + m.end()))
            start = None
        elif start is not None and mark in OPENERS:
            start = m.start()
    if start is not None:
        ranges.append((offset + start, offset + len(para.rstrip())))
    return ranges


def _tokens_in(doc: Doc, start: int, end: int) -> set[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


# --------------------------------------------------------------------------- cues and speakers


def _is_cue(tok: Token, lexicon: frozenset[str]) -> bool:
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to"
    return tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon


def _cue_tokens(tok: Token) -> list[int]:
    """The cue verb with its auxiliaries, negation, adjacent adverbs, particle and "in a statement"."""
    if tok.lower_ == "according":
        return [tok.i, tok.i + 1]
    keep = {tok.i}
    for child in reversed(list(tok.lefts)):
        if child.i == min(keep) - 1 and child.dep_ in {"aux", "auxpass", "neg", "advmod"}:
            keep.add(child.i)
    for child in tok.rights:
        if child.i == max(keep) + 1 and child.dep_ == "prt":
            keep.add(child.i)
        elif child.i == max(keep) + 1 and child.dep_ == "prep" and _names_medium(child):
            keep.update(t.i for t in child.subtree)
    return sorted(keep)


def _names_medium(prep: Token) -> bool:
    return prep.lower_ in {"in", "on"} and any(
        c.dep_ == "pobj" and c.lemma_.lower() in MEDIUM_NOUNS for c in prep.children
    )


def _subject_of(verb: Token) -> Token | None:
    """The speaker token: the verb's subject, or its head's for conjuncts and participles."""
    if verb.lower_ == "according":
        return next((c for c in verb.nbor().children if c.dep_ == "pobj"), None)
    if (quoting := _quoting_verb(verb)) is not None:
        return next((c for c in quoting.children if c.dep_ == "dobj"), None)
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
        return verb.head
    if subj is None and verb.dep_ in CLIMB_DEPS and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject_of(verb.head)
    if subj is None and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return subj


def _quoting_verb(verb: Token) -> Token | None:
    """For "quoted X as saying", the verb "quoted"."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in VIA_LEMMAS:
        return head.head
    return None


def _noun_phrase(tok: Token) -> list[int]:
    """The subtree of a noun, without relative clauses: the contiguous run around the noun."""
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in {"relcl", "acl"} and child.i > tok.i:
            drop.update(t.i for t in child.subtree)
    ids = {t.i for t in tok.subtree} - drop
    start = end = tok.i
    while start - 1 in ids:
        start -= 1
    while end + 1 in ids:
        end += 1
    return _trim_punct(tok.doc, list(range(start, end + 1)))


def _trim_punct(doc: Doc, ids: list[int]) -> list[int]:
    ids = sorted(ids)
    while ids and doc[ids[0]].is_punct:
        ids.pop(0)
    while ids and doc[ids[-1]].is_punct:
        ids.pop()
    return ids
