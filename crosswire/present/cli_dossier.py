"""``crosswire dossier ID``: one event's dossier, or one storyline's, as HTML, Markdown or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from crosswire.present.cli import DbOption, app, console, err, open_store

FORMAT_EXT = {"html": "html", "md": "md", "json": "json"}


def target(out: Path | None, event_id: str, fmt: str) -> Path | None:
    """Where to write: ``out`` itself when it names a file, ``out/<event-id>.<ext>`` when it is a folder;
    None for standard output (Markdown and JSON without ``--out``); ``./<event-id>.html`` for HTML."""
    name = f"{event_id}.{FORMAT_EXT[fmt]}"
    if out is None:
        return Path(name) if fmt == "html" else None
    if out.is_dir() or not out.suffix:
        return out / name
    return out


@app.command()
def dossier(
    event: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Event id, or storyline id (sl-…) for all its events; a unique prefix will do."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or json.")] = "html",
    out: Annotated[
        Path | None,
        typer.Option(
            help="File or folder to write [default: stdout for md/json, ./<event-id>.html for html]."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Compare the outlets reporting one event, or a storyline's events together: claims, conflicts,
    omissions, labels, quotes, timeline."""
    from crosswire.present.dossier_html import to_html
    from crosswire.present.dossier_json import to_json
    from crosswire.present.dossier_md import to_markdown
    from crosswire.present.main_job import event_dossier, storyline_dossier
    from crosswire.store.db import StoreError
    from crosswire.store.events import find_storyline, get_event, storyline_events

    if fmt not in FORMAT_EXT:
        raise typer.BadParameter("--format must be html, md or json")
    with open_store(db) as store:
        try:
            row = None if event.startswith("sl-") else get_event(store, event)
            storyline = find_storyline(store, event) if row is None else None
        except StoreError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from exc
        if row is not None:
            built, headline = event_dossier(store, row), row.headline
        elif storyline is not None:
            events = storyline_events(store, storyline)
            built = storyline_dossier(store, storyline, events)
            headline = f"{events[0].headline} (storyline of {len(events)} events)" if events else storyline
        else:
            err.print(f"[red]error:[/] no event or storyline {escape(repr(event))}: see `crosswire stories`")
            raise typer.Exit(1)
    text = {"html": to_html, "md": to_markdown, "json": to_json}[fmt](built, headline)
    path = target(out, built.event_id, fmt)
    if path is None:
        typer.echo(text, nl=False)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    console.print(f"wrote {path}")
