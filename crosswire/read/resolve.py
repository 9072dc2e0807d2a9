"""Resolve mentions to corpus-wide entities.

Each mention is linked (union-find) to keys:

- a **name** (``Dmitry Peskov``, ``Hmeymim``, ``ISIL``) gets a corpus-wide key: the curated table's canonical
  name if listed, else its transliteration-tolerant key (``aliases.name_key``); so full names, places and
  organisations resolve across articles and stories;
- a **short person name** (one token of a PERSON or a titled name: ``Peskov``, ``Mr. Kim``) gets a key local
  to its story (``groups[article]``, else its own article) and is joined to the one full name of that story
  whose last (else first) token matches, or among several the one holding ``DOMINANT_SHARE`` of their
  mentions ("Trump" → "Donald Trump", not "Melania Trump"); else it stays a story-local entity, so two
  Peskovs of unrelated stories never merge through their surname ("Jr." keeps a son apart from his father);
- other one-word names join a story's full name the same way (``Assad`` → ``Bashar al-Assad``; a "place"
  no gazetteer knows is read as a mis-tagged surname: ``Lohan``), and acronyms join the story's full name
  whose initials spell them (``UN`` → ``United Nations``); a name of two or more words joins the one longer
  name of the story that ends with it (``Red Sox`` → ``Boston Red Sox``), and two person names with one
  surname join when one first name opens the other and the middle names agree or one leaves them out
  (``Chris Weitz`` / ``Christopher Weitz``, ``Mark Jay Heller`` / ``Mark Heller``); facility names that
  differ only in the generic words ending them join (``Betty Ford Center`` / ``Betty Ford Clinic``);
- a place's name with a closing region title is the place (``Dravan province`` = ``Dravan``) unless a city
  bears the name (``Los Angeles County``); a plural nationality is the singular (``Velmarians``), and a
  nationality joins its corpus-wide key even where its story has a name it opens;
- a **time** with a weekday or a month and day gets a story-local key of that day (``late Thursday`` ≡
  ``Thursday morning``; ``Saturday, Dec. 13`` ≡ ``December 13``);
- a **description** (``the Kremlin spokesman``, ``the memos``) gets a story-local key (its head, its
  capitalised modifiers, for amounts and durations its number: ``$200 million`` is not ``$160 million``;
  a plural person description is not the singular: ``the women`` is not ``the woman``), and joins the one
  entity of the story that bears it as a title or apposition ("Kremlin spokesman Dmitry Peskov");
- else a description joins the article's name with the same head (``the center`` → ``Betty Ford Center``,
  ``the 76ers`` → ``Philadelphia 76ers``); a person description joins the one named person of the story
  who did or underwent the same thing (``Mention.governor``: "the man was arrested" / "police arrested
  Toma Reskin") in its own article or one naming an entity its article names too,
  or, for a singular person noun (``the actress``; not relational ones such as ``her rep``, nor one naming
  whose it is: ``the U.S. president``, ``Iran's deputy foreign minister``), the person the article is about
  (``MAIN_PERSON_SHARE``), unless the story gives that title to someone else the article names; a plural
  description takes only a group's title ("the migrants" is not "X, a migrant from Guatemala");
- a one-word "name" that is a capitalised common noun (a headline's ``Woman``) is read as a description;
- a description no rule anchored joins the entity its namesakes elsewhere in the story were linked to (when
  one dominates), else the story's same description; bare heads that are near-synonyms in MiniLM space join
  (``resolve_synonyms``: "the cops" / "the police", "the car" / "the vehicle"); loose descriptions with
  one head that share a capitalised modifier join ("a Kraft plant in Philadelphia", "the Kraft Foods plant"),
  and the bare head ("the plant") joins them when they are the story's only such family and an article says
  both;
- governments, seats of government and bare nationalities join the story's country when the story names
  it (``resolve_countries``: "the Russian government", "the White House", "the Iranians", "the country");
- he/she join the nearest earlier person of the article with a compatible gender (a name or a person-noun
  description; a name's gender is its entity's, from census given names and gendered nouns), one whose
  gender is known first, else the article's main person; it joins the nearest earlier singular thing, they the
  nearest earlier plural description or organisation, we/our the nearest earlier organisation; where/there
  the nearest earlier place or thing; who/that the mention right before; other pronouns stay singletons;
- aliases learned from the text (``Mention.aliases``) join the keys of both surfaces;
- last, a cluster the rules left without a name ("the gunman", "the area", "she") joins the entity of its
  story that a learned linker (``describe_linker``, logistic regression trained on ECB+ train) scores best,
  when that score reaches its threshold.

The canonical name is the longest, then most frequent, name surface; entity ids are ``ent-`` + a hash of
the cluster's smallest corpus-wide key (or story-local key), so they are stable across runs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from crosswire.read.aliases import (
    NAME_SUFFIXES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    SKELETON_MIN,
    acronym_of,
    as_digits,
    is_acronym,
    is_bare_title,
    is_name_like,
    is_person_noun,
    is_pronoun,
    leading_titles,
    metonym_countries,
    name_key,
    normalise,
    noun_gender,
    singular,
    skeleton,
    table_lookup,
    word_set,
)
from crosswire.read.describe_linker import Cluster, links
from crosswire.read.entities import Mention, is_plural
from crosswire.read.gazetteer import load_gazetteer
from crosswire.read.name_gender import name_gender
from crosswire.read.offices import (
    GROWN_UP_AGE,
    PARENT_NOUNS,
    RANK_WORDS,
    age_of,
    grown_up,
    is_youth,
    office_of,
    party_clash,
    rank_before,
    titles_of,
)
from crosswire.read.resolve_countries import (
    CountryMention,
    country_links,
    country_of_demonym,
    country_of_name,
)
from crosswire.read.resolve_synonyms import synonym_groups
from crosswire.read.timex import MONTH_NUMBERS, WEEKDAYS

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
FIRST_PLURAL_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
PLACE_PRONOUNS = frozenset({"where", "there"})
LINKED_PRONOUNS = frozenset(
    {
        "which",
        "that",
        *PLACE_PRONOUNS,
        *PERSONAL_PRONOUNS,
        *RELATIVE_PRONOUNS,
        *THING_PRONOUNS,
        *GROUP_PRONOUNS,
        *FIRST_PLURAL_PRONOUNS,
    }
)
THING_KINDS = frozenset({"ORG", "OTHER", "FAC", "PRODUCT"})  # what "it" may stand for
DOMINANT_SHARE = 0.75  # "the president" joins the story's entity holding ≥ 75 % of "President X" mentions
MAIN_PERSON_SHARE = 0.5  # an article is about the person holding ≥ 50 % of its person-name mentions
# Person nouns that usually describe someone's associate ("her rep", "his lawyer"), not the main person.
RELATIONAL_NOUNS = word_set(
    """rep representative publicist lawyer attorney counsel agent manager spokesman spokeswoman spokesperson
    friend boyfriend girlfriend husband wife partner spouse fiance fiancee boss employer neighbour neighbor
    relative doctor judge prosecutor official witness juror investigator detective"""
)
# Who did a crime or crash; an article that does not name them is seldom about them: its main person is the
# victim ("the driver" who struck "Jane Doe"). A named doer bears the noun as a title or apposition.
UNNAMED_DOERS = word_set(
    """driver motorist gunman shooter attacker assailant killer murderer arsonist robber burglar thief
    criminal culprit perpetrator hijacker bomber kidnapper abductor stabber"""
)
# "the as yet unnamed prince", "an unidentified man": the text says it is no one it names
UNNAMED = re.compile(r"\b(?:unnamed|unidentified|anonymous|unknown)\b", re.IGNORECASE)
CONSENSUS_MIN = 3  # a loose description joins the entity ≥ 3 of its namesakes in the story were linked to
PLURAL = "|pl"  # marks the key of a plural person description ("the women" is not "the woman")
NAMED_ROLES = frozenset({"name", "short", "single", "acronym"})
PLACE_KINDS = frozenset({"GPE", "LOC"})
FIRST_TOKEN_EXCLUDED = frozenset({"NORP", *PLACE_KINDS})  # kinds whose one-word names never open a longer one


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    aliases: list[str]
    mention_ids: list[str]


@dataclass
class Resolution:
    entities: list[Entity]
    entity_of: dict[str, str] = field(default_factory=dict)  # mention id -> entity id


@dataclass(frozen=True)
class _View:
    """How one mention takes part in resolution."""

    mention: Mention
    group: str
    role: str  # "name" | "short" | "single" | "acronym" | "description" | "pronoun"
    key: str  # "" for pronouns
    person: bool


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


Linker = Callable[[list[Cluster]], list[tuple[str, str]]]


def resolve(
    mentions_by_article: dict[str, list[Mention]],
    groups: dict[str, str] | None = None,
    linker: Linker | None = links,
) -> Resolution:
    """Cluster mentions into entities; ``groups`` maps article id → story id (default: the article).
    ``linker``: what joins the clusters the rules leave without a name (``describe_linker.links``; None:
    the rules alone)."""
    views = _localise_short_forms(
        _demote_common_nouns(
            _one_kind_per_place(
                [
                    _view(m, (groups or {}).get(article, article))
                    for article, mentions in sorted(mentions_by_article.items())
                    for m in mentions
                ]
            )
        )
    )
    uf = _UnionFind()
    for v in views:
        _link_own_keys(uf, v)
    for group, members in _by_group(views).items():
        _link_person_variants(uf, members)
        _link_name_endings(uf, members)
        _link_place_spellings(uf, members)
        _link_facility_variants(uf, members)
        _link_short_forms(uf, members)
        _link_acronyms(uf, members)
        linked = _link_countries(uf, members)
        _link_descriptions(uf, group, [v for v in members if v.role != "description" or v.key not in linked])
        _link_pronouns(uf, members)
    if linker is not None:
        for members in _by_group(views).values():
            for loose, target in linker(story_clusters(uf, members)):
                uf.union(loose, target)
    return _build(uf, views)


def story_clusters(uf: _UnionFind, members: list[_View]) -> list[Cluster]:
    """A story's mentions grouped by the entity the rules gave them (``describe_linker``'s input)."""
    by_root: dict[str, list[_View]] = defaultdict(list)
    for v in members:
        by_root[uf.find(_node(v.mention))].append(v)
    return [
        Cluster(
            root,
            tuple(v.mention for v in views),
            any(v.role in NAMED_ROLES for v in views),
            frozenset(v.mention.id for v in views if v.role == "pronoun"),
        )
        for root, views in sorted(by_root.items())
    ]


def _by_group(views: Iterable[_View]) -> dict[str, list[_View]]:
    out: dict[str, list[_View]] = defaultdict(list)
    for v in views:
        out[v.group].append(v)
    return out


# ---------------------------------------------------------------- classification


def mention_name(m: Mention) -> str:
    """The proper name a mention carries ("" for descriptions, bare titles and pronouns)."""
    name = m.name or (m.surface if is_name_like(m.surface) else "")
    return "" if not name or is_bare_title(name) or is_pronoun(name) else name


def _is_person(m: Mention) -> bool:
    return m.kind == "PERSON" or any(t in {"mr", "mrs", "ms", "dr"} for t in leading_titles(m.surface))


NER_KINDS = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "NORP"})


def time_keys(surface: str) -> list[str]:
    """Calendar keys of a time mention: its weekday ("late Thursday" → thursday) and its month and day
    ("Dec. 6", "December 6" → 12 6)."""
    words = normalise(surface).split()
    days = {w for w in words if w in WEEKDAYS}
    keys = sorted(days) if len(days) == 1 else []
    for month, day in itertools.pairwise(words):
        if month in MONTH_NUMBERS and day.isdigit() and 1 <= int(day) <= 31:
            keys.append(f"{MONTH_NUMBERS[month]} {int(day)}")
    return keys


def _view(m: Mention, group: str) -> _View:
    days = time_keys(m.surface) if m.kind not in NER_KINDS else []
    if days:
        return _View(m, group, "time", f"S:{group}:time:{days[0]}", False)
    name = mention_name(m)
    person = _is_person(m)
    if normalise(m.surface) in PLACE_PRONOUNS:
        return _View(m, group, "pronoun", "", False)
    if name:
        return _name_view(m, group, name, person)
    if not normalise(m.surface) or is_pronoun(m.surface) or m.head in PRONOUNS:
        return _View(m, group, "pronoun", "", person)
    key = description_key(m.span.article_id, m.surface, m.head)
    if is_person_noun(m.head) and is_plural(m):
        key += PLURAL
    return _View(m, group, "description", key, person)


def _one_kind_per_place(views: list[_View]) -> list[_View]:
    """A one-word name the NER tags as a place somewhere in its story is that place wherever the story uses
    it: the small model tags an unfamiliar country ("Qadira") a place in one sentence and an organisation or
    a person in the next, and the short-form rules would then join it to a longer name it opens ("Qadira
    Civil Observatory"). Not a word the story tags a person more often ("Obama" tagged a place once)."""
    places: dict[tuple[str, str], str] = {}
    tagged: Counter[tuple[str, str]] = Counter()  # place tags minus person tags of a word in a story
    surnames: set[tuple[str, str]] = set()
    for v in views:
        name = mention_name(v.mention)
        if v.role in {"short", "single"} and v.mention.kind in PLACE_KINDS and " " not in name:
            places.setdefault((v.group, normalise(name)), v.mention.kind)
            tagged[(v.group, normalise(name))] += 1
        elif v.mention.kind == "PERSON" and name:  # "Obama", "Barack Obama": the word names a person
            words = normalise(name).split()
            tagged[(v.group, words[-1])] -= 1
            if len(words) > 1:
                surnames.add((v.group, words[-1]))
    # a word the story tags a person more often than a place is a person's ("Obama" once a GPE), unless the
    # gazetteer knows the place and no one in the story bears it as a surname ("Stockton" twice a PERSON)
    places = {
        k: kind for k, kind in places.items() if tagged[k] > 0 or (k not in surnames and is_known_place(k[1]))
    }
    out = []
    for v in views:
        name = mention_name(v.mention)
        kind = places.get((v.group, normalise(name))) if name and " " not in name else None
        if kind and v.mention.kind not in PLACE_KINDS and v.role in {"short", "single"}:
            v = _view(dataclasses.replace(v.mention, kind=kind), v.group)
        out.append(v)
    return out


def _demote_common_nouns(views: list[_View]) -> list[_View]:
    """A one-word "name" that is a capitalised common noun (a headline's "Woman", "DRIVER", "Navy" where the
    story also says "the navy") is read as a description: it is a person noun, or, unless NER calls it a
    person, the head of a lowercase description in the same story."""
    heads: dict[str, set[str]] = defaultdict(set)
    for v in views:
        if v.role == "description" and v.mention.head.islower():
            heads[v.group].add(v.mention.head)
    return [_as_description(v) if _is_common_noun_name(v, heads[v.group]) else v for v in views]


def _localise_short_forms(views: list[_View]) -> list[_View]:
    """A one-word name (not a place) that opens or ends one of its story's full names ("Castellan" beside
    "Castellan Terminals") gets a story-local key, as a person's surname does: it is that name's short form
    here, and must not join "Castellan Bank" of another story through a corpus-wide key."""
    tokens: dict[str, set[str]] = defaultdict(set)
    for v in _full_names(views):
        words = _name_words(v.key)
        tokens[v.group].update((words[0], words[-1]))
    out = []
    for v in views:
        token = v.key[2:]
        if v.role == "single" and v.mention.kind not in PLACE_KINDS and token in tokens[v.group]:
            v = dataclasses.replace(v, key=f"S:{v.group}:{token}")
        out.append(v)
    return out


def _is_common_noun_name(v: _View, story_heads: set[str]) -> bool:
    if v.role not in {"short", "single", "acronym"} or not v.mention.head:
        return False
    word = normalise(mention_name(v.mention))
    if " " in word or singular(word) != singular(v.mention.head.lower()):  # "Voters": a PROPN keeps its "s"
        return False
    return singular(word) in PERSON_NOUNS or (
        v.mention.kind != "PERSON" and singular(word) in {singular(h) for h in story_heads}
    )


def _as_description(v: _View) -> _View:
    m = v.mention
    head = singular(m.head.lower())  # "Voters" is tagged a proper noun: its lemma keeps the "s"
    return _View(
        m, v.group, "description", description_key(m.span.article_id, m.surface.lower(), head), False
    )


def _name_view(m: Mention, group: str, name: str, person: bool) -> _View:
    canonical = table_lookup(name)
    if canonical:
        return _View(m, group, "name", "T:" + canonical, person)
    if m.kind in PLACE_KINDS:
        name = region_base(name)
    key = name_key(name, person=person)
    if m.kind == "NORP" and " " not in key and key.endswith(PLURAL_DEMONYM_ENDINGS):
        key = key[:-1]  # "Velmarians", "Iraqis", "Shiites": the group "Velmarian", "Iraqi", "Shiite" names
    if not key:
        return _View(m, group, "description", description_key(m.span.article_id, m.surface, m.head), person)
    if is_acronym(name.strip()):
        return _View(m, group, "acronym", "N:" + key, person)
    if " " in key and not person and _generic_name(name):
        # "Sheriff's Office", "Police Department": every county has one; a name only within its story
        return _View(m, group, "name", f"N:{key}{STORY_SCOPE}{group}", person)
    if " " in key:
        return _View(m, group, "name", "N:" + key, person)
    if person:
        return _View(m, group, "short", f"S:{group}:{key}", person)
    return _View(m, group, "single", "N:" + key, person)


# a region's title after its name: "Dravan province" is Dravan, unless a city bears the name ("Idlib province"
# is not the city of Idlib, nor "Los Angeles County" Los Angeles, "New York State" New York)
PLURAL_DEMONYM_ENDINGS = ("ans", "is", "ites")
REGION_TITLES = word_set("province region district county governorate prefecture oblast state")


# a name of only these words is a kind of institution every place has ("Sheriff's Office", "Police
# Department", "Fire Department", "Medical Examiner's Office"): its key is scoped to its story
STORY_SCOPE = "@"
GENERIC_NAME_WORDS = word_set(
    """sheriff sheriffs office police department fire city county council court district school board state
    prosecutor prosecutors attorney attorneys patrol highway bureau division unit medical examiner coroner
    coroners hospital center centre public safety health emergency services service management town village
    parish borough township regional municipal metropolitan metro transit authority"""
)


def _generic_name(name: str) -> bool:
    return all(name_key(w) in _generic_keys() for w in name.split())


@functools.cache
def _generic_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in GENERIC_NAME_WORDS)


