"""Second thoughts on the NER label of a name, from its own words, the words around it and its article.

The small English model labels names it has never seen by their shape: "Castellan Terminals" or "Qadira
Civil Observatory" come out as PERSON, a town after "in" as PERSON or ORG, "Marta Kellan" as a place, and a
capitalised plural noun that opens a sentence ("Trains will run ...") as a name. Cheap cues overrule it:

- its own words: a name ending in an organisation's head noun is an organisation, one opening with a
  foreign one ("Jabhat al-Shamal": "front") too; one ending in a facility's or a landform's noun is that
  ("Kalvik Dam", "the Orsa valley"); a "place" opening with a known given name is a person;
- the words around it: a "person" right before a place noun ("Tell Harim air base", "Dravan province"), right
  after a locative ("in", "near", "the towns of" for it or for the name it is coordinated with; "based in"
  for a one-word "organisation" too), after an office ("MP for Dravan"), or before ", where" is a place; the
  all-capitals name opening a wire dateline ("SAHLAN, Qadira —") is a place;
- a one-word "place" with a demonym ending is a nationality when the article names the place it comes from
  ("Qadiran" beside "Qadira") or it stands before a nation's army, government or people ("the Qadiran
  army"), unless the gazetteer knows it as a place ("the Iran deal").

A time zone ("0240 GMT") is no name at all (``is_name_span``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan

from crosswire.read.aliases import dateline_end, is_party_tag, word_set
from crosswire.read.gazetteer import load_gazetteer
from crosswire.read.given_names import is_given_name
from crosswire.read.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

ORG_HEADS = frozenset(
    [
        "academy",
        "agency",
        "airline",
        "airlines",
        "alliance",
        "association",
        "authority",
        "bank",
        "board",
        "brigade",
        "bureau",
        "cabinet",
        "campaign",
        "center",
        "centre",
        "chamber",
        "church",
        "club",
        "coalition",
        "college",
        "command",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "court",
        "department",
        "directorate",
        "federation",
        "firm",
        "front",
        "foundation",
        "fund",
        "group",
        "guard",
        "holdings",
        "hospital",
        "industries",
        "institute",
        "league",
        "maritime",
        "ministry",
        "movement",
        "network",
        "observatory",
        "office",
        "party",
        "partners",
        "police",
        "railway",
        "railways",
        "regiment",
        "school",
        "service",
        "services",
        "society",
        "syndicate",
        "terminals",
        "trust",
        "tribunal",
        "union",
        "university",
        # news organisations
        "broadcasting",
        "gazette",
        "herald",
        "journal",
        "ledger",
        "news",
        "post",
        "press",
        "radio",
        "television",
        "times",
        "tribune",
        "wire",
    ]
)
# before a one-word name: "in Lindrell", "near Mirren", "the village of Mirren"
LOCATIVES = frozenset({"in", "near", "outside", "around", "across"})
PLACE_NOUNS = frozenset(
    [
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "cities",
        "district",
        "districts",
        "province",
        "region",
        "port",
        "island",
        "streets",
        "outskirts",
        "residents",
    ]
)


# after a name: "Tell Harim air base", "Dravan province", "the Vell river", "the Dravan provincial government"
PLACE_AFTER = {
    **dict.fromkeys(
        ["province", "provincial", "region", "district", "county", "village", "town", "city"], "GPE"
    ),
    **dict.fromkeys(["river", "valley", "mountains", "bay", "island", "lake", "desert"], "LOC"),
    **dict.fromkeys(["base", "airport", "airfield", "harbour", "harbor", "dam", "bridge"], "FAC"),
}
# capitalised last words that make a name a landform or a facility ("Kalvik Dam", "Ramstein Air Base");
# not "City", "Town", "County" or "Bay", which end football clubs ("Leicester City", "Tampa Bay")
NAME_ENDINGS = {
    **dict.fromkeys(["river", "valley", "mountains", "lake", "desert"], "LOC"),
    **dict.fromkeys(["dam", "bridge", "airport", "airfield", "tunnel", "stadium", "canal", "base"], "FAC"),
}
# head nouns that open organisation names in Arabic and Romance languages ("Jabhat al-Nusra": front)
ORG_OPENERS = word_set(
    "jabhat harakat hizb jaish jaysh liwa kataib katibat saraya ansar tanzim partido parti partei partito"
)
# "X-based", "based in X": a one-word name there is a place even when NER calls it an organisation
SITED = frozenset({"based", "located", "headquartered", "born", "stationed"})
# "MP for Dravan", "the mayor of Lindrell": an office's constituency or town
OFFICES = frozenset({"mp", "mps", "senator", "congressman", "congresswoman", "mayor", "governor", "premier"})
# time zones read as organisations ("3:40 a.m. (0240 GMT)")
TIME_ZONES = word_set(
    "GMT UTC EST EDT CST CDT MST MDT PST PDT BST CET CEST EET EEST WET MSK IST JST KST HKT SGT"
)
# what a nationality qualifies: "the Qadiran army", "Qadiran President Nabil Qassar", "two Qadiran officers"
NATIONAL_NOUNS = word_set(
    """government army military forces troops soldiers navy police officials officers commanders authorities
    president prime minister leader leaders people citizens state media embassy ministry parliament rebels"""
)
DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese")  # Qadira → Qadiran, Iraq → Iraqi, Sudan → Sudanese


def corrected_kind(ent: SpacySpan) -> str:
    """``ent``'s label, or another kind where its words, the words around it or its article say so."""
    label = str(ent.label_)
    own = _own_kind(ent)
    if own is not None and own != label:
        return own
    if label == "PERSON" and (place := _place_noun_after(ent) or _place_by_context(ent)):
        return place
    if label in {"ORG", "PERSON", "NORP"} and _opens_dateline(ent):
        return "GPE"
    if label == "ORG" and len(ent) == 1 and _after_locative(ent, allow_in=False):
        return "GPE"
    if label in {"GPE", "ORG"} and len(ent) == 1 and _is_demonym(ent):
        return "NORP"
    if label in {"GPE", "LOC"} and _opens_with_given_name(ent):
        return "PERSON"
    return label


