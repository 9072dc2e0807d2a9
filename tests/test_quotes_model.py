"""The learned frame model of issue #3: which child of a verb or adjective is the content of a cue.

Every sentence is invented. Tests of the extractor pass their own ``CueTable`` with a hand-set model, so
they do not depend on the weights ``quote_frames.json`` holds today; one test checks that file's model.
"""

from __future__ import annotations

from crosswire.read.nlp import parse
from crosswire.read.quote_frames import CueTable, FrameModel, frame_features, load_table
from crosswire.read.quotes import Quote, extract_quotes
from tests.test_quotes_frames import _lexicon_script

TEXT = "Senator Olsen vouched for the harbour plan on Tuesday."


def _quotes(text: str, table: CueTable) -> list[Quote]:
    return extract_quotes(next(parse([text])), table=table)


def _cues(quotes: list[Quote], text: str) -> list[str]:
    return [q.cue.text_of(text) for q in quotes if q.cue is not None]


def test_the_model_adds_a_cue_the_frames_lack() -> None:
    model = FrameModel({"frame=vouch/VERB prep:for": 4.0}, bias=-3.0, threshold=0.5)
    without = _quotes(TEXT, CueTable({}, {}))
    assert "vouched for" not in _cues(without, TEXT)
    found = _quotes(TEXT, CueTable({}, {}, model))
    q = next(q for q in found if q.cue and q.cue.text_of(TEXT) == "vouched for")
    assert q.speaker_text == "Senator Olsen"
    assert q.content.text_of(TEXT) == "the harbour plan"


def test_the_model_replaces_the_counted_frames() -> None:
    frames = {"vouch/VERB": frozenset({"prep:for"})}
    assert "vouched for" in _cues(_quotes(TEXT, CueTable(frames, {})), TEXT)
    against = FrameModel({"frame=vouch/VERB prep:for": -4.0}, bias=-3.0, threshold=0.5)
    assert "vouched for" not in _cues(_quotes(TEXT, CueTable(frames, {}, against)), TEXT)


def test_the_threshold_decides() -> None:
    doc = next(parse([TEXT]))
    verb = next(t for t in doc if t.lower_ == "vouched")
    prep = next(c for c in verb.children if c.lower_ == "for")
    model = FrameModel({"rel=prep:for": 1.0}, bias=-1.0, threshold=0.5)  # probability exactly 0.5
    assert model.probability(verb, prep) == 0.5
    assert model.chooses(verb, prep)
    assert not FrameModel(model.weights, model.bias, 0.6).chooses(verb, prep)


def test_features_name_the_frame_and_the_subject_kind() -> None:
    doc = next(parse(["The harbour workers insisted that the pier was unsafe."]))
    verb = next(t for t in doc if t.lower_ == "insisted")
    clause = next(c for c in verb.children if c.dep_ == "ccomp")
    features = frame_features(verb, clause)
    assert "frame=insist/VERB ccomp" in features
    assert "clause=True" in features
    assert "subject_word=worker" in features


def test_the_learner_weighs_features_by_how_often_annotators_mark_them() -> None:
    fit_model = _lexicon_script().fit_model  # type: ignore[attr-defined]
    features = [["rel=ccomp", "key=insist/VERB"]] * 20 + [["rel=dobj", "key=raise/VERB"]] * 20
    labels = [0.9] * 20 + [0.1] * 20
    model = fit_model(features, labels, threshold=0.4)
    assert model["_threshold"] == 0.4
    assert model["rel=ccomp"] > 0 > model["rel=dobj"]
    assert model["key=insist/VERB"] > model["key=raise/VERB"]


def test_the_shipped_table_has_a_model() -> None:
    model = load_table().model
    assert model is not None
    assert 0 < model.threshold < 1
    assert len(model.weights) > 100
