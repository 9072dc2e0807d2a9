"""Descriptions, pronouns and name variants in resolution (issue #3): hand-built mentions, no model needed."""

from __future__ import annotations

import pytest

from crosswire.eval.entity_chains import SPLITS, load
from crosswire.eval.stories import cluster_texts
from crosswire.model import Span
from crosswire.read.aliases import is_person_noun, name_key, noun_gender
from crosswire.read.entities import Mention
from crosswire.read.resolve import Resolution, resolve


def _m(
    article: str, start: int, surface: str, kind: str = "OTHER", head: str = "", name: str = ""
) -> Mention:
    return Mention(Span(article, start, start + len(surface)), surface, kind, name=name, head=head)


def _person(article: str, start: int, surface: str) -> Mention:
    return _m(article, start, surface, "PERSON", surface.split()[-1].lower(), surface)


def _same(res: Resolution, a: Mention, b: Mention) -> bool:
    return res.entity_of[a.id] == res.entity_of[b.id]


def test_person_description_joins_the_person_the_article_is_about() -> None:
    full, short = _person("a", 0, "Marla Quenby"), _person("a", 60, "Quenby")
    actress = _m("a", 30, "the actress", head="actress")
    res = resolve({"a": [full, actress, short]})
    assert _same(res, full, actress)


def test_person_description_stays_apart_across_unrelated_stories() -> None:
    a_full = _person("a", 0, "Marla Quenby")
    b_full, b_actress = _person("b", 0, "Dora Velk"), _m("b", 30, "the actress", head="actress")
    a_actress = _m("a", 30, "the actress", head="actress")
    res = resolve({"a": [a_full, a_actress], "b": [b_full, b_actress]}, {"a": "rehab", "b": "awards"})
    assert _same(res, a_full, a_actress) and _same(res, b_full, b_actress)
    assert not _same(res, a_full, b_full)


def test_relational_and_plural_descriptions_do_not_join_the_main_person() -> None:
    full = _person("a", 0, "Marla Quenby")
    publicist = _m("a", 30, "her publicist", head="publicist")
    officers = _m("a", 50, "the officers", head="officer")
    res = resolve({"a": [full, publicist, officers]})
    assert not _same(res, full, publicist)
    assert not _same(res, full, officers)


def test_description_joins_the_name_with_its_head_in_the_article() -> None:
    center = _m("a", 0, "Saltmarsh Recovery Center", "ORG", "center", "Saltmarsh Recovery Center")
    other = _m("a", 40, "the Glenrow clinic", head="clinic")
    the_center = _m("a", 80, "the center", head="center")
    res = resolve({"a": [center, other, the_center]})
    assert _same(res, center, the_center)
    assert not _same(res, other, the_center)


def test_capitalised_pronoun_joins_the_person() -> None:
    full, she = _person("a", 0, "Marla Quenby"), _m("a", 50, "She", head="she")
    res = resolve({"a": [full, she]})
    assert _same(res, full, she)  # "She" at a sentence start is a pronoun, not a name


def test_pronoun_gender_agrees_with_the_description() -> None:
    man, woman = _m("a", 0, "a man", head="man"), _m("a", 20, "a woman", head="woman")
    he, she = _m("a", 40, "he", head="he"), _m("a", 50, "she", head="she")
    res = resolve({"a": [man, woman, he, she]})
    assert _same(res, man, he) and _same(res, woman, she)
    assert not _same(res, man, woman)


def test_headline_capitalised_common_noun_is_a_description() -> None:
    headline = _m("a", 0, "Woman", head="woman", name="Woman")
    later = _m("b", 20, "the woman", head="woman")
    res = resolve({"a": [headline], "b": [later]}, {"a": "s", "b": "s"})
    assert _same(res, headline, later)


def test_surname_of_a_titled_or_suffixed_full_name() -> None:
    full, short = _person("a", 0, "Arlo Benedict Truax Jr."), _person("b", 10, "Truax")
    apostrophe, bare = _person("a", 40, "Jim O'Brennan"), _person("b", 40, "O'Brennan")
    res = resolve({"a": [full, apostrophe], "b": [short, bare]}, {"a": "s", "b": "s"})
    assert _same(res, full, short) and _same(res, apostrophe, bare)
    assert name_key("World War II") != name_key("World War")


def test_person_noun_lexicon() -> None:
    assert is_person_noun("actress") and is_person_noun("gunman")
    assert not is_person_noun("facility") and not is_person_noun("human")
    assert noun_gender("grandmother") == noun_gender("she") == "f" and noun_gender("driver") == ""


def test_story_clustering_separates_two_happenings() -> None:
    texts = [
        "Police said Marla Quenby entered the Saltmarsh clinic in Oxnard on Tuesday.",
        "Her lawyer said Marla Quenby checked into Saltmarsh near Oxnard.",
        "Officials said Dora Velk won the Brightwater prize in Lisbon.",
        "On stage in Lisbon, Dora Velk thanked the Brightwater jury.",
    ]
    groups = sorted(sorted(g) for g in cluster_texts(texts))
    assert groups == [[0, 1], [2, 3]]


def test_ecb_splits_are_disjoint_and_unknown_split_raises() -> None:
    parts = SPLITS["ecbplus"]
    assert not (parts["train"] & parts["dev"]) and not (parts["dev"] & parts["test"])
    assert {"1", "22"} <= parts["train"] and {"26", "45"} <= parts["test"]
    with pytest.raises(ValueError):
        load("ecbplus", split="validation")


def test_a_nationality_is_not_the_short_form_of_a_name_it_starts() -> None:
    force = _m("a", 0, "Velmarian Air Force", "ORG", "force", "Velmarian Air Force")
    demonym = _m("a", 40, "Velmarian", "NORP", "velmarian", "Velmarian")
    company, short = _m("b", 0, "Castellan Terminals", "ORG"), _m("b", 40, "Castellan", "ORG")
    res = resolve({"a": [force, demonym], "b": [company, short]})
    assert not _same(res, force, demonym)
    assert _same(res, company, short)  # an organisation's first word still is its short form