def region_base(name: str) -> str:
    """A place's name without a closing region title ("Dravan province" → "Dravan"), when the name it leaves
    is no city the gazetteer knows; else the name as written."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in REGION_TITLES:
        return name
    base = " ".join(words[:-1])
    if any(match.candidate.kind == "city" for match in load_gazetteer().lookup(base)):
        return name
    return base


# words that make an office a past one: "the former president" is not the one the story titles "President"
# now, but the one it calls "former President X"
FORMER = re.compile(r"\b(?:former|ex-|erstwhile|onetime|one-time)", re.IGNORECASE)


def description_key(scope: str, surface: str, head: str = "") -> str:
    """Story-local key of a description: its head lemma and capitalised modifiers ("Syrian army"); a rank
    word before the head is part of it ("vice-president")."""
    words = normalise(surface).split()
    head = as_digits(head or singular(words[-1] if words else ""))
    rank = rank_before(words, head)
    proper = {as_digits(normalise(w)) for w in _modifier_words(surface) if w[:1].isupper() and normalise(w)}
    numbered = head in UNIT_HEADS or head.isdigit()
    numbers = {as_digits(w) for w in words if as_digits(w).isdigit()} if numbered else set()
    # "an assistant attorney general" is not "the inspector general": such offices are both words
    compound = office_of(words, head) if head == "general" else None
    office = compound or (f"{rank}-{head}" if rank else head)
    proper -= {head, rank, "former", *office.split("-")}
    modifiers = sorted(proper - numbers) + sorted(numbers - {head})
    return f"D:{scope}:{' '.join([*modifiers, f'former-{office}' if _is_former(surface) else office])}"


def _is_former(surface: str) -> bool:
    """A description of a past office or role: "the former president", "an ex-minister"."""
    return bool(FORMER.search(surface))


def _modifier_words(surface: str) -> list[str]:
    """The words whose capitals mark a name: not the first, capitalised at a sentence start, unless it is a
    possessor ("Abe's government" is not "the government", "Iran's deputy foreign minister" not "the
    minister")."""
    words = surface.split()
    return words if words and words[0].endswith(("'s", "’s")) else words[1:]


# Heads whose number is what tells two descriptions apart ("$200 million" is not "$160 million", "a 90-day
# stay" not "a 30-day"); "7,000 migrants" and "the migrants" may still be one group.
UNIT_HEADS = word_set(
    """million billion trillion thousand hundred percent per cent dollar euro pound yen yuan rupee point
    year day week month hour minute second decade century mile kilometre kilometer metre meter foot feet
    ton tonne barrel acre share vote seat"""
)


def _alias_key(group: str, surface: str, person: bool) -> str:
    canonical = table_lookup(surface)
    if canonical:
        return "T:" + canonical
    if is_name_like(surface):
        key = name_key(surface, person=person)
        if " " in key or is_acronym(surface.strip()):
            return "N:" + key
        return f"S:{group}:{key}"
    return description_key(group, surface)


# ---------------------------------------------------------------- linking


def _node(m: Mention) -> str:
    return "M:" + m.id


def _link_own_keys(uf: _UnionFind, v: _View) -> None:
    uf.find(_node(v.mention))
    if v.key:
        uf.union(_node(v.mention), v.key)
        for alias in v.mention.aliases:
            uf.union(v.key, _alias_key(v.group, alias, v.person))
    if v.role == "single" and v.mention.kind == "NORP" and v.key.startswith("S:"):
        uf.union(v.key, "N:" + v.key.rsplit(":", 1)[-1])  # a nationality is one group in every story
    if v.role == "time":  # "Saturday, December 13": the weekday and the date are one day
        for day in time_keys(v.mention.surface):
            uf.union(v.key, f"S:{v.group}:time:{day}")


def _full_names(members: list[_View]) -> list[_View]:
    return [v for v in members if v.role == "name" and v.key.startswith("N:")]


def _name_words(key: str) -> list[str]:
    """A full name key's words without a closing "Jr."/"Sr." ("Arlo Truax Jr." is a "Truax")."""
    words = key[2:].split()
    return words[:-1] if len(words) > 2 and words[-1] in NAME_SUFFIXES else words


def _unique_root(uf: _UnionFind, keys: Iterable[str]) -> str | None:
    roots = {uf.find(k) for k in keys}
    return roots.pop() if len(roots) == 1 else None


def _link_person_variants(uf: _UnionFind, members: list[_View]) -> None:
    """Person names of a story with the same surname name one person when one first name opens the other
    or both spell one name (``_vowel_variants``), and the middle names agree or one leaves them out ("Chris
    Weitz" / "Christopher Weitz", "Yusuf Darwish" / "Youssef al-Darwish", "Mark Jay Heller" / "Mark
    Heller"; not "George H. W. Bush" / "George W. Bush", nor "Vitali" / "Wladimir Klitschko")."""
    by_last: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for v in _full_names(members):
        words = tuple(v.key[2:].split())
        if v.person:
            by_last[words[-1]].add(words)
    for names in by_last.values():
        for a in names:
            for b in names:
                if a < b and _same_person_name(a, b):
                    uf.union("N:" + " ".join(a), "N:" + " ".join(b))


def _same_person_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long = sorted((a[0], b[0]), key=len)
    if len(short) < 2 or not (long.startswith(short) or _vowel_variants(short, long)):
        return False
    middles = (a[1:-1], b[1:-1])
    # a middle name may be left out, middle initials may not: "George H. W. Bush" is not "George W. Bush",
    # whose key lost its one initial
    return middles[0] == middles[1] or (not all(middles) and all(len(w) > 1 for m in middles for w in m))


VOWELS = frozenset("aeiou")
VARIANT_MIN = 4  # letters a given name needs before a vowel may differ ("Dan" / "Don" stay two people)


def _vowel_variants(a: str, b: str) -> bool:
    """Two transliterations of one given name (their keys: "Yusuf" / "Youssef" → "yusuf" / "yusef", "Ahmed"
    / "Ahmad"): as long, with the same consonants in the same places, at most two inner vowels apart. The
    first and last letters must agree: "Maria" is not "Mario", nor "Omar" "Umar"."""
    if len(a) != len(b) or len(a) < VARIANT_MIN or a[0] != b[0] or a[-1] != b[-1]:
        return False
    apart = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(apart) <= 2 and all(x in VOWELS and y in VOWELS for x, y in apart)


OBJECT_PREPOSITIONS = frozenset({"of", "for", "in", "at", "on", "de", "del", "du", "von", "van"})


def _link_name_endings(uf: _UnionFind, members: list[_View]) -> None:
    """A name of two or more words that ends exactly one longer name of the story joins it ("Red Sox" →
    "Boston Red Sox", "Diane Crawford Smith" → "Sharron Diane Crawford Smith"), but not one it is the object
    of ("Port Aurel" is not "University of Port Aurel")."""
    names = {v.key: v.key[2:].split(STORY_SCOPE, 1)[0] for v in _full_names(members)}
    for short, tail in names.items():
        longer = {
            k
            for k, words in names.items()
            if k != short
            and words.endswith(" " + tail)
            and words[: -len(tail)].split()[-1] not in OBJECT_PREPOSITIONS
        }
        root = _unique_root(uf, longer) if longer else None
        if root is not None:
            uf.union(short, root)


def _link_place_spellings(uf: _UnionFind, members: list[_View]) -> None:
    """Spellings of one place in one story join on their consonant skeleton ("Qaryat al-Nour", "Qariyat
    al-Noor", "Qaryet al-Nur"): transliterations the per-token key does not reach."""
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for v in _full_names(members):
        if v.mention.kind in PLACE_KINDS | {"FAC"}:
            key = skeleton(v.key[2:])
            if len(key.replace(" ", "")) >= SKELETON_MIN:
                by_skeleton[key].append(v.key)
    for keys in by_skeleton.values():
        for key in keys[1:]:
            uf.union(keys[0], key)


# generic words that end a treatment or care facility's name, which outlets vary ("Betty Ford Center",
# "Betty Ford Clinic", "Betty Ford Treatment Center"; "Morningside Recovery", "Morningside Recovery Center")
FACILITY_WORDS = word_set(
    "center centre clinic hospital treatment rehab rehabilitation recovery facility medical"
)


def _link_facility_variants(uf: _UnionFind, members: list[_View]) -> None:
    """Names of a story that differ only in the generic facility words that end them join, when each ends
    in one: "Betty Ford Clinic" = "Betty Ford Center" (but not "Betty Ford" herself)."""
    by_core: dict[str, set[str]] = defaultdict(set)
    for v in _full_names(members):
        words = v.key[2:].split()
        core = list(words)
        while core and core[-1] in FACILITY_WORDS:
            core.pop()
        if core and len(core) < len(words):
            by_core[" ".join(core)].add(v.key)
    for keys in by_core.values():
        first, *rest = sorted(keys)
        for key in rest:
            uf.union(first, key)


def _link_short_forms(uf: _UnionFind, members: list[_View]) -> None:
    """``Peskov`` → the story's ``Dmitry Peskov`` when exactly one full name ends (else starts) with it, or
    one of them holds ``DOMINANT_SHARE`` of their mentions ("Trump" beside "Donald Trump" ×40 and "Melania
    Trump" ×3). A nationality ("American") is its country, not the end of a name ("Central American"),
    and a country's name ends only a place's name ("Israel" is not "pro-Israel")."""
    last: dict[str, set[str]] = defaultdict(set)
    last_place: dict[str, set[str]] = defaultdict(set)
    first: dict[str, set[str]] = defaultdict(set)
    junior: dict[str, set[str]] = defaultdict(set)  # "Truax" → "Arlo Truax Jr." where no other name ends so
    mentions = Counter(v.key for v in members)
    seats = metonym_countries()
    for v in _full_names(members):
        tokens = v.key[2:].split()
        if v.key[2:] in seats:  # "the House" is not the White House, nor "Street" Downing Street
            continue
        last[tokens[-1]].add(v.key)
        junior[_name_words(v.key)[-1]].add(v.key)
        first[tokens[0]].add(v.key)
        if v.mention.kind in PLACE_KINDS | {"FAC"}:
            last_place[tokens[-1]].add(v.key)
    for v in members:
        if v.role not in {"short", "single"}:
            continue
        token = v.key.rsplit(":", 1)[-1]
        if v.mention.kind == "NORP" and country_of_demonym(mention_name(v.mention)):
            continue
        # a place ends only a place's name: "Arlen" → "Port of Arlen", but "Washington" is not George; a
        # "place" no gazetteer knows, with no place's name ending in it, is a mis-tagged surname ("Lohan")
        place = v.mention.kind in PLACE_KINDS and (bool(last_place[token]) or is_known_place(token))
        place = place or bool(country_of_name(mention_name(v.mention)))
        ends = last_place[token] if place else last[token] or junior[token]
        root = _dominant_name(uf, ends, mentions) if ends else None
        # "Castellan" → "Castellan Terminals", but a nationality or a place is not the start of a name
        # ("Russian" is not "Russian Air Force", "Qadira" not "Qadira Civil Observatory")
        if root is None and not last[token] and v.mention.kind not in FIRST_TOKEN_EXCLUDED:
            root = _dominant_name(uf, first[token], mentions) if first[token] else None
        if root is not None:
            uf.union(v.key, root)


def _dominant_name(uf: _UnionFind, keys: set[str], mentions: Counter[str]) -> str | None:
    """The one entity of ``keys``, else the one holding ``DOMINANT_SHARE`` of their mentions."""
    root = _unique_root(uf, keys)
    if root is not None:
        return root
    counts = Counter[str]()
    for k in keys:
        counts[uf.find(k)] += mentions[k]
    top, n = counts.most_common(1)[0]
    return top if n >= DOMINANT_SHARE * sum(counts.values()) else None


def is_known_place(word: str) -> bool:
    """Whether the gazetteer knows ``word`` as a place's name."""
    return bool(load_gazetteer().lookup(word))


def _link_acronyms(uf: _UnionFind, members: list[_View]) -> None:
    """``UN`` → the story's ``United Nations`` when exactly one full name's initials spell it."""
    initials: dict[str, set[str]] = defaultdict(set)
    for v in _full_names(members):
        if v.mention.kind not in PLACE_KINDS | {"FAC"}:  # "AP" is not "Aransas Pass": places go unabbreviated
            initials[acronym_of(v.key[2:])].add(v.key)
    for v in members:
        if v.role == "acronym" and initials.get(v.key[2:]):
            root = _unique_root(uf, initials[v.key[2:]])
            if root is not None:
                uf.union(v.key, root)


def _link_descriptions(uf: _UnionFind, group: str, members: list[_View]) -> None:
    """``the Kremlin spokesman`` → the entity that bears that title or apposition in the same article; else
    the article's name with that head (``the center`` → ``Betty Ford Center``); else, for a person noun
    (``the actress``), the one named person who did or underwent the same thing in a related article
    (``_named_doers``), else the person the article is about (not for a crime or crash noun that names no
    one, ``UNNAMED_DOERS``: such an article is usually about the victim); else the entity bearing it in the
    story (if one dominates; the bare head of a title naming an owner, "Labour Party leader", only in articles
    naming its bearer). A description left loose joins the entity that its namesakes in the story were
    linked to (at least ``CONSENSUS_MIN`` of them, ``DOMINANT_SHARE`` to one entity), else the same
    description elsewhere in the story, and bare heads that are synonyms (``resolve_synonyms``:
    "cops"/"police") join."""
    in_article, in_group, plain_in_group = _role_index(members, group)
    plural_in_article, plural_in_group, plain_plural_in_group = _role_index(members, group, plural=True)
    articles = _Articles(uf, members)
    genders = _entity_genders(uf, members)
    synonyms = _head_synonyms(members)
    doers = _named_doers(members)
    titled = [
        (v.key, title)
        for v in members
        if v.role in NAMED_ROLES and v.person
        for title in titles_of(_roles_of(v.mention))
    ]
    aged = [(v.key, age) for v in members if v.role == "description" and (age := age_of(v.mention.surface))]
    # grown-ups by a parent's role or an age: "his father, Halvor Brandt", "the father", "52-year-old X"
    grown = [
        (v.key, True)
        for v in members
        if (v.role in NAMED_ROLES and v.person and grown_up(_roles_of(v.mention)))
        or (v.role == "description" and v.mention.head in PARENT_NOUNS and not is_plural(v.mention))
    ]
    ages_of_key: dict[str, set[int]] = defaultdict(set)  # "the boy" shares its article's "5-year-old boy" key
    for key, age in aged:
        ages_of_key[key].add(age)
    anchored: dict[str, list[str]] = defaultdict(list)  # story key → keys of descriptions linked to a name
    loose: list[tuple[_View, str]] = []
    for v in members:
        if v.role != "description":
            continue
        story_key = _rescope(v.key, group)
        plural = is_plural(v.mention)
        former = _is_former(v.mention.surface)
        by_article, by_group, plain_by_group = (
            (plural_in_article, plural_in_group, plain_plural_in_group)
            if plural
            else (in_article, in_group, plain_in_group)
        )
        root = _dominant_root(uf, by_article[v.key]) if by_article.get(v.key) else None
        root = root or articles.name_with_head(v)
        # a single person who is not someone's ("Trump's campaign manager" did things Trump did too)
        # nor a past office holder ("the former president"), nor someone the text says it does not name
        someone = (
            _is_single_person_noun(v.mention)
            and not _names_someone(v.mention)
            and not former
            and not UNNAMED.search(v.mention.surface)
        )
        if root is None and someone and v.mention.governor in doers:
            root = _unique_root(uf, [w.key for w in doers[v.mention.governor] if articles.related(w, v)])
        if root is None and someone and v.mention.head not in RELATIONAL_NOUNS | UNNAMED_DOERS:
            article = v.mention.span.article_id
            main = articles.main_person(article, _fits_gender(genders, noun_gender(v.mention.head)))
            held, ages = _of_root(uf, titled, main), _of_root(uf, aged, main)
            adult = bool(held or _of_root(uf, grown, main)) or any(age >= GROWN_UP_AGE for age in ages)
            if adult and is_youth(v.mention.surface, v.mention.head):
                main = None  # "the 15-year-old boy" is not the congressman, "his father", a 48-year-old
            # "the 5-year-old boy" is not the one the story says is 12, nor "the boy" of his article (one key)
            if ages_of_key[v.key] and ages - ages_of_key[v.key]:
                main = None
            office = office_of(normalise(v.mention.surface).split(), v.mention.head)
            if held and office is not None and office not in held:
                main = None  # "the senator" is not "Rep. X", nor "a senior vice president" the president
            if party_clash(v.mention.head, held):
                main = None  # "this victim" is not the police spokesperson quoted
            root = _main_person_if_fits(
                uf,
                main,
                in_group[story_key],
                articles.named(article),
            )
        if (
            root is None
            and v.mention.head in ORGANISATION_NOUNS
            and not is_plural(v.mention)
            and not _names_someone(v.mention)  # "Velmaria's central bank" is not the article's agency
        ):
            root = articles.main_organisation(v.mention.span.article_id)
        if root is None and by_group.get(story_key):
            root = _dominant_root(uf, by_group[story_key])
            # "Labour Party leader" lends "the leader" only to articles naming its bearer: elsewhere in the
            # story "the first foreign leader" is someone else
            plain = {uf.find(k) for k in plain_by_group[story_key]}
            if root not in plain and root not in articles.named(v.mention.span.article_id):
                root = None
        if root is None:
            loose.append((v, story_key))
            continue
        uf.union(v.key, root)
        anchored[_synonym_key(story_key, synonyms)].append(v.key)
    for v, story_key in loose:
        namesakes = anchored[_synonym_key(story_key, synonyms)]
        consensus = _dominant_root(uf, namesakes) if len(namesakes) >= CONSENSUS_MIN else None
        uf.union(v.key, consensus or story_key)
        uf.union(story_key, _synonym_key(story_key, synonyms))
    _link_modified(uf, loose)


# what an entity's titled names and aged descriptions say of it: ("N:halvor brandt", "congressman"), (key, 48)
T = TypeVar("T")


def _of_root(uf: _UnionFind, said: list[tuple[str, T]], root: str | None) -> set[T]:
    """What the mentions now joined to the entity ``root`` say of it (its titles, its ages): by the mentions'
    keys, since links change an entity's root."""
    return {what for key, what in said if root is not None and uf.find(key) == root}


def _named_doers(members: list[_View]) -> dict[str, list[_View]]:
    """Governor ("arrest:done") → the story's mentions of named persons that did or underwent it."""
    out: dict[str, list[_View]] = defaultdict(list)
    for v in members:
        if v.role in NAMED_ROLES and v.person and v.mention.governor:
            out[v.mention.governor].append(v)
    return out


def _link_modified(uf: _UnionFind, loose: list[tuple[_View, str]]) -> None:
    """Loose descriptions with the same head that share a name among their modifiers join ("the Kraft Foods
    plant in Northeast Philadelphia", "a Kraft plant in Philadelphia"); the bare head ("the plant") joins
    them too when they are one entity and an article says both."""
    keys = {story_key for _, story_key in loose}
    articles: dict[str, set[str]] = defaultdict(set)
    for v, story_key in loose:
        articles[story_key].add(v.mention.span.article_id)
    by_head: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for key in keys:
        bare_key = key.removesuffix(PLURAL)
        scope, _, words = bare_key.rpartition(":")
        *modifiers, head = words.split()
        if modifiers:
            by_head[f"{scope}:{head}{key.removeprefix(bare_key)}"].append((key, set(modifiers)))
    for bare, group in by_head.items():
        for i, (a, mods_a) in enumerate(group):
            for b, mods_b in group[i + 1 :]:
                if mods_a & mods_b:
                    uf.union(a, b)
        root = _unique_root(uf, [k for k, _ in group])
        if root is not None and bare in keys and any(articles[bare] & articles[k] for k, _ in group):
            uf.union(bare, root)


def _synonym_key(story_key: str, synonyms: dict[str, str]) -> str:
    """A bare description's story key with its head replaced by its synonyms' representative."""
    bare = story_key.removesuffix(PLURAL)
    scope, _, head = bare.rpartition(":")
    return f"{scope}:{synonyms[head]}{story_key.removeprefix(bare)}" if head in synonyms else story_key


def _head_synonyms(members: list[_View]) -> dict[str, str]:
    """Head → representative of its synonyms among the story's bare descriptions ("cops" → "police")."""
    bare = [v for v in members if v.role == "description" and v.mention.kind == "OTHER"]
    return synonym_groups(
        {v.mention.head for v in bare if v.key.removesuffix(PLURAL).rsplit(":", 1)[-1] == v.mention.head}
    )


def _link_countries(uf: _UnionFind, members: list[_View]) -> set[str]:
    """Governments, seats of government and nationalities → the story's country (``resolve_countries``);
    returns the keys so linked (descriptions among them need no other link)."""
    views = [
        CountryMention(
            v.mention.span.article_id,
            v.key,
            v.role,
            mention_name(v.mention),
            v.mention.surface,
            v.mention.head,
            v.mention.kind,
        )
        for v in members
        if v.key
    ]
    links = country_links(views)
    for key, country in links:
        uf.union(key, country)
    return {key for key, _ in links}


def _main_person_if_fits(
    uf: _UnionFind, main: str | None, bearers: list[str], in_article: set[str]
) -> str | None:
    """The article's main person, unless the story gives the description as a title only to someone else
    whom this article names too (a story of two happenings may title another actress in its other
    articles)."""
    roots = {uf.find(k) for k in bearers}
    if main is None or not roots & in_article or main in roots:
        return main
    return None


def _role_index(
    members: list[_View], group: str, plural: bool = False
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, set[str]]]:
    """Description key → keys of the entities bearing it as a role: per article, per story, and per story
    leaving out the bare head of a role naming an owner ("Labour Party leader" → "leader"). ``plural``:
    only groups bear it ("the migrants" is not "Rubilio Mendez, a migrant from Guatemala", nor "U.S.
    allies" Japan)."""
    in_article: dict[str, list[str]] = defaultdict(list)
    in_group: dict[str, list[str]] = defaultdict(list)
    plain_in_group: dict[str, set[str]] = defaultdict(set)
    for v in members:
        if v.role in {"description", "pronoun"}:
            continue
        if plural and v.mention.kind not in {"NORP", "ORG"}:
            continue
        for role in _roles_of(v.mention):
            keys = _role_keys(v.mention.span.article_id, role)
            owned = any(" " in _key_words(k) for k in keys)  # "Labour Party leader": someone's leader
            for key in keys:
                in_article[key].append(v.key)
                in_group[_rescope(key, group)].append(v.key)
                if not owned or " " in _key_words(key):
                    plain_in_group[_rescope(key, group)].add(v.key)
    return in_article, in_group, plain_in_group


