"""A publication date for an undated article, read where news text states it: the header line or the URL.

Scraped and pasted reports often carry their date right after the headline ("Posted: 03/7/2014 9:12 am
...", "August 14, 2003 Harbour master ...", "THURSDAY, FEBRUARY 5, 2015, 7:30 AM The ...") and many URLs
carry it too (``/2014/03/07/``, ``/2014-03-07-slug``, ``/20140307/``). Only a full date with a year that
stands at the very start of the text (after an optional label, time and weekday) counts, and it must be
followed by a time, a separator, the end of the line or a capitalised word, so that a sentence opening
with a date ("August 14, 2003 marked ...") is not taken; a date later in a sentence never is.
Prefer no date to a wrong one: dates after now or before 1990 are refused.

Numeric dates are read month/day (US) unless the first number is over 12. A stated time is kept when its
zone converts (EST, PT, GMT, ...); otherwise the date is midnight UTC, which the rest of crosswire reads
as a day-only date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crosswire.ingest.meta import ISO_UTC
from crosswire.read.timex import MONTH_NUMBERS

HEADER_CHARS = 100  # the header (label, date, time) must end within the text's first characters
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)  # a local date just past midnight UTC

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?P<mon1>{_MONTH})\.?\s+(?P<day1>{_DAY}),?\s+(?P<year1>{_YEAR})"  # August 14, 2003
    rf"|(?P<day2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH})\.?,?\s+(?P<year2>{_YEAR})"  # 8 Mar 2016
    rf"|(?P<a3>\d{{1,2}})/(?P<b3>\d{{1,2}})/(?P<year3>{_YEAR})"  # 03/7/2014 (US), 23/07/2014
    rf"|(?P<year4>{_YEAR})-(?P<mon4>\d\d)-(?P<day4>\d\d))"  # 2019-11-04
)
_ZONE = r"(?-i:UTC|GMT|BST|CEST|CET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT|IST|AEST|AEDT|JST|HKT|SGT)"


def _time(p: str) -> str:
    """A clock time (groups prefixed ``p``): 8:33 am, 10:33 AM PT, 12:52 p. m. EDT, 09:56 IST."""
    return (
        rf"(?P<{p}hour>\d{{1,2}}):(?P<{p}minute>\d\d)(?::\d\d)?"
        rf"(?:\s*(?P<{p}ampm>[ap])\.?\s?m\b\.?)?(?:\s+(?P<{p}zone>{_ZONE})\b)?"
    )


_LABEL = (
    r"(?:(?:first\s+|last\s+|originally\s+)?"
    r"(?P<kind>posted|published|updated|modified|dated?)(?:\s+on)?\s*:?\s*)"
)
HEADER = re.compile(
    rf"^{_LABEL}?"
    rf"(?:{_time('t1')}\s*,?\s*)?"  # 3:40 p. m. EDT Sept. 9, 2015
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"{_DATE}"
    rf"(?:(?:\s*,\s*|\s+at\s+|\s*\|\s*|\s+)(?:{_time('t2')}))?",  # , 10:53 AM / at 09:56 IST
    re.IGNORECASE,
)
# what may follow an unlabelled header: the end of the line, a separator, or a capitalised word
_FOLLOW = re.compile(r"(?:\s*$|\s*\n|\s*[|—–\-·•:/]|\s+[\"“‘'(]?(?-i:[A-Z]))")
# htmldate's URL reading also takes "/2014/03/5-reasons-..." (a slug's number as the day) and blog
# month archives ("2014_03_01_archive"), so the forms are stricter here: one separator throughout, after
# a slash-separated day another slash or the end, and no time of day after a dashed date
URL_DATES = [
    re.compile(rf"/(?P<y>{_YEAR})/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?:/|\.html?$|$)"),
    re.compile(rf"[/_-](?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?!-?\d)"),  # not 2014-03-07-08-15-02
    re.compile(rf"/(?P<y>{_YEAR})(?P<m>\d\d)(?P<d>\d\d)(?:/|-|_|\.html?$|$)"),
]

_FIXED_ZONES = {"UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "CST": -6,
                "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9, "HKT": 8, "SGT": 8,
                "AEST": 10, "AEDT": 11}  # fmt: skip
_REGION_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                 "PT": "America/Los_Angeles"}  # fmt: skip
_UPDATE_KINDS = {"updated", "modified"}


@dataclass(frozen=True)
class FoundDate:
    """A date read from the text or URL: UTC ISO 8601, where it was found, and whether a label said
    it is an update time rather than the first publication."""

    value: str
    where: str  # "header", "title" or "url"
    update: bool = False


def stated_date(
    text: str, title: str = "", url: str | None = None, now: datetime | None = None
) -> str | None:
    """UTC ISO date that the article's header zone or URL states, or None; see the module doc."""
    found = find_date(text, title, url, now)
    return found.value if found else None


