"""Claim-group statuses on small invented events: corroborated (independent outlets only), unique, each kind
of conflict with its reason, and compatible figures or dates that are not conflicts."""

from __future__ import annotations

import pytest

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.conflicts import _places
from crosswire.compare.dossier import Dossier, build_dossier
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.model import Article, Span
from crosswire.read.places import Place
from crosswire.read.reader import Reading
from tests.fixtures.claims import claim

WIRE_TEXT = (
    "Warplanes are flying 20-25 sorties a day over the province of Varn, the defence ministry said.\n\n"
    "The air group will continue to strike rebel positions around the town of Ardel, the ministry said.\n\n"
    "Rescue teams have pulled more than 100 people from the rubble of the collapsed school in Ardel.\n\n"
    "The Korven air base holds a squadron of heavy transport aircraft and two refuelling tankers."
)
REWRITE_TEXT = (
    "Warplanes are flying 20-25 sorties a day over the province of Varn, the defence ministry said.\n\n"
    "The air group will continue to strike rebel positions around the town of Ardel, the ministry said.\n\n"
    "Rescue teams pulled more than 100 people from the rubble of the collapsed school in Ardel.\n\n"
    "The Korven air base holds a squadron of heavy transport aircraft and two refuelling tankers."
)
PAPER_TEXT = (
    "Warplanes are flying 40 sorties a day over the province of Varn, according to military sources.\n\n"
    "The air strikes on rebel positions around the town of Ardel have stopped, residents told the paper.\n\n"
    "Rescue teams have pulled 110 people from the rubble of the collapsed school in Ardel.\n\n"
    "A new ferry line across the Velt estuary will open next spring, the harbour office announced."
)
STRIKE_WIRE = (
    "Dockworkers at the port of Arlen walked off the job on Monday in a dispute over pay and automation.\n\n"
    "The union says the terminal company plans to cut about 400 jobs by bringing in automated cranes.\n\n"
    "A car bomb exploded outside the central market in Aleppo, killing several shoppers, police said.\n\n"
    "The ceasefire between the army and the rebels took effect three weeks ago and has largely held."
)
STRIKE_PAPER = (
    "Dockworkers at the port of Arlen walked out on Tuesday in a dispute over pay and automation.\n\n"
    "The terminal company is planning to cut 400 jobs by bringing in automated cranes.\n\n"
    "A car bomb exploded outside the central market in Homs, killing several shoppers, police said.\n\n"
    "The ceasefire between the army and the rebels has been in place since 27 February and has largely held."
)
STRIKE_TV = (
    "There is no plan to cut 400 jobs, the chief executive of the terminal company told state television."
)


def _article(aid: str, outlet: str, published: str, text: str, copy_of: str | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published, copy_of=copy_of)


@pytest.fixture(scope="module")
def air() -> Dossier:
    articles = [
        _article("wire", "Wire Agency", "2026-03-12T10:00:00Z", WIRE_TEXT),
        _article("copy", "Regional Paper", "2026-03-12T12:00:00Z", WIRE_TEXT, copy_of="wire"),
        _article("rewrite", "Town Courier", "2026-03-12T13:00:00Z", REWRITE_TEXT),
        _article("paper", "Daily Paper", "2026-03-13T07:00:00Z", PAPER_TEXT),
    ]
    return build_dossier(articles, "air")


@pytest.fixture(scope="module")
def strike() -> Dossier:
    articles = [
        _article("sw", "Wire Agency", "2026-03-17T10:00:00Z", STRIKE_WIRE),  # a Tuesday
        _article("sp", "Daily Paper", "2026-03-18T07:00:00Z", STRIKE_PAPER),  # a Wednesday
        _article("tv", "State TV", "2026-03-18T19:00:00Z", STRIKE_TV),
    ]
    return build_dossier(articles, "strike")


def _group_with(d: Dossier, *phrases: str) -> ClaimGroup:
    for g in d.groups:
        texts = [c.text for c in g.claims]
        if all(any(p in t for t in texts) for p in phrases):
            return g
    raise AssertionError(f"no claim group holds all of {phrases}")


def test_wire_copy_and_rewrite_count_once(air: Dossier) -> None:
    sources = {a.id: a.source for a in air.articles}
    assert sources["copy"] == "wire" and sources["rewrite"] == "wire" and sources["paper"] == "paper"


def test_unique_to_one_source_even_with_its_copies(air: Dossier) -> None:
    g = _group_with(air, "refuelling tankers")
    assert g.status == "unique" and g.independent == 1
    assert set(g.outlets) == {"Wire Agency", "Regional Paper", "Town Courier"}
    assert _group_with(air, "ferry line").status == "unique"


def test_corroborated_counts_independent_outlets(air: Dossier) -> None:
    g = _group_with(air, "more than 100 people", "110 people")
    assert g.status == "corroborated"
    assert g.independent == 2  # wire + copy + rewrite are one source; the paper the other
    assert len(g.outlets) == 4


def test_compatible_figures_are_not_a_conflict(air: Dossier) -> None:
    g = _group_with(air, "more than 100 people", "110 people")
    assert not g.conflicts
    assert any("110" in c.reason for c in g.compatible)


def _kinds(g: ClaimGroup) -> set[str]:
    return {c.kind for c in g.conflicts}


def test_numbers_conflict_on_same_counted_thing(air: Dossier) -> None:
    g = _group_with(air, "20-25 sorties", "40 sorties")
    assert g.status == "conflicting" and "numbers" in _kinds(g)
    reason = next(c.reason for c in g.conflicts if c.kind == "numbers")
    assert "20-25 sorties" in reason and "40 sorties" in reason