def _key_words(key: str) -> str:
    """A description key's words ("D:a:labour party leader" → "labour party leader")."""
    return key.split(":", 2)[-1]


def _is_single_person_noun(m: Mention) -> bool:
    """A singular description headed by a person noun ("the actress", not "the officers")."""
    return is_person_noun(m.head) and not is_plural(m)


def _names_someone(m: Mention) -> bool:
    """A description that names whose or where it is ("the U.S. president", "Iran's deputy foreign
    minister", "Velmaria's central bank", "his 18-year-old brother", "the boy's mother"): it is not simply
    the article's main person or organisation, who would bear it as a title if it were theirs; and someone's
    kin or associate is by definition not that someone. A kin word says whose it is by itself: "the cousin"
    is someone's cousin, not the article's main person."""
    words = m.surface.split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return m.head in KIN_NOUNS or any(w[:1].isupper() or _is_possessor(w) for w in words[:-1])


POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
KIN_NOUNS = word_set(
    """mother father mom dad son daughter brother sister grandmother grandfather grandson granddaughter uncle
    aunt nephew niece cousin parent stepfather stepmother stepson stepdaughter"""
)


def _is_possessor(word: str) -> bool:
    """A possessive word before a description's head: "his", "their", "the boy's", "the parents'"."""
    return word.lower() in POSSESSIVE_DETERMINERS or word.endswith(("'s", "’s", "s'", "s’"))


