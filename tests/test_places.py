"""Places resolved to coordinates and countries, disambiguated by the article's other places (issue #3)."""

from __future__ import annotations

import pytest

from crosswire.model import Span
from crosswire.read.entities import Mention, extract_mentions
from crosswire.read.gazetteer import load_gazetteer, name_key
from crosswire.read.nlp import parse
from crosswire.read.places import Place, extract_places


def _mentions(*names: str) -> list[Mention]:
    """Mentions laid end to end; a name written "NORP:French" is a demonym, "LOC:..." a location."""
    out, pos = [], 0
    for item in names:
        kind, _, name = item.rpartition(":")
        out.append(Mention(Span("a", pos, pos + len(name)), name, kind or "GPE", name=name))
        pos += len(name) + 2
    return out


def _place(places: list[Place], surface: str) -> Place:
    found = [p for p in places if p.surface == surface]
    assert found, f"{surface!r} not among {[p.surface for p in places]}"
    return found[0]


def test_name_key_ignores_case_accents_stops_and_article() -> None:
    assert name_key("the U.S.") == name_key("US") == "us"
    assert name_key("Kraków") == "krakow"


def test_paris_alone_is_the_french_capital() -> None:
    paris = _place(extract_places(_mentions("Paris")), "Paris")
    assert (paris.country, paris.kind) == ("FR", "city")
    assert paris.lat is not None and 48 < paris.lat < 49.5
    assert paris.geonames_id is not None


@pytest.mark.parametrize(
    "context",
    [("Texas",), ("Dallas", "Houston", "Austin")],
    ids=["state named", "other Texan cities"],
)
def test_paris_in_texas_by_context(context: tuple[str, ...]) -> None:
    paris = _place(extract_places(_mentions("Paris", *context)), "Paris")
    assert paris.country == "US"
    assert paris.lat is not None and paris.lon is not None and 33 < paris.lat < 34 and paris.lon < -90


def test_paris_with_france_or_the_french_stays_in_france() -> None:
    for context in ("France", "NORP:French"):
        assert _place(extract_places(_mentions("Paris", context)), "Paris").country == "FR"


def test_a_common_word_is_no_city_s_other_name() -> None:
    """A Korea story's "the North" is no town that geonames also lists as "North"."""
    assert load_gazetteer().lookup("the North") == []
    assert [m.candidate.name for m in load_gazetteer().lookup("Kiev")] == ["Kyiv"]


def test_kiev_and_kyiv_are_one_place() -> None:
    kiev = _place(extract_places(_mentions("Kiev")), "Kiev")
    kyiv = _place(extract_places(_mentions("Kyiv")), "Kyiv")
    assert kiev.geonames_id == kyiv.geonames_id is not None
    assert kiev.country == "UA"


def test_population_still_counts_against_weak_context() -> None:
    """Moscow next to Washington is the Russian capital, not Moscow, Idaho; naming Idaho flips it."""
    assert _place(extract_places(_mentions("Moscow", "Washington")), "Moscow").country == "RU"
    moscow = _place(extract_places(_mentions("Moscow", "Idaho")), "Moscow")
    assert moscow.country == "US" and moscow.lon is not None and moscow.lon < -100


def test_georgia_the_country_or_the_state() -> None:
    assert _place(extract_places(_mentions("Georgia")), "Georgia").country == "GE"
    state = _place(extract_places(_mentions("Georgia", "Atlanta", "U.S.")), "Georgia")
    assert (state.country, state.kind) == ("US", "admin1")


def test_countries_by_short_and_official_names() -> None:
    places = extract_places(_mentions("U.S.", "Britain", "Russian Federation", "Syria"))
    assert [p.country for p in places] == ["US", "GB", "RU", "SY"]
    assert all(p.kind == "country" and p.lat is not None for p in places)


def test_invented_place_is_kept_unresolved() -> None:
    places = extract_places(_mentions("Zorbania Heights", "Paris"))
    made_up = _place(places, "Zorbania Heights")
    assert not made_up.resolved
    assert (made_up.name, made_up.lat, made_up.lon, made_up.country, made_up.geonames_id) == (
        "Zorbania Heights",
        None,
        None,
        None,
        None,
    )
    assert _place(places, "Paris").resolved


def test_only_place_mentions_become_places() -> None:
    person = Mention(Span("a", 40, 45), "Macron", "PERSON", name="Macron")
    mentions = [*_mentions("Paris", "NORP:French"), person]
    assert [p.surface for p in extract_places(mentions)] == ["Paris"]


def test_places_from_parsed_text_keep_their_spans() -> None:
    text = (
        "Flooding closed roads around Paris, Texas, on Friday, the sheriff said. "
        "Officials in Dallas sent trucks to the town of Zorbania Heights."
    )
    doc = next(parse([text]))
    places = extract_places(extract_mentions(doc, "t1"))
    assert places, "spaCy found no places"
    for p in places:
        assert text[p.span.start : p.span.end] == p.surface
    paris = _place(places, "Paris")
    assert paris.country == "US"