def _own_kind(ent: SpacySpan) -> str | None:
    """The kind a name's own first or last word gives it: an organisation's, a landform's or a facility's
    head noun."""
    label = str(ent.label_)
    if len(ent) < 2:
        return None
    last = ent[-1].lower_.removesuffix("'s").removesuffix("’s")
    if label in {"PERSON", "NORP"} and last in ORG_HEADS:
        return "ORG"
    if label in {"PERSON", "GPE", "LOC", "NORP"} and ent[0].lower_ in ORG_OPENERS:
        return "ORG"
    if label == "ORG" and last in ORG_HEADS:
        return None
    kind = PLACE_AFTER.get(last) if ent[-1].is_lower else NAME_ENDINGS.get(last)
    return kind if kind is not None and label in {"PERSON", "ORG", "NORP", "FAC", "GPE"} else None


def _place_noun_after(ent: SpacySpan) -> str | None:
    """The kind a place noun right after ``ent`` gives it ("Dravan province", "Tell Harim air base")."""
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].lower_ in {"air", "naval", "military", "army"}:
        i += 1  # "air base", "naval base"
    return PLACE_AFTER.get(doc[i].lower_) if i < len(doc) else None


def _place_by_context(ent: SpacySpan) -> str | None:
    """GPE for a "person" after a locative (its own or that of the name it is coordinated with: "the towns
    of Lindrell and Sable Ford"), after an office ("MP for Dravan") or before ", where"; unless it opens with
    a known given name ("in Marta Kellan's view")."""
    if len(ent) > 1 and is_given_name(ent[0].text):
        return None
    doc = ent.doc
    where = ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ == "where"
    if where or _after_locative(ent, allow_in=True) or _after_office(ent):
        return "GPE"
    first = _first_conjunct(ent)
    return "GPE" if first is not None and _after_locative(first, allow_in=True) else None


