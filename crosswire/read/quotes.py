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
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosswire.model import Span
from crosswire.read.nlp import doc_text
from crosswire.read.quote_cues import (
    AGENT_NOUNS,
    APPEARANCE_LEMMAS,
    COGNITION_LEMMAS,
    CUE_LEMMAS,
    LEMMA_FIXES,
    LIGHT_VERBS,
    MEDIUM_NOUNS,
    NOUN_CONTENT_PREPS,
    NOUN_CUES,
    OBJECT_LEMMAS,
    OBJECT_PREPS,
    PREP_CUES,
    SOURCE_NOUNS,
    SPEECH_LEMMAS,
    SPOKEN_SOURCES,
    STANCE_NOUNS,
    STANCE_PREP_NOUNS,
    VIA_LEMMAS,
)
from crosswire.read.quote_frames import FRAME_POS, CueTable, frame_children, frame_of, load_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl"})
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
CLAUSE_POS = frozenset({"VERB", "AUX", "PRON"})
SPEAKER_QUANTIFIERS = frozenset({"about", "nearly", "almost", "only", "roughly", "both", "some", "more"})
SPEAKER_TAIL = frozenset({"both", "all", "alone", "himself", "herself", "themselves", "itself"})
STRAY_DEPS = frozenset({"npadvmod", "advmod", "dobj"})  # a misparsed subject: "Skelly, ..., vouched"
NAME_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "VERB", "PART"})  # "retired surgeon Ben Hale"
PREDICATE_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd"})
HEADLINE_MAX_TOKENS = 8  # "Former Attorney General Jane Doe at the convention:"
TITLE_MAX_WORDS = 6  # a quoted show, book or speech title: “Meet the Press”
TAIL_MARKS = frozenset({"as", "while", "after", "before", "though", "although", "because", "since"})

OPENERS = frozenset({"“", "„", "«", "``"})
CLOSERS = frozenset({"”", "»"})
BOTH = frozenset({'"', "''"})
MARKS = ("''", "``", "“", "”", "„", "«", "»", '"')
EDGE_PUNCT = frozenset(".,;:—–-")
DASHES = frozenset({"—", "–", "--"})
_MARK_RE = re.compile("|".join(re.escape(m) for m in MARKS))
_WORD_RE = re.compile(r"\w")
_BEFORE_CLAUSE_GAP = re.compile(r"(?:[^\S\n]|[,—–-])*")  # within the paragraph
_AFTER_CLAUSE_GAP = re.compile(r"\s*[:,]?\s*")
_CONTINUATION_GAP = re.compile(r"[\s.,;:]*")


@dataclass(frozen=True)
class Quote:
    """One attribution: ``speaker`` ``cue`` ``content``, each a span into the article text.

    ``content`` covers what was said from its first to its last character; ``content_parts`` are its
    pieces when the cue or a continuation splits it (“A,” he said. “B.”). For a direct quote the
    parts exclude the quotation marks. ``chain`` lists nested sources, outermost first, when the
    attribution is reported through others; ``speaker_resolved`` names a pronoun's antecedent.
    ``speaker`` is the source's phrase as PolNeAR marks it, a relative clause set off by commas included
    ("X, who heads Y,"); ``speaker_text`` is its name, without such clauses ("X").
    A relative pronoun speaker ("X, who said ...") is the ``speaker`` span, as in PARC and PolNeAR, and
    its antecedent is ``speaker_antecedent`` (and ``speaker_resolved``).
    ``kind`` is the cue's class: "speech", "belief" or "evidence". ``frame`` is the cue's lemma, part of
    speech and relation to the content ("say/VERB ccomp"), the key of its reliability in train.
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
    speaker_antecedent: Span | None = None
    frame: str = ""


@dataclass(frozen=True)
class _Quotations:
    """The article's quotations (character ranges and token sets) and each token's paragraph."""

    ranges: list[tuple[int, int]]
    tokens: list[set[int]]
    paragraph: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Quotations:
        ranges = quoted_ranges(doc_text(doc))
        breaks = [i for i, ch in enumerate(doc_text(doc)) if ch == "\n"]
        paragraph = [bisect_right(breaks, tok.idx) for tok in doc]
        return cls(ranges, [_tokens_in(doc, s, e) for s, e in ranges], paragraph)

    def inside(self) -> set[int]:
        return set().union(*self.tokens) if self.tokens else set()


@dataclass
class _Draft:
    """A quote under construction, as token indices."""

    cue: Token
    cue_tokens: list[int]
    speaker: list[int]
    content: set[int]
    framing: list[str] = field(default_factory=list)  # outer sources given in the same clause
    via: list[str] = field(default_factory=list)  # "citing Y" sources
    sibling: bool = False  # shares its speaker with the clause it hangs from ("..., adding that")
    antecedent: list[int] = field(default_factory=list)  # of a relative pronoun speaker
    frame: str = ""  # see ``quote_frames.frame_of``


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


def _lemma(tok: Token) -> str:
    lemma: str = tok.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def _is_cue(tok: Token, lexicon: frozenset[str]) -> bool:
    if tok.lower_ == "according":
        return tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to"
    return tok.pos_ == "VERB" and (_lemma(tok) in lexicon or _lemma(tok) in APPEARANCE_LEMMAS)


def _cue_tokens(tok: Token) -> list[int]:
    """The cue verb with its auxiliaries, negation, adjacent adverbs, particle, cue preposition
    ("called for") and medium ("said in a statement")."""
    if tok.lower_ == "according":
        return [tok.i, tok.i + 1]
    keep = {tok.i}
    for child in reversed(list(tok.lefts)):
        if child.i == min(keep) - 1 and child.dep_ in {"aux", "auxpass", "neg", "advmod"}:
            keep.add(child.i)
    for child in tok.rights:
        if child.i != max(keep) + 1:
            continue
        if child.dep_ == "prt" or child == _cue_prep(tok):
            keep.add(child.i)
        elif child.dep_ == "prep" and _names_medium(child):
            keep.update(t.i for t in child.subtree)
    return sorted(keep)


def _cue_prep(verb: Token) -> Token | None:
    """The preposition that introduces the content of a prepositional cue ("talked about")."""
    preps = PREP_CUES.get(_lemma(verb), frozenset())
    return next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps), None)


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
    if _lemma(verb) in APPEARANCE_LEMMAS:
        return None  # "X seems Y": X is what is judged, not who judges
    if _is_passive(verb):
        return _agent_of(verb)
    subj = _shared_subject(verb)
    if subj is not None:
        return subj
    if verb.dep_ in {"ROOT", "ccomp", "conj", "parataxis"}:
        return _stray_subject(verb)
    head = verb.head  # "“A,” said Skelly, explaining B": Skelly explains
    own = any(c.dep_ in SUBJECT_DEPS for c in head.children)
    return _stray_subject(head) if verb.dep_ == "advcl" and head.dep_ == "ROOT" and not own else None


def _follows_quotation(verb: Token) -> bool:
    """The cue comes right after a closing quotation mark (“A,” said X)."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and (doc[i].is_space or doc[i].text == ","):
        i -= 1
    return i >= 0 and doc[i].text in CLOSERS | BOTH


