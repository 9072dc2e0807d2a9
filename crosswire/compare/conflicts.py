"""Structural contradiction checks between two claims of different sources.

No NLI model is available offline (MODELS.md), so a conflict is found from structure: two claims about
the same thing (similar in meaning and sharing an anchor) whose numbers for the same measure cannot both
hold, whose days for the same happening differ, whose polarity differs, or where one states as fact what
the other attributes to a party, or where one denies harm ("no civilian casualties") to what the other
counts among the dead. Compatible figures ("more than 100" and "110"), an age and a year of building
("58-year-old", "built in 1968") and overlapping dates ("three weeks ago", "since February 27") are not
conflicts; a figure about a past event ("since 1987, when ... killing nine") is not compared. Figures also
tell claims apart for alignment: two claims whose figures do not meet report different facts
(``figures_apart``), unless the figure only one states is dated by the day both give the happening.

Long real reports (NewsWCL50, benchmarks/dossier_real.py) need more: two figures with a unit and no counted
thing conflict only when they measure one thing ("25% tariff" is no "fell nearly 2 percent" of stock
prices); a polarity conflict needs a denial of what the other claim affirms as having happened: not a
condition ("if they restart"), a possibility ("might not need"), a stop against what went before ("will
halt tests" / "conducted tests last year"), what the other calls alleged ("allegations of collusion"), a
state of mind ("did not know"), or only the event's topic words (``topic_words``: "nuclear" in a story on
nuclear tests); and the parse must show one proposition on both sides (``propositions.contradiction``: the
same predicate and subject, a thing said not to exist that the other states, a stop against what goes on),
not a shared word ("Manafort has pleaded not guilty" / "Gates pleaded guilty"). When both claims report what
different people say, the conflict is marked ``between="sources"``: people the outlets quote disagree, the
outlets themselves need not. A claim that itself alleges ("sues, alleging conspiracy") states no fact to set
against an attribution. Dates conflict only with a common word before both (a name does not say they date
one happening: "Comey indicated in the USA TODAY interview" / "Trump called Comey on April 11"), only
the pair of days sharing most such words is compared, and the parse must show both days said of one
happening (``happenings``: "filed for divorce on August 11" / "had a court hearing Wednesday" share "court
records" and "wife", not the happening). Two counts of one counted noun conflict only when they count one
set: not a part of it ("50 of the participants", "another 31 people"), and not two groups the parse shows
doing different things ("escorted some 50 participants" to the gate / "hundreds of participants made their
way" to the border). Places conflict only when both are in the gazetteer and neither is or holds the other
(a title-case headline's "in Little Rock Shooting" is no place).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from crosswire.compare.claims import Claim
from crosswire.compare.features import CONTINUING, content_words, continuing, is_hedged, negated_stems, stem
from crosswire.compare.happenings import counts_participants, one_happening
from crosswire.compare.propositions import contradiction
from crosswire.compare.settings import CompareSettings
from crosswire.model import Span, parse_instant
from crosswire.read.places import Place
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
QUOTE_MARKS = "\"“”‘’' "
QUALIFIED = re.compile(
    r"\b(?:alleg\w*|possib\w*|potential\w*|suspect\w*|accus\w*|purported\w*|rumou?r\w*)\b", re.I
)
QUALIFIED_REACH = 3  # words after "alleged"/"possible" it qualifies ("allegations of Russian collusion")
MENTAL_STEMS = frozenset({"know", "think", "belie", "expec", "want", "need", "sure", "seem", "recal"})
CONDITIONAL = re.compile(r"\b(?:if|whether|unless)\b", re.I)
SPECULATION = re.compile(r"\b(?:could|might|may|would)\b[^.;,]{0,30}$", re.I)
_MEMO = "_conflict_memo"  # per-claim cache of what a check reads off the claim's own text and figures
T = TypeVar("T")


def _memo(claim: Claim, kind: str, q: object, compute: Callable[[], T]) -> T:
    """``compute()`` once per claim, kind and figure (claims are not changed once built): the pair checks
    ask the same question of one claim many times. The figure itself is kept, so its id stays unique."""
    store: dict[tuple[str, int], tuple[object, T]] = claim.__dict__.setdefault(_MEMO, {})
    key = (kind, id(q))
    hit = store.get(key)
    if hit is None or hit[0] is not q:
        hit = (q, compute())
        store[key] = hit
    return hit[1]


@dataclass(frozen=True)
class Conflict:
    """Why two claims of different sources cannot both be right, with both claims' ids."""

    kind: str  # "numbers" | "dates" | "places" | "polarity" | "attribution"
    reason: str
    claim_a: str
    claim_b: str
    between: str = "reports"  # "sources": two people the outlets quote disagree (a polarity conflict)


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
    return _memo(claim, "measure", q, lambda: _measure(q, claim))


