"""JSON Lines: one article per line, fields ``id, url, outlet, title, published, text`` (+ ``story_id``).

Each line is its own item (``path:LINE``); an invalid line is a failure of that line alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from crosswire.model import Failure, RawItem

FIELDS = ("id", "url", "outlet", "title", "published", "text", "story_id", "author", "language")


def read_jsonl(lines: Iterable[bytes], origin: str, max_line_bytes: int) -> Iterator[RawItem | Failure]:
    """Items from the lines of a JSON Lines stream; duplicate ids with different text are failures."""
    seen_ids: dict[str, tuple[int, str]] = {}
    records = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        records += 1
        result = _parse_line(line, f"{origin}:{number}", max_line_bytes)
        if isinstance(result, RawItem):
            result = _check_duplicate_id(result, seen_ids, number)
        yield result
    if not records:
        yield Failure(origin, "empty file: no JSON Lines records")


def _parse_line(line: bytes, where: str, max_line_bytes: int) -> RawItem | Failure:
    if len(line) > max_line_bytes:
        return Failure(where, f"line too large ({len(line):,} bytes > {max_line_bytes:,} limit)")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Failure(where, f"invalid JSON: {exc}")
    if not isinstance(record, dict):
        return Failure(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(where, "missing or empty 'text' field")
    meta = {k: record[k] for k in FIELDS if k != "text" and record.get(k) not in (None, "")}
    return RawItem(origin=where, body=text, meta=meta, raw=line.rstrip(b"\n"), source_kind="jsonl")


def _check_duplicate_id(item: RawItem, seen: dict[str, tuple[int, str]], number: int) -> RawItem | Failure:
    ext_id = item.meta.get("id")
    if ext_id is None:
        return item
    key = str(ext_id)
    if key in seen and seen[key][1] != item.body:
        return Failure(
            item.origin, f"duplicate id {key!r} with different text (first on line {seen[key][0]})"
        )
    seen.setdefault(key, (number, item.body))
    return item
