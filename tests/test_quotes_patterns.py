"""Quote extraction patterns beyond "X said Y" (issue #3): each test is an invented sentence whose speaker,
cue and content the extractor must find, so that a regression in one pattern fails its own test."""

from __future__ import annotations

import pytest

from crosswire.read.quotes import Quote, quotes_from_text


def _find(text: str, cue: str) -> Quote:
    """The quote whose cue text contains ``cue``."""
    quotes = quotes_from_text(text)
    found = [q for q in quotes if q.cue is not None and cue in q.cue.text_of(text)]
    assert found, f"no quote with cue {cue!r} in {[q.cue.text_of(text) for q in quotes if q.cue]}"
    return found[0]


def _content(q: Quote, text: str) -> str:
    return q.content.text_of(text)


def test_as_clause_reports_the_main_clause() -> None:
    text = "As the Harbour Gazette reported on Monday, the Vellmore ferry will stop running in May."
    q = _find(text, "reported")
    assert q.speaker_text == "the Harbour Gazette"
    assert "ferry will stop running in May" in _content(q, text)
    assert "Gazette" not in _content(q, text)


def test_statement_noun_with_possessive_speaker() -> None:
    text = "The council rejected Mayor Olsen's claim that the bridge needed no repairs."
    q = _find(text, "claim")
    assert q.speaker_text == "Mayor Olsen's"
    assert _content(q, text) == "that the bridge needed no repairs"


def test_statement_noun_with_preposition() -> None:
    text = "The union welcomed Governor Pell's criticism of the new port tariffs."
    q = _find(text, "criticism")
    assert q.speaker_text == "Governor Pell's"
    assert _content(q, text) == "the new port tariffs"


def test_headline_colon_names_the_speaker() -> None:
    text = "Senator Ada Brisk: Our Farmers Deserve Better\nThe senator spoke in Dunmore on Friday."
    q = _find(text, ":")
    assert q.speaker_text == "Senator Ada Brisk"
    assert _content(q, text) == "Our Farmers Deserve Better"


def test_colon_after_a_clause_is_not_a_headline() -> None:
    text = "The pattern was clear: the council kept delaying the vote on the new library."
    assert not [q for q in quotes_from_text(text) if q.cue is not None and q.cue.text_of(text) == ":"]


def test_passive_cue_takes_its_agent_as_speaker() -> None:
    text = "The new toll was denounced by the drivers' association in Kelby."
    q = _find(text, "denounced")
    assert q.speaker_text == "the drivers' association in Kelby"
    assert _content(q, text) == "The new toll"


def test_participle_modifier_is_content_not_speaker() -> None:
    text = "Officials will start the census in Ravel next week, a plan announced by the ministry in March."
    q = _find(text, "announced")
    assert q.speaker_text == "the ministry"
    assert _content(q, text) == "a plan"


def test_seem_is_an_attribution_without_a_source() -> None:
    text = "After the vote, Mr. Dorran seemed reluctant to discuss the budget of the harbour board."
    q = _find(text, "seemed")
    assert q.speaker is None
    assert _content(q, text).startswith("Mr. Dorran") and "reluctant" in _content(q, text)


def test_poll_is_the_source_of_what_it_shows() -> None:
    text = "In a Tarrow Courier poll, Ms. Quill leads the mayoral race by nine points."
    q = _find(text, "In")
    assert q.speaker_text == "a Tarrow Courier poll"
    assert "Ms. Quill leads the mayoral race" in _content(q, text)


def test_relative_pronoun_speaker_keeps_its_antecedent() -> None:
    text = "The plan was opposed by Lena Vosk, who said that the fees would hurt small farms."
    q = _find(text, "said")
    assert q.speaker_text == "who"
    assert q.speaker_resolved == "Lena Vosk"
    assert q.speaker_antecedent is not None and q.speaker_antecedent.text_of(text) == "Lena Vosk"
    assert _content(q, text) == "that the fees would hurt small farms"


def test_restrictive_relative_clause_stays_in_the_speaker() -> None:
    text = "Residents who live near the quarry said the blasting cracked their walls."
    q = _find(text, "said")
    assert q.speaker_text == "Residents who live near the quarry"


def test_non_restrictive_relative_clause_is_left_out_of_the_speaker() -> None:
    text = "Mr. Harlan, who runs the bakery on Mill Street, said the new tax would close his shop."
    q = _find(text, "said")
    assert q.speaker_text == "Mr. Harlan"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Mr. Brock recounted the long strike of the dockers.",
            "recounted",
            "the long strike of the dockers",
        ),
        ("Ms. Ferr ripped into the council's budget plan.", "ripped into", "the council's budget plan"),
        ("Recent surveys show a narrow lead for Mr. Dale.", "show", "a narrow lead for Mr. Dale"),
        ("The county released a detailed flood map on Tuesday.", "released", "a detailed flood map"),
    ],
)
def test_new_cue_verbs_take_their_object(text: str, cue: str, content: str) -> None:
    assert _content(_find(text, cue), text) == content
