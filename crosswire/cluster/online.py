"""Online event clustering in publication order (single pass, learned new-event decision).

Each article is compared with the nearest open events (an approximate-nearest-neighbour index over event
centroids, usearch) through several similarity views (``features.views``); the learned decision
(``decision.Decision``) gives P(same event) for each; the article joins the most probable event when that
reaches ``join_probability``, else it founds a new event ``ev-<article id>``. A full article cannot join an
event when both state many numbers and share none (``features.number_clash``). Copies (``copy_of``) follow
their original. A dated event closes ``event_window_days`` after its latest article and leaves the index
(an undated one stays open until ``max_open_events`` pushes it out); closed events keep their members but
drop their profiles. An article dated more than the window outside an event's span does not join it. New
events are linked into storylines.

Usage::

    clusterer = OnlineClusterer()                      # or OnlineClusterer.from_state(saved)
    event_id = clusterer.add(article, vector)          # vector: embed([article_view(article)])[0]
    saved = clusterer.to_state()                       # JSON-serialisable
"""

from __future__ import annotations

import heapq
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from crosswire.cluster.decision import Decision, load_decision
from crosswire.cluster.features import Profile, TermStats, article_profile, merge, number_clash, views
from crosswire.cluster.settings import ClusterSettings
from crosswire.cluster.storyline import StorylineLinker
from crosswire.model import Article

log = logging.getLogger(__name__)
EXACT_BELOW = 4096  # below this many vectors, search exhaustively (exact and as fast)
STATE_VERSION = 3  # 3: profiles hold the numbers their articles state


class StateMismatch(ValueError):
    """A saved clusterer state does not fit this code (other version or dimension)."""


class VectorIndex:
    """Cosine nearest neighbours over integer keys (usearch HNSW; exhaustive while small)."""

    def __init__(self, ndim: int) -> None:
        from usearch.index import Index

        self.ndim = ndim
        self._index = Index(ndim=ndim, metric="cos", dtype="f32")

    def __len__(self) -> int:
        return len(self._index)

    def put(self, key: int, vector: np.ndarray) -> None:
        if key in self._index:
            self._index.remove(key)
        self._index.add(key, np.asarray(vector, dtype=np.float32))

    def remove(self, key: int) -> None:
        if key in self._index:
            self._index.remove(key)

    def nearest(self, vector: np.ndarray, count: int) -> list[tuple[int, float]]:
        """(key, cosine similarity), most similar first."""
        if not len(self._index):
            return []
        found = self._index.search(
            np.asarray(vector, dtype=np.float32), count, exact=len(self._index) < EXACT_BELOW
        )
        return [(int(k), 1.0 - float(d)) for k, d in zip(found.keys, found.distances, strict=True)]


@dataclass
class Event:
    """A happening: its articles, time span and, while open, its profile."""

    id: str
    key: int
    article_ids: list[str]
    storyline_id: str
    first: float | None
    last: float | None
    profile: Profile | None = None  # None once closed
    indexed_count: int = 1  # profile.count when its centroid was last indexed
    copies: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.profile is not None

    def to_state(self) -> dict[str, Any]:
        profile = self.profile.to_state() if self.profile is not None else None
        return {
            "id": self.id,
            "key": self.key,
            "article_ids": self.article_ids,
            "storyline_id": self.storyline_id,
            "first": self.first,
            "last": self.last,
            "profile": profile,
            "indexed_count": self.indexed_count,
            "copies": self.copies,
        }

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> Event:
        profile = Profile.from_state(s["profile"]) if s["profile"] is not None else None
        return cls(
            s["id"],
            s["key"],
            list(s["article_ids"]),
            s["storyline_id"],
            s["first"],
            s["last"],
            profile,
            s["indexed_count"],
            list(s["copies"]),
        )


