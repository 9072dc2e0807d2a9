"""The ``crosswire`` command: a thin shell over the library. Parses, calls, renders, sets the exit status."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from crosswire.present import render

app = typer.Typer(
    name="crosswire",
    help="Read the news like a careful analyst: ingest reports, group them into stories, compare outlets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

EXIT_PARTIAL = 3  # the run finished, but some items failed (they are listed and recorded)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", envvar="CROSSWIRE_DB", help="Database file [default: ~/.local/share/crosswire/crosswire.db]"
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
OutletOption = Annotated[
    str | None, typer.Option("--outlet", help="Outlet for items whose source names none (no front matter).")
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date for items whose source states none.")
]


def item_defaults(outlet: str | None, published: str | None) -> dict[str, str]:
    """Metadata the user states for items that lack it (``IngestSettings.defaults``)."""
    return {k: v for k, v in (("outlet", outlet), ("published", published)) if v}


def open_store(db: Path | None) -> Any:
    from crosswire.store.db import Store, default_db_path

    return Store(db or default_db_path())


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what the library does.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, directories, URLs, feeds, or - for JSON Lines on stdin."),
    ] = None,
    db: DbOption = None,
    dataset: Annotated[
        list[str] | None,
        typer.Option("--dataset", help="Load a labelled dataset by name (ecbplus, uci, ...)."),
    ] = None,
    follow: Annotated[
        str,
        typer.Option(
            help="Feeds: fetch entry pages: auto (only if the feed lacks full text), always, never."
        ),
    ] = "auto",
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow fetching from private/loopback addresses.")
    ] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Never fetch from the network.")] = False,
    near_threshold: Annotated[
        float, typer.Option(help="MinHash Jaccard at which a report is a near-duplicate.")
    ] = 0.5,
    outlet: OutletOption = None,
    published: PublishedOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest news into the store. Nothing is lost: failed items are reported and recorded."""
    from crosswire.ingest.core import IngestSettings
    from crosswire.ingest.fetch import FetchSettings

    names = list(sources or []) + [f"dataset:{d}" for d in dataset or []]
    if not names:
        raise typer.BadParameter("name at least one source or --dataset")
    if follow not in {"auto", "always", "never"}:
        raise typer.BadParameter("--follow must be auto, always or never")
    settings = IngestSettings(
        follow=follow,  # type: ignore[arg-type]
        offline=offline,
        near_threshold=near_threshold,
        fetch=FetchSettings(allow_private=allow_private),
        defaults=item_defaults(outlet, published),
    )
    with open_store(db) as store:
        report = render.run_ingest(names, store, settings, err, quiet=as_json)
    if as_json:
        emit_json(
            {
                "counts": dict(report.counts),
                "by_outlet": {k: dict(v) for k, v in report.by_outlet.items()},
                "failures": [f.__dict__ for f in report.failures],
            }
        )
    else:
        console.print(render.ingest_table(report))
    if report.failed:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Full-text filter.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List articles, oldest first."""
    with open_store(db) as store:
        rows = store.articles(outlet=outlet, since=since, until=until, query=query, limit=limit)
    if as_json:
        emit_json([render.article_summary(a) for a in rows])
    else:
        console.print(render.articles_table(rows, console.width))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (FTS5; OR/NOT and prefix* allowed).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts, best matches first."""
    from crosswire.store.db import StoreError

    with open_store(db) as store:
        try:
            hits = store.search(query, limit)
        except StoreError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from exc
    if as_json:
        emit_json([{**render.article_summary(a), "snippet": s, "rank": r} for a, s, r in hits])
    else:
        console.print(render.search_table(hits, query, console.width))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (or a unique prefix).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article with its provenance and, once read, its entities, quotes, numbers, dates, places."""
    from crosswire.store.readings import get_reading

    with open_store(db) as store:
        article = store.get(article_id)
        if article is None:
            err.print(f"[red]error:[/] no article {escape(repr(article_id))}")
            raise typer.Exit(1)
        if as_json:
            reading = get_reading(store, article.id)
            emit_json({**article.__dict__, "reading": reading.to_json() if reading else None})
        else:
            console.print(render.article_panel(article, store))


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the store holds: articles, copies, outlets, languages, failures."""
    with open_store(db) as store:
        data = store.stats()
    if as_json:
        emit_json(data)
    else:
        render.print_stats(console, data)


