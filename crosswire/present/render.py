"""Terminal rendering with rich: tables, panels and the ingest progress bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crosswire.ingest.core import IngestReport, IngestSettings, Outcome, ingest
from crosswire.ingest.sources import Unit
from crosswire.model import Article
from crosswire.store.db import Store

if TYPE_CHECKING:
    from crosswire.present.entity_profile import EntityProfile
    from crosswire.read.reader import Reading

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
                progress.console.print(
                    f"[red]failed[/] {escape(outcome.origin)}: {escape(outcome.reason or '')}",
                    highlight=False,
                    soft_wrap=True,
                )  # one line per failure, however long

        def on_unit(unit: Unit, total: int) -> None:
            progress.update(task, total=total, advance=1, description=_short(unit.location))

        return ingest(names, store, settings, on_outcome, on_unit)


def _short(location: str, width: int = 40) -> str:
    return location if len(location) <= width else "…" + location[-width + 1 :]


def plain_row(table: Table, *cells: str | Text) -> None:
    """Add a row whose strings show as written: text from articles and inputs is never console markup
    ("[the minister] said" would otherwise lose its bracketed words)."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def ingest_table(report: IngestReport) -> Table:
    table = Table(title="Ingest", show_footer=True)
    table.add_column("outlet", footer="total")
    for status in ("new", "copy", "present", "failed"):
        table.add_column(
            status, justify="right", style=STATUS_STYLE[status], footer=str(report.counts[status])
        )
    for outlet, counts in sorted(report.by_outlet.items()):
        plain_row(table, outlet, *(str(counts[s] or "") for s in ("new", "copy", "present", "failed")))
    return table


ID_PREFIX = 8  # characters of an article id shown in tables: enough for ``crosswire show``


def article_summary(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "published": a.published,
        "date_read_from": a.date_read_from,
        "outlet": a.outlet,
        "title": a.title,
        "url": a.url,
        "language": a.language,
        "copy_of": a.copy_of,
        "copy_kind": a.copy_kind,
        "words": len(a.text.split()),
    }


def articles_table(rows: list[Article], width: int = 160) -> Table:
    """Articles, ids as 8-character prefixes (enough for ``show``); under 120 columns the date alone, and a
    copy noted after its title, so the title keeps the room that is left."""
    narrow = width < 120
    table = Table(title=f"{len(rows)} articles")
    columns = ("id", "published", "outlet", "title", "words") + (() if narrow else ("copy of",))
    for col in columns:
        table.add_column(
            col,
            no_wrap=col in ("id", "published", "words"),
            justify="right" if col == "words" else "left",
            overflow="fold",
            max_width=14 if narrow and col == "outlet" else None,
        )
    for a in rows:
        copy = f"{a.copy_of[:ID_PREFIX]} ({a.copy_kind})" if a.copy_of else ""
        when = (a.published or "?").replace("T", " ")[: 10 if narrow else 16]
        cells = [a.id[:ID_PREFIX], when, a.outlet, a.title or "", str(len(a.text.split()))]
        if narrow:
            cells[3] += f" [copy of {copy}]" if copy else ""
        else:
            cells.append(copy)
        plain_row(table, *cells)
    return table


def search_table(hits: list[tuple[Article, str, float]], query: str, width: int = 160) -> Table:
    """Search hits; on a narrow terminal the id is the prefix ``crosswire show`` accepts."""
    narrow = width < 120
    table = Table(title=f"{len(hits)} matches for {query!r}")
    for col in ("id", "outlet", "title", "snippet"):
        table.add_column(col, overflow="fold", max_width=14 if narrow and col == "outlet" else None)
    for a, snippet, _rank in hits:
        shown_id = a.id[:ID_PREFIX] if narrow else a.id
        plain_row(table, shown_id, a.outlet, a.title, Text.from_markup(_mark(snippet)))
    return table


def _mark(snippet: str) -> str:
    return snippet.replace("[", "\x00").replace("]", "[/]").replace("\x00", "[bold yellow]")


def article_panel(a: Article, store: Store) -> Panel:
    info = Table.grid(padding=(0, 2))
    read_from = f" (read from the {a.date_read_from})" if a.date_read_from else ""
    for key, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("published", f"{a.published}{read_from}" if a.published else None),
        ("url", a.url),
        ("author", a.author),
        ("language", a.language),
        ("source", f"{a.source} ({a.source_kind})"),
        ("copy of", f"{a.copy_of} ({a.copy_kind})" if a.copy_of else None),
        ("story (gold)", a.story_id),
    ):
        if value:
            info.add_row(Text(key, style="bold"), Text(str(value)))
    from crosswire.store.readings import get_reading

    reading = get_reading(store, a.id)
    if reading is None:
        body: list[Any] = [Text(a.text), Text("not read yet: run `crosswire read`", style="dim")]
    else:
        body = reading_view(a.text, reading)
    return Panel(Group(info, Text(""), *body), title=a.title or a.id, title_align="left")