def _stray_subject(verb: Token) -> Token | None:
    """A speaker the parse did not make the subject: a name right before the cue ("Skelly, a data
    operative, vouched", with "Skelly" an adverb), or right after it following a quotation (“A,” read the
    sign; “A,” said Jane Doe, asked about B)."""
    lefts = [c for c in verb.lefts if c.dep_ in STRAY_DEPS and c.pos_ == "PROPN"]
    clauses = [c for c in verb.lefts if c.dep_ == "ccomp"]
    lefts += [g for c in clauses for g in c.lefts if g.dep_ == "nsubj" and g.pos_ == "PROPN"]
    if lefts and any(c.dep_ in COMPLEMENT_DEPS and c.i > verb.i for c in verb.children):
        return lefts[0]  # "Beck, who backed A and opposed B, said C" with "Beck" the subject of "opposed"
    if lefts:
        return lefts[-1]
    if (fronted := _fronted_appositive(verb)) is not None:
        return fronted
    if not _follows_quotation(verb):
        return None
    doc, end = verb.doc, verb.i + 1
    while end < len(doc) and (doc[end].pos_ in NAME_POS or _is_name(doc[end])) and doc[end].sent == verb.sent:
        end += 1
    nouns = [t for t in doc[verb.i + 1 : end] if t.pos_ in {"NOUN", "PROPN", "NUM"} or _is_name(t)]
    return nouns[-1] if nouns and nouns[-1].dep_ != "compound" else None


def _fronted_appositive(verb: Token) -> Token | None:
    """A name the parse hung from a fronted phrase, right before the cue ("In a statement, her
    adviser, Jane Doe, said": "adviser", an apposition to "statement")."""
    for prep in (c for c in verb.lefts if c.dep_ == "prep"):
        end = prep.right_edge.i
        if end + 1 != verb.i and not (end + 2 == verb.i and verb.doc[end + 1].is_punct):
            continue
        apps = [t for t in prep.subtree if t.dep_ == "appos" and t.right_edge.i >= end - 1]
        persons = [t for t in apps if t.pos_ in {"PROPN", "NOUN"}]
        return persons[0] if persons else None
    return None


def _is_name(tok: Token) -> bool:
    """A capitalized word the tagger took for something else (“A,” said Skelly, with "Skelly" an adverb)."""
    return tok.is_title and tok.pos_ in {"ADV", "X", "INTJ"}


def _shared_subject(verb: Token) -> Token | None:
    """The verb's own subject, or the one it shares with the verb it hangs from ("X declined to
    comment", "X is said to have called", "X seemed to blame")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]  # the nearest: "A, say B, C"
    subj = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
    if subj is None and verb.dep_ in CLIMB_DEPS | {"acomp"} and _is_predicate(verb.head):
        head = verb.head
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return passive if passive is not None and verb.dep_ in {"xcomp", "conj"} else _shared_subject(head)
    if subj is None and verb.dep_ == "pcomp" and _is_predicate(head := _above_noun(verb.head.head)):
        return _shared_subject(head)  # "pivoted to arguing", "has a history of blaming"
    host = _object_host(verb.head) if verb.dep_ == "acl" and verb.tag_ in {"VBG", "VB"} else None
    if subj is None and host is not None:
        return _shared_subject(host)  # "X is running ads attacking Y", "X has no evidence to suggest Y"
    if subj is None and verb.dep_ in {"acl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "voters angry at X"
    return subj


def _object_host(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is, directly or after a preposition ("spent millions on ads")."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and noun.head.dep_ == "prep":
        return noun.head.head
    return None


def _is_predicate(tok: Token) -> bool:
    """A verb, or an adjective predicated of a subject ("was quick to point out")."""
    return tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and tok.dep_ == "acomp")


def _above_noun(tok: Token) -> Token:
    """The verb above the object a prepositional phrase hangs from ("has a long history of")."""
    return tok.head if tok.pos_ in {"NOUN", "ADJ", "ADV"} and tok.dep_ in {"dobj", "attr", "advmod"} else tok


def _is_passive(verb: Token) -> bool:
    """ "it was announced", a participle modifying a noun ("a plan announced Friday"), or one with
    an agent ("when asked by reporters")."""
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"
    return participle or any(c.dep_ in PASSIVE_DEPS | {"agent"} for c in verb.children)


def _agent_of(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("was denounced by X")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _quoting_verb(verb: Token) -> Token | None:
    """For "quoted X as saying", the verb "quoted"."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and _lemma(head.head) in VIA_LEMMAS:
        return head.head
    return None


def _run_around(i: int, ids: set[int]) -> tuple[int, int]:
    """First and last index of the contiguous run of ``ids`` that contains ``i``."""
    start = end = i
    while start - 1 in ids:
        start -= 1
    while end + 1 in ids:
        end += 1
    return start, end


def _noun_phrase(tok: Token) -> list[int]:
    """The subtree of a noun, without relative clauses: the contiguous run around the noun."""
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in {"relcl", "acl"} and child.i > tok.i:
            drop.update(t.i for t in child.subtree)
    start, end = _run_around(tok.i, {t.i for t in tok.subtree} - drop)
    return _trim_punct(tok.doc, list(range(start, end + 1)))


def _speaker_phrase(tok: Token, cue: Token) -> list[int]:
    """The speaker's noun phrase as written, relative clauses included ("people who saw it"), unless
    the cue itself is in one; without a leading adverb ("even") or a trailing "both" or "himself"."""
    doc = tok.doc
    drop = {t.i for c in tok.children if c.i > tok.i and _drops_from_speaker(c, cue) for t in c.subtree}
    start, end = _run_around(tok.i, {t.i for t in tok.subtree} - drop)
    start = _after_dateline(doc, start, end)
    while start < tok.i and (_is_lead_adverb(doc[start]) or doc[start].is_punct):
        start += 1
    while end > tok.i and (doc[end].lower_ in SPEAKER_TAIL or doc[end].is_punct):
        end -= 1
    return _trim_punct(doc, list(range(start, end + 1)))


