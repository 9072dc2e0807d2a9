"""Online event clustering, storylines, features, decision and peers, on tiny synthetic articles.

A fake embedding (hashed bag of words) stands in for MiniLM except in the one test that loads the model.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from crosswire.cluster.decision import Decision, WeightsMismatch, load_decision
from crosswire.cluster.features import (
    FEATURE_NAMES,
    TermStats,
    article_profile,
    epoch_days,
    gap_days,
    is_title_case,
    names,
    novelty,
    terms,
    views,
    year_clash,
)
from crosswire.cluster.online import OnlineClusterer, StateMismatch
from crosswire.cluster.peers import agglomerative, hdbscan_clusters, tfidf_single_pass
from crosswire.cluster.settings import ClusterSettings, InvalidSettings
from crosswire.model import Article


def fake_vector(text: str) -> np.ndarray:
    vector = np.zeros(384, dtype=np.float32)
    for word, count in terms(text).items():
        vector[zlib.crc32(word.encode()) % 384] += count
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


def art(aid: str, title: str, text: str, day: int | None = 1, **kw: str) -> Article:
    published = None if day is None else f"2016-03-{day:02d}T12:00:00Z"
    return Article(id=aid, title=title, text=f"{title}\n{text}", published=published, **kw)


QUAKE_CHILE = (
    "A magnitude 7.1 earthquake struck off the coast of Valparaiso in Chile on Sunday, the Chilean "
    "emergency office said. Residents of Valparaiso and Vina del Mar fled to higher ground."
)
QUAKE_JAPAN = (
    "A magnitude 6.4 earthquake shook Kumamoto in southern Japan on Thursday, the Japan Meteorological "
    "Agency said. Buildings collapsed in Mashiki near Kumamoto City."
)
KERRY = (
    "Secretary of State John Kerry met Russian President Vladimir Putin in Moscow to discuss Syria, "
    "the State Department said. Kerry and Sergei Lavrov talked about the ceasefire in Aleppo."
)

STREAM = [
    art("a1", "Earthquake hits Chile", QUAKE_CHILE, 1),
    art(
        "a2", "Chile earthquake: Valparaiso residents flee", QUAKE_CHILE.replace("Sunday", "Sunday night"), 1
    ),
    art("b1", "Earthquake hits Japan", QUAKE_JAPAN, 3),
    art("c1", "Kerry meets Putin in Moscow", KERRY, 3),
    art("a3", "Strong quake off Chile's coast", QUAKE_CHILE, 2),
    art("b2", "Kumamoto quake: buildings collapse in Japan", QUAKE_JAPAN, 4),
]


def run(stream: list[Article], clusterer: OnlineClusterer | None = None) -> dict[str, str]:
    clusterer = clusterer or OnlineClusterer()
    return {a.id: clusterer.add(a, fake_vector(f"{a.title} {a.text}")) for a in stream}


def test_same_event_joins_and_same_kind_events_stay_apart() -> None:
    got = run(STREAM)
    assert got["a1"] == got["a2"] == got["a3"] == "ev-a1"
    assert got["b1"] == got["b2"] == "ev-b1"
    assert got["c1"] == "ev-c1"


def test_second_run_gives_the_same_ids() -> None:
    assert run(STREAM) == run(STREAM)


def test_adding_an_article_twice_returns_its_event() -> None:
    clusterer = OnlineClusterer()
    run(STREAM, clusterer)
    assert clusterer.add(STREAM[0], fake_vector("anything")) == "ev-a1"
    assert clusterer.members("ev-a1") == ["a1", "a2", "a3"]


def test_copies_follow_their_original() -> None:
    clusterer = OnlineClusterer()
    run(STREAM[:4], clusterer)
    copy = art("k1", "Kerry meets Putin", KERRY, 3, copy_of="b1")
    assert clusterer.add(copy, fake_vector(KERRY)) == "ev-b1"
    assert clusterer.members("ev-b1") == ["b1", "k1"]


def test_state_round_trip_continues_identically() -> None:
    whole = run(STREAM)
    first = OnlineClusterer()
    run(STREAM[:3], first)
    state = json.loads(json.dumps(first.to_state()))
    resumed = OnlineClusterer.from_state(state)
    assert {**run(STREAM[:3], resumed), **run(STREAM[3:], resumed)} == whole


def test_state_version_is_checked() -> None:
    with pytest.raises(StateMismatch):
        OnlineClusterer.from_state({"version": 0})


def test_events_expire_after_the_window_and_continue_as_a_storyline() -> None:
    clusterer = OnlineClusterer(ClusterSettings(event_window_days=2.0))
    run([STREAM[0], STREAM[1]], clusterer)
    later = art("a9", "Chile earthquake aftermath in Valparaiso", QUAKE_CHILE, 20)
    assert clusterer.add(later, fake_vector(f"{later.title} {later.text}")) == "ev-a9"
    story = clusterer.event("ev-a1").storyline_id
    assert clusterer.event("ev-a9").storyline_id == story
    assert [e.id for e in clusterer.storyline_events(story)] == ["ev-a1", "ev-a9"]
    assert not clusterer.event("ev-a1").is_open and clusterer.open_events == 1


def test_the_window_runs_from_the_latest_article_not_the_first() -> None:
    clusterer = OnlineClusterer(ClusterSettings(event_window_days=3.0))
    days = {"a1": 1, "a2": 3, "a3": 5, "a4": 7}  # a4: 6 days after the first report, 2 after the latest
    reports = [art(aid, f"Chile earthquake update {day}", QUAKE_CHILE, day) for aid, day in days.items()]
    assert set(run(reports, clusterer).values()) == {"ev-a1"}
    late = art("a5", "Chile earthquake update 11", QUAKE_CHILE, 11)  # 4 days after the latest: closed
    assert run([late], clusterer) == {"a5": "ev-a5"}


def test_an_undated_event_does_not_keep_dated_events_open() -> None:
    clusterer = OnlineClusterer(ClusterSettings(event_window_days=3.0))
    run([art("k1", "Kerry meets Putin in Moscow", KERRY, None)], clusterer)  # undated: sorted first
    run([art("a1", "Earthquake hits Chile", QUAKE_CHILE, 1)], clusterer)
    late = art("a2", "Chile earthquake update", QUAKE_CHILE, 20)
    assert run([late], clusterer) == {"a2": "ev-a2"}
    assert not clusterer.event("ev-a1").is_open and clusterer.event("ev-k1").is_open


def test_an_undated_storyline_does_not_keep_dated_storylines_indexed() -> None:
    clusterer = OnlineClusterer(ClusterSettings(event_window_days=3.0, storyline_window_days=5.0))
    run([art("k1", "Kerry meets Putin in Moscow", KERRY, None)], clusterer)
    run([art("a1", "Earthquake hits Chile", QUAKE_CHILE, 1)], clusterer)
    run([art("b1", "Earthquake hits Japan", QUAKE_JAPAN, 20)], clusterer)
    assert len(clusterer.storylines.index) == 2  # Kerry's (undated) and Japan's; Chile's went stale


def test_an_older_report_arriving_late_does_not_join_a_later_event() -> None:
    clusterer = OnlineClusterer(ClusterSettings(event_window_days=3.0))
    run([art("a1", "Earthquake hits Chile", QUAKE_CHILE, 20)], clusterer)
    backfill = art("a0", "Earthquake hits Chile", QUAKE_CHILE, 2)  # ingested later, published weeks before
    assert run([backfill], clusterer) == {"a0": "ev-a0"}


def test_unrelated_events_found_their_own_storylines() -> None:
    clusterer = OnlineClusterer()
    run(STREAM, clusterer)
    lines = {clusterer.event(e).storyline_id for e in ("ev-a1", "ev-b1", "ev-c1")}
    assert len(lines) == 3


def test_undated_articles_cluster_too() -> None:
    undated = [art(a.id, a.title, a.text[len(a.title) + 1 :], None) for a in STREAM]
    got = run(undated)
    assert got["a3"] == "ev-a1" and got["b2"] == "ev-b1" and got["c1"] == "ev-c1"


def test_open_event_cap_closes_the_least_recent() -> None:
    clusterer = OnlineClusterer(ClusterSettings(max_open_events=2))
    run(STREAM[:4], clusterer)
    assert clusterer.open_events == 2 and not clusterer.event("ev-a1").is_open


# -- features --------------------------------------------------------------------------------------


def test_names_skip_sentence_openers_and_title_case() -> None:
    found = names("Police said John Kerry met Putin in Moscow in 2016. Officials agreed.")
    assert {"john", "kerry", "putin", "moscow", "2016"} <= set(found)
    assert "police" not in found and "officials" not in found
    quoted = names('“If we wait, people die,” said Rosa Diaz. "Because the river rose," Ana Ruiz said.')
    assert set(quoted) == {"rosa", "diaz", "ana", "ruiz"}  # a quotation opens a sentence too
    assert is_title_case("Fed Official Says Weak Data Caused By Weather")
    assert names("Fed Official Says Weak Data Caused By Weather") == Counter()


def test_names_drop_datelines_outlets_months_and_shouting() -> None:
    text = "PORT AUREL (Meridian Wire) — The bank in Velmaria met Elke Marten in March. 'NOBODY WARNED' NATO."
    found = names(text, outlet="Meridian Wire")
    assert {"velmaria", "elke", "marten", "nato"} <= set(found)
    assert not {"port", "aurel", "meridian", "wire", "march", "nobody", "warned"} & set(found)


def test_year_clash_needs_a_main_year_and_novelty_counts_unseen_names() -> None:
    event = Counter({"2008": 3, "kerry": 2})
    assert year_clash(Counter({"2012": 2, "kerry": 1}), event) == 1.0
    assert year_clash(Counter({"2012": 1, "kerry": 1}), event) == 0.0  # a passing mention
    assert year_clash(Counter({"2008": 2}), event) == 0.0
    assert novelty({"kerry": 1.0, "lavrov": 1.0}, event) == pytest.approx(0.5)
    assert novelty({}, event) == 0.0


def test_epoch_days_handles_missing_and_bad_dates() -> None:
    assert epoch_days(None) is None and epoch_days("not a date") is None
    assert epoch_days("1970-01-02T00:00:00Z") == pytest.approx(1.0)


def test_views_mark_short_articles_and_gaps_handle_missing_dates() -> None:
    stats = TermStats()
    a = article_profile(art("x", "Chile earthquake", "", None), fake_vector("Chile earthquake"))
    b = article_profile(STREAM[0], fake_vector(QUAKE_CHILE))
    stats.observe(a)
    stats.observe(b)
    row = dict(zip(FEATURE_NAMES, views(a, b, stats), strict=True))
    assert row["short"] == 1.0 and row["long_emb"] == 0.0 and row["short_emb"] > 0.0
    assert gap_days(a, b) is None and gap_days(b, b) == 0.0


# -- decision, settings, peers ---------------------------------------------------------------------


def test_shipped_weights_load_and_say_what_they_were_fitted_on() -> None:
    decision = load_decision()
    assert decision.coef.shape == (len(FEATURE_NAMES),) and "train" in decision.trained_on
    assert 0.0 <= float(decision.probability(np.zeros(len(FEATURE_NAMES)))[0]) <= 1.0


def test_join_thresholds_survive_a_save_and_load(tmp_path: Path) -> None:
    shipped = load_decision()
    path = tmp_path / "w.json"
    replace(shipped, threshold=0.42, short_threshold=0.07).save(path)
    loaded = load_decision(path)
    assert (loaded.threshold, loaded.short_threshold) == (0.42, 0.07)


def test_weights_for_other_features_are_refused() -> None:
    data = load_decision().to_json() | {"features": ["emb"]}
    with pytest.raises(WeightsMismatch):
        Decision.from_json(data)


def test_settings_are_validated_and_described() -> None:
    with pytest.raises(InvalidSettings):
        ClusterSettings(join_probability=2.0)
    assert any(name == "event_window_days" for name, _, _ in ClusterSettings.describe())


def test_peers_label_every_item() -> None:
    vectors = np.stack([fake_vector(f"{a.title} {a.text}") for a in STREAM])
    assert len(set(tfidf_single_pass(STREAM, threshold=0.3))) == 3
    assert len(hdbscan_clusters(vectors)) == len(STREAM)
    assert len(set(agglomerative(vectors, [0.5])[0.5])) == 3
