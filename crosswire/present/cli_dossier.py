"""``crosswire dossier EVENT``: one event's dossier as HTML, Markdown or JSON."""

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
    event: Annotated[str, typer.Argument(metavar="EVENT", help="Event id (or a unique prefix).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or json.")] = "html",
    out: Annotated[
        Path | None,
        typer.Option(
            help="File or folder to write [default: stdout for md/json, ./<event-id>.html for html]."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Compare the outlets reporting one event: claims, conflicts, omissions, labels, quotes, timeline."""
    from crosswire.present.dossier_html import to_html
    from crosswire.present.dossier_json import to_json
    from crosswire.present.dossier_md import to_markdown
    from crosswire.present.main_job import event_dossier
    from crosswire.store.db import StoreError
    from crosswire.store.events import get_event

    if fmt not in FORMAT_EXT:
        raise typer.BadParameter("--format must be html, md or json")
    with open_store(db) as store:
        try:
            row = get_event(store, event)
        except StoreError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from exc
        if row is None:
            err.print(f"[red]error:[/] no event {escape(repr(event))}: see `crosswire stories`")
            raise typer.Exit(1)
        built = event_dossier(store, row)
    text = {"html": to_html, "md": to_markdown, "json": to_json}[fmt](built, row.headline)
    path = target(out, row.id, fmt)
    if path is None:
        typer.echo(text, nl=False)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    console.print(f"wrote {path}")
