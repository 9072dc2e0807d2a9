"""Rules that keep long real reports (NewsWCL50: five US outlets on one political story) from collapsing into
one claim group with false conflicts (benchmarks/dossier_real.py): a check joins two groups only without
chaining one article's claims together, a figure conflict needs the two figures to measure one thing, and a
polarity conflict needs a denial of what the other claim states happened."""

from __future__ import annotations

import numpy as np

from crosswire.compare.align import _Groups, _join_checked
from crosswire.compare.claims import Claim
from crosswire.compare.conflicts import _polarity
from crosswire.compare.dossier import build_dossier
from crosswire.compare.features import negated_stems
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.model import Article, Span
from crosswire.read.places import Place
from crosswire.read.reader import Reading
from tests.fixtures.claims import claim
from tests.fixtures.claims import read_claim as _claim


def test_a_check_does_not_chain_two_claims_of_one_article() -> None:
    """Claims 0 and 2 are of one article: once 0 and 1 are joined, the pair (1, 2) joins nothing."""
    claims = [
        claim("c0", "a1", "The 25 percent tariff on steel took effect on Friday."),
        claim("c1", "a2", "A 25 percent tariff on steel imports now applies."),
        claim("c2", "a1", "Canada faces the 25 percent tariff from June."),
    ]
    claims[2].span = Span("a1", 100, 140)
    vectors = np.ones((3, 4)) / 2.0
    groups = _Groups(3)
    _join_checked(claims, vectors, groups, [(0, 1), (1, 2)], DEFAULT_SETTINGS)
    assert groups.find(0) == groups.find(1) != groups.find(2)


def test_a_tariff_rate_and_a_fall_in_stock_prices_do_not_conflict() -> None:
    articles = [
        Article(
            id="a0",
            outlet="Daily Paper",
            text="Trump on March 23 imposed a 25 percent tariff on steel imports and a 10 percent tariff on "
            "aluminum.",
        ),
        Article(
            id="a1",
            outlet="Evening Post",
            text="Stock prices fell nearly 2 percent when the tariffs were announced in March.",
        ),
    ]
    d = build_dossier(articles, "tariffs")
    assert not [c for g in d.groups for c in g.conflicts if c.kind == "numbers"]


def test_a_condition_affirms_nothing() -> None:
    pos = _claim("c0", "a", "If they restart their nuclear program, they will have bigger problems.")
    neg = _claim("c1", "b", "They're not going to be restarting anything, the president said.")
    assert _polarity(pos, neg, 0.9, DEFAULT_SETTINGS) is None


def test_a_stop_is_no_denial_of_what_happened_before() -> None:
    stop = _claim("c0", "a", "North Korea will halt missile tests, its leader announced.")
    before = _claim("c1", "b", "North Korea spent last year conducting nuclear and missile tests.")
    going_on = _claim("c2", "b", "North Korea is still carrying out missile tests, officials said.")
    assert _polarity(stop, before, 0.9, DEFAULT_SETTINGS) is None
    assert _polarity(stop, going_on, 0.9, DEFAULT_SETTINGS) is not None


def test_a_denial_of_the_events_topic_alone_is_no_conflict() -> None:
    neg = _claim("c0", "a", "North Korea conducted no nuclear tests last year.")
    pos = _claim("c1", "b", "North Korea conducted nuclear tests last year.")
    assert _polarity(neg, pos, 0.9, DEFAULT_SETTINGS) is not None  # the denied words are not yet the topic
    assert _polarity(neg, pos, 0.9, DEFAULT_SETTINGS, frozenset({"nucle"})) is not None
    assert _polarity(neg, pos, 0.9, DEFAULT_SETTINGS, frozenset({"nucle", "test"})) is None


def test_negation_covers_its_phrase_and_shouted_words() -> None:
    assert "redac" not in negated_stems("Comey claims FBI does not leak in redacted memos.")
    assert {"plan", "cut"} <= negated_stems("There is no plan to cut 400 jobs.")
    assert {"collu", "obstr"} <= negated_stems(
        "The memos show clearly that there was NO COLLUSION and NO OBSTRUCTION"
    )
    assert "annou" not in negated_stems("Kim announced the halt of nuclear tests.")
    assert "strik" in negated_stems("The air strikes have stopped.")


