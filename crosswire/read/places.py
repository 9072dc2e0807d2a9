"""Places of one article: place mentions (GPE, LOC, FAC) resolved to coordinates and a country.

Each distinct place name is looked up in the gazetteer (``crosswire.read.gazetteer``) and, when it is
ambiguous, disambiguated by the article's other places, in two passes. The first pass takes each name's
likeliest reading alone (own name before alternate name; then kind and population). The second rescores
every candidate with what the other names of the article say: a US state named elsewhere ("Paris" with
"Texas"), a country named elsewhere or by a demonym ("Paris" with "France" or "the French"), and the
countries the other places resolved to in the first pass. Population still counts, so "Moscow" next to
"Washington" stays in Russia. A name the gazetteer lacks is kept, unresolved (coordinates None).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.model import Span
from crosswire.read.entities import Mention
from crosswire.read.gazetteer import Candidate, Gazetteer, Match, load_gazetteer, name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class PlaceSettings:
    """Score weights, in natural-log units of population (ln 10 ≈ 2.3: one order of magnitude)."""

    state_named: float = 20.0  # the candidate's US state is named in the article
    country_named: float = 10.0  # its country is named (or a demonym of it is used) elsewhere
    country_shared: float = 3.0  # per other place name that resolved to the same country in pass one
    max_shared: int = 3  # at most this many other names count towards ``country_shared``
    own_name: float = 2.0  # the name is the place's own name, not an alternate one
    kind_prior: tuple[tuple[str, float], ...] = (
        ("country", 3.0),
        ("continent", 3.0),
        ("city", 1.5),
        ("admin1", -1.5),
    )


DEFAULT_SETTINGS = PlaceSettings()


@dataclass(frozen=True)
class Place:
    """One place mention, resolved or not.

    ``name``: the gazetteer's name (the surface when unresolved); ``country``: ISO 3166-1 alpha-2;
    ``kind``: city, admin1, country, continent, or unknown; ``label``: the spaCy label of the mention.
    """

    span: Span
    surface: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    geonames_id: int | None
    kind: str = "unknown"
    label: str = "GPE"

    @property
    def resolved(self) -> bool:
        return self.kind != "unknown"


@dataclass(frozen=True)
class _Context:
    states: frozenset[tuple[str, str]]  # (country, state code) named in the article, by name key
    countries: Counter[str]  # country → distinct names that are that country (or a demonym of it)
    shared: Counter[str]  # country → distinct names that resolved into it in pass one
    by_key: dict[str, Candidate | None]  # pass-one choice per name key


def extract_places(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | None = None,
    settings: PlaceSettings = DEFAULT_SETTINGS,
) -> list[Place]:
    """Resolve the place mentions among ``mentions``; every place mention yields one ``Place``."""
    gaz = gazetteer or load_gazetteer()
    places = [m for m in mentions if m.kind in PLACE_LABELS]
    matches = {name_key(m.surface): gaz.lookup(m.surface) for m in places}
    first = {key: _best(found, None, key, settings) for key, found in matches.items()}
    demonyms = {name_key(m.surface): gaz.demonym(m.surface) for m in mentions if m.kind == "NORP"}
    context = _context(first, demonyms)
    chosen = {key: _best(found, context, key, settings) for key, found in matches.items()}
    return [_place(m, chosen[name_key(m.surface)]) for m in places]


def _context(first: dict[str, Candidate | None], demonyms: dict[str, str | None]) -> _Context:
    states = frozenset((c.country or "", c.admin1 or "") for c in first.values() if c and c.kind == "admin1")
    countries: Counter[str] = Counter(
        c.country for c in first.values() if c and c.kind == "country" and c.country
    )
    countries.update(code for code in demonyms.values() if code)
    shared: Counter[str] = Counter(
        c.country for c in first.values() if c and c.kind != "country" and c.country
    )
    return _Context(states, countries, shared, first)


def _best(
    found: list[Match], context: _Context | None, key: str, settings: PlaceSettings
) -> Candidate | None:
    if not found:
        return None
    return max(found, key=lambda m: _score(m, context, key, settings)).candidate


def _score(match: Match, context: _Context | None, key: str, settings: PlaceSettings) -> tuple[float, int]:
    c = match.candidate
    score = math.log(max(c.population, 1)) + dict(settings.kind_prior).get(c.kind, 0.0)
    score += settings.own_name if match.primary else 0.0
    if context is not None and c.country:
        score += _context_bonus(c, context, key, settings)
    return score, -(c.geonames_id or 0)  # ties: the lower (older) geonames id, for stable output


def _context_bonus(c: Candidate, context: _Context, key: str, settings: PlaceSettings) -> float:
    """What the article's *other* place names say for candidate ``c`` of name ``key``."""
    own = context.by_key.get(key)
    bonus = 0.0
    if c.kind == "city" and (c.country, c.admin1) in context.states:
        bonus += settings.state_named
    self_is_country = own is not None and own.kind == "country" and own.country == c.country
    self_is_inside = own is not None and own.kind != "country" and own.country == c.country
    if context.countries[c.country or ""] - self_is_country > 0 and c.kind != "country":
        bonus += settings.country_named
    shared = context.shared[c.country or ""] - self_is_inside
    return bonus + settings.country_shared * min(max(shared, 0), settings.max_shared)


def _place(m: Mention, c: Candidate | None) -> Place:
    if c is None:
        return Place(m.span, m.surface, m.surface, None, None, None, None, "unknown", m.kind)
    return Place(m.span, m.surface, c.name, c.lat, c.lon, c.country, c.geonames_id, c.kind, m.kind)
