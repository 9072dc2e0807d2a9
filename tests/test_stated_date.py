"""A date for undated articles from the text's header line or the URL: the forms taken, the sentences not
taken, the URL forms, and ingest end to end (a text file without front matter gets its header's date, a
stated date is never overridden). All examples are invented."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswire.ingest.stated_date import find_date, stated_date
from crosswire.present.cli import app
from crosswire.store.db import Store
from tests.fixtures import run

NOW = datetime(2026, 6, 1, tzinfo=UTC)
BODY = "Harbour master Ida Brenn closed the north quay to small boats after the storm."


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Posted: 03/7/2014 9:12 am Updated: 03/8/2014 10:00 am", "2014-03-07T00:00:00Z"),  # US m/d
        ("Posted: 23/07/2014 9:12", "2014-07-23T00:00:00Z"),  # first number > 12: day/month
        ("August 14, 2003", "2003-08-14T00:00:00Z"),
        ("Aug. 14, 2003", "2003-08-14T00:00:00Z"),
        ("AUGUST 14, 2003 AT 6:05 PM PT", "2003-08-15T01:05:00Z"),  # PDT in August
        ("DECEMBER 2, 2003 AT 6:05 PM PT", "2003-12-03T02:05:00Z"),  # PST in December
        ("Published on: Tue, 8 Mar 2016 at 14:20 IST", "2016-03-08T00:00:00Z"),  # IST is ambiguous: day only
        ("3:40 p. m. EDT Sept. 9, 2015", "2015-09-09T19:40:00Z"),
        ("First Published: October 2, 2017 11:15 AM GMT", "2017-10-02T11:15:00Z"),
        ("THURSDAY, FEBRUARY 5, 2015, 7:30 AM", "2015-02-05T00:00:00Z"),  # no zone: the day alone
        ("Last updated: 2019-11-04", "2019-11-04T00:00:00Z"),
        ("Date: 12 January 2011", "2011-01-12T00:00:00Z"),
        ("Published on Monday, 21st of March 2011", "2011-03-21T00:00:00Z"),
        ("May 6, 2012|4:45 pm", "2012-05-06T00:00:00Z"),
    ],
)
def test_header_forms(header: str, expected: str) -> None:
    assert stated_date(f"{header} {BODY}", now=NOW) == expected
    assert stated_date(f"{header}\n\n{BODY}", now=NOW) == expected  # the header as its own paragraph


@pytest.mark.parametrize(
    "text",
    [
        "Storms closed the north quay on August 14, 2003, the harbour master said.",  # inside a sentence
        "August 14, 2003 marked the end of the dredging work at the quay.",  # the sentence's subject
        "August 14, 2003, was the day the quay closed.",
        "Friday, August 15, 2003, police said the quay would reopen.",
        "On August 14, 2003 the quay closed to small boats.",  # no label: "On" opens a sentence
        "The quay closed in August 2003 after the storm.",  # no day
        "August 14 Harbour master Ida Brenn closed the quay.",  # no year
        "08/14/03 Harbour master Ida Brenn closed the quay.",  # two-digit year
        "13/14/2003 Harbour master Ida Brenn closed the quay.",  # no such month either way
        "February 30, 2004 Harbour master Ida Brenn closed the quay.",  # no such day
        "June 3, 2027 Harbour master Ida Brenn will close the quay.",  # after now
        "June 3, 1987 Harbour master Ida Brenn closed the quay.",  # before 1990
        "Harbour master Ida Brenn closed the quay. Posted: August 14, 2003",  # not at the start
        f"{'Harbour master Ida Brenn said the storm was over ' * 2}August 14, 2003 Harbour",  # past the zone
        "",
    ],
)
def test_dates_not_taken(text: str) -> None:
    assert stated_date(text, now=NOW) is None


def test_header_after_a_repeated_title() -> None:
    title = "North quay closed to small boats"
    assert stated_date(f"{title}\nApril 2, 2013 {BODY}", title, now=NOW) == "2013-04-02T00:00:00Z"
    assert stated_date(f"{title}\nThe quay reopened on April 2, 2013.", title, now=NOW) is None


def test_title_that_is_or_opens_with_a_date() -> None:
    assert stated_date(BODY, "8:10 AM, TUE 16 JUL 2013", now=NOW) == "2013-07-16T00:00:00Z"
    assert stated_date(BODY, "16/07/2013-North quay closed", now=NOW) == "2013-07-16T00:00:00Z"
    assert stated_date(BODY, "July 16, 2013 Remembered", now=NOW) is None  # a headline about a day


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://quay.example/news/2014/03/07/north-quay-closed", "2014-03-07T00:00:00Z"),
        ("https://quay.example/news/20140307/north-quay-closed", "2014-03-07T00:00:00Z"),
        ("https://quay.example/2014-03-07-north-quay-closed", "2014-03-07T00:00:00Z"),
        ("https://quay.example/news/2014/03/north-quay-closed", None),  # year and month only
        ("https://quay.example/story/20141307/north-quay", None),  # no month 13
        ("https://quay.example/story/1834077.html", None),  # an article number
        ("https://quay.example/2014/03/5-reasons-the-quay-closed.html", None),  # a slug's number, not a day
        ("https://quay.example/2014-03-07-08-15-02/harbour-news/612-quay", None),  # a CMS time stamp
        ("https://quaynotes.example/2014_03_01_archive.html", None),  # a blog's month archive
        ("https://quay.example/news/north-quay?date=2014-03-07", None),  # the path only
        ("https://quay.example/news/2027/03/07/north-quay", None),  # after now
        (None, None),
    ],
)
def test_url_forms(url: str | None, expected: str | None) -> None:
    assert stated_date(BODY, url=url, now=NOW) == expected


def test_header_before_url_unless_it_is_an_update_time() -> None:
    url = "https://quay.example/news/2014/03/07/north-quay-closed"
    assert stated_date(f"March 9, 2014 {BODY}", url=url, now=NOW) == "2014-03-09T00:00:00Z"
    updated = find_date(f"Updated: March 9, 2014 {BODY}", url=url, now=NOW)
    assert updated is not None and (updated.value, updated.where) == ("2014-03-07T00:00:00Z", "url")
    assert stated_date(f"Updated: March 9, 2014 {BODY}", now=NOW) == "2014-03-09T00:00:00Z"


def test_ingest_dates_a_text_without_front_matter(store: Store, tmp_path: Path) -> None:
    (tmp_path / "quay.txt").write_text(
        "North quay closed to small boats\n\nPosted: 03/7/2014 9:12 am\n\n" + BODY + "\n\n" + BODY,
        encoding="utf-8",
    )
    run(store, tmp_path / "quay.txt")
    [article] = store.articles()
    assert article.title == "North quay closed to small boats"
    assert article.published == "2014-03-07T00:00:00Z" and article.date_read_from == "header"


def test_a_date_line_is_not_taken_for_the_headline_of_an_untitled_text(store: Store, tmp_path: Path) -> None:
    text = "Posted: 03/7/2014 9:12 am\n\n" + BODY + "\n\n" + BODY
    (tmp_path / "quay.txt").write_text(text, encoding="utf-8")
    run(store, tmp_path / "quay.txt")
    [article] = store.articles()
    assert "Posted" not in article.title
    assert article.published == "2014-03-07T00:00:00Z"


def test_ingest_keeps_a_stated_date_and_dates_jsonl_from_url(store: Store, tmp_path: Path) -> None:
    records = [
        {"title": "Quay closed", "text": f"August 14, 2003 {BODY}", "published": "2003-08-20T10:00:00Z"},
        {
            "title": "Quay reopened",
            "text": f"The quay reopened. {BODY}",
            "url": "https://q.example/2003/09/01/r",
        },
        {"title": "Quay repaired", "text": f"The quay was repaired. {BODY}"},
    ]
    path = tmp_path / "quay.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    run(store, path)
    published = {a.title: (a.published, a.date_read_from) for a in store.articles()}
    assert published == {
        "Quay closed": ("2003-08-20T10:00:00Z", None),  # stated: the header's date does not replace it
        "Quay reopened": ("2003-09-01T00:00:00Z", "url"),
        "Quay repaired": (None, None),
    }


def test_show_says_where_a_date_was_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "quay.txt").write_text(f"Quay closed\n\nAugust 14, 2003\n\n{BODY}", encoding="utf-8")
    db, runner = str(tmp_path / "t.db"), CliRunner()
    assert runner.invoke(app, ["ingest", "--db", db, str(tmp_path / "in")]).exit_code == 0
    [row] = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert row["date_read_from"] == "header"
    shown = " ".join(runner.invoke(app, ["show", row["id"], "--db", db]).stdout.split())
    assert "2003-08-14T00:00:00Z (read from the header)" in shown
