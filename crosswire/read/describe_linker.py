"""A learned linker for the descriptions and pronouns the rules leave without a name.

After ``crosswire.read.resolve``'s rules, a story's mentions form clusters; a cluster with no proper name in
it (``the gunman``, ``the suspect``, ``the area``, ``she``) is *loose*. For each loose cluster the linker
scores every other cluster of its story as the entity it may stand for, with a logistic regression over
features the product's mentions carry (heads, kinds, names, positions, how often each entity is mentioned),
and joins the best one when its probability reaches the model's threshold.

Candidates never include a cluster with a mention nested in one of the loose cluster's ("number dial" /
"number dial, as well as making phone calls"), nor one saying another number ("$22 million" / "$23
million"). Clash filters (``refused``) then refuse some: a person whose name is the possessor or a
capitalised modifier of the description ("Manafort's business partner" is not Manafort), another office, a
group for one person, a grown-up for a child ("the boy" is not "his father, X"). A refused best candidate
leaves the description unlinked, and no link joins two descriptions of one head whose clusters have become
different people's ("the Nixon campaign" / "the Trump campaign"). The weights (``describe_linker.json``)
are learned from ECB+ train's gold chains by ``benchmarks/train_describe_linker.py``, which also chose the
threshold by cross-validation over ECB+ train's topics, among those that cost NewsWCL50 train and MEANTIME
train (never learned from) at most 0.15 CoNLL F1; they are plain numbers in JSON, loaded offline.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from crosswire.read.aliases import (
    ACRONYM_STOPWORDS,
    ORGANISATION_NOUNS,
    is_person_noun,
    normalise,
    noun_gender,
)
from crosswire.read.embed import DIMENSIONS
from crosswire.read.entities import Mention, is_plural
from crosswire.read.offices import PARENT_NOUNS, age_of, grown_up, is_youth, party_clash, titles_of
from crosswire.read.resolve_synonyms import TIME_WORDS, head_vectors

WEIGHTS = Path(__file__).with_name("describe_linker.json")
PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})
TARGET_KINDS = ("PERSON", "ORG", "PLACE", "NORP", "OTHER")
# features on which each candidate is also compared with the best of its rivals
RELATIVE_TO = ("head_cosine", "t_share", "t_article_share", "before", "surface_cosine", "centroid_cosine")


@dataclass(frozen=True)
class Cluster:
    """One entity of a story as the rules left it: its union-find key and its mentions."""

    key: str
    mentions: tuple[Mention, ...]
    named: bool  # holds a proper name
    pronouns: frozenset[str]  # ids of its mentions that are pronouns


@dataclass(frozen=True)
class LinkerModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
        }


def model_from_json(data: dict[str, object]) -> LinkerModel:
    return LinkerModel(
        features=tuple(data["features"]),  # type: ignore[arg-type]
        mean=np.asarray(data["mean"], dtype=float),
        scale=np.asarray(data["scale"], dtype=float),
        coef=np.asarray(data["coef"], dtype=float),
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def load_model() -> LinkerModel | None:
    """The shipped model, or None when its weights file is absent (the rules alone then decide)."""
    if not WEIGHTS.exists():
        return None
    model = model_from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))
    if model.features != FEATURES:
        raise ValueError(f"{WEIGHTS.name} was trained on other features: rerun its training script")
    return model


def links(clusters: Sequence[Cluster], model: LinkerModel | None = None) -> list[tuple[str, str]]:
    """(loose cluster key, key of the cluster it joins) for one story's clusters: each loose cluster's best
    candidate among those no clash filter refuses (``refused``), when its probability reaches the threshold.
    When the best of all candidates is a refused one, the description stays unlinked: a refusal shows the
    model took it for something else, and does not make the runner-up its choice ("his campaign chairman"
    whose best is "his campaign aides" is not the campaign adviser next). The surest links are made first,
    each checked against what both sides have become by then ("the Nixon campaign" is not a bare "the
    campaign" that has joined "the Trump campaign")."""
    model = model or load_model()
    if model is None:
        return []
    chosen = []
    for loose, candidates, rows in candidate_rows(clusters):
        kept = [i for i, t in enumerate(candidates) if not refused(loose, t)]
        if not kept or refused(loose, candidates[int(np.argmax(model.probability(rows)))]):
            continue
        base = rows[kept, : len(BASE_FEATURES)]  # the candidates left, each compared with the best of them
        p = model.probability(np.hstack([base, _relative(base)]))
        best = int(np.argmax(p))
        if p[best] >= model.threshold:
            chosen.append((float(p[best]), loose.key, candidates[kept[best]].key))
    merged = _Merged(clusters)
    return [
        (loose, target)
        for _, loose, target in sorted(chosen, key=lambda x: -x[0])
        if merged.join(loose, target)
    ]


class _Merged:
    """The story's clusters as the linker's links join them (union-find over cluster keys)."""

    def __init__(self, clusters: Sequence[Cluster]) -> None:
        self.parent = {c.key: c.key for c in clusters}
        self.cluster = {c.key: c for c in clusters}
        self.people = {  # the surnames of the story's full person names: owners a modifier may name
            words[-1]
            for c in clusters
            for m in c.mentions
            if m.kind == "PERSON" and len(words := normalise(m.name).split()) > 1
        }

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            key = self.parent[key]
        return key

    def join(self, loose_key: str, target_key: str) -> bool:
        """Join the two clusters' entities unless they have become descriptions of one head owned by different
        people ("the Nixon campaign" / "the campaign" joined to "the Trump campaign")."""
        a, b = self.find(loose_key), self.find(target_key)
        if a == b:
            return True
        c, t = self.cluster[a], self.cluster[b]
        if _modifier_clash(c, t, self.people):
            return False
        self.parent[b] = a
        self.cluster[a] = Cluster(a, c.mentions + t.mentions, c.named or t.named, c.pronouns | t.pronouns)
        return True


def candidate_rows(clusters: Sequence[Cluster]) -> list[tuple[Cluster, list[Cluster], np.ndarray]]:
    """Each loose cluster with its candidate clusters and their feature rows (``FEATURES``), each compared
    with the best of all its rivals. Candidates the clash filters refuse (``refused``) are among them (the
    model learned from all of them), for ``links`` to tell whether the best one is refused."""
    if all(c.named for c in clusters):  # nothing to link: nothing to embed
        return []
    story = _Story(clusters)
    out = []
    for c in clusters:
        if c.named or (not story.description_heads(c) and not story.pronoun_word(c)):
            continue
        candidates = [
            t
            for t in clusters
            if t.key != c.key
            and len(t.pronouns) < len(t.mentions)
            and not _nested(c, t)
            and not _number_clash(c, t)
        ]
        if candidates:
            rows = np.asarray([story.features(c, t) for t in candidates], dtype=float)
            out.append((c, candidates, np.hstack([rows, _relative(rows)])))
    return out


def refused(c: Cluster, t: Cluster) -> bool:
    """Whether a clash filter refuses to join the loose cluster ``c`` to ``t``: ``t`` is the person owning
    the description, or holds another office, or is a named person for a group or a group for one person,
    or has another owner's name on the same head, or is a grown-up for a child."""
    return (
        _owned_by(c, t)
        or _office_clash(c, t)
        or _group_to_person(c, t)
        or _modifier_clash(c, t)
        or _youth_to_grown_up(c, t)
    )


def _relative(rows: np.ndarray) -> np.ndarray:
    """How each candidate compares with the best of its rivals: the gap to the best, and being the best."""
    cols = [BASE_FEATURES.index(name) for name in RELATIVE_TO]
    best = rows[:, cols].max(axis=0)
    return np.hstack([rows[:, cols] - best, (rows[:, cols] >= best).astype(float)])


BASE_FEATURES = (
    "head_cosine",
    "same_head",
    "c_person",
    "t_person",
    "both_person",
    "person_clash",
    "plural_clash",
    "gender_clash",
    "t_named",
    *(f"t_kind_{k}" for k in TARGET_KINDS),
    "t_share",
    "t_person_share",
    "t_top_person",
    "t_top_person_x_c_person",
    "co_article",
    "before",
    "log_c",
    "log_t",
    "c_time",
    "t_time",
    "c_pronoun",
    "c_org_noun",
    "cos_x_both_person",
    "t_article_share",
    "t_article_top",
    "t_article_top_x_both_person",
    "surface_cosine",
    "centroid_cosine",
)
FEATURES = (
    *BASE_FEATURES,
    *(f"{name}_gap" for name in RELATIVE_TO),
    *(f"{name}_best" for name in RELATIVE_TO),
)


class _Story:
    """What the features need to know about a story's clusters."""

    def __init__(self, clusters: Sequence[Cluster]) -> None:
        self.clusters = clusters
        self.total = sum(len(c.mentions) for c in clusters) or 1
        person_names = Counter(
            {c.key: sum(1 for m in c.mentions if m.kind == "PERSON" and m.name) for c in clusters}
        )
        self.person_total = sum(person_names.values()) or 1
        self.person_names = person_names
        ranked = person_names.most_common(2)
        self.top_person = (
            ranked[0][0]
            if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[1][1] < ranked[0][1])
            else ""
        )
        self.in_article: dict[str, Counter[str]] = {}
        for c in clusters:
            for m in c.mentions:
                self.in_article.setdefault(m.span.article_id, Counter())[c.key] += 1
        words = sorted(
            {h for c in clusters for h in self.heads(c)} | {s for c in clusters for s in _surfaces(c)}
        )
        self.vectors = dict(zip(words, head_vectors(words), strict=True)) if words else {}
        self.centroid: dict[str, np.ndarray] = {}
        for c in clusters:
            surfaces = _surfaces(c)
            v = np.mean([self.vectors[s] for s in surfaces], axis=0) if surfaces else np.zeros(DIMENSIONS)
            self.centroid[c.key] = v / (np.linalg.norm(v) or 1.0)

    def description_heads(self, c: Cluster) -> set[str]:
        return {
            m.head.lower()
            for m in c.mentions
            if m.id not in c.pronouns and not m.name and m.head and m.head.isalpha()
        }

    def pronoun_word(self, c: Cluster) -> str:
        words = {normalise(m.surface) for m in c.mentions if m.id in c.pronouns}
        return min(words) if words else ""

    def heads(self, c: Cluster) -> set[str]:
        """Description heads, the last word of names, and the head of each role ("Kremlin spokesman")."""
        out = self.description_heads(c)
        for m in c.mentions:
            if m.name:
                out.update(normalise(m.name).split()[-1:])
            for role in m.roles:
                out.update(normalise(role).split()[-1:])
        return {w for w in out if w.isalpha()}

    def is_person(self, c: Cluster) -> bool:
        return any(m.kind == "PERSON" for m in c.mentions) or any(
            is_person_noun(h) for h in self.description_heads(c)
        )

    def plural(self, c: Cluster) -> float:
        descriptions = _descriptions(c)
        if not descriptions:
            return 0.0
        return sum(1 for m in descriptions if is_plural(m)) / len(descriptions)

    def gender(self, c: Cluster) -> set[str]:
        words = self.description_heads(c) | {normalise(m.surface) for m in c.mentions if m.id in c.pronouns}
        return {g for g in (noun_gender(w) for w in words) if g}

    def kind(self, c: Cluster) -> str:
        kinds = Counter(m.kind for m in c.mentions if m.name and m.kind != "OTHER")
        if not kinds:
            return "OTHER"
        kind = kinds.most_common(1)[0][0]
        return "PLACE" if kind in PLACE_KINDS else kind if kind in TARGET_KINDS else "OTHER"

    def cosine(self, a: set[str], b: set[str]) -> float:
        pairs = [(x, y) for x in a for y in b if x in self.vectors and y in self.vectors]
        return max((float(self.vectors[x] @ self.vectors[y]) for x, y in pairs), default=0.0)

    def features(self, c: Cluster, t: Cluster) -> list[float]:
        c_heads = self.description_heads(c) or {self.pronoun_word(c)}
        t_heads = self.heads(t)
        cos = self.cosine(c_heads, t_heads)
        c_person, t_person = self.is_person(c) or bool(self.gender(c)), self.is_person(t)
        c_gender, t_gender = self.gender(c), self.gender(t)
        kind = self.kind(t)
        c_articles = Counter(m.span.article_id for m in c.mentions)
        t_first: dict[str, int] = {}
        for m in t.mentions:
            t_first[m.span.article_id] = min(m.span.start, t_first.get(m.span.article_id, m.span.start))
        co = sum(n for a, n in c_articles.items() if a in t_first) / len(c.mentions)
        before = sum(1 for m in c.mentions if t_first.get(m.span.article_id, m.span.start) < m.span.start)
        top = float(t.key == self.top_person)
        shares, tops = [], []
        for a in c_articles:
            counts = self.in_article[a]
            rivals = {k: n for k, n in counts.items() if k != c.key}
            shares.append(counts[t.key] / (sum(rivals.values()) or 1))
            tops.append(float(bool(rivals) and counts[t.key] == max(rivals.values())))
        article_share, article_top = sum(shares) / len(shares), sum(tops) / len(tops)
        return [
            cos,
            float(bool(c_heads & t_heads)),
            float(c_person),
            float(t_person),
            float(c_person and t_person),
            float(c_person != t_person),
            abs(self.plural(c) - self.plural(t)),
            float(bool(c_gender and t_gender and not c_gender & t_gender)),
            float(t.named),
            *(float(kind == k) for k in TARGET_KINDS),
            len(t.mentions) / self.total,
            self.person_names[t.key] / self.person_total,
            top,
            top * c_person,
            co,
            before / len(c.mentions),
            math.log(len(c.mentions)),
            math.log(len(t.mentions)),
            float(bool(c_heads & TIME_WORDS)),
            float(bool(t_heads & TIME_WORDS)),
            float(len(c.pronouns) == len(c.mentions)),
            float(bool(c_heads & ORGANISATION_NOUNS)),
            cos * float(c_person and t_person),
            article_share,
            article_top,
            article_top * float(c_person and t_person),
            self.cosine(_surfaces(c), _surfaces(t)),
            float(self.centroid[c.key] @ self.centroid[t.key]),
        ]


