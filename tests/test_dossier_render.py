"""The dossier's HTML, Markdown and JSON: every item present, every evidence link landing on its exact span,
all text escaped, nothing loaded from outside the file.

Most tests use a hand-built dossier (no models, fast, every section filled); one builds a real dossier of an
invented three-report event with the models and checks the same properties.
"""

from __future__ import annotations

import json
import random
from typing import Any

import lxml.html
import pytest

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.conflicts import Compatibility, Conflict
from crosswire.compare.dossier import ArticleInfo, Dossier, build_dossier, omissions
from crosswire.compare.labels import EntityLabels, LabelUse, OutletTerms, TermScore
from crosswire.compare.quotes_across import QuoteComparison, QuoteVersion, SpeakerQuotes, Statement
from crosswire.compare.summary import Citation, Difference, SummarySentence
from crosswire.compare.timeline import TimePoint
from crosswire.model import Article, Span
from crosswire.present.dossier_html import to_html
from crosswire.present.dossier_json import dossier_data, to_json
from crosswire.present.dossier_marks import Mark, anchor, nest, render, spans_in
from crosswire.present.dossier_md import to_markdown
from crosswire.read.entities import Mention
from crosswire.read.quotes import Quote
from crosswire.read.reader import Reading
from crosswire.read.resolve import Entity, Resolution

HOSTILE = "<script>alert('x')</script> & \"quoted\" | piped"
TEXTS = {
    "aaaaaaaaaaaaaaaa": (
        "The ferry Marisol caught fire off Grebe Point on Friday. Twelve passengers were hurt, the "
        'coastguard said. "We got everyone off the ship in time," captain Ida Brand said.'
    ),
    "bbbbbbbbbbbbbbbb": (
        'The ferry Marisol caught fire near Grebe Point on Friday morning. "We got everyone off," '
        "Captain Brand told reporters."
    ),
    "cccccccccccccccc": (f"Thirty passengers were hurt when the Marisol burned, a nurse said. {HOSTILE}."),
}
OUTLETS = {
    "aaaaaaaaaaaaaaaa": "Northgate Post",
    "bbbbbbbbbbbbbbbb": "Riverside Herald",
    "cccccccccccccccc": "Valley Courier <i>",
}


def span(aid: str, phrase: str) -> Span:
    start = TEXTS[aid].index(phrase)
    return Span(aid, start, start + len(phrase))


def claim(cid: str, aid: str, phrase: str) -> Claim:
    return Claim(cid, span(aid, phrase), phrase, OUTLETS[aid], aid)


A, B, C = TEXTS


def _claims() -> list[Claim]:
    return [
        claim("c0", A, "The ferry Marisol caught fire off Grebe Point on Friday."),
        claim("c1", A, "Twelve passengers were hurt, the coastguard said."),
        claim("c2", B, "The ferry Marisol caught fire near Grebe Point on Friday morning."),
        claim("c3", C, "Thirty passengers were hurt when the Marisol burned, a nurse said."),
        claim("c4", C, HOSTILE + "."),
    ]


def _groups(claims: list[Claim]) -> list[ClaimGroup]:
    by = {c.id: c for c in claims}
    conflict = Conflict(
        "numbers", "Northgate Post reports “Twelve”, Valley Courier “Thirty” (injured)", "c1", "c3"
    )
    return [
        ClaimGroup(
            "g0",
            [by["c0"], by["c2"]],
            "corroborated",
            compatible=[Compatibility("“on Friday” and “on Friday morning” agree", "c0", "c2")],
        ),
        ClaimGroup("g1", [by["c1"], by["c3"]], "conflicting", conflicts=[conflict]),
        ClaimGroup("g2", [by["c4"]], "unique"),
    ]


