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


# --------------------------------------------------------------------------- session 8: recall and speakers


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("The mayor has a long history of blaming the ferry company for delays.", "blaming", "The mayor"),
        ("The union was quick to point out that the port had lost money.", "point", "The union"),
        (
            "The harbour officials were angered by the ruling and predicted it would hurt the port.",
            "predicted",
            "The harbour officials",
        ),
    ],
)
def test_a_cue_without_a_subject_takes_the_one_it_shares(text: str, cue: str, speaker: str) -> None:
    assert _find(text, cue).speaker_text == speaker


def test_an_as_clause_with_its_own_object_does_not_report_the_main_clause() -> None:
    text = "As the mayor attacked the council, the crowd in the square shouted, “Resign!”"
    q = _find(text, "attacked")
    assert _content(q, text) == "the council"
    assert _find(text, "shouted").speaker_text == "the crowd in the square"


def test_a_stance_noun_before_is_names_its_holder() -> None:
    text = "The mayor's contention was that the bridge is safe."
    q = _find(text, "contention")
    assert q.speaker_text == "The mayor's"
    assert _content(q, text) == "that the bridge is safe"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Senator Ada Brisk, a longtime backer of the ferry plan, visited Kelby.",
            "backer of",
            "Senator Ada Brisk",
            "the ferry plan",
        ),
        ("Brisk is a fierce critic of the tolls.", "critic of", "Brisk", "the tolls"),
        (
            "The union came out in support of the strike on Monday.",
            "in support of",
            "The union",
            "the strike",
        ),
        (
            "Senator Brisk raised questions about the ferry contract.",
            "questions about",
            "Senator Brisk",
            "the ferry contract",
        ),
        (
            "The union expressed concern that the port would close.",
            "concern",
            "The union",
            "that the port would close",
        ),
    ],
)
def test_stance_nouns_name_who_holds_the_stance(text: str, cue: str, speaker: str, content: str) -> None:
    q = _find(text, cue)
    assert q.speaker_text == speaker
    assert _content(q, text) == content


def test_money_raised_is_no_attribution() -> None:
    text = "The council raised money for the port."
    assert not [q for q in quotes_from_text(text) if q.cue is not None and "raised" in q.cue.text_of(text)]


def test_a_light_verb_is_part_of_the_noun_cue_and_gives_no_second_attribution() -> None:
    text = "The union expressed concern that the port would close."
    assert len(quotes_from_text(text)) == 1


def test_a_name_before_a_colon_and_a_quotation_is_the_speaker() -> None:
    text = "The result does not surprise pollster Jane Doe: “Late deciders broke for the mayor.”"
    q = _find(text, ":")
    assert q.speaker_text == "pollster Jane Doe"
    assert _content(q, text) == "Late deciders broke for the mayor"


def test_a_listener_before_a_colon_is_not_the_speaker() -> None:
    text = "Brisk told Jane Doe: “We will win.”"
    assert [q.speaker_text for q in quotes_from_text(text)] == ["Brisk"]


def test_a_second_act_joined_inside_the_content_is_its_own_attribution() -> None:
    text = "Chris Brown, a ferry worker, said he earns little and questioned how the plan would help him."
    said, questioned = _find(text, "said"), _find(text, "questioned")
    assert _content(said, text) == "he earns little"
    assert questioned.speaker_text == "Chris Brown, a ferry worker"
    assert _content(questioned, text) == "how the plan would help him"


def test_a_clause_joined_before_the_cue_is_not_what_was_said() -> None:
    text = (
        "Vosk, who supported Senator Ada Brisk, R-Kelby, and virulently opposed Dunn during the primaries, "
        "last week said Dunn was seeking to start a movement."
    )
    q = _find(text, "said")
    assert q.speaker_text == "Vosk"
    assert _content(q, text) == "Dunn was seeking to start a movement"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Our revolution has already forced the council to change course,” read the email.", "the email"),
        (
            "“I am not going to say it is a mistake, so forget about it,” said retired surgeon Ben Hale, "
            "asked about his claims.",
            "retired surgeon Ben Hale",
        ),
        (
            "“Having access to the harbour files and two people who understand them is valuable,” "
            "said Skelly, explaining he worked more closely with Vosk.",
            "Skelly",
        ),
    ],
)
def test_a_speaker_after_the_cue_and_a_quotation_is_found_when_the_parse_misses_it(
    text: str, speaker: str
) -> None:
    q = _find(text, "said" if "said" in text else "read")
    assert q.speaker_text == speaker
    assert _content(q, text).startswith(text[1:20])


def test_a_date_after_a_statement_noun_is_not_its_content() -> None:
    text = "The union welcomed Governor Pell's statement on Tuesday."
    assert not [q for q in quotes_from_text(text) if q.cue is not None and "statement" in q.cue.text_of(text)]
