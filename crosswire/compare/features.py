"""Per-claim features read off the text: content words, polarity, attribution cue."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n['’]t\b", re.IGNORECASE
)
STOPPING = re.compile(r"\b(?:stopped|halted|ceased|suspended|silent|stop|halt|stops)\b", re.IGNORECASE)
CONTINUING = re.compile(
    r"\b(?:continu\w*|still|keep\w*|kept|go on|goes on|carry on|carrying on)\b", re.IGNORECASE
)
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|claim(?:s|ed)?|alleg(?:es|ed)|announced|stated|"
    r"insist(?:s|ed)|"
    r"den(?:y|ies|ied)|estimate[sd]?|reported|reports|warned|argued|argues|accused|believes?|fear(?:s|ed)?)\b",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"\b(?:says|say|claim(?:s|ed)?|alleg(?:es|ed)|insists?|believes?|estimates?|fears?)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(r"\b(?:[Cc]ould|[Mm]ight|may)\b(?!\s+(?:not|never)\b)")  # not the month May
QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
MIN_QUOTED_WORDS = 3  # words a quoted phrase needs before two reports sharing it count as the same statement
POLARITY_WORDS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot"})
STEM = 5


def content_words(text: str) -> frozenset[str]:
    """Lowercased content words cut to a crude stem (``strikes``/``striking`` → ``strik``)."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in STOP_WORDS and w not in POLARITY_WORDS)


NEGATOR_WINDOW = 2  # content words after "not"/"no"/"never" that the negation covers
DENIAL_WINDOW = 4  # content words after "denies" that the denial covers ("denies planning any cuts")
STOPPING_WINDOW = 12  # words before "stopped"/"silent" that the stopping covers
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CLAUSE_BREAK = re.compile(r"[,;:\"“”—()]|\s[‘’']|[‘’']\s")
DENIAL = re.compile(r"den(?:y|ies|ied|ying)", re.IGNORECASE)


SAME_STEMS = {"truce": "cease", "cessa": "cease", "armis": "cease"}  # ceasefire, truce, cessation, armistice


def stem(word: str) -> str:
    """A crude stem: lowercased, a plural or possessive "s" dropped, cut to ``STEM`` letters; a few words
    for one thing share a stem (``truce``/``ceasefire`` → ``cease``)."""
    w = word.lower().strip("'’-")
    w = w[:-2] if w.endswith(("'s", "’s")) else w
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return SAME_STEMS.get(w[:STEM], w[:STEM])


_stem = stem


def _clauses(text: str) -> list[str]:
    """Pieces of a sentence between punctuation that ends what a negation can cover (quotes, commas)."""
    return [c for c in CLAUSE_BREAK.split(text) if c.strip()]


def _covered(toks: list[str], i: int, stopping: bool = True) -> list[str]:
    low = toks[i].lower()
    if low in POLARITY_WORDS or low.endswith(("n't", "n’t")) or DENIAL.fullmatch(low):
        reach = DENIAL_WINDOW if DENIAL.fullmatch(low) else NEGATOR_WINDOW
        return _phrase(toks[i + 1 :])[:reach]
    if stopping and STOPPING.fullmatch(low):
        if _stops_what_follows(toks, i):
            return [w for w in toks[i + 1 :] if w.lower() not in STOP_WORDS][:NEGATOR_WINDOW]
        return toks[max(0, i - STOPPING_WINDOW) : i]
    return []


PREPOSITIONS = frozenset(
    {"in", "on", "at", "of", "for", "with", "by", "from", "as", "about", "into", "over", "under", "after"}
    | {"before", "during", "against", "between", "since", "until", "than", "like", "through", "near"}
)


def _phrase(toks: list[str]) -> list[str]:
    """The content words of the phrase a negation governs, up to a preposition after its first word: "does
    not leak in redacted memos" denies leaking, not redacting; "no plan to cut jobs" covers plan and cut."""
    out: list[str] = []
    for w in toks:
        if out and w.lower() in PREPOSITIONS:
            break
        if w.lower() not in STOP_WORDS:
            out.append(w)
    return out


AFTER_INTRANSITIVE = frozenset(
    {"on", "in", "at", "after", "for", "by", "when", "as", "since", "until", "before", "last", "and", "but"}
    | {"because", "yesterday", "today", "overnight", "early", "late", "abruptly", "completely", "again", "so"}
)


def _stops_what_follows(toks: list[str], i: int) -> bool:
    """The stopping word takes what follows: a noun ("announced the halt of tests") or a verb with an object
    ("will suspend nuclear tests"); "the strikes have stopped" and "sirens fell silent on Tuesday" stop what
    comes before."""
    before = toks[i - 1].lower() if i > 0 else ""
    after = toks[i + 1].lower() if i + 1 < len(toks) else ""
    return before in ("the", "a", "an") or (bool(after) and after not in AFTER_INTRANSITIVE)


def negated_stems(text: str, *, stopping: bool = True) -> frozenset[str]:
    """Stems of the common words a negation, a denial or a stopping verb covers within its clause
    ("sirens never sounded": sound). Names (capitalised words) are left out: "did not participate in the
    Syrian operations" does not deny Syria."""
    out: set[str] = set()
    for clause in _clauses(text):
        toks = [m.group(0) for m in _TOKEN.finditer(clause)]
        for i in range(len(toks)):
            out.update(
                _stem(w)
                for w in _covered(toks, i, stopping)
                if len(w) > 2 and w.lower() not in STOP_WORDS and not _name(w)
            )
    return frozenset(out - {""})


SHOUTED_MIN = 5  # an all-capital word this long is a shouted common word ("NO COLLUSION"), not an acronym


def _name(word: str) -> bool:
    return word[0].isupper() and not (len(word) >= SHOUTED_MIN and word.isupper())


def polarity(text: str) -> int:
    """-1 when the claim is negated or says something stopped, +1 otherwise."""
    negated = bool(NEGATION.search(text)) or bool(STOPPING.search(text))
    return -1 if negated and not CONTINUING.search(text) else 1


def continuing(text: str) -> bool:
    return bool(CONTINUING.search(text))


def attribution_cue(text: str) -> str | None:
    """The reporting cue of the claim ("said", "according to"), or None when stated as fact."""
    m = ATTRIBUTION.search(text)
    return m.group(0).lower() if m else None


def is_hedged(cue: str | None) -> bool:
    return cue is not None and bool(HEDGED.fullmatch(cue))


def hypothetical(text: str) -> bool:
    """The claim says what could or might happen ("could redeploy within hours"), not what did."""
    return bool(HYPOTHETICAL.search(text))


def _squeeze(text: str) -> str:
    return " ".join(w.lower().strip(".,;:!?()\"'“”‘’") for w in text.split())


def quoted_phrases(text: str) -> frozenset[str]:
    """Quoted phrases of ``MIN_QUOTED_WORDS`` words or more, lowercased with punctuation at word edges
    dropped ("put the country first")."""
    return frozenset(
        p for m in QUOTED.finditer(text) if len((p := _squeeze(m.group(1))).split()) >= MIN_QUOTED_WORDS
    )


def shares_quote(a_text: str, a_quotes: frozenset[str], b_text: str, b_quotes: frozenset[str]) -> bool:
    """One claim repeats word for word a phrase the other puts in quotation marks."""
    if not a_quotes and not b_quotes:
        return False
    a_flat, b_flat = f" {_squeeze(a_text)} ", f" {_squeeze(b_text)} "
    return any(f" {q} " in b_flat for q in a_quotes) or any(f" {q} " in a_flat for q in b_quotes)