def _reading() -> dict[str, Reading]:
    text = TEXTS[A]
    quote_start = text.index("the coastguard")  # crosses the end of claim c1 into the next sentence
    content = Span(A, quote_start, text.index(" captain"))
    quote = Quote(content, content, None, None, "the coastguard", True)
    brand = Mention(span(A, "Ida Brand"), "Ida Brand", "PERSON", "Ida Brand")
    return {A: Reading(A, mentions=[brand], quotes=[quote])}


def _quotes() -> QuoteComparison:
    full = span(A, "We got everyone off the ship in time")
    short = span(B, "We got everyone off")
    versions = [
        QuoteVersion(OUTLETS[A], A, full, full, TEXTS[A][full.start : full.end], True, "said", "fullest"),
        QuoteVersion(
            OUTLETS[B], B, short, short, TEXTS[B][short.start : short.end], True, "told", "truncated"
        ),
    ]
    return QuoteComparison(
        [SpeakerQuotes("e1", "Ida Brand", [Statement(versions)])],
        {OUTLETS[A]: [("Ida Brand", 1)], OUTLETS[B]: [("Ida Brand", 1)]},
    )


def hand_dossier() -> Dossier:
    published = {A: "2026-03-06T09:00:00Z", B: "2026-03-06T11:30:00Z", C: "2026-03-07T08:00:00Z"}
    articles = [
        ArticleInfo(aid, OUTLETS[aid], f"Ferry fire {i}", published[aid], None, aid, None, text)
        for i, (aid, text) in enumerate(TEXTS.items())
    ]
    claims = _claims()
    groups = _groups(claims)
    d = Dossier("ev-test", articles, claims, groups, readings=_reading())
    d.resolution = Resolution(
        [Entity("e1", "PERSON", "Ida Brand", ["Ida Brand"], [])],
        {f"{A}:{span(A, 'Ida Brand').start}-{span(A, 'Ida Brand').end}": "e1"},
    )
    d.omissions = omissions(groups, d.outlets)
    d.summary = [
        SummarySentence(
            claims[0].text,
            "c0",
            "g0",
            "corroborated",
            [Citation(c.outlet, c.id, c.span) for c in groups[0].claims],
        )
    ]
    d.differences = [
        Difference(
            "g1",
            ["numbers"],
            [groups[1].conflicts[0].reason],
            [Citation(c.outlet, c.id, c.span) for c in groups[1].claims],
            {c.id: c.text for c in groups[1].claims},
        )
    ]
    d.labels = [
        EntityLabels(
            "e1",
            "PERSON",
            "Ida Brand",
            {
                OUTLETS[A]: [LabelUse("Ida Brand", 1, [span(A, "Ida Brand")])],
                OUTLETS[B]: [LabelUse("Captain Brand", 1, [span(B, "Captain Brand")])],
            },
        )
    ]
    d.terms = [
        OutletTerms(OUTLETS[A], [TermScore("coastguard", 2.4, 1, span(A, "coastguard"))]),
        OutletTerms(OUTLETS[B], []),
    ]
    d.quotes = _quotes()
    d.timeline = [
        TimePoint(
            "2026-03-06",
            "2026-03-06",
            "day",
            claims[0].text,
            "g0",
            ["c0"],
            [OUTLETS[A]],
            [span(A, "on Friday")],
            ["on Friday"],
        )
    ]
    return d


# -- helpers ----------------------------------------------------------------------------------------


def parse(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def texts_of(d: Dossier) -> dict[str, str]:
    return {a.id: a.text for a in d.articles}


def assert_links_resolve(doc: Any) -> int:
    ids = set(doc.xpath("//@id"))
    targets = [h[1:] for h in doc.xpath("//a/@href") if h.startswith("#")]
    missing = [t for t in targets if t not in ids]
    assert not missing, f"links to missing ids: {missing[:5]}"
    return len(targets)


def assert_marks_match(doc: Any, texts: dict[str, str]) -> int:
    checked = 0
    for column in doc.xpath("//article[@data-article]"):
        text = texts[column.get("data-article")]
        for el in column.xpath(".//*[@data-start]"):
            start, end = int(el.get("data-start")), int(el.get("data-end"))
            assert el.text_content() == text[start:end], el.get("class")
            checked += 1
    return checked


def assert_self_contained(doc: Any, html: str) -> None:
    assert not doc.xpath("//script[@src] | //link[@href] | //img | //iframe | //object | //embed")
    for style in doc.xpath("//style/text()"):
        assert "url(" not in style and "@import" not in style
    assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]


