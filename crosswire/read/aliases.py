"""Name normalisation, transliteration-tolerant keys, acronyms, the curated alias table, and aliases
learned from the text itself.

Keys (applied in this order; both sides of a comparison go through the same steps):

``normalise(surface)``
    1. ASCII-fold with unidecode (Hmeymim → Hmeymim, Zelenskyy → Zelenskyy, ’ → ').
    2. Drop a trailing possessive (``'s``, ``'``).
    3. Lowercase; dots inside acronyms vanish (``U.S.`` → ``us``); other punctuation and hyphens become spaces
       (``al-Nusra`` → ``al nusra``).
    4. Drop leading determiners (the, a, an) and leading titles, repeatedly (``Lt. Gen.``, ``President``,
       ``Mr.``, ``Kremlin spokesman`` is *not* a title: only the fixed list in ``TITLES``).

``translit_key(normalised)``: per token,
    1. drop the Arabic article tokens ``al`` / ``el`` (``Bashar al-Assad`` ≡ ``Bashar Assad``);
    2. collapse doubled letters (``Assad`` → ``asad``, ``Gaddafi`` → ``gadafi``);
    3. ``ey``/``ei``/``ay``/``ai`` → ``ei``/``ai`` by ``y`` → ``i`` after a vowel (``Hmeymim`` → ``hmeimim``,
       ``Rudskoy`` → ``rudskoi``);
    4. ``ae`` → ``ai`` (``Qaeda`` ≡ ``Qaida``); ``q`` → ``k``; ``kh`` → ``h`` (``Khmeimim`` ≡ ``Hmeimim``);
       ``ou`` → ``u``;
    5. a final ``y`` → ``i`` (``Yury`` ≡ ``Yuri``);
    6. a final ``re`` after a consonant → ``er`` (British ``Centre`` ≡ ``Center``, ``Theatre`` ≡ ``Theater``).
    These merge spellings of one name; two different names rarely collide on every token.

Acronyms: a surface of 2-6 capitals, dots allowed (``ISIL``, ``U.N.``); it matches a full name whose
content-word initials spell it (``Islamic State of Iraq and the Levant`` → ``isil``).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unidecode import unidecode

from crosswire.read.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

TABLE_PATH = Path(__file__).with_name("alias_table.json")

SAFE_TITLES: tuple[str, ...] = (
    "lt gen", "lt col", "maj gen", "brig gen", "lieutenant general", "major general", "president",
    "vice president", "prime minister", "foreign minister", "defense minister", "defence minister",
    "secretary of state", "sen", "senator", "rep", "gov", "mr", "mrs", "ms", "dr", "prof", "rev", "ayatollah",
)  # fmt: skip
# Also words of organisation names ("General Staff", "Justice Department"): stripped from persons only.
PERSON_TITLES: tuple[str, ...] = (
    "general", "gen", "colonel", "col", "lt", "lieutenant", "major", "maj", "capt", "captain", "sgt",
    "sergeant",
    "adm", "admiral", "pm", "chancellor", "king", "queen", "prince", "princess", "minister", "secretary",
    "representative", "governor", "mayor", "judge", "justice", "ambassador", "attorney general", "speaker",
    "chairman", "director", "spokesman", "spokeswoman", "spokesperson", "pope", "sheikh", "sheik", "imam",
    "reverend", "saint", "st", "miss", "professor", "sir", "dame", "lord", "lady", "former", "late", "acting",
    "deputy", "top", "then",
)  # fmt: skip
DETERMINERS = ("the", "a", "an")
# Generational suffixes dropped from the end of a name ("Arcade Comeaux Jr." ≡ "Arcade Comeaux"); the numerals
# only for persons ("World War II" keeps its numeral).
NAME_SUFFIXES = frozenset({"jr", "sr"})
PERSON_NAME_SUFFIXES = NAME_SUFFIXES | {"ii", "iii", "iv"}
# Legal forms that end company names ("Apple Inc.", "EADS N.V."), dropped from the keys of non-persons.
COMPANY_SUFFIXES = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "ltd", "llc", "plc", "nv", "ag", "gmbh"}
)
GROUP_SUFFIXES = frozenset({"group", "holdings"})
ARTICLE_TOKENS = frozenset({"al", "el"})
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "al", "el", "de", "du", "des", "to"})
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "which",
        "one",
        "ones",
    ]
)

_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.?){2,6}$|^[A-Z][A-Z.]{1,7}$")
_POSSESSIVE_RE = re.compile(r"(?:'s|')$")


def _title_re(titles: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(t) for t in titles), key=len, reverse=True))
    return re.compile(r"^(?:" + alternatives + r")\s+")


_SAFE_TITLE_RE = _title_re(SAFE_TITLES)
_ANY_TITLE_RE = _title_re(SAFE_TITLES + PERSON_TITLES)
_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"(.)\1", r"\1"),  # doubled letters
    (r"(?<=[aeiou])y", "i"),  # ey/ay/oy → ei/ai/oi
    (r"ae", "ai"),
    (r"kh", "h"),
    (r"q", "k"),
    (r"ou", "u"),
    (r"y$", "i"),
    (r"(?<=[^aeiou])re$", "er"),  # British -re: centre → center, theatre → theater
)


_NUMBERS = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty"""
NUMBER_WORDS = {w: str(i) for i, w in enumerate(_NUMBERS.split())}


