"""Second thoughts on the NER label of a name, from its own head word and the words before it.

The small English model labels names it has never seen by their shape: "Castellan Terminals" or "Qadira
Civil Observatory" come out as PERSON, a town after "in" as PERSON or ORG, and a capitalised plural noun
that opens a sentence ("Trains will run ...") as a name. Two cheap cues overrule it:
a name ending in an organisation's head noun is an organisation; a "person" right before a place noun
("Tell Harim air base", "Dravan province") or (with a one-word "organisation") right after a locative ("in",
"near", "the village of") is a place.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

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


# after a name: "Tell Harim air base", "Dravan province", "the Vell river"
PLACE_AFTER = {
    **dict.fromkeys(["province", "region", "district", "county", "village", "town", "city"], "GPE"),
    **dict.fromkeys(["river", "valley", "mountains", "bay", "island", "lake", "desert"], "LOC"),
    **dict.fromkeys(["base", "airport", "airfield", "harbour", "harbor", "dam", "bridge"], "FAC"),
}


def corrected_kind(ent: SpacySpan) -> str:
    """``ent``'s label, or ORG / GPE where its head word or the words before it say otherwise."""
    label = str(ent.label_)
    last = ent[-1].lower_.removesuffix("'s").removesuffix("’s")
    if label in {"PERSON", "NORP"} and len(ent) > 1 and last in ORG_HEADS:
        return "ORG"
    person = label == "PERSON"
    if person and (place := _place_noun_after(ent)):
        return place
    if (person or (label == "ORG" and len(ent) == 1)) and _after_locative(ent, allow_in=person):
        return "GPE"
    return label


def _place_noun_after(ent: SpacySpan) -> str | None:
    """The kind a place noun right after ``ent`` gives it ("Dravan province", "Tell Harim air base")."""
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].lower_ in {"air", "naval", "military", "army"}:
        i += 1  # "air base", "naval base"
    return PLACE_AFTER.get(doc[i].lower_) if i < len(doc) else None


def _after_locative(ent: SpacySpan, allow_in: bool) -> bool:
    """ "in X" (for names NER took for people), "near X", "the village of X"."""
    doc, i = ent.doc, ent.start
    if ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}:
        return False  # "in Keller's government": a possessor, not a place
    before = doc[i - 1].lower_ if i >= 1 else ""
    if before in LOCATIVES:
        return allow_in or before != "in"
    return before == "of" and i >= 2 and doc[i - 2].lower_ in PLACE_NOUNS


def is_name_span(ent: SpacySpan) -> bool:
    """Whether an NER span can be a name: it has a capital letter ("crest" is no name), and it is not one
    plural common noun capitalised only because it opens its sentence ("Trains will run every 30 minutes",
    "Videos posted online showed ..."). The tagger calls a plural name there a common noun too ("Teamsters
    walked out"): that rare name is lost, as the price of the many capitalised nouns it drops."""
    if not any(ch.isupper() for ch in ent.text):
        return False
    first = ent[0]
    opens = all(t.is_punct for t in ent.doc[first.sent.start : first.i])
    return not (len(ent) == 1 and first.tag_ == "NNS" and opens)
