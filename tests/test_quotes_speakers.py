"""Speaker spans (issue #3): what the speaker phrase holds, and the name shown for it. Invented sentences;
each pattern has its own test so that a regression names itself."""

from __future__ import annotations

from crosswire.read.quotes import Quote, quotes_from_text


def _find(text: str, cue: str) -> Quote:
    """The quote whose cue text contains ``cue``."""
    quotes = quotes_from_text(text)
    found = [q for q in quotes if q.cue is not None and cue in q.cue.text_of(text)]
    assert found, f"no quote with cue {cue!r} in {[q.cue.text_of(text) for q in quotes if q.cue]}"
    return found[0]


def _speaker_span(q: Quote, text: str) -> str:
    assert q.speaker is not None
    return q.speaker.text_of(text)


def test_a_relative_clause_set_off_by_commas_is_in_the_speaker_span_but_not_the_name() -> None:
    text = "Mara Olsen, who heads the harbour workers' union, said the strike would go on."
    q = _find(text, "said")
    assert _speaker_span(q, text) == "Mara Olsen, who heads the harbour workers' union"
    assert q.speaker_text == "Mara Olsen"
    assert q.speaker_resolved == "Mara Olsen"


def test_a_relative_clause_that_reports_on_its_own_leaves_the_speaker() -> None:
    text = (
        "Mara Olsen, who also said that the port was losing money, told reporters that the strike "
        "would go on."
    )
    q = _find(text, "told")
    assert _speaker_span(q, text) == "Mara Olsen"


def test_a_relative_clause_set_off_by_dashes_is_not_in_the_speaker() -> None:
    text = "Mara Olsen — who heads the harbour workers' union — said the strike would go on."
    q = _find(text, "said")
    assert _speaker_span(q, text) == "Mara Olsen"


def test_a_name_hung_from_a_fronted_phrase_is_the_speaker() -> None:
    text = "In a statement to the Gazette, her spokesman, Jan Pell, said the mayor would run again."
    q = _find(text, "said")
    assert q.speaker_text is not None and "Jan Pell" in q.speaker_text
    assert "statement" not in q.speaker_text


def test_a_participle_on_an_object_takes_the_subject_of_its_verb() -> None:
    text = "The Harbour Fund is running ads attacking Mayor Olsen over the new tolls."
    q = _find(text, "attacking")
    assert q.speaker_text == "The Harbour Fund"


def test_an_infinitive_on_an_object_takes_the_subject_of_its_verb() -> None:
    text = "Investigators have no evidence to suggest that the mayor knew about the payments."
    q = _find(text, "suggest")
    assert q.speaker_text == "Investigators"


# -- pronoun speakers: who "he" is ------------------------------------------------------------------


def _resolved(text: str, cue: str, nth: int = 0) -> str | None:
    quotes = [q for q in quotes_from_text(text) if q.cue is not None and q.cue.text_of(text) == cue]
    return quotes[nth].speaker_resolved


def test_he_is_the_person_the_writer_made_the_subject_since_the_last_speaker() -> None:
    text = (
        "Police spokesman Tom Hale told reporters that the fire was an accident.\n\n"
        "Mayor Pedro Alvarez, who was re-elected this month, visited the street on Friday and spoke "
        "with residents. He said the city would pay for temporary housing."
    )
    assert "Alvarez" in (_resolved(text, "said") or "")


def test_a_subject_of_an_earlier_sentences_side_clause_does_not_take_he() -> None:
    text = (
        "Governor Paul Marsh, speaking minutes after Tom Hale arrived, praised the crews. "
        "He said the town would rebuild."
    )
    assert "Marsh" in (_resolved(text, "said") or "")


def test_a_name_inside_a_quotation_does_not_take_he() -> None:
    text = (
        "Paul Marsh spoke first at the meeting in Dunmore. "
        'He said: "Tom Hale is wrong about the budget." '
        "Later he said the vote would go ahead."
    )
    assert "Marsh" in (_resolved(text, "said", nth=1) or "")
