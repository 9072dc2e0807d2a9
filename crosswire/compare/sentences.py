"""Sentence spans by rule: fast, with offsets into the article text (no parse needed)."""

from __future__ import annotations

import re

from crosswire.read.aliases import dateline_end

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "maj",
        "lt",
        "col",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "est",
        "fig",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _is_abbreviation(text: str, end: int) -> bool:
    """The period ending at ``end`` closes an abbreviation or an initial ("Maj.", "J.", "a.m.")."""
    m = _LAST_WORD.search(text, max(0, end - 12), end)
    if m is None:
        return False
    word = m.group(1).lower()
    return word in ABBREVIATIONS or len(word.rstrip(".")) == 1


def _inside_quote(text: str, start: int, pos: int, end: int) -> bool:
    """A quotation opened before ``pos`` (curly or straight quotes) is still open there and closes later in
    the paragraph."""
    before = text[start:pos]
    curly = before.count("“") > before.count("”") and "”" in text[pos:end]
    return curly or (before.count('"') % 2 == 1 and '"' in text[pos:end])


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0) == "." and _is_abbreviation(text, m.end()):
            continue
        if _inside_quote(text, cursor, m.end(), end):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, paragraphs first split at line breaks; a wire dateline opening
    the text ("PORT AUREL (Meridian Wire) —"), or a later paragraph when it names its agency ("a standfirst,
    then WASHINGTON (Reuters) - The party sued ..."), is not part of the sentence."""
    out: list[tuple[int, int]] = []
    skip = dateline_end(text)
    for para in re.finditer(r"[^\n]+", text):
        if para.start() > skip:
            line = para.group(0)
            end = dateline_end(line)
            if end and "(" in line[:end]:
                skip = para.start() + end
        for s, e in _split_paragraph(text, para.start(), para.end()):
            s, e = _trimmed(text, max(s, skip) if s < skip < e else s, e)
            if e > s:
                out.append((s, e))
    return out
