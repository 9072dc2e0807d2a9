"""Coverage over time for the dossier: articles per outlet per hour or day, laid out as SVG coordinates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from crosswire.model import parse_instant

HOURLY_MAX = timedelta(days=3)  # spans up to this long are bucketed by hour, longer ones by day
WIDTH = 920
LABEL_W = 190
ROW_H = 28
TOP = 10
AXIS_H = 34
MAX_TICKS = 8


@dataclass
class Dot:
    x: float
    y: float
    r: float
    outlet: str
    count: int
    when: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    """Everything the template needs to draw the chart; empty ``dots`` when no article carries a date."""

    width: int
    height: int
    left: int
    unit: str  # "hour" | "day"
    rows: list[tuple[str, float]] = field(default_factory=list)  # outlet, y
    dots: list[Dot] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    undated: int = 0


def _bucket(t: datetime, unit: str) -> datetime:
    t = t.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return t if unit == "hour" else t.replace(hour=0)


def _ticks(first: datetime, last: datetime, unit: str, x: Callable[[datetime], float]) -> list[Tick]:
    step = timedelta(hours=1) if unit == "hour" else timedelta(days=1)
    n = int((last - first) / step) + 1
    every = max(1, -(-n // MAX_TICKS))
    fmt = "%d %b %H:%M" if unit == "hour" else "%d %b"
    return [Tick(x(first + i * step), (first + i * step).strftime(fmt)) for i in range(0, n, every)]


def coverage_chart(items: list[tuple[str, str | None]]) -> Chart:
    """``items``: (outlet, published) per article. Outlets keep their order of first appearance."""
    outlets = list(dict.fromkeys(o for o, _ in items))
    dated = [(o, t) for o, p in items if (t := parse_instant(p)) is not None]
    rows = [(o, TOP + ROW_H * i + ROW_H / 2) for i, o in enumerate(outlets)]
    height = TOP + ROW_H * len(outlets) + AXIS_H
    chart = Chart(WIDTH, height, LABEL_W, "hour", rows, undated=len(items) - len(dated))
    if not dated:
        return chart
    times = [t for _, t in dated]
    chart.unit = "hour" if max(times) - min(times) <= HOURLY_MAX else "day"
    first, last = _bucket(min(times), chart.unit), _bucket(max(times), chart.unit)
    span = max((last - first).total_seconds(), 1.0)
    plot = WIDTH - LABEL_W - 30

    def x(t: datetime) -> float:
        return round(LABEL_W + 15 + plot * (t - first).total_seconds() / span, 1)

    y = dict(rows)
    counts = Counter((o, _bucket(t, chart.unit)) for o, t in dated)
    fmt = "%Y-%m-%d %H:00 UTC" if chart.unit == "hour" else "%Y-%m-%d"
    chart.dots = [
        Dot(x(b), y[o], 5 + 3 * (n - 1) ** 0.5, o, n, b.strftime(fmt)) for (o, b), n in counts.items()
    ]
    chart.ticks = _ticks(first, last, chart.unit, x)
    return chart
