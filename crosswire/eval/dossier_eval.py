"""Score a dossier against an analyst's expectation file (``tests/expectations/*.yaml``).

**Recall** is the mean credit of the expected items the scorer counts (``recall: false`` items only guard
against false conflicts). Credit per kind (see ``tests/expectations/README.md``):

- *shared*: the best corroborated or conflicting group holding matching claims of two or more independent
  sources earns the share of the item's outlets it matches;
- *unique*: 1 when a unique group holds a matching claim of the outlet;
- *conflict*: 1 when a conflicting group holds a conflict of an accepted kind between claims that match two
  different sides; 0.5 when the kind differs;
- *compatible*: 1 when a non-conflicting group holds claims matching two different sides, or a group lists
  them as compatible figures;
- *label*: the best entry of ``Dossier.labels``: share of outlets for which it holds a label equal, after
  normalisation (case, quotes, a leading "the"), to one of the expected phrases;
- *quote*: the best speaker whose name contains the expected one: share of outlets with a version of a
  statement (of the expected relation, when given).

**Error rate** is the share of the dossier's corroborated and conflicting groups that are wrong:

- a *conflicting* group is wrong when one of its conflicts sets against each other two claims the
  expectations say agree (two sides of a *compatible* item, or one *shared* item), or when none of its
  conflicts joins two sides of an expected conflict (the sample lists are exhaustive: an unlisted conflict
  is a false alarm);
- a *corroborated* group is wrong when the claims of one of its sources match expected items (a conflict's
  sides count as different items) and none of those is matched by another source of the group: it merges
  different facts, or the two sides of a conflict.

Groups whose claims match nothing expected are counted as right (the figure is a lower bound); the number
of groups the rules could judge is reported alongside.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.dossier import Dossier
from crosswire.model import Article

KINDS = ("shared", "unique", "conflict", "compatible", "label", "quote")


class ExpectationError(ValueError):
    """An expectation file does not follow the documented format."""


@dataclass(frozen=True)
class Side:
    outlets: tuple[str, ...]
    keys: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Expected:
    id: str
    kind: str
    outlets: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    conflict: tuple[str, ...] = ()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    speaker: str = ""
    relations: dict[str, str] = field(default_factory=dict)
    recall: bool = True


@dataclass
class Expectations:
    event: str
    outlets: dict[str, str]  # shorthand -> outlet name
    items: list[Expected]
    copies: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    files: dict[str, dict[str, str]] = field(default_factory=dict)

    def short(self, outlet: str) -> str:
        return {v: k for k, v in self.outlets.items()}.get(outlet, outlet)


@dataclass
class ItemScore:
    id: str
    kind: str
    credit: float
    counted: bool = True


@dataclass
class WrongGroup:
    group_id: str
    status: str
    why: str


@dataclass
class DossierScore:
    event: str
    items: list[ItemScore]
    considered: int
    judged: int
    wrong: list[WrongGroup]

    @property
    def recall(self) -> float:
        counted = [s.credit for s in self.items if s.counted]
        return sum(counted) / len(counted) if counted else 0.0

    @property
    def error_rate(self) -> float:
        return len(self.wrong) / self.considered if self.considered else 0.0

    def recall_by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind in KINDS:
            credits = [s.credit for s in self.items if s.kind == kind and s.counted]
            if credits:
                out[kind] = sum(credits) / len(credits)
        return out

    def missed(self) -> list[ItemScore]:
        return [s for s in self.items if s.counted and s.credit < 1.0]


# ------------------------------------------------------------------------------------------ loading


def _phrases(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def _keys(raw: Any) -> dict[str, tuple[str, ...]]:
    return {str(k): _phrases(v) for k, v in (raw or {}).items()}


def _item(raw: dict[str, Any]) -> Expected:
    kind = raw.get("kind")
    if kind not in KINDS or "id" not in raw:
        raise ExpectationError(f"item {raw.get('id')!r}: kind must be one of {KINDS}, got {kind!r}")
    sides = tuple(Side(tuple(s["outlets"]), _keys(s.get("keys"))) for s in raw.get("sides", []))
    keys = _keys(raw.get("keys"))
    if kind in ("shared", "unique"):
        sides = (Side(tuple(raw.get("outlets", [])), keys),)
    return Expected(
        id=str(raw["id"]),
        kind=str(kind),
        outlets=tuple(raw.get("outlets", [])),
        sides=sides,
        conflict=_phrases(raw.get("conflict", [])) if raw.get("conflict") else (),
        labels=_keys(raw.get("labels")),
        speaker=str(raw.get("speaker", "")),
        relations={str(k): str(v) for k, v in (raw.get("relations") or {}).items()},
        recall=bool(raw.get("recall", True)),
    )


def load_expectations(path: Path) -> Expectations:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "items" not in data:
        raise ExpectationError(f"{path}: expected a mapping with 'items'")
    return Expectations(
        event=str(data.get("event", path.stem)),
        outlets={str(k): str(v) for k, v in data.get("outlets", {}).items()},
        items=[_item(i) for i in data["items"]],
        copies={str(k): str(v) for k, v in (data.get("copies") or {}).items()},
        sources=[str(s) for s in data.get("sources", [])],
        files={str(k): dict(v) for k, v in (data.get("files") or {}).items()},
    )


# ------------------------------------------------------------------------------------------ matching


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _side_matches(side: Side, short: str, text: str) -> bool:
    return any(normalise(p) in normalise(text) for p in side.keys.get(short, ()))


def matching_sides(item: Expected, short: str, text: str) -> set[int]:
    return {i for i, side in enumerate(item.sides) if _side_matches(side, short, text)}


class _Matcher:
    """Which expected items (and sides) each claim of the dossier matches."""

    def __init__(self, dossier: Dossier, exp: Expectations) -> None:
        self.exp = exp
        self.hits: dict[str, dict[str, set[int]]] = {}  # claim id -> item id -> sides
        for claim in dossier.claims:
            short = exp.short(claim.outlet)
            found = {i.id: matching_sides(i, short, claim.text) for i in exp.items if i.sides}
            self.hits[claim.id] = {k: v for k, v in found.items() if v}

    def sides(self, claim: Claim, item: Expected) -> set[int]:
        return self.hits.get(claim.id, {}).get(item.id, set())

    def facts(self, claim: Claim) -> set[str]:
        """Item ids the claim matches; a conflict's sides count as different facts."""
        by_id = {i.id: i for i in self.exp.items}
        out: set[str] = set()
        for item_id, sides in self.hits.get(claim.id, {}).items():
            if by_id[item_id].kind == "conflict":
                out.update(f"{item_id}#{s}" for s in sides)
            else:
                out.add(item_id)
        return out