# -- the hand-built dossier ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hand() -> tuple[Dossier, str]:
    d = hand_dossier()
    return d, to_html(d)


def test_every_evidence_link_lands_on_its_span(hand: tuple[Dossier, str]) -> None:
    d, html = hand
    doc = parse(html)
    assert assert_links_resolve(doc) > 10
    for c in d.claims:  # each claim's anchor is the claim's own text
        el = doc.get_element_by_id(anchor(c.article_id, c.span.start, c.span.end))
        assert el.text_content() == c.text


def test_highlighted_text_equals_the_article_slice(hand: tuple[Dossier, str]) -> None:
    d, html = hand
    assert assert_marks_match(parse(html), texts_of(d)) >= len(d.claims)


def test_a_quote_crossing_a_sentence_is_split_and_keeps_its_anchor(hand: tuple[Dossier, str]) -> None:
    d, html = hand
    doc = parse(html)
    quote = d.readings[A].quotes[0].content
    pieces = [
        el
        for el in doc.xpath("//span[contains(@class, 'quote')]")
        if el.getparent() is not None
        and int(el.get("data-start")) >= quote.start
        and int(el.get("data-end")) <= quote.end
    ]
    assert len(pieces) == 2
    first, rest = sorted(pieces, key=lambda el: int(el.get("data-start")))
    assert first.get("id") == anchor(A, quote.start, quote.end)
    assert "cont" in rest.get("class") and rest.get("id") is None
    assert first.text_content() + rest.text_content() == TEXTS[A][quote.start : quote.end]


def test_text_is_escaped(hand: tuple[Dossier, str]) -> None:
    _, html = hand
    doc = parse(html)
    assert "<script>alert" not in html and "<i>" not in html
    assert len(doc.xpath("//script")) == 1  # the dossier's own inline script
    assert HOSTILE in doc.text_content() and "Valley Courier <i>" in doc.text_content()


def test_no_external_resources(hand: tuple[Dossier, str]) -> None:
    _, html = hand
    assert_self_contained(parse(html), html)


def test_sections_show_the_dossier_items(hand: tuple[Dossier, str]) -> None:
    d, html = hand
    doc = parse(html)
    rows = {r.get("id"): r for r in doc.xpath("//table[@id='claim-table']//tr[@id]")}
    assert {f"row-{g.id}" for g in d.groups} == set(rows)
    assert [rows[f"row-{g.id}"].get("data-status") for g in d.groups] == [g.status for g in d.groups]
    assert "corroborated by 2 independent outlets" in rows["row-g0"].text_content()
    assert "Twelve" in rows["row-g1"].text_content() and "Thirty" in rows["row-g1"].text_content()
    assert "unique to Valley Courier <i>" in rows["row-g2"].text_content()
    assert doc.get_element_by_id("diff-g1") is not None
    summary_links = doc.xpath("//ol[@class='summary']//a[contains(@class, 'chip')]/@href")
    assert summary_links == ["#" + anchor(c.article_id, c.span.start, c.span.end) for c in d.groups[0].claims]
    labels = doc.xpath("//table[contains(@class, 'labels')]")[0].text_content()
    assert "Captain Brand" in labels and "Ida Brand" in labels
    assert doc.xpath("//span[contains(@class, 'rel-truncated')]")
    assert "Fri 06 Mar 2026" in doc.get_element_by_id("timeline").text_content()
    assert len(doc.xpath("//article[@data-article]")) == len(d.articles)
    assert len(doc.xpath("//svg//circle")) == len(d.articles)  # one report per outlet and hour


