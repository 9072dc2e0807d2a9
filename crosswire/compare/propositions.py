"""Does one claim deny what the other affirms about the same thing? A check on the dependency parse.

A word-level denial ("not", "no", "never" before a word the other claim uses) is no contradiction on real
news: "Manafort has pleaded not guilty" does not deny "Gates ... pleaded guilty"; "memos that contain no
notable information" does not deny "leaks of sensitive government information". A denial counts here only
when the parse shows the same proposition on both sides:

- a negated predicate ("sirens never sounded") against the same predicate affirmed ("sirens sounded"),
  with the same subject (a word of its head, or a name), or a subject "nobody"/"nothing" ("nobody is
  bombing them" / "jets were still bombing"); when both take a complement (object, attribute, clause), the
  complements share a word, and when both take the same preposition its objects do ("not based on trust"
  denies nothing of "based on lies");
- a denial of existence ("there is no plan to cut 400 jobs", "No siren") against the same word affirmed;
  when the denied noun has modifiers ("no *notable* information *that he had not discussed*"), the other
  claim's use shares one of them ("plans to *cut* 400 *jobs*"), and the verb of its clause ("no signs that
  the talk *swayed* them" is not "a clear sign he *wanted* to be heard");
- a stop ("the air strikes have stopped", "the sirens were silent") against a claim that says the stopped
  thing goes on ("are still carrying out air strikes", "will continue to strike").

Neither side counts under a condition ("if", "unless") or a weak modal ("could", "might", "would"). Nothing
is affirmed inside a negated, stopped, refused or qualified clause ("never wrote that he felt obstructed",
"declined to comment", "possible attempts to obstruct"), nor by a name ("Department of Justice") or a noun
merely named ("a collusion claim", "leaks of information"). A denial about the future ("won't", "will not")
or an ability ("can not"), of an indefinite subject ("an embankment dam does not fail in one night": a rule
of thumb), or in a phrase ("a mantra of 'no collusion'"), is no denial of what happened; "no further tests"
and "no longer needed" are stops. Parses are cached per text; only claims a word-level check already pairs
are parsed (``conflicts._polarity``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.compare.features import content_words, stem

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NEG_PRONOUNS = frozenset({"nobody", "nothing", "none", "no-one", "noone"})
NEG_DETS = frozenset({"no", "neither"})
STOP_LEMMAS = frozenset({"stop", "halt", "cease", "suspend", "silent"})
CONTINUE_LEMMAS = frozenset({"continue", "keep"})
WEAK_MODALS = frozenset({"could", "might", "may", "would", "should", "must"})
DENY_MODALS = WEAK_MODALS | {"will", "ca", "can", "wo", "'ll", "’ll", "shall"}
CONDITIONS = frozenset({"if", "unless", "whether"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CORE_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "dative"})
NOUN_MODIFIER_DEPS = frozenset({"amod", "compound", "acl", "relcl", "prep", "nummod"})
CLIMB_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd", "conj", "aux", "auxpass"})
RELATIVES = frozenset({"that", "which", "who", "whom"})
NEGATIVE_VERBS = frozenset({"deny", "decline", "refuse", "fail"})  # "declined to comment" affirms no comment
QUALIFIERS = frozenset({"alleged", "possible", "potential", "suspected", "purported", "rumored", "rumoured"})
NO_LONGER = frozenset({"further", "more", "longer"})  # "no further tests", "no longer needed": a stop
# roles in which a noun is stated, not merely named ("ccomp": a quoted fragment, “No siren,” she said)
EXIST_ROLES = frozenset({"attr", "dobj", "nsubj", "nsubjpass", "ROOT", "ccomp", "appos", "conj"})
COPULA = "be"
PARSE_CACHE = 4096


_PARSES: OrderedDict[str, Doc] = OrderedDict()  # the latest PARSE_CACHE parses, least recent first


def parse_cached(text: str) -> Doc:
    """The parse of one claim's text (the reader's pipeline without NER), kept for the next ask."""
    if text not in _PARSES:
        from crosswire.read.nlp import load_nlp

        _keep(text, load_nlp()(text, disable=["ner"]))
    _PARSES.move_to_end(text)
    return _PARSES[text]


def parse_many(texts: list[str]) -> None:
    """Parse in batches what ``parse_cached`` will be asked for (twice as fast as one by one)."""
    from crosswire.read.nlp import load_nlp

    todo = list(dict.fromkeys(t for t in texts if t not in _PARSES))[:PARSE_CACHE]
    for text, doc in zip(todo, load_nlp().pipe(todo, disable=["ner"], batch_size=64), strict=True):
        _keep(text, doc)


def clear_parses() -> None:
    _PARSES.clear()


def _keep(text: str, doc: Doc) -> None:
    _PARSES[text] = doc
    while len(_PARSES) > PARSE_CACHE:
        _PARSES.popitem(last=False)


@dataclass(frozen=True)
class Predication:
    """One predicate of a claim with who or what it is about and what it takes (stems)."""

    lemma: str
    subject: frozenset[str]
    complement: frozenset[str]
    nobody: bool = False  # the subject is "nobody" / "nothing": any subject is denied
    objects: tuple[tuple[str, frozenset[str]], ...] = ()  # (preposition, its object's stems): "on trust"


def stem_of(t: Token) -> str:
    return stem(t.lemma_ if t.lemma_ and t.lemma_ != "-PRON-" else t.text)


def _lemma(t: Token) -> str:
    return (t.lemma_ or t.text).lower()


def _words(tokens: Iterator[Token] | list[Token]) -> frozenset[str]:
    return content_words(" ".join(t.text for t in tokens))


def _subject_tokens(t: Token) -> list[Token]:
    """The subject of ``t``'s clause: its own, or its head's for an infinitive, complement or conjunct
    ("Castellan plans to cut": cut's subject is Castellan), or the noun a participle or relative clause
    modifies ("details not included in the book": details)."""
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if subs:
            out = []
            for s in subs:
                if s.lower_ in RELATIVES and s.head.dep_ == "relcl":
                    out.append(s.head.head)
                else:
                    out.append(s)
            return out
        if t.dep_ in ("acl", "relcl"):
            return [t.head]
        if t.dep_ not in CLIMB_DEPS or t.head is t:
            return []
        t = t.head
    return []


def _subject(t: Token) -> tuple[frozenset[str], bool]:
    """Lemmas of the subject's head and its conjuncts and names (pronouns say nothing), and whether it is a
    negative pronoun ("nobody"). Lemmas, not stems: "officials" and "office" are not one subject."""
    heads = _subject_tokens(t)
    if any(h.lower_ in NEG_PRONOUNS for h in heads):
        return frozenset(), True
    out: set[str] = set()
    for h in heads:
        for x in [h, *h.conjuncts]:
            if x.pos_ == "PRON":
                continue
            out.add(_lemma(x))
            out.update(_lemma(c) for c in x.children if c.dep_ == "compound" or c.pos_ == "PROPN")
    return frozenset(out - {""}), False


def _children_words(t: Token, deps: frozenset[str]) -> frozenset[str]:
    """Content stems of the children of ``t`` attached by one of ``deps``, with all they hold."""
    out: set[str] = set()
    for c in t.children:
        if c.dep_ in deps:
            out |= _words(list(c.subtree))
    return frozenset(out)


def _complement(t: Token) -> frozenset[str]:
    """Content stems of what the predicate takes: object, attribute, clause (not adverbials)."""
    return _children_words(t, CORE_DEPS)


def _objects(*tokens: Token) -> dict[str, frozenset[str]]:
    """Each preposition the predicate takes, with its object's content stems ("based *on trust*")."""
    out: dict[str, frozenset[str]] = {}
    for t in tokens:
        for c in t.children:
            if c.dep_ in ("prep", "agent"):
                out[c.lower_] = out.get(c.lower_, frozenset()) | _words([x for x in c.subtree if x is not c])
    return out


def _clause_verbs(t: Token) -> frozenset[str]:
    """Stems of the verbs of the clauses ``t`` takes ("signs *that* the talk *swayed* them", "plans to
    *cut*")."""
    deps = ("acl", "relcl", "ccomp", "xcomp")
    return frozenset(stem_of(c) for c in t.children if c.dep_ in deps and c.pos_ in ("VERB", "AUX"))


def _modifiers(t: Token) -> frozenset[str]:
    """Content stems of what modifies a noun ("no *notable* information *that he discussed*")."""
    return _children_words(t, NOUN_MODIFIER_DEPS)


def _aux(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}


def _conditional(t: Token) -> bool:
    """``t`` has a clause of condition: "if ...", "unless ..."."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in t.children)


def _under_condition(t: Token) -> bool:
    """``t`` is in a clause of condition, or has one ("never use them unless there is a threat")."""
    conditioned = (c for c in t.children if c.dep_ == "advcl")
    return any(_conditional(a) for a in [t, *t.ancestors]) or any(_conditional(c) for c in conditioned)


def _is_negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children) or any(
        c.dep_ in SUBJECT_DEPS and c.lower_ in NEG_PRONOUNS for c in t.children
    )


def _no_longer(t: Token) -> bool:
    """``t`` is said to happen no more: "no longer needed", "no further tests", "no more strikes"."""
    return any(
        c.lower_ in NO_LONGER and (c.dep_ == "amod" or any(g.dep_ == "neg" for g in c.children))
        for c in t.children
    ) and (t.pos_ != "NOUN" or _no(t))


def _stopped(t: Token) -> bool:
    return t.lemma_.lower() in STOP_LEMMAS or _no_longer(t)


def _affirmed(t: Token) -> bool:
    """``t`` is stated as holding: it and every clause above it unnegated, unstopped, without a weak modal
    or condition ("never wrote that he felt obstructed" affirms no obstruction)."""
    if _under_condition(t):
        return False
    for a in [t, *t.ancestors]:
        if _is_negated(a) or _no_longer(a) or (a is not t and _stopped(a)) or (_aux(a) & WEAK_MODALS):
            return False
        if _no(a) or any(_no(c) for c in a.children if c.dep_ in ("nmod", "compound", "conj", "appos")):
            return False  # "no obstruction, collusion": one "no" for both nouns
        if a is not t and a.lemma_.lower() in NEGATIVE_VERBS:
            return False
        if any(c.dep_ == "amod" and c.lower_ in QUALIFIERS for c in a.children):
            return False  # "possible attempts to obstruct", "the alleged collusion"
    return True


def _no(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in NEG_DETS for c in t.children)


def _denial_ok(t: Token) -> bool:
    """A denial that speaks of what happened: no condition, no modal of future, ability or chance."""
    return not _under_condition(t) and not (_aux(t) & DENY_MODALS)


def _generic(t: Token) -> bool:
    """The subject is indefinite: a rule of thumb, not a report ("An embankment dam does not fail in one
    night" denies no dam's failure)."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for s in _subject_tokens(t) for c in s.children)


def _predicate(t: Token) -> Token:
    """The word carrying the predicate: the attribute or adjective of a copula ("is not the target")."""
    if t.lemma_.lower() == COPULA:
        for c in t.children:
            if c.dep_ in ("attr", "acomp"):
                return c
    return t


def denied(doc: Doc) -> list[tuple[Predication, Token]]:
    """Predications the claim negates ("sirens never sounded"; "nobody is bombing them"; a copula's
    attribute: "is not the target"; what "denies" governs)."""
    out = []
    for t in doc:
        negated = _is_negated(t)
        if t.lemma_.lower() == "deny":
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp") and _denial_ok(t):
                    subject = _subject(c)[0] or _subject(t)[0]
                    out.append((Predication(stem_of(c), subject, _complement(c)), c))
        if not negated or not _denial_ok(t) or _generic(t):
            continue
        p = _predicate(t)
        subject, nobody = _subject(t)
        objects = tuple(sorted(_objects(p, t).items()))
        out.append((Predication(stem_of(p), subject, _complement(p) | _complement(t), nobody, objects), p))
    return out


@dataclass(frozen=True)
class Absence:
    """A thing the claim says does not exist, with its modifiers and, when a verb with a subject takes it
    ("Kim gave no indication"), that subject."""

    lemma: str
    modifiers: frozenset[str]
    subject: frozenset[str]
    clause_verbs: frozenset[str] = frozenset()  # "no signs that the talk *swayed* them"


def denied_things(doc: Doc) -> list[tuple[Absence, Token]]:
    """Nouns the claim says do not exist as subject, object or attribute of its verb, or alone ("there is
    no plan to cut jobs", "No siren"). Left out: "no further tests" (a stop, ``stopped_things``), a noun
    in a phrase ("a mantra of 'no collusion'", "with no site off limits"), the object of "deny" ("deny
    justice" refuses, it does not deny)."""
    out = []
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in EXIST_ROLES or _no_longer(t):
            continue
        verb = t.head if t.dep_ in ("attr", "dobj", "nsubj", "nsubjpass") else t
        if _no(t) and _denial_ok(verb) and not _under_condition(t) and not _in_phrase(t):
            subject = _subject(verb)[0] if t.dep_ == "dobj" else frozenset()
            out.append((Absence(stem_of(t), _modifiers(t), subject, _clause_verbs(t)), t))
    return out


def _in_phrase(t: Token) -> bool:
    """Between ``t`` and its verb stands a preposition: "with no site off limits" describes, it does not
    state."""
    for a in t.ancestors:
        if a.pos_ == "ADP":
            return True
        if a.pos_ in ("VERB", "AUX"):
            return False
    return False


def _states(a: Absence, t: Token) -> bool:
    """The affirmed token ``t`` says that what ``a`` denies exists: a verb or adjective ("plans to cut"),
    or a noun as subject, object or attribute of its verb ("we heard the sirens"), not a name or a noun in
    a phrase ("a collusion claim", "leaks of information"); with the same subject and a modifier in common
    when the denial has them."""
    if t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.dep_ not in EXIST_ROLES):
        return False
    if a.subject:
        verb = t if t.pos_ in ("VERB", "AUX", "ADJ") else t.head
        if not a.subject & _subject(verb)[0]:
            return False
    if a.clause_verbs and not a.clause_verbs & (_clause_verbs(t) | _clause_verbs(t.head)):
        return False  # "no signs that the talk swayed them" / "a clear sign he wanted to talk": not one sign
    return not a.modifiers or bool(a.modifiers & _around(t))


