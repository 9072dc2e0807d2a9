"""``crosswire serve``: a store in the browser, and the same data as JSON under ``/api``.

Pages: stories (events, most reported first), an event's dossier, a storyline, resolved entities with
their spellings and outlets, one entity (what each outlet calls it, every mention in its sentence),
full-text search, and one article's reading with its entities, quotes,
numbers, dates and places marked on the text. A dossier is built on first request and kept until its
event changes. Every request opens the store afresh, so the server sees what a concurrent
``crosswire ingest``/``cluster`` wrote.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup

from crosswire.model import Article
from crosswire.present.dossier_chart import Chart, coverage_chart
from crosswire.present.dossier_html import _environment, outlet_colors
from crosswire.present.dossier_marks import MarkSet
from crosswire.present.entity_profile import EntityProfile, entity_profile
from crosswire.read.reader import Reading
from crosswire.store.db import Store, StoreError
from crosswire.store.events import (
    EventRow,
    event_articles,
    get_event,
    list_events,
    storyline_events,
    storyline_sizes,
)

if TYPE_CHECKING:
    from crosswire.compare.dossier import Dossier

DOSSIER_CACHE_SIZE = 32
SEARCH_LIMIT = 50
CHART_EVENTS = 10  # events drawn in the stories chart
CHART_LABEL_CHARS = 22
ENTITY_LIMIT = 200


class DossierCache:
    """Rendered dossiers (HTML and JSON) by event or storyline, rebuilt when a member event changes."""

    def __init__(self, size: int = DOSSIER_CACHE_SIZE) -> None:
        self.size = size
        self.items: OrderedDict[tuple[object, ...], str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, store: Store, event: EventRow, fmt: str) -> str:
        from crosswire.present.main_job import event_dossier

        key = (event.id, event.articles, event.last_seen, fmt)
        return self._get(key, lambda: event_dossier(store, event), event.headline, fmt)

    def get_storyline(self, store: Store, storyline_id: str, events: list[EventRow], fmt: str) -> str:
        """One dossier over all the storyline's ``events``."""
        from crosswire.present.main_job import storyline_dossier

        key = (storyline_id, *((e.id, e.articles, e.last_seen) for e in events), fmt)
        headline = f"{events[0].headline} (storyline of {len(events)} events)"
        return self._get(key, lambda: storyline_dossier(store, storyline_id, events), headline, fmt)

    def _get(self, key: tuple[object, ...], build: Callable[[], Dossier], headline: str, fmt: str) -> str:
        from crosswire.present.dossier_html import to_html
        from crosswire.present.dossier_json import to_json

        with self.lock:  # one build at a time: a dossier build is CPU-bound and may load models
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            built = build()
            page = to_html(built, headline, home="/") if fmt == "html" else to_json(built, headline)
            self.items[key] = page
            while len(self.items) > self.size:
                self.items.popitem(last=False)
            return page


def reading_markup(article: Article, reading: Reading | None) -> Markup:
    """The article's text as HTML, every extracted item marked where the text says it."""
    marks = MarkSet(article.id)
    for q in reading.quotes if reading else []:
        marks.add_quote(q)
    for m in reading.mentions if reading else []:
        marks.add(m.span.start, m.span.end, f"ent k-{m.kind}", f"{m.kind}: {m.name or m.surface}")
    for n in reading.quantities if reading else []:
        marks.add(n.span.start, n.span.end, "num", _quantity(n))
    for t in reading.times if reading else []:
        marks.add(t.span.start, t.span.end, "time", f"{t.start or '?'} to {t.end or '?'} ({t.granularity})")
    for p in reading.places if reading else []:
        marks.add(p.span.start, p.span.end, "place", f"{p.name}, {p.country or '?'}")
    return marks.markup(article.text)


def chart_label(rank: int, headline: str) -> str:
    """The stories chart's row label: the event's rank in the table and the start of its headline."""
    if len(headline) > CHART_LABEL_CHARS:
        headline = headline[: CHART_LABEL_CHARS - 1].rstrip() + "…"
    return f"{rank}. {headline}"


def stories_chart(store: Store, events: list[EventRow]) -> tuple[Chart, dict[str, str]]:
    """Coverage over time of the most reported events: one row per event, a dot per hour or day."""
    items = [
        (chart_label(rank, e.headline or e.id), a.published)
        for rank, e in enumerate(events, start=1)
        for a in event_articles(store, e.id)
    ]
    labels = list(dict.fromkeys(label for label, _ in items))
    return coverage_chart(items), outlet_colors(labels)


def highlight(snippet: str) -> Markup:
    """An FTS5 snippet (matches in [brackets]) as HTML with the matches in <mark>."""
    return Markup(str(Markup.escape(snippet)).replace("[", "<mark>").replace("]", "</mark>"))


def _quantity(n: Any) -> str:
    low, high = n.low, n.high
    value = f"{low:g}" if low == high and low is not None else f"{_g(low)} to {_g(high)}"
    return " ".join(x for x in (value, n.unit or "", n.counted or "", f"per {n.per}" if n.per else "") if x)


def _g(x: float | None) -> str:
    return "…" if x is None else f"{x:g}"


