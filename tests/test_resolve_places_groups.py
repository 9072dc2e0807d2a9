"""A place and its region-title form, and a nationality's singular and plural, in resolution (issue #3):
hand-built mentions in sentences written for the tests (invented names; the rules are general)."""

from __future__ import annotations

from crosswire.model import Span
from crosswire.read.entities import Mention
from crosswire.read.resolve import region_base, resolve
from tests.fixtures.mentions import same as _same


def _m(article: str, start: int, surface: str, kind: str, name: str = "") -> Mention:
    name = name or surface
    return Mention(Span(article, start, start + len(surface)), surface, kind, name=name, head=name.lower())


def test_region_title_is_dropped_unless_a_city_bears_the_name() -> None:
    assert region_base("Ostrava Krai province") == "Ostrava Krai"
    assert region_base("Korvel district") == "Korvel"
    assert region_base("Los Angeles County") == "Los Angeles County"  # the city is another place
    assert region_base("Idlib province") == "Idlib province"
    assert region_base("Korvel") == "Korvel" and region_base("province") == "province"


def test_place_and_its_province_are_one_entity_across_stories() -> None:
    # a: "Fighting spread across Korvel province on Monday."  b: "Aid reached Korvel, officials said."
    province = _m("a", 24, "Korvel province", "GPE")
    bare = _m("b", 12, "Korvel", "GPE")
    other = _m("b", 30, "Istrel", "GPE")
    res = resolve({"a": [province], "b": [bare, other]}, {"a": "s1", "b": "s2"})
    assert _same(res, province, bare) and not _same(res, bare, other)


def test_city_county_stays_apart_from_the_city() -> None:
    # a: "Los Angeles County deputies ..."  b: "... in Los Angeles on Friday."
    county = _m("a", 0, "Los Angeles County", "GPE")
    city = _m("b", 7, "Los Angeles", "GPE")
    res = resolve({"a": [county], "b": [city]}, {"a": "s", "b": "s"})
    assert not _same(res, county, city)


def test_demonym_singular_and_plural_are_one_group() -> None:
    # a: "Istrelian officials said ..."  b: "Thousands of Istrelians marched; the Istrelian Red Cross helped."
    singular = _m("a", 0, "Istrelian", "NORP")
    plural = _m("b", 13, "Istrelians", "NORP")
    res = resolve({"a": [singular], "b": [plural]}, {"a": "s1", "b": "s2"})
    assert _same(res, singular, plural)


def test_nationality_beside_a_name_it_opens_still_joins_its_group() -> None:
    # a: "Istrelian troops ..."  b: "the Istrelian Red Cross said Istrelian volunteers ..." (another story)
    a_norp = _m("a", 0, "Istrelian", "NORP")
    b_org = _m("b", 4, "Istrelian Red Cross", "ORG")
    b_norp = _m("b", 29, "Istrelian", "NORP")
    res = resolve({"a": [a_norp], "b": [b_org, b_norp]}, {"a": "s1", "b": "s2"})
    assert _same(res, a_norp, b_norp) and not _same(res, b_norp, b_org)


def test_plural_common_noun_tagged_as_group_keeps_its_s() -> None:
    # "iTunes" tagged NORP by a small model must not lose its "s" and leave the other "iTunes" mentions
    a = _m("a", 0, "iTunes", "NORP")
    b = _m("b", 0, "iTunes", "ORG")
    res = resolve({"a": [a], "b": [b]}, {"a": "s", "b": "s"})
    assert _same(res, a, b)
