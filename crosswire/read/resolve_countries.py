"""Governments, seats of government and nationalities join their country within a story.

News coreference annotation (NewsWCL50, MEANTIME) treats a country's government as the country: "the
Russian government", "the Trump administration", "the White House", "Moscow" (as a state's voice), "the
Iranians". Within one story (never across stories) such a mention joins the story's entity of that country,
and only when the story names the country itself ("Russia", "the U.S."):

- a **seat of government** listed with its country in the curated table's metonyms ("White House",
  "Kremlin", "Downing Street", capitals often used for the state: "Moscow", "Pyongyang");
- a **nationality** mention that is only the demonym ("the Russians", "Americans"; NER kind NORP);
- a **government** description (head ``government``, ``administration``, ``regime``) joins the country named
  or implied by a demonym in it ("the Canadian government", "the government of Germany"), else, unless it
  names someone else ("the Trump administration", "Mr. Netanyahu's government"), the country the article
  names most (strictly more than any other);
- a bare **"the country"** / **"the nation"** joins the country the article names most.

Countries are recognised with the offline gazetteer (``crosswire.read.gazetteer``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from crosswire.read.aliases import metonym_countries, name_key, normalise, word_set
from crosswire.read.gazetteer import load_gazetteer

GOVERNMENT_HEADS = frozenset({"government", "administration", "regime"})
PERSON_POSSESSIVES = frozenset({"his", "her"})  # "his administration": a leader's, not the article's country
COUNTRY_HEADS = frozenset({"country", "nation"})  # "the country": the one its article names most
POLICY_WORDS = word_set(
    """inspection inspections verification monitoring sanctions sanction tax trade visa tariff tariffs export
    control safeguards compliance regulatory nonproliferation"""
)


@dataclass(frozen=True)
class CountryMention:
    """What resolution knows of one mention, for country linking."""

    article: str
    key: str  # the mention's resolution key
    role: str  # "name" | "short" | "single" | "acronym" | "description" | "pronoun"
    name: str  # its proper name ("" for descriptions)
    surface: str
    head: str
    kind: str  # NER kind


def country_of_name(name: str) -> str | None:
    """ISO code when ``name`` is a country's name ("U.S.", "North Korea"), else None."""
    codes = {m.candidate.country for m in load_gazetteer().lookup(name) if m.candidate.kind == "country"}
    return codes.pop() if len(codes) == 1 else None


def country_of_demonym(text: str) -> str | None:
    """ISO code of a bare nationality ("the Russians", "American"), else None."""
    return load_gazetteer().demonym(normalise(text)) if normalise(text) else None


def _named_in(surface: str) -> str | None:
    """A country named in a description, by name or demonym ("the government of Canada", "Russian")."""
    words = normalise(surface).split()
    gaz = load_gazetteer()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            piece = " ".join(words[i : i + n])
            code = gaz.demonym(piece) or country_of_name(piece)
            if code:
                return code
    return None


def country_links(members: list[CountryMention]) -> list[tuple[str, str]]:
    """(mention key, country entity key) pairs to join, for the mentions of one story."""
    countries: dict[str, list[str]] = {}
    by_article: dict[str, Counter[str]] = {}
    for m in members:
        code = country_of_name(m.name) if m.role in {"name", "single", "acronym"} and m.name else None
        if code:
            countries.setdefault(code, []).append(m.key)
            by_article.setdefault(m.article, Counter())[code] += 1
    if not countries:
        return []
    metonyms = metonym_countries()
    links: list[tuple[str, str]] = []
    for m in members:
        stands_for: str | None = None
        if m.name and m.role != "description":
            demonym = country_of_demonym(m.name) if m.kind == "NORP" else None
            stands_for = metonyms.get(name_key(m.name)) or demonym
        elif m.role == "description" and m.head in GOVERNMENT_HEADS and not _is_policy(m.surface):
            stands_for = _named_in(m.surface)
            named = by_article.get(m.article, Counter())
            if stands_for is None and not _names_other(m.surface):
                # "the administration" is what American English calls a government: in an article naming
                # the U.S. it is the U.S. one, even where Iran is named more often
                american = m.head == "administration" and named["US"] > 0
                stands_for = "US" if american else _main_country(named)
        elif m.role == "description" and m.head in COUNTRY_HEADS and normalise(m.surface) == m.head:
            stands_for = _main_country(by_article.get(m.article, Counter()))
        if stands_for in countries:
            links.append((m.key, countries[stands_for][0]))
    return links


def _is_policy(surface: str) -> bool:
    """A regime of rules, not of a state: "the inspection regime", "a sanctions regime"."""
    return bool(POLICY_WORDS & set(normalise(surface).split()))


def _names_other(surface: str) -> bool:
    """A government description that names someone other than a country ("the Trump administration",
    "Mr. Netanyahu's government", "Abe's government"): not the article's main country's government."""
    words = surface.split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return any(w[:1].isupper() or w.lower() in PERSON_POSSESSIVES for w in words[:-1])


def _main_country(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
