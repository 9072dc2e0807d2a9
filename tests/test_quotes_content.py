"""Where a quote's content starts and ends (issue #3): invented sentences whose content must neither stop
early (a clause inside it, a quotation after the reporting clause) nor run on into the writer's own words."""

from __future__ import annotations

from crosswire.read.quotes import Quote, quotes_from_text


def _quotes(text: str, cue: str) -> list[Quote]:
    quotes = quotes_from_text(text)
    return [q for q in quotes if q.cue is not None and q.cue.text_of(text) == cue]


def _one(text: str, cue: str) -> Quote:
    found = _quotes(text, cue)
    assert len(found) == 1, f"{len(found)} quotes with cue {cue!r}"
    return found[0]


def _parts(q: Quote, text: str) -> list[str]:
    return [p.text_of(text) for p in q.content_parts]


def test_infinitive_inside_the_content_stays_in_it() -> None:
    text = "Marta Vell, a nurse, said she came to the rally on Sunday to support the harbour workers."
    q = _one(text, "said")
    assert q.content.text_of(text) == "she came to the rally on Sunday to support the harbour workers"


def test_continuation_goes_to_the_quoted_speaker_not_a_later_cue() -> None:
    text = "“The ferry is late again,” Olsen said, referring to the morning boat. “We cannot wait.”"
    assert _parts(_one(text, "said"), text) == ["The ferry is late again", "We cannot wait"]
    assert _parts(_one(text, "referring to"), text) == ["the morning boat"]


def test_quotation_is_not_the_content_of_the_next_paragraph() -> None:
    text = "The levee report was blunt: “The river is rising.”\nThe mayor responded on Monday."
    assert not [q for q in quotes_from_text(text) if q.cue is not None and "responded" in q.cue.text_of(text)]


def test_second_reporting_clause_is_its_own_attribution() -> None:
    text = (
        "Three-quarters of the farmers said they were very worried about the drought, and more than 4 in 10"
        " said the governor would be best at handling it."
    )
    first, second = _quotes(text, "said")
    assert first.content.text_of(text) == "they were very worried about the drought"
    assert second.content.text_of(text) == "the governor would be best at handling it"


def test_trailing_participle_is_the_speakers_next_act() -> None:
    text = "Olsen said the bridge was safe, conceding that the railings were old."
    assert _one(text, "said").content.text_of(text) == "the bridge was safe"
    conceding = _one(text, "conceding")
    assert conceding.speaker_text == "Olsen"
    assert conceding.content.text_of(text) == "that the railings were old"


def test_trailing_as_clause_is_left_out() -> None:
    text = "The council said the harbour would open in May, as it faced a deadline from the ministry."
    assert _one(text, "said").content.text_of(text) == "the harbour would open in May"
