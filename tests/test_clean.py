"""Cleaning: boilerplate gone, the report kept, paragraph structure kept. Fixtures assert given sentences
present or absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest.clean import clean_text, is_boilerplate, normalise, split_paragraphs
from crosswire.ingest.core import build_article
from crosswire.model import RawItem
from tests.fixtures import FIXTURES, HTML_PAGE

WIRE_COPY = FIXTURES / "clean" / "wire-copy.txt"


def _html_article_text() -> str:
    page = HTML_PAGE.read_text(encoding="utf-8")
    return build_article(RawItem(str(HTML_PAGE), page, "text/html", {}, page.encode(), "html")).text


# --- the saved HTML page ---------------------------------------------------------------------------

HTML_KEPT = [
    "ORRIN FALLS — Fares on the Orrin Falls lake ferry will double from the first of June, the town council "
    "announced on Wednesday, ending a decade in which a single crossing cost two crowns.",
    "Council treasurer Imke Dalgaard said the ferry service lost money in each of the past four years",
    '"We kept the price low for as long as we could, but the boat cannot run on goodwill," Dalgaard told',
    "Commuters who cross the lake every day reacted with dismay.",
    "A monthly pass for residents will rise by a smaller amount, from forty to fifty-five crowns",
]
HTML_GONE = [
    "We use cookies",  # cookie banner
    "Accept all",
    "Weather",  # navigation
    "LAKESIDE HERALD",
    "Share this article",  # share buttons
    "Facebook",
    "The ferry Marigold leaves the Orrin Falls pier",  # figure caption
    "T. Brennick",  # photo credit
    "Olaf Brandt contributed to this report",
    "Subscribe to the Lakeside Herald",
    "Read more",
    "Lake levels fall to a ten-year low",  # related links
    "New pier opens at Grebe Point",
    "Council approves budget for road repairs",
    "Sign up for our newsletter",
    "morning briefing",
    "About us",  # footer
    "All rights reserved",
    "Nadia Velasquez",  # byline: kept as author, not text
    "Orrin Falls ferry fares to double from June, council says",  # headline: kept as title, not text
]


@pytest.mark.parametrize("sentence", HTML_KEPT)
def test_html_page_keeps_the_report(sentence: str) -> None:
    assert sentence in _html_article_text()


@pytest.mark.parametrize("fragment", HTML_GONE)
def test_html_page_drops_boilerplate(fragment: str) -> None:
    assert fragment not in _html_article_text()


def test_html_page_keeps_paragraph_structure() -> None:
    paragraphs = _html_article_text().split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("ORRIN FALLS — Fares")
    assert paragraphs[2].startswith('"We kept the price low')
    assert paragraphs[4].endswith("the council said.")
    assert all("\n" not in p and p == p.strip() for p in paragraphs)


# --- a plain-text wire copy with everything in it ---------------------------------------------------

TITLE = "Sallow Valley growers win frost aid"
WIRE_KEPT = [
    "Fruit growers in the Sallow Valley hit by late frost will receive emergency aid of up to eight thousand "
    "crowns per farm, the regional agriculture ministry said on Thursday.",
    "Agriculture minister Helga Strand said the money would reach farms "
    'before the harvest. "Nobody should lose '
    'their orchard to one cold night," she said.',
    "The cooperative had asked for twice as much, its chairman Ruben "
    "Achterberg said, but called the aid a fair "
    "start.",
]
WIRE_GONE = [
    "Apple blossom frozen on a branch",  # caption with (Photo: .../...)
    "L. Ferrand",
    "Growers inspect damaged trees",  # "PHOTO: ..." caption
    "Share this article",
    "Subscribe to our daily newsletter",
    "Follow us on Twitter",
    "Tomas Wilde contributed to this report",
    "Reporting by Ines Marlow",
    "Read more",
    "Frost hits Sallow Valley orchards",
    "Related stories",
    "Millbrook market prices rise after frost",
    "Cooperative elects new chairman",
    "Weather service warns of more cold nights",
    "© 2026 Valley Post",
]


def test_wire_copy_cleaned_exactly() -> None:
    assert clean_text(WIRE_COPY.read_text(), TITLE) == "\n\n".join(WIRE_KEPT)


@pytest.mark.parametrize("fragment", WIRE_GONE)
def test_wire_copy_drops(fragment: str) -> None:
    assert fragment not in clean_text(WIRE_COPY.read_text(), TITLE)


def test_repeated_headline_dropped_when_untitled(tmp_path: Path) -> None:
    """An untitled text whose headline is repeated: one becomes the title, no copy stays in the text."""
    raw = WIRE_COPY.read_bytes()
    article = build_article(RawItem(str(WIRE_COPY), raw.decode(), "text/plain", {}, raw, "text"))
    assert article.title == TITLE
    assert article.text == "\n\n".join(WIRE_KEPT)


def test_headline_in_body_kept_when_it_is_the_only_paragraph() -> None:
    assert clean_text("Storm closes the harbour", "Storm closes the harbour") == "Storm closes the harbour"


# --- line by line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The ferry Marigold leaves the pier on Tuesday. (Photo: T. Brennick/Lakeside Herald)",
        "Strikers gather at the gate on Monday. (AP Photo/Evan Marsh)",
        "Photo: Lakeside Herald/T. Brennick",
        "A still from a video which appears to show the flooded square. (Image: social media)",
        "Crews at the breach on Monday (Photo: Dana Orlov)",
        "Olaf Brandt contributed to this report.",
        "Olaf Brandt in Orrin Falls contributed reporting.",
        "Reporting by Ines Marlow; editing by Carl Hoeg",
        "Additional reporting by Sam Orr",
        "Read more: Frost hits orchards",
        "Related coverage",
        "See also: the dam inquiry",
        "Share this article",
        "Share on Facebook",
        "Email",
        "Print",
        "Tweet this",
        "Subscribe to our newsletter",
        "Sign up for the morning briefing",
        "Follow us on Twitter",
        "Download our app for breaking news alerts",
        "© 2026 Valley Post",
        "Copyright 2026 Valley Post Media",
        "All rights reserved.",
        "Advertisement",
        "We use cookies to give you the best experience.",
        "Skip to main content",
        "Buy Photo Crews clear the pier in Orrin, May 25, 2026. (Photo: T. Brennick/The Herald)Buy Photo",
        "Please enable Javascript to watch this video",
        "JavaScript is disabled in your browser.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Halvard Maritime fell 3 percent on Tuesday.",
        "Subscribers to the water company will pay more from May.",
        "The company reported revenue of 4 million crowns (about 380,000 euros/410,000 dollars).",
        "Reporting by the harbour authority showed the channel had silted up.",
        "Watch officers spotted the fire shortly after midnight.",
        "Related costs rose sharply, the report said.",
        "Copyright law was not the issue, the judge said.",
        "Print runs of the Valley Post fell by a third last year.",
        "Email records seen by the Lakeside Herald show the council knew of the leak.",
        "Photo radar cameras will be installed on the coast road next month.",
        "Follow-up inspections found no further damage.",
        "Cookie sales at the school fair raised 300 crowns.",
        "Advertisement spending fell in the first quarter.",
        "Comments made by the minister on Tuesday angered the union.",
        "Recommended changes to the timetable will take effect in October.",
        "The union said 40 members had contributed to the strike fund.",
        "The footage (seen by the Herald: it runs four minutes) shows the breach.",
        "Buy Photo prints were sold at the fair, the organisers said.",
        "Enabling JavaScript on the council site took the contractor a year, the audit found.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_normalise_unifies_newlines_and_strips_oddities() -> None:
    assert normalise("Cafe\u0301\r\nnext\rline\u00a0here\u200b\ufeff\x07") == "Café\nnext\nline here"


def test_paragraphs_are_blank_line_blocks_with_wrapped_lines_joined() -> None:
    text = "First line of\na wrapped paragraph.\n\n\n  Second   paragraph.  \n"
    assert split_paragraphs(text) == ["First line of a wrapped paragraph.", "Second paragraph."]


def test_single_newlines_separate_paragraphs_when_there_are_no_blank_lines() -> None:
    text = "The council met on Monday.\nIt voted to close the pier.\nThe mayor abstained."
    assert (
        clean_text(text)
        == "The council met on Monday.\n\nIt voted to close the pier.\n\nThe mayor abstained."
    )


def test_trailing_list_of_headlines_dropped_but_a_single_short_line_kept() -> None:
    body = "The pier will close in May for repairs, the council said on Monday."
    assert clean_text(f"{body}\n\nPier to close\n\nLake level falls\n\nNew bus route") == body
    assert clean_text(f"{body}\n\nThe end") == f"{body}\n\nThe end"


def test_headlines_listed_after_read_more_dropped_even_one() -> None:
    body = "The strike is open-ended, the union said on Tuesday."
    after = "Shares in the port operator fell 3 percent."
    text = f"{body}\n\nRead more:\n\nExplainer: how automation is changing ports\n\n{after}"
    assert clean_text(text) == f"{body}\n\n{after}"


def test_wire_trust_footer_dropped() -> None:
    body = "The strike is open-ended, the union said on Tuesday."
    text = f"{body}\n\nOur Standards: The Meridian Wire Trust Principles."
    assert clean_text(text) == body
    assert not is_boilerplate("Our standards of care fell short, the hospital said.")
