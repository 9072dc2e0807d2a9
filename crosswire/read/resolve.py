"""Resolve mentions to corpus-wide entities.

Each mention is linked (union-find) to keys:

- a **name** (``Dmitry Peskov``, ``Hmeymim``, ``ISIL``) gets a corpus-wide key: the curated table's canonical
  name if listed, else its transliteration-tolerant key (``aliases.name_key``); so full names, places and
  organisations resolve across articles and stories;
- a **short person name** (one token of a PERSON or a titled name: ``Peskov``, ``Mr. Kim``) gets a key local
  to its story (``groups[article]``, else its own article) and is joined to the one full name of that story
  whose last (else first) token matches; if none or several match, it stays a story-local entity, so two
  Peskovs of unrelated stories never merge through their surname;
- other one-word names join a story's full name the same way (``Assad`` → ``Bashar al-Assad``), and
  acronyms join the story's full name whose initials spell them (``UN`` → ``United Nations``);
- a **description** (``the Kremlin spokesman``, ``the memos``) gets a story-local key, and joins the one
  entity of the story that bears it as a title or apposition ("Kremlin spokesman Dmitry Peskov");
- pronouns stay singletons (no pronoun resolution here);
- aliases learned from the text (``Mention.aliases``) join the keys of both surfaces.

The canonical name is the longest, then most frequent, name surface; entity ids are ``ent-`` + a hash of
the cluster's smallest corpus-wide key (or story-local key), so they are stable across runs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from crosswire.read.aliases import (
    PRONOUNS,
    acronym_of,
    is_acronym,
    is_bare_title,
    is_name_like,
    leading_titles,
    name_key,
    normalise,
    table_lookup,
)
from crosswire.read.entities import Mention

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})
DOMINANT_SHARE = 0.75  # "the president" joins the story's entity holding ≥ 75 % of "President X" mentions


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    aliases: list[str]
    mention_ids: list[str]


@dataclass
class Resolution:
    entities: list[Entity]
    entity_of: dict[str, str] = field(default_factory=dict)  # mention id -> entity id


@dataclass(frozen=True)
class _View:
    """How one mention takes part in resolution."""

    mention: Mention
    group: str
    role: str  # "name" | "short" | "single" | "acronym" | "description" | "pronoun"
    key: str  # "" for pronouns
    person: bool


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(
    mentions_by_article: dict[str, list[Mention]], groups: dict[str, str] | None = None
) -> Resolution:
    """Cluster mentions into entities; ``groups`` maps article id → story id (default: the article)."""
    views = [
        _view(m, (groups or {}).get(article, article))
        for article, mentions in sorted(mentions_by_article.items())
        for m in mentions
    ]
    uf = _UnionFind()
    for v in views:
        _link_own_keys(uf, v)
    for group, members in _by_group(views).items():
        _link_short_forms(uf, members)
        _link_acronyms(uf, members)
        _link_descriptions(uf, group, members)
        _link_pronouns(uf, members)
    return _build(uf, views)


def _by_group(views: Iterable[_View]) -> dict[str, list[_View]]:
    out: dict[str, list[_View]] = defaultdict(list)
    for v in views:
        out[v.group].append(v)
    return out


# ---------------------------------------------------------------- classification


def mention_name(m: Mention) -> str:
    """The proper name a mention carries ("" for descriptions, bare titles and pronouns)."""
    name = m.name or (m.surface if is_name_like(m.surface) else "")
    return "" if not name or is_bare_title(name) else name


def _is_person(m: Mention) -> bool:
    return m.kind == "PERSON" or any(t in {"mr", "mrs", "ms", "dr"} for t in leading_titles(m.surface))


def _view(m: Mention, group: str) -> _View:
    name = mention_name(m)
    person = _is_person(m)
    if name:
        return _name_view(m, group, name, person)
    text = normalise(m.surface)
    if not text or text in PRONOUNS or m.head in PRONOUNS:
        return _View(m, group, "pronoun", "", person)
    return _View(m, group, "description", description_key(m.span.article_id, m.surface, m.head), person)


def _name_view(m: Mention, group: str, name: str, person: bool) -> _View:
    canonical = table_lookup(name)
    if canonical:
        return _View(m, group, "name", "T:" + canonical, person)
    key = name_key(name, person=person)
    if not key:
        return _View(m, group, "description", description_key(m.span.article_id, m.surface, m.head), person)
    if is_acronym(name.strip()):
        return _View(m, group, "acronym", "N:" + key, person)
    if " " in key:
        return _View(m, group, "name", "N:" + key, person)
    if person:
        return _View(m, group, "short", f"S:{group}:{key}", person)
    return _View(m, group, "single", "N:" + key, person)


def description_key(scope: str, surface: str, head: str = "") -> str:
    """Story-local key of a description: its head lemma and capitalised modifiers ("Syrian army")."""
    words = normalise(surface).split()
    head = head or _singular(words[-1] if words else "")
    proper = sorted({normalise(w) for w in surface.split()[1:] if w[:1].isupper() and normalise(w)} - {head})
    return f"D:{scope}:{' '.join([*proper, head])}"


def _singular(text: str) -> str:
    words = text.split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _alias_key(group: str, surface: str, person: bool) -> str:
    canonical = table_lookup(surface)
    if canonical:
        return "T:" + canonical
    if is_name_like(surface):
        key = name_key(surface, person=person)
        if " " in key or is_acronym(surface.strip()):
            return "N:" + key
        return f"S:{group}:{key}"
    return description_key(group, surface)


# ---------------------------------------------------------------- linking


def _node(m: Mention) -> str:
    return "M:" + m.id


def _link_own_keys(uf: _UnionFind, v: _View) -> None:
    uf.find(_node(v.mention))
    if v.key:
        uf.union(_node(v.mention), v.key)
        for alias in v.mention.aliases:
            uf.union(v.key, _alias_key(v.group, alias, v.person))


def _full_names(members: list[_View]) -> list[_View]:
    return [v for v in members if v.role == "name" and v.key.startswith("N:")]


def _unique_root(uf: _UnionFind, keys: Iterable[str]) -> str | None:
    roots = {uf.find(k) for k in keys}
    return roots.pop() if len(roots) == 1 else None


def _link_short_forms(uf: _UnionFind, members: list[_View]) -> None:
    """``Peskov`` → the story's ``Dmitry Peskov`` when exactly one full name ends (else starts) with it."""
    last: dict[str, set[str]] = defaultdict(set)
    first: dict[str, set[str]] = defaultdict(set)
    for v in _full_names(members):
        tokens = v.key[2:].split()
        last[tokens[-1]].add(v.key)
        first[tokens[0]].add(v.key)
    for v in members:
        if v.role not in {"short", "single"}:
            continue
        token = v.key.rsplit(":", 1)[-1]
        root = _unique_root(uf, last[token]) if last[token] else None
        if root is None and not last[token]:
            root = _unique_root(uf, first[token]) if first[token] else None
        if root is not None:
            uf.union(v.key, root)