class _Articles:
    """Per-article views of a story, for linking descriptions and pronouns to the names nearby."""

    def __init__(self, uf: _UnionFind, members: list[_View]) -> None:
        self.uf = uf
        self.by_article: dict[str, list[_View]] = defaultdict(list)
        for v in sorted(members, key=lambda v: (v.mention.span.start, v.mention.span.end)):
            self.by_article[v.mention.span.article_id].append(v)

    def name_with_head(self, d: _View) -> str | None:
        """The nearest earlier name of the article whose last word is the description's head, else the only
        such name of the article (``the court`` → ``Los Angeles Superior Court``, ``the 76ers`` →
        ``Philadelphia 76ers``); not for person nouns."""
        head = d.mention.head
        if not head or is_person_noun(head):
            return None
        if is_plural(d.mention):  # "the 76ers" → "Philadelphia 76ers": a plural only as the name writes it
            last = normalise(d.mention.surface).split()[-1]
            if not last.startswith(head):
                return None
            head = last
        # "Nixon's reelection committee" is not the "Democratic National Committee": a named owner must be in
        # the name ("Halvard's board" may be the "Halvard Board")
        words = d.mention.surface.split()[:-1]
        owners = {normalise(w) for w in words if w[:1].isupper() and _is_possessor(w)}
        names = [
            v
            for v in self.by_article[d.mention.span.article_id]
            if v.role in NAMED_ROLES
            and normalise(mention_name(v.mention)).split()[-1:] == [head]
            and owners <= set(normalise(mention_name(v.mention)).split())
        ]
        earlier = [v for v in names if v.mention.span.end <= d.mention.span.start]
        if earlier:
            return self.uf.find(earlier[-1].key)
        return _unique_root(self.uf, [v.key for v in names]) if names else None

    def related(self, a: _View, b: _View) -> bool:
        """Whether two mentions' articles are one or name one entity: a story's two happenings of one kind
        (two hit-and-runs) share their verbs, seldom their people, places and bodies."""
        first, second = a.mention.span.article_id, b.mention.span.article_id
        return first == second or bool(self.named(first) & self.named(second))

    def named(self, article: str) -> set[str]:
        """The entities an article's names (not its descriptions or pronouns) belong to."""
        return {self.uf.find(v.key) for v in self.by_article[article] if v.role in NAMED_ROLES}

    def main_person(self, article: str, fits: Callable[[str], bool] | None = None) -> str | None:
        """The person an article is about: the entity holding most of its person-name mentions, at least
        ``MAIN_PERSON_SHARE`` of them and strictly more than any other."""
        if fits is None:
            return self._main(article, lambda v: v.person)
        return self._main(article, lambda v: v.person and fits(v.key))

    def main_organisation(self, article: str) -> str | None:
        """The organisation an article is about, by the same rule over its organisation-name mentions."""
        return self._main(article, lambda v: v.mention.kind == "ORG" and not v.person)

    def _main(self, article: str, kind: Callable[[_View], bool]) -> str | None:
        counts = Counter(
            self.uf.find(v.key) for v in self.by_article[article] if v.role in NAMED_ROLES and kind(v)
        )
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < MAIN_PERSON_SHARE * sum(counts.values()):
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]


