"""Quantities: values, ranges, units, counted nouns, rates, qualifiers; non-quantities; compatibility."""

from __future__ import annotations

import pytest

from crosswire.read.quantities import Quantity, compatible, counted_key, extract_quantities

RUDSKOI = (
    "Russian warplanes are conducting 20 to 25 sorties a day to support the Syrian army, "
    "Lt. Gen. Sergei Rudskoi said Friday."
)


def _one(text: str, surface: str) -> Quantity:
    """The quantity whose text is ``surface`` (fails when there is none)."""
    found = [q for q in extract_quantities(text, "a1") if q.text == surface]
    assert found, f"{surface!r} not among {[q.text for q in extract_quantities(text)]}"
    return found[0]


# (sentence, surface, low, high, unit, counted, per, qualifier, approximate)
CASES = [
    (RUDSKOI, "20 to 25 sorties a day", 20, 25, None, "sorties", "day", None, False),
    ("The jets flew 20-25 sorties daily from Hmeimim.", "20-25 sorties daily",
     20, 25, None, "sorties", "day", None, False),
    ("The jets flew 20–25 sorties per day.", "20–25 sorties per day",
     20, 25, None, "sorties", "day", None, False),
    ("Between 20 and 25 sorties were flown each day.", "Between 20 and 25 sorties",
     20, 25, None, "sorties", None, None, False),
    ("Pilots flew more than 100 sorties a day in March.", "more than 100 sorties a day",
     100, None, None, "sorties", "day", "more than", False),
    ("The war has killed some 470,000 people since 2011.", "some 470,000 people",
     470000, 470000, None, "people", None, "about", True),
    ("At least 14 people were killed in the blast.", "At least 14 people",
     14, None, None, "people", None, "at least", False),
    ("The plant laid off 3,200 workers on Monday.", "3,200 workers",
     3200, 3200, None, "workers", None, None, False),
    ("The UN says 1.5 million refugees have crossed.", "1.5 million refugees",
     1.5e6, 1.5e6, None, "refugees", None, None, False),
    ("Washington pledged $2.3 billion in aid.", "$2.3 billion", 2.3e9, 2.3e9, "USD", None, None, None, False),
    ("Brussels pledged €3bn and London £500m.", "€3bn", 3e9, 3e9, "EUR", None, None, None, False),
    ("Brussels pledged €3bn and London £500m.", "£500m", 5e8, 5e8, "GBP", None, None, None, False),
    ("The ministry offered US$40 million.", "US$40 million", 4e7, 4e7, "USD", None, None, None, False),
    ("Turnout fell to 12 percent, officials said.", "12 percent", 12, 12, "%", None, None, None, False),
    ("Turnout fell to 12%, officials said.", "12%", 12, 12, "%", None, None, None, False),
    ("Some 30 per cent of Syrians have fled.", "Some 30 per cent of Syrians",
     30, 30, "%", "syrians", None, "about", True),
    ("Three soldiers died at the checkpoint.", "Three soldiers", 3, 3, None, "soldiers", None, None, False),
    ("Twenty-five civilians were evacuated.", "Twenty-five civilians",
     25, 25, None, "civilians", None, None, False),
    ("A dozen rebels surrendered.", "A dozen rebels", 12, 12, None, "rebels", None, None, True),
    ("Dozens of people were wounded.", "Dozens of people", 24, None, None, "people", None, None, True),
    ("Hundreds of families fled the town.", "Hundreds of families",
     200, None, None, "families", None, None, True),
    ("Tens of thousands of refugees crossed.", "Tens of thousands of refugees",
     20000, None, None, "refugees", None, None, True),
    ("Several hundred protesters gathered.", "Several hundred protesters",
     200, None, None, "protesters", None, None, True),
    ("Two-thirds of voters stayed home.", "Two-thirds of voters",
     66.67, 66.67, "%", "voters", None, None, True),
    ("Nearly 500 fighters surrendered.", "Nearly 500 fighters",
     500, 500, None, "fighters", None, "nearly", True),
    ("Up to 40 aircraft took part.", "Up to 40 aircraft", None, 40, None, "aircraft", None, "up to", False),
    ("Fewer than 10 journalists remain.", "Fewer than 10 journalists",
     None, 10, None, "journalists", None, "less than", False),
    ("No more than 300 troops will stay.", "No more than 300 troops",
     None, 300, None, "troops", None, "at most", False),
    ("Twenty or more people were hurt.", "Twenty or more people",
     20, None, None, "people", None, "at least", False),
    ("Two or three strikes hit the town.", "Two or three strikes", 2, 3, None, "strikes", None, None, False),
    ("20 to 25 million people need aid.", "20 to 25 million people",
     2e7, 2.5e7, None, "people", None, None, False),
    ("Two to three thousand people gathered.", "Two to three thousand people",
     2000, 3000, None, "people", None, None, False),
    ("It cost between $1 billion and $2 billion.", "between $1 billion and $2 billion",
     1e9, 2e9, "USD", None, None, None, False),
    ("At least 14 Syrian government soldiers died.", "At least 14 Syrian government soldiers",
     14, None, None, "soldiers", None, "at least", False),
    ("Five Su-25 jets returned to base.", "Five Su-25 jets", 5, 5, None, "jets", None, None, False),
    ("Six crew members were rescued.", "Six crew members", 6, 6, None, "members", None, None, False),
    ("The convoy stopped roughly 20km from Aleppo.", "roughly 20km", 20, 20, "km", None, None, "about", True),
    ("The jet flew at 35,000 feet.", "35,000 feet", 35000, 35000, "ft", None, None, None, False),
    ("The gunman fired from 80 yards away.", "80 yards", 80, 80, "yd", None, None, None, False),
    ("Rain reached 25mm overnight.", "25mm", 25, 25, "mm", None, None, None, False),
    ("Support rose 0.5 percentage points.", "0.5 percentage points", 0.5, 0.5, "pp", None, None, None, False),
    ("A 25-year-old man was arrested.", "25-year-old", 25, 25, "years", "age", None, None, False),
    ("The suspect, aged 45, was arrested.", "45", 45, 45, "years", "age", None, None, False),
    ("Jose Cazares, 31, of Kokomo was shot.", "31", 31, 31, "years", "age", None, None, False),
    ("The toll rose to 20, officials said.", "20", 20, 20, None, None, None, None, False),
    ("A 10-day ceasefire began.", "10-day", 10, 10, None, "day", None, None, False),
    ("The fighting killed 250,000 people over four years.", "four years",
     4, 4, None, "years", None, None, False),
    ("About 1.2m people live in the city.", "About 1.2m people",
     1.2e6, 1.2e6, None, "people", None, "about", True),
    ("One soldier died in the attack.", "One soldier", 1, 1, None, "soldier", None, None, False),
    ("More than 50 fighters, 40 dead among them.", "More than 50 fighters",
     50, None, None, "fighters", None, "more than", False),
    ("50-plus soldiers deserted.", "50-plus soldiers", 50, None, None, "soldiers", None, "at least", False),
    ("Workers earn $5 a day.", "$5 a day", 5, 5, "USD", None, "day", None, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit", "counted", "per", "qualifier", "approx"), CASES
)
def test_quantity_fields(
    text: str,
    surface: str,
    low: float | None,
    high: float | None,
    unit: str | None,
    counted: str | None,
    per: str | None,
    qualifier: str | None,
    approx: bool,
) -> None:
    q = _one(text, surface)
    assert (q.low, q.high) == (pytest.approx(low) if low else low, pytest.approx(high) if high else high)
    assert (q.unit, q.counted, q.per, q.qualifier, q.approximate) == (unit, counted, per, qualifier, approx)


@pytest.mark.parametrize("text", [case[0] for case in CASES])
def test_spans_point_at_the_text(text: str) -> None:
    found = extract_quantities(text, "art-7")
    assert found
    for q in found:
        assert text[q.span.start : q.span.end] == q.text == q.span.text_of(text)
        assert q.span.article_id == "art-7"


@pytest.mark.parametrize(
    "text",
    [
        "The election was held in 2015 and again in 2016.",
        "The talks opened on March 14 and closed on 15 March.",
        "The talks opened on Sept. 30, 2015.",
        "The strike came at 9 a.m. and a second at 10:30.",
        "The convoy left at 0900 GMT.",
        "It was the third attack, after the 2nd and 21st.",
        "Turkey shot down a Su-24 bomber and a MiG-29 crashed.",
        "An A320 and a Boeing 737 landed.",
        "Flight 17 was shot down under Resolution 2254.",
        "It happened three weeks ago.",
        "One of the pilots survived; no one else did.",
        "The team won 3-1 at home.",
        "The 1990s were hard; the 2014-15 season was worse.",
        "Version 2.5.1 was released and coverage is 24/7.",
        "COVID-19 reached the G7.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def test_change_from_to_gives_two_points() -> None:
    found = extract_quantities("Sorties rose from 20 to 25 a day.")
    assert [(q.text, q.low, q.high, q.per) for q in found] == [
        ("20", 20, 20, "day"),
        ("25 a day", 25, 25, "day"),
    ]


def test_change_shares_the_currency_and_unit() -> None:
    found = extract_quantities("Support rose from 12% to 15%, prices from $5 to $7.")
    assert [(q.text, q.unit) for q in found] == [("12%", "%"), ("15%", "%"), ("$5", "USD"), ("$7", "USD")]


def test_a_day_earlier_is_no_rate() -> None:
    (q,) = extract_quantities("They killed 20 people a day earlier.")
    assert (q.text, q.per) == ("20 people", None)


def test_year_with_a_qualifier_is_a_count() -> None:
    (q,) = extract_quantities("By then more than 2000 had left.")
    assert (q.low, q.qualifier) == (2000, "more than")


def test_bare_m_is_metres_without_currency() -> None:
    (q,) = extract_quantities("He won the 100m sprint.")
    assert (q.low, q.unit) == (100, "m")


def test_several_quantities_in_order() -> None:
    text = "At least 14 people were killed, and 3,200 workers lost their jobs after 2 or 3 strikes."
    assert [q.text for q in extract_quantities(text)] == [
        "At least 14 people",
        "3,200 workers",
        "2 or 3 strikes",
    ]


# --- compatible ----------------------------------------------------------------------------------


def _q(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


COMPAT = [
    ("more than 100 sorties a day", "110 sorties a day", True),
    ("more than 100 sorties a day", "100 sorties a day", True),  # bounds inclusive: rounding is no conflict
    ("more than 100 sorties a day", "90 sorties a day", False),
    ("about 3,000 troops", "3,200 troops", True),
    ("about 3,000 troops", "3,500 troops", False),
    ("3,000 troops", "3,100 troops", True),  # a round figure admits half its last digit, at most 5%
    ("3,000 troops", "3,200 troops", True),  # 3,200 may itself be rounded (3,150..3,250)
    ("3,000 troops", "3,300 troops", False),
    ("at least 14 people", "20 people", True),
    ("at least 14 people", "12 people", False),
    ("20 to 25 sorties a day", "40 sorties a day", False),
    ("20 to 25 sorties a day", "22 sorties a day", True),
    ("20 to 25 sorties a day", "more than 24 sorties a day", True),
    ("14 dead", "at least 20 dead", False),
    ("14 dead", "15 dead", False),
    ("up to 40 aircraft", "35 aircraft", True),
    ("up to 40 aircraft", "50 aircraft", False),
    ("fewer than 10 journalists", "at least 12 journalists", False),
    ("dozens of people", "50 people", True),
    ("dozens of people", "10 people", False),
    ("nearly 500 fighters", "480 fighters", True),
    ("$2.3 billion", "$2.5 billion", False),
    ("$2.3 billion", "2.3 billion dollars", True),
    ("12 percent", "12%", True),
    ("one soldier", "two soldiers", False),  # singular and plural count the same thing
    ("20 sorties", "20 people", None),
    ("20 sorties a day", "20 sorties", None),  # a rate and a total
    ("$2 billion", "€2 billion", None),
    ("20 km", "20 miles", None),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPAT)
def test_compatible_both_directions(a: str, b: str, expected: bool | None) -> None:
    qa, qb = _q(a), _q(b)
    assert compatible(qa, qb) is expected
    assert compatible(qb, qa) is expected


def test_compatible_needs_a_measure() -> None:
    a, b = _q("they counted 14"), _q("they counted 20")
    assert (a.counted, a.unit) == (None, None)
    assert compatible(a, b) is None


@pytest.mark.parametrize(
    ("one", "many"),
    [("sortie", "sorties"), ("person", "people"), ("man", "men"), ("soldier", "soldiers"), ("bus", "buses"),
     ("church", "churches"), ("country", "countries"), ("house", "houses"), ("police", "police")],
)  # fmt: skip
def test_counted_key_joins_singular_and_plural(one: str, many: str) -> None:
    assert counted_key(one) == counted_key(many)


@pytest.mark.parametrize(("a", "b"), [("soldiers", "sorties"), ("news", "new"), ("people", "police")])
def test_counted_key_keeps_different_things_apart(a: str, b: str) -> None:
    assert counted_key(a) != counted_key(b)


# --- with a parse ---------------------------------------------------------------------------------


def test_doc_refines_the_counted_noun() -> None:
    nlp_module = pytest.importorskip("crosswire.read.nlp")
    try:
        nlp = nlp_module.load_nlp()
    except nlp_module.ModelNotInstalled:  # pragma: no cover - depends on the environment
        pytest.skip("spaCy model not installed")
    text = "Officials said 3,000 Syrian refugees remain, and 12 percent of voters backed him."
    plain = extract_quantities(text)
    parsed = extract_quantities(text, doc=nlp(text))
    assert [q.counted for q in parsed] == ["refugees", "voters"]
    assert [q.text for q in parsed] == [q.text for q in plain]


def test_doc_fixes_a_verb_taken_for_the_noun() -> None:
    nlp_module = pytest.importorskip("crosswire.read.nlp")
    try:
        nlp = nlp_module.load_nlp()
    except nlp_module.ModelNotInstalled:  # pragma: no cover
        pytest.skip("spaCy model not installed")
    text = "Officials said 20 Americans work there."
    (q,) = extract_quantities(text, doc=nlp(text))
    assert (q.text, q.counted) == ("20 Americans", "americans")


def test_doc_of_another_text_is_ignored() -> None:
    nlp_module = pytest.importorskip("crosswire.read.nlp")
    try:
        nlp = nlp_module.load_nlp()
    except nlp_module.ModelNotInstalled:  # pragma: no cover
        pytest.skip("spaCy model not installed")
    text = "Five jets flew."
    assert extract_quantities(text, doc=nlp("Something else entirely.")) == extract_quantities(text)