def _measure(q: Quantity, claim: Claim) -> Quantity | None:
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
    return _memo(claim, "context", q, lambda: _context_words(q, claim))


def _context_words(q: Quantity, claim: Claim) -> frozenset[str]:
    s, e = q.span.start - claim.span.start, q.span.end - claim.span.start
    around = claim.text[max(0, s - CONTEXT_CHARS) : s] + " " + claim.text[e : e + CONTEXT_CHARS]
    return content_words(_common(around)) - content_words(q.text) - REPORTING_STEMS - DURATION_STEMS


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
    return _memo(claim, "historic", None, lambda: _dated_before(claim))


def _dated_before(claim: Claim) -> bool:
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
    """Figure pairs of two claims about the same thing, each with whether they are compatible. A count over
    a period ("eight children have been shot in the past 17 months") is not set against a count of one
    happening ("two children who shot themselves")."""
    if _historic(a) or _historic(b):
        return []
    out = []
    figures_b = _figures(b)
    for qa, ma in _figures(a):
        for qb, mb in figures_b:
            verdict = compatible(ma, mb) if ma is not None and mb is not None else None
            if verdict is None or _over_a_period(qa, a) != _over_a_period(qb, b):
                continue
            if same_thing(qa, a, qb, b):
                out.append((qa, qb, verdict))
    return out


OVER_A_PERIOD = re.compile(
    r"\b(?:(?:in|over|during|for) the (?:past|last|previous) (?:\w+ )?(?:days|weeks|months|years|decades?)|"
    r"so far (?:this|in)|since (?:\d{4}|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)|(?:this|last) year)\b",
    re.IGNORECASE,
)
PERIOD_REACH = 80  # characters after a figure in which a period it counts over is said


def _over_a_period(q: Quantity, c: Claim) -> bool:
    """The figure counts over a period the claim names after it: "in the past 17 months", "so far this
    year", "since 2015"."""
    after = q.span.end - c.span.start
    return bool(OVER_A_PERIOD.search(c.text, max(0, after), max(0, after) + PERIOD_REACH))


def _figures(c: Claim) -> list[tuple[Quantity, Quantity | None]]:
    """Each figure of the claim with its measure (None for a figure about a past event)."""
    return _memo(c, "figures", None, lambda: [(q, _current_measure(q, c)) for q in c.quantities])


def _has_figures(c: Claim) -> bool:
    return any(m is not None for _, m in _figures(c))


def figures_apart(a: Claim, b: Claim) -> bool:
    """The claims' current figures do not meet: one states figures and the other none ("flown more than
    9,000 sorties" / "warplanes are still carrying out air strikes"), or both do and no two agree ("18 to
    22 sorties a day" / "more than 9,000 sorties"). Such claims report different facts, however close their
    topics (durations and figures about past events are not counted)."""
    has_a, has_b = _has_figures(a), _has_figures(b)
    if has_a != has_b:
        return True
    return has_a and not any(ok for _, _, ok in figure_pairs(a, b))


def _dated_by(c: Claim, t: TimeRef) -> bool:
    """The nearest time of each current figure of the claim is ``t``'s day: the figures count what happened
    then ("gave way on Tuesday, ... killing 14 people")."""
    figures = [q for q, m in _figures(c) if m is not None]
    return all(_when(_nearest_time(q, c)) == _when(t) for q in figures)


