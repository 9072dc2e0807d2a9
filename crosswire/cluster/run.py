"""The cluster stage over the store: place every unclustered article into an event, incrementally.

Articles are taken in publication order (undated ones by ingest order); each copy right after its original,
so it follows it. Embeddings (MiniLM of ``article_view``) are cached in the store, so a re-run never
re-embeds. Each save is one transaction holding the new memberships, the refreshed events and storylines,
and the clusterer's state: a killed run leaves a consistent store and a re-run completes it.
Event ids (``ev-`` + founding article id) never change once given.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.cluster.online import STATE_VERSION, OnlineClusterer, StateMismatch
from crosswire.cluster.settings import ClusterSettings
from crosswire.model import Article
from crosswire.store import events as estore
from crosswire.store.db import Store

log = logging.getLogger(__name__)

CHUNK = 256  # articles per embedding call (and per transaction while saving the state is cheap)
SAVE_RATIO = 10.0  # work between two saves of the state: at least this many times what a save takes
OnProgress = Callable[[int, int], None]  # done, total


class ClusterStateError(RuntimeError):
    """The saved clustering does not fit this code or the store: re-cluster with ``rebuild=True``
    (``crosswire cluster --rebuild``)."""


@dataclass
class ClusterReport:
    clustered: int  # articles assigned in this run (copies included)
    events: int  # events in the store after the run
    new_events: int
    storylines: int


@dataclass(frozen=True)
class Embedder:
    """A text embedder and the key its vectors are cached under (model and view)."""

    key: str
    embed: Callable[[Sequence[str]], np.ndarray]
    ndim: int = 384


def minilm() -> Embedder:
    from crosswire.read.embed import DIMENSIONS, VIEW_WORDS, embed

    return Embedder(f"all-MiniLM-L6-v2/view{VIEW_WORDS}", embed, DIMENSIONS)


def cluster_store(
    store: Store,
    on_progress: OnProgress | None = None,
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    chunk: int = CHUNK,
) -> ClusterReport:
    """Cluster every article not yet in an event. ``rebuild``: forget all events first (vectors stay)."""
    embedder = embedder or minilm()
    if rebuild:
        estore.clear_clustering(store)
    clusterer = load_clusterer(store, settings, embedder.ndim)
    founded = len(clusterer.events)
    todo = routed(processing_order(estore.unassigned(store), clusterer.event_of), store)
    run_id = store.start_run("cluster" + (" --rebuild" if rebuild else ""))
    saver = _Saver(store, clusterer)
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        vectors = _vectors(store, part, embedder)
        saver.add(part, vectors, last=start + chunk >= len(todo))
        if on_progress:
            on_progress(start + len(part), len(todo))
    report = ClusterReport(
        len(todo), store.count("events"), len(clusterer.events) - founded, store.count("storylines")
    )
    store.finish_run(run_id, dataclasses.asdict(report))
    log.info("clustered %d article(s): %d new event(s)", report.clustered, report.new_events)
    return report


def load_clusterer(store: Store, settings: ClusterSettings | None, ndim: int = 384) -> OnlineClusterer:
    """The clusterer as the last run left it, or a fresh one for a store never clustered."""
    saved = estore.load_state(store)
    members = store.count("event_members")
    if saved is None:
        if members:
            raise ClusterStateError(f"{members} clustered article(s) but no saved clusterer state")
        return OnlineClusterer(settings, ndim=ndim)
    if saved.version != STATE_VERSION:
        raise ClusterStateError(
            f"saved clusterer state has version {saved.version}, expected {STATE_VERSION}"
        )
    try:
        clusterer = OnlineClusterer.from_state(saved.state, settings)
    except StateMismatch as exc:
        raise ClusterStateError(str(exc)) from exc
    if saved.articles != members or len(clusterer.event_of) != members:
        raise ClusterStateError(
            f"saved state holds {len(clusterer.event_of)} article(s), the store {members}"
        )
    return clusterer


def processing_order(articles: Sequence[Article], assigned: Mapping[str, str]) -> list[Article]:
    """``articles`` as given, except that a copy whose original is also among them comes right after it."""
    ids = {a.id for a in articles}
    waiting: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.copy_of and article.copy_of in ids and article.copy_of not in assigned:
            waiting[article.copy_of].append(article)
    held = {a.id for group in waiting.values() for a in group}
    ordered: list[Article] = []
    for article in articles:
        if article.id not in held:
            ordered.append(article)
            ordered.extend(waiting.pop(article.id, []))
    return ordered


def routed(articles: list[Article], store: Store) -> list[Article]:
    """An original ingested after its copies were clustered (it was published earlier) follows them."""
    late = estore.clustered_copies(store, [a.id for a in articles if a.copy_of is None])
    return [dataclasses.replace(a, copy_of=late[a.id]) if a.id in late else a for a in articles]


def _vectors(store: Store, articles: Sequence[Article], embedder: Embedder) -> dict[str, np.ndarray]:
    """Vectors of the originals among ``articles`` (copies follow theirs), from the cache or embedded."""
    from crosswire.read.embed import article_view

    wanted = [a for a in articles if a.copy_of is None]
    found = estore.cached_vectors(store, [a.id for a in wanted], embedder.key)
    missing = [a for a in wanted if a.id not in found]
    if missing:
        fresh = embedder.embed([article_view(a) for a in missing])
        new = {a.id: np.asarray(v, dtype=np.float32) for a, v in zip(missing, fresh, strict=True)}
        with store.transaction():
            estore.put_vectors(store, new, embedder.key)
        found.update(new)
    return found


class _Saver:
    """Adds articles to the clusterer and records them, with its state, in one transaction per save.

    Saving rewrites the whole state, so saves are spaced to cost at most ``1 / SAVE_RATIO`` of the work
    (on a small store: after every chunk). A killed run loses only what came after the last save.
    """

    def __init__(self, store: Store, clusterer: OnlineClusterer) -> None:
        self.store, self.clusterer = store, clusterer
        self.pending: list[tuple[str, str]] = []
        self.save_seconds = 0.0
        self.since = time.perf_counter()

    def add(self, articles: Sequence[Article], vectors: dict[str, np.ndarray], last: bool) -> None:
        blank = np.zeros(self.clusterer.ndim, dtype=np.float32)  # copies: the vector is not used
        self.pending += [(a.id, self.clusterer.add(a, vectors.get(a.id, blank))) for a in articles]
        if last or time.perf_counter() - self.since >= SAVE_RATIO * self.save_seconds:
            self.save()

    def save(self) -> None:
        start = time.perf_counter()
        clusterer = self.clusterer
        with self.store.transaction():
            first = estore.next_member_ord(self.store)
            rows = [(aid, event_id, first + i) for i, (aid, event_id) in enumerate(self.pending)]
            touched = [clusterer.events[k] for k in sorted({clusterer.event(e).key for _, e in self.pending})]
            estore.record(self.store, rows, [(e.id, e.key, e.storyline_id) for e in touched])
            estore.save_state(self.store, clusterer.to_state(), STATE_VERSION)
        self.pending = []
        self.since = time.perf_counter()
        self.save_seconds = self.since - start