def _is_lead_adverb(tok: Token) -> bool:
    """ "even" in "even his allies said", but not "about" or "both" ("about half", "both parties")."""
    return tok.dep_ in {"advmod", "preconj"} and tok.lower_ not in SPEAKER_QUANTIFIERS


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """Where a phrase starts after a dateline ("RENO, Nev. (AP) — Mayor Jane Doe"): after its dash."""
    dashes = [i for i in range(start, end) if doc[i].text in DASHES]
    dateline = doc[start].is_upper and len(doc[start]) > 2
    return dashes[0] + 1 if dateline and dashes else start


def _drops_from_speaker(child: Token, cue: Token) -> bool:
    """A clause holding the cue, a participle set off by a comma or dash ("X, speaking Monday,"), or a
    relative clause set off by a dash ("X — who heads Y — said"). One set off by a comma stays ("X, who
    heads Y, said"): PolNeAR's annotators include it more often than not; ``_speaker_name`` is without."""
    if cue in child.subtree:
        return True
    if child.dep_ == "relcl":
        left = child.left_edge.i
        return left > 0 and child.doc[left - 1].text in DASHES
    return child.dep_ == "acl" and _set_off(child)


def _set_off(clause: Token) -> bool:
    left = clause.left_edge.i
    return left > 0 and clause.doc[left - 1].is_punct


def _speaker_name(doc: Doc, speaker: list[int]) -> list[int]:
    """The speaker phrase without the relative clauses set off in it: "X" of "X, who heads Y,"."""
    return _without_clauses(doc, speaker, lambda clause: True)


def _without_clauses(doc: Doc, speaker: list[int], cut: Callable[[set[int]], bool]) -> list[int]:
    """``speaker`` less the relative clauses set off in it whose tokens ``cut`` selects."""
    ids = set(speaker)
    for i in speaker:
        clause = doc[i]
        if clause.dep_ == "relcl" and clause.head.i in ids and _set_off(clause):
            sub = {t.i for t in clause.subtree}
            ids -= sub if cut(sub) else set()
    if not ids or len(ids) == len(speaker):
        return speaker
    start, end = _run_around(min(ids), ids)
    return _trim_punct(doc, list(range(start, end + 1)))


def _trim_punct(doc: Doc, ids: list[int]) -> list[int]:
    ids = sorted(ids)
    while ids and doc[ids[0]].is_punct:
        ids.pop(0)
    while ids and doc[ids[-1]].is_punct:
        ids.pop()
    return ids


# --------------------------------------------------------------------------- content


def _content_of(verb: Token) -> set[int]:
    """The complement clause, the clause a parenthetical cue interrupts ("X, he said, Y"), the
    object of a prepositional cue ("called for X"), or the object of a stance verb ("denied X")."""
    if verb.lower_ == "according":
        return _interrupted_clause(verb)
    comps = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS and not _is_parenthetical(c)]
    if any(c.i > verb.i for c in comps) and not _follows_quotation(verb):
        comps = [c for c in comps if c.i > verb.i]  # "X, who backed A and opposed B, said C": C
    if comps:
        objects = [
            c for c in verb.children if c.dep_ == "dobj" and comps[0].dep_ == "xcomp" and c.i < comps[0].i
        ]
        return _subtrees(comps + objects + _more_complements(verb, comps[0]))  # "urged X to Y": X, Y
    if verb.dep_ == "parataxis" or _is_parenthetical(verb) or _is_as_clause(verb):
        return _interrupted_clause(verb)
    if (as_word := _as_misparse(verb)) is not None:
        return _interrupted_clause(as_word)
    if _lemma(verb) in APPEARANCE_LEMMAS:
        return _appearance_content(verb)
    if (prep := _cue_prep(verb)) is not None:
        return _subtrees([c for c in prep.children if c.dep_ in {"pobj", "pcomp"}])
    if _lemma(verb) in OBJECT_LEMMAS:
        return _passive_content(verb) if _is_passive(verb) else _object_content(verb)
    return set()


def _more_complements(verb: Token, comp: Token) -> list[Token]:
    """A second "that" clause the parse coordinated with the cue instead of its complement ("X said A,
    but that B"), with the conjunction before it."""
    more = [c for c in verb.rights if c.dep_ == "conj" and c.i > comp.i and _has_mark(c, "that")]
    if not more:
        return []
    return more + [c for c in verb.rights if c.dep_ == "cc" and comp.i < c.i < more[0].i]


def _without_tail(doc: Doc, content: set[int], quotes: _Quotations) -> set[int]:
    """Content without a trailing clause set off by a comma that is the writer's, not the source's:
    the speaker's next act (", conceding the race"), a time or contrast (", as he faces a test"), or a
    non-restrictive relative clause (", which votes on March 1")."""
    inside = quotes.inside()
    last = max(content)
    for i in sorted(content):
        tok = doc[i]
        left = tok.left_edge.i
        if i in inside or tok.right_edge.i != last or left <= min(content) or doc[left - 1].text != ",":
            continue
        if _is_tail(tok):
            return content - set(range(left - 1, last + 1))
    return content


def _is_tail(tok: Token) -> bool:
    """A participle with no subject of its own, an "as"/"while"/"after" clause, a "which"/"who" clause."""
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        return not any(c.dep_ in SUBJECT_DEPS | {"mark"} for c in tok.children)
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in TAIL_MARKS for c in tok.children)
    if tok.dep_ == "relcl":
        return any(c.tag_ in {"WDT", "WP"} and c.lower_ in {"which", "who"} for c in tok.children)
    return False