def _first_conjunct(ent: SpacySpan) -> SpacySpan | None:
    """The first name of the coordination ``ent`` ends ("Lindrell" in "Lindrell and Sable Ford")."""
    token = ent.root
    if token.dep_ != "conj":
        return None
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return ent.doc[token.left_edge.i : token.i + 1]


def _after_locative(ent: SpacySpan, allow_in: bool) -> bool:
    """ "in X" (for names NER took for people), "based in X", "near X", "the village of X"."""
    doc, i = ent.doc, ent.start
    if ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}:
        return False  # "in Keller's government": a possessor, not a place
    before = doc[i - 1].lower_ if i >= 1 else ""
    if before in LOCATIVES:
        return allow_in or before != "in" or (i >= 2 and doc[i - 2].lower_ in SITED)
    return before == "of" and i >= 2 and doc[i - 2].lower_ in PLACE_NOUNS


def _after_office(ent: SpacySpan) -> bool:
    doc, i = ent.doc, ent.start
    return i >= 2 and doc[i - 1].lower_ in {"for", "of"} and doc[i - 2].lower_ in OFFICES


def _opens_dateline(ent: SpacySpan) -> bool:
    """The all-capitals name a wire dateline opens with ("SAHLAN, Qadira —", "RENO, Nev. (AP) -")."""
    text = doc_text(ent.doc)
    opening = len(text) - len(text.lstrip())
    return ent.start_char == opening and ent.text.isupper() and ent.end_char < dateline_end(text)


def _is_demonym(ent: SpacySpan) -> bool:
    """A one-word "place" or "organisation" with a demonym ending that is another name of its article (not a
    person's) plus that ending ("Qadiran" beside "Qadira", which NER may call an organisation), or that
    stands before a nation's institution or people and is no place the gazetteer knows ("the Qadiran army";
    not "the Iran deal", nor "the Lohan case"), or a demonym the gazetteer knows."""
    word = ent.text
    stems = {word[: -len(end)] for end in DEMONYM_ENDINGS if word.endswith(end) and len(word) > len(end) + 2}
    if not stems:
        return False
    gazetteer = load_gazetteer()
    if gazetteer.lookup(word):
        return False
    following = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    return (
        following in NATIONAL_NOUNS
        or bool(stems & _article_names(ent.doc))
        or gazetteer.demonym(word) is not None
    )


def _article_names(doc: Doc) -> frozenset[str]:
    """The names NER finds in ``doc`` other than people's and nationalities (cached on the doc)."""
    key = "crosswire.names"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(e.text for e in doc.ents if e.label_ in {"GPE", "LOC", "ORG"})
    return frozenset(doc.user_data[key])


def _opens_with_given_name(ent: SpacySpan) -> bool:
    """A "place" of two or three capitalised words that opens with a known given name and is no place the
    gazetteer knows ("Marta Kellan"; not "Santa Clara", "Sydney Harbour")."""
    words = [t.text for t in ent]
    if not 2 <= len(words) <= 3 or not all(w.isalpha() and w.istitle() for w in words):
        return False
    last = words[-1].lower()
    if last in PLACE_AFTER or last in NAME_ENDINGS or last in ORG_HEADS or len(words[0]) < 3:
        return False
    return is_given_name(words[0]) and not load_gazetteer().lookup(ent.text)


def is_name_span(ent: SpacySpan) -> bool:
    """Whether an NER span can be a name: it has a capital letter ("crest" is no name), it is no time zone
    ("0240 GMT"), and it is not one
    plural common noun capitalised only because it opens its sentence ("Trains will run every 30 minutes",
    "Videos posted online showed ..."). The tagger calls a plural name there a common noun too ("Teamsters
    walked out"): that rare name is lost, as the price of the many capitalised nouns it drops."""
    if not any(ch.isupper() for ch in ent.text) or ent.text in TIME_ZONES or is_party_tag(ent.text):
        return False
    first = ent[0]
    opens = all(t.is_punct for t in ent.doc[first.sent.start : first.i])
    return not (len(ent) == 1 and first.tag_ == "NNS" and opens)