MARK_STYLES = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "NORP": "magenta",
    "place": "bold green",
    "OTHER": "cyan",
    "quote": "italic",
    "speaker": "underline",
    "cue": "bold red",
    "number": "bold yellow",
    "date": "bold blue",
}
MARK_LEGEND = (
    ("person", "PERSON"),
    ("organisation", "ORG"),
    ("group", "NORP"),
    ("place", "place"),
    ("quote", "quote"),
    ("speaker", "speaker"),
    ("cue", "cue"),
    ("number", "number"),
    ("date", "date"),
)


def marked_text(text: str, reading: Reading) -> Text:
    """The article text with entities, quotes (speaker, cue, content), numbers, dates and places styled."""
    out = Text(text)
    for q in reading.quotes:
        out.stylize(MARK_STYLES["quote"], q.content.start, q.content.end)
        for span, mark in ((q.speaker, "speaker"), (q.cue, "cue")):
            if span is not None:
                out.stylize(MARK_STYLES[mark], span.start, span.end)
    for m in reading.mentions:
        out.stylize(MARK_STYLES.get(m.kind, MARK_STYLES["OTHER"]), m.span.start, m.span.end)
    for p in reading.places:
        out.stylize(MARK_STYLES["place"], p.span.start, p.span.end)
    for n in reading.quantities:
        out.stylize(MARK_STYLES["number"], n.span.start, n.span.end)
    for t in reading.times:
        out.stylize(MARK_STYLES["date"], t.span.start, t.span.end)
    return out


def reading_view(text: str, reading: Reading) -> list[Any]:
    """Legend, marked text, then what was read: quotes, numbers, dates, places."""
    legend = Text("  ").join(Text(label, style=MARK_STYLES[key]) for label, key in MARK_LEGEND)
    parts: list[Any] = [legend, Text(""), marked_text(text, reading)]
    for table in (
        _quotes_table(text, reading),
        _numbers_table(reading),
        _dates_table(reading),
        _places_table(reading),
    ):
        if table.row_count:
            parts.extend((Text(""), table))
    return parts


