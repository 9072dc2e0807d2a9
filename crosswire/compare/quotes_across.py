"""Quotes across outlets: the same speaker's statements side by side, and who each outlet quotes.

Two quotes of one speaker in different articles are the same statement when their words overlap enough
(containment ≥ ``quote_same``). A speaker named by role ("the minister") is the article's latest named
speaker with that title; speakers with one person's name (surname and initial) are one speaker. Each
version is then compared with the fullest one: *identical*, *truncated* (its words are a cut of the fullest
version's, in order), *reworded* (a direct quote whose words differ) or *paraphrased* (reported speech).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from crosswire.compare.settings import CompareSettings
from crosswire.model import Article, Span
from crosswire.read.aliases import name_key
from crosswire.read.quotes import Quote
from crosswire.read.reader import Reading
from crosswire.read.resolve import Resolution

_WORD = re.compile(r"[a-z0-9]+")
CUT_SHARE = 0.9  # share of a shorter version's words found in order in the fuller one: a truncation
ROLE = re.compile(r"(?:the|a|an|our)\s+[a-z][a-z -]*")  # a speaker named by role: "the minister"
_NAME_WORD = re.compile(r"\b(?:(?:al|el|bin|ibn)-)?[A-Z][\w'’-]*")
ORG_HEADS = frozenset(  # last words of organisations, not surnames
    {"ministry", "authority", "office", "service", "army", "police", "group", "company", "council"}
    | {"government", "department", "agency", "front", "union", "observatory", "commission", "committee"}
    | {"court", "party", "forces", "military"}
)


@dataclass
class QuoteVersion:
    outlet: str
    article_id: str
    span: Span
    content: Span
    text: str
    direct: bool
    cue: str
    relation: str = "fullest"  # "fullest" | "identical" | "truncated" | "reworded" | "paraphrased"


@dataclass
class Statement:
    versions: list[QuoteVersion]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(v.outlet for v in self.versions))

    @property
    def differs(self) -> bool:
        return any(v.relation not in ("fullest", "identical") for v in self.versions)


@dataclass
class SpeakerQuotes:
    key: str
    name: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(o for s in self.statements for o in s.outlets))


@dataclass
class QuoteComparison:
    speakers: list[SpeakerQuotes]
    by_outlet: dict[str, list[tuple[str, int]]]  # outlet -> (speaker name, quotes) most quoted first


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def containment(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def relation(version: list[str], fullest: list[str], direct: bool) -> str:
    """How a version of a statement stands to its fullest version."""
    if version == fullest:
        return "identical"
    matched = sum(
        b.size for b in SequenceMatcher(None, fullest, version, autojunk=False).get_matching_blocks()
    )
    if direct and matched >= CUT_SHARE * len(version):
        return "truncated"
    return "reworded" if direct else "paraphrased"


MentionIndex = dict[str, list[tuple[str, str, str]]]  # article id -> (start, end, entity id)


def mention_index(resolution: Resolution) -> MentionIndex:
    """The resolution's mentions by article (mention ids are ``article:start-end``), in resolution order."""
    out: MentionIndex = defaultdict(list)
    for mid, eid in resolution.entity_of.items():
        art, _, rng = mid.rpartition(":")
        s, _, e = rng.partition("-")
        out[art].append((s, e, eid))
    return out


def _speaker_key(
    quote: Quote, text: str, resolution: Resolution, mentions: MentionIndex | None = None
) -> tuple[str, str] | None:
    """(key, display name) of the quote's speaker: its resolved entity when there is one."""
    name = quote.speaker_resolved or quote.speaker_text
    if not name:
        return None
    if quote.speaker is not None and quote.speaker_resolved == quote.speaker_text:
        index = mention_index(resolution) if mentions is None else mentions
        # the span may go on with a relative clause naming others ("X, who heads Y, said"): the name only;
        # a name is the speaker's at the phrase's end or before an apposition ("Stahl, the spokesman"), not
        # before more words of its own phrase ("Keller's critics" are not Keller)
        end = min(quote.speaker.end, quote.speaker.start + len(quote.speaker_text or ""))
        for s, e, eid in index.get(quote.speaker.article_id, []):
            rest = text[int(e) : end].strip()
            if quote.speaker.start <= int(s) and int(e) <= end and (not rest or rest[0] in ",.;:"):
                return eid, name
    key = name_key(name, person=True)
    return key.split()[-1] if key else name.lower(), name