def create_app(db_path: Path) -> FastAPI:
    """The web app over the store at ``db_path``."""
    app = FastAPI(title="crosswire", description="Stories, dossiers and readings of a crosswire store.")
    pages = _environment()
    dossiers = DossierCache()

    @contextmanager
    def opened() -> Iterator[Store]:
        with Store(db_path) as store:
            yield store

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(pages.get_template("web.html").render(page=name, **context))

    def event_or_404(store: Store, event_id: str) -> EventRow:
        event = get_event(store, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return event

    def article_or_404(store: Store, article_id: str) -> Article:
        article = store.get(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return article

    def profile_or_404(store: Store, entity_id: str) -> EntityProfile:
        profile = entity_profile(store, entity_id)
        if profile is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        return profile

    # -- pages ------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def stories_page(min_articles: int = 1) -> HTMLResponse:
        with opened() as store:
            events = list_events(store, min_articles)
            chart, colors = stories_chart(store, events[:CHART_EVENTS])
            return page(
                "stories",
                events=events,
                stats=store.stats(),
                chart=chart,
                colors=colors,
                storylines=storyline_sizes(store),
            )

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def dossier_page(event_id: str) -> HTMLResponse:
        with opened() as store:
            return HTMLResponse(dossiers.get(store, event_or_404(store, event_id), "html"))

    def storyline_or_404(store: Store, storyline_id: str) -> list[EventRow]:
        events = storyline_events(store, storyline_id)
        if not events:
            raise HTTPException(404, f"no storyline {storyline_id!r}")
        return events

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse)
    def storyline_page(storyline_id: str) -> HTMLResponse:
        with opened() as store:
            events = storyline_or_404(store, storyline_id)
            return page("storyline", storyline_id=storyline_id, events=events)

    @app.get("/storylines/{storyline_id}/dossier", response_class=HTMLResponse)
    def storyline_dossier_page(storyline_id: str) -> HTMLResponse:
        with opened() as store:
            events = storyline_or_404(store, storyline_id)
            return HTMLResponse(dossiers.get_storyline(store, storyline_id, events, "html"))

    @app.get("/entities", response_class=HTMLResponse)
    def entities_page(limit: int = ENTITY_LIMIT) -> HTMLResponse:
        from crosswire.store.readings import entity_table

        with opened() as store:
            return page("entities", entities=entity_table(store, limit))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str) -> HTMLResponse:
        with opened() as store:
            return page("entity", profile=profile_or_404(store, entity_id))

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: str = "") -> HTMLResponse:
        with opened() as store:
            try:
                hits = store.search(q, SEARCH_LIMIT) if q.strip() else []
            except StoreError as exc:
                return page("search", q=q, hits=[], error=str(exc))
            return page("search", q=q, hits=[(a, highlight(s), r) for a, s, r in hits], error=None)

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        from crosswire.store.readings import article_entities, get_reading

        with opened() as store:
            article = article_or_404(store, article_id)
            reading = get_reading(store, article.id)
            entities = article_entities(store, article.id)
            text = reading_markup(article, reading)
            return page("article", a=article, reading=reading, text=text, entities=entities)

    # -- JSON ---------------------------------------------------------------------------------------

    @app.get("/api/stats")
    def stats_json() -> dict[str, Any]:
        with opened() as store:
            return store.stats()

    @app.get("/api/entities")
    def entities_json(limit: int = ENTITY_LIMIT) -> list[dict[str, Any]]:
        from crosswire.store.readings import entity_table

        with opened() as store:
            return entity_table(store, limit)

    @app.get("/api/entities/{entity_id}")
    def entity_json(entity_id: str) -> dict[str, Any]:
        with opened() as store:
            return profile_or_404(store, entity_id).to_json()

    @app.get("/api/events")
    def events_json(min_articles: int = 1) -> list[dict[str, Any]]:
        with opened() as store:
            return [e.__dict__ for e in list_events(store, min_articles)]

    @app.get("/api/events/{event_id}")
    def event_json(event_id: str) -> dict[str, Any]:
        with opened() as store:
            event = event_or_404(store, event_id)
            articles = [a.id for a in event_articles(store, event.id)]
            return {**event.__dict__, "article_ids": articles}

    @app.get("/api/events/{event_id}/dossier")
    def dossier_json(event_id: str) -> HTMLResponse:
        with opened() as store:
            text = dossiers.get(store, event_or_404(store, event_id), "json")
            return HTMLResponse(text, media_type="application/json")

    @app.exception_handler(StoreError)
    def bad_request(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.get("/api/search")
    def search_json(q: str = Query(min_length=1), limit: int = 20) -> list[dict[str, Any]]:
        from crosswire.present.render import article_summary

        with opened() as store:
            return [{**article_summary(a), "snippet": s, "rank": r} for a, s, r in store.search(q, limit)]

    @app.get("/api/articles/{article_id}")
    def article_json(article_id: str) -> dict[str, Any]:
        from crosswire.store.readings import get_reading

        with opened() as store:
            article = article_or_404(store, article_id)
            reading = get_reading(store, article.id)
            return {**article.__dict__, "reading": reading.to_json() if reading else None}

    return app