def _frame_draft(tok: Token, children: list[Token], quotes: _Quotations) -> _Draft | None:
    """A draft from a learned frame: the content is the subtrees the frame names, a subject with its
    predicate ("X is expected to Y"); a preposition joins the cue ("worried about" X)."""
    if any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in children):
        children = children + [c for c in tok.rights if c.dep_ in PREDICATE_DEPS]
    preps = [c for c in children if c.dep_ == "prep"]
    objects = [g for c in preps for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    draft = _draft(tok, quotes, _subtrees([c for c in children if c.dep_ != "prep"] + objects))
    if draft is not None:
        draft.cue_tokens = sorted({*draft.cue_tokens, *(p.i for p in preps)})
        draft.content -= {p.i for p in preps}
    return draft


def _is_as_clause(verb: Token) -> bool:
    """ "As X noted, Y": the cue's own clause is subordinate to what it reports (but in "As X attacked
    Y, Z" the cue has its own object and Z is the writer's)."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _appearance_content(verb: Token) -> set[int]:
    """ "X seems Y" / "X appears to Y": the subject and its predicate, when there is one."""
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.tag_ not in {"WP", "WDT", "EX"}]
    pred = [c for c in verb.rights if c.dep_ in {"xcomp", "acomp", "attr", "oprd"}]
    return _subtrees(subj + pred) if subj and pred else set()


def _passive_content(verb: Token) -> set[int]:
    """What a passive cue is about: its passive subject, or the noun a participle modifies."""
    if verb.dep_ == "acl":
        return set(_noun_phrase(verb.head))
    return _subtrees(c for c in verb.children if c.dep_ == "nsubjpass")


def _object_content(verb: Token) -> set[int]:
    """A direct object and what completes it ("accused X of Y", "called X Z", "described X as Y")."""
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return set()
    more = [
        c
        for c in verb.rights
        if c.i > obj.i and (c.dep_ in {"oprd", "xcomp"} or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))
    ]
    return _subtrees([obj, *more])


def _subtrees(tokens: Iterable[Token]) -> set[int]:
    return {t.i for tok in tokens for t in tok.subtree}


def _is_parenthetical(clause: Token) -> bool:
    """A reporting clause parsed as the complement of what it reports: "X reported, ..., that Y said"
    (but not "A may add to B, he said", where the head is the cue and the clause its content)."""
    head = clause.head
    return (
        clause.dep_ == "ccomp"
        and clause.i < head.i
        and _lemma(clause) in CUE_LEMMAS
        and not any(c.dep_ in COMPLEMENT_DEPS for c in clause.children)
        and (
            _lemma(head) not in CUE_LEMMAS or any(c.dep_ == "mark" and c.i > clause.i for c in head.children)
        )
    )


def _interrupted_clause(tok: Token) -> set[int]:
    """The clause around a parenthetical cue, with a subject the parse gave to the cue as well
    ("Part of the problem, say experts, is ...": "Part of the problem" is said)."""
    if tok.head.i == tok.i:
        return set()
    speaker = _subject_of(tok) if tok.pos_ == "VERB" else None
    stray = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and c != speaker]
    return ({t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}) | _subtrees(stray)


def _whole_quotes(content: set[int], quoted: list[set[int]]) -> set[int]:
    """Extend content to every quotation it touches (a quotation may span several sentences)."""
    for quote in quoted:
        if quote & content:
            content = content | quote
    return content


def _adjacent_quote(verb: Token, quotes: _Quotations) -> set[int]:
    """A quotation right before the cue's clause (“…,” he said) or right after it (he said: “…”)."""
    inside = quotes.inside()
    clause = [t for t in verb.subtree if t.i not in inside and not t.is_punct and not t.is_space]
    start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
    text = doc_text(verb.doc)
    for quote, (_, q_end) in zip(quotes.tokens, quotes.ranges, strict=True):
        if q_end <= start and _BEFORE_CLAUSE_GAP.fullmatch(text, q_end, start):
            return quote
    for quote, (q_start, _) in zip(quotes.tokens, quotes.ranges, strict=True):
        if q_start >= end and _AFTER_CLAUSE_GAP.fullmatch(text, end, q_start):
            return quote
    return set()


def _has_words(doc: Doc, ids: Iterable[int]) -> bool:
    return any(not doc[i].is_punct and not doc[i].is_space for i in ids)


def _as_misparse(verb: Token) -> Token | None:
    """For "As the Gazette reported, Y" parsed as a relative clause of "Gazette", the word "as"."""
    noun = verb.head
    if verb.dep_ == "relcl" and noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.i < verb.i:
        return noun.head
    return None


def _draft(verb: Token, quotes: _Quotations, found: set[int] | None = None) -> _Draft | None:
    """A draft for the cue ``verb``; ``found`` is its content when a learned frame gave it."""
    subj = _subject_of(verb)
    speaker = _speaker_phrase(subj, verb) if subj is not None and subj.dep_ != "expl" else []
    if (as_word := _as_misparse(verb)) is not None:
        speaker = _trim_punct(verb.doc, list(range(as_word.i + 1, verb.i)))
    cue = _cue_tokens(verb)
    para = quotes.paragraph[verb.i]
    speaker = [i for i in speaker if quotes.paragraph[i] == para]
    found = _content_of(verb) if found is None else found
    content = {i for i in found if quotes.paragraph[i] == para} - set(speaker) - set(cue)
    content = _without_tail(verb.doc, content, quotes) if _has_words(verb.doc, content) else set()
    content = _whole_quotes(content, quotes.tokens) if content else set()
    if not content:
        content = _adjacent_quote(verb, quotes)
    if not _has_words(verb.doc, content):
        return None
    draft = _Draft(verb, cue, speaker, content, sibling=_borrows_subject(verb))
    if subj is not None and subj.tag_ in {"WP", "WDT"} and subj.head.dep_ == "relcl":
        draft.antecedent = _speaker_phrase(subj.head.head, subj.head)
    if (quoting := _quoting_verb(verb)) is not None:
        outer = next((c for c in quoting.children if c.dep_ == "nsubj"), None)
        draft.framing = [_phrase_text(outer)] if outer is not None else []
    return draft


def _cue_draft(tok: Token, quotes: _Quotations, lexicon: frozenset[str], table: CueTable) -> _Draft | None:
    """A draft for ``tok`` when it is a cue: a verb, a statement noun, a source ("in a poll"), a
    headline colon ("Name: what was said")."""
    if tok.pos_ == "VERB" and _light_object(tok) is not None:
        return None  # the noun is the cue: "raised questions about Y"
    if _is_cue(tok, lexicon) and (draft := _draft(tok, quotes)) is not None:
        return draft
    if tok.pos_ in FRAME_POS and tok.dep_ != "acl" and (children := frame_children(tok, table)):
        return _frame_draft(tok, children, quotes)
    if tok.pos_ == "NOUN" and _lemma(tok) in STANCE_NOUNS:
        return _noun_draft(tok, quotes) or _copular_draft(tok, quotes)
    if tok.pos_ == "NOUN" and _lemma(tok) in AGENT_NOUNS:
        return _agent_draft(tok, quotes)
    if tok.lower_ == "in" and tok.dep_ == "prep":
        return _source_draft(tok, quotes) or _stance_prep_draft(tok, quotes)
    if tok.text == ":":
        return _headline_draft(tok, quotes) or _named_colon_draft(tok, quotes)
    return None


def _framed(
    cue_tok: Token, cue: list[int], speaker: list[int], content: set[int], q: _Quotations
) -> _Draft | None:
    """A draft of a non-verbal cue: a speaker and some content, both in the cue's paragraph."""
    para = q.paragraph[cue_tok.i]
    speaker = [i for i in speaker if q.paragraph[i] == para]
    content = {i for i in content if q.paragraph[i] == para} - set(speaker) - set(cue)
    if not speaker or not _has_words(cue_tok.doc, content):
        return None
    return _Draft(cue_tok, cue, speaker, _whole_quotes(content, q.tokens))


def _noun_draft(noun: Token, quotes: _Quotations) -> _Draft | None:
    """ "X's claim that Y", "her criticism of Y", "a call by X for Y", and a stance noun that is the
    object of a light verb: "X raised questions about Y" (X holds it; the verb joins the cue)."""
    if _is_light_object(noun):
        holder, cue = _shared_subject(noun.head), [noun.head.i, noun.i]
        speaker = _speaker_phrase(holder, noun.head) if holder is not None else []
    elif _lemma(noun) in NOUN_CUES:
        holder, cue = next((c for c in noun.children if c.dep_ == "poss"), None) or _by_phrase(noun), [noun.i]
        speaker = _noun_phrase(holder) if holder is not None else []
    else:
        return None
    if holder is None:
        return None
    clause = [c for c in noun.rights if c.dep_ in {"acl", "ccomp"} and _has_mark(c, "that")]
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS), None)
    if prep is not None and any(g.ent_type_ in {"DATE", "TIME"} for g in prep.children):
        prep = None  # "her statement on Tuesday"
    if clause:
        content = _subtrees(clause)
    elif prep is not None:
        content, cue = _subtrees(c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), [*cue, prep.i]
    else:
        return None
    return _framed(noun, cue, speaker, content, quotes)