def _rescope(key: str, scope: str) -> str:
    kind, _, rest = key.split(":", 2)
    return f"{kind}:{scope}:{rest}"


def _link_pronouns(uf: _UnionFind, members: list[_View]) -> None:
    """he/she/his/her → the nearest preceding person mention of the article of a compatible gender (a name,
    or a description headed by a person noun), else the person the article is about; it/its → the nearest
    preceding singular thing (an organisation, facility, product or description); they/them/their → the
    nearest preceding plural description or organisation; we/our → the nearest preceding organisation;
    where/there → the nearest preceding place or thing; which → the nearest preceding non-person; who/that
    → the mention right before. Other pronouns (I, you, this) stay singletons."""
    articles = _Articles(uf, members)
    genders = _entity_genders(uf, members)
    for article, views in articles.by_article.items():
        for i, v in enumerate(views):
            word = normalise(v.mention.surface) or v.mention.head
            if v.role != "pronoun" or word not in LINKED_PRONOUNS:
                continue
            earlier = [
                w
                for w in views[:i]
                if w.role != "pronoun"
                and w.mention.span.end <= v.mention.span.start
                and _antecedent(w, word, genders.get(w.key, ""))
            ]
            if word in PERSONAL_PRONOUNS:  # a person known to be a "she" before one who may be
                earlier = [w for w in earlier if _known_gender(uf, w, genders)] or earlier
            if earlier:
                uf.union(_node(v.mention), earlier[-1].key)
            elif word in PERSONAL_PRONOUNS and (
                main := articles.main_person(article, _fits_gender(genders, noun_gender(word)))
            ):
                uf.union(_node(v.mention), main)