def as_digits(word: str) -> str:
    """A number word as digits ("eight" → "8"), else the word."""
    return NUMBER_WORDS.get(word, word)


def singular(text: str) -> str:
    """The text with a plural "s" taken off its last word ("the migrants" → "the migrant"; not "press")."""
    words = text.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def fold(surface: str) -> str:
    """ASCII-fold and unify quotes/dashes."""
    return unidecode(surface).replace("`", "'")


def normalise(surface: str, *, person: bool = False) -> str:
    """Lowercased, ASCII, punctuation-free form without determiners, titles or possessive.

    ``person``: also strip titles that are ordinary words of organisation names (``General``, ``Justice``).
    """
    return drop_suffixes(strip_titles(_plain(surface), person=person), person=person)


def drop_suffixes(text: str, *, person: bool = False) -> str:
    """Drop trailing generational suffixes (``jr``, ``sr``; for persons ``ii``-``iv`` instead; 2+ words stay),
    for non-persons, legal forms of companies (``Apple Inc.`` ≡ ``Apple``; keep 1+ word) and a final
    ``Group`` or ``Holdings`` after two words or more (``Halvard Maritime Group`` ≡ ``Halvard Maritime``; not
    ``Carlyle Group``, whose one word would be the key of any Carlyle)."""
    # a person's "Jr."/"Sr." stays: "Donald Trump Jr." is not his father "Donald Trump"
    suffixes = PERSON_NAME_SUFFIXES - NAME_SUFFIXES if person else NAME_SUFFIXES
    words = text.split()
    while len(words) > 2 and words[-1] in suffixes:
        words.pop()
    while not person and len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    if not person and len(words) > 2 and words[-1] in GROUP_SUFFIXES:
        words.pop()
    return " ".join(words)


def _plain(surface: str) -> str:
    text = _POSSESSIVE_RE.sub("", fold(surface).strip()).lower()
    text = re.sub(r"(?<=\b[a-z])\.", "", text)  # u.s. -> us, f.b.i. -> fbi
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)  # o'brien -> obrien
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def strip_titles(text: str, *, person: bool = False) -> str:
    """Remove leading determiners and titles from a normalised string (keeps a bare title as is)."""
    title_re = _ANY_TITLE_RE if person else _SAFE_TITLE_RE
    previous = None
    while previous != text:
        previous = text
        for det in DETERMINERS:
            text = text.removeprefix(det + " ")
        stripped = title_re.sub("", text)
        text = stripped if stripped else text
    return text


def is_bare_title(surface: str) -> bool:
    """Only titles, no name: "the President", "Lt. Gen." (these describe, they do not name)."""
    text = _plain(surface)
    for det in DETERMINERS:
        text = text.removeprefix(det + " ")
    return bool(text) and _ANY_TITLE_RE.sub("", text + " x") == "x"