def _link_acronyms(uf: _UnionFind, members: list[_View]) -> None:
    """``UN`` → the story's ``United Nations`` when exactly one full name's initials spell it."""
    initials: dict[str, set[str]] = defaultdict(set)
    for v in _full_names(members):
        initials[acronym_of(v.key[2:])].add(v.key)
    for v in members:
        if v.role == "acronym" and initials.get(v.key[2:]):
            root = _unique_root(uf, initials[v.key[2:]])
            if root is not None:
                uf.union(v.key, root)


def _link_descriptions(uf: _UnionFind, group: str, members: list[_View]) -> None:
    """``the Kremlin spokesman`` → the entity that bears that title or apposition: first in the same
    article, else in the story (if one entity dominates); else the same description elsewhere in the story."""
    in_article: dict[str, list[str]] = defaultdict(list)
    in_group: dict[str, list[str]] = defaultdict(list)
    for v in members:
        if v.role in {"description", "pronoun"}:
            continue
        for role in _roles_of(v.mention):
            for key in _role_keys(v.mention.span.article_id, role):
                in_article[key].append(v.key)
                in_group[_rescope(key, group)].append(v.key)
    for v in members:
        if v.role != "description":
            continue
        root = _dominant_root(uf, in_article[v.key]) if in_article.get(v.key) else None
        story_key = _rescope(v.key, group)
        if root is None and in_group.get(story_key):
            root = _dominant_root(uf, in_group[story_key])
        uf.union(v.key, root or story_key)


