"""Wrong merges the real-news run showed, each with small invented texts: a boy is not the father or a
grown-up of stated age, an owner's title lends its bare head only to articles naming its bearer, and two
unnamed descriptions of different offices are two people."""

from __future__ import annotations

from crosswire.read.describe_linker import Cluster, refused
from crosswire.read.entities import Mention
from crosswire.read.offices import grown_up
from crosswire.read.resolve import resolve
from tests.fixtures.mentions import mention as _m
from tests.fixtures.mentions import person as _person
from tests.fixtures.mentions import same as _same


def _cluster(key: str, *mentions: Mention, named: bool = False) -> Cluster:
    return Cluster(key, mentions, named, frozenset())


def test_a_parents_role_or_a_grown_ups_age_makes_a_grown_up() -> None:
    assert grown_up(["his father"]) and grown_up(["the boy's great-grandmother"])
    assert grown_up(["46-year-old"]) and grown_up(["a father of two"]) and grown_up(["police spokesman"])
    assert not grown_up(["8-year-old"]) and not grown_up(["a student"]) and not grown_up([])


def test_a_boy_is_not_the_father_the_article_is_about() -> None:
    father = [_person("a", i * 20, "Halvor Brandt", ("his father",)) for i in range(3)]
    boy = _m("a", 100, "the young boy", head="boy")
    aged = [_person("b", i * 20, "Ines Varga", ("52-year-old",)) for i in range(3)]
    girl = _m("b", 100, "the girl", head="girl")
    res = resolve({"a": [*father, boy], "b": [*aged, girl]}, linker=None)
    assert not _same(res, father[0], boy) and not _same(res, aged[0], girl)
    # a child the story gives a child's age is still the boy it is about
    child = [_person("c", i * 20, "Tomas Ulrek", ("8-year-old",)) for i in range(3)]
    his = _m("c", 100, "the boy", head="boy")
    res = resolve({"c": [*child, his]}, linker=None)
    assert _same(res, child[0], his)


def test_the_linker_does_not_give_a_boy_to_a_grown_up() -> None:
    boy = _cluster("D:boy", _m("a", 300, "the young boy", head="boy"), _m("a", 400, "the boy", head="boy"))
    father = _cluster("N:brandt", _person("a", 0, "Halvor Brandt", ("his father",)), named=True)
    described = _cluster(
        "N:klemm",
        _person("a", 40, "Arlo Klemm"),
        _m("a", 200, "The boy's father", head="father"),
        named=True,
    )
    aged = _cluster("N:varga", _person("a", 80, "Ines Varga", ("46-year-old",)), named=True)
    son = _cluster("N:ulrek", _person("a", 120, "Tomas Ulrek", ("8-year-old",)), named=True)
    assert refused(boy, father) and refused(boy, described) and refused(boy, aged)
    assert not refused(boy, son)
    assert not refused(_cluster("D:man", _m("a", 500, "the man", head="man")), father)


def test_an_owners_title_lends_its_bare_head_only_to_articles_naming_its_bearer() -> None:
    owner = [_person("a", i * 30, "Halvor Brandt", ("Velmar Party leader",)) for i in range(2)]
    other = _m("b", 40, "the first foreign leader", head="leader")
    naming = [_person("c", 0, "Halvor Brandt"), _person("c", 200, "Ines Varga")]
    named = _m("c", 100, "the leader", head="leader")
    story = {"a": "s", "b": "s", "c": "s"}
    res = resolve({"a": owner, "b": [other], "c": [*naming, named]}, story, linker=None)
    assert not _same(res, owner[0], other) and _same(res, owner[0], named)
    # a title naming no owner is the story's, as before
    plain = [_person("d", i * 30, "Halvor Brandt", ("party leader",)) for i in range(2)]
    bare = _m("e", 40, "the leader", head="leader")
    res = resolve({"d": plain, "e": [bare]}, {"d": "t", "e": "t"}, linker=None)
    assert _same(res, plain[0], bare)


def test_two_unnamed_descriptions_of_different_offices_are_two_people() -> None:
    inspector = _cluster("D:ig", _m("a", 300, "the department's inspector general", head="general"))
    counsel = _cluster("D:counsel", _m("a", 100, "the agency's chief counsel", head="counsel"))
    same_office = _cluster("D:ig2", _m("b", 100, "the inspector general", head="general"))
    official = _cluster("D:official", _m("a", 200, "a senior official", head="official"))
    assert refused(inspector, counsel) and refused(counsel, inspector)
    assert not refused(inspector, same_office) and not refused(inspector, official)
    # two jobs may be one person's: "the agency's chief" is its director
    director = _cluster("D:director", _m("a", 400, "the agency director", head="director"))
    assert not refused(_cluster("D:chief", _m("a", 500, "the agency chief", head="chief")), director)
    assert not refused(director, counsel)