def test_polarity_conflict(air: Dossier) -> None:
    g = _group_with(air, "will continue to strike", "have stopped")
    assert g.status == "conflicting" and "polarity" in _kinds(g)


def test_dates_conflict_resolved_against_publication(strike: Dossier) -> None:
    g = _group_with(strike, "walked off the job on Monday", "walked out on Tuesday")
    assert "dates" in _kinds(g)
    reason = next(c.reason for c in g.conflicts if c.kind == "dates")
    assert "2026-03-16" in reason and "2026-03-17" in reason


def test_places_conflict(strike: Dossier) -> None:
    g = _group_with(strike, "market in Aleppo", "market in Homs")
    assert "places" in _kinds(g)


def test_attribution_conflict_on_a_contested_figure(strike: Dossier) -> None:
    g = _group_with(strike, "The union says", "is planning to cut 400 jobs")
    assert "attribution" in _kinds(g)
    conflict = next(c for c in g.conflicts if c.kind == "attribution")
    fact = strike.claim(conflict.claim_a)
    assert fact.outlet == "Daily Paper" and "says" in conflict.reason


def test_relative_and_absolute_dates_are_compatible(strike: Dossier) -> None:
    g = _group_with(strike, "three weeks ago", "since 27 February")
    assert "dates" not in _kinds(g)


def test_omissions_list_corroborated_claims_an_outlet_lacks(air: Dossier) -> None:
    corroborated = {g.id for g in air.groups if g.status == "corroborated"}
    for outlet, missing in air.omissions.items():
        assert set(missing) <= corroborated
        assert all(outlet not in air.group(gid).outlets for gid in missing)


def test_a_denial_is_not_a_figure_stated_as_fact(strike: Dossier) -> None:
    attributions = [c for g in strike.groups for c in g.conflicts if c.kind == "attribution"]
    assert attributions
    assert {strike.claim(c.claim_a).outlet for c in attributions} == {"Daily Paper"}


def test_reasons_read_as_sentences(strike: Dossier, air: Dossier) -> None:
    reasons = [r for d in (strike, air) for diff in d.differences for r in diff.reasons]
    assert any(k in r for r in reasons for k in ("says otherwise", "says it goes on"))
    for reason in reasons:
        assert "““" not in reason and '“"' not in reason and "””" not in reason
        assert "says it holds" not in reason and "says it does not" not in reason


def _place(name: str, country: str, kind: str, gid: int) -> Place:
    return Place(Span("x", 0, len(name)), name, name, None, None, country, gid, kind)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (_place("Aleppo", "SY", "city", 1), _place("Homs", "SY", "city", 2), True),
        (
            _place("Aleppo", "SY", "city", 1),
            _place("Syria", "SY", "country", 3),
            False,
        ),  # one holds the other
        (_place("Aleppo", "SY", "city", 1), _place("Aleppo", "SY", "city", 1), False),
        (_place("Texas", "US", "admin1", 4), _place("Florida", "US", "admin1", 5), True),
        (_place("Paris", "FR", "city", 6), _place("Germany", "DE", "country", 7), True),
    ],
)
def test_a_place_conflict_needs_places_that_cannot_both_hold(
    first: Place, second: Place, conflict: bool
) -> None:
    text = "A car bomb exploded outside the central market, killing several shoppers."
    a, b = claim("c0", "a", text, places=(first,)), claim("c1", "b", text, places=(second,))
    assert (_places(a, b, 0.95, DEFAULT_SETTINGS) is not None) is conflict


def test_a_title_case_headline_names_no_place_to_contradict() -> None:
    from crosswire.compare.claims import _where

    text = "2-Year-Old Killed in Little Rock Shooting"
    unresolved = Place(
        Span("x", 21, 41), "Little Rock Shooting", "Little Rock Shooting", None, None, None, None
    )
    reading = Reading(article_id="x", places=[unresolved])
    assert _where(reading, 0, len(text), text) == []
    resolved = Place(Span("x", 21, 32), "Little Rock", "Little Rock", 34.7, -92.3, "US", 4119403, "city")
    assert _where(Reading(article_id="x", places=[resolved]), 0, len(text), text) == [resolved]


def test_what_nobody_knows_yet_is_no_attribution_difference() -> None:
    from crosswire.compare.conflicts import _attribution

    told = claim("c1", "b", "Police say the motive of the shooting is unknown.", cue="say")
    assert (
        _attribution(claim("c0", "a", "A motive for the shooting is unknown."), told, 0.95, DEFAULT_SETTINGS)
        is None
    )
    stated = claim("c2", "a", "The gunman shot the clerk over a debt.")
    alleged = claim("c3", "b", "Police say the gunman shot the clerk over a debt.", cue="say")
    assert _attribution(stated, alleged, 0.95, DEFAULT_SETTINGS) is not None


def test_a_count_over_a_period_is_not_set_against_a_count_of_one_happening() -> None:
    from crosswire.compare.conflicts import figure_pairs
    from crosswire.read.quantities import extract_quantities

    def counted(cid: str, source: str, text: str) -> Claim:
        return claim(cid, source, text, quantities=tuple(extract_quantities(text, source)))

    period = counted("c0", "a", "Eight children have been shot in the past 17 months, the prosecutor said.")
    incident = counted("c1", "b", "Two children were shot after finding unsecured guns in their homes.")
    assert figure_pairs(period, incident) == []
    also_incident = counted("c2", "a", "Three children were shot after finding unsecured guns at home.")
    assert [ok for _, _, ok in figure_pairs(also_incident, incident)] == [False]
