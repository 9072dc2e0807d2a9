"""Transliterations of one person's name join within a story (issue #3); look-alike names of two people,
and one name in two unrelated stories, do not."""

from __future__ import annotations

import pytest

from crosswire.model import Span
from crosswire.read.entities import Mention
from crosswire.read.resolve import resolve
from tests.fixtures.mentions import same as _same


def _person(article: str, start: int, surface: str) -> Mention:
    span = Span(article, start, start + len(surface))
    return Mention(span, surface, "PERSON", name=surface, head=surface.split()[-1].lower())


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Yusuf Darwish", "Youssef al-Darwish", True),  # vowels, a doubled letter and the article
        ("Ahmed Haddad", "Ahmad Haddad", True),
        ("Mohammed Kassem", "Muhammad Kassem", True),
        ("Maria Lenz", "Mario Lenz", False),  # the last letter says another person
        ("Mohammed Kassem", "Mahmoud Kassem", False),  # other consonants in other places
        ("Dan Reyes", "Don Reyes", False),  # too short to tell a spelling from another name
        ("Omar Sayed", "Umar Sayed", False),  # the first letter differs
    ],
)
def test_spellings_of_one_given_name_join_in_a_story(first: str, second: str, same: bool) -> None:
    a, b = _person("a", 0, first), _person("b", 0, second)
    res = resolve({"a": [a], "b": [b]}, {"a": "story", "b": "story"})
    assert _same(res, a, b) is same


def test_spellings_do_not_join_across_unrelated_stories() -> None:
    a, b = _person("a", 0, "Yusuf Darwish"), _person("b", 0, "Youssef al-Darwish")
    res = resolve({"a": [a], "b": [b]}, {"a": "war", "b": "football"})
    assert not _same(res, a, b)
