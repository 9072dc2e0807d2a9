"""Given-name gender for he/she, the main person of an article in a story of two happenings, and facility
names that vary in their generic words (issue #3): hand-built mentions in sentences written for the tests."""

from __future__ import annotations

from crosswire.model import Span
from crosswire.read.entities import Mention
from crosswire.read.name_gender import name_gender
from crosswire.read.resolve import resolve
from tests.fixtures.mentions import mention as _m
from tests.fixtures.mentions import person as _person
from tests.fixtures.mentions import same as _same


def test_name_gender_from_census_given_names() -> None:
    assert name_gender("Mary Quenby") == "f" and name_gender("Robert Velk") == "m"
    assert name_gender("Jordan Velk") == ""  # given to both
    assert name_gender("Xyzzy Velk") == "" and name_gender("") == ""


def test_she_skips_a_man_and_a_description_of_unknown_gender() -> None:
    # "Mary Quenby entered rehab. Her publicist, Robert Velk, said she is doing well."
    mary = _person("a", 0, "Mary Quenby")
    rep = _m("a", 32, "publicist", head="publicist")
    robert = _person("a", 43, "Robert Velk")
    she = _m("a", 61, "she", head="she")
    res = resolve({"a": [mary, rep, robert, she]})
    assert _same(res, she, mary) and not _same(res, she, robert) and not _same(res, she, rep)


def test_she_takes_the_gender_of_the_full_name_a_surname_stands_for() -> None:
    # "Mary Quenby ... Robert Velk said Quenby arrived. A friend said she was calm."
    mary, robert = _person("a", 0, "Mary Quenby"), _person("a", 20, "Robert Velk")
    short = _person("a", 37, "Quenby")
    friend = _m("a", 52, "friend", head="friend")
    she = _m("a", 64, "she", head="she")
    res = resolve({"a": [mary, robert, short, friend, she]})
    assert _same(res, she, mary) and not _same(res, she, friend)


def test_article_main_person_takes_a_title_the_other_happening_gives_someone_else() -> None:
    # story of two happenings: a: "Actress Dora Velk entered rehab." b: "Mary Quenby ... the actress ..."
    dora = _m("a", 8, "Dora Velk", "PERSON", "velk", "Dora Velk")
    dora = Mention(dora.span, dora.surface, "PERSON", name="Dora Velk", head="velk", roles=("Actress",))
    mary, mary2 = _person("b", 0, "Mary Quenby"), _person("b", 70, "Mary Quenby")
    actress = _m("b", 40, "the actress", head="actress")
    res = resolve({"a": [dora], "b": [mary, actress, mary2]}, {"a": "s", "b": "s"})
    assert _same(res, actress, mary) and not _same(res, actress, dora)


def test_same_article_title_bearer_keeps_the_title() -> None:
    # "Actress Dora Velk ... Mary Quenby, Mary Quenby ... the actress": Dora is titled here
    dora = Mention(Span("a", 8, 17), "Dora Velk", "PERSON", name="Dora Velk", head="velk", roles=("Actress",))
    mary, mary2 = _person("a", 20, "Mary Quenby"), _person("a", 40, "Mary Quenby")
    actress = _m("a", 60, "the actress", head="actress")
    res = resolve({"a": [dora, mary, mary2, actress]})
    assert not _same(res, actress, mary)


def test_facility_names_differing_in_generic_words_join_but_not_the_person() -> None:
    # "the Marla Quenby Center" / "the Marla Quenby Clinic" / "Marla Quenby Treatment Center" / "Marla Quenby"
    center = _m("a", 0, "Marla Quenby Center", "ORG", "center", "Marla Quenby Center")
    clinic = _m("b", 0, "Marla Quenby Clinic", "ORG", "clinic", "Marla Quenby Clinic")
    treatment = _m("b", 30, "Marla Quenby Treatment Center", "FAC", "center", "Marla Quenby Treatment Center")
    person = _person("b", 70, "Marla Quenby")
    other = _m("a", 40, "Velk Center", "ORG", "center", "Velk Center")
    res = resolve({"a": [center, other], "b": [clinic, treatment, person]}, {"a": "s", "b": "s"})
    assert _same(res, center, clinic) and _same(res, center, treatment)
    assert not _same(res, center, person) and not _same(res, center, other)