def _number_clash(c: Cluster, t: Cluster) -> bool:
    """Both say a number and no number agrees ("$22 million" / "$23 million", "No. 1" / "No. 2")."""
    a, b = _numbers(c), _numbers(t)
    return bool(a and b and not a & b)


def _owned_by(c: Cluster, t: Cluster) -> bool:
    """Whether a description names the candidate person as its possessor or capitalised modifier
    ("Manafort's business partner", "the Obama administration" beside "Barack Obama"): something of that
    person's, not the person, unless the name holds the description's head. Places and organisations are
    left to the weights: "Iran's government" may stand for Iran, and ECB+ and MEANTIME lose 0.1-0.2 CoNLL
    F1 when they are barred too."""
    names = {w for m in t.mentions if m.name and m.kind == "PERSON" for w in normalise(m.name).split()}
    names -= ACRONYM_STOPWORDS
    if not names:
        return False
    for m in _descriptions(c):
        head = m.head.lower()
        if head in names:
            continue
        words = [w for w in m.surface.split() if w[:1].isupper() and normalise(w) != head]
        if any(normalise(w) in names for w in words):
            return True
    return False


def _office_clash(c: Cluster, t: Cluster) -> bool:
    """The description names an office ("the Russian ambassador", "the inspector general") the story titles
    the candidate person with none of (Vladimir Putin, "President"), or a party to a case ("the victim") the
    story titles as one who speaks for the authorities ("police spokesperson"): someone else."""
    wanted = _offices(c)
    if not any(m.kind == "PERSON" and m.name for m in t.mentions):
        # no one named: "the inspector general" is not "the agency's chief counsel" (an office on either side;
        # two jobs may be one person: "the CIA chief" is "the CIA director")
        theirs = _offices(t)
        office = _offices(c, jobs=False) | _offices(t, jobs=False)
        return bool(office and wanted and theirs and not wanted & theirs)
    held = titles_of([r for m in t.mentions if m.kind == "PERSON" and m.name for r in (*m.roles, m.surface)])
    held |= _offices(t)  # "the deputy attorney general" the rules joined to Rosenstein
    if any(party_clash(m.head, held) for m in _descriptions(c)):
        return True  # "this victim" is not the police spokesperson
    return bool(wanted and held and not wanted & held)


