"""Time expressions in news text, resolved against the publication date.

Rule-based (regular expressions and ``datetime``/``calendar``; no model). Each rule in ``RULES`` finds one
kind of expression; where matches overlap the longest wins (so ``Friday, March 18, 2016`` is one date, not a
weekday and a date). Leading prepositions (``in``, ``on``, ``during``) are left out of the span; ``since X``
keeps ``since`` in the span and runs from X to the publication date.

Resolution rules (``pub`` = publication date; intervals are inclusive ISO dates):

* **absolute**: ``September 30, 2015``, ``30 September 2015``, ``Sept. 30, 2015``, ``2015-09-30`` (day);
  ``March 2015`` (month); ``in 2015``, ``the 2015 election`` (year); ``2014-15``, ``from 2011 to 2015``
  (years); ``the 1990s``, ``the '90s``, ``the early 1990s`` (decade, thirds for early/mid/late).
* **no year** (``March 14``, ``in March``, ``in early February``): the publication year, or the previous
  year when that would start more than ``NEAR_FUTURE_DAYS`` after ``pub`` (``FUTURE_DAYS`` when a future
  cue such as ``will`` or ``is due to`` stands earlier in the clause), or the next year when it would end
  more than ``PAST_DAYS`` before it. ``early``/``mid``/``late`` take days 1-10, 11-20, 21-end of a month (and
  Jan-Apr, May-Aug, Sep-Dec of a year), keeping granularity ``month`` (or ``year``).
* **weekdays**: a bare weekday (``Friday``, ``on Monday``) is the most recent such day *on or before*
  ``pub`` (news reports the past week; a report published on a Friday saying "Friday" means that day),
  unless a future cue (``will``, ``is due to``, ``is set to``, ``next``...) stands earlier in the same clause:
  then it is the first such day after ``pub``. ``last Tuesday`` is the most recent strictly before ``pub``;
  ``next Tuesday`` the first strictly after; ``this Tuesday`` the one in ``pub``'s week (Monday-Sunday).
* **days**: ``today``, ``tonight``, ``this morning`` → ``pub``; ``yesterday``, ``last night`` → ``pub`` - 1;
  ``tomorrow`` → + 1; ``the day before yesterday`` → - 2; ``N days ago``.
* **weeks, months, years** (calendar units; weeks run Monday-Sunday): ``this/last/next week|month|year``;
  ``earlier this week|month|year`` (unit start .. ``pub`` - 1), ``later this ...`` (``pub`` + 1 .. unit end);
  ``early/mid/late last year``; ``N weeks/months/years ago`` (the calendar unit N back: ``a month ago`` in
  March is February); ``the past N days`` (``pub`` - N .. ``pub``; ``the past few days``: N = ``FEW``).
  ``(this/last/next) weekend`` and ``over the weekend`` (the most recent Saturday-Sunday) have granularity
  ``week``.
* **seasons** (meteorological, northern hemisphere; winter Y is December Y to February Y+1):
  ``last summer`` is the latest summer that ended before ``pub`` (in March 2016: 2015; in October 2016:
  2016); ``this summer`` the one of ``pub``'s year; ``next summer`` the first that starts after ``pub``;
  ``the summer``/``in the fall`` is placed like a month without a year (above); ``the summer of 2015`` is
  absolute.

``relative`` is True whenever the publication date was needed (a year inferred counts). Without a
publication date such expressions are still returned, with their granularity and ``start``/``end`` None
(``since 2015`` keeps its start). Not handled: clock times, ``the 14th`` alone, numeric dates other than ISO
(``3/14``: US and European orders clash), ``N days later`` and ``the previous day`` (anchored to the
narrative, not the publication date), ``recently``, ``in recent weeks``, ``the coming days``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from crosswire.model import Span
from crosswire.read.quantities import ONES, TENS

FUTURE_DAYS = 183  # a yearless date more than this far after publication means the previous year ...
NEAR_FUTURE_DAYS = 62  # ... or more than this far, when no future cue stands in its clause
PAST_DAYS = 270  # ... and more than this far before it, the next year
FEW_UNITS = (2, 6)  # "a few days ago": 2 to 6 days back; "the past few days": the last 6 days

MONTH_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS |= {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
MONTH_NUMBERS |= {"oct": 10, "nov": 11, "dec": 12}
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASON_MONTHS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
DAY_OFFSETS: dict[str, int] = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1, "the day after tomorrow": 2,
}  # fmt: skip
THIRDS: dict[str, int] = {"early": 0, "beginning of": 0, "start of": 0, "mid": 1, "middle of": 1}
THIRDS |= {"late": 2, "end of": 2}
REL_OFFSETS: dict[str, int] = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}
UNIT_GRANULARITY: dict[str, str] = {"day": "day", "week": "week", "weekend": "week", "month": "month"}
UNIT_GRANULARITY |= {"year": "year", "decade": "decade", "hour": "day"}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.?|(?:Mar|Jun|Jul)\.)(?![\w'’])"
)
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?![\w%]|,\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w])"
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_MOD = r"(?P<mod>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))"
_NUM_WORDS = "|".join(sorted([*ONES, *TENS], key=len, reverse=True))
_NUM = rf"(?P<n>\d+|(?i:{_NUM_WORDS})|(?i:an?)|(?i:(?:a\s+)?few|several))"
_CUE = r"(?i:in|on|since|by|until|till|through|from|during|of|before|after|between|to|and|or)"
_PREP = re.compile(r"(?i:in|on|at|by|during|over|until|till|through|from|before|after|of|since|to|and|or)\s+")
THE_LEFT_RE = re.compile(r"\b(?i:the)\s+$")
NOUN_AFTER_RE = re.compile(r"\s+[a-z]")
OF_AFTER_RE = re.compile(r"\s+(?i:of)\b")
SINCE_LEFT_RE = re.compile(r"\b(?i:since)\s+$")
CLAUSE_START_RE = re.compile(r"[.;,!?\n][^.;,!?\n]*$")
FUTURE_CUE_RE = re.compile(
    r"\b(?i:will|shall|(?:is|are)\s+(?:due|set|expected)\s+to|(?:is|are)\s+due|plans?\s+to|planned|scheduled"
    r"|upcoming|ahead\s+of)\b|['’]ll\b"
)


@dataclass(frozen=True)
class TimeRef:
    """A time expression and the interval it denotes (inclusive ISO dates; None when unresolved)."""

    span: Span
    text: str
    start: str | None
    end: str | None
    granularity: str  # "day", "week", "month", "season", "year", "decade", "unknown"
    relative: bool


@dataclass(frozen=True)
class _Resolved:
    start: date | None
    end: date | None
    granularity: str
    relative: bool


Interval = tuple[date, date]
Handler = Callable[[re.Match[str], date | None, str], "_Resolved | None"]


# --- calendar helpers --------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _week_interval(day: date) -> Interval:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _season_interval(season: str, year: int) -> Interval:
    """Meteorological season of ``year``; winter runs from December of ``year`` to February of the next."""
    first = SEASON_MONTHS[season]
    end_year, end_month = _shift_month(year, first, 2)
    return date(year, first, 1), _month_interval(end_year, end_month)[1]


def _third(interval: Interval, mod: str | None, unit: str) -> Interval:
    """Early/mid/late part of a month (days 1-10, 11-20, 21-end) or year (Jan-Apr, May-Aug, Sep-Dec)."""
    if mod is None:
        return interval
    part = THIRDS[" ".join(mod.lower().split()[-2:]) if " " in mod else mod.lower()]
    start, end = interval
    if unit == "month":
        first = start + timedelta(days=10 * part)
        return first, end if part == 2 else first + timedelta(days=9)
    return _month_interval(start.year, 4 * part + 1)[0], _month_interval(start.year, 4 * part + 4)[1]


def _place_year(build: Callable[[int], Interval | None], pub: date, ahead: int) -> Interval | None:
    """``build(year)`` for the publication year, or the year before or after: the first that starts at most
    ``ahead`` days after ``pub`` and ends at most ``PAST_DAYS`` before it."""
    built = [i for i in (build(y) for y in (pub.year, pub.year - 1, pub.year + 1)) if i is not None]
    for interval in built:
        if (interval[0] - pub).days <= ahead and (pub - interval[1]).days <= PAST_DAYS:
            return interval
    return built[0] if built else None  # "Feb. 29" far from any leap year in the window


def _resolved(interval: Interval | None, granularity: str, relative: bool) -> _Resolved:
    start, end = interval if interval else (None, None)
    return _Resolved(start, end, granularity, relative)


def _number(raw: str | None) -> int:
    """``3`` / ``three`` / ``twenty-one`` / ``a`` → int; ``a few``, ``several`` → the top of ``FEW_UNITS``."""
    if raw is None or raw.lower() in ("a", "an"):
        return 1
    if raw.isdigit():
        return int(raw)
    if _is_few(raw):
        return FEW_UNITS[1]
    return sum(ONES.get(p, 0) + TENS.get(p, 0) for p in re.split(r"[-\s]+", raw.lower()))


def _is_few(raw: str | None) -> bool:
    return raw is not None and raw.lower().split()[-1] in ("few", "several")


def _month_of(m: re.Match[str]) -> int:
    return MONTH_NUMBERS[m.group("month").rstrip(".").lower()]


# --- handlers ----------------------------------------------------------------------------------------


def _iso_date(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    day = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
    return _resolved((day, day), "day", False) if day else None


def _month_day(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``September 30, 2015``, ``30 September``, ``Sept. 30``: a year inferred when missing."""
    month, day = _month_of(m), int(m.group("day"))
    if m.group("year"):
        found = _safe_date(int(m.group("year")), month, day)
        return _resolved((found, found), "day", False) if found else None
    if pub is None:
        return _resolved(None, "day", True)

    def build(year: int) -> Interval | None:
        found = _safe_date(year, month, day)
        return (found, found) if found else None

    return _resolved(_place_year(build, pub, _ahead(text, m.start())), "day", True)


