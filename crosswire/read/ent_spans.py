"""Repairs of the NER spans of one article, before mentions are taken from them.

The small English model cuts names in six recurring ways; ``repair_ents(doc)`` mends each and sets
``doc.ents`` to the result:

- a span that runs over a line break ("Little Rock Police Department\nLITTLE ROCK", a headline into its
  dateline) keeps the line that holds the most letters (the first, on a tie);
- a span that runs into a parenthesis it does not close ("Northern Front (NF" in "the Northern Front (NF),
  an alliance") ends before it, so the parenthesis reads as an alias again;
- a span that runs a party or an organisation, a title and a person's name together ("National Renewal MP
  Viktor Hale", "Bank of England Governor Andrew Bailey") splits into the organisation and the person;
- a span that lost the first word of a name the article spells in full elsewhere ("Sable [Ford]" beside
  "Sable Ford") takes that word back;
- a person's span that stops before a generational suffix ("[Donald Trump], Jr.") takes it in, so the son
  is not read as his father;
- a person's span that stops inside a hyphenated given name ("[Moon Jae]-in") takes the rest of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from crosswire.read.aliases import is_bare_title, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc

# titles between an organisation and a person's name in one NER span ("National Renewal MP Viktor Hale")
SPLIT_TITLES = word_set(
    """mp mep senator sen. congressman congresswoman minister spokesman spokeswoman spokesperson leader chief
    boss chairman chairwoman president governor mayor secretary director"""
)


def repair_ents(doc: Doc) -> None:
    """Mend ``doc.ents`` in place (rules in the module docstring)."""
    labels = {e.text: str(e.label_) for e in doc.ents}
    spans: list[SpacySpan] = []
    for ent in doc.ents:
        ent = _with_hyphen_tail(_with_suffix(_widened(_closed(_one_line(ent)), labels)))
        spans.extend(_split_at_title(ent))
    doc.ents = filter_spans([s for s in spans if len(s)])


def _one_line(ent: SpacySpan) -> SpacySpan:
    """``ent``'s longest line (by letters; the first on a tie), when it runs over a line break."""
    doc = ent.doc
    lines: list[tuple[int, int]] = []
    start = ent.start
    for t in ent:
        if t.is_space and "\n" in t.text:
            lines.append((start, t.i))
            start = t.i + 1
        elif "\n" in t.whitespace_:
            lines.append((start, t.i + 1))
            start = t.i + 1
    if not lines:
        return ent
    lines.append((start, ent.end))
    letters = [sum(c.isalpha() for c in doc[a:b].text) for a, b in lines]
    a, b = lines[letters.index(max(letters))]
    return SpacySpan(doc, a, b, label=ent.label_)


def _closed(ent: SpacySpan) -> SpacySpan:
    """``ent`` up to a "(" it does not close."""
    doc = ent.doc
    opened = [t.i for t in ent if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : ent.end]):
        return SpacySpan(doc, ent.start, opened[-1], label=ent.label_)
    return ent


def _widened(ent: SpacySpan, labels: dict[str, str]) -> SpacySpan:
    """``ent`` with the capitalised word before it, when the two are a name the article tags elsewhere."""
    doc, i = ent.doc, ent.start
    if not len(ent) or i == 0 or doc[i - 1].is_sent_start or not doc[i - 1].is_title or doc[i - 1].ent_type_:
        return ent
    longer = doc[i - 1 : ent.end].text
    return SpacySpan(doc, i - 1, ent.end, label=labels[longer]) if longer in labels else ent


GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _with_suffix(ent: SpacySpan) -> SpacySpan:
    """A person's span with the "Jr."/"Sr."/"III" right after it (a comma between allowed)."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON" or not len(ent):
        return ent
    if end < len(doc) and doc[end].text == ",":
        end += 1
    if (
        end < len(doc)
        and doc[end].text.rstrip(".").lower() in GENERATIONAL_SUFFIXES
        and doc[end].text[0].isupper()
    ):
        return SpacySpan(doc, ent.start, end + 1, label=ent.label_)
    return ent


# words glued to a name that make it a modifier, not a longer name ("a Trump-backed candidate")
NOT_NAME_TAILS = word_set(
    """led based backed born owned run style era like linked allied aligned free wide type made funded
    appointed controlled related friendly supporting leaning inspired esque ish"""
)


def _with_hyphen_tail(ent: SpacySpan) -> SpacySpan:
    """A person's span with the lowercase rest of a hyphenated word it ends in ("Moon Jae" + "-in")."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON" or not len(ent) or end + 1 >= len(doc) or doc[end - 1].whitespace_:
        return ent
    dash, tail = doc[end], doc[end + 1]
    if (
        dash.text == "-"
        and not dash.whitespace_
        and tail.is_alpha
        and tail.is_lower
        and tail.lower_ not in NOT_NAME_TAILS
    ):
        return SpacySpan(doc, ent.start, end + 2, label=ent.label_)
    return ent


def _split_at_title(ent: SpacySpan) -> list[SpacySpan]:
    """An organisation, a title and a person's name in one span → the organisation and the person."""
    if ent.label_ == "PERSON" or len(ent) < 4:
        return [ent]
    doc = ent.doc
    for t in ent[1:-2]:
        rest = doc[t.i + 1 : ent.end]
        if t.lower_ in SPLIT_TITLES and all(w.is_title and w.is_alpha for w in rest):
            person = SpacySpan(doc, t.i + 1, ent.end, label="PERSON")
            if is_bare_title(doc[ent.start : t.i + 1].text):  # "Prime Minister Anton Keller"
                return [person]
            return [SpacySpan(doc, ent.start, t.i, label="ORG"), person]
    return [ent]
