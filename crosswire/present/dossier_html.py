"""The dossier as one self-contained HTML file: inline CSS, JS and SVG, nothing external, text escaped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from crosswire.compare.dossier import Dossier
from crosswire.model import parse_instant
from crosswire.present.dossier_chart import coverage_chart
from crosswire.present.dossier_json import dossier_data, label_kind, label_order
from crosswire.present.dossier_marks import anchor_of, article_markup

TEMPLATE = "dossier.html"
PALETTE = (
    "#1f6fb2",
    "#c2452d",
    "#2e8b57",
    "#8e44ad",
    "#d4860b",
    "#16808a",
    "#b5306b",
    "#5a6b1f",
    "#6d4c41",
    "#3f51b5",
)
LABEL_ROWS = 40  # entities shown in the labels table (those named differently first)
GRANULARITY_FORMAT = {"day": "%a %d %b %Y", "month": "%B %Y", "year": "%Y", "decade": "%Ys"}


def outlet_colors(outlets: list[str]) -> dict[str, str]:
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}


def when(value: str | None, with_time: bool = True) -> str:
    """ "Tue 03 Mar 2026, 13:20 UTC" from an ISO timestamp; "date unknown" for none."""
    t = parse_instant(value)
    if t is None:
        return value or "date unknown"
    return t.strftime("%a %d %b %Y, %H:%M UTC" if with_time else "%a %d %b %Y")


def web_url(url: str | None) -> str:
    """The URL when it is an http(s) link, else "" (never a ``javascript:`` or ``data:`` link)."""
    return url if url and url.lower().startswith(("http://", "https://")) else ""


def point_date(point: dict[str, Any]) -> str:
    """A timeline point's date at its own granularity ("September 2023", "week of Mon 23 Feb 2026")."""
    start = datetime.fromisoformat(point["start"])
    gran = point["granularity"]
    if gran == "week":
        return "week of " + start.strftime("%a %d %b %Y")
    if gran in GRANULARITY_FORMAT:
        return start.strftime(GRANULARITY_FORMAT[gran])
    return f"{point['start']} – {point['end']}"


def timeline_days(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive timeline points with the same date label, under one heading."""
    days: list[dict[str, Any]] = []
    for p in points:
        label = point_date(p)
        if days and days[-1]["label"] == label:
            days[-1]["points"].append(p)
        else:
            days.append({"label": label, "granularity": p["granularity"], "points": [p]})
    return days


def label_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Referents labelled by at least two outlets: named ones first, then those with the most distinct
    labels."""
    rows = [e for e in data["labels"] if len(e["by_outlet"]) >= 2]
    rows.sort(key=label_order)
    return rows[:LABEL_ROWS]


def label_outlet_counts(entity: dict[str, Any]) -> dict[str, int]:
    """Lower-cased label → how many outlets use it, to mark labels only one outlet uses."""
    seen: dict[str, int] = {}
    for uses in entity["by_outlet"].values():
        for label in {u["label"].lower() for u in uses}:
            seen[label] = seen.get(label, 0) + 1
    return seen


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crosswire.present", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["multi"] = lambda items: len(items) > 1
    env.filters.update(anchor=anchor_of, when=when, point_date=point_date, web_url=web_url)
    return env


def context(dossier: Dossier, event_headline: str | None = None, home: str | None = None) -> dict[str, Any]:
    """``home``: a link back to the list of stories (when served by ``crosswire serve``)."""
    data = dossier_data(dossier, event_headline)
    outlets = [o["name"] for o in data["outlets"]]
    return {
        "home": home,
        "d": data,
        "colors": outlet_colors(outlets),
        "groups_by_id": {g["id"]: g for g in data["groups"]},
        "claims_by_id": {c["id"]: c for c in data["claims"]},
        "articles_by_id": {a["id"]: a for a in data["articles"]},
        "markup": article_markup(dossier, data),
        "chart": coverage_chart([(a.outlet, a.published) for a in dossier.articles]),
        "label_rows": label_rows(data),
        "label_outlet_counts": label_outlet_counts,
        "label_kind": label_kind,
        "timeline_days": timeline_days(data["timeline"]),
    }


def to_html(dossier: Dossier, event_headline: str | None = None, home: str | None = None) -> str:
    """The whole dossier page."""
    return _environment().get_template(TEMPLATE).render(**context(dossier, event_headline, home))


def write_html(dossier: Dossier, path: Path, event_headline: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_html(dossier, event_headline), encoding="utf-8")
    return path