def test_what_a_claim_calls_alleged_is_not_affirmed() -> None:
    neg = _claim("c0", "a", "Trump wrote that the memos show there was no collusion.")
    pos = _claim("c1", "b", "Democrats want the allegations of collusion investigated by Congress.")
    assert _polarity(neg, pos, 0.9, DEFAULT_SETTINGS) is None


def _places_in(text: str, *names: str) -> list[Place]:
    return [
        Place(Span("a1", text.index(w), text.index(w) + len(w)), w, w, 0.0, 0.0, "XX", n, "city")
        for n, w in enumerate(names)
    ]


def test_a_claim_places_what_happened_in_a_place_not_a_place_merely_named() -> None:
    from crosswire.compare.claims import _entities, _where
    from crosswire.read.entities import Mention
    from crosswire.read.resolve import Resolution

    text = "WASHINGTON — Officials met envoys from Moscow after clashes near Tell Harim."
    found = [
        Mention(Span("a1", text.index(w), text.index(w) + len(w)), w, "GPE", name=w)
        for w in ("WASHINGTON", "Moscow", "Tell Harim")
    ]
    entities = _entities(Reading("a1", mentions=found), Resolution([]), 0, len(text))
    assert entities == ["washington", "moscow", "tell harim"]
    places = _where(
        Reading("a1", places=_places_in(text, "WASHINGTON", "Moscow", "Tell Harim")), 0, len(text), text
    )
    assert [p.surface for p in places] == ["Tell Harim"]


def test_a_place_after_a_word_ending_in_in_is_not_where_it_happened() -> None:
    from crosswire.compare.claims import _where

    text = "He will meet President Moon Jae-in of South Korea at a summit in Panmunjom."
    places = _where(Reading("a1", places=_places_in(text, "South Korea", "Panmunjom")), 0, len(text), text)
    assert [p.surface for p in places] == ["Panmunjom"]


def test_a_name_before_two_dates_does_not_make_them_one_happening() -> None:
    from crosswire.compare.conflicts import _dates
    from crosswire.read.timex import TimeRef

    def dated(cid: str, source: str, text: str, when: str, day: str) -> Claim:
        at = text.index(when)
        time = TimeRef(Span(source, at, at + len(when)), when, day, day, "day", False)
        return claim(cid, source, text, times=(time,))

    a = dated(
        "c0",
        "a",
        "Comey indicated on Monday that he may have gone from ally to enemy.",
        "Monday",
        "2018-04-16",
    )
    b = dated("c1", "b", "Trump called Comey again on April 11 to ask about it.", "April 11", "2018-04-11")
    assert _dates(a, b, 0.9, DEFAULT_SETTINGS) is None
    walked = dated(
        "c2", "a", "The dockworkers walked out on Tuesday in a dispute over pay.", "Tuesday", "2026-03-17"
    )
    walked_off = dated("c3", "b", "The dockworkers walked off the job on Monday.", "Monday", "2026-03-16")
    assert _dates(walked, walked_off, 0.9, DEFAULT_SETTINGS) is not None


def test_two_dates_of_one_claim_pair_with_the_happening_the_other_claim_dates() -> None:
    from crosswire.compare.conflicts import _dates
    from crosswire.read.timex import TimeRef

    def dated(cid: str, source: str, text: str, *days: tuple[str, str]) -> Claim:
        times = tuple(
            TimeRef(Span(source, text.index(w), text.index(w) + len(w)), w, d, d, "day", False)
            for w, d in days
        )
        return claim(cid, source, text, times=times)

    both = dated(
        "c0",
        "a",
        "A girl shot herself with a gun May 11 and a 4-year-old boy shot himself in the hand Nov. 2.",
        ("May 11", "2016-05-11"),
        ("Nov. 2", "2015-11-02"),
    )
    boy = dated(
        "c1",
        "b",
        "A 4-year-old boy shot himself in the hand on Nov. 11, 2015.",
        ("Nov. 11, 2015", "2015-11-11"),
    )
    found = _dates(both, boy, 0.9, DEFAULT_SETTINGS)
    assert found is not None and "Nov. 2" in found.reason and "May 11" not in found.reason
    same = dated("c2", "b", "A 4-year-old boy shot himself in the hand Nov. 2.", ("Nov. 2", "2015-11-02"))
    assert _dates(both, same, 0.9, DEFAULT_SETTINGS) is None  # they agree on the boy's day