def _role_speaker(name: str, earlier: list[tuple[str, str]]) -> tuple[str, str] | None:
    """A speaker named by role ("the minister") is the latest named speaker before it in the article whose
    name holds the role's word ("Interior Minister Pavel Dresner")."""
    if not ROLE.fullmatch(name.strip()):
        return None
    head = name.split()[-1].lower()
    return next(((k, n) for k, n in reversed(earlier) if head in n.lower().split()), None)


def _versions(
    articles: list[Article], readings: dict[str, Reading], resolution: Resolution
) -> tuple[dict[str, list[QuoteVersion]], dict[str, str]]:
    by_speaker: dict[str, list[QuoteVersion]] = defaultdict(list)
    names: dict[str, str] = {}
    mentions = mention_index(resolution)
    for a in articles:
        outlet = a.outlet_label
        earlier: list[tuple[str, str]] = []
        for q in readings[a.id].quotes if a.id in readings else []:
            who = _speaker_key(q, a.text, resolution, mentions)
            if who is None:
                continue
            role = _role_speaker(who[1], earlier)
            if role is None:
                earlier.append(who)
            who = role or who
            cue = q.cue.text_of(a.text) if q.cue else ""
            by_speaker[who[0]].append(
                QuoteVersion(outlet, a.id, q.span, q.content, q.content.text_of(a.text), q.direct, cue)
            )
            names.setdefault(who[0], who[1])
    return by_speaker, names


def _statements(versions: list[QuoteVersion], settings: CompareSettings) -> list[Statement]:
    statements: list[list[QuoteVersion]] = []
    for v in versions:
        home = next(
            (
                s
                for s in statements
                if any(containment(words(v.text), words(o.text)) >= settings.quote_same for o in s)
            ),
            None,
        )
        if home is None:
            statements.append([v])
        else:
            home.append(v)
    return [_mark(s) for s in statements]


def _mark(versions: list[QuoteVersion]) -> Statement:
    fullest = max(versions, key=lambda v: (v.direct, len(words(v.text))))
    full_words = words(fullest.text)
    for v in versions:
        v.relation = "fullest" if v is fullest else relation(words(v.text), full_words, v.direct)
    return Statement(versions)


def person_name(name: str) -> tuple[str, str] | None:
    """(given-name initial, surname) of a person's name ("NF spokesman Yusuf Darwish" → ("y", "darwish");
    "Youssef al-Darwish, a spokesman" → ("y", "darwish")); None without both or for an organisation."""
    found = _NAME_WORD.findall(name.split(",")[0])
    if len(found) < 2:
        return None
    surname = re.sub(r"^(?:al|el|bin|ibn)-", "", found[-1].lower())
    return None if surname in ORG_HEADS else (found[-2][0].lower(), surname)


def merge_same_person(by_speaker: dict[str, list[QuoteVersion]], names: dict[str, str]) -> None:
    """Speakers under different keys with one person's name (same surname, same initial) become one:
    transliterations ("Yusuf" / "Youssef") and a resolved entity against a bare surname."""
    home: dict[tuple[str, str], str] = {}
    for key in list(by_speaker):
        person = person_name(names[key])
        if person is None:
            continue
        if person in home:
            by_speaker[home[person]].extend(by_speaker.pop(key))
            names.pop(key)
        else:
            home[person] = key


def compare_quotes(
    articles: list[Article], readings: dict[str, Reading], resolution: Resolution, settings: CompareSettings
) -> QuoteComparison:
    """Every speaker's statements across outlets; speakers quoted by most outlets first."""
    by_speaker, names = _versions(articles, readings, resolution)
    merge_same_person(by_speaker, names)
    speakers = [SpeakerQuotes(k, names[k], _statements(vs, settings)) for k, vs in by_speaker.items()]
    speakers.sort(key=lambda s: (-len(s.outlets), -sum(len(x.versions) for x in s.statements), s.name))
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for s in speakers:
        for st in s.statements:
            for v in st.versions:
                tally[v.outlet][s.name] += 1
    return QuoteComparison(speakers, {o: c.most_common() for o, c in tally.items()})
