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
from crosswire.compare.features import content_words, continuing, is_hedged
from crosswire.compare.settings import CompareSettings
from crosswire.read.quantities import Quantity, compatible, counted_key
from crosswire.read.timex import TimeRef

GENERIC_COUNTED = frozenset({"people", "person", "resident", "civilian", "man", "woman", "child", "worker"})
HAPPENINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deaths", re.compile(r"\b(?:kill\w*|dead|died|die|deaths?|toll|fatalit\w*|lives)\b", re.I)),
    ("missing", re.compile(r"\b(?:missing|unaccounted)\b", re.I)),
    ("evacuated", re.compile(r"\b(?:evacuat\w*|shelter\w*|displaced)\b", re.I)),
    ("rescued", re.compile(r"\b(?:rescu\w*|saved)\b", re.I)),
    ("injured", re.compile(r"\b(?:injur\w*|wounded|hurt|treated)\b", re.I)),
)
HAPPENING_NAMES = frozenset(name for name, _ in HAPPENINGS)
MIN_SHARED_WORDS = 2
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "night", "age"})
CONTEXT_CHARS = 40  # characters either side of a figure (or before a date) that say what it is about
REPORTING_STEMS = frozenset({"said", "say", "told", "accor", "repor", "state", "annou", "figur"})
DURATION_STEMS = frozenset({"secon", "minut", "hour", "day", "days", "week", "month", "year", "night"})
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|stated|added|reported|warned|urged|remarks?|briefing|teleconference|"
    r"statement|interview|address|speaking)\b[^.;]{0,25}$",
    re.I,
)
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


def _is_duration(q: Quantity) -> bool:
    words = {
        counted_key(q.counted),
        (q.counted or "").lower().rstrip("s"),
        (q.unit or "").lower().rstrip("s"),
    }
    return bool(words & DURATIONS)


def measure(q: Quantity, claim: Claim) -> Quantity | None:
    """The quantity with what it counts made comparable ("killing 14 people" counts deaths)."""
    key = counted_key(q.counted)
    if _is_duration(q) or SPECULATION.search(claim.text[: q.span.start - claim.span.start]):
        return None
    if q.unit is None and (key is None or key in GENERIC_COUNTED):
        happening = _happening(claim.text, q.span.start - claim.span.start)
        if happening is None:
            return None if key is None else q
        return replace(q, counted=happening)
    return q


def _context(q: Quantity, claim: Claim) -> frozenset[str]:
    """Content words around a figure, the figure's own words and reporting words left out."""
    s, e = q.span.start - claim.span.start, q.span.end - claim.span.start
    around = claim.text[max(0, s - CONTEXT_CHARS) : s] + " " + claim.text[e : e + CONTEXT_CHARS]
    common = " ".join(w for w in around.split() if not w[:1].isupper())  # names say little about what
    return content_words(common) - content_words(q.text) - REPORTING_STEMS - DURATION_STEMS


def same_thing(qa: Quantity, a: Claim, qb: Quantity, b: Claim) -> bool:
    """Two figures of one measure are about the same thing: a happening they both count ("killed"), or a
    word they share around them ("43 vessels were waiting" / "40 ships waiting")."""
    ma, mb = measure(qa, a), measure(qb, b)
    if ma is not None and ma.counted in HAPPENING_NAMES and mb is not None and mb.counted == ma.counted:
        return True
    return bool(_context(qa, a) & _context(qb, b))


def measure_key(q: Quantity) -> tuple[str | None, str | None, str | None]:
    return (q.unit, counted_key(q.counted), q.per)


def _historic(claim: Claim) -> bool:
    """The claim is dated to a year before its report's (a past event, not today's happening)."""
    year = (claim.published or "")[:4]
    return any(
        t.granularity in ("year", "decade") and t.end is not None and (not year or t.end[:4] < year)
        for t in claim.times
    )


def anchored(a: Claim, b: Claim) -> bool:
    """The two claims share something concrete: an entity plus a word, or two content words."""
    shared_words = len(a.words & b.words)
    return shared_words >= MIN_SHARED_WORDS or (bool(set(a.entities) & set(b.entities)) and shared_words >= 1)


def figure_pairs(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity, bool]]:
    """Figure pairs of two claims about the same thing, each with whether they are compatible."""
    if _historic(a) or _historic(b):
        return []
    out = []
    for qa in a.quantities:
        ma = measure(qa, a)
        for qb in b.quantities:
            mb = measure(qb, b)
            verdict = compatible(ma, mb) if ma is not None and mb is not None else None
            if verdict is not None and same_thing(qa, a, qb, b):
                out.append((qa, qb, verdict))
    return out