class OnlineClusterer:
    """Assigns articles, one at a time in publication order, to events and storylines."""

    def __init__(
        self, settings: ClusterSettings | None = None, decision: Decision | None = None, ndim: int = 384
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.decision = decision or load_decision()
        self.ndim = ndim
        self.stats = TermStats()
        self.events: list[Event] = []  # by key
        self.event_of: dict[str, str] = {}  # article id -> event id
        self._by_id: dict[str, int] = {}  # event id -> key
        self._open: OrderedDict[int, None] = OrderedDict()  # open event keys, least recently updated first
        self._due: list[tuple[float, int]] = []  # (latest article time, key) of dated open events; a heap
        self._now: float | None = None
        self.index = VectorIndex(ndim)
        self.storylines = StorylineLinker(self.settings, VectorIndex(ndim))

    # -- assignment -----------------------------------------------------------------------------------

    def add(self, article: Article, vector: np.ndarray) -> str:
        """Assign one article (with its normalised embedding) and return its event id."""
        if article.id in self.event_of:
            return self.event_of[article.id]
        if article.copy_of and article.copy_of in self.event_of:
            return self._add_copy(article)
        profile = article_profile(article, vector)
        self.stats.observe(profile)
        self._advance(profile.first)
        best, probability = self._best_event(profile)
        if best is not None and probability >= self._threshold(profile):
            return self._join(best, article.id, profile)
        return self._found(article.id, profile)

    def _threshold(self, profile: Profile) -> float:
        if self.settings.join_probability is not None:
            return self.settings.join_probability
        return self.decision.short_threshold if profile.short else self.decision.threshold

    def _add_copy(self, article: Article) -> str:
        event = self.event(self.event_of[article.copy_of or ""])
        event.copies.append(article.id)
        self.event_of[article.id] = event.id
        return event.id

    def _best_event(self, profile: Profile) -> tuple[Event | None, float]:
        found = self.index.nearest(profile.vector, self.settings.candidates)
        candidates = [self.events[key] for key, _ in found]
        candidates = [e for e in candidates if e.profile is not None and self._in_window(e, profile)]
        if not candidates:
            return None, 0.0
        rows = np.stack([views(profile, e.profile, self.stats) for e in candidates if e.profile])
        scores = self.decision.probability(rows)
        if not profile.short:  # a headline states too few figures to tell
            least = self.settings.number_clash_min
            clash = [e.profile is not None and number_clash(profile, e.profile, least) for e in candidates]
            scores = np.where(clash, 0.0, scores)
        best = int(np.argmax(scores))  # ties: the first, i.e. the nearest centroid
        return candidates[best], float(scores[best])

    def _in_window(self, event: Event, profile: Profile) -> bool:
        """An article dated more than the window before or after an event's span is not part of it (an
        older report ingested late does not join this week's event)."""
        window = self.settings.event_window_days
        if event.first is None or event.last is None or profile.first is None or profile.last is None:
            return True
        return profile.first <= event.last + window and profile.last >= event.first - window

    def _join(self, event: Event, article_id: str, profile: Profile) -> str:
        assert event.profile is not None
        s = self.settings
        merge(event.profile, profile, max_terms=s.max_event_terms, members=s.centroid_members)
        event.article_ids.append(article_id)
        event.first, event.last = event.profile.first, event.profile.last
        self.event_of[article_id] = event.id
        self._open.move_to_end(event.key)
        self._schedule(event)
        if event.profile.count >= 1.3 * event.indexed_count:
            self.index.put(event.key, event.profile.centroid())
            event.indexed_count = event.profile.count
        return event.id

    def _found(self, article_id: str, profile: Profile) -> str:
        key = len(self.events)
        event_id = f"ev-{article_id}"
        storyline_id = self.storylines.link(event_id, profile)
        event = Event(event_id, key, [article_id], storyline_id, profile.first, profile.last, profile)
        self.events.append(event)
        self._by_id[event_id] = key
        self.event_of[article_id] = event_id
        self._open[key] = None
        self._schedule(event)
        self.index.put(key, profile.centroid())
        self._close_overflow()
        return event_id

    # -- expiry ---------------------------------------------------------------------------------------

    def _schedule(self, event: Event) -> None:
        if event.last is not None:
            heapq.heappush(self._due, (event.last, event.key))

    def _advance(self, when: float | None) -> None:
        """Move the stream clock and close the dated events quiet for longer than the window. An undated
        event never closes by time (only by ``max_open_events``), and does not hold up the others."""
        if when is None:
            return
        self._now = when if self._now is None else max(self._now, when)
        horizon = self._now - self.settings.event_window_days
        while self._due and self._due[0][0] < horizon:
            last, key = heapq.heappop(self._due)
            event = self.events[key]
            if event.is_open and event.last == last:  # else closed already, or a later entry stands
                self._close(event)

    def _close_overflow(self) -> None:
        while len(self._open) > self.settings.max_open_events:
            self._close(self.events[next(iter(self._open))])

    def _close(self, event: Event) -> None:
        self._open.pop(event.key, None)
        self.index.remove(event.key)
        event.profile = None

    # -- queries --------------------------------------------------------------------------------------

    def event(self, event_id: str) -> Event:
        return self.events[self._by_id[event_id]]

    def members(self, event_id: str) -> list[str]:
        """The event's articles, originals first (in arrival order), then copies."""
        event = self.event(event_id)
        return event.article_ids + event.copies

    def storyline_events(self, storyline_id: str) -> list[Event]:
        """A storyline's events in order of first appearance (then of founding)."""
        events = [self.event(eid) for eid in self.storylines.events_in(storyline_id)]
        return sorted(events, key=lambda e: (e.first is None, e.first or 0.0, e.key))

    @property
    def open_events(self) -> int:
        return len(self._open)

    # -- persistence ----------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to resume, as JSON-serialisable data."""
        return {
            "version": STATE_VERSION,
            "ndim": self.ndim,
            "now": self._now,
            "stats": self.stats.to_state(),
            "events": [e.to_state() for e in self.events],
            "open": list(self._open),
            "storylines": self.storylines.to_state(),
        }

    @classmethod
    def from_state(
        cls, state: dict[str, Any], settings: ClusterSettings | None = None, decision: Decision | None = None
    ) -> OnlineClusterer:
        """Resume from ``to_state()`` output; the same input afterwards gives the same ids."""
        if state.get("version") != STATE_VERSION:
            raise StateMismatch(f"state version {state.get('version')!r}, expected {STATE_VERSION}")
        clusterer = cls(settings, decision, ndim=state["ndim"])
        clusterer.stats = TermStats.from_state(state["stats"])
        clusterer._now = state["now"]
        for item in state["events"]:
            clusterer._restore_event(Event.from_state(item))
        for key in state["open"]:
            clusterer._reopen(clusterer.events[key])
        clusterer.storylines.restore(state["storylines"])
        return clusterer

    def _restore_event(self, event: Event) -> None:
        self.events.append(event)
        self._by_id[event.id] = event.key
        for article_id in event.article_ids + event.copies:
            self.event_of[article_id] = event.id

    def _reopen(self, event: Event) -> None:
        if event.profile is None:
            raise StateMismatch(f"open event {event.id} has no profile")
        self._open[event.key] = None
        self._schedule(event)
        self.index.put(event.key, event.profile.centroid())