def _fits_gender(genders: dict[str, str], gender: str) -> Callable[[str], bool]:
    """Whether an entity (a key of it, ``_entity_genders``) may be called by a word of ``gender`` ("f", "m",
    "" for either)."""
    return lambda key: not gender or genders.get(key, gender) == gender


def _known_gender(uf: _UnionFind, w: _View, genders: dict[str, str]) -> bool:
    """Whether a person mention's gender is known: its entity's, or its own noun's ("the actress")."""
    return bool(genders.get(w.key)) or (w.role == "description" and bool(noun_gender(w.mention.head)))


def _entity_genders(uf: _UnionFind, members: list[_View]) -> dict[str, str]:
    """Key of a mention → "f" or "m" where its entity's person names' given names ("Tara Reid") and gendered
    person nouns ("the actress") agree on one; so "Reid" and "Lohan" carry the gender of the full name. By
    the mentions' keys, not the entities' roots: later links change a root ("Amanda Reid" joined by "a
    neighbor" is still a "she")."""
    found: dict[str, set[str]] = defaultdict(set)
    for v in members:
        if v.role == "description" and not _is_single_person_noun(v.mention):
            continue
        if gender := _own_gender(v):
            found[uf.find(v.key)].add(gender)
    by_root = {root: next(iter(g)) for root, g in found.items() if len(g) == 1}
    return {v.key: by_root[uf.find(v.key)] for v in members if v.key and uf.find(v.key) in by_root}


