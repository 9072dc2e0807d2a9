"""``crosswire cluster | stories | storyline | eval clustering``: thin commands over the library
(``crosswire.cluster.run``, ``crosswire.store.events``, ``crosswire.eval.clustering_eval``).
Registered by importing this module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crosswire.present.cli import DbOption, JsonOption, app, console, emit_json, err, eval_app, open_store
from crosswire.present.render import plain_row
from crosswire.store.events import EventRow

OUTLETS_SHOWN = 4


@contextmanager
def progress_bar(label: str, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr; yields an ``on_progress(done, total)`` callback."""
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=quiet) as progress:
        task = progress.add_task("", total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(1)


@app.command("cluster")
def cluster_cmd(
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget all events and cluster everything again (vectors stay).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Group articles not yet clustered into events and storylines (incremental; ids stay stable)."""
    from crosswire.cluster.run import ClusterStateError, cluster_store

    with open_store(db) as store, progress_bar("cluster", quiet=as_json) as on_progress:
        try:
            report = cluster_store(store, on_progress, rebuild=rebuild)
        except ClusterStateError as exc:
            raise fail(f"{exc}; run `crosswire cluster --rebuild`") from exc
    if as_json:
        emit_json(asdict(report))
    else:
        console.print(
            f"clustered {report.clustered} article(s): {report.events} events "
            f"({report.new_events} new), {report.storylines} storylines"
        )


def span(first: str | None, last: str | None) -> str:
    """A compact time span: ``2026-03-03 14:20 → 03-04 10:15``."""
    if first is None or last is None:
        return "undated"
    start = f"{first[:10]} {first[11:16]}".strip()
    if first[:10] == last[:10]:
        return start if first == last else f"{start}–{last[11:16]}"
    return f"{start} → {last[5:10]} {last[11:16]}".strip()


def _outlets(names: list[str]) -> str:
    shown = ", ".join(names[:OUTLETS_SHOWN])
    return shown + (f" +{len(names) - OUTLETS_SHOWN}" if len(names) > OUTLETS_SHOWN else "")


SHORT_ID = 14  # "sl-ev-" + 8 hex digits: a prefix `crosswire storyline` accepts


NARROW = 120  # below this many columns, events show as a headline over one line of details


def events_table(
    rows: list[EventRow], title: str, storylines: dict[str, int] | None = None, width: int = 160
) -> Table:
    """Events; with ``storylines`` (events per storyline), a storyline naming the storyline and its size
    where other events continue the event, "—" where none does. On a narrow terminal each event is its
    headline over a dim line of outlets, articles, time span and storyline, so the headline keeps its room."""
    table = Table(title=title)
    table.add_column("event", no_wrap=True)
    narrow = width < NARROW
    if narrow:
        table.add_column("story", overflow="fold")
    else:
        table.add_column("headline", overflow="fold", ratio=3)
        table.add_column("outlets", overflow="fold", ratio=2)
        table.add_column("articles", justify="right")
        table.add_column("time span", overflow="fold")
        if storylines is not None:
            table.add_column("storyline", no_wrap=True)
    for e in rows:
        short_id = e.id[: len("ev-") + 8]  # a unique prefix every command accepts; --json has the full id
        n = storylines.get(e.storyline_id, 1) if storylines is not None else 1
        line = f"{e.storyline_id[:SHORT_ID]} ({n} events)" if n > 1 else "—"
        when = span(e.first_seen, e.last_seen)
        if narrow:
            outlets = f"{len(e.outlets)} outlet{'s' if len(e.outlets) != 1 else ''}"
            details = [outlets, f"{e.articles} article{'s' if e.articles != 1 else ''}", when]
            details += [f"storyline {line}"] if n > 1 else []
            story = Text(e.headline).append("\n" + " · ".join(details), style="dim")
            plain_row(table, short_id, story)
            continue
        cells = [short_id, e.headline, _outlets(e.outlets), str(e.articles), when]
        plain_row(table, *cells, *([line] if storylines is not None else []))
    return table


@app.command()
def stories(
    db: DbOption = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", help="Only events with this many articles.")
    ] = 1,
    limit: Annotated[int, typer.Option(help="At most this many (0: all).")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Events (stories): most articles first, with outlets, time span, headline and storyline."""
    from crosswire.store.events import counts, list_events, storyline_sizes

    with open_store(db) as store:
        rows = list_events(store, min_articles)
        total = counts(store)
        sizes = storyline_sizes(store)
    shown = rows[:limit] if limit else rows
    if as_json:
        emit_json([asdict(e) for e in shown])
        return
    if not total["events"]:
        err.print("no events yet: run `crosswire cluster`")
    title = f"{len(rows)} events" + (f" (showing {len(shown)})" if len(shown) < len(rows) else "")
    console.print(events_table(shown, title, sizes, console.width))


@app.command()
def storyline(
    storyline_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Storyline id or unique prefix, or an event id (its storyline)."),
    ],
    db: DbOption = None,
    articles: Annotated[bool, typer.Option("--articles", help="Also list each event's articles.")] = False,
    as_json: JsonOption = False,
) -> None:
    """A storyline's events in time order."""
    from crosswire.store.db import StoreError
    from crosswire.store.events import event_articles, find_storyline, storyline_events

    with open_store(db) as store:
        try:
            found = find_storyline(store, storyline_id)
        except StoreError as exc:
            raise fail(str(exc)) from exc
        if found is None:
            raise fail(f"no storyline or event {storyline_id!r}")
        rows = storyline_events(store, found)
        members = {e.id: event_articles(store, e.id) for e in rows} if articles or as_json else {}
    if as_json:
        emit_json(
            {
                "id": found,
                "events": [{**asdict(e), "article_ids": [a.id for a in members[e.id]]} for e in rows],
            }
        )
        return
    console.print(events_table(rows, f"storyline {found}: {len(rows)} event(s)", width=console.width))
    for event_id, items in members.items():
        console.print(f"[bold]{event_id}[/]", highlight=False)
        for a in items:
            copy = f" [dim](copy of {a.copy_of})[/]" if a.copy_of else ""
            console.print(
                f"  {a.id}  {a.published or 'undated':20}  {a.outlet}: {a.title}{copy}",
                highlight=False,
                soft_wrap=True,
            )
    if len(rows) > 1:
        console.print(f"[dim]one dossier over all of them: crosswire dossier {found}[/]", highlight=False)


@eval_app.command("clustering")
def eval_clustering(
    gold: Annotated[
        Path | None,
        typer.Option(
            help="Gold JSON Lines: id, story_id, title, text, outlet, url, published (may be null)."
        ),
    ] = None,
    dataset: Annotated[
        str | None, typer.Option(help="A shared labelled dataset instead (ecbplus, gvc, ...).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Clustering quality: ingest + cluster in a fresh temporary store; BCubed and pairwise P/R/F1."""
    from crosswire.eval.clustering_eval import evaluate_dataset, evaluate_gold_file, format_result
    from crosswire.eval.datasets import DatasetNotFound

    if (gold is None) == (dataset is None):
        raise typer.BadParameter("give exactly one of --gold FILE or --dataset NAME")
    try:
        with progress_bar("cluster", quiet=as_json) as on_progress:
            if gold is not None:
                result = evaluate_gold_file(gold, on_progress)
            else:
                result = evaluate_dataset(dataset or "", on_progress)
    except (OSError, ValueError, DatasetNotFound) as exc:
        raise fail(str(exc)) from exc
    if as_json:
        emit_json(result.to_json())
    else:
        typer.echo(format_result(result))
