"""The numbers an article states; two reports sharing none of their many numbers tell of two happenings."""

from __future__ import annotations

from collections import Counter

import pytest

from crosswire.cluster.features import Profile, article_profile, number_clash, numbers
from crosswire.cluster.online import OnlineClusterer
from crosswire.cluster.settings import ClusterSettings, InvalidSettings
from tests.test_cluster import art, fake_vector

FIGHT = (
    "Wladimir Klitschko stopped Hasim Rahman in round {round} at {time} in Mannheim on Saturday. Klitschko "
    "improved to {record} with {kos} knockouts, Rahman fell to {other}. A crowd of {crowd} watched as "
    "Klitschko landed {landed} of {thrown} punches."
)
FIRST = {"round": 7, "time": "2:15", "record": "52-3", "kos": 46, "other": "45-7-2", "crowd": "12,000"}
FIRST |= {"landed": 178, "thrown": 369}
REMATCH = {"round": 11, "time": "1:28", "record": "58-3", "kos": 51, "other": "41-6-2", "crowd": "18,500"}
REMATCH |= {"landed": 203, "thrown": 415}


def profile(numbers_: dict[str, int]) -> Profile:
    return Profile(vector=fake_vector("x"), numbers=Counter(numbers_))


def test_numbers_keep_figures_and_skip_years_digits_and_ids() -> None:
    text = (
        "On July 7, 2012 the 36-year-old won (58-3) before 22,000 fans at 2:56; magnitude 6.1, "
        "the 86th Oscars, 5 people, tweet 749874491891838976."
    )
    found = numbers(text)
    assert {"58-3", "22000", "2:56", "6.1", "86th"} <= set(found)
    assert not {"2012", "5", "749874491891838976"} & set(found)


def test_a_clash_needs_enough_numbers_on_both_sides_and_none_shared() -> None:
    six = {str(n): 1 for n in range(10, 16)}
    other = {str(n): 1 for n in range(20, 26)}
    assert number_clash(profile(six), profile(other), 6)
    assert not number_clash(profile(six), profile(other | {"15": 1}), 6)  # one figure in common
    assert not number_clash(profile(six), profile(dict(list(other.items())[:5])), 6)  # too few to tell
    assert not number_clash(profile(six), profile(other), 0)  # the rule turned off


def test_a_rematch_with_other_figures_founds_its_own_event() -> None:
    first = art("f1", "Klitschko stops Rahman", FIGHT.format(**FIRST), 1)
    again_text = FIGHT.format(**FIRST).replace("Saturday", "Saturday night")
    again = art("f2", "Klitschko beats Rahman in Mannheim", again_text, 1)
    rematch = art("r1", "Klitschko stops Rahman", FIGHT.format(**REMATCH), 2)

    def run(settings: ClusterSettings) -> dict[str, str]:
        clusterer = OnlineClusterer(settings)
        return {a.id: clusterer.add(a, fake_vector(f"{a.title} {a.text}")) for a in (first, again, rematch)}

    assert article_profile(rematch, fake_vector("x")).short is False
    ruled = run(ClusterSettings())
    assert ruled["f2"] == ruled["f1"] and ruled["r1"] == "ev-r1"
    assert run(ClusterSettings(number_clash_min=0))["r1"] == ruled["f1"]  # the rule is what keeps it apart


def test_the_number_setting_is_validated() -> None:
    with pytest.raises(InvalidSettings):
        ClusterSettings(number_clash_min=-1)