def _is_light_object(noun: Token) -> bool:
    """A stance noun as the object of a light verb ("raised questions", "expressed concern")."""
    return noun.dep_ == "dobj" and _lemma(noun.head) in LIGHT_VERBS and _lemma(noun) in STANCE_NOUNS


def _light_object(verb: Token) -> Token | None:
    """For "raised questions about Y", "questions", when it introduces content of its own."""
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is None or not _is_light_object(obj):
        return None
    has_prep = any(c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS for c in obj.rights)
    has_clause = any(c.dep_ in {"acl", "ccomp"} and _has_mark(c, "that") for c in obj.rights)
    return obj if has_prep or has_clause else None


def _copular_draft(noun: Token, quotes: _Quotations) -> _Draft | None:
    """ "Her view is that Y", "the senator's contention was Y": a holder's stance noun and what it is."""
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    verb = noun.head
    if holder is None or noun.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    content = _subtrees(c for c in verb.rights if c.dep_ in {"attr", "ccomp"})
    return _framed(noun, [noun.i, verb.i], _noun_phrase(holder), content, quotes)


def _agent_draft(noun: Token, quotes: _Quotations) -> _Draft | None:
    """ "X, a longtime backer of Y" / "X is a critic of Y": the one the noun describes stands for Y."""
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"of", "for"}), None)
    if prep is None:
        return None
    if noun.dep_ == "appos":
        holder: Token | None = noun.head
        phrase = [i for i in _noun_phrase(noun.head) if i < noun.left_edge.i]
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        holder = next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS), None)
        phrase = _speaker_phrase(holder, noun.head) if holder is not None else []
    else:
        return None
    content = _subtrees(c for c in prep.children if c.dep_ in {"pobj", "pcomp"})
    return _framed(noun, [noun.i, prep.i], _trim_punct(noun.doc, phrase), content, quotes)


def _stance_prep_draft(prep: Token, quotes: _Quotations) -> _Draft | None:
    """ "X came out in support of Y", "voted in favor of Y": the subject of the verb stands for Y."""
    noun = next((c for c in prep.children if c.dep_ == "pobj" and _lemma(c) in STANCE_PREP_NOUNS), None)
    head = _source_prep_draft_head(prep)
    rights = noun.rights if noun is not None else iter(())
    inner = next((c for c in rights if c.dep_ == "prep" and c.lower_ in {"of", "to"}), None)
    if noun is None or inner is None or head is None or (subj := _shared_subject(head)) is None:
        return None
    content = _subtrees(c for c in inner.children if c.dep_ in {"pobj", "pcomp"})
    return _framed(prep, [prep.i, noun.i, inner.i], _speaker_phrase(subj, head), content, quotes)


def _by_phrase(noun: Token) -> Token | None:
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _has_mark(clause: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in clause.children)


def _source_prep_draft_head(prep: Token) -> Token | None:
    head = prep.head
    for _ in range(2):
        if head.pos_ in {"VERB", "AUX"}:
            return head
        head = head.head
    return None


def _source_draft(prep: Token, quotes: _Quotations) -> _Draft | None:
    """ "In a CNN poll, X leads": the poll is the source of the clause it modifies."""
    source = next((c for c in prep.children if c.dep_ == "pobj" and _lemma(c) in SOURCE_NOUNS), None)
    head = _source_prep_draft_head(prep)
    if source is None or head is None or _lemma(head) in CUE_LEMMAS:
        return None
    content = _subtrees([head]) - _subtrees([prep]) - _subtrees(c for c in head.children if c.dep_ == "conj")
    speaker = _noun_phrase(source)
    subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if _lemma(source) in SPOKEN_SOURCES and subj is not None:
        speaker = _speaker_phrase(subj, head)  # "In an interview, X said": X speaks
    return _framed(prep, [prep.i], speaker, content, quotes)