def leading_titles(surface: str) -> list[str]:
    """Titles in front of a name (``Lt. Gen. Sergei Rudskoi`` → ``['lt gen']``), person titles included."""
    text = _plain(surface)
    for det in DETERMINERS:
        text = text.removeprefix(det + " ")
    found: list[str] = []
    while (m := _ANY_TITLE_RE.match(text)) and m.end() < len(text):
        found.append(m.group(0).strip())
        text = text[m.end() :]
    return found


def translit_token(token: str) -> str:
    for pattern, repl in _TRANSLIT_RULES:
        token = re.sub(pattern, repl, token)
    return token


def skeleton(name: str) -> str:
    """A spelling-insensitive key for transliterated names: Qaryat al-Nour, Qariyat al-Noor, Qaryet al-Nur
    → "qryt nr"; articles and Arabic "al-" dropped, vowels dropped, doubled letters collapsed."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if w not in ("the", "al", "el", "ad", "ar", "as")]
    return " ".join(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", w)) for w in words)


SKELETON_MIN = 4  # letters a skeleton needs before two names are merged on it


def translit_key(normalised: str) -> str:
    """Spelling-tolerant key of a normalised name (rules in the module docstring)."""
    tokens = [t for t in normalised.split() if t not in ARTICLE_TOKENS] or normalised.split()
    return " ".join(translit_token(t) for t in tokens)


def name_key(surface: str, *, person: bool = False) -> str:
    """``person``: also drop a single middle initial ("Donald J. Trump" ≡ "Donald Trump"); two or more are
    kept, so "George H. W. Bush" does not become his son "George W. Bush"."""
    key = translit_key(normalise(surface, person=person))
    words = key.split()
    if person and len(words) > 2 and sum(len(w) == 1 for w in words[1:-1]) == 1:
        key = " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])
    return key


def is_acronym(surface: str) -> bool:
    return bool(_ACRONYM_RE.match(surface.strip())) and sum(c.isalpha() for c in surface) >= 2


def acronym_of(normalised: str) -> str:
    """Initials of the content words: ``islamic state of iraq and the levant`` → ``isil``."""
    words = [w for w in normalised.split() if w not in ACRONYM_STOPWORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def is_pronoun(surface: str) -> bool:
    """A pronoun ("she", "She", "them"), not a capitalised abbreviation that spells one ("US", "U.S.")."""
    letters = [c for c in surface if c.isalpha()]
    abbreviation = len(letters) >= 2 and (
        all(c.isupper() for c in letters) or "." in surface.strip(" .")[:-1]
    )
    return not abbreviation and normalise(surface) in PRONOUNS


_WORD_RE = re.compile(r"(?<![\w'’.])[^\W\d_][\w'’.]*")  # words that open with a letter, not "ers" of "76ers"


def is_name_like(surface: str) -> bool:
    """A proper name rather than a description: every content word capitalised (or an acronym)."""
    words = [w for w in _WORD_RE.findall(surface) if w.lower() not in ACRONYM_STOPWORDS]
    words = [w for w in words if w.lower() not in DETERMINERS]
    return bool(words) and all(w[0].isupper() for w in words)


# ---------------------------------------------------------------- curated table


@dataclass(frozen=True)
class TableEntry:
    name: str
    kind: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def _table_raw() -> dict[str, Any]:
    with TABLE_PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def table_entries() -> tuple[TableEntry, ...]:
    return tuple(TableEntry(e["name"], e["kind"], tuple(e["aliases"])) for e in _table_raw()["entities"])


@lru_cache(maxsize=1)
def _table_index() -> tuple[dict[str, str], dict[str, str]]:
    """(mixed-case key → canonical name, all-caps key → canonical name)."""
    mixed: dict[str, str] = {}
    caps: dict[str, str] = {}
    for entry in table_entries():
        for alias in (entry.name, *entry.aliases):
            target = caps if is_acronym(alias) else mixed
            target[name_key(alias)] = entry.name
    return mixed, caps


def table_lookup(surface: str) -> str | None:
    """Canonical table name for ``surface``; all-caps aliases match only all-caps surfaces."""
    mixed, caps = _table_index()
    key = name_key(surface)
    core = re.sub(r"^(?:the|The)\s+", "", surface.strip())
    core = _POSSESSIVE_RE.sub("", fold(core))
    if is_acronym(core) and key in caps:
        return caps[key]
    return mixed.get(key)


def metonyms() -> dict[str, str]:
    """Metonym name → what it stands for (never an alias of it)."""
    return {m["name"]: m["stands_for"] for m in _table_raw()["metonyms"]}


@lru_cache(maxsize=1)
def metonym_countries() -> dict[str, str]:
    """Name key of a seat of government ("the White House", "Moscow") → the country code it stands for."""
    return {name_key(m["name"]): m["country"] for m in _table_raw()["metonyms"] if m.get("country")}


# ---------------------------------------------------------------- aliases learned from text


@dataclass(frozen=True)
class LearnedAlias:
    """Two character ranges of one document the text itself says name the same thing."""

    first: tuple[int, int]
    second: tuple[int, int]
    how: str  # "parenthesis" | "aka" | "apposition" | "respectively"


_AKA_RE = re.compile(
    r",?\s*\b(?:(?i:(?:also |better |otherwise )?known)(?: locally| in [A-Z][a-z]+)? (?i:as)"  # in Arabic
    r"|(?i:a\.k\.a\.|aka))\s+"
)
_RESPECTIVELY_RE = re.compile(
    r"\b(?:referring to|meaning|i\.e\.,?)\s+(?P<a>[^,;]+?)\s+and\s+(?P<b>[^;]+?),\s*respectively", re.I
)


# A wire dateline opening the text: "LINDRELL, Velmaria (Meridian Wire) —", "RENO, Nev. (AP) -". Its city,
# region and agency sit side by side and in parentheses, but none is another name of the others.
_DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z.'\- ]{1,40}"  # the city, in capitals
    r"(?:,\s*[A-Z][\w.'\- ]{1,30})?"  # its region or country
    r"\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s"  # the agency, the dash
)
PLACE_LABELS = frozenset({"GPE", "LOC"})
# times, dates and amounts restated in parentheses ("3:40 a.m. (0240 GMT)") are not names of anything
VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def dateline_end(text: str) -> int:
    """Where the wire dateline opening ``text`` ends (0 when there is none)."""
    m = _DATELINE_RE.match(text)
    return m.end() if m else 0


def learn_aliases(doc: Doc) -> list[LearnedAlias]:
    """All alias pairs stated in ``doc`` (parentheses, "also known as", appositions, "respectively"), except
    in a dateline, between two places ("Lindrell, Velmaria": a town and its country) and where a side is a
    time, date or amount."""
    skip = dateline_end(doc_text(doc))
    datelines = _datelines(doc_text(doc))
    places = [_char_range(e) for e in doc.ents if e.label_ in PLACE_LABELS]
    values = [_char_range(e) for e in doc.ents if e.label_ in VALUE_LABELS]
    found = [*_parentheses(doc), *_aka(doc), *_appositions(doc), *_respectively(doc)]
    text = doc_text(doc)
    return [
        a
        for a in found
        if not any(is_party_tag(text[side[0] : side[1]]) for side in (a.first, a.second))
        and a.first[0] >= skip
        and a.second[0] >= skip
        and not (a.first in places and a.second in places)
        and not any(_overlaps(side, d) for side in (a.first, a.second) for d in datelines)
        and not any(_overlaps(side, v) for side in (a.first, a.second) for v in values)
    ]


# "Washington (AFP) - ", "SAN DIEGO (CBS 8) — " opening the text or a paragraph
_AGENCY_DATELINE_RE = re.compile(
    r"(?:^|(?<=\n))\s*(?!(?:The|A|An) )[A-Z][\w.'\- ]{1,40}"  # the city, after no article
    r"(?:,\s*[A-Z][\w.'\- ]{1,30})?"  # its region or country
    r"\s*\([^)\n]{1,40}\)\s*[—–―-]{1,2}(?:\s|$)"  # the agency, the dash (even closing the page)
)


def _datelines(text: str) -> list[tuple[int, int]]:
    """The datelines with an agency that open the text or a paragraph ("Washington (AFP) - "; pages that
    gather several wire stories restate one per story): its city and agency are no aliases."""
    return [(m.start(), m.end()) for m in _AGENCY_DATELINE_RE.finditer(text)]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _char_range(span: SpacySpan) -> tuple[int, int]:
    return span.start_char, span.end_char


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and surrounding space/punctuation from a character range."""
    text = doc_text(doc)[start:end]
    lead = len(text) - len(text.lstrip(" (\"'“”‘’"))
    start += lead
    text = doc_text(doc)[start:end]
    m = re.match(r"(?:the|a|an)\s+", text, re.I)
    if m:
        start += m.end()
    text = doc_text(doc)[start:end]
    return start, start + len(text.rstrip(" .,)\"'“”‘’"))