def _numbers(a: Claim, b: Claim) -> Conflict | None:
    """Figures for the same thing that cannot both hold, neither matched by a compatible figure of the other
    claim ("demands 9 percent, offered 4.5 percent" against "offered 4.5 percent" is no conflict)."""
    pairs = figure_pairs(a, b)
    agreed_a = {id(qa) for qa, _, ok in pairs if ok}
    agreed_b = {id(qb) for _, qb, ok in pairs if ok}
    for qa, qb, ok in pairs:
        if not ok and id(qa) not in agreed_a and id(qb) not in agreed_b:
            what = measure(qa, a)
            thing = (what.counted or what.unit) if what else "figure"
            reason = f"{a.outlet} reports “{qa.text}”, {b.outlet} “{qb.text}” ({thing})"
            return Conflict("numbers", reason, a.id, b.id)
    return None


def happening_days(c: Claim) -> list[tuple[TimeRef, frozenset[str]]]:
    """Days the claim dates a happening to, each with the words before it ("walked out" on Tuesday);
    the day of a statement ("said on Friday", "told reporters on Monday") is left out."""
    out = []
    for t in c.times:
        if t.granularity != "day" or not t.start:
            continue
        before = c.text[max(0, t.span.start - c.span.start - CONTEXT_CHARS) : t.span.start - c.span.start]
        if not REPORTING_BEFORE.search(before):
            out.append((t, content_words(before) - REPORTING_STEMS))
    return out


def _dates(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    if sim < settings.align_weak:
        return None
    for ta, words_a in happening_days(a):
        for tb, words_b in happening_days(b):
            if ta.start != tb.start and words_a & words_b:
                reason = f"{a.outlet} dates it “{ta.text}” ({ta.start}), {b.outlet} “{tb.text}” ({tb.start})"
                return Conflict("dates", reason, a.id, b.id)
    return None


def _places(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    if sim < settings.align_strong or not a.places or not b.places or set(a.places) & set(b.places):
        return None
    reason = f"{a.outlet} and {b.outlet} place the same happening differently"
    return Conflict("places", reason, a.id, b.id)


def _polarity(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    """One claim negates (or says has stopped) what the other affirms about a shared word."""
    if sim < settings.polarity_min or a.negated & b.negated:  # both deny the same thing: they agree
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


def contested_measures(claims: list[Claim]) -> frozenset[tuple[str | None, str | None, str | None]]:
    """Measures some claim of the event denies a figure for ("There is no plan to cut 400 jobs")."""
    out: set[tuple[str | None, str | None, str | None]] = set()
    for c in claims:
        if c.polarity < 0:
            out.update(measure_key(m) for q in c.quantities if (m := measure(q, c)) is not None)
    return frozenset(out)


@dataclass
class FigureCheck:
    """What two claims' figures for the same things say: conflicts, compatible wordings, agreement."""

    conflicts: list[Conflict]
    compatible: list[Compatibility]
    agree: bool


def _contested_attribution(
    a: Claim, b: Claim, pairs: list[tuple[Quantity, Quantity, bool]], contested: frozenset[object]
) -> Conflict | None:
    """One claim states as fact a figure that another attributes, and the event has a denial of it."""
    for qa, _, ok in pairs:
        m = measure(qa, a)
        if ok and m is not None and measure_key(m) in contested:
            for fact, told in ((a, b), (b, a)):
                if fact.cue is None and is_hedged(told.cue):  # the cue, not a speaker the reader guessed
                    reason = (
                        f"{fact.outlet} states “{qa.text if fact is a else _clip(fact.text, 8)}” as fact; "
                        f"{told.outlet} attributes it (“{told.cue}”), and it is denied"
                    )
                    return Conflict("attribution", reason, fact.id, told.id)
    return None


def figure_checks(
    a: Claim, b: Claim, sim: float, settings: CompareSettings, contested: frozenset[object] = frozenset()
) -> FigureCheck:
    """Conflicting and compatible figures of two claims with figures for one measure."""
    if a.source == b.source or sim < settings.numbers_min:
        return FigureCheck([], [], False)
    conflict = _numbers(a, b)
    if conflict is not None:
        return FigureCheck([conflict], [], False)
    pairs = figure_pairs(a, b)
    compat = [
        Compatibility(f"{a.outlet} “{qa.text}” and {b.outlet} “{qb.text}” are compatible", a.id, b.id)
        for qa, qb, ok in pairs
        if ok and qa.text.lower() != qb.text.lower()
    ]
    agree = any(ok for _, _, ok in pairs)
    found = [
        _contested_attribution(a, b, pairs, contested),
        _polarity(a, b, 1.0, settings) if agree else None,
    ]
    return FigureCheck([c for c in found if c is not None], compat, agree)