def test_dates_of_two_happenings_sharing_words_do_not_conflict() -> None:
    """A divorce filed on one day and a hearing held on another share "court records" and "wife", not the
    happening: the parse shows what each date is said of."""
    from crosswire.compare.conflicts import _dates
    from crosswire.read.timex import TimeRef

    def dated(cid: str, source: str, text: str, when: str, day: str) -> Claim:
        at = text.index(when)
        return claim(
            cid,
            source,
            text,
            times=(TimeRef(Span(source, at, at + len(when)), when, day, day, "day", False),),
        )

    filed = dated(
        "c0", "a", "Court records show Horn's wife filed for divorce on August 11.", "August 11", "2015-08-11"
    )
    hearing = dated(
        "c1",
        "b",
        "According to court records, Joseph Horn and his wife had a court hearing Wednesday.",
        "Wednesday",
        "2015-08-26",
    )
    assert _dates(filed, hearing, 0.9, DEFAULT_SETTINGS) is None
    filed_later = dated(
        "c2", "b", "Court records show his wife filed for divorce on August 19.", "August 19", "2015-08-19"
    )
    assert _dates(filed, filed_later, 0.9, DEFAULT_SETTINGS) is not None


def _counted(cid: str, source: str, text: str, figure: str, low: float, noun: str) -> Claim:
    from crosswire.read.quantities import Quantity

    at = text.index(figure)
    q = Quantity(Span(source, at, at + len(figure)), low, low, None, noun, None, None, False, figure)
    return _claim(cid, source, text, quantities=(q,))


def test_a_part_of_a_crowd_is_no_contradiction_of_the_whole() -> None:
    """Organizers escorting some 50 participants to the gate and hundreds of participants reaching the
    border count two sets; so does "50 of the participants" against the whole."""
    from crosswire.compare.conflicts import figure_checks

    def conflicts(a: Claim, b: Claim) -> int:
        return len(figure_checks(a, b, 0.6, DEFAULT_SETTINGS).conflicts)

    escorted = "Caravan organizers escorted some 50 participants along the walkway to the entrance."
    reached = "Hundreds of participants in the caravan made their way to the border on Sunday."
    a = _counted("c0", "a", escorted, "some 50 participants", 50, "participants")
    assert conflicts(a, _counted("c1", "b", reached, "Hundreds of participants", 200, "participants")) == 0
    whole = "Organizers escorted 300 participants in the caravan to the border."
    b = _counted("c2", "b", whole, "300 participants", 300, "participants")
    part = "Organizers escorted 50 of the participants in the caravan to the border."
    assert conflicts(_counted("c3", "a", part, "50", 50, "participants"), b) == 0
    same = "Organizers escorted 50 participants in the caravan to the border."
    assert conflicts(_counted("c4", "a", same, "50 participants", 50, "participants"), b) == 1  # one set


def test_two_distances_of_one_scene_still_conflict() -> None:
    """A distance is a measure, not a crowd with parts: "70 to 80 yards away" and "about 150 to 200 yards
    from Green" keep their numbers conflict, though their predicates differ."""
    from crosswire.compare.conflicts import figure_checks

    a = _counted(
        "c0", "a", "Green was 70 to 80 yards away from Noack inside her blind.", "70 to 80 yards", 70, "yards"
    )
    b = _counted(
        "c1",
        "b",
        "Noack was hunting in a ground blind about 150 to 200 yards from Green, unaware of her.",
        "about 150 to 200 yards",
        150,
        "yards",
    )
    assert len(figure_checks(a, b, 0.6, DEFAULT_SETTINGS).conflicts) == 1