def _parentheses(doc: Doc) -> Iterator[LearnedAlias]:
    """``Islamic State (ISIL)``: an entity directly followed by a short parenthesised name."""
    for ent in doc.ents:
        i = ent.end
        if i + 2 >= len(doc) or doc[i].text != "(":
            continue
        close = next((j for j in range(i + 1, min(i + 8, len(doc))) if doc[j].text == ")"), None)
        if close is None or close == i + 1:
            continue
        inner = doc[i + 1 : close]
        if is_name_like(inner.text):
            yield LearnedAlias(_char_range(ent), _char_range(inner), "parenthesis")


# a lawmaker's party and state after the name: "(R-Va.)", "(D-Calif.)", "(D-CA)", "(R)", "(I-Vt.)"
_PARTY_TAG = re.compile(r"^[RDI](?:\s*[-–,]\s*[A-Z][A-Za-z.]{0,12}(?:\s?[A-Z][A-Za-z.]{0,6})?)?\.?$")


def is_party_tag(text: str) -> bool:
    """A lawmaker's party and state ("R-Va.", "D-CA"): no name, and no alias of the lawmaker's."""
    return bool(_PARTY_TAG.match(text.strip()))


def _entity_ending_at(doc: Doc, char: int) -> SpacySpan | None:
    return next((e for e in doc.ents if 0 <= char - e.end_char <= 1), None)


