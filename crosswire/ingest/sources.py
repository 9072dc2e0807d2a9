"""From what the user names (paths, directories, URLs, ``-``, a dataset) to input units, and from each
unit to raw items. One unit is one file, URL, stream or dataset; it may hold many items."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crosswire.ingest.decode import decode_bytes
from crosswire.ingest.errors import InputError, UnknownFormat
from crosswire.ingest.feed import Follow, read_feed
from crosswire.ingest.fetch import Fetcher, FetchError
from crosswire.ingest.jsonl import read_jsonl
from crosswire.ingest.text import parse_text
from crosswire.ingest.urls import fetch_pages, is_url, list_urls, looks_like_url_list, page_item
from crosswire.model import Failure, RawItem

EXTENSION_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".urls": "urls",
}  # fmt: skip
FEED_MEDIA_TYPES = ("xml", "rss", "atom")


@dataclass(frozen=True)
class Unit:
    kind: str  # text | html | jsonl | feed | urls | url | stdin | dataset | unknown
    location: str


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_line_bytes: int


def discover(sources: list[str]) -> Iterator[Unit]:
    """Units for each named source; directories are walked recursively in a stable order."""
    for source in sources:
        if source == "-":
            yield Unit("stdin", "-")
        elif source.startswith("dataset:"):
            yield Unit("dataset", source.removeprefix("dataset:"))
        elif is_url(source):
            yield Unit("url", source)
        elif Path(source).is_dir():
            yield from _walk(Path(source))
        else:
            yield Unit(kind_of(Path(source)), source)


def _walk(root: Path) -> Iterator[Unit]:
    """Files under root, hidden ones left out; a link that leads nowhere is a unit too, so it fails with its
    reason rather than vanishing."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if not hidden and (path.is_file() or (path.is_symlink() and not path.exists())):
            yield Unit(kind_of(path), str(path))


def kind_of(path: Path) -> str:
    return EXTENSION_KINDS.get(path.suffix.lower(), "unknown")


def read_unit(
    unit: Unit, limits: Limits, fetcher: Fetcher | None, follow: Follow
) -> Iterator[RawItem | Failure]:
    """Raw items of one unit; a unit-level problem becomes one failure naming the unit."""
    try:
        yield from _read(unit, limits, fetcher, follow)
    except InputError as exc:
        yield Failure(unit.location, str(exc))
    except FetchError as exc:
        yield Failure(unit.location, exc.reason)
    except OSError as exc:
        yield Failure(unit.location, f"cannot read: {exc.strerror or exc}")


def _read(unit: Unit, limits: Limits, fetcher: Fetcher | None, follow: Follow) -> Iterator[RawItem | Failure]:
    if unit.kind == "stdin":
        yield from read_jsonl(sys.stdin.buffer, "<stdin>", limits.max_line_bytes)
    elif unit.kind == "jsonl":
        with open(unit.location, "rb") as stream:
            yield from read_jsonl(stream, unit.location, limits.max_line_bytes)
    elif unit.kind == "url":
        yield from _read_url(unit.location, _need(fetcher), follow)
    elif unit.kind == "dataset":
        yield from _read_dataset(unit.location)
    else:
        yield from _read_file(unit, limits, fetcher, follow)


def _read_file(
    unit: Unit, limits: Limits, fetcher: Fetcher | None, follow: Follow
) -> Iterator[RawItem | Failure]:
    path = Path(unit.location)
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise InputError(
            f"file too large ({size / 2**20:,.1f} MB > {limits.max_file_bytes / 2**20:,.0f} MB limit)"
        )
    data = path.read_bytes()
    if unit.kind == "feed":
        yield from read_feed(data, unit.location, fetcher, follow)
        return
    if unit.kind == "unknown":
        raise UnknownFormat(
            f"unknown format {path.suffix or '(no extension)'!r}: expected one of "
            + ", ".join(sorted(EXTENSION_KINDS))
        )
    body = decode_bytes(data)
    if unit.kind == "html":
        yield RawItem(unit.location, body, "text/html", {}, data, "html")
    elif unit.kind == "urls" or looks_like_url_list(body):
        urls = list_urls(body)
        if not urls:
            raise InputError("no URLs in the list")
        yield from fetch_pages(urls, _need(fetcher))
    else:
        yield parse_text(body, unit.location, data)


def _read_url(url: str, fetcher: Fetcher, follow: Follow) -> Iterator[RawItem | Failure]:
    page = fetcher.get(url)
    if any(t in page.content_type for t in FEED_MEDIA_TYPES):
        yield from read_feed(page.body, url, fetcher, follow)
    else:
        yield page_item(page)


def _read_dataset(name: str) -> Iterator[RawItem]:
    from crosswire.eval.datasets import load

    for art in load(name):
        meta = {
            "id": art.external_id or art.id,
            "title": art.title,
            "outlet": art.outlet,
            "url": art.url,
            "published": art.published,
            "story_id": art.story_id,
        }
        yield RawItem(
            f"dataset:{name}/{art.id}",
            art.text,
            "text/plain",
            {k: v for k, v in meta.items() if v},
            art.text.encode(),
            f"dataset:{name}",
        )


def _need(fetcher: Fetcher | None) -> Fetcher:
    if fetcher is None:
        raise InputError("fetching is disabled (--offline)")
    return fetcher
