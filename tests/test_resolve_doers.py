"""A person description joins the one named person of its story who did or underwent the same thing in a
related article (issue #3): hand-built mentions with the governor the parse would give, no model needed."""

from __future__ import annotations

from crosswire.model import Span
from crosswire.read.entities import Mention
from crosswire.read.resolve import resolve
from tests.fixtures.mentions import same as _same


def _m(article: str, start: int, surface: str, head: str, governor: str = "", kind: str = "OTHER") -> Mention:
    name = surface if kind != "OTHER" else ""
    span = Span(article, start, start + len(surface))
    return Mention(span, surface, kind, name=name, head=head, governor=governor)


def _place(article: str, start: int) -> Mention:
    return _m(article, start, "Norvik", "norvik", kind="GPE")


def test_description_joins_the_named_person_arrested_in_a_related_article() -> None:
    named = _m("a", 0, "Toma Reskin", "reskin", "arrest:done", "PERSON")
    judge = _m("a", 40, "Ilse Varga", "varga", "sentence:did", "PERSON")
    man = _m("b", 10, "the man", "man", "arrest:done")
    res = resolve({"a": [named, judge, _place("a", 60)], "b": [man, _place("b", 30)]}, {"a": "s", "b": "s"})
    assert _same(res, named, man)
    assert not _same(res, judge, man)


def test_description_stays_apart_when_two_named_people_did_it() -> None:
    one = _m("a", 0, "Toma Reskin", "reskin", "arrest:done", "PERSON")
    two = _m("c", 0, "Pavel Orsk", "orsk", "arrest:done", "PERSON")
    man = _m("b", 10, "the man", "man", "arrest:done")
    articles = {"a": [one, _place("a", 60)], "b": [man, _place("b", 30)], "c": [two, _place("c", 60)]}
    res = resolve(articles, {"a": "s", "b": "s", "c": "s"})
    assert not _same(res, one, man) and not _same(res, two, man)


def test_description_does_not_follow_a_name_of_the_storys_other_happening() -> None:
    named = _m("a", 0, "Toma Reskin", "reskin", "arrest:done", "PERSON")
    man = _m("b", 10, "the man", "man", "arrest:done")
    elsewhere = _m("b", 40, "Lake Corran", "corran", kind="LOC")
    res = resolve({"a": [named, _place("a", 60)], "b": [man, elsewhere]}, {"a": "s", "b": "s"})
    assert not _same(res, named, man)


def test_a_description_owned_by_a_name_does_not_join_the_owner_by_what_they_did() -> None:
    # "Reskin's lawyers met the judge" / "Toma Reskin met the judge": his lawyers are not Reskin
    named = _m("a", 0, "Toma Reskin", "reskin", "meet:did", "PERSON")
    lawyer = _m("a", 40, "Reskin's lawyer", "lawyer", "meet:did")
    res = resolve({"a": [named, lawyer, _place("a", 80)]}, {"a": "s"})
    assert not _same(res, named, lawyer)
