"""A headline without the site's name that page titles and feed entries often carry after it.

"Boy, 4, hurt in crash-KXYZ.com | Continuous News | Plainview" → "Boy, 4, hurt in crash". The headline is
what lists, dossiers and the clusterer's title view show, so a station's name and town must not pass for
part of it. Only a tail that reads as a site is cut: the item's own outlet or host, a web address, a US
broadcaster's call letters glued on with a hyphen, a "... News ..." name. A dash inside a headline ("Trump
may kill the deal – even if ...") stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEGMENTS = re.compile(r"\s+[|·•»]\s+")
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
_GLUED_DASH = re.compile(r"(?<=[a-z0-9.])-(?=[A-Z])")  # "...identified-KXLF.com", not "murder-suicide"
_DANGLING = re.compile(r"\s*[-–—|:·•»]+\s*$")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|tv|news|co\.uk)\b", re.IGNORECASE)
_CALL_LETTERS = re.compile(r"^[KW][A-Z]{2,3}(?:-?TV)?\d*\b")  # KXLF, WFSB 3, KCTV5, KSLA News 12
_NEWS_NAME = re.compile(r"\bNews\b")
MIN_HEADLINE_WORDS = 3


def clean_title(title: str, names: Iterable[str | None] = ()) -> str:
    """``title`` without a site-name tail; ``names`` are the item's outlet and host, when known."""
    own = {_key(n) for name in names if name for n in (name, name.rsplit(".", 1)[0])}
    own.discard("")
    cleaned = _DANGLING.sub("", title.strip())
    parts = _SEGMENTS.split(cleaned)
    if len(parts) > 1:  # "Headline | Site | Section", or "Site | Headline" when the first part is short
        headline = parts[0] if _enough(parts[0]) else max(parts, key=len)
        if _enough(headline):
            cleaned = headline
    for dash, glued in ((_SPACED_DASH, False), (_GLUED_DASH, True)):
        for match in dash.finditer(cleaned):
            head, tail = cleaned[: match.start()], cleaned[match.end() :]
            if _enough(head) and _site(_first_piece(tail, dash), own, glued):
                cleaned = head
                break
    return _DANGLING.sub("", cleaned) or title.strip()


def _first_piece(tail: str, dash: re.Pattern[str]) -> str:
    return dash.split(tail, maxsplit=1)[0]


def _site(piece: str, own: set[str], glued: bool) -> bool:
    if _key(piece) in own or _DOMAIN.search(piece):
        return True
    if glued and _CALL_LETTERS.match(piece):
        return True
    return bool(_NEWS_NAME.search(piece)) and (glued or len(piece.split()) <= 6)


def _enough(headline: str) -> bool:
    return len(headline.split()) >= MIN_HEADLINE_WORDS


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("www."))