def _antecedent(w: _View, pronoun: str, gender: str = "") -> bool:
    """Whether ``w`` can be what ``pronoun`` refers to; ``gender``: its entity's, where known."""
    if pronoun in PERSONAL_PRONOUNS:
        return _personal(w) and _gender_fits(w, pronoun) and gender in {"", noun_gender(pronoun)}
    if pronoun in THING_PRONOUNS:
        return not _personal(w) and not is_plural(w.mention) and w.mention.kind in THING_KINDS
    if pronoun in GROUP_PRONOUNS:
        return not w.person and (is_plural(w.mention) or w.mention.kind in {"ORG", "NORP"})
    if pronoun in FIRST_PLURAL_PRONOUNS:
        return w.mention.kind == "ORG"
    if pronoun == "which":
        return not _personal(w)
    if pronoun in PLACE_PRONOUNS:
        return not _personal(w) and not w.person and (w.mention.kind in PLACE_KINDS | {"FAC", "OTHER"})
    return True  # who, whom, whose: the mention right before


def _personal(v: _View) -> bool:
    return v.person or (v.role == "description" and _is_single_person_noun(v.mention))


def _gender_fits(v: _View, pronoun: str) -> bool:
    """Whether a person mention's gender, where its noun or given name tells it, is the pronoun's."""
    gender = _own_gender(v)
    return not gender or gender == noun_gender(pronoun)


