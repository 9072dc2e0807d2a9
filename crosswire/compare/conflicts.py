"""Structural contradiction checks between two claims of different sources.

No NLI model is available offline (MODELS.md), so a conflict is found from structure: two claims about
the same thing (similar in meaning and sharing an anchor) whose numbers for the same measure cannot both
hold, whose days for the same happening differ, whose polarity differs, or where one states as fact what
the other attributes to a party. Compatible figures ("more than 100" and "110") are not conflicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crosswire.compare.claims import Claim
from crosswire.compare.features import continuing, is_hedged
from crosswire.compare.settings import CompareSettings
from crosswire.read.quantities import Quantity, compatible, counted_key

GENERIC_COUNTED = frozenset({"people", "person", "resident", "civilian", "man", "woman", "child", "worker"})
HAPPENINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deaths", re.compile(r"\b(?:kill\w*|dead|died|die|deaths?|toll|fatalit\w*|lives)\b", re.I)),
    ("missing", re.compile(r"\b(?:missing|unaccounted)\b", re.I)),
    ("evacuated", re.compile(r"\b(?:evacuat\w*|shelter\w*|displaced)\b", re.I)),
    ("rescued", re.compile(r"\b(?:rescu\w*|saved)\b", re.I)),
    ("injured", re.compile(r"\b(?:injur\w*|wounded|hurt|treated)\b", re.I)),
)
MIN_SHARED_WORDS = 2
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "night"})
SPECULATION = re.compile(r"\b(?:could|might|may|would)\b[^.;,]{0,30}$", re.I)


@dataclass(frozen=True)
class Conflict:
    """Why two claims of different sources cannot both be right, with both claims' ids."""

    kind: str  # "numbers" | "dates" | "places" | "polarity" | "attribution"
    reason: str
    claim_a: str
    claim_b: str


@dataclass(frozen=True)
class Compatibility:
    """Two figures for the same measure that differ in wording but can both be true."""

    reason: str
    claim_a: str
    claim_b: str


def _happening(sentence: str, at: int) -> str | None:
    """The happening word nearest to offset ``at`` of the sentence ("killed", "evacuated", ...)."""
    best: tuple[int, str] | None = None
    for name, pattern in HAPPENINGS:
        for m in pattern.finditer(sentence):
            distance = min(abs(m.start() - at), abs(m.end() - at))
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None


def measure(q: Quantity, claim: Claim) -> Quantity | None:
    """The quantity with what it counts made comparable ("killing 14 people" counts deaths)."""
    key = counted_key(q.counted)
    if key in DURATIONS or SPECULATION.search(claim.text[: q.span.start - claim.span.start]):
        return None
    if q.unit is None and (key is None or key in GENERIC_COUNTED):
        happening = _happening(claim.text, q.span.start - claim.span.start)
        if happening is None:
            return None if key is None else q
        return replace(q, counted=happening)
    return q


def measure_key(q: Quantity) -> tuple[str | None, str | None, str | None]:
    return (q.unit, counted_key(q.counted), q.per)


def _historic(claim: Claim) -> bool:
    """The claim is dated to an earlier year (a past event, not today's happening)."""
    return any(t.granularity in ("year", "decade") for t in claim.times)


def anchored(a: Claim, b: Claim) -> bool:
    """The two claims share something concrete: an entity plus a word, or two content words."""
    shared_words = len(a.words & b.words)
    return shared_words >= MIN_SHARED_WORDS or (bool(set(a.entities) & set(b.entities)) and shared_words >= 1)


def figure_pairs(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity, bool]]:
    """Comparable figure pairs of two claims, each with whether they are compatible."""
    if _historic(a) or _historic(b):
        return []
    out = []
    for qa in a.quantities:
        ma = measure(qa, a)
        for qb in b.quantities:
            mb = measure(qb, b)
            verdict = compatible(ma, mb) if ma is not None and mb is not None else None
            if verdict is not None:
                out.append((qa, qb, verdict))
    return out


def _numbers(a: Claim, b: Claim) -> Conflict | None:
    for qa, qb, ok in figure_pairs(a, b):
        if not ok:
            what = measure(qa, a)
            thing = (what.counted or what.unit) if what else "figure"
            reason = f"{a.outlet} reports “{qa.text}”, {b.outlet} “{qb.text}” ({thing})"
            return Conflict("numbers", reason, a.id, b.id)
    return None


def _days(c: Claim) -> set[str]:
    return {t.start for t in c.times if t.granularity == "day" and t.start}


def _dates(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    days_a, days_b = _days(a), _days(b)
    if sim < settings.align_weak or len(days_a) != 1 or len(days_b) != 1 or days_a == days_b:
        return None
    ta = next(t for t in a.times if t.start in days_a)
    tb = next(t for t in b.times if t.start in days_b)
    reason = f"{a.outlet} dates it “{ta.text}” ({ta.start}), {b.outlet} “{tb.text}” ({tb.start})"
    return Conflict("dates", reason, a.id, b.id)


def _places(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    if sim < settings.align_strong or not a.places or not b.places or set(a.places) & set(b.places):
        return None
    reason = f"{a.outlet} and {b.outlet} place the same happening differently"
    return Conflict("places", reason, a.id, b.id)


def _polarity(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    """One claim negates (or says has stopped) what the other affirms about a shared word."""
    if sim < settings.polarity_min:
        return None
    for neg, pos in ((a, b), (b, a)):
        denied = (neg.negated & pos.words) - pos.negated
        if denied:
            verb = "goes on" if continuing(pos.text) and not continuing(neg.text) else "holds"
            reason = f"{pos.outlet} says it {verb}; {neg.outlet} says it does not (“{_clip(neg.text)}”)"
            return Conflict("polarity", reason, pos.id, neg.id)
    return None


def _attribution(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    if sim < settings.attribution_min:
        return None
    for fact, told in ((a, b), (b, a)):
        if not fact.attributed and is_hedged(told.cue):
            reason = f"{fact.outlet} states as fact what {told.outlet} attributes (“{told.cue}”)"
            return Conflict("attribution", reason, fact.id, told.id)
    return None


def _clip(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def find_conflicts(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> list[Conflict]:
    """Every kind of conflict between two anchored claims of different sources."""
    if a.source == b.source or sim < settings.conflict_min or not anchored(a, b):
        return []
    found = [
        _dates(a, b, sim, settings),
        _places(a, b, sim, settings),
        _polarity(a, b, sim, settings),
        _attribution(a, b, sim, settings),
    ]
    return [c for c in found if c is not None]


def figure_checks(
    a: Claim, b: Claim, sim: float, settings: CompareSettings
) -> tuple[list[Conflict], list[Compatibility]]:
    """Conflicting and compatible figures of two claims with figures for one measure."""
    if a.source == b.source or sim < settings.numbers_min:
        return [], []
    conflict = _numbers(a, b)
    if conflict is not None:
        return [conflict], []
    compat = []
    for qa, qb, ok in figure_pairs(a, b):
        if ok and qa.text.lower() != qb.text.lower():
            reason = f"{a.outlet} “{qa.text}” and {b.outlet} “{qb.text}” are compatible"
            compat.append(Compatibility(reason, a.id, b.id))
    attributed = _attribution(a, b, 1.0, settings) if figure_pairs(a, b) else None
    return ([attributed] if attributed else []), compat
