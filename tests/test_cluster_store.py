"""The cluster stage over the store (``crosswire.cluster.run``) and its queries (``crosswire.store.events``).

Uses the real MiniLM on a dozen short invented reports (``tests/fixtures/gold/tiny_gold.jsonl``): four
stories (a mill fire, a bridge closed after a ship strike, a robotics prize, plus two singletons), one
wire copy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crosswire.cluster.run import ClusterReport, ClusterStateError, Embedder, processing_order
from crosswire.cluster.run import cluster_store as real_cluster_store
from crosswire.ingest.core import IngestSettings, ingest
from crosswire.model import Article
from crosswire.store import events as estore
from crosswire.store.db import Store, StoreError
from tests.fixtures.gold import TINY_GOLD as GOLD
from tests.fixtures.gold import memo_minilm


def cluster_store(store: Store, **kwargs: Any) -> ClusterReport:
    """The real stage with MiniLM memoised across tests (unless a test brings its own embedder)."""
    kwargs.setdefault("embedder", memo_minilm())
    return real_cluster_store(store, **kwargs)


def records() -> list[dict[str, str | None]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: Sequence[dict[str, str | None]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def fill(store: Store, path: Path) -> None:
    report = ingest([str(path)], store, IngestSettings(offline=True))
    assert not report.failed


def by_external(store: Store) -> dict[str, str]:
    """Gold record id -> event id."""
    groups = estore.event_groups(store)
    return {a.external_id or a.id: groups[a.id] for a in store.articles() if a.id in groups}


class Counting:
    """MiniLM (memoised), counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.texts = 0
        self.inner = memo_minilm()

    def embedder(self, fail_after: int | None = None) -> Embedder:
        def embed(texts: Sequence[str]) -> np.ndarray:
            if fail_after is not None and self.texts + len(texts) > fail_after:
                raise RuntimeError("killed")
            self.texts += len(texts)
            return self.inner.embed(texts)

        return Embedder(self.inner.key, embed, self.inner.ndim)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "a.db")
    fill(s, GOLD)
    return s


def test_clusters_the_stories_and_copies_follow(store: Store) -> None:
    report = cluster_store(store)
    got = by_external(store)
    assert report.clustered == 11 and report.events == len(set(got.values()))
    assert got["m2"] == got["m1"]  # the wire copy follows its original
    for story in ("m", "b", "r"):
        members = {v for k, v in got.items() if k.startswith(story)}
        assert len(members) == 1, (story, got)
    assert len({got["m1"], got["b1"], got["r1"], got["x1"], got["x2"]}) == 5


def test_two_fresh_stores_give_the_same_events(store: Store, tmp_path: Path) -> None:
    other = Store(tmp_path / "b.db")
    fill(other, GOLD)
    cluster_store(store)
    cluster_store(other, chunk=3)  # chunking does not change the outcome
    assert estore.event_groups(store) == estore.event_groups(other)
    assert estore.list_events(store) == estore.list_events(other)


def test_rerun_adds_nothing_and_rebuild_reuses_vectors(store: Store) -> None:
    counting = Counting()
    cluster_store(store, embedder=counting.embedder())
    first, embedded = estore.event_groups(store), counting.texts
    assert embedded == 10  # every original once; the copy is not embedded
    again = cluster_store(store, embedder=counting.embedder())
    assert (again.clustered, again.new_events) == (0, 0)
    rebuilt = cluster_store(store, embedder=counting.embedder(), rebuild=True)
    assert rebuilt.clustered == 11 and counting.texts == embedded  # vectors came from the store
    assert estore.event_groups(store) == first


def test_ids_stay_stable_when_articles_arrive(tmp_path: Path) -> None:
    rows = sorted(records(), key=lambda r: r["published"] or "")
    early, late = rows[:6], rows[6:]
    store = Store(tmp_path / "s.db")
    fill(store, write_jsonl(tmp_path / "early.jsonl", early))
    cluster_store(store)
    before = estore.event_groups(store)
    fill(store, write_jsonl(tmp_path / "late.jsonl", late))
    report = cluster_store(store)
    after = estore.event_groups(store)
    assert report.clustered == len(late)
    assert {k: after[k] for k in before} == before
    got = by_external(store)
    assert got["b3"] in set(before.values())  # a later report joins the existing event, keeps its id


def test_a_killed_run_is_consistent_and_a_rerun_completes_it(store: Store, tmp_path: Path) -> None:
    counting = Counting()
    with pytest.raises(RuntimeError, match="killed"):
        cluster_store(store, embedder=counting.embedder(fail_after=4), chunk=4)
    done = estore.event_groups(store)
    saved = estore.load_state(store)
    assert 0 < len(done) < 11 and saved is not None and saved.articles == len(done)
    cluster_store(store, chunk=4)
    fresh = Store(tmp_path / "fresh.db")
    fill(fresh, GOLD)
    cluster_store(fresh)
    assert estore.event_groups(store) == estore.event_groups(fresh)