def _headline_draft(colon: Token, quotes: _Quotations) -> _Draft | None:
    """ "Senator Smith: We will win": a short name opening a paragraph, then a colon."""
    doc, para = colon.doc, quotes.paragraph[colon.i]
    start = colon.i
    while start > 0 and quotes.paragraph[start - 1] == para:
        start -= 1
    prefix = [i for i in range(start, colon.i) if not doc[i].is_space]
    if not 1 <= len(prefix) <= HEADLINE_MAX_TOKENS or any(doc[i].pos_ in CLAUSE_POS for i in prefix):
        return None
    if not any(doc[i].ent_type_ in {"PERSON", "ORG"} for i in prefix):
        return None
    end = colon.i + 1
    while end < len(doc) and quotes.paragraph[end] == para:
        end += 1
    return _framed(colon, [colon.i], _trim_punct(doc, prefix), set(range(colon.i + 1, end)), quotes)


def _named_colon_draft(colon: Token, quotes: _Quotations) -> _Draft | None:
    """ "... doesn't surprise pollster Jane Doe: “A.”": a person named right before a colon and a
    quotation (not the listener of a cue verb: "he told Doe: “A.”")."""
    doc = colon.doc
    name = doc[colon.i - 1] if colon.i > 0 else colon
    after = next((t for t in doc[colon.i + 1 : colon.i + 3] if not t.is_space), None)
    named = name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and not name.ent_type_)
    if not named or after is None or after.text not in OPENERS | BOTH:
        return None
    quote = next((q for q in quotes.tokens if after.i in q), set())
    head = name
    while head.head.pos_ == "PROPN" and head.head.i < colon.i and head.head != head:
        head = head.head
    if head.head.pos_ == "VERB" and _lemma(head.head) in CUE_LEMMAS:
        return None
    speaker = [i for i in _noun_phrase(head) if i < colon.i]
    return _framed(colon, [colon.i], speaker, quote, quotes)


def _borrows_subject(verb: Token) -> bool:
    own = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    return not own and verb.dep_ in CLIMB_DEPS | {"pcomp"} and _quoting_verb(verb) is None


def _phrase_text(tok: Token) -> str:
    ids = _noun_phrase(tok)
    return tok.doc[ids[0] : ids[-1] + 1].text if ids else tok.text


# --------------------------------------------------------------------------- passes over drafts


def _attach_via(doc: Doc, drafts: list[_Draft]) -> None:
    """Give "citing Y" to the nearest cue on its left in the sentence; drop it from every content."""
    for tok in doc:
        if tok.pos_ != "VERB" or _lemma(tok) not in VIA_LEMMAS:
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        owners = [d for d in drafts if d.cue.sent == tok.sent and d.cue.i < tok.i]
        if obj is None or not owners or any(c.lower_ == "as" for c in tok.children):
            continue
        max(owners, key=lambda d: d.cue.i).via.append(_phrase_text(obj))
        phrase = {t.i for t in tok.subtree}
        for draft in drafts:
            draft.content -= phrase


def _split_siblings(drafts: list[_Draft]) -> None:
    """A cue sharing its speaker with a clause it hangs from ("X said A, telling B that C") is a
    second attribution, not part of the first one's content."""
    for inner in drafts:
        if _is_coordinated(inner.cue):
            _split_coordinated(inner, drafts)
        if not inner.sibling:
            continue
        tokens = {*inner.content, *inner.cue_tokens}
        for outer in drafts:
            if outer is not inner and inner.cue.i in outer.content and _is_sibling_of(inner.cue, outer):
                outer.content -= tokens
                outer.content -= {t.i for t in inner.cue.subtree}


def _cut_reporting_clauses(doc: Doc, drafts: list[_Draft]) -> None:
    """A relative clause that reports a clause on its own ("X, who also said that A, told B") leaves
    the speaker: it is an attribution of its own. One taking a stance stays ("X, who endorsed Y,")."""
    cues = {d.cue.i for d in drafts if any(c.dep_ == "ccomp" for c in d.cue.children)}
    for draft in drafts:
        draft.speaker = _without_clauses(doc, draft.speaker, lambda clause: bool(clause & cues))


def _share_speakers(drafts: list[_Draft]) -> None:
    """A participle cut from the end of another attribution's content ("X said A, conceding B") is
    the act of that attribution's speaker, not of A's subject."""
    by_cue = {d.cue.i: d for d in drafts}
    for inner in drafts:
        cue = inner.cue
        if not (cue.dep_ == "advcl" and cue.tag_ == "VBG" and _is_tail(cue)):
            continue
        head = cue.head
        while head.dep_ in COMPLEMENT_DEPS | {"conj"} and head.head.i != head.i and head.i not in by_cue:
            head = head.head
        outer = by_cue.get(head.i)
        if outer is not None and outer is not inner and head != cue.head and outer.speaker:
            inner.speaker, inner.antecedent = outer.speaker, outer.antecedent


def _split_conjoined_acts(drafts: list[_Draft]) -> None:
    """ "X said he earns A and questioned B": a cue the parse joined to a verb of another attribution's
    content, in that cue's form but not its head's, is a second act of that attribution's speaker."""
    for inner in drafts:
        cue = inner.cue
        if cue.dep_ != "conj" or any(c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in cue.children):
            continue
        for outer in drafts:
            if outer is inner or cue.head.i not in outer.content or outer.cue.pos_ != "VERB":
                continue
            if cue.tag_ != cue.head.tag_ and cue.tag_ == outer.cue.tag_:
                outer.content -= {t.i for t in cue.subtree} | set(_joint_before(cue))
                inner.speaker, inner.antecedent = outer.speaker, outer.antecedent
                break


def _is_coordinated(cue: Token) -> bool:
    """ "they were worried, and more than 4 in 10 said B": a cue with its own subject joined to a
    clause of another attribution's content."""
    if not any(c.dep_ in SUBJECT_DEPS for c in cue.children) or _has_mark(cue, "that"):
        return False  # "said A and that he thinks B" is one attribution
    if cue.dep_ == "conj":
        return cue.i > cue.head.i
    joint = _joint_before(cue)
    return cue.dep_ == "ccomp" and cue.head.i < cue.i and any(cue.doc[i].dep_ == "cc" for i in joint)


def _joint_before(cue: Token) -> list[int]:
    """The conjunction and punctuation right before a clause (", and")."""
    doc, i = cue.doc, cue.left_edge.i - 1
    joint = []
    while i >= 0 and (doc[i].dep_ == "cc" or doc[i].is_punct) and doc[i].text not in MARKS:
        joint.append(i)
        i -= 1
    return joint