def _entity_starting_at(doc: Doc, char: int) -> SpacySpan | None:
    return next((e for e in doc.ents if 0 <= e.start_char - char <= 4), None)


def _aka(doc: Doc) -> Iterator[LearnedAlias]:
    """``Jabhat al-Nusra, also known as the Nusra Front``; ``the Northern Front, an insurgent alliance known
    in Arabic as Jabhat al-Shamal`` (the name the description "known as" follows is in apposition to)."""
    for m in _AKA_RE.finditer(doc_text(doc)):
        left = _entity_ending_at(doc, m.start()) or _appositive_head(doc, m.start())
        right = _entity_starting_at(doc, m.end())
        if left is not None and right is not None:
            yield LearnedAlias(_char_range(left), _char_range(right), "aka")


def _appositive_head(doc: Doc, char: int) -> SpacySpan | None:
    """The entity that the noun phrase ending at ``char`` stands in apposition to ("the Northern Front" for
    "an insurgent alliance" in "the Northern Front, an insurgent alliance known as ...")."""
    token = next((t for t in reversed(doc) if t.idx + len(t.text) <= char), None)
    while token is not None and token.dep_ not in {"appos"} and token.head is not token:
        token = token.head if token.head.i > token.i or token.dep_ in {"compound", "amod"} else None
    if token is None or token.dep_ != "appos":
        return None
    head = token.head
    return next((e for e in doc.ents if e.start <= head.i < e.end), None)


def _appositions(doc: Doc) -> Iterator[LearnedAlias]:
    """``the Islamic State, or Daesh,`` / ``Dmitry Peskov, the Kremlin spokesman``: appos between two NPs,
    both within one line (a parse across a line break joins a page's fragments: "Calder Union \n\nBank, a
    lender")."""
    text = doc_text(doc)
    for tok in doc:
        if tok.dep_ != "appos" or _glued_to_next(doc, tok):
            continue
        head = _np_of(doc, tok.head)
        appos = _np_of(doc, tok)
        if appos is not None and (start := _glued_start(doc, tok)) is not None:
            appos = (start, appos[1])  # a hyphenated word the parser split ("co - director"): all of it
        if head is None or appos is None or (head[0] < appos[1] and appos[0] < head[1]):
            continue
        if "\n" in text[min(head[0], appos[0]) : max(head[1], appos[1])]:
            continue
        if _is_list(doc, head, appos):
            continue
        yield LearnedAlias(head, appos, "apposition")


