"""Terminal rendering with rich: tables, panels and the ingest progress bar."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crosswire.ingest.core import IngestReport, IngestSettings, Outcome, ingest
from crosswire.ingest.sources import Unit
from crosswire.model import Article
from crosswire.store.db import Store

STATUS_STYLE = {"new": "green", "copy": "cyan", "present": "dim", "failed": "red"}


def run_ingest(
    names: list[str], store: Store, settings: IngestSettings, err: Console, quiet: bool
) -> IngestReport:
    """Ingest with a progress bar over input units; each failure printed as one line on stderr."""
    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=quiet) as progress:
        task = progress.add_task("", total=None)

        def on_outcome(outcome: Outcome) -> None:
            if outcome.status == "failed":
                progress.console.print(f"[red]failed[/] {outcome.origin}: {outcome.reason}", highlight=False,
                                       soft_wrap=True)  # one line per failure, however long

        def on_unit(unit: Unit, total: int) -> None:
            progress.update(task, total=total, advance=1, description=_short(unit.location))

        return ingest(names, store, settings, on_outcome, on_unit)


def _short(location: str, width: int = 40) -> str:
    return location if len(location) <= width else "…" + location[-width + 1 :]


def ingest_table(report: IngestReport) -> Table:
    table = Table(title="Ingest", show_footer=True)
    table.add_column("outlet", footer="total")
    for status in ("new", "copy", "present", "failed"):
        table.add_column(
            status, justify="right", style=STATUS_STYLE[status], footer=str(report.counts[status])
        )
    for outlet, counts in sorted(report.by_outlet.items()):
        table.add_row(outlet, *(str(counts[s] or "") for s in ("new", "copy", "present", "failed")))
    return table


def article_summary(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "published": a.published,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "language": a.language,
        "copy_of": a.copy_of,
        "copy_kind": a.copy_kind,
        "words": len(a.text.split()),
    }


def articles_table(rows: list[Article]) -> Table:
    table = Table(title=f"{len(rows)} articles")
    for col in ("id", "published", "outlet", "title", "words", "copy of"):
        table.add_column(col, overflow="fold" if col == "title" else "ellipsis")
    for a in rows:
        copy = f"{a.copy_of} ({a.copy_kind})" if a.copy_of else ""
        table.add_row(a.id, (a.published or "?")[:16], a.outlet, a.title, str(len(a.text.split())), copy)
    return table


def search_table(hits: list[tuple[Article, str, float]], query: str) -> Table:
    table = Table(title=f"{len(hits)} matches for {query!r}")
    for col in ("id", "outlet", "title", "snippet"):
        table.add_column(col, overflow="fold")
    for a, snippet, _rank in hits:
        table.add_row(a.id, a.outlet, a.title, Text.from_markup(_mark(snippet)))
    return table


def _mark(snippet: str) -> str:
    return snippet.replace("[", "\x00").replace("]", "[/]").replace("\x00", "[bold yellow]")


def article_panel(a: Article, store: Store) -> Panel:
    info = Table.grid(padding=(0, 2))
    for key, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("published", a.published),
        ("url", a.url),
        ("author", a.author),
        ("language", a.language),
        ("source", f"{a.source} ({a.source_kind})"),
        ("copy of", f"{a.copy_of} ({a.copy_kind})" if a.copy_of else None),
        ("story (gold)", a.story_id),
    ):
        if value:
            info.add_row(Text(key, style="bold"), Text(str(value)))
    return Panel(Group(info, Text(""), Text(a.text)), title=a.title or a.id, title_align="left")


def print_stats(console: Console, data: dict[str, Any]) -> None:
    head = Table.grid(padding=(0, 2))
    for key in (
        "articles",
        "originals",
        "exact_copies",
        "near_copies",
        "outlets",
        "failures",
        "first_published",
        "last_published",
    ):
        head.add_row(Text(key.replace("_", " "), style="bold"), str(data[key]))
    console.print(Panel(head, title="crosswire store", title_align="left"))
    outlets = Table(title="by outlet")
    for col in ("outlet", "articles", "copies", "first", "last"):
        outlets.add_column(col)
    for row in data["by_outlet"]:
        outlets.add_row(
            row["outlet"], str(row["articles"]), str(row["copies"]), row["first"] or "?", row["last"] or "?"
        )
    console.print(outlets)


def failures_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} failures")
    for col in ("item", "stage", "reason", "attempts", "last seen"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["origin"], r["stage"], r["reason"], str(r["attempts"]), r["last_seen"])
    return table


def run_read(store: Store, err: Console) -> int:
    """The read stage with a progress bar, then entity resolution (grouped by event when clustered)."""
    from crosswire.read.run import read_store, resolve_store

    with Progress(
        TextColumn("[bold]read"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)
        n = read_store(store, lambda done, total: progress.update(task, completed=done, total=total))
    resolve_store(store, event_groups(store))
    return n


def event_groups(store: Store) -> dict[str, str] | None:
    """article id → event id, if the store has been clustered."""
    try:
        rows = store.db.execute("SELECT article_id, event_id FROM event_articles").fetchall()
    except Exception:
        return None
    return {a: e for a, e in rows} or None


def entities_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} entities")
    for col in ("name", "kind", "mentions", "articles", "also written", "outlets"):
        table.add_column(col, overflow="fold")
    for r in rows:
        variants = [a for a in r["aliases"] if a != r["name"]]
        table.add_row(
            r["name"],
            r["kind"],
            str(r["mentions"]),
            str(r["articles"]),
            "; ".join(variants[:6]),
            ", ".join(sorted(r["outlets"])),
        )
    return table