def _split_coordinated(inner: _Draft, drafts: list[_Draft]) -> None:
    """Take a coordinated cue's clause, and the conjunction before it, out of the content it sits in."""
    clause = {t.i for t in inner.cue.subtree} | set(_joint_before(inner.cue))
    head = inner.cue.head
    for outer in drafts:
        inside = head.i in outer.content or head == outer.cue
        if outer is not inner and inner.cue.i in outer.content and inside:
            outer.content -= clause


def _is_sibling_of(cue: Token, outer: _Draft) -> bool:
    """ "X said A, adding B": the inner cue hangs from the outer clause, not from a verb of its content
    ("X said she came to support Y": "to support Y" is part of what X said); "urged X to Y" is content."""
    if cue.head.i in outer.content:
        return False
    return not (cue.dep_ == "xcomp" and cue.head == outer.cue)


def _continue_quotes(doc: Doc, drafts: list[_Draft], quoted: list[set[int]]) -> None:
    """Append an unclaimed quotation (not a quoted title) to the attribution before it when only
    punctuation, or the rest of its reporting sentence, lies between (“A,” she told the paper on
    Monday. “B.”; or she said A. ¶ “B.”)."""
    claimed = set().union(*(d.content for d in drafts)) if drafts else set()
    cues = {i for d in drafts for i in d.cue_tokens}
    titles = [quote for quote in quoted if quote and _is_title(doc, quote)]
    inside = set().union(*(q for q in quoted if q not in titles))
    for quote in quoted:
        if quote & claimed or not quote or quote in titles:
            continue
        before = [d for d in drafts if _last(d) < min(quote)]
        if not before:
            continue
        prev = max(before, key=_last)
        end_tok = _sentence_tail(doc[_last(prev)], cues | inside | claimed)
        gap_start = end_tok.idx + len(end_tok)
        if _CONTINUATION_GAP.fullmatch(doc_text(doc), gap_start, doc[min(quote)].idx):
            prev = _quoting_draft(doc, prev, before, quoted)
            prev.content |= quote
            claimed |= quote


def _quoting_draft(doc: Doc, prev: _Draft, before: list[_Draft], quoted: list[set[int]]) -> _Draft:
    """The attribution a continuation belongs to: ``prev``, or, when ``prev`` is an indirect one in the
    tail of a direct quote's reporting sentence (“A,” Trump said, referring to Cruz. “B.”), that quote's."""
    if _is_direct(doc, prev.content, quoted):
        return prev
    sent = prev.cue.sent.start
    earlier = [d for d in before if d is not prev and d.cue.sent.start == sent and d.cue.i < prev.cue.i]
    direct = [d for d in earlier if _is_direct(doc, d.content, quoted)]
    return max(direct, key=lambda d: d.cue.i) if direct else prev


def _is_title(doc: Doc, quote: set[int]) -> bool:
    """A quoted name ("Meet the Press", "State of the Union"): a few capitalized words, no sentence."""
    words = [doc[i] for i in sorted(quote) if not doc[i].is_punct]
    short = 0 < len(words) <= TITLE_MAX_WORDS
    return short and words[0].is_title and all(w.is_title or w.is_stop for w in words)


def _sentence_tail(tok: Token, taken: set[int]) -> Token:
    """The last token of the rest of ``tok``'s sentence, up to the first ``taken`` one."""
    end = tok.i
    while end + 1 < tok.sent.end and end + 1 not in taken:
        end += 1
    return tok.doc[end]


def _last(draft: _Draft) -> int:
    return max([*draft.content, *draft.cue_tokens, *draft.speaker])


def _is_direct(doc: Doc, content: set[int], quoted: list[set[int]]) -> bool:
    """Most of the content's words lie inside quotation marks."""
    words = {i for i in content if not doc[i].is_punct}
    inside = set().union(*quoted) & words if quoted else set()
    return len(inside) * 2 > len(words)


# --------------------------------------------------------------------------- from drafts to quotes


def _char_span(doc: Doc, ids: list[int], article_id: str) -> Span | None:
    if not ids:
        return None
    first, last = doc[min(ids)], doc[max(ids)]
    return Span(article_id, first.idx, last.idx + len(last))


