"""Learned cue frames, their reliability filter, and the speaker and continuation rules of issue #3.

Every sentence is invented. Tests of a learned frame pass their own ``CueTable``, so they do not depend on
what ``quote_frames.json`` holds today; one test checks that file's shape.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from crosswire.read.nlp import parse
from crosswire.read.quote_frames import CueTable, frame_of, load_table
from crosswire.read.quotes import Quote, extract_quotes, quotes_from_text

EMPTY = CueTable({}, {})


def _quotes(text: str, table: CueTable = EMPTY) -> list[Quote]:
    return extract_quotes(next(parse([text])), table=table)


def _with_cue(quotes: list[Quote], text: str, cue: str) -> Quote:
    found = [q for q in quotes if q.cue is not None and cue in q.cue.text_of(text)]
    assert found, f"no quote with cue {cue!r} in {[q.cue.text_of(text) for q in quotes if q.cue]}"
    return found[0]


def test_a_learned_frame_adds_a_cue_the_lexicon_lacks() -> None:
    text = "Senator Olsen vouched for the harbour plan on Tuesday."
    assert not [q for q in _quotes(text) if q.cue and "vouched" in q.cue.text_of(text)]
    table = CueTable({"vouch/VERB": frozenset({"prep:for"})}, {})
    q = _with_cue(_quotes(text, table), text, "vouched")
    assert q.speaker_text == "Senator Olsen"
    assert q.cue is not None and q.cue.text_of(text) == "vouched for"
    assert q.content.text_of(text) == "the harbour plan"


def test_a_learned_adjective_frame_takes_the_subject_of_its_copula() -> None:
    text = "The ferry operators were wary of the new harbour tariff."
    table = CueTable({"wary/ADJ": frozenset({"prep:of"})}, {})
    q = _with_cue(_quotes(text, table), text, "wary")
    assert q.speaker_text == "The ferry operators"
    assert q.content.text_of(text) == "the new harbour tariff"


def test_a_frame_that_was_usually_wrong_in_train_is_dropped() -> None:
    text = "The harbour master said that the pier would reopen in May."
    assert _with_cue(_quotes(text), text, "said").frame == "say/VERB ccomp"
    unreliable = CueTable({}, {"say/VERB ccomp": (1.0, 20)})
    assert not [q for q in _quotes(text, unreliable) if q.cue and "said" in q.cue.text_of(text)]
    rare = CueTable({}, {"say/VERB ccomp": (0.0, 2)})  # too few attributions to judge
    assert _with_cue(_quotes(text, rare), text, "said")


def test_frame_names_the_relation_from_cue_to_content() -> None:
    doc = next(parse(["Councillor Brisk praised the new library warmly."]))
    cue = next(t for t in doc if t.lower_ == "praised")
    library = {t.i for t in doc if t.lower_ in {"the", "new", "library"}}
    assert frame_of(cue, library) == "praise/VERB dobj"


def test_a_quotation_continues_after_the_rest_of_the_reporting_sentence() -> None:
    text = '"We will rebuild the pier," Mayor Olsen told the Courier on Friday. "It will take two years."'
    q = _with_cue(quotes_from_text(text), text, "told")
    parts = [p.text_of(text) for p in q.content_parts]
    assert parts == ["We will rebuild the pier", "It will take two years"]


def test_a_quotation_opening_the_next_paragraph_continues_an_indirect_quote() -> None:
    text = 'Mayor Olsen said the pier would be rebuilt.\n\n"It will take two years and cost a fortune."'
    q = _with_cue(quotes_from_text(text), text, "said")
    assert q.content_parts[-1].text_of(text) == "It will take two years and cost a fortune"


def test_a_quotation_after_another_speakers_cue_is_not_continued() -> None:
    text = 'Mayor Olsen said the pier would be rebuilt. "It will cost a fortune," Councillor Brisk replied.'
    q = _with_cue(quotes_from_text(text), text, "said")
    assert "fortune" not in q.content.text_of(text)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Councillor Brisk seemed to blame the port authority for the delay.", "blame", "Councillor Brisk"),
        ("The minister is reported to have called the tariff a mistake.", "called", "The minister"),
    ],
)
def test_an_infinitive_cue_shares_the_subject_of_its_head(text: str, cue: str, speaker: str) -> None:
    assert _with_cue(quotes_from_text(text), text, cue).speaker_text == speaker


def test_in_an_interview_the_subject_speaks_not_the_interview() -> None:
    text = "In an interview with the Courier, Olsen went further on the harbour tariff."
    q = _with_cue(_quotes(text), text, "In")
    assert q.speaker_text == "Olsen"


def test_a_poll_remains_the_source_of_what_it_found() -> None:
    text = "In a Courier poll, the mayor leads the race by six points."
    q = _with_cue(_quotes(text), text, "In")
    assert q.speaker_text == "a Courier poll"


def test_the_shipped_table_has_frames_and_reliabilities() -> None:
    table = load_table()
    assert table.frames and table.reliability
    assert all(key.count("/") == 1 and rels for key, rels in table.frames.items())
    assert all(0 <= hits <= made for hits, made in table.reliability.values())


def _lexicon_script() -> object:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "quote_lexicon.py"
    spec = importlib.util.spec_from_file_location("quote_lexicon", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("quote_lexicon", module)
    spec.loader.exec_module(module)
    return module


def test_the_learner_keeps_frames_frequent_and_reliable_enough() -> None:
    select = _lexicon_script().select  # type: ignore[attr-defined]
    cues = Counter({("vouch/VERB", "prep:for"): 6.0, ("have/VERB", "dobj"): 40.0, ("rue/VERB", "dobj"): 1.0})
    seen = Counter({("vouch/VERB", "prep:for"): 8, ("have/VERB", "dobj"): 900, ("rue/VERB", "dobj"): 1})
    assert select(cues, seen, min_count=3, min_rate=0.3) == {"vouch/VERB": {"prep:for": [6.0, 8]}}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "DUNMORE, Ore. (AP) — Republican hopeful Jane Doe told supporters that the pier would reopen.",
            "Republican hopeful Jane Doe",
        ),
        (
            "DUNMORE, July 19 (UPI) — Former Harbour Master Jane Doe said that the pier would reopen.",
            "Former Harbour Master Jane Doe",
        ),
        ("NATO officials said that the pier would reopen.", "NATO officials"),
    ],
)
def test_a_dateline_is_not_part_of_the_speaker(text: str, speaker: str) -> None:
    assert _with_cue(quotes_from_text(text), text, "").speaker_text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("About half of the dock workers said the pier was unsafe.", "About half of the dock workers"),
        ("Both the mayor and her aide said the pier was unsafe.", "Both the mayor and her aide"),
        ("Even his allies said the pier was unsafe.", "his allies"),
    ],
)
def test_a_quantifier_stays_in_the_speaker_and_even_does_not(text: str, speaker: str) -> None:
    assert _with_cue(quotes_from_text(text), text, "said").speaker_text == speaker


def test_an_inverted_parenthetical_cue_takes_the_subject_beside_it() -> None:
    text = "Part of the trouble with the pier, say engineers like Ada Brisk, is the soft ground."
    q = _with_cue(quotes_from_text(text), text, "say")
    assert q.speaker_text == "engineers like Ada Brisk"
    parts = [p.text_of(text) for p in q.content_parts]
    assert parts[0] == "Part of the trouble with the pier" and parts[-1] == "is the soft ground"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            '"We will rebuild the pier," Mayor Olsen said on "Good Morning Dunmore." "It takes two years."',
            ["We will rebuild the pier", "It takes two years"],
        ),
        (
            '"We will rebuild the pier," Mayor Olsen told "Harbour Weekly" on Friday.',
            ["We will rebuild the pier"],
        ),
    ],
)
def test_a_quoted_title_is_not_what_was_said(text: str, parts: list[str]) -> None:
    q = _with_cue(quotes_from_text(text), text, "")
    assert [p.text_of(text) for p in q.content_parts] == parts
