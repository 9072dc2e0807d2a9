"""A polarity conflict needs the same proposition on both sides (``compare.propositions``): the same
predicate and subject, a thing said not to exist that the other claim affirms with what it denies of it,
or a stop against what the other says goes on. Pairs modelled on false conflicts of real news (NewsWCL50)
and on the true ones of the labelled sample events."""

from __future__ import annotations

import pytest

from crosswire.compare.conflicts import _polarity
from crosswire.compare.propositions import contradiction
from crosswire.compare.settings import DEFAULT_SETTINGS
from tests.fixtures.claims import read_claim as _claim

CONTRADICTIONS = [
    ("The town's flood sirens never sounded as the water rose.", "Warning sirens sounded in Lindrell."),
    ("There is no plan to cut 400 jobs, its chief said.", "The company plans to cut some 400 jobs."),
    ("Nobody is bombing the town any more.", "Jets were still bombing the town on Thursday."),
    ("The air strikes on the valley have stopped.", "Warplanes are still carrying out air strikes there."),
    ("“No siren, no phone call, nothing,” a resident said.", "“We heard the sirens at midnight,” he said."),
    ("The country needs no further missile tests.", "The country is still conducting missile tests."),
]

NO_CONTRADICTIONS = [
    # another subject: one man's plea is no denial of another's
    ("Ruiz has pleaded not guilty.", "Mr. Ortega and Mr. Vance have both pleaded guilty to lesser charges."),
    # the denied thing has modifiers the other claim does not share
    (
        "The files, which contain no new information that the mayor has not already discussed, leaked.",
        "The two men bonded over leaks of sensitive police information.",
    ),
    # what the other claim says inside a negated clause is not affirmed
    ("There was no obstruction, the senator said.", "The memos show he never wrote that he felt obstructed."),
    # a rule of thumb (indefinite subject), a future, an ability, a possibility
    ("An embankment dam does not fail in one night.", "Questions mount over why the old dam failed."),
    ("The minister will not sign the treaty.", "The minister signed the treaty on Friday."),
    ("The two states can not sign the treaty alone.", "The two states signed the treaty in June."),
    ("The army might not need more tests.", "The army conducted tests last year."),
    # a name is no use of the common word ("Department of Justice")
    ("It was an effort to deny justice, he said.", "He raised concerns about the Department of Justice."),
    # a stop against what went before is no denial; "no further" is a stop
    ("The republic will halt missile tests.", "The republic spent last year conducting missile tests."),
    ("The country needs no further missile tests.", "The country conducted missile tests last year."),
    # a denial in a phrase states nothing; a noun merely named, refused or qualified is not affirmed
    ("He repeated his mantra of “no collusion” on Friday.", "Prosecutors say there was collusion."),
    (
        "Any deal must give inspectors access to all of the country, with no site off limits.",
        "The northern test site has completed its mission, Kim said.",
    ),
    ("There is no collusion, he said.", "Democrats filed a collusion claim on Friday."),
    ("The office has not commented on the lawsuit.", "The office declined to comment on the lawsuit."),
    ("There was no obstruction, he said.", "Mueller examined possible attempts to obstruct the inquiry."),
    # the denial's focus is a prepositional object the other claim does not share
    ("The accord is not based on trust, the envoy said.", "The premier said the accord is based on lies."),
    ("The ferry did not sail from Dorvik, the operator said.", "The ferry sailed from Norhaven at dawn."),
    # one noun, two things: "no signs that the talk swayed them" / "a clear sign he wanted to be heard"
    (
        "There were no signs that the premier's talk on Monday swayed the envoys.",
        "The premier spoke in English, a clear sign he wanted to present his case to the envoys.",
    ),
]


@pytest.mark.parametrize(("neg", "pos"), CONTRADICTIONS)
def test_a_denial_of_the_same_proposition_contradicts(neg: str, pos: str) -> None:
    assert contradiction(neg, pos) is not None


@pytest.mark.parametrize(("neg", "pos"), NO_CONTRADICTIONS)
def test_a_shared_word_is_not_a_shared_proposition(neg: str, pos: str) -> None:
    assert contradiction(neg, pos) is None


def test_two_people_quoted_disagreeing_is_a_disagreement_between_sources() -> None:
    heard = "“We heard the sirens at midnight,” said Tomas Reuter, 46."
    pos = _claim("c0", "a", heard, speaker="Tomas Reuter, 46")
    neg = _claim("c1", "b", "“No siren, nothing,” said Elke Marten.", speaker="Elke Marten", cue="said")
    found = _polarity(pos, neg, 0.9, DEFAULT_SETTINGS)
    assert found is not None and found.between == "sources"
    assert "Tomas Reuter in a" in found.reason and "Elke Marten in b" in found.reason
    stated = _claim("c2", "c", "The town's sirens never sounded.")
    sounded = _claim("c3", "a", "Warning sirens sounded at dawn, officials said.", cue="said")
    found = _polarity(stated, sounded, 0.9, DEFAULT_SETTINGS)
    assert found is not None and found.between == "reports"


def test_differences_between_reports_come_before_those_between_people_quoted() -> None:
    from crosswire.compare.align import ClaimGroup
    from crosswire.compare.conflicts import Conflict
    from crosswire.compare.summary import differences

    claims = [_claim(f"c{k}", f"s{k}", f"Claim number {k} says something.") for k in range(4)]
    views = ClaimGroup("g0", claims[:2], "conflicting", [Conflict("polarity", "v", "c0", "c1", "sources")])
    facts = ClaimGroup("g1", claims[2:], "conflicting", [Conflict("numbers", "n", "c2", "c3")])
    found = differences([views, facts], claims)
    assert [(d.group_id, d.between) for d in found] == [("g1", "reports"), ("g0", "sources")]


def test_a_difference_quotes_the_words_it_turns_on_not_only_the_opening() -> None:
    ongoing = (
        "Four days after the prime minister told parliament that the campaign had achieved its aims, "
        "the jets were still bombing the outskirts of the town."
    )
    stopped = (
        "But on the streets of the besieged market town, the fighters are telling a different story "
        "and this time nobody is bombing them."
    )
    found = _polarity(_claim("c0", "a", ongoing), _claim("c1", "b", stopped), 0.9, DEFAULT_SETTINGS)
    assert found is not None
    assert "still bombing" in found.reason and "nobody is bombing" in found.reason
    assert "Four days after" not in found.reason and "… " in found.reason
