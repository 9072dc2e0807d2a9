"""Storylines: events that continue one another (same actors and place, days or weeks apart).

When an event is founded, it joins the storyline of the most similar recent event if their centroids are
close (``storyline_min_cosine``), they lie within ``storyline_window_days``, the event's main year is not
foreign to the storyline (``features.year_clash``) and they share enough *specific* names
(``storyline_min_entities``); otherwise it founds a storyline (``sl-`` + event id). A specific name names
an actor, not a place (two shootings in one city share the city), a year or a people, and few recent
storylines carry it (``storyline_name_share``: "Euro" and "Deschamps" are shared by every match report of a
tournament). Membership is decided once, so ids stay stable as articles arrive.
"""

from __future__ import annotations

import heapq
from collections import Counter, OrderedDict
from collections.abc import Set
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations
from typing import Any, Protocol

import numpy as np

from crosswire.cluster.features import Profile, year_clash
from crosswire.cluster.settings import ClusterSettings

STORYLINE_NAMES = 100


class NearestIndex(Protocol):
    """What the linker needs from a vector index (``online.VectorIndex`` provides it)."""

    def put(self, key: int, vector: np.ndarray) -> None: ...

    def remove(self, key: int) -> None: ...

    def nearest(self, vector: np.ndarray, count: int) -> list[tuple[int, float]]: ...


@dataclass
class Storyline:
    id: str
    event_ids: list[str] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    last: float | None = None
    vector: np.ndarray | None = None  # centroid of the latest event's founding article; None once stale

    def to_state(self) -> dict[str, Any]:
        vector = None if self.vector is None else self.vector.astype(float).round(6).tolist()
        return {
            "id": self.id,
            "event_ids": self.event_ids,
            "names": dict(self.names),
            "last": self.last,
            "vector": vector,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Storyline:
        vector = None if state["vector"] is None else np.asarray(state["vector"], dtype=np.float32)
        return cls(state["id"], list(state["event_ids"]), Counter(state["names"]), state["last"], vector)


class StorylineLinker:
    """Links each new event to a recent storyline, or starts one."""

    def __init__(self, settings: ClusterSettings, index: NearestIndex) -> None:
        self.settings = settings
        self.index = index
        self.storylines: dict[str, Storyline] = {}
        self._ids: list[str] = []  # index key -> storyline id
        self._keys: dict[str, int] = {}  # storyline id -> index key
        self._recent: OrderedDict[str, None] = OrderedDict()  # indexed storylines, least recent first
        self._carriers: Counter[str] = Counter()  # name -> indexed storylines carrying it (derived)
        self._due: list[tuple[float, str]] = []  # (latest event time, id) of dated indexed storylines; a heap
        self._now: float | None = None

    def link(self, event_id: str, profile: Profile) -> str:
        """The storyline id for a new event (joined or founded)."""
        self._expire(profile.first)
        line = self._best(profile) or self._found(event_id)
        self._count(line, -1)
        line.event_ids.append(event_id)
        line.names = Counter(dict((line.names + profile.names).most_common(STORYLINE_NAMES)))
        if profile.first is not None:
            line.last = max(line.last if line.last is not None else profile.first, profile.first)
        line.vector = profile.centroid()
        self._index(line)
        return line.id

    def _index(self, line: Storyline) -> None:
        if line.vector is not None:
            self.index.put(self._keys[line.id], line.vector)
            self._recent[line.id] = None
            self._recent.move_to_end(line.id)
            self._count(line, +1)
            if line.last is not None:
                heapq.heappush(self._due, (line.last, line.id))

    def _count(self, line: Storyline, sign: int) -> None:
        """Add (+1) or take back (-1) an indexed storyline's names in ``_carriers``."""
        if line.id not in self._recent:
            return
        for name in line.names:
            self._carriers[name] += sign
            if self._carriers[name] <= 0:
                del self._carriers[name]

    def _expire(self, when: float | None) -> None:
        """Drop dated storylines quiet for longer than the window from the index; an undated one stays and
        does not hold up the others."""
        if when is None:
            return
        self._now = when if self._now is None else max(self._now, when)
        horizon = self._now - self.settings.storyline_window_days
        while self._due and self._due[0][0] < horizon:
            last, storyline_id = heapq.heappop(self._due)
            line = self.storylines[storyline_id]
            if storyline_id not in self._recent or line.last != last:
                continue  # dropped already, or a later entry stands
            self._count(line, -1)
            del self._recent[storyline_id]
            self.index.remove(self._keys[line.id])
            line.vector, line.names = None, Counter()

    def _found(self, event_id: str) -> Storyline:
        line = Storyline(id=f"sl-{event_id}")
        self.storylines[line.id] = line
        self._keys[line.id] = len(self._ids)
        self._ids.append(line.id)
        return line

    def _best(self, profile: Profile) -> Storyline | None:
        s = self.settings
        for key, cosine in self.index.nearest(profile.centroid(), s.storyline_candidates):
            if cosine < s.storyline_min_cosine:
                break
            line = self.storylines[self._ids[key]]
            if (
                self._in_window(line, profile)
                and not year_clash(profile.names, line.names)
                and self._specific(line, profile) >= s.storyline_min_entities
            ):
                return line
        return None

    def _in_window(self, line: Storyline, profile: Profile) -> bool:
        if line.last is None or profile.first is None:
            return True
        return abs(profile.first - line.last) <= self.settings.storyline_window_days

    def _specific(self, line: Storyline, profile: Profile) -> int:
        """Shared names that are no place, year or demonym and that few recent storylines carry."""
        shared = line.names.keys() & profile.names.keys()
        common = max(1.0, self.settings.storyline_name_share * len(self._recent))
        return sum(1 for name in shared - place_tokens(shared) if self._carriers[name] <= common)

    def events_in(self, storyline_id: str) -> list[str]:
        """The storyline's events, in the order they were founded."""
        return list(self.storylines[storyline_id].event_ids)

    def to_state(self) -> dict[str, Any]:
        recent = [self._keys[sid] for sid in self._recent]
        return {
            "now": self._now,
            "storylines": [self.storylines[sid].to_state() for sid in self._ids],
            "recent": recent,
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Reload what ``to_state`` wrote (into a fresh linker)."""
        for item in state["storylines"]:
            line = Storyline.from_state(item)
            self.storylines[line.id] = line
            self._keys[line.id] = len(self._ids)
            self._ids.append(line.id)
        for key in state["recent"]:
            self._index(self.storylines[self._ids[key]])
        self._now = state["now"]


def place_tokens(tokens: Set[str]) -> set[str]:
    """The name tokens that name places (by the gazetteer's own names, not its alternate ones: "Bale" is
    one of Basel's), years or peoples ("Iranian"), including two-token places ("los" and "angeles",
    "new" and "york")."""
    found = {t for t in tokens if _is_place(t.removesuffix("'s"), single=True)}
    for first, second in permutations(tokens, 2):
        if not {first, second} <= found and _is_place(f"{first} {second}"):
            found |= {first, second}
    return found


@lru_cache(maxsize=1 << 16)
def _is_place(name: str, single: bool = False) -> bool:
    from crosswire.read.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    if single and (name.isdigit() or gazetteer.demonym(name)):
        return True
    return any(m.primary for m in gazetteer.lookup(name))
