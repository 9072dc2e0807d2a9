"""Second thoughts on NER labels: organisation head nouns and places after locatives."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

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