def _glued_to_next(doc: Doc, tok: Any) -> bool:
    """Whether ``tok`` is a piece of a hyphenated word that goes on ("co" and "-" in "co-director")."""
    return tok.i + 1 < len(doc) and not tok.whitespace_ and (tok.text == "-" or doc[tok.i + 1].text == "-")


def _glued_start(doc: Doc, tok: Any) -> int | None:
    """Where the hyphenated word ending with ``tok`` starts, if ``tok`` ends one."""
    i = tok.i
    while i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text == "-" or doc[i].text == "-"):
        i -= 1
    return int(doc[i].idx) if i < tok.i else None


ALIAS_CUES = frozenset({"or", "formerly", "also", "now", "aka"})


def _is_list(doc: Doc, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two names the parser set in apposition with nothing but a comma between them are a list ("James
    Comey, Andrew McCabe", "the European Union, Canada", "Manafort, Donald Trump, Jr."), not one name
    twice: a second name is given as one with a cue ("the Islamic State, or Daesh", "Jabhat al-Nusra,
    formerly ..."). Anything joined by "and" is a list too."""
    a, b = sorted((first, second))
    between = doc_text(doc)[a[1] : b[0]].lower().replace(",", " ").split()
    if "and" in between:  # "the president's oldest son and Russian lawyer X": coordinated, not one
        return True
    ents = [_char_range(e) for e in doc.ents]
    text = doc_text(doc)
    if not (_opens_with_name(text, first, ents) and _opens_with_name(text, second, ents)):
        return False
    return not ALIAS_CUES & set(between)


def _opens_with_name(text: str, span: tuple[int, int], ents: list[tuple[int, int]]) -> bool:
    """Whether ``span`` is a name: an entity, or one followed by no lowercase word ("Donald Trump, Jr.");
    "the White House counsel" opens with a name but is a description of someone."""
    return any(
        e[0] == span[0] and e[1] <= span[1] and not re.search(r"\b[a-z]", text[e[1] : span[1]]) for e in ents
    )


def _np_of(doc: Doc, token: Any) -> tuple[int, int] | None:
    """The entity containing ``token``, else the noun phrase it heads (without trailing clauses)."""
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return _char_range(ent)
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    left = token.left_edge.i
    right = max([token.i, *(c.right_edge.i for c in token.rights if c.dep_ in {"compound", "amod", "prep"})])
    return _trim(doc, doc[left].idx, doc[right].idx + len(doc[right].text))


def _respectively(doc: Doc) -> Iterator[LearnedAlias]:
    """``ISIL and Jabhat al-Nusra ..., referring to the Islamic State and X's affiliate, respectively``."""
    for sent in doc.sents:
        for m in _RESPECTIVELY_RE.finditer(sent.text):
            cue = sent.start_char + m.start()
            pair = _last_coordinated_entities(doc, sent, cue)
            if pair is None:
                continue
            for name, group in zip(pair, ("a", "b"), strict=True):
                target = _trim(doc, sent.start_char + m.start(group), sent.start_char + m.end(group))
                yield LearnedAlias(name, target, "respectively")


def _last_coordinated_entities(
    doc: Doc, sent: SpacySpan, before: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The last "X and Y" of two names before ``before``: NER entities, else runs of proper nouns."""
    for chunks in ([_char_range(e) for e in sent.ents], _proper_runs(sent)):
        names = [c for c in chunks if c[1] <= before]
        for first, second in reversed(list(itertools.pairwise(names))):
            if doc_text(doc)[first[1] : second[0]].strip(" ,").lower() in {"and", "or", "&"}:
                return first, second
    return None


def _proper_runs(sent: SpacySpan) -> list[tuple[int, int]]:
    """Character ranges of maximal runs of proper nouns (``Jabhat al-Nusra`` is one run)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for tok in sent:
        inside = tok.pos_ == "PROPN" or (
            start is not None and (tok.text == "-" or tok.lower_ in ARTICLE_TOKENS)
        )
        if inside:
            start = tok.idx if start is None else start
            end = tok.idx + len(tok.text)
        elif start is not None:
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


# ---------------------------------------------------------------- common nouns that describe one person


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (for word lists written as paragraphs)."""
    return frozenset(text.split())


# Heads of descriptions that name one person ("the actress", "the shooter"), general news vocabulary; a
# description with such a head may stand for the person an article is about.
PERSON_NOUNS: frozenset[str] = word_set(
    """
    man woman boy girl child kid baby teenager teen person guy lady gentleman individual adult youth
    mother father mom dad son daughter brother sister husband wife grandmother grandfather grandson
    granddaughter uncle aunt nephew niece cousin widow widower parent fiance fiancee boyfriend girlfriend
    partner spouse friend neighbour neighbor relative ally adviser advisor aide associate member
    actor actress star starlet singer rapper musician comedian comic host emcee presenter celebrity icon
    model dancer director producer writer author novelist poet artist painter photographer journalist
    reporter editor anchor columnist publicist agent manager spokesman spokeswoman spokesperson representative
    rep lawyer attorney counsel judge prosecutor defendant plaintiff witness juror
    player athlete champion coach swimmer boxer fighter runner golfer pitcher slugger quarterback guard
    striker goalkeeper batsman bowler captain skipper
    president leader chairman chairwoman chief boss founder owner executive ceo official minister senator
    governor mayor lawmaker legislator politician candidate nominee diplomat ambassador envoy king queen
    prince princess monarch pope bishop priest pastor cleric imam rabbi
    officer policeman policewoman cop detective sheriff deputy trooper agent soldier sergeant commander
    general colonel lieutenant marine sailor pilot
    suspect gunman shooter killer murderer attacker assailant robber thief burglar arsonist bomber hijacker
    kidnapper pirate terrorist militant criminal offender inmate prisoner convict fugitive escapee
    victim survivor hostage casualty patient doctor physician surgeon nurse paramedic
    driver passenger motorist cyclist pedestrian resident citizen worker employee employer staffer
    accountant engineer technician scientist researcher professor teacher student pupil
    customer client shopper tourist visitor traveler traveller investor entrepreneur businessman businesswoman
    migrant immigrant emigrant refugee protester protestor demonstrator activist voter supporter volunteer
    """
)
# Heads of descriptions that name one business ("the company", "the automaker"); such a description may stand
# for the organisation an article is about (not "the group", "the agency": those name too many kinds).
ORGANISATION_NOUNS: frozenset[str] = word_set(
    """company firm business corporation conglomerate manufacturer maker automaker carmaker planemaker
    airline carrier retailer chain bank lender insurer brand label studio network broadcaster publisher
    startup giant supplier producer developer distributor operator provider"""
)
FEMALE_NOUNS: frozenset[str] = word_set(
    """woman girl lady mother mom daughter sister wife grandmother granddaughter aunt niece widow fiancee
    girlfriend actress starlet spokeswoman chairwoman policewoman businesswoman queen princess"""
)
MALE_NOUNS: frozenset[str] = word_set(
    """man boy guy gentleman father dad son brother husband grandfather grandson uncle nephew widower fiance
    boyfriend actor spokesman chairman policeman businessman king prince gunman"""
)


def is_person_noun(head: str) -> bool:
    """Whether a description's head word names one person ("actress", "gunman", "policewoman")."""
    return head in PERSON_NOUNS or (head.endswith(("man", "woman")) and head not in {"human", "german"})


def noun_gender(head: str) -> str:
    """Gender of a person noun or personal pronoun: "f", "m", or "" (unknown)."""
    if head in FEMALE_NOUNS or head in {"she", "her", "hers", "herself"}:
        return "f"
    if head in MALE_NOUNS or head in {"he", "him", "his", "himself"}:
        return "m"
    return ""
