"""Quantities in news text: a value or range, its unit, what is counted, a rate and a qualifier.

Rule-based (regular expressions over plain text, no model needed); a spaCy ``Doc`` of the same text, when
given, only refines which noun is counted. One pass finds number *cores*, then each core is widened:

* **cores**: digits (``3,200``, ``1.5``, ``12%``, ``$2.3bn``, ``20km``); number words (``three``,
  ``twenty-five``, ``a dozen``, ``half a million``), both optionally followed by scale words (``1.5 million``,
  ``two hundred thousand``); fractions (``two-thirds``, ``a third of``, ``half of``: stored as a percentage,
  unit ``%``); vague plurals (``dozens``, ``hundreds of``, ``tens of thousands``, ``several hundred``).
* **ranges**: ``20 to 25``, ``20-25``, ``between 20 and 25``, ``two or three``; a scale on the second
  number applies to the first (``20 to 25 million``). ``from 20 to 25`` is read as a *change* and gives two
  points. ``3-1`` (second not larger, with a dash) is a score or a code and gives nothing.
* **left**: a currency sign (``$`` → USD, ``€`` → EUR, ``£`` → GBP, ``US$``, ``A$``, ``C$``, ``¥`` → JPY)
  and a qualifier (``QUALIFIERS``), both inside the span.
* **right**: a unit (``UNITS``, currency words such as ``dollars``), a hyphen compound (``10-day``;
  ``25-year-old`` → unit ``years``, counted ``age``), ``of the`` and the counted noun phrase, whose head
  (lowercase, as written: ``sorties``, ``people``) is ``counted``; then a rate (``a day``, ``per week``,
  ``daily``) as ``per``. ``or more`` / ``-plus`` / ``+`` after a number read as ``at least``.

Values: ``low``/``high`` hold the interval the text asserts. ``more than``/``at least`` → ``high`` None;
``less than``/``at most``/``up to`` → ``low`` None; ``about``/``nearly`` keep the point. Vague plurals are
open-ended lower bounds, approximate: ``dozens`` → 24, ``scores`` → 40, ``hundreds`` → 200, ``thousands`` →
2,000, ``tens of thousands`` → 20,000, ``several hundred`` → 200, each with ``high`` None. ``a dozen`` is 12,
approximate. ``unit`` is a unit of measure or currency only; plain counts have ``unit`` None and say what
they count in ``counted``.

Not quantities: years (a bare 4-digit 1800-2099 without currency, qualifier or unit), dates (a number
beside a month name), clock times (``9 a.m.``, ``9:30``, ``1400 GMT``), ordinals (``3rd``; ``third`` is no
number word), decades (``1990s``), model and code names (``Su-25``, ``MiG-29``, ``A320``, ``G7``, a number
after a label word such as ``Flight`` or ``Resolution``), numbers with a leading zero, ``one of``, a bare
``one`` counting nothing, and ``N days ago`` (a time expression: see ``timex``).

``compatible`` compares two quantities of the same measure as intervals, bounds inclusive (so rounding
never reads as conflict), widened by ``APPROX_TOLERANCE`` when approximate and ``ROUND_TOLERANCE`` for round
figures (multiples of 1,000).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from crosswire.model import Span
from crosswire.read.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

# --- lexicon -----------------------------------------------------------------------------------------


def _words(spaced: str) -> list[str]:
    """Words of a whitespace-separated list (keeps the word lists below short)."""
    return spaced.split()


def _invert(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """``{normal: (spellings...)}`` → ``{spelling: normal}``."""
    return {spelling: normal for normal, spellings in groups.items() for spelling in spellings}


ONES: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
TENS: dict[str, int] = {
    w: 10 * i for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), start=2)
}
ARTICLE_VALUES: dict[str, Decimal] = {"a": Decimal(1), "an": Decimal(1), "half a": Decimal("0.5")}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
SCALES |= {"trillion": 10**12, "dozen": 12}
ABBR_SCALES: dict[str, int] = {"k": 10**3, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12}
MILLION_ABBR: dict[str, int] = {"m": 10**6}  # "$5m", "1.2m people"; but "a 100m sprint" is metres
VAGUE_VALUES: dict[str, int] = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
VAGUE_VALUES |= {"millions": 2 * 10**6, "billions": 2 * 10**9}
VAGUE_MULTIPLIERS: dict[str, int] = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100}
FEW_WORDS = ("several", "a few", "a couple of", "a handful of", "many")  # + a scale word: "several hundred"
FRACTIONS: dict[str, int] = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}

QUALIFIERS: dict[str, str] = _invert(
    {
        "more than": (
            "more than", "over", "well over", "just over", "upwards of", "in excess of", "greater than",
            "above", "well above", "exceeding", "slightly more than",
        ),
        "less than": ("less than", "fewer than", "under", "below"),
        "at least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
        "at most": ("at most", "no more than", "not more than", "a maximum of"),
        "up to": ("up to", "as many as", "as much as"),
        "nearly": ("nearly", "almost", "close to", "just under", "just below", "just shy of"),
        "about": (
            "about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "circa",
            "an approximate",
        ),
    }
)  # fmt: skip
LOWER_BOUND_QUALIFIERS = frozenset({"more than", "at least"})
UPPER_BOUND_QUALIFIERS = frozenset({"less than", "at most", "up to"})
APPROX_QUALIFIERS = frozenset({"about", "nearly"})

CURRENCY_SIGNS: dict[str, str] = _invert(
    {
        "USD": ("$", "us$", "us $", "usd"), "EUR": ("€", "eur"), "GBP": ("£", "gbp"),
        "AUD": ("a$",), "CAD": ("c$",), "JPY": ("¥",),
    }
)  # fmt: skip
CURRENCY_WORDS: dict[str, str] = _invert(
    {
        "USD": ("dollars", "us dollars", "u.s. dollars"), "EUR": ("euros", "euro"),
        "GBP": ("pounds sterling",), "RUB": ("rubles", "roubles"), "CNY": ("yuan",), "JPY": ("yen",),
    }
)  # fmt: skip
UNITS: dict[str, str] = _invert(
    {
        "%": ("%", "percent", "per cent", "pct"),
        "pp": ("percentage points", "percentage point"),
        "km2": ("km2", "sq km", "sq. km", "square kilometres", "square kilometers"),
        "mi2": ("square miles",),
        "km/h": ("km/h", "kph", "kmh"),
        "mph": ("mph",),
        "km": ("km", "kilometres", "kilometers", "kilometre", "kilometer"),
        "mi": ("miles", "mile"),
        "m": ("m", "metres", "meters", "metre", "meter"),
        "ft": ("ft", "feet", "foot"),
        "yd": ("yards", "yard", "yds"),
        "in": ("inches", "inch"),
        "cm": ("cm", "centimetres", "centimeters", "centimetre", "centimeter"),
        "mm": ("mm", "millimetres", "millimeters", "millimetre", "millimeter"),
        "kg": ("kg", "kilograms", "kilogram", "kilos"),
        "t": ("tonnes", "tonne", "tons", "ton", "metric tons"),
        "ha": ("hectares",),
        "acre": ("acres",),
    }
)
# written against the digits: "20km"
GLUED_UNITS = ("km/h", "km2", "kmh", "kph", "mph", "km", "kg", "cm", "mm", "%")
COMPOUND_UNITS = frozenset(
    _words(
        "second minute hour day night week month year decade mile kilometre kilometer km metre meter foot "
        "yard inch "
        "storey story member seat man point page vote ton tonne"
    )
)
PER_WORDS: dict[str, str] = _invert(
    {
        "day": ("daily",), "night": ("nightly",), "week": ("weekly",), "month": ("monthly",),
        "year": ("yearly", "annually", "per annum", "a year"), "hour": ("hourly",),
    }
)  # fmt: skip
DURATION_NOUNS = frozenset(_words("second minute hour day night week weekend month year decade century"))
TIME_UNITS = "seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries"
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
LABEL_WORDS = (
    "Flight|Resolution|Article|Route|Highway|Chapter|Section|Room|Boeing|Airbus|Apollo|Level|Category|"
    "Phase|Stage|Grade|Page|Paragraph|Gate|Terminal|Channel|Platform|Line|Model|Version|Protocol|Amendment|"
    "Title|Rule|Item|Lot|Box|Suite|Unit|Brigade|Division|Battalion|Regiment|Squadron|Corps|Fleet|Group|"
    "District|Precinct|Ward|Zone|Sector|Block|Street|Avenue|Road|Building|Hall|Number|No\\.|Nos\\.|Vol\\.|"
    "Volume|Issue|Episode|Season|Series|Psalm|Sura|Windows|Formula|Camp|Checkpoint|Station|Tower|Bus|Pier|"
    "Proposition|Prop\\.|Measure|Question|Interstate|Part|Annex|Clause|Schedule"
)

# Words that end a counted noun phrase (function words, common verbs, calendar words).
NP_STOPWORDS = frozenset(
    _words(
        """a an the of in on at to for from by with without into onto over under about after before during
        since until and or but nor so yet as than that which who whom whose what when where while if because
        per each every more less fewer most least is are was were be been being am has have had having do
        does did will would shall should can could may might must not no also only just even still all both
        some any many much other another such said says say told according it its they them their he him
        his she her we us our you your i me my this these those there here then now ago later earlier others
        yesterday today tomorrow last next including among across near against toward towards through within
        via like unlike away out up down off back again too very fled left lost fell rose took went came
        made got gave held met ran won hit struck shot fought brought built sent spent put set cut kept led
        paid sold stood found flew drew began became saw knew grew remain live die flee face need return
        stay monday tuesday wednesday thursday friday saturday sunday january february march april june
        july august september october november december"""
    )
)
IRREGULAR_PLURALS: dict[str, str] = {"people": "person", "persons": "person", "men": "man", "women": "woman"}
IRREGULAR_PLURALS |= {"children": "child", "feet": "foot"}
IRREGULAR_PLURALS |= {  # collective or invariable nouns: counted as they are, may modify ("crew members")
    w: w
    for w in _words(
        "police personnel staff aircraft cattle sheep fish dead wounded injured militia crew livestock"
    )
}
NOT_PLURAL = frozenset(
    _words(
        """news series species means gas bus chaos status analysis crisis isis hamas this its his has was is
        as us thus plus versus bias atlas lens whereas perhaps always sometimes afterwards towards besides
        across politics physics economics"""
    )
)
LY_NOUNS = frozenset(_words("family ally assembly supply rally reply anomaly monopoly italy july"))
ING_NOUNS = frozenset(_words("building meeting housing training bombing killing shooting offering evening"))

MAX_NP_WORDS = 4
POSSESSIVE = ("'s", "’s", "s'", "s’")
LEFT_WINDOW = 40  # characters searched left of a number for currency, qualifier, "between", "from"
APPROX_TOLERANCE = 0.10  # "about 3,000" admits 2,700..3,300
ROUND_TOLERANCE = 0.05  # "3,000" (a round figure) admits at most 2,850..3,150; "$2.3 billion" ±0.05bn
ROUND_MIN = 1000

# --- patterns ----------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_ONE_TO_NINE = _alt([w for w, v in ONES.items() if 1 <= v <= 9])
_SCALE_WORDS = _alt(SCALES)
WORD_NUMBER = (
    rf"(?:(?:{_alt(TENS)})(?:[-\s](?:{_ONE_TO_NINE}))?|{_alt(ONES)}"
    rf"|(?:{_alt(ARTICLE_VALUES)})(?=[\s-]+(?:{_SCALE_WORDS})\b))"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_GLUED = _alt(list(GLUED_UNITS) + list(ABBR_SCALES) + list(MILLION_ABBR))
_DIGITS_CORE = rf"(?P<digits>{DIGITS})(?P<glued>{_GLUED})?(?![\w/]|[.,]\d|:\d)"
VAGUE = (
    rf"(?:(?:{_alt(VAGUE_MULTIPLIERS)})\s+of\s+)?(?:{_alt(set(VAGUE_VALUES) - {'scores'})}|scores(?=\s+of\b))"
    rf"|(?:{_alt(FEW_WORDS)})\s+(?:{_SCALE_WORDS})"
)
FRACTION = (
    rf"(?:one|two|three|four|a)[-\s](?:{_alt(FRACTIONS)})s?(?=\s+of\b)"
    rf"|(?:one|two|three|four)-(?:{_alt(FRACTIONS)})s?|half(?=\s+of\b)"
    rf"|(?:one|1)\s+in\s+(?:every\s+)?(?:{_alt(ONES)}|[1-9]\d*)"
)


def _core_regex(guarded: bool) -> re.Pattern[str]:
    """Number cores; ``guarded`` adds the left guard used when scanning (not for a range's second half)."""
    guard = r"(?<![\w.,/:\-–])" if guarded else ""
    return re.compile(
        rf"\b(?P<vague>{VAGUE})\b|\b(?P<fraction>{FRACTION})\b|\b(?P<words>{WORD_NUMBER})\b"
        rf"|{guard}{_DIGITS_CORE}",
        re.IGNORECASE,
    )


CORE_RE = _core_regex(guarded=True)
ANCHORED_CORE_RE = _core_regex(guarded=False)
SCALE_RE = re.compile(rf"(?:[\s-]+(?:{_SCALE_WORDS})\b(?!-))+|\s?(?:{_alt(ABBR_SCALES)})\b", re.IGNORECASE)
RANGE_SEP_RE = re.compile(r"\s*[-–—]\s*|\s+(?P<word>to|and|or)\s+", re.IGNORECASE)
CURRENCY_PREFIX_RE = re.compile(r"US\s?\$|[AC]\$|\$|€|£|¥", re.IGNORECASE)
CURRENCY_LEFT_RE = re.compile(r"(?:US\s?\$|[AC]\$|\$|€|£|¥|\b(?:USD|EUR|GBP)\s?)$", re.IGNORECASE)
QUALIFIER_LEFT_RE = re.compile(rf"\b(?P<q>{_alt(QUALIFIERS)})\s+$", re.IGNORECASE)
BETWEEN_LEFT_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
FROM_LEFT_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
AGED_LEFT_RE = re.compile(r"\baged\s+$", re.IGNORECASE)
NAME_COMMA_LEFT_RE = re.compile(r"\b[A-Z][a-z][\w'’-]*,\s+$")  # "Cazares, " before an age
DATE_LEFT_RE = re.compile(rf"\b(?:{MONTHS})\.?\s+$")
LABEL_LEFT_RE = re.compile(rf"(?:\b(?:{LABEL_WORDS})\s+|#\s*)$")
OLD_RE = re.compile(r"\s+old\b", re.IGNORECASE)
ONE_OF_RE = re.compile(r"\s+(?:of|another)\b", re.IGNORECASE)
SKIP_ONE_LEFT_RE = re.compile(r"\b(?:no|the|each|any|every|this|that|which|at)\s+$", re.IGNORECASE)
DATE_RIGHT_RE = re.compile(rf"\s*(?:of\s+)?(?:{MONTHS})\b")
TIME_RIGHT_RE = re.compile(
    r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|EDT\b|local\s+time\b|o[’']clock\b|hrs\b)",
    re.IGNORECASE,
)
AGO_RIGHT_RE = re.compile(rf"\s+(?:{TIME_UNITS})\s+ago\b", re.IGNORECASE)
OR_MORE_RE = re.compile(r"\s+or\s+(?P<dir>more|over|greater|fewer|less|under)\b|(?P<plus>\+|-plus\b)", re.I)
UNIT_RE = re.compile(rf"\s?(?P<u>{_alt(UNITS)})(?![\w/])", re.IGNORECASE)
CURRENCY_WORD_RE = re.compile(rf"\s+(?P<c>{_alt(CURRENCY_WORDS)})\b", re.IGNORECASE)
COMPOUND_RE = re.compile(rf"-(?P<w>{_alt(COMPOUND_UNITS)})s?(?P<old>-old)?\b", re.IGNORECASE)
OF_RE = re.compile(r"\s+of(?:\s+(?:the|these|those|its|their|his|her|our|all))?(?=\s)", re.IGNORECASE)
NP_WORD_RE = re.compile(r"\s+(?P<w>[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*)(?![\w'’-])")
_PER_UNITS = "day|night|week|month|year|hour|minute|second"
PER_RE = re.compile(
    rf"(?:\s+(?:a|an|per|each|every)\s+|\s*/\s*)(?P<unit>{_PER_UNITS})\b(?!\s+(?:earlier|later|before|after|ago))"
    rf"|\s+(?P<adv>{_alt(PER_WORDS)})\b",
    re.IGNORECASE,
)
LEADING_ZERO_RE = re.compile(r"0\d")
YEAR_RANGE = (1800, 2099)


@dataclass(frozen=True)
class Quantity:
    """A number as a news report states it, with the character span it came from.

    ``low``/``high`` bound what the text asserts (``high`` None: open above; ``low`` None: open below).
    ``unit`` is a unit of measure or an ISO currency code; ``counted`` the head noun of what is counted.
    """

    span: Span
    low: float | None
    high: float | None
    unit: str | None
    counted: str | None
    per: str | None
    qualifier: str | None
    approximate: bool
    text: str


@dataclass(frozen=True)
class _Number:
    """One number core with any scale after it."""

    start: int
    end: int
    value: Decimal
    kind: str  # "digits", "words", "vague", "fraction"
    factor: int  # product of the scale words after the core (1 when none)
    glued: str | None = None  # a unit glued to digits ("20km", "12%")


@dataclass
class _Draft:
    """A quantity being assembled around one number or range."""

    start: int
    end: int
    low: Decimal
    high: Decimal
    kind: str
    currency: str | None = None
    qualifier: str | None = None
    unit: str | None = None
    counted: str | None = None
    per: str | None = None
    approximate: bool = False
    change_from: _Number | None = None  # "from 20 to 25": the first point of a change
    glued: str | None = None  # a unit glued to the last number


# --- numbers -----------------------------------------------------------------------------------------


def _word_value(words: str) -> Decimal:
    """Value of a number word: ``three`` → 3, ``twenty-five`` → 25, ``a`` → 1, ``half a`` → 0.5."""
    key = " ".join(words.lower().split())
    if key in ARTICLE_VALUES:
        return ARTICLE_VALUES[key]
    return Decimal(sum(ONES.get(p, 0) + TENS.get(p, 0) for p in re.split(r"[-\s]+", key)))


def _vague_value(text: str) -> Decimal:
    """Lower bound of a vague amount: ``hundreds`` → 200, ``tens of thousands`` → 20,000."""
    parts = text.lower().split()
    if parts[-1] in SCALES:  # "several hundred", "a few thousand"
        return Decimal(2 * SCALES[parts[-1]])
    mult = VAGUE_MULTIPLIERS[parts[0]] if len(parts) > 1 else 1
    return Decimal(mult * VAGUE_VALUES[parts[-1]])


def _fraction_value(text: str) -> Decimal:
    """A fraction as a percentage: ``two-thirds`` → 66.67, ``half`` → 50, ``one in five`` → 20."""
    parts = re.split(r"[-\s]+", text.lower())
    if "in" in parts:  # "one in five": the guard in FRACTION keeps the denominator above zero
        last = parts[-1]
        return (100 / (Decimal(last) if last.isdigit() else _word_value(last))).quantize(Decimal("0.01"))
    denominator = FRACTIONS[parts[-1].rstrip("s")] if parts[-1] != "half" else 2
    numerator = _word_value(parts[0]) if len(parts) > 1 else Decimal(1)
    return (numerator * 100 / denominator).quantize(Decimal("0.01"))


def _core_value(m: re.Match[str]) -> tuple[Decimal, str]:
    """Value and kind of a matched core."""
    if m.group("vague"):
        return _vague_value(m.group("vague")), "vague"
    if m.group("fraction"):
        return _fraction_value(m.group("fraction")), "fraction"
    if m.group("words"):
        return _word_value(m.group("words")), "words"
    return Decimal(m.group("digits").replace(",", "")), "digits"


def _scale_after(text: str, pos: int) -> tuple[int, int]:
    """Product of the scale words right after ``pos`` ("million", "hundred thousand"), and their end."""
    m = SCALE_RE.match(text, pos)
    if not m:
        return 1, pos
    factor = 1
    for word in re.findall(r"[a-z]+", m.group(0).lower()):
        factor *= SCALES.get(word) or ABBR_SCALES[word]
    return factor, m.end()


def _glued_scale(text: str, m: re.Match[str]) -> int:
    """Scale of an abbreviation glued to digits: ``2.3bn``; ``5m`` only as money or before a plural noun."""
    glued = (m.groupdict().get("glued") or "").lower()
    if glued in MILLION_ABBR and _reads_as_million(text, m):
        return MILLION_ABBR[glued]
    return ABBR_SCALES.get(glued, 1)


def _reads_as_million(text: str, m: re.Match[str]) -> bool:
    """``$5m`` and ``1.2m people`` are millions; ``100m sprint``, ``5m tall`` are metres."""
    if CURRENCY_LEFT_RE.search(_left(text, m.start())):
        return True
    word = NP_WORD_RE.match(text, m.end())
    return word is not None and word.group("w").islower() and _looks_plural(word.group("w"))


def _number(text: str, m: re.Match[str]) -> _Number:
    """A core with its scale applied; glued abbreviations (``bn``, ``k``) count as scales."""
    value, kind = _core_value(m)
    glued = m.groupdict().get("glued")
    end, factor = m.end(), _glued_scale(text, m)
    if factor != 1:
        glued = None
    elif not glued and kind in ("digits", "words"):
        factor, end = _scale_after(text, end)
    return _Number(m.start(), end, value * factor, kind, factor, glued)


# --- left and right context --------------------------------------------------------------------------


def _left(text: str, pos: int) -> str:
    return text[max(0, pos - LEFT_WINDOW) : pos]


def _currency_left(text: str, pos: int) -> tuple[str | None, int]:
    """A currency sign just left of ``pos``: its code and where it starts."""
    m = CURRENCY_LEFT_RE.search(_left(text, pos))
    if not m:
        return None, pos
    return CURRENCY_SIGNS[re.sub(r"\s+", " ", m.group(0).strip().lower())], pos - len(m.group(0))


def _qualifier_left(text: str, pos: int) -> tuple[str | None, int]:
    """A qualifier ending just left of ``pos`` (normalised) and where it starts."""
    left = _left(text, pos)
    m = QUALIFIER_LEFT_RE.search(left)
    if not m:
        return None, pos
    return QUALIFIERS[" ".join(m.group("q").lower().split())], pos - (len(left) - m.start())


def _left_match(pattern: re.Pattern[str], text: str, pos: int) -> int | None:
    """Start of ``pattern`` matched against the text ending at ``pos``, or None."""
    left = _left(text, pos)
    m = pattern.search(left)
    return pos - (len(left) - m.start()) if m else None


def _is_excluded(text: str, first: _Number, end: int, currency: str | None) -> bool:
    """Years, dates, clock times, labels and codes: numbers that are not quantities."""
    raw = text[first.start : first.end]
    if first.kind == "digits" and LEADING_ZERO_RE.match(raw):
        return True
    if DATE_LEFT_RE.search(_left(text, first.start)) or LABEL_LEFT_RE.search(_left(text, first.start)):
        return True
    if DATE_RIGHT_RE.match(text, end) or TIME_RIGHT_RE.match(text, end):
        return True
    return currency is None and _is_year(text, first)


def _is_year(text: str, num: _Number) -> bool:
    """A bare 4-digit number in the year range, with no qualifier or unit to make it a count."""
    raw = text[num.start : num.end]
    if num.kind != "digits" or not re.fullmatch(r"\d{4}", raw) or num.glued:
        return False
    if not YEAR_RANGE[0] <= int(raw) <= YEAR_RANGE[1]:
        return False
    return not QUALIFIER_LEFT_RE.search(_left(text, num.start)) and not UNIT_RE.match(text, num.end)


# --- ranges ------------------------------------------------------------------------------------------


def _second_number(text: str, first: _Number) -> tuple[_Number, str, str | None] | None:
    """The second half of a range after ``first``: the number, the separator word and any currency."""
    sep = RANGE_SEP_RE.match(text, first.end)
    if not sep or first.kind in ("vague", "fraction") or first.glued:
        return None
    pos = sep.end()
    cur = CURRENCY_PREFIX_RE.match(text, pos)
    m = ANCHORED_CORE_RE.match(text, cur.end() if cur else pos)
    if not m or m.group("vague") or m.group("fraction"):
        return None
    word = (sep.group("word") or "-").lower()
    if word == "-" and (first.kind != "digits" or not m.group("digits")):
        return None
    code = CURRENCY_SIGNS.get(cur.group(0).lower()) if cur else None
    return _number(text, m), word, code


def _spread_scale(first: _Number, second: _Number) -> _Number:
    """``20 to 25 million``: the second number's scale applies to an unscaled first."""
    if first.factor != 1 or second.factor == 1:
        return first
    scaled = first.value * second.factor
    return replace(first, value=scaled, factor=second.factor) if scaled <= second.value else first


def _draft(text: str, first: _Number) -> _Draft | None:
    """A draft for ``first``, joined with a range's second half where there is one."""
    draft = _Draft(first.start, first.end, first.value, first.value, first.kind, glued=first.glued)
    second = _second_number(text, first)
    if second is None:
        return draft
    num2, word, _ = second
    anchor = _currency_left(text, first.start)[1]
    from_start = _left_match(FROM_LEFT_RE, text, anchor)
    if word == "and" and _left_match(BETWEEN_LEFT_RE, text, anchor) is None:
        return draft
    first = _spread_scale(first, num2)
    if word == "to" and from_start is not None:
        point = num2.value
        return _Draft(num2.start, num2.end, point, point, num2.kind, change_from=first, glued=num2.glued)
    if num2.value <= first.value:
        return None if word == "-" else draft
    return _Draft(first.start, num2.end, first.value, num2.value, first.kind, glued=num2.glued)


# --- the counted noun phrase -------------------------------------------------------------------------


def _looks_plural(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    regular = word.endswith("s") and not word.endswith(("ss", "us", "is", *POSSESSIVE))
    return regular and len(word) > 2 and word not in NOT_PLURAL


def _ends_np(word: str, index: int) -> bool:
    """Whether ``word`` (lowercase, at ``index`` in the phrase) cannot belong to a counted noun phrase."""
    if word in NP_STOPWORDS:
        return True
    if word.endswith("ly") and word not in LY_NOUNS:
        return True
    if index == 0 or "-" in word:
        return False
    return word.endswith("ed") or (word.endswith("ing") and word not in ING_NOUNS)


def _np_words(text: str, pos: int) -> list[re.Match[str]]:
    """The words right after ``pos`` that may belong to a counted noun phrase (one more than it may hold)."""
    words: list[re.Match[str]] = []
    while len(words) <= MAX_NP_WORDS:
        m = NP_WORD_RE.match(text, words[-1].end() if words else pos)
        if not m or _ends_np(m.group("w").lower(), len(words)):
            break
        words.append(m)
    return words


def _np_action(word: str, following: str | None, singular: bool, have_head: bool) -> str:
    """Whether the phrase ``take``s ``word`` and goes on, takes it as its ``last``, or ``stop``s before it.

    A plural ends the phrase (``14 people were``); a capitalised plural only when no noun follows
    (``20 Americans work`` but ``500 Hamas fighters``); after ``one``, a plural is no longer its noun.
    """
    low = word.lower()
    plural = _looks_plural(low) and IRREGULAR_PLURALS.get(low) != low
    if word[0].isupper():
        noun_follows = following is not None and (following[0].isupper() or _looks_plural(following.lower()))
        return "last" if plural and not noun_follows else "take"
    if singular and plural and have_head:
        return "stop"
    return "last" if plural and not singular else "take"


def _counted_phrase(text: str, pos: int, singular: bool) -> tuple[str, int] | None:
    """Head noun of the phrase right after ``pos`` (lowercase) and where it ends; possessives modify."""
    head, end = None, pos
    words = _np_words(text, pos)
    for index, m in enumerate(words[:MAX_NP_WORDS]):
        following = words[index + 1].group("w") if index + 1 < len(words) else None
        action = _np_action(m.group("w"), following, singular, head is not None)
        if action == "stop":
            break
        head = None if m.group("w").endswith(POSSESSIVE) else m.group("w").lower()
        end = m.end()
        if action == "last":
            break
    return (head, end) if head else None


# --- the right side ----------------------------------------------------------------------------------


def _unit_right(text: str, draft: _Draft) -> None:
    """A unit after the number (or glued to it), a currency word, or a hyphen compound."""
    if draft.glued:
        draft.unit = UNITS.get(draft.glued.lower())
        return
    for pattern in (UNIT_RE, CURRENCY_WORD_RE, COMPOUND_RE):
        m = pattern.match(text, draft.end)
        if m:
            _apply_unit(draft, m)
            return


def _apply_unit(draft: _Draft, m: re.Match[str]) -> None:
    groups = m.groupdict()
    if groups.get("u"):
        unit = UNITS[" ".join(groups["u"].lower().split())]
        if unit == "m" and draft.currency:  # "$5 m": million, not metres
            return
        draft.unit = unit
    elif groups.get("c"):
        draft.currency = CURRENCY_WORDS[" ".join(groups["c"].lower().split())]
    elif groups.get("old"):
        draft.unit, draft.counted = "years", "age"
    else:
        draft.counted = groups["w"].lower()
    draft.end = m.end()


def _counted_right(text: str, draft: _Draft) -> None:
    """``of the`` and the counted noun phrase, for counts and percentages."""
    if draft.counted or draft.currency or draft.unit not in (None, "%"):
        return
    pos = draft.end
    of = OF_RE.match(text, pos)
    if of:
        pos = of.end()
    elif draft.unit:
        return
    found = _counted_phrase(text, pos, singular=draft.high == 1 and draft.unit is None)
    if found:
        draft.counted, draft.end = found


def _bounds_right(text: str, draft: _Draft) -> None:
    """``or more`` / ``or fewer`` / ``20-plus`` / ``20+`` right after the number."""
    m = OR_MORE_RE.match(text, draft.end)
    if not m or draft.qualifier:
        return
    more = m.group("plus") or m.group("dir").lower() in ("more", "over", "greater")
    draft.qualifier = "at least" if more else "at most"
    draft.end = m.end()


def _per_right(text: str, draft: _Draft) -> None:
    m = PER_RE.match(text, draft.end)
    if m:
        draft.per = (m.group("unit") or PER_WORDS[" ".join(m.group("adv").lower().split())]).lower()
        draft.end = m.end()


# --- assembling --------------------------------------------------------------------------------------


def _complete(text: str, draft: _Draft) -> _Draft:
    """Widen a draft left (currency, qualifier, between) and right (unit, counted, rate)."""
    draft.currency, draft.start = _currency_left(text, draft.start)
    bare_start = draft.start
    draft.qualifier, draft.start = _qualifier_left(text, draft.start)
    between = _left_match(BETWEEN_LEFT_RE, text, draft.start)
    if between is not None and draft.high != draft.low:
        draft.start = between
    for widen in (_bounds_right, _unit_right, _counted_right, _per_right):
        widen(text, draft)
    if draft.kind == "fraction":
        draft.unit = "%"
    if draft.counted is None and (
        _left_match(AGED_LEFT_RE, text, draft.start) is not None or _is_age_after_name(text, draft)
    ):
        draft.unit, draft.counted = "years", "age"
    if _is_duration_over(text, draft, bare_start):
        draft.qualifier, draft.start = None, bare_start
    return draft


def _is_age_after_name(text: str, draft: _Draft) -> bool:
    """A bare whole number set off by commas after a name is an age: "Jose Cazares, 31, of Kokomo"."""
    bare = draft.unit is None and draft.currency is None and draft.qualifier is None
    if (
        not bare
        or draft.low != draft.high
        or draft.low != draft.low.to_integral_value()
        or not 0 < draft.low < 120
    ):
        return False
    return (
        NAME_COMMA_LEFT_RE.search(text, 0, draft.start) is not None and text[draft.end : draft.end + 1] == ","
    )


def _is_duration_over(text: str, draft: _Draft, bare_start: int) -> bool:
    """``over four years`` is a duration ("during"), not "more than four years"."""
    over = text[draft.start : bare_start].strip().lower() == "over"
    return over and counted_key(draft.counted) in DURATION_NOUNS and not OLD_RE.match(text, draft.end)


def _interval(draft: _Draft) -> tuple[float | None, float | None]:
    """``low``/``high`` as the qualifier and kind make them."""
    low, high = float(draft.low), float(draft.high)
    if draft.kind == "vague" or draft.qualifier in LOWER_BOUND_QUALIFIERS:
        return low, None
    if draft.qualifier in UPPER_BOUND_QUALIFIERS:
        return None, high
    return low, high


def _approximate(text: str, draft: _Draft) -> bool:
    dozen = re.search(r"\bdozen\b", text[draft.start : draft.end], re.IGNORECASE) is not None
    return draft.kind in ("vague", "fraction") or draft.qualifier in APPROX_QUALIFIERS or dozen


def _quantity(text: str, draft: _Draft, article_id: str) -> Quantity:
    low, high = _interval(draft)
    return Quantity(
        span=Span(article_id, draft.start, draft.end),
        low=low,
        high=high,
        unit=draft.currency or draft.unit,
        counted=draft.counted,
        per=draft.per,
        qualifier=draft.qualifier,
        approximate=_approximate(text, draft),
        text=text[draft.start : draft.end],
    )


def _change_start(text: str, draft: _Draft, article_id: str) -> Quantity:
    """The first point of ``from 20 to 25 sorties``: the number alone, sharing the second's measure."""
    first = draft.change_from
    assert first is not None
    currency, start = _currency_left(text, first.start)
    point = replace(draft, start=start, end=first.end, low=first.value, high=first.value, qualifier=None)
    point.currency = currency or draft.currency
    return _quantity(text, point, article_id)


def _is_lonely_one(text: str, draft: _Draft, first: _Number) -> bool:
    """``one`` that counts nothing, or ``no one`` / ``the one`` / ``one of``: not a quantity."""
    if first.kind != "words" or first.value != 1 or first.factor != 1 or draft.high != 1:
        return False
    if ONE_OF_RE.match(text, first.end) or SKIP_ONE_LEFT_RE.search(_left(text, first.start)):
        return True
    return draft.counted is None and draft.unit is None


def _at(text: str, m: re.Match[str], article_id: str) -> tuple[list[Quantity], int]:
    """Quantities built around the core ``m`` and the position scanning resumes from."""
    first = _number(text, m)
    draft = _draft(text, first)
    if draft is None:  # a score or code such as "3-1"
        return [], m.end()
    last_end = draft.end
    if AGO_RIGHT_RE.match(text, draft.end):
        return [], last_end
    if _is_excluded(text, first, draft.end, _currency_left(text, first.start)[0]):
        return [], last_end
    draft = _complete(text, draft)
    if _is_lonely_one(text, draft, first):
        return [], last_end
    found = [_change_start(text, draft, article_id)] if draft.change_from else []
    return [*found, _quantity(text, draft, article_id)], draft.end


def extract_quantities(text: str, article_id: str = "", doc: Doc | None = None) -> list[Quantity]:
    """All quantities in ``text``, in order; ``doc`` (a spaCy parse of the same text) refines ``counted``."""
    found: list[Quantity] = []
    resume = 0
    for m in CORE_RE.finditer(text):
        if m.start() < resume:
            continue
        quantities, resume = _at(text, m, article_id)
        found.extend(quantities)
    if doc is not None and doc_text(doc) == text:
        found = [_refine_with_doc(q, doc, text) for q in found]
    return found


# --- optional refinement with a parse ----------------------------------------------------------------

COUNTED_POS = frozenset({"NOUN", "PROPN"})
NOT_IN_NP_POS = frozenset({"ADP", "PRON", "VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound"})


def _refine_with_doc(q: Quantity, doc: Doc, text: str) -> Quantity:
    """Take the counted noun from the parse: the noun a number inside the span modifies (``nummod``)."""
    if q.unit is not None:  # "12 percent of voters": spaCy makes "percent" the head
        return q
    tokens = [t for t in doc if q.span.start <= t.idx < q.span.end and t.like_num]
    if not tokens:
        return q
    head = tokens[-1]
    while head.dep_ in NUMBER_DEPS and head.head.like_num and head.head.i != head.i:
        head = head.head
    noun = head.head
    near = head.i < noun.i <= head.i + MAX_NP_WORDS
    if head.dep_ != "nummod" or noun.pos_ not in COUNTED_POS or not near:
        return q
    if any(t.pos_ in NOT_IN_NP_POS for t in doc[head.i + 1 : noun.i]):  # "two of them officers"
        return q
    end = noun.idx + len(noun.text)
    end = end if q.per is None and noun.text.lower() != q.counted else max(end, q.span.end)
    return replace(q, counted=noun.text.lower(), span=replace(q.span, end=end), text=text[q.span.start : end])


# --- comparing ---------------------------------------------------------------------------------------


def counted_key(counted: str | None) -> str | None:
    """A crude stem shared by singular and plural, for comparing what is counted.

    ``sortie``/``sorties`` → ``sorti``, ``country``/``countries`` → ``countri``, ``people`` → ``person``.
    """
    if counted is None:
        return None
    word = counted.lower()
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if _looks_plural(word):
        word = word[:-1]
    if word.endswith("y"):
        return word[:-1] + "i"
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _same_measure(a: Quantity, b: Quantity) -> bool:
    """Both quantities measure the same thing: unit, counted noun and rate agree, and one of them is known."""
    if a.unit != b.unit or a.per != b.per or counted_key(a.counted) != counted_key(b.counted):
        return False
    return a.unit is not None or a.counted is not None


def _margin(value: float, approximate: bool) -> float:
    """How far a stated figure may be from the truth: ``APPROX_TOLERANCE`` when approximate; for a round
    figure (at least ``ROUND_MIN``, a multiple of 100) half a unit of its last non-zero digit, at most
    ``ROUND_TOLERANCE``; else nothing (``14`` means 14)."""
    if approximate:
        return abs(value) * APPROX_TOLERANCE
    if value < ROUND_MIN or value % 100:
        return 0.0
    digits = str(int(value))
    unit = 10 ** (len(digits) - len(digits.rstrip("0")))
    return min(unit / 2, value * ROUND_TOLERANCE)


def _widened(q: Quantity) -> tuple[float, float]:
    """The interval ``q`` allows, open ends infinite, widened by its margin."""
    low = -math.inf if q.low is None else q.low - _margin(q.low, q.approximate)
    high = math.inf if q.high is None else q.high + _margin(q.high, q.approximate)
    return low, high


def compatible(a: Quantity, b: Quantity) -> bool | None:
    """Whether two reports of the same measure can both be true; None when they measure different things.

    "more than 100" and "110": True; "20-25 a day" and "40 a day": False; "sorties" and "people": None.
    """
    if not _same_measure(a, b):
        return None
    low_a, high_a = _widened(a)
    low_b, high_b = _widened(b)
    return max(low_a, low_b) <= min(high_a, high_b)