def stopped_things(doc: Doc) -> list[tuple[frozenset[str], Token]]:
    """What the claim says has stopped or will stop: the subject of "have stopped" / "were silent", the
    object of "halted tests" / "will stop bombing" (an announced stop against a report that it goes on)."""
    out = []
    for t in doc:
        if not _stopped(t) or _is_negated(t) or _aux(t) & WEAK_MODALS or _under_condition(t):
            continue
        objects = [c for c in t.children if c.dep_ in ("dobj", "xcomp")]
        heads = [t] if t.pos_ == "NOUN" else objects or _subject_tokens(t)
        stems = {stem_of(h) for h in heads if h.pos_ != "PRON"}
        if stems:
            out.append((frozenset(stems), t))
    return out


def _going_on(doc: Doc) -> frozenset[str]:
    """Stems of what the claim says goes on: a predicate with "still" and what it takes ("still carrying
    out air strikes"), or what "continue" / "keep" governs ("will continue to strike")."""
    out: set[str] = set()
    for t in doc:
        if _is_negated(t) or _under_condition(t) or _aux(t) & WEAK_MODALS:
            continue
        if any(c.dep_ == "advmod" and c.lower_ == "still" for c in t.children):
            out |= {stem_of(t)} | _complement(t)
        if t.lemma_.lower() in CONTINUE_LEMMAS:
            for c in t.children:
                if c.dep_ in ("xcomp", "dobj"):
                    out |= {stem_of(c)} | _complement(c) | _words([c])
    return frozenset(out)