def _offices(c: Cluster, jobs: bool = True) -> set[str]:
    """The offices and grown-ups' jobs the cluster's descriptions name ("the inspector general", "his campaign
    chairman"), synonyms as one ("lawyer", "attorney", "counsel"); ``jobs=False``: the offices alone."""
    return titles_of([m.surface for m in _descriptions(c) if not is_plural(m)], jobs)


def _youth_to_grown_up(c: Cluster, t: Cluster) -> bool:
    """A child or youth ("the boy", "the young man") is not someone the story gives an office, a grown-up's
    job, a parent's role or a grown-up's age ("his father, Halvor Brandt", "the boy's father", "the
    48-year-old man")."""
    if not any(is_youth(m.surface, m.head) for m in _descriptions(c) if not is_plural(m)):
        return False
    if grown_up([r for m in t.mentions if m.kind == "PERSON" and m.name for r in m.roles]):
        return True
    ds = [m for m in _descriptions(t) if not is_plural(m)]
    return any(m.head in PARENT_NOUNS for m in ds) or grown_up([m.surface for m in ds if age_of(m.surface)])


def _group_to_person(c: Cluster, t: Cluster) -> bool:
    """Plural descriptions only ("his campaign aides") are a group, not a named person; a singular person
    noun ("his campaign chairman") is one person, not a group described only in the plural ("Russian
    officials")."""
    ds, ts = _descriptions(c), _descriptions(t)
    if ds and all(is_plural(m) for m in ds):
        return any(m.kind == "PERSON" and m.name for m in t.mentions)
    single = bool(ds) and all(is_person_noun(m.head) and not is_plural(m) for m in ds)
    return single and len(ts) == len(t.mentions) and bool(ts) and all(is_plural(m) for m in ts)


