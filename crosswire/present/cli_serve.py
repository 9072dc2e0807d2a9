"""``crosswire serve``: browse a store in the browser (stories, dossiers, search, readings) and as JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from crosswire.present.cli import DbOption, app, err


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the store over HTTP: stories, each event's dossier, search, articles; JSON under /api."""
    import uvicorn

    from crosswire.present.web import create_app
    from crosswire.store.db import default_db_path

    path = db or default_db_path()
    if not path.exists():
        err.print(f"[red]error:[/] no store at {path}: run `crosswire ingest` or `crosswire analyze` first")
        raise typer.Exit(1)
    err.print(f"crosswire: serving {path} on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