def _runs(ids: set[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, edge punctuation, and enclosing (or lone unbalanced) quotation marks."""
    while start < end:
        opener, closer = _mark_at(text, start, end), _mark_before(text, start, end)
        if text[start].isspace() or text[start] in EDGE_PUNCT:
            start += 1
        elif text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT:
            end -= 1
        elif opener and closer and start + opener < end - closer:
            start, end = start + opener, end - closer
        elif opener and not _MARK_RE.search(text, start + opener, end):
            start += opener
        elif closer and not _MARK_RE.search(text, start, end - closer):
            end -= closer
        else:
            break
    return start, end


def _mark_at(text: str, start: int, end: int) -> int:
    return next((len(m) for m in MARKS if text.startswith(m, start, end)), 0)


def _mark_before(text: str, start: int, end: int) -> int:
    return next((len(m) for m in MARKS if text.endswith(m, start, end)), 0)


def _content_parts(doc: Doc, content: set[int], article_id: str) -> tuple[Span, ...]:
    parts = []
    for run in _runs(content):
        start, end = _trim_chars(doc_text(doc), doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]]))
        if start < end:
            parts.append(Span(article_id, start, end))
    return tuple(parts)


def _kind(verb: Token) -> str:
    lemma = _lemma(verb)
    if lemma in SPEECH_LEMMAS or verb.lower_ == "according" or verb.pos_ in {"PUNCT", "NOUN"}:
        return "speech"
    return "belief" if lemma in COGNITION_LEMMAS else "evidence"


def _name_text(doc: Doc, speaker: list[int], article_id: str) -> str | None:
    name = _char_span(doc, _speaker_name(doc, speaker), article_id)
    return name.text_of(doc_text(doc)) if name else None


def _to_quote(doc: Doc, draft: _Draft, quoted: list[set[int]], article_id: str) -> Quote | None:
    parts = _content_parts(doc, draft.content, article_id)
    if not parts:
        return None
    speaker = _char_span(doc, draft.speaker, article_id)
    cue = _char_span(doc, draft.cue_tokens, article_id)
    whole = _char_span(doc, [*draft.content, *draft.cue_tokens, *draft.speaker], article_id)
    assert whole is not None
    return Quote(
        span=whole,
        content=Span(article_id, parts[0].start, parts[-1].end),
        cue=cue,
        speaker=speaker,
        speaker_text=_name_text(doc, draft.speaker, article_id) if speaker else None,
        direct=_is_direct(doc, draft.content, quoted),
        content_parts=parts,
        kind=_kind(draft.cue),
        speaker_antecedent=_char_span(doc, draft.antecedent, article_id),
        frame=draft.frame,
    )


def _sources(doc: Doc, drafts: list[_Draft]) -> list[list[str]]:
    """For each draft: the sources it is reported through, outermost first, ending with its own."""
    memo: dict[int, list[str]] = {}

    def full(k: int) -> list[str]:
        if k not in memo:
            memo[k] = []  # guards against cycles
            draft = drafts[k]
            holders = [j for j, d in enumerate(drafts) if j != k and draft.cue.i in d.content]
            outer = full(min(holders, key=lambda j: len(drafts[j].content))) if holders else []
            who = draft.antecedent or _speaker_name(doc, draft.speaker)
            own = [doc[who[0] : who[-1] + 1].text] if who else []
            memo[k] = [*outer, *draft.framing, *own, *draft.via]
        return memo[k]

    return [full(k) for k in range(len(drafts))]


def _resolve(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Pronoun speakers take the latest person (for he/she) or other named speaker before them: a named
    speaker, or a person the writer makes the subject of a main clause ("Davis was in Chicago on Friday.
    He wondered how ...") or of any clause earlier in the pronoun's own sentence ("While Abe praised the
    sanctions, he did not ..."), outside quotations and reported content. I and we are someone quoted, so
    they take named speakers only."""
    said = [(p.start, p.end) for q in quotes for p in q.content_parts or (q.content,)]
    speakers = [(q.speaker.start, q.speaker.end) for q in quotes if q.speaker is not None]
    outside = [*said, *speakers, *quoted_ranges(doc_text(doc))]  # a speaker names its person already
    subjects = _person_subjects(doc, outside)
    named: list[tuple[int, str, bool]] = []  # (position, name, is a person)
    resolved = []
    for quote in quotes:
        speaker, speaker_text = quote.speaker, quote.speaker_text
        if speaker is None or speaker_text is None:
            resolved.append(quote)
            continue
        words = speaker_text.lower()
        if quote.speaker_antecedent is not None:
            antecedent = quote.speaker_antecedent.text_of(doc_text(doc))
            named.append((speaker.start, antecedent, _is_person(doc, quote.speaker_antecedent)))
            quote = _with(quote, speaker_resolved=antecedent)
        elif words in PRONOUNS:
            person = words in {"he", "she", "i", "him", "her"}
            pool = named
            if words in {"he", "she", "him", "her"}:
                sentence = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
                opens = sentence.sent.start_char if sentence is not None else speaker.start
                pool = named + [(at, n, True) for at, n, main in subjects if main or at >= opens]
            before = [n for n in pool if n[0] < speaker.start and n[2] == person]
            name = max(before, key=lambda n: n[0])[1] if before else None
            if name is not None:
                named.append((speaker.start, name, person))  # "he" goes on naming the same person
            quote = _with(quote, speaker_resolved=name)
        else:
            named.append((speaker.start, speaker_text, _is_person(doc, speaker)))
            quote = _with(quote, speaker_resolved=speaker_text)
        resolved.append(quote)
    return resolved


def _person_subjects(doc: Doc, outside: list[tuple[int, int]]) -> list[tuple[int, str, bool]]:
    """(offset, name, of a main clause) of each named person that is a clause's subject outside the
    ``outside`` ranges. A name is a person's when the NER tags it so here or tags a person of that
    surname anywhere in the text (the small model tags "Trump" PERSON in one sentence, ORG in the next)."""
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON"}
    ent_at = {i: e for e in doc.ents for i in range(e.start, e.end)}
    found = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "PROPN":
            continue
        if any(a <= tok.idx < b for a, b in outside):
            continue
        ent = ent_at.get(tok.i)
        compounds = [t.i for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        name = ent if ent is not None else doc[min([*compounds, tok.i]) : tok.i + 1]
        if (ent is not None and ent.label_ == "PERSON") or name[-1].lower_ in surnames:
            found.append((name.start_char, name.text, _in_main_clause(tok)))
    return found


def _in_main_clause(tok: Token) -> bool:
    verb = tok.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _is_person(doc: Doc, span: Span) -> bool:
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    return chars is not None and any(t.ent_type_ == "PERSON" for t in chars)


def _with(quote: Quote, **changes: object) -> Quote:
    from dataclasses import replace

    return replace(quote, **changes)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- entry points


def extract_quotes(
    doc: Doc, article_id: str = "", *, lexicon: frozenset[str] = CUE_LEMMAS, table: CueTable | None = None
) -> list[Quote]:
    """Quotes and attributions of one parsed article, in text order.

    ``table``: learned frames and their reliability (default: ``quote_frames.json``)."""
    table = load_table() if table is None else table
    quotes = _Quotations.of(doc)
    quoted, inside = quotes.tokens, quotes.inside()
    drafts = []
    for tok in doc:
        if tok.i not in inside and (draft := _cue_draft(tok, quotes, lexicon, table)):
            draft.frame = frame_of(draft.cue, draft.content)
            if not table.unreliable(draft.frame):
                drafts.append(draft)
    _attach_via(doc, drafts)
    _cut_reporting_clauses(doc, drafts)
    _split_siblings(drafts)
    _split_conjoined_acts(drafts)
    _share_speakers(drafts)
    _continue_quotes(doc, drafts, quoted)
    found = []
    for draft, sources in zip(drafts, _sources(doc, drafts), strict=True):
        quote = _to_quote(doc, draft, quoted, article_id)
        if quote is not None:
            found.append(_with(quote, chain=tuple(sources) if len(sources) > 1 else ()))
    return _resolve(doc, sorted(found, key=lambda q: (q.span.start, q.span.end)))


def quotes_from_text(text: str, article_id: str = "") -> list[Quote]:
    """Parse ``text`` with the project's spaCy pipeline and extract its quotes."""
    from crosswire.read.nlp import parse

    return extract_quotes(next(parse([text])), article_id)


def iter_quotes(texts: Iterable[str], batch_size: int = 32) -> Iterator[list[Quote]]:
    """Quotes of many texts, parsed in batches (article ids left empty)."""
    from crosswire.read.nlp import parse

    for doc in parse(texts, batch_size=batch_size):
        yield extract_quotes(doc)