def _nearest_time(q: Quantity, c: Claim) -> TimeRef:
    return min(c.times, key=lambda u: _gap(q.span.start, q.span.end, u.span.start, u.span.end))


def day_figures_apart(a: Claim, ta: TimeRef, b: Claim, tb: TimeRef) -> bool:
    """``figures_apart`` for two claims that date a happening to one day (``ta``, ``tb``): a figure only one
    of them states keeps them apart unless it is dated by that day, a detail of the same happening."""
    has_a, has_b = _has_figures(a), _has_figures(b)
    if has_a and has_b:
        return figures_apart(a, b)
    if has_a:
        return not _dated_by(a, ta)
    return has_b and not _dated_by(b, tb)


def _current_measure(q: Quantity, c: Claim) -> Quantity | None:
    return None if historic_figure(q, c) else measure(q, c)


def _numbers(
    a: Claim,
    b: Claim,
    pairs: list[tuple[Quantity, Quantity, bool]] | None = None,
    sim: float = 1.0,
    strong: float = 0.0,
) -> Conflict | None:
    """Figures for the same thing that cannot both hold, neither matched by a compatible figure of the other
    claim ("demands 9 percent, offered 4.5 percent" against "offered 4.5 percent" is no conflict), and
    counts of one set (``_one_set``; below ``strong``, near-identical claims aside)."""
    pairs = figure_pairs(a, b) if pairs is None else pairs
    agreed_a = {id(qa) for qa, _, ok in pairs if ok}
    agreed_b = {id(qb) for _, qb, ok in pairs if ok}
    for qa, qb, ok in pairs:
        if ok or id(qa) in agreed_a or id(qb) in agreed_b or not _same_measured(qa, a, qb, b):
            continue
        if sim >= strong or _one_set(qa, a, qb, b):
            what = measure(qa, a)
            thing = (what.counted or what.unit) if what else "figure"
            reason = f"{a.outlet} reports “{qa.text}”, {b.outlet} “{qb.text}” ({thing})"
            return Conflict("numbers", reason + _rising(a, qa, b, qb), a.id, b.id)
    return None


# a figure that counts a part of a set, or more of it: "50 of the participants", "another 31 people",
# "five more people", "200 other migrants"
PART_AFTER = re.compile(r"^\s*(?:of\s+(?:the|them|those|these|its|their|our)|more|other|others)\b", re.I)
PART_BEFORE = re.compile(r"\b(?:another|an additional|(?:some|most|many|half|part) of(?: the)?)\s*$", re.I)


def _one_set(qa: Quantity, a: Claim, qb: Quantity, b: Claim) -> bool:
    """Two counts of the same counted noun (not of a happening such as deaths, not sums or rates, not a
    measure the parse shows as no participant: "70 to 80 yards away") count one set: neither counts a part
    of it or more of it ("another 31 people"), and the parse shows them said of one happening
    (``happenings.one_happening``: "escorted some 50 participants" to the gate is a part of the crowd of
    which "hundreds of participants made their way" to the border, no contradiction)."""
    ma, mb = measure(qa, a), measure(qb, b)
    if ma is None or mb is None or ma.unit or ma.per or ma.counted in HAPPENING_NAMES:
        return True
    span_a, span_b = _within(qa.span, a), _within(qb.span, b)
    if not (counts_participants(a.text, *span_a) and counts_participants(b.text, *span_b)):
        return True  # a measure ("70 to 80 yards away"), not a count of who took part
    if _a_part(qa, a) or _a_part(qb, b):
        return False
    return one_happening(a.text, span_a, b.text, span_b)


def _a_part(q: Quantity, c: Claim) -> bool:
    s, e = _within(q.span, c)
    return bool(PART_AFTER.match(c.text[e:]) or PART_BEFORE.search(c.text[:s]))