# ------------------------------------------------------------------------------------------ recall


def _shared(item: Expected, groups: list[ClaimGroup], m: _Matcher) -> float:
    best = 0.0
    for g in groups:
        if g.status == "unique":
            continue
        hits = [c for c in g.claims if m.sides(c, item)]
        outlets = {m.exp.short(c.outlet) for c in hits} & set(item.outlets)
        if len({c.source for c in hits}) >= 2:
            best = max(best, len(outlets) / len(item.outlets))
    return best


def _unique(item: Expected, groups: list[ClaimGroup], m: _Matcher) -> float:
    found = any(g.status == "unique" and any(m.sides(c, item) for c in g.claims) for g in groups)
    return 1.0 if found else 0.0


def _across(a: set[int], b: set[int]) -> bool:
    return any(i != j for i in a for j in b)


def _conflict(item: Expected, groups: list[ClaimGroup], m: _Matcher, by_id: dict[str, Claim]) -> float:
    best = 0.0
    for g in groups:
        for c in g.conflicts:
            if _across(m.sides(by_id[c.claim_a], item), m.sides(by_id[c.claim_b], item)):
                best = max(best, 1.0 if c.kind in item.conflict else 0.5)
    return best


def _compatible(item: Expected, groups: list[ClaimGroup], m: _Matcher, by_id: dict[str, Claim]) -> float:
    for g in groups:
        if any(
            _across(m.sides(by_id[x.claim_a], item), m.sides(by_id[x.claim_b], item)) for x in g.compatible
        ):
            return 1.0
        if g.status != "conflicting":
            sides = [m.sides(c, item) for c in g.claims]
            if any(_across(a, b) for a in sides for b in sides):
                return 1.0
    return 0.0