def test_omissions_list_the_corroborated_claims_an_outlet_lacks(hand: tuple[Dossier, str]) -> None:
    _, html = hand
    text = parse(html).get_element_by_id("omissions").text_content()
    assert "The ferry Marisol caught fire off Grebe Point" in text  # Valley Courier lacks g0
    assert text.count("Carries every corroborated claim") == 2


def test_json_round_trips_with_exact_spans() -> None:
    d = hand_dossier()
    data = json.loads(to_json(d))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    spans = list(spans_in({k: v for k, v in data.items() if k != "articles"}))
    assert len(spans) > 15
    for s in spans:
        assert s["text"] == texts[s["article_id"]][s["start"] : s["end"]]
    assert data == dossier_data(d)
    assert data["counts"] == {
        "articles": 3,
        "independent_sources": 3,
        "claims": 5,
        "groups": 3,
        "conflicting": 1,
        "corroborated": 1,
        "unique": 1,
    }
    assert [g["id"] for g in data["groups"]] == ["g1", "g0", "g2"]  # conflicts first
    assert data["groups"][0]["conflicts"][0]["evidence"][1]["text"].startswith("Thirty")


def test_markdown_has_every_section_and_safe_tables() -> None:
    md = to_markdown(hand_dossier())
    for heading in (
        "# Ferry fire 0",
        "## Summary",
        "## Where reports differ",
        "## Claims",
        "## Omissions",
        "## Labels for the same referent",
        "## Characteristic terms",
        "## Quotes across outlets",
        "## Timeline",
        "## Articles",
    ):
        assert heading in md
    table_rows = [line for line in md.splitlines() if line.startswith("| unique to")]
    assert table_rows and "\\| piped" in table_rows[0]
    assert f"[article {C[:8]}," in md


# -- nesting of arbitrary marks -----------------------------------------------------------------------


def test_random_overlapping_marks_nest_into_exact_slices() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("ab <&>\"'\n") for _ in range(300))
    for _ in range(30):
        marks = {}
        for _ in range(25):
            s = rng.randrange(0, 299)
            e = rng.randrange(s + 1, 301)
            marks[(s, e)] = Mark(
                s, e, [rng.choice(["claim", "quote", "ent", "ev"])], anchor=anchor("x", s, e)
            )
        html = f'<article data-article="x">{render(text, nest(list(marks.values()), len(text)))}</article>'
        doc = lxml.html.fragment_fromstring(html)
        assert doc.text_content() == text
        assert_marks_match(doc.getroottree(), {"x": text})
        assert sorted(doc.xpath("//@id")) == sorted(anchor("x", s, e) for s, e in marks)


# -- a real dossier, built by the compare stage ----------------------------------------------------------


REPORTS = [
    (
        "Northgate Post",
        "2026-03-06T09:00:00Z",
        "Ferry fire off Grebe Point",
        "A passenger ferry, the Marisol, caught fire off Grebe Point on Friday morning, the coastguard said. "
        "Twelve passengers were taken to hospital in Orrin Falls. "
        '"Everyone is off the ship and accounted for," said coastguard commander Ida Brand.',
    ),
    (
        "Riverside Herald",
        "2026-03-06T13:00:00Z",
        "Marisol ferry burns near Grebe Point",
        "The ferry Marisol caught fire near Grebe Point on Friday morning, according to the coastguard. "
        'Thirty passengers were taken to hospital in Orrin Falls. "Everyone is off the ship," said commander '
        "Ida Brand of the coastguard. The ferry operator, Tallis Lines, said the engine room had been "
        "inspected in May.",
    ),
    (
        "Valley Courier",
        "2026-03-07T08:00:00Z",
        "Questions after Marisol ferry fire",
        "A day after the Marisol ferry fire off Grebe Point, unions asked why the ship was still in service. "
        "The coastguard said the fire began in the engine room on Friday morning.",
    ),
]


