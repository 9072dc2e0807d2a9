"""The main job: ingest, read, cluster, resolve entities per event, then write a dossier for every event that
at least two independent sources report, and print an overview of each.

``run_job`` is the library entry point (progress bars and failure lines go to the ``err`` console);
``print_overview`` is the terminal report; ``crosswire analyze`` and ``crosswire demo`` are thin shells
over both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crosswire.ingest.core import IngestReport, IngestSettings
from crosswire.model import Article, Failure
from crosswire.store.db import Store

if TYPE_CHECKING:
    from crosswire.cluster.run import ClusterReport
    from crosswire.compare.dossier import Dossier
    from crosswire.read.resolve import Resolution
    from crosswire.store.events import EventRow

log = logging.getLogger(__name__)

FORMATS = ("html", "md", "json")
STATUS_STYLE = {"corroborated": "green", "unique": "bright_black", "conflicting": "red"}


@dataclass
class JobSettings:
    """What the main job writes, and for which events."""

    out: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    min_sources: int = 2  # independent sources (copies and wire rewrites count once) an event needs
    min_outlets: int = 2  # and outlets: comparing an outlet with itself is not what a dossier is for
    ingest: IngestSettings = field(default_factory=IngestSettings)


@dataclass
class EventDossier:
    event: EventRow
    dossier: Dossier
    files: dict[str, Path]


@dataclass
class JobReport:
    ingest: IngestReport
    read: int = 0
    unread: int = 0  # articles the read step could not read (recorded as failures)
    cluster: ClusterReport | None = None
    dossiers: list[EventDossier] = field(default_factory=list)
    skipped: int = 0  # events with fewer independent sources or outlets than required
    failed: list[Failure] = field(default_factory=list)  # events whose dossier could not be built
    index: Path | None = None  # out/index.html: this run's dossiers, when html is among the formats

    @property
    def partial(self) -> bool:
        return bool(self.ingest.failed or self.failed or self.unread)


# -- reading from the store -------------------------------------------------------------------------


def event_dossier(store: Store, event: EventRow, resolution: Resolution | None = None) -> Dossier:
    """The dossier of one stored event: readings from the store where present, else read on the fly."""
    from crosswire.store.events import event_articles

    return _stored_dossier(store, event_articles(store, event.id), event.id, resolution)


def storyline_dossier(
    store: Store, storyline_id: str, events: list[EventRow], resolution: Resolution | None = None
) -> Dossier:
    """One dossier over every report of a storyline's ``events`` (a story followed over days or weeks): the
    claims of all of them aligned, one timeline across them."""
    from crosswire.store.events import event_articles

    members = (a for e in events for a in event_articles(store, e.id))
    return _stored_dossier(store, list({a.id: a for a in members}.values()), storyline_id, resolution)


def _stored_dossier(
    store: Store, articles: list[Article], dossier_id: str, resolution: Resolution | None
) -> Dossier:
    from crosswire.compare.dossier import build_dossier
    from crosswire.compare.vectors import VectorCache
    from crosswire.store.readings import get_reading, load_resolution
    from crosswire.store.vectors import SentenceVectors

    readings = {a.id: r for a in articles if (r := get_reading(store, a.id)) is not None}
    resolution = resolution or load_resolution(store)
    if resolution is not None and not any(
        m.id in resolution.entity_of for r in readings.values() for m in r.mentions
    ):
        resolution = None  # stale or unrelated: resolve within the articles instead
    cache = VectorCache(backing=SentenceVectors(store))
    return build_dossier(articles, dossier_id, readings=readings, resolution=resolution, cache=cache)


def write_dossier(
    dossier: Dossier, out: Path, formats: tuple[str, ...], headline: str | None = None
) -> dict[str, Path]:
    """``out/<event-id>.<format>`` for each format; returns format → path."""
    from crosswire.present.dossier_html import to_html
    from crosswire.present.dossier_json import to_json
    from crosswire.present.dossier_md import to_markdown

    render: dict[str, Callable[[Dossier, str | None], str]] = {
        "html": to_html,
        "md": to_markdown,
        "json": to_json,
    }
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for fmt in formats:
        path = out / f"{dossier.event_id}.{fmt}"
        path.write_text(render[fmt](dossier, headline), encoding="utf-8")
        files[fmt] = path
    return files


# -- the job ----------------------------------------------------------------------------------------


def _progress(err: Console, label: str, quiet: bool) -> Progress:
    columns = (
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=err, transient=True, disable=quiet)


def _read(store: Store, err: Console, quiet: bool) -> int:
    from crosswire.read.run import read_store

    with _progress(err, "read", quiet) as bar:
        task = bar.add_task("", total=None)
        return read_store(store, lambda done, total: bar.update(task, completed=done, total=total))


def _cluster(store: Store, err: Console, quiet: bool) -> ClusterReport:
    from crosswire.cluster.run import cluster_store

    with _progress(err, "cluster", quiet) as bar:
        task = bar.add_task("", total=None)
        return cluster_store(store, lambda done, total: bar.update(task, completed=done, total=total))


def candidate_events(store: Store, min_sources: int, min_outlets: int = 1) -> list[EventRow]:
    """Events with at least ``min_sources`` original (non-copy) reports and ``min_outlets``, biggest first."""
    from crosswire.store.events import event_articles, list_events

    chosen = []
    for event in list_events(store, min_articles=min_sources):
        articles = event_articles(store, event.id)
        sources = {a.copy_of or a.id for a in articles}
        if len(sources) >= min_sources and len({a.outlet_label for a in articles}) >= min_outlets:
            chosen.append(event)
    return chosen


def _dossiers(
    store: Store, settings: JobSettings, resolution: Resolution, report: JobReport, err: Console, quiet: bool
) -> None:
    events = candidate_events(store, settings.min_sources, settings.min_outlets)
    with _progress(err, "compare", quiet) as bar:
        task = bar.add_task("", total=len(events))
        for event in events:
            bar.update(task, description=event.headline[:40])
            try:
                dossier = event_dossier(store, event, resolution)
            except Exception as exc:  # one event must not sink the others: record it and go on
                log.info("dossier for %s failed", event.id, exc_info=True)
                report.failed.append(Failure(event.id, f"{type(exc).__name__}: {exc}", stage="compare"))
                bar.advance(task)
                continue
            if len({a.source for a in dossier.articles}) >= settings.min_sources:  # else a wire rewrite
                files = write_dossier(dossier, settings.out, settings.formats, event.headline)
                report.dossiers.append(EventDossier(event, dossier, files))
            bar.advance(task)


def run_job(
    names: list[str], store: Store, settings: JobSettings, err: Console, quiet: bool = False
) -> JobReport:
    """Ingest ``names``, read, cluster, resolve entities by event, and write a dossier per event."""
    from crosswire.present.render import run_ingest
    from crosswire.read.run import resolve_store
    from crosswire.store.events import event_groups
    from crosswire.store.readings import unread

    report = JobReport(run_ingest(names, store, settings.ingest, err, quiet=quiet))
    report.read = _read(store, err, quiet)
    report.unread = len(unread(store))
    report.cluster = _cluster(store, err, quiet)
    resolution = resolve_store(store, event_groups(store))
    _dossiers(store, settings, resolution, report, err, quiet)
    report.skipped = store.count("events") - len(report.dossiers) - len(report.failed)
    for failure in report.failed:
        store.record_failure(failure)
    if "html" in settings.formats:
        from crosswire.present.run_index import write_index

        failures = report.ingest.failed + report.unread + len(report.failed)
        report.index = write_index(settings.out, report.dossiers, failures, report.skipped)
    return report


# -- the terminal overview --------------------------------------------------------------------------


def _when(value: str | None) -> str:
    return (value or "?")[:16].replace("T", " ")


def _counts(dossier: Dossier) -> Text:
    counts = {s: sum(g.status == s for g in dossier.groups) for s in STATUS_STYLE}
    text = Text()
    for status, n in counts.items():
        text.append(f"{n} {status}", style=STATUS_STYLE[status]).append("   ")
    return text


def event_panel(item: EventDossier) -> Panel:
    """One event: outlets, time span, claim counts, the summary with its outlets, where it differs, files."""
    d, event = item.dossier, item.event
    head = Table.grid(padding=(0, 2))
    sources = len({a.source for a in d.articles})
    first, last = d.time_span
    head.add_row(Text("outlets", style="bold"), Text(", ".join(d.outlets)))
    reports = f"{len(d.articles)} from {len(d.outlets)} outlets, {sources} independent"
    head.add_row(Text("reports", style="bold"), Text(reports))
    head.add_row(Text("time span", style="bold"), Text(f"{_when(first)} — {_when(last)} UTC"))
    head.add_row(Text("claims", style="bold"), _counts(d))
    parts: list[Text | Table] = [head, Text("")]
    for s in d.summary:
        line = (
            Text("• ").append(s.text).append(f"  [{', '.join(c.outlet for c in s.citations)}]", style="cyan")
        )
        parts.append(line)
    for diff in d.differences:
        more = f"  (+{len(diff.reasons) - 1} more in the dossier)" if len(diff.reasons) > 1 else ""
        parts.append(Text("≠ ", style="red").append(diff.reasons[0], style="red").append(more, style="dim"))
    parts += [
        Text(""),
        Text("dossier ", style="bold").append(
            str(item.files.get("html") or next(iter(item.files.values()), ""))
        ),
    ]
    return Panel(
        Group(*parts),
        title=Text(event.headline, style="bold"),
        title_align="left",
        subtitle=event.id,
        subtitle_align="right",
    )


def print_overview(console: Console, report: JobReport) -> None:
    for item in report.dossiers:
        console.print(event_panel(item))
    c = report.cluster
    console.print(
        f"{report.ingest.counts['new']} new article(s), {report.read} read, "
        f"{c.events if c else 0} event(s); {len(report.dossiers)} dossier(s) written"
        + (f", {report.skipped} event(s) with a single source or outlet skipped" if report.skipped else "")
    )
    for failure in report.failed:
        console.print(
            f"[red]dossier failed[/] {escape(failure.origin)}: {escape(failure.reason)}", highlight=False
        )
    if report.index is not None:
        console.print(Text("report ", style="bold").append(str(report.index)))