def _within(span: Span, c: Claim) -> tuple[int, int]:
    """``span``'s offsets within the claim's text."""
    return span.start - c.span.start, span.end - c.span.start


def _same_measured(qa: Quantity, a: Claim, qb: Quantity, b: Claim) -> bool:
    """Two figures with a unit and no counted thing ("25%", "nearly 2 percent") measure one thing: the word
    each is of ("25% tariff"), or else the words just before it ("stock prices fell nearly 2 percent"),
    meet. A tariff rate and a fall in stock prices do not conflict."""
    ma, mb = measure(qa, a), measure(qb, b)
    if ma is None or mb is None or ma.counted or mb.counted:
        return True
    return bool(_measured(qa, a) & _measured(qb, b))


def _measured(q: Quantity, c: Claim) -> frozenset[str]:
    s, e = q.span.start - c.span.start, q.span.end - c.span.start
    after = c.text[e:].split()[:1]
    if after and (word := content_words(after[0])):
        return word
    return content_words(" ".join(c.text[:s].split()[-MEASURED_BEFORE:])) - REPORTING_STEMS


MEASURED_BEFORE = 3  # words before a figure that say what it measures when no noun follows it
RISING_MIN_HOURS = 1.0


def _rising(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> str:
    """A note when the later report gives the higher count (of people or things: no unit, no rate), at least
    an hour later: in breaking news that is mostly a count that grew ("14 people" at 13:20, "at least 20" the
    next morning), not a contradiction. Sums of money and rates are estimates: no note."""
    when_a, when_b = parse_instant(a.published), parse_instant(b.published)
    if when_a is None or when_b is None or any(q.unit or q.per for q in (qa, qb)):
        return ""
    (early, q_early), (late, q_late) = sorted([(when_a, qa), (when_b, qb)], key=lambda p: p[0])
    hours = (late - early).total_seconds() / 3600
    low_late, high_early = q_late.low, q_early.high
    if hours < RISING_MIN_HOURS or low_late is None or high_early is None or low_late <= high_early:
        return ""
    return f"; the later report, {hours:.0f} h after, has the higher figure: a count that rose?"


def happening_days(c: Claim) -> list[tuple[TimeRef, frozenset[str]]]:
    """Days the claim dates a happening to, each with the common words before it ("walked out" on
    Tuesday); the day of a statement ("said on Friday", "told reporters on Monday") is left out."""
    return _memo(claim=c, kind="happening_days", q=None, compute=lambda: _happening_days(c))


def _happening_days(c: Claim) -> list[tuple[TimeRef, frozenset[str]]]:
    out = []
    for t in c.times:
        if t.granularity != "day" or not t.start:
            continue
        before = c.text[max(0, t.span.start - c.span.start - CONTEXT_CHARS) : t.span.start - c.span.start]
        if not REPORTING_BEFORE.search(before):
            out.append((t, content_words(_common(before)) - REPORTING_STEMS))
    return out


def _common(text: str) -> str:
    """The text without its capitalised words: a name before two dates ("Comey indicated in the USA TODAY
    interview" / "Trump called Comey again on April 11") does not say they date one happening."""
    return " ".join(w for w in text.split() if not w[:1].isupper())


def _dates(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    """The two claims date one happening to different days: of the pairs of days whose words before them
    meet, the pair sharing most words ("a 4-year-old shot himself Nov. 2" pairs with "a 4-year-old shot
    himself Nov. 11", not with another child's "May 11") must differ, and be said of one happening
    (``happenings.one_happening``)."""
    if sim < settings.align_weak:
        return None
    pairs = [
        (len(words_a & words_b), ta, tb)
        for ta, words_a in happening_days(a)
        for tb, words_b in happening_days(b)
        if words_a & words_b
    ]
    if not pairs:
        return None
    _, ta, tb = max(pairs, key=lambda p: p[0])  # the first of equals: the order the claims state them
    if ta.start == tb.start or not one_happening(a.text, _within(ta.span, a), b.text, _within(tb.span, b)):
        return None  # "filed for divorce on August 11" / "had a court hearing Wednesday": two happenings
    reason = f"{a.outlet} dates it “{ta.text}” ({ta.start}), {b.outlet} “{tb.text}” ({tb.start})"
    return Conflict("dates", reason, a.id, b.id)


def _places(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    """Two near-identical claims say it happened in places that cannot both hold: no place of one is a
    place of the other or inside it (a city in a country or state the other names)."""
    if sim < settings.align_strong or not a.places or not b.places:
        return None
    if any(_one_place(p, q) for p in a.places for q in b.places):
        return None
    pa, pb = a.places[0], b.places[0]
    reason = f"{a.outlet} places it in {pa.surface}, {b.outlet} in {pb.surface}"
    return Conflict("places", reason, a.id, b.id)


PLACE_LEVELS = {"continent": 0, "country": 1, "admin1": 2, "city": 3}


def _one_place(p: Place, q: Place) -> bool:
    """The same place, or one that may hold the other: a continent, or a country or state and a place of
    the same country at a finer level ("Aleppo" / "Syria")."""
    if (p.geonames_id is not None and p.geonames_id == q.geonames_id) or p.name == q.name:
        return True
    if "continent" in (p.kind, q.kind):
        return True
    return p.country == q.country and PLACE_LEVELS.get(p.kind) != PLACE_LEVELS.get(q.kind)


def _polarity(
    a: Claim, b: Claim, sim: float, settings: CompareSettings, topic: frozenset[str] = frozenset()
) -> Conflict | None:
    """One claim denies what the other affirms (``propositions.contradiction``: the same predicate and
    subject, a thing said not to exist, a stop against what goes on). Word stems are a first filter: a
    denied word the other claim affirms (not a state of mind, not what it calls alleged, not only the
    event's topic words: "no collusion", "no further tests", "no deal" on stories about those), and a stop
    counts only against a claim that says the thing goes on (a stop is no denial that it happened
    before)."""
    if sim < settings.polarity_min or a.negated & b.negated:  # both deny the same thing: they agree
        return None
    if any(c.hypothetical or CONDITIONAL.search(c.text) for c in (a, b)):
        return None  # "if they restart it" affirms no restart; "might not need" denies nothing that happened
    for neg, pos in ((a, b), (b, a)):
        denied = (neg.negated & _affirmed(pos)) - pos.negated - MENTAL_STEMS
        if denied and not (denied & _negator_stems(neg)):
            if not continuing(pos.text):
                continue  # "will suspend tests" against "conducted tests last year": a stop, not a denial
        elif denied <= topic:
            continue  # "no further nuclear tests" against "dismantling the nuclear weapons": the topic
        word = contradiction(neg.text, pos.text)
        if word is not None:
            between = _between(pos, neg)
            return Conflict("polarity", _polarity_reason(pos, neg, word, between), pos.id, neg.id, between)
    return None


def _between(a: Claim, b: Claim) -> str:
    """Who disagrees: "sources" when both claims report what someone says and not the same person ("local
    officials said" / "said Elke Marten"): people the outlets quote disagree, the outlets need not; else
    "reports"."""
    if not (a.attributed and b.attributed):
        return "reports"
    if a.speaker and b.speaker and content_words(_who(a)) & content_words(_who(b)):
        return "reports"  # one speaker ("President Trump" / "Trump"): the outlets differ on what was said
    return "sources"


def _polarity_reason(pos: Claim, neg: Claim, word: str, between: str) -> str:
    affirms, denies = _quoted(pos.text, around=_going_on_word(pos.text, word)), _quoted(neg.text, around=word)
    if between == "sources":
        return (
            f"people quoted disagree: {_who(pos)} in {pos.outlet} {affirms}; {_who(neg)} in "
            f"{neg.outlet} says otherwise about “{word}” ({denies})"
        )
    if continuing(pos.text) and not continuing(neg.text):
        said = f"{pos.outlet} says it goes on ({affirms})"
    else:
        said = f"{pos.outlet} reports {affirms}"
    return f"{said}; {neg.outlet} says otherwise about “{word}” ({denies})"


def _who(c: Claim) -> str:
    """The speaker's name without what describes them ("Tomas Reuter, 46, a mechanic ...")."""
    return c.speaker.split(",")[0].strip() if c.speaker else "a source"


def _affirmed(c: Claim) -> frozenset[str]:
    """The claim's content words, less those it calls alleged or possible ("allegations of collusion",
    "a possible obstruction case"): a claim does not affirm what it reports others allege."""
    return _memo(c, "affirmed", None, lambda: c.words - _qualified(c.text))


def _qualified(text: str) -> frozenset[str]:
    out: set[str] = set()
    for m in QUALIFIED.finditer(text):
        out |= content_words(" ".join(text[m.end() :].split()[:QUALIFIED_REACH]))
    return frozenset(out)


def _negator_stems(c: Claim) -> frozenset[str]:
    """What the claim's negations ("not", "no", "denies") cover, leaving out what it says has stopped."""
    return _memo(c, "negator_stems", None, lambda: negated_stems(c.text, stopping=False))


# what nobody knows yet is no fact one outlet asserts and the other attributes ("The motive is unknown.")
NOT_KNOWN = re.compile(
    r"\b(?:unknown|unclear|not (?:yet |immediately |publicly )?(?:known|clear|released|identified)|"
    r"(?:remains|is) a mystery)\b",
    re.IGNORECASE,
)


def _attribution(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> Conflict | None:
    if sim < settings.attribution_min:
        return None
    for fact, told in ((a, b), (b, a)):
        # "Democrats sue Russia, alleging conspiracy" states the suit as fact, not the conspiracy
        if NOT_KNOWN.search(fact.text):
            continue
        if not fact.attributed and is_hedged(told.cue) and not QUALIFIED.search(fact.text):
            reason = (
                f"{fact.outlet} states as fact {_quoted(fact.text, 10)}; "
                f"{told.outlet} attributes it to a source (“{told.cue}”)"
            )
            return Conflict("attribution", reason, fact.id, told.id)
    return None


def _clip(text: str, words: int = 12, around: str = "") -> str:
    """``words`` words of ``text``: its first ones, or a window around the first word whose stem is
    ``around``'s (so the word a difference turns on shows in the snippet, not only the sentence's opening)."""
    parts = text.split()
    start = 0
    if around:
        key = stem(around.split()[0])
        at = next((i for i, w in enumerate(parts) if stem(w.strip(".,;:!?()“”\"'‘’—")) == key), None)
        if at is not None and at >= words // 2:
            start = max(0, min(at - words // 2, len(parts) - words))
    end = start + words
    return ("… " if start else "") + " ".join(parts[start:end]) + (" …" if len(parts) > end else "")


def _quoted(text: str, words: int = 12, around: str = "") -> str:
    """The claim's words in curly quotes (around ``around`` when given), its own opening and closing
    quotation marks dropped."""
    return f"“{_clip(text.strip().strip(QUOTE_MARKS), words, around)}”"


def _going_on_word(text: str, word: str) -> str:
    """The word of an affirming claim to centre its snippet on: the denied word itself when it says it,
    else its "still" / "continue"."""
    key = stem(word)
    if any(stem(w) == key for w in text.split()):
        return word
    m = CONTINUING.search(text)
    return m.group(0) if m else word


def find_conflicts(
    a: Claim, b: Claim, sim: float, settings: CompareSettings, topic: frozenset[str] = frozenset()
) -> list[Conflict]:
    """Every kind of conflict between two anchored claims of different sources. ``topic``: the words the
    event's claims mostly share (``topic_words``); a denial of only those is no conflict."""
    if a.source == b.source or sim < settings.conflict_min or not anchored(a, b):
        return []
    found = [
        _dates(a, b, sim, settings),
        _places(a, b, sim, settings),
        _polarity(a, b, sim, settings, topic),
        _attribution(a, b, sim, settings),
    ]
    return [c for c in found if c is not None]


def topic_words(claims: list[Claim], share: float) -> frozenset[str]:
    """Content words more than ``share`` of the event's claims use ("nuclear" in a story on nuclear tests):
    a denial that covers only these ("no further nuclear tests") does not say which fact it denies."""
    counts = Counter(w for c in claims for w in c.words)
    return frozenset(w for w, n in counts.items() if n > share * len(claims))


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
                # the cue, not a speaker the reader guessed; a denial of the figure states no fact
                if fact.cue is None and fact.polarity > 0 and is_hedged(told.cue):
                    reason = (
                        f"{fact.outlet} states as fact {_quoted(fact.text, 10)}; {told.outlet} attributes it "
                        f"to a source (“{told.cue}”); another report denies it"
                    )
                    return Conflict("attribution", reason, fact.id, told.id)
    return None


def figure_checks(
    a: Claim,
    b: Claim,
    sim: float,
    settings: CompareSettings,
    contested: frozenset[object] = frozenset(),
    topic: frozenset[str] = frozenset(),
) -> FigureCheck:
    """Conflicting and compatible figures of two claims with figures for one measure."""
    if a.source == b.source or sim < settings.numbers_min:
        return FigureCheck([], [], False)
    pairs = figure_pairs(a, b)
    conflict = _numbers(a, b, pairs, sim, settings.align_strong)
    if conflict is not None:
        return FigureCheck([conflict], [], False)
    compat = [
        Compatibility(f"{a.outlet} “{qa.text}” and {b.outlet} “{qb.text}” are compatible", a.id, b.id)
        for qa, qb, ok in pairs
        if ok and qa.text.lower() != qb.text.lower()
    ]
    agree = any(ok for _, _, ok in pairs)
    found = [
        _contested_attribution(a, b, pairs, contested),
        _polarity(a, b, 1.0, settings, topic) if agree else None,
    ]
    return FigureCheck([c for c in found if c is not None], compat, agree)


HARM = re.compile(r"\b(?:casualt\w*|kill\w*|dead|deaths?|died|injur\w*|wounded|hurt)\b", re.I)
HARM_HAPPENINGS = frozenset({"deaths", "injured"})
CREATED = re.compile(
    r"\b(?:built|opened|founded|completed|constructed|established|inaugurated|launched)\b[^.;]{0,15}$", re.I
)
_NEXT_WORD = re.compile(r"\W*([A-Za-z][A-Za-z-]+)")


def _gap(a: int, b: int, c: int, d: int) -> int:
    return max(0, c - b, a - d)


def historic_figure(q: Quantity, claim: Claim) -> bool:
    """The time nearest the figure is a year before the report's ("since 1987, when a dam collapsed,
    killing nine people"): the figure is about a past event."""
    return _memo(claim, "historic_figure", q, lambda: _historic_figure(q, claim))


def _historic_figure(q: Quantity, claim: Claim) -> bool:
    year = (claim.published or "")[:4]
    if not year or not claim.times:
        return False
    s, e = q.span.start, q.span.end
    nearest = min(claim.times, key=lambda t: _gap(s, e, t.span.start, t.span.end))
    start = nearest.start or year
    return nearest.granularity in ("year", "decade") and start[:4] < year


def denied_harm(neg: Claim, pos: Claim) -> Conflict | None:
    """``neg`` denies harm to what ``pos`` counts ("no civilian casualties" against "nine civilians were
    killed"): the denial covers both a harm word and the counted noun of a figure of deaths or injuries."""
    if neg.source == pos.source or neg.polarity > 0:
        return None
    if not {stem(m.group(0)) for m in HARM.finditer(neg.text)} & neg.negated:
        return None
    for q in pos.quantities:
        m = measure(q, pos)
        if m is None or m.counted not in HARM_HAPPENINGS or not q.counted or historic_figure(q, pos):
            continue
        if stem(q.counted.split()[-1]) in neg.negated:
            reason = (
                f"{pos.outlet} reports {_quoted(q.text)} ({m.counted}); "
                f"{neg.outlet} says there were none ({_quoted(neg.text)})"
            )
            return Conflict("polarity", reason, pos.id, neg.id)
    return None


def harm_figure_claims(claims: list[Claim]) -> list[int]:
    """Indices of claims with a current figure of deaths or injuries."""
    out = []
    for k, c in enumerate(claims):
        if any((m := measure(q, c)) is not None and m.counted in HARM_HAPPENINGS for q in c.quantities):
            out.append(k)
    return out


def _noun_after(claim: Claim, q: Quantity) -> str | None:
    m = _NEXT_WORD.match(claim.text, q.span.end - claim.span.start)
    return m.group(1) if m else None


def _creation_years(claim: Claim) -> list[tuple[TimeRef, int]]:
    """Years the claim says something was built, opened or founded in ("built in 1968")."""
    out = []
    for t in claim.times:
        at = t.span.start - claim.span.start
        before = claim.text[max(0, at - CONTEXT_CHARS) : at]
        if t.granularity == "year" and t.start and CREATED.search(before):
            out.append((t, int(t.start[:4])))
    return out


def _age_matches(aged: Claim, q: Quantity, built: Claim) -> Compatibility | None:
    """The age ``q`` of a thing in ``aged`` agrees with a year ``built`` says it was built in."""
    year, noun = (aged.published or "")[:4], _noun_after(aged, q)
    if (
        q.counted != "age"
        or q.low is None
        or noun is None
        or stem(noun) not in built.words
        or not year.isdigit()
    ):
        return None
    high = q.high if q.high is not None else q.low
    for t, built_in in _creation_years(built):
        # one year more than the age while this year's anniversary is still to come
        if q.low <= int(year) - built_in <= high + 1:
            reason = (
                f"{aged.outlet} “{q.text} {noun}” and {built.outlet} “{t.text}” (year built) are compatible"
            )
            return Compatibility(reason, aged.id, built.id)
    return None


def age_checks(a: Claim, b: Claim) -> list[Compatibility]:
    """An age ("the 58-year-old dam") that matches a year of building ("built in 1968") of the same thing
    (the noun after the age is a word of the other claim), counted from the report's year."""
    if a.source == b.source:
        return []
    found = (_age_matches(aged, q, built) for aged, built in ((a, b), (b, a)) for q in aged.quantities)
    return [c for c in found if c is not None]


TIME_CONTEXT_CHARS = 60  # characters before a date that say what happened then


def dated_happenings(c: Claim) -> list[tuple[TimeRef, frozenset[str]]]:
    """Resolved times of the claim, each with the content words before it (a statement's day left out)."""
    out = []
    for t in c.times:
        at = t.span.start - c.span.start
        before = c.text[max(0, at - TIME_CONTEXT_CHARS) : at]
        if t.start and t.end and not REPORTING_BEFORE.search(before):
            out.append((t, content_words(before) - REPORTING_STEMS - DURATION_STEMS))
    return out


def _when(t: TimeRef) -> tuple[str, str]:
    """The interval a time dates its happening to: ``since X`` dates a start, to X itself."""
    start, end = t.start or "", t.end or ""
    return (start, start) if t.text.lower().startswith("since") else (start, end)


def same_day(ta: TimeRef, tb: TimeRef) -> bool:
    """Two times that date a happening to one and the same day ("on Tuesday" / "since February 20")."""
    return ta.granularity == tb.granularity == "day" and _when(ta) == _when(tb)


def dates_agree(a: Claim, ta: TimeRef, b: Claim, tb: TimeRef) -> Compatibility | None:
    """Two differently worded times that overlap ("three weeks ago" / "since Feb 27")."""
    if a.source == b.source or ta.text.lower() == tb.text.lower() or ta.granularity == tb.granularity:
        return None
    (a0, a1), (b0, b1) = _when(ta), _when(tb)
    if a0 <= b1 and b0 <= a1:
        reason = f"{a.outlet} “{ta.text}” and {b.outlet} “{tb.text}” are compatible dates"
        return Compatibility(reason, a.id, b.id)
    return None
