"""Files listing URLs, one per line (``#`` comments allowed), and single URLs: each page fetched."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from crosswire.ingest.fetch import Fetched, Fetcher, FetchError
from crosswire.model import Failure, RawItem

URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(text: str) -> bool:
    return bool(URL_LINE.match(text.strip()))


def looks_like_url_list(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return bool(lines) and all(is_url(ln) for ln in lines)


def list_urls(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if is_url(ln)]


def fetch_pages(urls: Iterable[str], fetcher: Fetcher) -> Iterator[RawItem | Failure]:
    for url in urls:
        try:
            page = fetcher.get(url)
        except FetchError as exc:
            yield Failure(url, exc.reason)
            continue
        yield page_item(page)


def page_item(page: Fetched) -> RawItem:
    body = page.body.decode(page.encoding or "utf-8", "replace")
    return RawItem(page.url, body, "text/html", {"url": page.final_url}, page.body, "url")