@pytest.fixture(scope="module")
def built() -> tuple[Dossier, str]:
    articles = [
        Article(id=f"{i:x}" * 16, text=text, title=title, outlet=outlet, published=published)
        for i, (outlet, published, title, text) in enumerate(REPORTS, start=10)
    ]
    d = build_dossier(articles, "ev-ferry")
    return d, to_html(d)


def test_real_dossier_renders_with_working_evidence_links(built: tuple[Dossier, str]) -> None:
    d, html = built
    doc = parse(html)
    assert doc.xpath("//h1")[0].text_content() == "Ferry fire off Grebe Point"
    assert assert_links_resolve(doc) >= len(d.claims)
    assert assert_marks_match(doc, texts_of(d)) >= len(d.claims)
    assert_self_contained(doc, html)
    rows = doc.xpath("//table[@id='claim-table']//tr[@data-status]")
    assert sorted(r.get("data-status") for r in rows) == sorted(g.status for g in d.groups)
    for s in d.summary:
        assert s.text in doc.get_element_by_id("summary").text_content()


def test_real_dossier_json_spans_are_exact(built: tuple[Dossier, str]) -> None:
    d, _ = built
    data = json.loads(to_json(d))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for s in spans_in({k: v for k, v in data.items() if k != "articles"}):
        assert s["text"] == texts[s["article_id"]][s["start"] : s["end"]]
    assert {c["id"] for c in data["claims"]} == {c.id for c in d.claims}


def test_a_pair_naming_a_claim_of_another_group_keeps_its_evidence(built: tuple[Dossier, str]) -> None:
    """An age matching a year of building is listed on one group while its other claim sits in another
    group: the JSON still gives both claims' spans."""
    d, _ = built
    first, other = d.groups[0], next(g for g in d.groups[1:] if g.claims)
    pair = Compatibility("age matches year", first.claims[0].id, other.claims[0].id)
    first.compatible.append(pair)
    try:
        data = dossier_data(d)
    finally:
        first.compatible.remove(pair)
    [listed] = [g for g in data["groups"] if g["id"] == first.id]
    evidence = next(c["evidence"] for c in listed["compatible"] if c["reason"] == "age matches year")
    assert [e["text"] for e in evidence] == [first.claims[0].text, other.claims[0].text]


def test_named_referents_come_first_and_described_ones_say_so() -> None:
    d = hand_dossier()
    d.labels.insert(
        0,
        EntityLabels(
            "e9",
            "OTHER",
            "the crew",
            {
                OUTLETS[A]: [LabelUse("crew", 2, [span(A, "coastguard")]), LabelUse("sailors", 1, [])],
                OUTLETS[B]: [LabelUse("deckhands", 1, [])],
            },
            named=False,
        ),
    )
    md = to_markdown(d)
    rows = [line for line in md.splitlines() if line.startswith(("| Ida Brand", "| the crew"))]
    assert [r.split(" (")[0] for r in rows] == ["| Ida Brand", "| the crew"]
    assert "(description)" in rows[1] and "(OTHER)" not in md
    html = parse(to_html(d))
    kinds = [k.text_content() for k in html.xpath("//table[@class='labels']//span[@class='kind']")]
    assert kinds == ["PERSON", "description"]


def test_people_quoted_disagreeing_are_marked_in_every_format() -> None:
    d = hand_dossier()
    plain_html = parse(to_html(d))
    assert not plain_html.xpath("//span[contains(@class, 'quoted')]")
    d.differences[0].between = "sources"
    doc = parse(to_html(d))
    pill = doc.get_element_by_id("diff-g1").xpath(".//span[contains(@class, 'quoted')]")
    assert [p.text_content() for p in pill] == ["people quoted disagree"]
    assert "### Numbers, people quoted disagree (claim g1)" in to_markdown(d)
    assert dossier_data(d)["differences"][0]["between"] == "sources"