def _own_gender(v: _View) -> str:
    """What a mention itself says of its gender: a description's noun ("the actress"), a person name's
    given name ("Tara Reid"); "" when it says nothing."""
    if v.role == "description":
        return noun_gender(v.mention.head)
    if v.role == "name" and v.person:
        return name_gender(mention_name(v.mention))
    return ""


def _dominant_root(uf: _UnionFind, keys: list[str]) -> str | None:
    """The entity holding at least ``DOMINANT_SHARE`` of the mentions that bear a role, if any."""
    counts = Counter(uf.find(k) for k in keys)
    root, n = counts.most_common(1)[0]
    return root if n >= DOMINANT_SHARE * len(keys) else None


def _roles_of(m: Mention) -> list[str]:
    return [*m.roles, *leading_titles(m.surface)]


ROLE_HEAD_ENDS = frozenset({"of", "in", "for", "at", "from", "with", "on", "near", "who", "which", "that"})


def _role_keys(group: str, role: str) -> set[str]:
    """A role's description keys: all of it and its head word (with and without a rank word), the last word
    before a prepositional phrase or relative clause ("Kremlin spokesman" → "spokesman"; "a spokesman for the
    General Staff" → "spokesman"; "a market town in the north of the country" → "town", not "country")."""
    words = role.split()
    cut = next((i for i, w in enumerate(words) if i > 0 and w.lower() in ROLE_HEAD_ENDS), len(words))
    full = description_key(group, " ".join(words[:cut]))
    *modifiers, head = full.split(":", 2)[-1].split(" ")
    # a ranked title still bears its bare head, as a rival: "the president" of an article that names a
    # "Vice President" and a "President" is not sure to be the president
    bare = head
    while len(parts := bare.split("-", 1)) == 2 and parts[0] in RANK_WORDS | {"former"}:
        bare = parts[1]
    keys = {full, f"D:{group}:{head}", f"D:{group}:{bare}"}
    if modifiers and not _is_former(role):  # "the Tarsk police chief" is "the former Tarsk police chief"
        keys.add(f"D:{group}:{' '.join([*modifiers, 'former-' + head])}")
    return keys


# ---------------------------------------------------------------- output


def _build(uf: _UnionFind, views: list[_View]) -> Resolution:
    clusters: dict[str, list[_View]] = defaultdict(list)
    for v in views:
        clusters[uf.find(_node(v.mention))].append(v)
    keys_of: dict[str, set[str]] = defaultdict(set)
    for node in list(uf.parent):
        if not node.startswith("M:"):
            keys_of[uf.find(node)].add(node)
    entities = [_entity(members, keys_of[root]) for root, members in clusters.items()]
    entities.sort(key=lambda e: e.id)
    entity_of = {mid: e.id for e in entities for mid in e.mention_ids}
    return Resolution(entities, entity_of)


def _entity(members: list[_View], keys: set[str]) -> Entity:
    names = [mention_name(v.mention) for v in members if mention_name(v.mention)]
    table = sorted(k[2:] for k in keys if k.startswith("T:"))
    person = any(v.person for v in members)
    name = table[0] if table else _canonical(names or [members[0].mention.surface], person)
    # the kind its full name is tagged with, where it is tagged: short forms ("Castellan") are tagged by shape
    named = [v for v in members if v.mention.kind != "OTHER" and mention_name(v.mention) == name]
    kinds = Counter(v.mention.kind for v in named or members if v.mention.kind != "OTHER")
    surfaces = sorted({v.mention.surface for v in members} | {a for v in members for a in v.mention.aliases})
    return Entity(
        id=_entity_id(keys, members),
        kind=kinds.most_common(1)[0][0] if kinds else "OTHER",
        name=name,
        aliases=[s for s in surfaces if s != name],
        mention_ids=sorted(v.mention.id for v in members),
    )


def _canonical(names: list[str], person: bool = True) -> str:
    """Not an acronym when there is more; the name most of the entity's names share a word with; then the
    longest, then the most frequent: "Viktor Hale" (beside "Hale", "Hale") rather than the title an
    apposition made a name ("National Renewal MP"); "Dmitry Peskov" rather than "Peskov"; "Northern Front"
    rather than "NF". A group, place or organisation is not named by a rare longer form: "Democrats" (×23)
    rather than a tweet's "Obstructionist Democrats" (×1)."""
    counts = Counter(names)
    words = {n: set(normalise(n).split()) for n in counts}
    top = max(counts.values())

    def shared(n: str) -> int:
        return sum(c for m, c in counts.items() if words[n] & words[m])

    def usual(n: str) -> bool:
        return person or counts[n] * RARE_NAME_RATIO >= top

    return max(counts, key=lambda n: (not is_acronym(n), shared(n), usual(n), len(words[n]), counts[n], n))


RARE_NAME_RATIO = 4  # a non-person's longer name is passed over when its shorter one is 4× as frequent


def _entity_id(keys: set[str], members: list[_View]) -> str:
    corpus_wide = sorted(k for k in keys if k[:2] in {"T:", "N:"})
    basis = corpus_wide[0] if corpus_wide else min(keys or {"M:" + members[0].mention.id})
    return "ent-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
