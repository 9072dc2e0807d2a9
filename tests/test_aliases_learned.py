"""Aliases the text states (parentheses, appositions) — but not the side-by-side names of a dateline or of a
town and its country — and one-word place names that never open an organisation's name."""

from __future__ import annotations

import pytest

from crosswire.model import Span
from crosswire.read.aliases import dateline_end, learn_aliases, name_key
from crosswire.read.entities import Mention
from crosswire.read.resolve import resolve


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from crosswire.read.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("LINDRELL, Velmaria (Meridian Wire) — A dam gave way.", "LINDRELL, Velmaria (Meridian Wire) — "),
        ("PORT AUREL (Meridian Wire) -- The cabinet met.", "PORT AUREL (Meridian Wire) -- "),
        ("SAHLAN, Qadira — Four days later, jets struck.", "SAHLAN, Qadira — "),
        ("A dam on the Orsa River gave way — and towns flooded.", ""),
        ("The Kalvik Dam (built in 1968) held.", ""),
    ],
)
def test_dateline_end(text: str, dateline: str) -> None:
    assert text[: dateline_end(text)] == dateline


def _pairs(nlp, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return {(text[a.first[0] : a.first[1]], text[a.second[0] : a.second[1]]) for a in learn_aliases(doc)}


def test_no_aliases_from_a_dateline(nlp) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(
        nlp, "LINDRELL, Velmaria (Meridian Wire) — The Dravan Water Authority (DWA) said on Tuesday."
    )
    assert not any("Meridian Wire" in p for pair in pairs for p in pair), pairs
    assert ("The Dravan Water Authority", "DWA") in pairs  # what the body states is still learned


def test_a_town_and_its_country_are_not_aliases(nlp) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(
        nlp, "The mayor of Springfield, Illinois, said the Islamic State (ISIL) claimed the attack."
    )
    assert not any({"Springfield", "Illinois"} <= {*pair} for pair in pairs), pairs
    assert ("the Islamic State", "ISIL") in pairs


def test_an_apposition_never_joins_two_lines(nlp) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(nlp, "The money went to Calder Union \n\nBank, a lender based in Dorvik, on Monday.")
    assert not any("\n" in p for pair in pairs for p in pair), pairs
    one_line = "The money went to Calder Union Bank, a lender based in Dorvik, on Monday."
    assert ("Calder Union Bank", "lender") in _pairs(nlp, one_line)  # on one line it is learned


def _m(article: str, start: int, surface: str, kind: str) -> Mention:
    return Mention(Span(article, start, start + len(surface)), surface, kind, name=surface)


def test_a_one_word_place_does_not_join_a_name_it_opens() -> None:
    iran, airline = _m("a1", 0, "Iran", "GPE"), _m("a1", 40, "Iran Air", "ORG")
    castellan, terminals = _m("a1", 80, "Castellan", "ORG"), _m("a1", 120, "Castellan Terminals", "ORG")
    res = resolve({"a1": [iran, airline, castellan, terminals]})
    assert res.entity_of[iran.id] != res.entity_of[airline.id]
    assert res.entity_of[castellan.id] == res.entity_of[terminals.id]  # an org short form joins


def test_a_short_form_joins_its_long_name_only_within_its_story() -> None:
    a, b = _m("a1", 0, "Castellan Terminals", "ORG"), _m("a1", 40, "Castellan", "ORG")
    c, d = _m("b1", 0, "Castellan Bank", "ORG"), _m("b1", 40, "Castellan", "ORG")
    res = resolve({"a1": [a, b], "b1": [c, d]}, groups={"a1": "story-a", "b1": "story-b"})
    assert res.entity_of[a.id] == res.entity_of[b.id]
    assert res.entity_of[c.id] == res.entity_of[d.id]
    assert res.entity_of[a.id] != res.entity_of[c.id]  # two companies, not one through "Castellan"


def test_a_place_does_not_join_a_person_whose_name_ends_with_it() -> None:
    person, city = _m("a1", 0, "George Washington", "PERSON"), _m("a1", 40, "Washington", "GPE")
    res = resolve({"a1": [person, city]})
    assert res.entity_of[person.id] != res.entity_of[city.id]


def test_a_time_restated_in_parentheses_is_not_an_alias(nlp) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(nlp, "The embankment failed at around 3:40 a.m. (0240 GMT) on Tuesday, the ministry said.")
    assert not any("GMT" in side for pair in pairs for side in pair), pairs


def test_an_entity_is_named_by_what_its_names_share() -> None:
    full, title = _m("a1", 0, "Viktor Hale", "PERSON"), _m("a1", 20, "National Renewal MP", "PERSON")
    title = Mention(title.span, title.surface, title.kind, name=title.name, aliases=("Viktor Hale",))
    shorts = [_m("a1", 60 + 10 * i, "Hale", "PERSON") for i in range(2)]
    res = resolve({"a1": [full, title, *shorts]})
    (entity,) = [e for e in res.entities if full.id in e.mention_ids]
    assert entity.name == "Viktor Hale"
    assert res.entity_of[title.id] == res.entity_of[full.id]
    front = Mention(Span("b1", 0, 14), "Northern Front", "ORG", name="Northern Front", aliases=("NF",))
    acronyms = [_m("b1", 30 + 10 * i, "NF", "ORG") for i in range(3)]
    res = resolve({"b1": [front, *acronyms]})
    assert {e.name for e in res.entities if front.id in e.mention_ids} == {"Northern Front"}


def test_known_in_a_language_as_follows_the_name_its_description_stands_beside(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Northern Front, an insurgent alliance known in Arabic as Jabhat al-Shamal, holds the town."
    pairs = {
        (text[a.first[0] : a.first[1]], text[a.second[0] : a.second[1]], a.how)
        for a in learn_aliases(nlp(text))
    }
    assert ("The Northern Front", "Jabhat al-Shamal", "aka") in pairs


def test_a_group_suffix_after_two_words_is_left_out_of_the_key() -> None:
    assert name_key("Halvard Maritime Group") == name_key("Halvard Maritime")
    assert name_key("Carlyle Group") != name_key("Carlyle")  # one word would be any Carlyle's key
    assert name_key("Mary Ann Group", person=True) != name_key("Mary Ann", person=True)  # a surname


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # a surname, then a full name the NER reads without its "Jr.": two people listed
        (
            "The meeting with Halvard, Tomas Brekke, Jr., the mayor's oldest son, was brief.",
            "Halvard",
            "Tomas Brekke",
        ),
        # a description coordinated with a name: two people
        ("He met the mayor's oldest son and local lawyer Ines Varga on Monday.", "son", "Ines Varga"),
    ],
)
def test_listed_or_coordinated_names_are_not_aliases(nlp, text: str, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(nlp, text)
    assert not any({first, second} <= {_word_in(first, p, q), _word_in(second, p, q)} for p, q in pairs), (
        pairs
    )


def test_a_name_and_its_description_in_apposition_stay_aliases(nlp) -> None:  # type: ignore[no-untyped-def]
    pairs = _pairs(nlp, "The meeting with Tomas Brekke, the mayor's oldest son, was brief.")
    assert any(
        {_word_in("Tomas Brekke", p, q), _word_in("son", p, q)} == {"Tomas Brekke", "son"} for p, q in pairs
    )


def _word_in(word: str, p: str, q: str) -> str:
    """``word`` when it is in exactly one side of the pair ``(p, q)``, else ""."""
    return word if (word in p) != (word in q) else ""


def test_a_description_opening_with_a_name_stays_an_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the White House counsel, Donald F. McGahn II": a description of the name beside it, not a list
    text = "The mayor relented after the White House counsel, Tomas Brekke, threatened to resign."
    pairs = _pairs(nlp, text)
    assert any(
        {_word_in("counsel", p, q), _word_in("Tomas Brekke", p, q)} == {"counsel", "Tomas Brekke"}
        for p, q in pairs
    ), pairs


def test_a_hyphenated_title_in_apposition_stays_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    from crosswire.read.entities import extract_mentions

    text = "Others joined, said Ines Varga, co-director of the Halden Tenants Union, on Monday."
    doc = nlp(text)
    seconds = {text[a.second[0] : a.second[1]] for a in learn_aliases(doc)}
    assert "co" not in seconds and "-" not in seconds
    assert any(s.startswith("co-director") for s in seconds), seconds
    directors = [m.surface for m in extract_mentions(doc, "x") if m.head == "director"]
    assert directors == ["co-director"]


def test_no_aliases_from_a_dateline_closing_the_page(nlp) -> None:  # type: ignore[no-untyped-def]
    # a page that ends with the next story's dateline: "DETROIT, Mich. (WXYZ) -"
    pairs = _pairs(nlp, "The boy was taken to a hospital.\n\nLINDRELL, Velm. (KVTV) -")
    assert not any("KVTV" in p for pair in pairs for p in pair), pairs


def test_a_lawmakers_party_and_state_are_no_alias(nlp) -> None:  # type: ignore[no-untyped-def]
    from crosswire.read.entities import extract_mentions

    doc = nlp("Rep. Tomas Brekke (D-CA) disagreed, and so did Sen. Ines Varga (R-Va.).")
    mentions = extract_mentions(doc, "x")
    assert not any(m.surface.startswith(("D-", "R-")) for m in mentions), mentions
    assert not any(a.startswith(("D-", "R-")) for m in mentions for a in m.aliases), mentions