@app.command()
def failures(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Items that could not be ingested or processed, and why."""
    with open_store(db) as store:
        rows = store.failures()
    if as_json:
        emit_json(rows)
    else:
        console.print(render.failures_table(rows, console.width))


@app.command("read")
def read_cmd(db: DbOption = None) -> None:
    """Read every unread article (entities, quotes, numbers, dates), then resolve entities corpus-wide."""
    from crosswire.store.readings import unread

    with open_store(db) as store:
        n = render.run_read(store, err)
        console.print(f"read {n} article(s); {store.count('entities')} entities resolved")
        left = len(unread(store))
    if left:
        err.print(f"[yellow]{left} article(s) could not be read[/]: see `crosswire failures`")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def entities(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Resolved entities with their variant names and the outlets that mention them."""
    from crosswire.store.readings import entity_table

    with open_store(db) as store:
        rows = entity_table(store, limit)
    if as_json:
        emit_json(rows)
    else:
        console.print(render.entities_table(rows, console.width))


@app.command()
def entity(
    key: Annotated[str, typer.Argument(help="An entity id, or a name or spelling of it.")],
    db: DbOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every mention, not the first 20.")] = False,
    as_json: JsonOption = False,
) -> None:
    """One entity: what each outlet calls it, its events, and every mention in its sentence."""
    from crosswire.present.entity_profile import entity_profile

    with open_store(db) as store:
        profile = entity_profile(store, key)
    if profile is None:
        what = escape(repr(key))
        err.print(f"[red]error:[/] no entity {what} (by id, name or spelling): see `crosswire entities`")
        raise typer.Exit(1)
    if as_json:
        emit_json(profile.to_json())
    else:
        console.print(render.entity_view(profile, profile.mentions if show_all else 20))


eval_app = typer.Typer(help="Measure quality on labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("entities")
def eval_entities(
    dataset: Annotated[str, typer.Option(help="newswcl50, ecbplus or meantime.")] = "newswcl50",
    limit: Annotated[int | None, typer.Option(help="Only the first N topics.")] = None,
    split: Annotated[
        str | None,
        typer.Option(
            help="Topic split: train, dev/val or test "
            "(ECB+ 1-22/23-25/26-45; NewsWCL50, MEANTIME: their split files)."
        ),
    ] = None,
    grouping: Annotated[str, typer.Option(help="Stories: topic, predicted or subtopic.")] = "topic",
    mentions: Annotated[
        str,
        typer.Option(
            help="gold: resolve the gold mentions (resolution alone); predicted: the reader's own mentions, "
            "resolved per topic as the product does, scored on those matching a gold mention."
        ),
    ] = "gold",
    details: Annotated[bool, typer.Option(help="With --mentions predicted: the worst mixtures.")] = False,
) -> None:
    """Cross-document entity coreference (MUC, B3, CEAF-e, CoNLL F1) vs an exact-string baseline."""
    if mentions == "predicted":
        from crosswire.eval.entities_e2e import evaluate_end_to_end, format_end_to_end

        typer.echo(format_end_to_end(evaluate_end_to_end(dataset, split, limit), details))
        return
    if mentions != "gold":
        raise typer.BadParameter(f"--mentions must be gold or predicted, not {mentions!r}")
    from crosswire.eval.entities_eval import evaluate_entities, format_table

    typer.echo(format_table(evaluate_entities(dataset, limit, grouping, split)))


@eval_app.command("quotes")
def eval_quotes(
    folder: Annotated[
        Path, typer.Argument(help="A folder in PolNeAR's layout: text/*.txt, attributions/*.ann.")
    ],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
) -> None:
    """Quote attribution P/R/F1 (speaker, cue, content; exact and token overlap) against brat annotations."""
    from crosswire.eval.quotes_eval import evaluate_quotes, format_scores

    typer.echo(format_scores(evaluate_quotes(folder, limit=limit)))


SAMPLE_FOLDERS = ("text", "html", "feeds", "jsonl", "broken")


@app.command()
def analyze(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs or feeds to analyse.")],
    db: DbOption = None,
    out: Annotated[Path, typer.Option(help="Folder for the dossiers (html, md, json).")] = Path("out"),
    offline: Annotated[bool, typer.Option("--offline", help="Never fetch from the network.")] = False,
) -> None:
    """The main job in one go: ingest, read, cluster, compare; a dossier per event reported by 2+ sources."""
    from crosswire.ingest.core import IngestSettings
    from crosswire.present.main_job import JobSettings, print_overview, run_job

    settings = JobSettings(out=out, ingest=IngestSettings(offline=offline))
    with open_store(db) as store:
        report = run_job(list(sources), store, settings, err)
    console.print(render.ingest_table(report.ingest))
    print_overview(console, report)
    if report.partial:
        failed = report.ingest.failed + report.unread + len(report.failed)
        err.print(f"[yellow]{failed} item(s) failed[/]: see `crosswire failures`")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def demo(
    db: DbOption = None,
    out: Annotated[Path, typer.Option(help="Folder for the dossiers.")] = Path("out"),
) -> None:
    """Run the main job on the bundled sample corpus (samples/), offline."""
    from crosswire.eval.paths import REPO_ROOT

    folders = [str(REPO_ROOT / "samples" / name) for name in SAMPLE_FOLDERS]
    try:
        analyze(folders, db=db, out=out, offline=True)
    except typer.Exit as exc:
        if exc.exit_code != EXIT_PARTIAL:  # the samples include broken files on purpose
            raise


# the commands defined in their own modules register themselves on import
from crosswire.present import cli_cluster, cli_dossier, cli_serve  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    app()
