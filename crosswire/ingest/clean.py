"""Remove what survives extraction but is not the report, keeping paragraph structure.

Dropped, paragraph by paragraph: photo captions and credits, "Read more"/"Related" link lists (the
marker and the headlines listed after it), "X contributed to this report" lines, share/subscribe/follow
prompts, trust and copyright footers, and a headline repeated at the top of the body. The result is the article text that every later span
points into, so nothing changes it after ingest.
"""

from __future__ import annotations

import re
import unicodedata

PARAGRAPH_SEP = "\n\n"

_CREDIT = r"(?:photo|picture|image|video|credit|file photo|getty images|reuters|ap|afp|epa)"
_BUY = r"(?:buy photo\s*)?"
BOILERPLATE_PATTERNS = [
    # captions ending in a credit: "... on Wednesday. (AP/AP)", "(Photo: J. Marlow/Meridian Wire)"
    # (a gallery's "Buy Photo" button may open and close it)
    rf"^.{{0,300}}\((?:{_CREDIT})?[^()]{{0,60}}/[^()]{{0,60}}\)\s*{_BUY}$",
    # or in a credit label: "... in the town square. (Image: social media)", "(Photo: Jane Roe)"
    rf"^.{{0,300}}\(\s*{_CREDIT}\s*:[^()]{{1,60}}\)\s*{_BUY}$",
    # a video player's prompt: "Please enable Javascript to watch this video"
    r"^(?:please )?(?:enable|turn on) javascript\b.{0,120}$",
    r"^javascript is (?:disabled|required|not enabled)\b.{0,120}$",
    rf"^\(?\s*{_CREDIT}\s*[:/].{{0,120}}$",
    r"^.{0,120}\b(?:contributed (?:reporting )?to this (?:report|story|article)|contributed reporting)\b.{0,60}$",
    r"^(?:additional )?reporting by (?-i:[A-Z]).{0,120}$",  # a name follows, not "Reporting by the agency showed"
    r"^(?:read more|related(?: stories| articles| coverage)?|see also|more on this(?: story)?|recommended"
    r"|most read|also read|watch)\s*(?:[:»>]|$).{0,200}$",
    r"^(?:share|tweet|email|print|comments?)(?:\s+(?:this|on|via|the|article|story|facebook|twitter|x"
    r"|whatsapp|linkedin|telegram|email|[|,/]))*\s*[:.]?$",
    r"^(?:subscribe|sign up|follow us|join us|download our app|get the latest|newsletter)\b.{0,160}$",
    r"^(?:advertisement|sponsored content|skip to (?:main )?content)\s*$",
    r"^(?:we use cookies|this (?:web)?site uses cookies|cookie (?:settings|policy|preferences|consent))\b.{0,160}$",
    r"^(?:our standards|editorial standards|trust principles)\s*:.{0,160}$",  # a wire's trust footer
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,160}$",  # not "Copyright law was not the issue"
    r"^all rights reserved\.?$",
]
BOILERPLATE = [re.compile(p, re.IGNORECASE) for p in BOILERPLATE_PATTERNS]
# a link list's heading alone on its line: the short lines after it are the headlines it lists
LINK_LIST_MARKER = re.compile(
    r"^(?:read more|related(?: stories| articles| coverage)?|see also|more on this(?: story)?|recommended"
    r"|most read|also read)\s*[:»>]?\s*$",
    re.IGNORECASE,
)
LINK_LIST_MAX_WORDS = 14
ENCODED_RUN = re.compile(r"(?=[A-Za-z0-9+/=]*\d)(?=[A-Za-z0-9+/=]*[A-Za-z])[A-Za-z0-9+/=]{24,}")
URL = re.compile(r"\S+://\S+|www\.\S+")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Cc except tab and newline


def clean_text(text: str, title: str = "") -> str:
    """Cleaned article text: normalised, boilerplate paragraphs dropped, paragraphs joined by a blank line."""
    paragraphs = drop_listed_links(split_paragraphs(normalise(text)))
    paragraphs = drop_link_list_tail([p for p in paragraphs if not is_boilerplate(p)])
    while len(paragraphs) > 1 and title and same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline repeated at the top, perhaps more than once
    while len(paragraphs) > 1 and _words(paragraphs[0]) and same_words(paragraphs[0], paragraphs[1]):
        paragraphs = paragraphs[1:]  # an untitled text's headline, repeated
    return PARAGRAPH_SEP.join(paragraphs)


def encoded_share(text: str) -> float:
    """Share of the text's non-space characters inside long runs of ASCII letters, digits and base64/hex
    punctuation with no word breaks (base64 or hex dumps, tokens): a text mostly made of them is no prose.
    A long URL or a word in a script without spaces is not such a run."""
    text = URL.sub("", text)
    chars = len(re.sub(r"\s+", "", text))
    if not chars:
        return 0.0
    return sum(len(m.group()) for m in ENCODED_RUN.finditer(text)) / chars


def normalise(text: str) -> str:
    """NFC, unified newlines, no control characters or non-breaking/zero-width oddities."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return CONTROL_CHARS.sub("", text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks, or single lines when the text has no blank lines."""
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    paragraphs: list[str] = []
    for block in blocks:
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in block.split("\n") if line.strip()]
        if len(lines) > 1 and all(_looks_like_link(line) for line in lines):
            paragraphs.extend(lines)  # a list of links or headlines, one per line: keep them apart
        elif lines:
            paragraphs.append(" ".join(lines))
    return paragraphs


def is_boilerplate(paragraph: str) -> bool:
    return any(p.search(paragraph) for p in BOILERPLATE)


def drop_listed_links(paragraphs: list[str]) -> list[str]:
    """Drop the headline lines that follow a link list's heading ("Read more:"), however few."""
    out: list[str] = []
    listing = False
    for p in paragraphs:
        if LINK_LIST_MARKER.match(p):
            listing = True
        elif listing and _looks_like_link(p):
            continue
        else:
            listing = False
        out.append(p)
    return out


def drop_link_list_tail(paragraphs: list[str]) -> list[str]:
    """Drop a trailing run of short, unpunctuated lines: the related-links list that follows the story."""
    end = len(paragraphs)
    while end > 1 and _looks_like_link(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end] if len(paragraphs) - end >= 2 else paragraphs


def _looks_like_link(paragraph: str) -> bool:
    return len(paragraph.split()) <= LINK_LIST_MAX_WORDS and not paragraph.rstrip().endswith(
        (".", '"', "”", ":")
    )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def same_words(a: str, b: str) -> bool:
    return _words(a) == _words(b)
