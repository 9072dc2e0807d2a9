"""What happened when: claims with resolved dates, one point per claim group and date."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.model import Span

DATED = frozenset({"day", "week", "month", "season", "year"})


@dataclass
class TimePoint:
    """A dated happening with the expressions that date it and the claims that report it."""

    start: str
    end: str
    granularity: str
    text: str
    group_id: str
    claim_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    expressions: list[Span] = field(default_factory=list)
    wording: list[str] = field(default_factory=list)


def build_timeline(claims: list[Claim], groups: list[ClaimGroup]) -> list[TimePoint]:
    """Points sorted by date, then by granularity (days before months before years)."""
    group_of = {c.id: g.id for g in groups for c in g.claims}
    points: dict[tuple[str, str, str], TimePoint] = {}
    for claim in claims:
        for t in claim.times:
            if not t.start or not t.end or t.granularity not in DATED:
                continue
            key = (group_of[claim.id], t.start, t.end)
            point = points.setdefault(key, TimePoint(t.start, t.end, t.granularity, claim.text, key[0]))
            if claim.id not in point.claim_ids:
                point.claim_ids.append(claim.id)
            if claim.outlet not in point.outlets:
                point.outlets.append(claim.outlet)
            point.expressions.append(t.span)
            point.wording.append(t.text)
    order = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
    return sorted(points.values(), key=lambda p: (p.start, order.get(p.granularity, 9), p.end))
