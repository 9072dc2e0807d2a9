"""Grouping evidence beyond sentence vectors, on invented sentences: figures that do not meet keep two
topic-close claims apart, one happening dated to the same day groups two differently worded claims, an age
that matches a year of building is listed without joining two claims about different things, and a clause
opened by a present-tense or irregular verb is its own claim."""

from __future__ import annotations

from crosswire.compare.align import ClaimGroup, _aligns
from crosswire.compare.claims import Claim, claim_bounds
from crosswire.compare.conflicts import figures_apart
from crosswire.compare.dossier import Dossier, build_dossier
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.model import Article
from crosswire.read.quantities import extract_quantities
from tests.fixtures.claims import claim

RATE = "Aircraft at the Korven base are flying between 18 and 22 sorties a day against rebel positions."
TOTAL = "Since October the air group has flown more than 9,000 sorties against rebel positions."
PACE = "Jets from the Korven base are flying about 20 sorties a day against the rebels."
NO_FIGURE = "The air group is still striking rebel positions around the Korven base."
DAM = "The Velt dam burst on Tuesday, flooding the villages of Orm and Tarra in the north of the province."
SEARCH = (
    "Crews were still searching the flooded streets of Orm, where the river broke through the dam on Tuesday."
)
BRIDGE_A = "The Orlen Bridge, a steel span built in 1971, carries the coast road over the Tamsk river."
BRIDGE_B = "Engineers had warned for years that the 55-year-old bridge needed new cables."


def _claim(cid: str, source: str, text: str) -> Claim:
    quantities = tuple(extract_quantities(text, source))
    return claim(cid, source, text, quantities=quantities, published="2026-03-18T10:00:00Z")


def _dossier(*texts: str) -> Dossier:
    outlets = ["Wire Agency", "Daily Paper", "State TV", "Evening Post"]
    articles = [
        Article(id=f"a{k}", text=t, outlet=outlets[k], published="2026-03-18T10:00:00Z")
        for k, t in enumerate(texts)
    ]
    return build_dossier(articles, "grouping")


def _group_of(d: Dossier, phrase: str) -> ClaimGroup:
    return next(g for g in d.groups if any(phrase in c.text for c in g.claims))


def test_figures_that_do_not_meet_are_apart() -> None:
    rate, total = _claim("c0", "wire", RATE), _claim("c1", "paper", TOTAL)
    pace, plain = _claim("c2", "tv", PACE), _claim("c3", "post", NO_FIGURE)
    assert figures_apart(rate, total)  # sorties a day against sorties in all
    assert figures_apart(total, plain)  # a figure the other claim does not state
    assert not figures_apart(rate, pace)  # "18 to 22" and "about 20" a day agree
    assert not figures_apart(plain, _claim("c4", "tv", "Rebel positions near Korven are still being hit."))


def test_claims_whose_figures_are_apart_align_only_when_nearly_the_same() -> None:
    rate, total, pace = _claim("c0", "wire", RATE), _claim("c1", "paper", TOTAL), _claim("c2", "tv", PACE)
    weak = (DEFAULT_SETTINGS.align_weak + DEFAULT_SETTINGS.align_strong) / 2
    assert not _aligns(rate, total, weak, DEFAULT_SETTINGS)
    assert _aligns(rate, pace, weak, DEFAULT_SETTINGS)
    assert _aligns(rate, total, DEFAULT_SETTINGS.align_strong, DEFAULT_SETTINGS)


def test_one_happening_dated_to_the_same_day_groups_two_wordings() -> None:
    d = _dossier(DAM, SEARCH)
    g = _group_of(d, "Velt dam burst")
    assert g.status == "corroborated" and any("Crews were still searching" in c.text for c in g.claims)
    d = _dossier(DAM, SEARCH.replace("on Tuesday", "on Monday"))
    assert _group_of(d, "Velt dam burst").status == "unique"


def test_a_figure_dated_by_that_day_is_a_detail_of_the_happening() -> None:
    after = "Crews were still searching the flooded streets of Orm a day after the Velt dam burst on Tuesday."
    killed = "The Velt dam burst on Tuesday, flooding the villages of Orm and Tarra and killing 9 people."
    assert _group_of(_dossier(killed, after), "killing 9 people").status == "corroborated"
    held = "The Velt dam, which held 40 million cubic metres of water in January, burst on Tuesday near Orm."
    # the figure counts January's water, not what happened on Tuesday
    assert _group_of(_dossier(held, after), "40 million cubic metres").status == "unique"


def test_an_age_matching_a_year_of_building_is_listed_without_joining() -> None:
    d = _dossier(BRIDGE_A, BRIDGE_B)
    aged, built = _group_of(d, "55-year-old bridge"), _group_of(d, "built in 1971")
    assert aged is not built and built.status == "unique"
    assert any("1971" in c.reason for c in aged.compatible)
    assert {c.id for c in d.claims} >= {x for c in aged.compatible for x in (c.claim_a, c.claim_b)}


def test_a_clause_opened_by_a_present_or_irregular_verb_is_its_own_claim() -> None:
    text = (
        "Dozens of people are still missing, and some locals fear the final toll could top 50. "
        "Rescuers had saved some 340 people by nightfall, and about 4,000 people spent the night in shelters."
    )
    article = Article(id="a", text=text, outlet="Northline")
    parts = [text[s:e] for s, e in claim_bounds(article, DEFAULT_SETTINGS)]
    assert parts == [
        "Dozens of people are still missing,",
        "some locals fear the final toll could top 50.",
        "Rescuers had saved some 340 people by nightfall,",
        "about 4,000 people spent the night in shelters.",
    ]
