"""Offices and grown-ups' titles: what tells "the senator" from "Rep. X", and "the vice president" from the
president.

Shared by the resolution rules (``resolve``) and the learned linker (``describe_linker``): a description
naming an office joins a person only if the story titles that person with that office or with none.
"""

from __future__ import annotations

import re

from crosswire.read.aliases import as_digits, normalise, singular, word_set

# Offices held by election, appointment or birth
OFFICE_NOUNS = word_set(
    """president king queen prince princess monarch emperor empress sultan emir pope bishop senator
    congressman congresswoman governor mayor minister premier chancellor ambassador envoy secretary"""
)
# titles and occupations only grown-ups hold: "Rep. Danny Davis", "police spokesman Anthony Guglielmi"
GROWN_UP_TITLES = OFFICE_NOUNS | word_set(
    """rep sen gov lawmaker legislator judge justice spokesman spokeswoman spokesperson officer sergeant
    detective sheriff chief commander superintendent lieutenant captain director executive ceo chairman
    chairwoman lawyer attorney counsel prosecutor doctor professor pastor priest coroner"""
)
OFFICE_SHORT_FORMS = {
    "rep": "congressman", "representative": "congressman", "congresswoman": "congressman", "sen": "senator",
    "gov": "governor", "queen": "king", "princess": "prince", "empress": "emperor", "envoy": "ambassador",
}  # fmt: skip
# one job, several words: "his lawyer" may be "attorney Ines Varga"
JOB_SYNONYMS = {
    "attorney": "lawyer", "counsel": "lawyer", "spokeswoman": "spokesman", "spokesperson": "spokesman",
    "chairwoman": "chairman", "ceo": "executive",
}  # fmt: skip
# jobs of those who speak or act for the authorities on a case ("police spokesman Anthony Guglielmi"), and
# the parties to it: someone who speaks for the police is not the victim, nor the suspect
CASE_OFFICIALS = frozenset({"spokesman", "prosecutor", "coroner"})
CASE_PARTIES = word_set("victim suspect")
# a child or youth, whom a grown-up is not: "the boy", "a toddler"
YOUTH_NOUNS = word_set(
    "boy girl child kid baby infant toddler teen teenager youngster juvenile schoolboy schoolgirl"
)
# a parent or grandparent is a grown-up: "his father, Halvor Brandt", "the boy's grandmother"
PARENT_NOUNS = word_set(
    """father mother parent dad mom mum stepfather stepmother grandfather grandmother grandparent grandpa
    grandma"""
)
AGE = re.compile(r"\b(\d{1,3})-year-old\b")
GROWN_UP_AGE = 18
# "attorney general", "inspector general": offices headed by "general"
GENERAL_OFFICES = word_set("attorney inspector surgeon solicitor postmaster auditor")
# words that make another office of the head they precede: "the vice president" is not "the president"
RANK_WORDS = word_set("vice deputy assistant under co acting")


def rank_before(words: list[str], head: str) -> str:
    """The rank word right before the head's last occurrence ("senior vice president" → "vice"), or ""."""
    at = [i for i, w in enumerate(words) if as_digits(singular(w)) == head]
    return words[at[-1] - 1] if at and at[-1] > 0 and words[at[-1] - 1] in RANK_WORDS else ""


def office_of(words: list[str], head: str) -> str | None:
    """The office a title or description headed by ``head`` names, short forms spelled out ("rep" →
    congressman), with its rank word ("vice-president", "deputy-attorney-general"); None for no office."""
    at = [i for i, w in enumerate(words) if as_digits(singular(w)) == head]
    if head == "general" and at and at[-1] > 0 and words[at[-1] - 1] in GENERAL_OFFICES:
        i = at[-1] - 1  # "attorney general", "inspector general": the office is both words
        office = f"{words[i]}-general"
        return f"{words[i - 1]}-{office}" if i > 0 and words[i - 1] in RANK_WORDS else office
    office = OFFICE_SHORT_FORMS.get(head, head)
    if office not in OFFICE_NOUNS:
        return None
    rank = rank_before(words, head)
    return f"{rank}-{office}" if rank else office


def titles_of(roles: list[str], jobs: bool = True) -> set[str]:
    """The offices and grown-ups' jobs among a person's titles and appositions ("Rep.", "the congressman",
    "police spokesman"); ``jobs=False``: the offices alone."""
    out = set()
    for role in roles:
        words = normalise(role).split()
        if words and (office := office_of(words, words[-1])):
            out.add(office)
        elif jobs and words and words[-1] in GROWN_UP_TITLES:
            out.add(JOB_SYNONYMS.get(words[-1], words[-1]))
    return out


def party_clash(head: str, held: set[str]) -> bool:
    """Whether a description headed by ``head`` names a party to a case ("the victim", "this suspect") while
    the person's titles (``titles_of``) say they speak or act for the authorities ("police spokesperson")."""
    return singular(head) in CASE_PARTIES and bool(held & CASE_OFFICIALS)


def age_of(surface: str) -> int | None:
    """The age a description or role states ("the 48-year-old man" → 48), if any."""
    m = AGE.search(surface)
    return int(m.group(1)) if m else None


def is_youth(surface: str, head: str) -> bool:
    """A description of a child or youth: "the boy", "a toddler", "the young man", "a teenage girl"."""
    words = normalise(surface).split()
    return head in YOUTH_NOUNS or (head in {"man", "woman"} and bool({"young", "teenage"} & set(words)))


def grown_up(roles: list[str]) -> bool:
    """Whether a person's titles, appositions or descriptions say a grown-up: an office or grown-up's job
    (``titles_of``), a parent's role ("his father", "the boy's grandmother") or an age of at least
    ``GROWN_UP_AGE`` ("the 48-year-old man")."""
    if titles_of(roles):
        return True
    for role in roles:
        words = normalise(role).split()
        cut = next((i for i, w in enumerate(words) if i > 0 and w in {"of", "to", "who"}), len(words))
        head = words[cut - 1].rsplit("-", 1)[-1] if cut else ""  # "father of two", "great-grandfather"
        if singular(head) in PARENT_NOUNS or (age_of(role) or 0) >= GROWN_UP_AGE:
            return True
    return False