def _modifier_clash(c: Cluster, t: Cluster, owners: set[str] | None = None) -> bool:
    """Descriptions with one head that name different owners by a capitalised modifier ("the Nixon campaign"
    / "the Trump campaign"); ``owners``: only these words count as owners (the story's people's surnames)."""
    mine, theirs = _modifiers_by_head(c, owners), _modifiers_by_head(t, owners)
    return any(mine[h] and theirs[h] and not mine[h] & theirs[h] for h in mine.keys() & theirs.keys())


def _modifiers_by_head(c: Cluster, owners: set[str] | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _descriptions(c):
        words = m.surface.split()[1:-1]  # not the first word (capitalised at a sentence start) nor the head
        found = {normalise(w) for w in words if w[:1].isupper() and normalise(w)}
        out.setdefault(m.head, set()).update(found if owners is None else found & owners)
    return out


def _nested(c: Cluster, t: Cluster) -> bool:
    """Whether a mention of one cluster lies inside a mention of the other ("number dial" in "number dial,
    as well as making phone calls"): parts of a phrase, not names of one thing."""
    spans = {(m.span.article_id, m.span.start, m.span.end) for m in t.mentions}
    return any(
        a == m.span.article_id
        and ((s <= m.span.start and m.span.end <= e) or (m.span.start <= s and e <= m.span.end))
        for m in c.mentions
        for a, s, e in spans
    )


def _descriptions(c: Cluster) -> list[Mention]:
    return [m for m in c.mentions if m.id not in c.pronouns and not m.name]


def _numbers(c: Cluster) -> set[str]:
    return {w for m in _descriptions(c) for w in normalise(m.surface).split() if w.isdigit()}


def _surfaces(c: Cluster) -> set[str]:
    """The cluster's surfaces other than pronouns, lowercased."""
    return {m.surface.lower() for m in c.mentions if m.id not in c.pronouns}