def _month_year(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    interval = _month_interval(int(m.group("year")), _month_of(m))
    return _resolved(_third(interval, m.group("mod"), "month"), "month", False)


def _month_alone(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``in March``, ``in early February``, ``last March``: needs a cue, a modifier or last/this/next."""
    rel = (m.group("rel") or "").lower()
    if not (m.group("cue") or m.group("mod") or rel):
        return None
    if pub is None:
        return _resolved(None, "month", True)
    month = _month_of(m)
    interval = _relative_interval(lambda y: _month_interval(y, month), rel, pub, _ahead(text, m.start()))
    return _resolved(_third(interval, m.group("mod"), "month") if interval else None, "month", True)


def _years_near(pub: date) -> range:
    """Candidate years for last/this/next, newest first."""
    return range(pub.year + 1, pub.year - 3, -1)


def _relative_interval(build: Callable[[int], Interval], rel: str, pub: date, ahead: int) -> Interval | None:
    """A yearly interval (a month, a season) picked by last/this/next, or placed near ``pub`` when bare."""
    years = _years_near(pub)
    if rel in ("last", "past"):
        return next(build(y) for y in years if build(y)[1] < pub)
    if rel == "next":
        return next(build(y) for y in reversed(years) if build(y)[0] > pub)
    if rel == "this":
        return build(pub.year)
    return _place_year(build, pub, ahead)


def _year(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``in 2015``, ``since 2011``, ``early 2015``, ``the 2015 vote``: needs a cue, a modifier or ``the``."""
    the = THE_LEFT_RE.search(text, max(0, m.start() - 8), m.start())
    attributive = the and NOUN_AFTER_RE.match(text, m.end())
    if not (m.group("cue") or m.group("mod") or attributive):
        return None
    year = int(m.group("year"))
    interval = (date(year, 1, 1), date(year, 12, 31))
    return _resolved(_third(interval, m.group("mod"), "year"), "year", False)


def _year_range(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``2014-15``, ``2011-2015``, ``from 2011 to 2015``, ``between 2011 and 2015``."""
    first, raw = int(m.group("year")), m.group("year2")
    last = int(raw) if len(raw) == 4 else first // 100 * 100 + int(raw)
    if not first < last <= first + 50:
        return None
    return _resolved((date(first, 1, 1), date(last, 12, 31)), "year", False)


def _decade(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``the 1990s``, ``the '90s``, ``the early 2000s``."""
    raw = m.group("dec")
    if len(raw) == 2 and not m.group("the"):
        return None  # "in their 20s" is an age
    first = int(raw) if len(raw) == 4 else _latest_decade(int(raw), pub)
    relative = len(raw) == 2
    interval = (date(first, 1, 1), date(first + 9, 12, 31))
    if m.group("mod"):
        part = THIRDS[m.group("mod").lower()]
        spans = ((0, 3), (4, 6), (7, 9))[part]
        interval = (date(first + spans[0], 1, 1), date(first + spans[1], 12, 31))
    return _resolved(interval, "decade", relative)


def _latest_decade(two_digits: int, pub: date | None) -> int:
    """``the '90s``: the latest such decade that has begun by publication (or today)."""
    year = (pub or date.today()).year
    first = year // 100 * 100 + two_digits
    return first if first <= year else first - 100


def _season(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    season, rel = m.group("season").lower(), (m.group("rel") or "").lower()
    if m.group("year"):  # "the winter of 2014-15" starts in 2014
        return _resolved(_season_interval(season, int(m.group("year"))), "season", False)
    if not (rel or m.group("the")) or (season == "fall" and not _is_season_fall(m, text)):
        return None
    if pub is None:
        return _resolved(None, "season", True)
    return _resolved(_season_relative(season, rel, pub, _ahead(text, m.start())), "season", True)


def _is_season_fall(m: re.Match[str], text: str) -> bool:
    """``this fall``, ``in the fall``; but not ``the fall of Aleppo`` nor ``prices fall``."""
    if m.group("rel"):
        return True
    return m.group("the").lower() != "the" and not OF_AFTER_RE.match(text, m.end())


def _season_relative(season: str, rel: str, pub: date, ahead: int) -> Interval | None:
    """last/this/next season, or a bare ``the summer`` placed near ``pub`` as a month without a year is."""
    build = partial(_season_interval, season)
    if rel == "this" and season == "winter" and pub.month <= 2:
        return build(pub.year - 1)  # in January, "this winter" began last December
    return _relative_interval(build, rel, pub, ahead)


_NAME_BEFORE_RE = re.compile(r"\b[A-Z](?:[\w.&'’-]*[\w&'’])?\s$")


def _in_a_name(m: re.Match[str], text: str) -> bool:
    """A capitalised day word right after a capitalised word is part of a name ("USA TODAY", "The Tonight
    Show"); a day word opening a sentence ("Today, the ...") follows punctuation, not a word."""
    before = text[max(0, m.start() - 40) : m.start()]
    return m.group("word")[0].isupper() and _NAME_BEFORE_RE.search(before) is not None


def _day_word(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    if _in_a_name(m, text):
        return None
    if pub is None:
        return _resolved(None, "day", True)
    key = " ".join(m.group("word").lower().split())
    day = pub + timedelta(days=DAY_OFFSETS[key])
    return _resolved((day, day), "day", True)


def _weekday(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    if pub is None:
        return _resolved(None, "day", True)
    wanted, rel = WEEKDAYS[m.group("wd").lower()], (m.group("rel") or "").lower()
    if rel == "this":
        day = _week_interval(pub)[0] + timedelta(days=wanted)
    elif rel == "next" or (not rel and _future_clause(text, m.start())):
        day = pub + timedelta(days=(wanted - pub.weekday()) % 7 or 7)
    else:
        back = (pub.weekday() - wanted) % 7
        day = pub - timedelta(days=back or (7 if rel in ("last", "past") else 0))
    return _resolved((day, day), "day", True)


def _ahead(text: str, pos: int) -> int:
    """How far after publication a yearless date may lie: further when its clause looks ahead."""
    return FUTURE_DAYS if _future_clause(text, pos) else NEAR_FUTURE_DAYS


def _future_clause(text: str, pos: int) -> bool:
    """A future cue earlier in the clause that ends at ``pos`` ("will meet on Friday")."""
    before = text[max(0, pos - 120) : pos]
    clause = CLAUSE_START_RE.search(before)
    return FUTURE_CUE_RE.search(before[clause.start() :] if clause else before) is not None


def _relative_unit(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``this week``, ``last month``, ``earlier this year``, ``late last year``, ``next weekend``."""
    unit = m.group("unit").lower()
    if pub is None:
        return _resolved(None, UNIT_GRANULARITY[unit], True)
    rel = " ".join(m.group("rel").lower().split())
    interval = _unit_interval(unit, pub, REL_OFFSETS[rel.split()[-1]])
    mod = (m.group("mod") or "").lower()
    if mod in ("earlier", "later"):
        interval = _before_or_after(interval, pub, mod)
    elif mod and unit in ("month", "year"):
        interval = _third(interval, mod, unit)
    return _resolved(interval, UNIT_GRANULARITY[unit], True)


def _unit_interval(unit: str, pub: date, offset: int) -> Interval:
    """The calendar week/weekend/month/year ``offset`` units from the one containing ``pub``."""
    if unit in ("week", "weekend"):
        monday, sunday = _week_interval(pub + timedelta(weeks=offset))
        return (monday + timedelta(days=5), sunday) if unit == "weekend" else (monday, sunday)
    if unit == "month":
        return _month_interval(*_shift_month(pub.year, pub.month, offset))
    return date(pub.year + offset, 1, 1), date(pub.year + offset, 12, 31)


def _before_or_after(interval: Interval, pub: date, mod: str) -> Interval:
    """``earlier this month``: start .. pub - 1; ``later this month``: pub + 1 .. end (never inverted)."""
    start, end = interval
    if mod == "earlier":
        return start, max(start, min(end, pub - timedelta(days=1)))
    return min(end, max(start, pub + timedelta(days=1))), end


def _weekend(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``over the weekend``: the latest Saturday-Sunday that has begun by ``pub``."""
    if pub is None:
        return _resolved(None, "week", True)
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    return _resolved((saturday, saturday + timedelta(days=1)), "week", True)


def _ago(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``two days ago`` (that day); ``three weeks ago``, ``a month ago``, ``two years ago`` (that unit)."""
    unit = m.group("unit").lower().rstrip("s")
    if pub is None:
        return _resolved(None, UNIT_GRANULARITY[unit], True)
    if _is_few(m.group("n")):
        far, near = (_step(pub, "day" if unit == "hour" else unit, -n) for n in reversed(FEW_UNITS))
        return _resolved((far, near), UNIT_GRANULARITY[unit], True)
    n = _number(m.group("n"))
    if unit in ("day", "hour"):
        day = pub - timedelta(days=n if unit == "day" else 0)
        return _resolved((day, day), "day", True)
    if unit == "decade":
        return _resolved(_unit_interval("year", pub, -10 * n), "year", True)
    return _resolved(_unit_interval(unit, pub, -n), UNIT_GRANULARITY[unit], True)


def _past_n(m: re.Match[str], pub: date | None, text: str) -> _Resolved | None:
    """``the past two weeks``: pub - 14 days .. pub; ``the next three days``: pub .. pub + 3."""
    unit = m.group("unit").lower().rstrip("s")
    if pub is None:
        return _resolved(None, UNIT_GRANULARITY[unit], True)
    forward = m.group("dir").lower() in ("next", "coming")
    if forward and m.group("n") is None and not m.group("unit").lower().endswith("s"):
        return None  # "the next day": the day after the story's events, not after publication
    n = _number(m.group("n"))
    other = _step(pub, unit, n if forward else -n)
    return _resolved((min(pub, other), max(pub, other)), UNIT_GRANULARITY[unit], True)


def _step(day: date, unit: str, n: int) -> date:
    """``day`` moved by ``n`` units (month and year steps clamp to the month's last day)."""
    if unit in ("day", "week"):
        return day + timedelta(days=n * (7 if unit == "week" else 1))
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = _shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- rules -------------------------------------------------------------------------------------------

_REL = r"(?P<rel>(?i:this|last|next|past))"
RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso_date),
    (
        re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
        _month_day,
    ),
    (
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s+)?(?:(?i:the)\s+)?{_DAY}(?:\s+(?i:of))?\s+{_MONTH}(?:,?\s+{_YEAR})?"
        ),
        _month_day,
    ),
    (re.compile(rf"\b(?:{_MOD}[\s-]+)?{_MONTH}(?:\s+(?i:of))?,?\s+{_YEAR}"), _month_year),
    (
        re.compile(rf"\b(?:(?P<cue>{_CUE})\s+)?(?:{_REL}\s+)?(?:{_MOD}[\s-]+(?:(?i:in)\s+)?)?{_MONTH}"),
        _month_alone,
    ),
    (
        re.compile(
            r"\b(?:(?i:from|between)\s+)?(?P<year>1[89]\d\d|20\d\d)"
            r"(?:\s*[-–/]\s*|\s+(?i:to|and|until|through)\s+)(?P<year2>(?:1[89]|20)?\d\d)(?![\w%])"
        ),
        _year_range,
    ),
    (
        re.compile(rf"\b(?:(?P<cue>{_CUE})\s+|{_MOD}[\s-]+(?:(?i:of)\s+)?)?{_YEAR}"),
        _year,
    ),
    (
        re.compile(
            r"(?:\b(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?['’]?\b(?P<dec>1[89]\d0|20\d0|\d0)s\b"
        ),
        _decade,
    ),
    (
        re.compile(
            rf"\b(?:{_REL}\s+|(?P<the>(?i:the|in|during|over|since|until|by))\s+(?:(?i:the)\s+)?)?"
            rf"(?P<season>(?i:spring|summer|autumn|fall|winter))"
            rf"(?:(?:\s+(?i:of))?,?\s+(?P<year>1[89]\d\d|20\d\d)(?:[-–/](?:\d\d){{1,2}})?(?![\w%]))?"
        ),
        _season,
    ),
    (
        re.compile(
            r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
            r"|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b" + _PART_OF_DAY
        ),
        _day_word,
    ),
    (re.compile(rf"\b(?:{_REL}\s+)?{_WEEKDAY}{_PART_OF_DAY}"), _weekday),
    (
        re.compile(
            r"\b(?:(?P<mod>(?i:earlier|later|early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?"
            r"(?P<rel>(?i:this|last|next|the\s+coming))\s+(?P<unit>(?i:weekend|week|month|year))\b"
        ),
        _relative_unit,
    ),
    (re.compile(r"\b(?i:over|at|during)\s+the\s+(?i:weekend)\b"), _weekend),
    (
        re.compile(rf"\b{_NUM}[\s-]+(?P<unit>(?i:days?|hours?|weeks?|months?|years?|decades?))\s+(?i:ago)\b"),
        _ago,
    ),
    (
        re.compile(
            rf"\b(?i:the)\s+(?P<dir>(?i:past|last|next|coming))\s+(?:{_NUM}\s+)?"
            r"(?P<unit>(?i:days|weeks|months|years|decades|day|week|month|year|decade))\b"
        ),
        _past_n,
    ),
]


# --- extraction --------------------------------------------------------------------------------------


def parse_published(published: str | None) -> date | None:
    """The UTC date of an ISO 8601 publication timestamp (``2016-03-18T00:00:00Z``), or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip()).date()
    except ValueError:
        return None


def _candidates(text: str, pub: date | None) -> list[tuple[int, int, _Resolved]]:
    """Every rule's matches as (start, end, resolution), leading prepositions trimmed off."""
    found = []
    for pattern, handler in RULES:
        for m in pattern.finditer(text):
            resolved = handler(m, pub, text)
            if resolved is not None:
                found.append((_trimmed_start(text, m), m.end(), resolved))
    return found


def _trimmed_start(text: str, m: re.Match[str]) -> int:
    prep = _PREP.match(text, m.start())
    return prep.end() if prep and prep.end() < m.end() else m.start()


def _longest_first(found: list[tuple[int, int, _Resolved]]) -> list[tuple[int, int, _Resolved]]:
    """Non-overlapping matches, preferring the longer where two overlap."""
    kept: list[tuple[int, int, _Resolved]] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[0])


def _since(text: str, start: int, resolved: _Resolved, pub: date | None) -> tuple[int, _Resolved]:
    """``since X``: the span takes in ``since``; the interval runs from X's start to publication."""
    m = SINCE_LEFT_RE.search(text[max(0, start - 12) : start])
    if not m:
        return start, resolved
    since_start = start - (min(start, 12) - m.start())
    return since_start, _Resolved(resolved.start, pub, resolved.granularity, True)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def extract_timex(text: str, published: str | None, article_id: str = "") -> list[TimeRef]:
    """Time expressions in ``text``, in order, resolved against ``published`` (UTC ISO 8601 or None)."""
    pub = parse_published(published)
    refs = []
    for start, end, resolved in _longest_first(_candidates(text, pub)):
        start, resolved = _since(text, start, resolved, pub)
        refs.append(
            TimeRef(
                span=Span(article_id, start, end),
                text=text[start:end],
                start=_iso(resolved.start),
                end=_iso(resolved.end),
                granularity=resolved.granularity,
                relative=resolved.relative,
            )
        )
    return refs
