"""Highlighted article text for the side-by-side reading: claims, quotes, entity mentions, evidence spans.

Every highlighted range becomes one ``<span>`` whose text is exactly ``article.text[start:end]`` and whose id
is ``anchor(span)``, so any link to a piece of evidence lands on it. Ranges that cross (a quote running over a
sentence end) are split at the crossing: the first piece carries the id, each piece its own ``data-start``
and ``data-end``.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from crosswire.compare.dossier import Dossier
from crosswire.compare.labels import PRONOUNS
from crosswire.read.quotes import Quote

RANK = {"claim": 0, "quote": 1, "speaker": 2, "ent": 3, "time": 3, "term": 4, "ev": 5}


def anchor(article_id: str, start: int, end: int) -> str:
    return f"s-{article_id}-{start}-{end}"


def anchor_of(span: dict[str, Any] | None) -> str:
    """The element id of a span dict (as ``dossier_data`` writes them); "" for none."""
    return anchor(span["article_id"], span["start"], span["end"]) if span else ""


@dataclass
class Mark:
    start: int
    end: int
    classes: list[str]
    titles: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None
    children: list[Mark] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return min(RANK.get(c, 9) for c in self.classes) if self.classes else 9

    def merge(self, other: Mark) -> None:
        self.classes += [c for c in other.classes if c not in self.classes]
        self.titles += [t for t in other.titles if t not in self.titles]
        self.attrs = {**other.attrs, **self.attrs}

    def piece(self, start: int, end: int, first: bool) -> Mark:
        """The part ``[start, end)``; only the first part keeps the anchor, the others are marked "cont"."""
        classes = self.classes if first or "cont" in self.classes else [*self.classes, "cont"]
        return Mark(start, end, classes, self.titles, self.attrs, self.anchor if first else None)


class MarkSet:
    """Marks of one article, one per distinct range."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.by_range: dict[tuple[int, int], Mark] = {}

    def add(self, start: int, end: int, cls: str, title: str = "", **attrs: str) -> None:
        if end <= start:
            return
        mark = Mark(
            start, end, cls.split(), [title] if title else [], attrs, anchor(self.article_id, start, end)
        )
        if (start, end) in self.by_range:
            self.by_range[(start, end)].merge(mark)
        else:
            self.by_range[(start, end)] = mark

    def add_quote(self, q: Quote) -> None:
        """A quote's content and its speaker, each titled with who said it."""
        who = q.speaker_text or "unnamed speaker"
        kind = "direct" if q.direct else "indirect"
        self.add(q.content.start, q.content.end, f"quote {kind}", f"{kind} quote · {who}")
        if q.speaker:
            self.add(q.speaker.start, q.speaker.end, "speaker", f"speaker: {who}")

    def markup(self, text: str) -> Markup:
        """``text`` (the article's) as HTML with every mark as a span."""
        return Markup(render(text, nest(list(self.by_range.values()), len(text))))


def nest(marks: list[Mark], length: int) -> Mark:
    """A tree of non-crossing marks under a root covering the text; crossing marks are split."""
    root = Mark(0, length, [])
    marks = [m for m in marks if 0 <= m.start < m.end <= length]
    heap = [(m.start, -m.end, m.rank, i, m) for i, m in enumerate(marks)]
    heapq.heapify(heap)
    stack, seq = [root], len(marks)
    while heap:
        _, _, _, _, m = heapq.heappop(heap)
        while not stack[-1].start <= m.start < stack[-1].end:
            stack.pop()
        parent = stack[-1]
        if m.end > parent.end:  # crosses the parent's end: keep the part inside, queue the rest
            rest = m.piece(parent.end, m.end, first=False)
            heapq.heappush(heap, (rest.start, -rest.end, rest.rank, seq, rest))
            seq += 1
            m = m.piece(m.start, parent.end, first=m.anchor is not None)
        parent.children.append(m)
        stack.append(m)
    return root


def _open(m: Mark) -> str:
    parts = [f'class="{escape(" ".join(m.classes))}"', f'data-start="{m.start}"', f'data-end="{m.end}"']
    if m.anchor:
        parts.insert(0, f'id="{escape(m.anchor)}"')
    if m.titles:
        parts.append(f'title="{escape(" · ".join(m.titles))}"')
    parts += [f'data-{k}="{escape(v)}"' for k, v in sorted(m.attrs.items())]
    return f"<span {' '.join(parts)}>"


def render(text: str, node: Mark) -> str:
    out, pos = [], node.start
    for child in node.children:
        out.append(str(escape(text[pos : child.start])))
        out.append(_open(child) + render(text, child) + "</span>")
        pos = child.end
    out.append(str(escape(text[pos : node.end])))
    return "".join(out)


def spans_in(data: Any) -> Iterator[dict[str, Any]]:
    """Every span dict (``article_id``, ``start``, ``end``) anywhere in the dossier data."""
    if isinstance(data, dict):
        if {"article_id", "start", "end"} <= data.keys():
            yield data
        for value in data.values():
            yield from spans_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from spans_in(value)


def _claim_marks(dossier: Dossier, sets: dict[str, MarkSet], status_of: dict[str, str]) -> None:
    group_of = {c.id: g for g in dossier.groups for c in g.claims}
    for c in dossier.claims:
        g = group_of.get(c.id)
        status = g.status if g else "unique"
        title = f"claim {c.id}: {status_of.get(g.id, status) if g else status}"
        sets[c.article_id].add(c.span.start, c.span.end, f"claim st-{status}", title, group=g.id if g else "")


def _reading_marks(dossier: Dossier, sets: dict[str, MarkSet]) -> None:
    entity_of = dossier.resolution.entity_of if dossier.resolution else {}
    entities = {e.id: e for e in dossier.resolution.entities} if dossier.resolution else {}
    for aid, marks in sets.items():
        reading = dossier.readings.get(aid)
        for q in reading.quotes if reading else []:
            marks.add_quote(q)
        for m in reading.mentions if reading else []:
            eid = entity_of.get(m.id)
            if eid is None or m.surface.lower() in PRONOUNS:
                continue
            e = entities.get(eid)
            name = f"{e.name} ({e.kind})" if e else m.surface
            marks.add(m.span.start, m.span.end, f"ent k-{m.kind}", name, entity=eid)


def article_markup(dossier: Dossier, data: dict[str, Any]) -> dict[str, Markup]:
    """Article id → its text as HTML with every claim, quote, mention and evidence span marked."""
    sets = {a.id: MarkSet(a.id) for a in dossier.articles}
    _claim_marks(dossier, sets, {g["id"]: g["status_text"] for g in data["groups"]})
    _reading_marks(dossier, sets)
    for s in spans_in({k: v for k, v in data.items() if k != "articles"}):
        if s["article_id"] in sets:
            cls = "time" if "wording" in s else "ev"
            sets[s["article_id"]].add(s["start"], s["end"], cls)
    return {a.id: sets[a.id].markup(a.text) for a in dossier.articles}