def _affirmations(doc: Doc, lemma: str) -> Iterator[Token]:
    for t in doc:
        if stem_of(t) == lemma and _affirmed(t):
            yield t


def _meets(n: Predication, t: Token) -> bool:
    """An affirmed token ``t`` states what the negated predication ``n`` denies."""
    if t.pos_ not in ("VERB", "AUX", "ADJ") and not (t.pos_ == "NOUN" and t.dep_ in ("attr", "acomp")):
        return False
    subject, _ = _subject(t)
    if not n.nobody and not (n.subject & subject):
        return False
    copula = t.dep_ in ("attr", "acomp")
    complement = _complement(t) | (_complement(t.head) if copula else frozenset())
    if n.complement and complement and not n.complement & complement:
        return False
    return _same_objects(dict(n.objects), _objects(t, t.head) if copula else _objects(t))


def _same_objects(denied: dict[str, frozenset[str]], stated: dict[str, frozenset[str]]) -> bool:
    """Where both take the same preposition, its objects share a word: "not based on trust" denies
    nothing of "based on lies" (the denial's focus is what it rests on, not that it rests)."""
    shared = [p for p in denied if p in stated and denied[p] and stated[p]]
    return not shared or any(denied[p] & stated[p] for p in shared)


def _around(t: Token) -> frozenset[str]:
    """What ``t`` is said with: its modifiers and complement, and its head's complement ("plans to cut
    jobs": plan takes "cut jobs")."""
    head = _complement(t.head) if t.head is not t else frozenset()
    return _modifiers(t) | _complement(t) | head


def contradiction(neg_text: str, pos_text: str) -> str | None:
    """The word of ``neg_text`` that denies what ``pos_text`` affirms (same predicate and subject, a thing
    said not to exist, or a stop against what goes on), or None."""
    neg, pos = parse_cached(neg_text), parse_cached(pos_text)
    for n, word in denied(neg):
        if any(_meets(n, t) for t in _affirmations(pos, n.lemma)):
            return word.text
    for absence, word in denied_things(neg):
        if any(_states(absence, t) for t in _affirmations(pos, absence.lemma)):
            return word.text
    going_on = _going_on(pos)
    for stems, word in stopped_things(neg):
        if stems & going_on:
            return word.text
    return None
