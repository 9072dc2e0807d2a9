"""The usual gender of a given name, for "she"/"he": "Harlan Boll" is no antecedent of "she".

Source: the US Census Bureau's 1990 first-name frequency lists (public domain), as shipped by the
MIT-licensed ``names`` package, as in ``given_names``. A name in both lists takes the gender it is at least
``GENDER_RATIO`` times more frequent in ("Mary" f, "Jordan" neither); a name in neither says nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from unidecode import unidecode

GENDER_RATIO = 5.0  # how much more often a name must be given to one sex than the other
_FILES = {"m": "dist.male.first", "f": "dist.female.first"}


@lru_cache(maxsize=1)
def census_frequencies() -> dict[str, dict[str, float]]:
    """Lowercased given name → {"m"|"f": percentage of that sex's population bearing it} (also the source
    of ``given_names``)."""
    package = resources.files("names")
    out: dict[str, dict[str, float]] = {}
    for gender, file in _FILES.items():
        for line in (package / file).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                out.setdefault(fields[0].lower(), {})[gender] = float(fields[1])
    return out


def name_gender(name: str) -> str:
    """A person's gender by the first word of their name: "f" ("Tara Reid"), "m", or "" (unknown, or both)."""
    words = unidecode(name).replace(".", " ").split()
    if not words:
        return ""
    freq = census_frequencies().get(words[0].lower(), {})
    f, m = freq.get("f", 0.0), freq.get("m", 0.0)
    if f > GENDER_RATIO * m:
        return "f"
    if m > GENDER_RATIO * f:
        return "m"
    return ""
