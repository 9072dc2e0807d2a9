"""What a date or a count of a claim is said of: the predicate it attaches to, read off the parse.

Two dates conflict only when they date one happening, and two counts only when they count one set. Words
before a date do not say which happening it dates: "Court records show Horn's wife *filed* for divorce on
August 11" and "According to court records, Joseph Horn and his wife *had a court hearing* Wednesday" share
"court records" and "wife", yet date two happenings. Nor does a shared counted noun say two counts are of
one set: "organizers *escorted* some 50 participants along the walkway" counts a part of the crowd of which
"hundreds of participants *made their way* to the border". The parse says what each is said of: from the
date or the figure, up through its prepositions to the first word outside it (a verb, or a noun the date
modifies: "the breach on Tuesday"), with what that word takes (object, attribute, the objects of its other
prepositions: "filed *for divorce*"). A light verb ("had", "made") says nothing of its own; its object does
("a hearing"). When both sides have such words and none is shared, the two are different happenings.
Parses are cached (``propositions.parse_cached``) and asked for only on pairs a cheaper check already flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.compare.propositions import parse_cached, stem_of

if TYPE_CHECKING:
    from spacy.tokens import Token

LIGHT_VERBS = frozenset({"be", "have", "do", "make", "take", "get", "give", "go", "come", "see", "say"})
TAKES = frozenset({"dobj", "attr", "oprd", "nsubjpass", "acomp"})  # what a predicate takes
DESCRIBES = frozenset({"acl", "relcl"})  # a verb describing the counted noun ("40 ships *waiting*")
CLIMB_LIMIT = 6
PARTICIPANT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"})


def said_of(text: str, start: int, end: int) -> frozenset[str]:
    """Stems of what the part ``[start, end)`` of ``text`` (a date, a figure with its noun) is said of: the
    predicate it attaches to (not a light verb) and what that predicate takes, its own words left out.
    Empty when the parse shows nothing (a fragment, a span the parse splits oddly)."""
    found = _root(text, start, end)
    if found is None:
        return frozenset()
    root, own = found
    out: set[str] = set()
    for t in (root, *(c for c in root.children if c.i not in own)):
        if t.dep_ in DESCRIBES and t.pos_ in ("VERB", "AUX"):
            out |= _predicate_words(t, own)  # "40 ships waiting": the count is of ships that wait
    head, via = root, root
    for _ in range(CLIMB_LIMIT):
        if head.head is head:
            break
        via, head = head, head.head
        if head.pos_ != "ADP" and head.i not in own:
            break
    if head.i in own or head.pos_ == "ADP":
        return frozenset(out)
    return frozenset(out | _predicate_words(head, own | {via.i}))


def _root(text: str, start: int, end: int) -> tuple[Token, set[int]] | None:
    """The token of ``[start, end)`` whose head lies outside it, with the indices of the part's tokens."""
    inside = [t for t in parse_cached(text) if start <= t.idx < end]
    if not inside:
        return None
    own = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in own or t.head is t), inside[0]), own


def counts_participants(text: str, start: int, end: int) -> bool:
    """The figure ``[start, end)`` counts who or what takes part (subject, object: "escorted some 50
    participants", "hundreds of participants made their way"), not a measure of distance or amount said of
    something ("70 to 80 yards away", "a blind about 150 yards from Green")."""
    found = _root(text, start, end)
    return found is not None and found[0].dep_ in PARTICIPANT_ROLES


def _predicate_words(t: Token, own: set[int]) -> set[str]:
    out = set() if (t.lemma_ or t.text).lower() in LIGHT_VERBS else {stem_of(t)}
    for c in t.children:
        if c.i in own:
            continue
        if c.dep_ in TAKES and c.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"):
            out.add(stem_of(c))
        elif c.dep_ in ("prep", "agent"):
            objects = (o for o in c.children if o.dep_ == "pobj" and o.i not in own and o.pos_ != "PRON")
            out.update(stem_of(o) for o in objects)
    return out


def one_happening(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int]) -> bool:
    """The two parts (offsets within each text) are said of one happening as far as the parse can tell: what
    each is said of shares a word, or one side shows nothing to compare."""
    words_a, words_b = said_of(text_a, *span_a), said_of(text_b, *span_b)
    return not words_a or not words_b or bool(words_a & words_b)
