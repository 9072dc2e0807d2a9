"""``out/index.html``: the front page of one run of the main job, a card per dossier it wrote.

Dossier files are named by event id, so a folder that several runs wrote into holds files no current event
has; the index lists only what this run wrote, biggest story first, with what a reader needs to pick one:
headline, outlets, reports, time span, claim counts and the first lines of the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from crosswire.present.dossier_html import outlet_colors, when

if TYPE_CHECKING:
    from crosswire.present.main_job import EventDossier

INDEX = "index.html"
SUMMARY_LINES = 3


@dataclass(frozen=True)
class IndexCard:
    headline: str
    event_id: str
    outlets: list[str]
    reports: int
    sources: int
    first: str
    last: str
    counts: dict[str, int]  # claim-group status -> number of groups
    summary: list[tuple[str, list[str]]]  # summary line, outlets that carry it
    files: dict[str, str]  # format -> file name beside the index


def index_card(item: EventDossier) -> IndexCard:
    d = item.dossier
    first, last = d.time_span
    counts = {s: sum(g.status == s for g in d.groups) for s in ("corroborated", "unique", "conflicting")}
    return IndexCard(
        headline=item.event.headline,
        event_id=item.event.id,
        outlets=d.outlets,
        reports=len(d.articles),
        sources=len({a.source for a in d.articles}),
        first=when(first),
        last=when(last),
        counts=counts,
        summary=[(s.text, [c.outlet for c in s.citations]) for s in d.summary[:SUMMARY_LINES]],
        files={fmt: path.name for fmt, path in item.files.items()},
    )


def render_index(items: list[EventDossier], failures: int = 0, skipped: int = 0) -> str:
    cards = sorted((index_card(i) for i in items), key=lambda c: (-c.sources, -c.reports, c.headline))
    outlets = sorted({o for c in cards for o in c.outlets})
    env = Environment(
        loader=PackageLoader("crosswire.present", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )
    return env.get_template(INDEX).render(
        cards=cards, colors=outlet_colors(outlets), failures=failures, skipped=skipped
    )


def write_index(out: Path, items: list[EventDossier], failures: int = 0, skipped: int = 0) -> Path:
    """Write ``out/index.html`` for this run's dossiers; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / INDEX
    path.write_text(render_index(items, failures, skipped), encoding="utf-8")
    return path
