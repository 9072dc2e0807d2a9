"""Known given names: a name that opens with one is a person's ("Marta Kellan", not a place).

Source: the US Census Bureau's 1990 first-name frequency lists (public domain: 1,219 male and 4,275 female
names), as shipped by the MIT-licensed ``names`` package, read by ``name_gender.census_frequencies``. US
names, so most European given names are in it (Anton, Marta, Greta, Jonas) and many others are not (Viktor,
Yusuf): a name missing from the list says nothing. Given names that are also the names of countries, US
states or continents ("Georgia", "Jordan", "India") are left out; given names that are towns ("Paris",
"David") are kept, and the callers check that the whole name is no place.
"""

from __future__ import annotations

from functools import lru_cache

from unidecode import unidecode

from crosswire.read.gazetteer import load_gazetteer
from crosswire.read.name_gender import census_frequencies


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lowercased given names from the census lists, less names of countries, states and continents."""
    gazetteer = load_gazetteer()
    return frozenset(
        w for w in census_frequencies() if all(m.candidate.kind == "city" for m in gazetteer.lookup(w))
    )


def is_given_name(word: str) -> bool:
    """Whether ``word`` ("Marta", "MARTA", "Zoë") is a known given name and no country or state."""
    return unidecode(word).lower() in given_names()
