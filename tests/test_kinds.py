"""Second thoughts on NER labels: organisation, facility and landform nouns, given names, places after
locatives and offices, datelines, demonyms, time zones (issue #3)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from crosswire.read.given_names import is_given_name
from crosswire.read.kinds import corrected_kind, is_name_span
from crosswire.read.nlp import load_nlp


def _kinds(text: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, corrected_kind(e)) for e in load_nlp()(text).ents}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The water crested just below the village of Mirren.", "Mirren", "GPE"),
        ("Fighting raged around Qaryat al-Nour on Tuesday.", "Qaryat al-Nour", "GPE"),
        ("Apple shares rose after Tim Cook spoke in Cupertino.", "Tim Cook", "PERSON"),
        ("Apple shares rose after Tim Cook spoke in Cupertino.", "Apple", "ORG"),
        ("Prime Minister Anton Keller spoke on Tuesday.", "Anton Keller", "PERSON"),
    ],
)
def test_corrected_kind(text: str, name: str, kind: str) -> None:
    assert _kinds(text)[name][1] == kind


def test_a_name_ending_in_an_organisation_noun_is_an_organisation() -> None:
    doc = load_nlp()("Dorvik Harbour Authority said the pier was safe.")
    [ent] = [e for e in doc.ents if "Authority" in e.text]
    if ent.label_ == "ORG":  # the model got it right: the rule must not change that
        assert corrected_kind(ent) == "ORG"
    for label in ("PERSON", "NORP"):
        ent.label_ = label
        assert corrected_kind(ent) == "ORG"


def test_a_possessor_after_in_is_not_a_place() -> None:
    doc = load_nlp()("Few believed in Keller's plan, but many stayed in Keller.")
    first, second = [i for i, t in enumerate(doc) if t.text == "Keller"]
    assert corrected_kind(Span(doc, first, first + 1, label="PERSON")) == "PERSON"
    assert corrected_kind(Span(doc, second, second + 1, label="PERSON")) == "GPE"


@pytest.mark.parametrize(("noun", "kind"), [("province", "GPE"), ("river", "LOC"), ("air base", "FAC")])
def test_a_person_before_a_place_noun_is_a_place(noun: str, kind: str) -> None:
    doc = load_nlp()(f"Fighting spread to the Tarvel {noun} on Monday.")
    i = next(t.i for t in doc if t.text == "Tarvel")
    assert corrected_kind(Span(doc, i, i + 1, label="PERSON")) == kind
    assert corrected_kind(Span(doc, i, i + 1, label="ORG")) == "ORG"  # only names taken for people


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("Trains will run every 30 minutes at peak times, the ministry said.", "Trains", False),
        ('"Strikes are a right," Prime Minister Anton Keller said.', "Strikes", False),
        ("Videos posted online showed smoke over Lindrell.", "Videos", False),
        ("Videos posted online showed smoke over Lindrell.", "Lindrell", True),
        ("The union said Teamsters would strike.", "Teamsters", True),  # inside the sentence: kept
    ],
)
def test_a_plural_noun_opening_a_sentence_is_no_name(text: str, word: str, name: bool) -> None:
    doc = load_nlp()(text)
    i = next(t.i for t in doc if t.text == word)
    assert is_name_span(Span(doc, i, i + 1, "ORG")) is name


def _kind_as(text: str, name: str, label: str) -> str:
    """The corrected kind of ``name`` in ``text`` had NER labelled it ``label``."""
    doc = load_nlp()(text)
    start = next(i for i, t in enumerate(doc) if doc[i:].text.startswith(name))
    end = next(j for j in range(start + 1, len(doc) + 1) if doc[start:j].text == name)
    return corrected_kind(Span(doc, start, end, label=label))


@pytest.mark.parametrize(
    ("text", "name", "label", "kind"),
    [
        # its own words
        ("Water poured through the Kalvik Dam on Tuesday.", "Kalvik Dam", "ORG", "FAC"),
        ("Rain fell on the upper Orsa valley for days.", "Orsa valley", "FAC", "LOC"),
        ("A spokesman for Jabhat al-Shamal said the group would stay.", "Jabhat al-Shamal", "PERSON", "ORG"),
        ("Shares of Manchester City rose.", "Manchester City", "ORG", "ORG"),  # a club, not a city
        # a given name
        ("Union leaders met Marta Kellan on Tuesday.", "Marta Kellan", "GPE", "PERSON"),
        ("Flights to Santa Clara were cancelled.", "Santa Clara", "GPE", "GPE"),  # a known place
        ("Ships waited outside Sydney Harbour.", "Sydney Harbour", "LOC", "LOC"),
        # the words around it
        ("Viktor Hale, a National Renewal MP for Dravan, spoke.", "Dravan", "PERSON", "GPE"),
        ("The figure was given by the Dravan provincial emergency service.", "Dravan", "PERSON", "GPE"),
        ("Rebels may march toward Tell Harim, where troops stayed behind.", "Tell Harim", "PERSON", "GPE"),
        ("Water flooded the towns of Lindrell and Sable Ford.", "Sable Ford", "PERSON", "GPE"),
        ("The observatory, a monitoring group based in Sahlan, said so.", "Sahlan", "ORG", "GPE"),
        ("Investors in Sahlan lost money.", "Sahlan", "ORG", "ORG"),  # "in" alone: a stake in a firm
        ("SAHLAN, Qadira — Four days later, jets struck.", "SAHLAN", "ORG", "GPE"),
        ("RENO, Nev. (AP) - The cabinet met.", "AP", "ORG", "ORG"),  # the agency, not the town
        ("Few had faith in Anne Keller at the time.", "Anne Keller", "PERSON", "PERSON"),  # a given name
        # its article
        ("Jets left Qadira. The Qadiran army advanced.", "Qadiran", "GPE", "NORP"),
        ("Talks between the Qadiran government and rebels resumed.", "Qadiran", "GPE", "NORP"),
        ("Talks between the Iran government and rebels resumed.", "Iran", "GPE", "GPE"),  # a known place
    ],
)
def test_cues_overrule_the_ner_label(text: str, name: str, label: str, kind: str) -> None:
    assert _kind_as(text, name, label) == kind


def test_a_time_zone_is_no_name() -> None:
    doc = load_nlp()("The embankment failed at 3:40 a.m. (0240 GMT) on Tuesday.")
    i = next(t.i for t in doc if t.text == "GMT")
    assert is_name_span(Span(doc, i, i + 1, "ORG")) is False
    assert is_name_span(Span(doc, i - 1, i, "CARDINAL")) is False  # no capital either


@pytest.mark.parametrize(
    ("word", "given"),
    [
        ("Marta", True),
        ("ANTON", True),
        ("David", True),
        ("Georgia", False),
        ("Lindrell", False),
        ("Tell", False),
    ],
)
def test_given_names_come_from_the_census_lists_less_countries_and_states(word: str, given: bool) -> None:
    assert is_given_name(word) is given
