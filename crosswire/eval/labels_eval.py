"""Labels for the same referent, scored against NewsWCL50's annotated mentions (``original/Annotations.csv``).

Gold: per event and annotated concept (``code_name``) of a referent type (ACTOR, ACTOR-I, COUNTRY, GROUP),
the set of (outlet, phrase) pairs, pronouns left out, kept when two or more outlets name the concept.
System: ``compare.labels.entity_labels`` on the event's five articles: per entry, its (outlet, label) pairs.

Matching: each system entry is aligned to the gold concept it shares most pairs with (none: the entry is
left out of precision, because NewsWCL50 annotates only selected concepts). Two phrases match by
*exact* normalised equality (case, quotes, punctuation, a leading "the"), or, leniently, by *head* (same last
word). Precision = matched system pairs / system pairs of aligned entries; recall = gold pairs found in the
entry aligned to their concept / gold pairs.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crosswire.compare.labels import PRONOUNS, EntityLabels, entity_labels
from crosswire.compare.readings import ensure_readings, ensure_resolution
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.eval.datasets import load
from crosswire.eval.paths import data_dir
from crosswire.model import Article

REFERENT_TYPES = frozenset({"ACTOR", "ACTOR-I", "COUNTRY", "GROUP"})
OUTLETS = {"LL": "HuffPost", "L": "New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}
Pairs = set[tuple[str, str]]


@dataclass
class LabelScore:
    mode: str
    matched_system: int
    system: int
    matched_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalise(phrase: str) -> str:
    s = phrase.lower().replace("’", "'").replace("“", "").replace("”", "")
    s = re.sub(r"[^a-z0-9' -]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"'s$", "", s)
    return s[4:] if s.startswith("the ") else s


def head(phrase: str) -> str:
    words = normalise(phrase).split()
    return words[-1] if words else ""


def gold_labels() -> dict[str, dict[str, Pairs]]:
    """Event id → concept → {(outlet, normalised phrase)}."""
    path = data_dir() / "newswcl50" / "original" / "Annotations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("sep=")]
    gold: dict[str, dict[str, Pairs]] = defaultdict(lambda: defaultdict(set))
    for row in csv.DictReader(lines):
        phrase = normalise(row["code_mention"])
        if row["code_type"] in REFERENT_TYPES and phrase and phrase not in PRONOUNS:
            gold[row["event_id"]][row["code_name"]].add((OUTLETS[row["publisher_id"]], phrase))
    return {e: {c: p for c, p in cs.items() if len({o for o, _ in p}) >= 2} for e, cs in gold.items()}


def system_labels(articles: list[Article], event_id: str) -> list[Pairs]:
    readings = ensure_readings(articles, None)
    resolution = ensure_resolution(articles, readings, event_id, None)
    entries: list[EntityLabels] = entity_labels(articles, readings, resolution, DEFAULT_SETTINGS)
    return [{(o, normalise(u.label)) for o, uses in e.by_outlet.items() for u in uses} for e in entries]


def _key(mode: str) -> Callable[[tuple[str, str]], tuple[str, str]]:
    return (lambda p: p) if mode == "exact" else (lambda p: (p[0], head(p[1])))


def score_event(gold: dict[str, Pairs], system: list[Pairs], mode: str) -> LabelScore:
    key = _key(mode)
    gold_keys = {c: {key(p) for p in pairs} for c, pairs in gold.items()}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    matched_system = total_system = 0
    for entry in system:
        keys = {key(p) for p in entry}
        best = max(gold_keys, key=lambda c: len(keys & gold_keys[c]), default=None)
        if best is None or not keys & gold_keys[best]:
            continue
        matched_system += len(keys & gold_keys[best])
        total_system += len(keys)
        found[best] |= keys & gold_keys[best]
    matched_gold = sum(len(found[c]) for c in gold_keys)
    return LabelScore(
        mode, matched_system, total_system, matched_gold, sum(len(k) for k in gold_keys.values())
    )


def _events(articles: Iterable[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        out[(a.story_id or "").rsplit("/", 1)[-1]].append(a)
    return out


def split_events(split: str) -> set[str]:
    """Event ids of a part of NewsWCL50's ``train_val_test_split.json`` (train, val or test)."""
    with (data_dir() / "newswcl50" / "train_val_test_split.json").open(encoding="utf-8") as handle:
        return {str(e) for e in json.load(handle)[split]}


def evaluate_labels(limit: int | None = None, split: str | None = None) -> list[LabelScore]:
    """Micro-averaged (exact, head) scores over NewsWCL50's events (the first ``limit`` events; only the
    events of ``split``, one of train, val, test, when given)."""
    gold = gold_labels()
    wanted = split_events(split) if split else None
    totals = {m: LabelScore(m, 0, 0, 0, 0) for m in ("exact", "head")}
    events = [(e, a) for e, a in sorted(_events(load("newswcl50")).items()) if wanted is None or e in wanted]
    for n, (event, articles) in enumerate(events):
        if limit is not None and n >= limit:
            break
        system = system_labels(articles, f"newswcl50/{event}")
        for mode, total in totals.items():
            s = score_event(gold.get(event, {}), system, mode)
            total.matched_system += s.matched_system
            total.system += s.system
            total.matched_gold += s.matched_gold
            total.gold += s.gold
    return list(totals.values())