def _clip(s: str, width: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _quotes_table(text: str, reading: Reading) -> Table:
    table = Table(title="quotes", title_justify="left")
    for col in ("speaker", "cue", "what", "direct"):
        table.add_column(col, overflow="fold")
    for q in reading.quotes:
        speaker = q.speaker_text or "?"
        if q.speaker_resolved and q.speaker_resolved != q.speaker_text:
            speaker += f" (= {q.speaker_resolved})"
        if q.chain:
            speaker += " via " + " ← ".join(q.chain)
        cue = q.cue.text_of(text) if q.cue else ""
        plain_row(table, speaker, cue, _clip(q.content.text_of(text)), "yes" if q.direct else "")
    return table


def _numbers_table(reading: Reading) -> Table:
    table = Table(title="numbers", title_justify="left")
    for col in ("text", "value", "unit", "counted", "per", "qualifier"):
        table.add_column(col, overflow="fold")
    for n in reading.quantities:
        value = _fmt_num(n.low) if n.low == n.high else f"{_fmt_num(n.low)}–{_fmt_num(n.high)}"
        plain_row(
            table,
            n.text,
            ("≈" if n.approximate else "") + value,
            n.unit or "",
            n.counted or "",
            n.per or "",
            n.qualifier or "",
        )
    return table


def _fmt_num(v: float | None) -> str:
    return "?" if v is None else f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _dates_table(reading: Reading) -> Table:
    table = Table(title="dates", title_justify="left")
    for col in ("text", "from", "to", "granularity"):
        table.add_column(col)
    for t in reading.times:
        kind = t.granularity + (", relative" if t.relative else "")
        plain_row(table, t.text, t.start or "?", t.end or "?", kind)
    return table


def _places_table(reading: Reading) -> Table:
    table = Table(title="places", title_justify="left")
    for col in ("text", "place", "kind", "country", "lat, lon", "geonames"):
        table.add_column(col)
    seen: set[tuple[str, str]] = set()
    for p in reading.places:
        if (p.surface, p.name) in seen:
            continue
        seen.add((p.surface, p.name))
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "?"
        plain_row(table, p.surface, p.name, p.kind, p.country or "?", where, str(p.geonames_id or "?"))
    return table


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
        plain_row(head, Text(key.replace("_", " "), style="bold"), str(data[key]))
    console.print(Panel(head, title="crosswire store", title_align="left"))
    outlets = Table(title="by outlet")
    for col in ("outlet", "articles", "copies", "first", "last"):
        outlets.add_column(col)
    for row in data["by_outlet"]:
        plain_row(
            outlets,
            row["outlet"],
            str(row["articles"]),
            str(row["copies"]),
            row["first"] or "?",
            row["last"] or "?",
        )
    console.print(outlets)


def _file_name(origin: str) -> str:
    """A local path as ``…/name`` (with any ``:line`` suffix); a URL as it is, clipped."""
    if "://" in origin or "/" not in origin:
        return _short(origin)
    return "…/" + origin.rsplit("/", 1)[1]


def failures_table(rows: list[dict[str, Any]], width: int = 160) -> Table:
    """Failed items; on a narrow terminal the item keeps its tail (the file name) and the reason the room."""
    narrow = width < 120
    table = Table(title=f"{len(rows)} failures")
    for col in ("item", "stage", "reason", "tries" if narrow else "attempts", "last seen"):
        table.add_column(col, overflow="fold", max_width=30 if narrow and col == "item" else None)
    for r in rows:
        origin = _file_name(r["origin"]) if narrow else r["origin"]
        seen = (r["last_seen"] or "").replace("T", " ")[: 16 if narrow else None]
        plain_row(table, origin, r["stage"], r["reason"], str(r["attempts"]), seen)
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
    from crosswire.store.events import event_groups

    resolve_store(store, event_groups(store) or None)
    return n


def _some(names: list[str], shown: int) -> str:
    """The first ``shown`` names and how many more ("A, B +3")."""
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f" +{rest}" if rest > 0 else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def entity_view(profile: EntityProfile, sightings: int = 20) -> Group:
    """One entity: what each outlet calls it, its events, and its first ``sightings`` mentions in their
    sentences, each with article and character span."""
    e = profile.entity
    head = Text.assemble(
        (e.name, "bold"),
        f"  {e.kind} · {_count(profile.mentions, 'mention')} in {_count(len(profile.articles), 'article')}"
        f" · {e.id}",
    )
    calls = Table(title="what each outlet calls it", title_justify="left")
    calls.add_column("outlet")
    calls.add_column("written as (mentions)", overflow="fold")
    for outlet, surfaces in profile.outlets:
        plain_row(calls, outlet, "; ".join(f"{s} ({n})" for s, n in surfaces))
    parts: list[Any] = [head, calls]
    if profile.events:
        parts.append(Text("events: " + "; ".join(f"{ev.headline} ({ev.mentions})" for ev in profile.events)))
    lines = Table(title="mentions", title_justify="left", show_lines=False)
    lines.add_column("outlet")
    lines.add_column("in its sentence", overflow="fold")
    lines.add_column("article:span", overflow="fold")
    shown = 0
    for a in profile.articles:
        for s in a.sightings:
            if shown >= sightings:
                break
            marked = Text.assemble(*((piece, "bold magenta" if span else "") for piece, span in s.pieces))
            spans = ", ".join(f"{start}-{end}" for start, end, _ in s.mentions)
            plain_row(lines, a.article.outlet, marked, f"{a.article.id}:{spans}")
            shown += len(s.mentions)
    parts.append(lines)
    if profile.mentions > shown:
        parts.append(Text(f"+{profile.mentions - shown} more mentions (--all, or --json)", style="dim"))
    return Group(*parts)


def entities_table(rows: list[dict[str, Any]], width: int = 160) -> Table:
    """Entities with their other spellings; the outlets column names two outlets and counts the rest, or on a
    terminal under 120 columns only counts them, so a row stays on one line (``--json`` lists them all)."""
    narrow = width < 120
    table = Table(title=f"{len(rows)} entities")
    for col in ("name", "kind", "mentions", "articles", "also written", "outlets"):
        numeric = col in ("mentions", "articles")
        table.add_column(
            col[:4] + "." if narrow and numeric else col,
            justify="right" if numeric or (narrow and col == "outlets") else "left",
            overflow="fold",
        )
    for r in rows:
        variants = [a for a in r["aliases"] if a != r["name"]]
        plain_row(
            table,
            r["name"],
            r["kind"],
            str(r["mentions"]),
            str(r["articles"]),
            "; ".join(variants[: 3 if narrow else 6]),
            str(len(r["outlets"])) if narrow else _some(sorted(r["outlets"]), 2),
        )
    return table