def test_an_original_published_earlier_but_ingested_later_joins_its_copies(tmp_path: Path) -> None:
    rows = {r["id"]: r for r in records()}
    store = Store(tmp_path / "s.db")
    fill(store, write_jsonl(tmp_path / "copy.jsonl", [rows["m2"], rows["m3"]]))
    cluster_store(store)
    fill(store, write_jsonl(tmp_path / "original.jsonl", [rows["m1"]]))
    got = {a.external_id: a for a in store.articles()}
    assert got["m2"].copy_of == got["m1"].id  # ingest made the earlier report the original
    cluster_store(store)
    groups = by_external(store)
    assert groups["m1"] == groups["m2"]


def test_processing_order_puts_each_copy_after_its_original() -> None:
    copy = Article(id="c", text="x", copy_of="o", published="2026-01-01T00:00:00Z")
    original = Article(id="o", text="x", published="2026-01-01T08:00:00Z")
    other = Article(id="p", text="y", published="2026-01-02T00:00:00Z")
    assert [a.id for a in processing_order([copy, original, other], {})] == ["o", "c", "p"]
    assert [a.id for a in processing_order([copy, other], {"o": "ev-o"})] == ["c", "p"]


def test_event_queries(store: Store) -> None:
    cluster_store(store)
    got = by_external(store)
    rows = estore.list_events(store)
    assert [r.articles for r in rows] == sorted((r.articles for r in rows), reverse=True)
    assert sum(r.articles for r in rows) == 11
    mill = estore.get_event(store, got["m1"][:8])
    assert mill is not None and mill.id == got["m1"]
    assert estore.get_event(store, got["m1"].removeprefix("ev-")) == mill
    originals = {a.title for a in estore.event_articles(store, mill.id) if a.copy_of is None}
    assert mill.headline in originals
    assert mill.outlets == ["Harlow Daily", "Northgate Post", "Radio Dunmore", "Valley Courier"]
    assert (mill.first_seen, mill.last_seen) == ("2026-04-06T07:00:00Z", "2026-04-07T09:00:00Z")
    members = estore.event_articles(store, mill.id)
    assert [a.external_id for a in members] == ["m1", "m2", "m3", "m4"]
    assert [r.articles for r in estore.list_events(store, min_articles=3)] == [4, 3]
    lines = {r.storyline_id for r in rows}
    assert all(estore.storyline_events(store, sl) for sl in lines)
    assert estore.find_storyline(store, mill.id) == mill.storyline_id
    assert estore.get_event(store, "ev-nothing") is None


def test_an_ambiguous_prefix_is_an_error(store: Store) -> None:
    cluster_store(store)
    with pytest.raises(StoreError, match="ambiguous"):
        estore.get_event(store, "ev-")


def test_a_state_that_does_not_fit_asks_for_a_rebuild(store: Store) -> None:
    cluster_store(store)
    store.db.execute("UPDATE cluster_state SET version = version + 100")
    with pytest.raises(ClusterStateError, match="version"):
        cluster_store(store)
    assert cluster_store(store, rebuild=True).clustered == 11


def test_headline_is_the_most_representative_title_not_the_earliest(tmp_path: Path) -> None:
    rows = [
        {
            "id": "x1",
            "outlet": "Tabloid",
            "title": "SHAME OF THE MILL BOSSES",
            "published": "2026-03-01T06:00:00Z",
        },
        {
            "id": "x2",
            "outlet": "Wire",
            "title": "Fire guts paper mill in Dunmore",
            "published": "2026-03-01T08:00:00Z",
        },
        {
            "id": "x3",
            "outlet": "Daily",
            "title": "Dunmore paper mill destroyed by fire",
            "published": "2026-03-01T09:00:00Z",
        },
    ]
    texts = [
        "Bosses ignored warnings for years.",
        "A fire destroyed the mill overnight.",
        "The mill burned down.",
    ]
    lines = [{**r, "url": None, "text": t} for r, t in zip(rows, texts, strict=True)]
    with Store(tmp_path / "cw.db") as store:
        ingest([str(write_jsonl(tmp_path / "in.jsonl", lines))], store, IngestSettings(offline=True))
        ids = [a.id for a in store.articles()]
        by_title = {a.title: a.id for a in store.articles()}
        axis = {
            "SHAME OF THE MILL BOSSES": [0.6, 0.8, 0.0],
            "Fire guts paper mill in Dunmore": [1.0, 0.0, 0.0],
            "Dunmore paper mill destroyed by fire": [0.99, 0.0, 0.14],
        }
        with store.transaction():
            estore.put_vectors(
                store, {by_title[t]: np.array(v, dtype=np.float32) for t, v in axis.items()}, "test"
            )
            estore.record(store, [(aid, "ev-x", n) for n, aid in enumerate(ids)], [("ev-x", 0, "sl-x")])
        event = estore.get_event(store, "ev-x")
    assert event is not None and event.headline == "Fire guts paper mill in Dunmore"