def _rescope(key: str, scope: str) -> str:
    kind, _, rest = key.split(":", 2)
    return f"{kind}:{scope}:{rest}"


def _link_pronouns(uf: _UnionFind, members: list[_View]) -> None:
    """he/she/his/her → the nearest preceding person mention of the article; who/which → the mention
    right before. Other pronouns (it, they, we) stay singletons."""
    by_article: dict[str, list[_View]] = defaultdict(list)
    for v in members:
        by_article[v.mention.span.article_id].append(v)
    for views in by_article.values():
        views.sort(key=lambda v: (v.mention.span.start, v.mention.span.end))
        for i, v in enumerate(views):
            word = normalise(v.mention.surface)
            if v.role != "pronoun" or word not in PERSONAL_PRONOUNS | RELATIVE_PRONOUNS:
                continue
            earlier = [
                w for w in views[:i] if w.role != "pronoun" and w.mention.span.end <= v.mention.span.start
            ]
            if word in PERSONAL_PRONOUNS:
                earlier = [w for w in earlier if w.person]
            if earlier:
                uf.union(_node(v.mention), earlier[-1].key)


def _dominant_root(uf: _UnionFind, keys: list[str]) -> str | None:
    """The entity holding at least ``DOMINANT_SHARE`` of the mentions that bear a role, if any."""
    counts = Counter(uf.find(k) for k in keys)
    root, n = counts.most_common(1)[0]
    return root if n >= DOMINANT_SHARE * len(keys) else None


def _roles_of(m: Mention) -> list[str]:
    return [*m.roles, *leading_titles(m.surface)]


def _role_keys(group: str, role: str) -> set[str]:
    """A role's description keys: all of it and its head word ("Kremlin spokesman" → also "spokesman")."""
    full = description_key(group, role)
    head = full.split(":", 2)[-1].rsplit(" ", 1)[-1]
    return {full, f"D:{group}:{head}"}


# ---------------------------------------------------------------- output


def _build(uf: _UnionFind, views: list[_View]) -> Resolution:
    clusters: dict[str, list[_View]] = defaultdict(list)
    for v in views:
        clusters[uf.find(_node(v.mention))].append(v)
    keys_of: dict[str, set[str]] = defaultdict(set)
    for node in list(uf.parent):
        if not node.startswith("M:"):
            keys_of[uf.find(node)].add(node)
    entities = [_entity(members, keys_of[root]) for root, members in clusters.items()]
    entities.sort(key=lambda e: e.id)
    entity_of = {mid: e.id for e in entities for mid in e.mention_ids}
    return Resolution(entities, entity_of)


def _entity(members: list[_View], keys: set[str]) -> Entity:
    names = [mention_name(v.mention) for v in members if mention_name(v.mention)]
    table = sorted(k[2:] for k in keys if k.startswith("T:"))
    name = table[0] if table else _canonical(names or [members[0].mention.surface])
    kinds = Counter(v.mention.kind for v in members if v.mention.kind != "OTHER")
    surfaces = sorted({v.mention.surface for v in members} | {a for v in members for a in v.mention.aliases})
    return Entity(
        id=_entity_id(keys, members),
        kind=kinds.most_common(1)[0][0] if kinds else "OTHER",
        name=name,
        aliases=[s for s in surfaces if s != name],
        mention_ids=sorted(v.mention.id for v in members),
    )


def _canonical(names: list[str]) -> str:
    counts = Counter(names)
    return max(counts, key=lambda n: (len(normalise(n).split()), counts[n], n))


def _entity_id(keys: set[str], members: list[_View]) -> str:
    corpus_wide = sorted(k for k in keys if k[:2] in {"T:", "N:"})
    basis = corpus_wide[0] if corpus_wide else min(keys or {"M:" + members[0].mention.id})
    return "ent-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