def find_date(
    text: str, title: str = "", url: str | None = None, now: datetime | None = None
) -> FoundDate | None:
    """The header date, else the URL's year-month-day; an "Updated:" header gives way to a URL date."""
    now = now or datetime.now(UTC)
    header = header_date(_after_title(text, title), now) or title_date(title, now)
    from_url = url_date(url, now)
    if header and (not header.update or from_url is None):
        return header
    return from_url


def header_date(text: str, now: datetime) -> FoundDate | None:
    """The date stated at the very start of the text, before the first sentence."""
    zone = text.lstrip()[: HEADER_CHARS + 40]
    match = HEADER.match(zone)
    if not match or match.end() > HEADER_CHARS:
        return None
    kind = (match.group("kind") or "").lower()
    if not kind and not _FOLLOW.match(zone, match.end()):
        return None  # "September 30, 2015 marked the start of ..."
    value = _to_iso(match, now)
    return FoundDate(value, "header", kind in _UPDATE_KINDS) if value else None


def is_date_line(paragraph: str) -> bool:
    """The paragraph is a date line and nothing more ("Posted: 03/7/2014 9:12 am", "August 14, 2003")."""
    match = HEADER.match(paragraph.strip())
    return match is not None and not paragraph.strip()[match.end() :].strip(" |,-–—")


def title_date(title: str, now: datetime) -> FoundDate | None:
    """A date that is the whole title or opens it before a separator ("16/07/2013-North quay closed")."""
    match = HEADER.match(title.strip())
    if not match or not re.match(r"\s*(?:$|[|—–\-:])", title.strip()[match.end() :]):
        return None
    value = _to_iso(match, now)
    return FoundDate(value, "title", (match.group("kind") or "").lower() in _UPDATE_KINDS) if value else None


def url_date(url: str | None, now: datetime) -> FoundDate | None:
    """A year-month-day date in the URL's path (``/2014/03/07/``, ``/2014-03-07-slug``, ``/20140307/``)."""
    path = urlsplit(url or "").path
    match = next((m for pattern in URL_DATES if (m := pattern.search(path))), None)
    if match is None or "archive" in path.lower():  # a blog's month archive: 2014_03_01_archive.html
        return None
    parsed = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return FoundDate(parsed.strftime(ISO_UTC), "url") if parsed and _plausible(parsed, now) else None


def _after_title(text: str, title: str) -> str:
    """The text without its headline when it repeats the title at the top."""
    text = text.lstrip()
    if title and text.startswith(title.strip()):
        return text[len(title.strip()) :]
    first, sep, rest = text.partition("\n")
    return rest if sep and title and _words(first) == _words(title) else text


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _to_iso(match: re.Match[str], now: datetime) -> str | None:
    day = _calendar_day(match)
    if day is None:
        return None
    prefix = "t1" if match.group("t1hour") else "t2"
    moment = _with_time(day, match, prefix) if match.group(f"{prefix}hour") else day
    return moment.strftime(ISO_UTC) if _plausible(moment, now) else None


def _calendar_day(m: re.Match[str]) -> datetime | None:
    if m.group("year1"):
        return _safe_date(int(m["year1"]), _month(m["mon1"]), _int(m["day1"]))
    if m.group("year2"):
        return _safe_date(int(m["year2"]), _month(m["mon2"]), _int(m["day2"]))
    if m.group("year3"):
        a, b = int(m["a3"]), int(m["b3"])
        month, day = (b, a) if a > 12 else (a, b)
        return _safe_date(int(m["year3"]), month, day)
    return _safe_date(int(m["year4"]), int(m["mon4"]), int(m["day4"]))


def _with_time(day: datetime, m: re.Match[str], p: str) -> datetime:
    """The stated time in UTC when its zone is known; else the day alone (midnight UTC)."""
    hour, minute = int(m[f"{p}hour"]), int(m[f"{p}minute"])
    ampm = (m[f"{p}ampm"] or "").lower()
    if (ampm and not 1 <= hour <= 12) or hour > 23 or minute > 59:
        return day
    if ampm:
        hour = hour % 12 + (12 if ampm == "p" else 0)
    zone = _zone(m[f"{p}zone"] or "")
    if zone is None:
        return day
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return local.astimezone(UTC)


def _zone(name: str) -> tzinfo | None:
    if name in _FIXED_ZONES:
        return timezone(timedelta(hours=_FIXED_ZONES[name]))
    if name in _REGION_ZONES:
        try:
            return ZoneInfo(_REGION_ZONES[name])
        except ZoneInfoNotFoundError:
            return None
    return None  # IST (India, Ireland or Israel) and other ambiguous or unknown names


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.lower()[:3]]


def _int(day: str) -> int:
    return int(re.match(r"\d+", day)[0])  # type: ignore[index]


def _safe_date(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _plausible(moment: datetime, now: datetime) -> bool:
    return EARLIEST <= moment <= now + FUTURE_SLACK