def _label_norm(text: str) -> str:
    s = normalise(text)
    s = re.sub(r"'s$", "", s)
    return s[4:] if s.startswith("the ") else s


def _label(item: Expected, dossier: Dossier, exp: Expectations) -> float:
    best = 0.0
    for entry in dossier.labels:
        hit = 0
        for short, phrases in item.labels.items():
            uses = entry.by_outlet.get(exp.outlets.get(short, short), [])
            wanted = {_label_norm(p) for p in phrases}
            hit += any(_label_norm(u.label) in wanted for u in uses)
        best = max(best, hit / len(item.labels) if item.labels else 0.0)
    return best


def _relation_ok(want: str | None, got: str) -> bool:
    return want is None or got == want or (want == "identical" and got == "fullest")


def _quote(item: Expected, dossier: Dossier, exp: Expectations) -> float:
    if dossier.quotes is None or not item.outlets:
        return 0.0
    best = 0.0
    for sp in dossier.quotes.speakers:
        if item.speaker.lower() not in sp.name.lower():
            continue
        versions = [v for st in sp.statements for v in st.versions]
        hit = sum(
            any(
                exp.short(v.outlet) == o and _relation_ok(item.relations.get(o), v.relation) for v in versions
            )
            for o in item.outlets
        )
        best = max(best, hit / len(item.outlets))
    return best


def _credit(item: Expected, dossier: Dossier, m: _Matcher, by_id: dict[str, Claim]) -> float:
    if item.kind == "shared":
        return _shared(item, dossier.groups, m)
    if item.kind == "unique":
        return _unique(item, dossier.groups, m)
    if item.kind == "conflict":
        return _conflict(item, dossier.groups, m, by_id)
    if item.kind == "compatible":
        return _compatible(item, dossier.groups, m, by_id)
    if item.kind == "label":
        return _label(item, dossier, m.exp)
    return _quote(item, dossier, m.exp)


# ------------------------------------------------------------------------------------------ errors


def _agreed(item: Expected, a: set[int], b: set[int]) -> bool:
    """Two claims the item says agree: both on one shared fact, or on two sides of a compatible one."""
    if item.kind in ("shared", "unique"):
        return bool(a) and bool(b)
    return item.kind == "compatible" and _across(a, b)


def _conflict_wrong(g: ClaimGroup, m: _Matcher, by_id: dict[str, Claim]) -> str | None:
    listed = False
    for c in g.conflicts:
        a, b = by_id[c.claim_a], by_id[c.claim_b]
        sides = [(item, m.sides(a, item), m.sides(b, item)) for item in m.exp.items]
        if any(item.kind == "conflict" and _across(sa, sb) for item, sa, sb in sides):
            listed = True
            continue
        agreed = next((item.id for item, sa, sb in sides if _agreed(item, sa, sb)), None)
        if agreed:
            return f"{c.kind} conflict between claims that agree ({agreed})"
    return None if listed else "conflict not in the expectations"


def _corroboration_wrong(g: ClaimGroup, m: _Matcher) -> tuple[bool, str | None]:
    """(judged, why wrong) for a corroborated group."""
    facts: dict[str, set[str]] = {}
    for c in g.claims:
        facts.setdefault(c.source, set()).update(m.facts(c))
    known = {s: f for s, f in facts.items() if f}
    if len(known) < 2:
        return False, None
    for source, mine in known.items():
        others = set().union(*(f for s, f in known.items() if s != source))
        if not mine & others:
            return True, f"merges different facts: {sorted(mine)} vs {sorted(others)}"
    return True, None


