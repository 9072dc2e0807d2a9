"""Headlines lose the site name a page title carries after them, and nothing of their own."""

from __future__ import annotations

import pytest

from crosswire.ingest.core import build_article
from crosswire.ingest.title import clean_title
from crosswire.model import RawItem

SITE_TAILS = [
    # a station's web address glued on with a hyphen, then "|"-separated sections
    ("Two hurt in Marlow Street crash identified-KQXR.com | Continuous News | Dunmore, Idaho",
     "Two hurt in Marlow Street crash identified"),
    # the headline's own hyphenated word stays; only the part holding the address goes
    ("Three Dead in Fenwick Murder-Suicide-KvolTV.com Coastal Plains, Fenwick, Bay Shore",
     "Three Dead in Fenwick Murder-Suicide"),
    ("Teen hurt while cleaning hunting rifle-KWTX5", "Teen hurt while cleaning hunting rifle"),
    ("Police search for man after Elm Street shooting-WQRT 7 Lakeside",
     "Police search for man after Elm Street shooting"),
    ("Four shot at Harbor Lounge party-Lakeside News Now, News, Weather, Sports, Lakeside, OR",
     "Four shot at Harbor Lounge party"),
    ("Dam inquiry opens - Ostrel Daily News", "Dam inquiry opens"),
    ("Strike enters second day - The Harbour Times", "Strike enters second day"),
    ("Strike enters second day | harbourtimes.example", "Strike enters second day"),
    ("Ferry service resumes after storm –", "Ferry service resumes after storm"),
    ("Harbour Times » Ferry service resumes after storm", "Ferry service resumes after storm"),
]

HEADLINES = [
    "Minister may scrap the deal – even if her party objects",
    "Mother, Father, Toddler Dead Following Murder-Suicide",
    "Police: Man killed was among shooters in Dunmore",
    "Ebola cases rise in Ostrel - WHO",
    "Crash on I-43 closes lanes",
    "Mpls.",
]


@pytest.mark.parametrize(("title", "headline"), SITE_TAILS)
def test_a_site_name_after_the_headline_is_cut(title: str, headline: str) -> None:
    assert clean_title(title, ["The Harbour Times", "harbourtimes.example"]) == headline


@pytest.mark.parametrize("title", HEADLINES)
def test_a_headline_keeps_its_own_dashes_and_colons(title: str) -> None:
    assert clean_title(title, ["The Harbour Times", "harbourtimes.example"]) == title


def test_ingest_stores_the_clean_headline() -> None:
    item = RawItem(
        origin="feed.xml#3",
        source_kind="feed",
        media_type="text/plain",
        body="Crews worked through the night at the Kalvik Dam.\n\nThe river fell by morning.",
        meta={"title": "Kalvik Dam holds overnight - Meridian Wire", "outlet": "Meridian Wire"},
    )
    assert build_article(item).title == "Kalvik Dam holds overnight"