def _errors(dossier: Dossier, m: _Matcher, by_id: dict[str, Claim]) -> tuple[int, int, list[WrongGroup]]:
    considered = judged = 0
    wrong: list[WrongGroup] = []
    for g in dossier.groups:
        if g.status == "conflicting":
            considered += 1
            judged += 1
            why = _conflict_wrong(g, m, by_id)
        elif g.status == "corroborated":
            considered += 1
            was_judged, why = _corroboration_wrong(g, m)
            judged += was_judged
        else:
            continue
        if why:
            wrong.append(WrongGroup(g.id, g.status, why))
    return considered, judged, wrong


def score_dossier(dossier: Dossier, exp: Expectations) -> DossierScore:
    """Recall of the expected items and error rate of the dossier's corroborated/conflicting groups."""
    m = _Matcher(dossier, exp)
    by_id = {c.id: c for c in dossier.claims}
    items = [ItemScore(i.id, i.kind, _credit(i, dossier, m, by_id), i.recall) for i in exp.items]
    considered, judged, wrong = _errors(dossier, m, by_id)
    return DossierScore(exp.event, items, considered, judged, wrong)


# ------------------------------------------------------------------------------------------ inputs


def _ingest(paths: Iterable[str]) -> list[Article]:
    from crosswire.ingest.core import IngestSettings, ingest
    from crosswire.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.db")
        try:
            ingest(list(paths), store, IngestSettings(offline=True))
            return list(store.articles())
        finally:
            store.close()


def sample_events(samples: Path, expectations: list[Expectations]) -> dict[str, list[Article]]:
    """The sample articles of each expected event, by the file mapping of ``samples/README.md``."""
    articles = _ingest([str(samples)])
    out: dict[str, list[Article]] = {}
    for exp in expectations:
        out[exp.event] = [a for a in articles if any(s in a.source for s in exp.sources)]
    return out


def seed_articles(seeds: Path, exp: Expectations) -> list[Article]:
    """The seed reports, ingested (cleaned) with the outlet and date the expectation file states."""
    with tempfile.TemporaryDirectory() as tmp:
        for short, meta in exp.files.items():
            body = (seeds / meta["file"]).read_text(encoding="utf-8")
            head = f"---\noutlet: {exp.outlets[short]}\npublished: {meta['published']}\n---\n"
            (Path(tmp) / f"{short}.txt").write_text(head + body, encoding="utf-8")
        return _ingest([tmp])


# ------------------------------------------------------------------------------------------ runs

SEED_FILE = "seed_pair.yaml"
SAMPLE_FILES = ("sample_e1_kalvik_dam.yaml", "sample_e2_qadira.yaml", "sample_e3_port_arlen.yaml")


def expectations_dir() -> Path:
    from crosswire.eval.paths import REPO_ROOT

    return REPO_ROOT / "tests" / "expectations"


def event_inputs(
    folder: Path | None = None, *, seeds: Path | None = None, samples: Path | None = None
) -> list[tuple[Expectations, list[Article]]]:
    """(expectations, articles) for the seed pair (when ``seeds`` exists) and the three sample events."""
    from crosswire.eval.paths import REPO_ROOT, shared_dir

    folder = folder or expectations_dir()
    seeds = seeds or shared_dir() / "seeds"
    out: list[tuple[Expectations, list[Article]]] = []
    if seeds.is_dir():
        exp = load_expectations(folder / SEED_FILE)
        out.append((exp, seed_articles(seeds, exp)))
    sample_exps = [load_expectations(folder / name) for name in SAMPLE_FILES]
    events = sample_events(samples or REPO_ROOT / "samples", sample_exps)
    out.extend((exp, events[exp.event]) for exp in sample_exps)
    return out


def format_score(score: DossierScore, *, details: bool = False) -> str:
    kinds = " ".join(f"{k}={v:.2f}" for k, v in score.recall_by_kind().items())
    lines = [
        f"{score.event}: recall {score.recall:.2f} ({kinds}); error rate {score.error_rate:.2f} "
        f"({len(score.wrong)} wrong of {score.considered} corroborated+conflicting, {score.judged} judged)"
    ]
    if details:
        lines += [f"  missed {s.kind} {s.id}: credit {s.credit:.2f}" for s in score.missed()]
        lines += [f"  wrong {w.status} {w.group_id}: {w.why}" for w in score.wrong]
    return "\n".join(lines)
