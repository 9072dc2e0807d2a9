"""Time expressions resolved against the publication date, across month, year and leap-year boundaries."""

from __future__ import annotations

import pytest

from crosswire.read.timex import TimeRef, extract_timex, parse_published

FRI_2016_03_18 = "2016-03-18T00:00:00Z"  # a Friday


def _one(text: str, surface: str, published: str | None) -> TimeRef:
    """The time expression whose text is ``surface`` (fails when there is none)."""
    found = [r for r in extract_timex(text, published, "a1") if r.text == surface]
    assert found, f"{surface!r} not among {[r.text for r in extract_timex(text, published)]}"
    return found[0]


# (sentence, published, surface, start, end, granularity, relative)
CASES = [
    # weekdays: bare = on or before publication; last = strictly before; next = strictly after
    ("Russian warplanes fly 20 to 25 sorties a day, Lt. Gen. Sergei Rudskoi said Friday.", FRI_2016_03_18,
     "Friday", "2016-03-18", "2016-03-18", "day", True),
    ("On Monday, the ministry said the jets had returned.", FRI_2016_03_18,
     "Monday", "2016-03-14", "2016-03-14", "day", True),
    ("The convoy was hit last Tuesday near Homs.", FRI_2016_03_18,
     "last Tuesday", "2016-03-15", "2016-03-15", "day", True),
    ("The convoy was hit last Friday near Homs.", FRI_2016_03_18,
     "last Friday", "2016-03-11", "2016-03-11", "day", True),
    ("Talks will resume in Geneva on Wednesday, the envoy said.", FRI_2016_03_18,
     "Wednesday", "2016-03-23", "2016-03-23", "day", True),
    ("Talks resumed in Geneva on Wednesday, the envoy said.", FRI_2016_03_18,
     "Wednesday", "2016-03-16", "2016-03-16", "day", True),
    ("The envoy, who will travel to Moscow, said Thursday that talks stalled.", FRI_2016_03_18,
     "Thursday", "2016-03-17", "2016-03-17", "day", True),
    ("The minister arrives next Monday.", FRI_2016_03_18,
     "next Monday", "2016-03-21", "2016-03-21", "day", True),
    ("Rebels attacked Thursday night.", FRI_2016_03_18,
     "Thursday night", "2016-03-17", "2016-03-17", "day", True),
    ("The plane crashed on Sunday.", "2016-01-04T09:00:00Z",
     "Sunday", "2016-01-03", "2016-01-03", "day", True),
    # day words
    ("Yesterday the army said it had retaken the town.", FRI_2016_03_18,
     "Yesterday", "2016-03-17", "2016-03-17", "day", True),
    ("The ceasefire begins tomorrow.", FRI_2016_03_18, "tomorrow", "2016-03-19", "2016-03-19", "day", True),
    ("Officials met today.", FRI_2016_03_18, "today", "2016-03-18", "2016-03-18", "day", True),
    ("Shelling resumed last night.", FRI_2016_03_18, "last night", "2016-03-17", "2016-03-17", "day", True),
    ("It happened the day before yesterday.", FRI_2016_03_18,
     "the day before yesterday", "2016-03-16", "2016-03-16", "day", True),
    ("The strike came two days ago.", FRI_2016_03_18,
     "two days ago", "2016-03-16", "2016-03-16", "day", True),
    # weeks, months, years
    ("This week the jets flew fewer sorties.", FRI_2016_03_18,
     "This week", "2016-03-14", "2016-03-20", "week", True),
    ("Last week the jets flew more.", FRI_2016_03_18, "Last week", "2016-03-07", "2016-03-13", "week", True),
    ("Earlier this week the jets flew more.", FRI_2016_03_18,
     "Earlier this week", "2016-03-14", "2016-03-17", "week", True),
    ("The withdrawal began earlier this month.", FRI_2016_03_18,
     "earlier this month", "2016-03-01", "2016-03-17", "month", True),
    ("The withdrawal was announced last month.", FRI_2016_03_18,
     "last month", "2016-02-01", "2016-02-29", "month", True),
    ("Talks collapsed three weeks ago.", FRI_2016_03_18,
     "three weeks ago", "2016-02-22", "2016-02-28", "week", True),
    ("Talks collapsed a month ago.", FRI_2016_03_18,
     "a month ago", "2016-02-01", "2016-02-29", "month", True),
    ("Russia intervened last year.", FRI_2016_03_18, "last year", "2015-01-01", "2015-12-31", "year", True),
    ("More jets arrived earlier this year.", FRI_2016_03_18,
     "earlier this year", "2016-01-01", "2016-03-17", "year", True),
    ("Russia intervened late last year.", FRI_2016_03_18,
     "late last year", "2015-09-01", "2015-12-31", "year", True),
    ("Fighting eased over the past two weeks.", FRI_2016_03_18,
     "the past two weeks", "2016-03-04", "2016-03-18", "week", True),
    ("Fighting flared over the weekend.", FRI_2016_03_18,
     "the weekend", "2016-03-12", "2016-03-13", "week", True),
    # seasons
    ("The air campaign was planned last summer.", FRI_2016_03_18,
     "last summer", "2015-06-01", "2015-08-31", "season", True),
    ("The air campaign was planned last summer.", "2016-10-12T00:00:00Z",
     "last summer", "2016-06-01", "2016-08-31", "season", True),
    ("The air campaign was planned last summer.", "2016-07-12T00:00:00Z",
     "last summer", "2015-06-01", "2015-08-31", "season", True),
    ("Elections are due this summer.", FRI_2016_03_18,
     "this summer", "2016-06-01", "2016-08-31", "season", True),
    ("Refugees froze this winter.", "2016-01-20T00:00:00Z",
     "this winter", "2015-12-01", "2016-02-29", "season", True),
    ("Refugees froze last winter.", "2016-01-20T00:00:00Z",
     "last winter", "2014-12-01", "2015-02-28", "season", True),
    ("Russia built the base in the summer of 2015.", FRI_2016_03_18,
     "the summer of 2015", "2015-06-01", "2015-08-31", "season", False),
    ("Russia built the base in the summer.", "2016-10-12T00:00:00Z",
     "the summer", "2016-06-01", "2016-08-31", "season", True),
    ("Talks resume this fall.", FRI_2016_03_18, "this fall", "2016-09-01", "2016-11-30", "season", True),
    ("He must win them over before the debates in the fall.", "2016-07-18T00:00:00Z",
     "the fall", "2016-09-01", "2016-11-30", "season", True),
    ("Russia built the base in the autumn.", FRI_2016_03_18,
     "the autumn", "2015-09-01", "2015-11-30", "season", True),
    ("Refugees froze in the winter.", "2016-01-20T00:00:00Z",
     "the winter", "2015-12-01", "2016-02-29", "season", True),
    # calendar dates
    ("Russia began its air campaign on September 30, 2015.", FRI_2016_03_18,
     "September 30, 2015", "2015-09-30", "2015-09-30", "day", False),
    ("Russia began its air campaign on 30 September 2015.", FRI_2016_03_18,
     "30 September 2015", "2015-09-30", "2015-09-30", "day", False),
    ("Russia began its air campaign on Sept. 30.", FRI_2016_03_18,
     "Sept. 30", "2015-09-30", "2015-09-30", "day", True),
    ("Putin announced the pullout on March 14.", FRI_2016_03_18,
     "March 14", "2016-03-14", "2016-03-14", "day", True),
    ("The truce began on the 27th of February.", FRI_2016_03_18,
     "the 27th of February", "2016-02-27", "2016-02-27", "day", True),
    ("Fighting broke out on December 28.", "2016-01-05T00:00:00Z",
     "December 28", "2015-12-28", "2015-12-28", "day", True),
    ("A vote is planned for January 5.", "2016-12-20T00:00:00Z",
     "January 5", "2017-01-05", "2017-01-05", "day", True),
    ("It was signed on Friday, March 18, 2016.", FRI_2016_03_18,
     "Friday, March 18, 2016", "2016-03-18", "2016-03-18", "day", False),
    ("The report is dated 2016-03-17.", FRI_2016_03_18,
     "2016-03-17", "2016-03-17", "2016-03-17", "day", False),
    ("Talks opened in early February.", FRI_2016_03_18,
     "early February", "2016-02-01", "2016-02-10", "month", True),
    ("Talks opened in mid-February.", FRI_2016_03_18,
     "mid-February", "2016-02-11", "2016-02-20", "month", True),
    ("Talks opened in late February.", FRI_2016_03_18,
     "late February", "2016-02-21", "2016-02-29", "month", True),
    ("Talks opened in early February.", "2015-03-18T00:00:00Z",
     "early February", "2015-02-01", "2015-02-10", "month", True),
    ("Talks collapsed in November.", FRI_2016_03_18, "November", "2015-11-01", "2015-11-30", "month", True),
    ("Talks resume in April.", FRI_2016_03_18, "April", "2016-04-01", "2016-04-30", "month", True),
    ("Russia built the base in September.", FRI_2016_03_18,
     "September", "2015-09-01", "2015-09-30", "month", True),
    ("Elections will be held in September.", FRI_2016_03_18,
     "September", "2016-09-01", "2016-09-30", "month", True),
    ("Voters must register ahead of the Oct. 11 deadline.", "2016-08-26T00:00:00Z",
     "Oct. 11", "2016-10-11", "2016-10-11", "day", True),
    ("Talks collapsed last March.", FRI_2016_03_18, "last March", "2015-03-01", "2015-03-31", "month", True),
    ("Talks collapsed in March 2015.", FRI_2016_03_18,
     "March 2015", "2015-03-01", "2015-03-31", "month", False),
    ("The war began in 2011.", FRI_2016_03_18, "2011", "2011-01-01", "2011-12-31", "year", False),
    ("Turnout fell in the 2015 election.", FRI_2016_03_18, "2015", "2015-01-01", "2015-12-31", "year", False),
    ("Prices rose in early 2015.", FRI_2016_03_18, "early 2015", "2015-01-01", "2015-04-30", "year", False),
    ("Growth slowed from 2011 to 2015.", FRI_2016_03_18,
     "2011 to 2015", "2011-01-01", "2015-12-31", "year", False),
    ("The 2014-15 season was cut short.", FRI_2016_03_18,
     "2014-15", "2014-01-01", "2015-12-31", "year", False),
    ("Chechnya was razed in the 1990s.", FRI_2016_03_18,
     "the 1990s", "1990-01-01", "1999-12-31", "decade", False),
    ("Chechnya was razed in the '90s.", FRI_2016_03_18,
     "the '90s", "1990-01-01", "1999-12-31", "decade", True),
    ("Oil boomed in the early 2000s.", FRI_2016_03_18,
     "the early 2000s", "2000-01-01", "2003-12-31", "decade", False),
    # since: from X to publication
    ("No strikes have been reported since 27 February.", FRI_2016_03_18,
     "since 27 February", "2016-02-27", "2016-03-18", "day", True),
    ("The war has killed 470,000 people since 2011.", FRI_2016_03_18,
     "since 2011", "2011-01-01", "2016-03-18", "year", True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "surface", "start", "end", "granularity", "relative"), CASES)
def test_resolution(
    text: str, published: str, surface: str, start: str, end: str, granularity: str, relative: bool
) -> None:
    ref = _one(text, surface, published)
    assert (ref.start, ref.end, ref.granularity, ref.relative) == (start, end, granularity, relative)


@pytest.mark.parametrize("text", sorted({case[0] for case in CASES}))
def test_spans_point_at_the_text(text: str) -> None:
    found = extract_timex(text, FRI_2016_03_18, "art-3")
    assert found
    for ref in found:
        assert text[ref.span.start : ref.span.end] == ref.text == ref.span.text_of(text)
        assert ref.span.article_id == "art-3"


# (expression, published, start, end): relative days and units across month, year and leap-year edges
BOUNDARIES = [
    ("yesterday", "2016-03-01T00:00:00Z", "2016-02-29", "2016-02-29"),  # leap year
    ("yesterday", "2015-03-01T00:00:00Z", "2015-02-28", "2015-02-28"),
    ("yesterday", "2016-01-01T00:00:00Z", "2015-12-31", "2015-12-31"),
    ("tomorrow", "2015-12-31T23:00:00Z", "2016-01-01", "2016-01-01"),
    ("tomorrow", "2016-02-28T00:00:00Z", "2016-02-29", "2016-02-29"),
    ("two days ago", "2016-01-01T00:00:00Z", "2015-12-30", "2015-12-30"),
    ("last month", "2016-01-15T00:00:00Z", "2015-12-01", "2015-12-31"),
    ("last month", "2016-03-31T00:00:00Z", "2016-02-01", "2016-02-29"),
    ("last month", "2015-03-31T00:00:00Z", "2015-02-01", "2015-02-28"),
    ("next month", "2015-12-10T00:00:00Z", "2016-01-01", "2016-01-31"),
    ("a month ago", "2016-01-31T00:00:00Z", "2015-12-01", "2015-12-31"),
    ("last week", "2016-01-04T00:00:00Z", "2015-12-28", "2016-01-03"),  # a Monday
    ("this week", "2016-01-03T00:00:00Z", "2015-12-28", "2016-01-03"),  # a Sunday
    ("last year", "2016-01-01T00:00:00Z", "2015-01-01", "2015-12-31"),
    ("earlier this month", "2016-03-01T00:00:00Z", "2016-03-01", "2016-03-01"),  # never inverted
    ("last Friday", "2016-01-01T00:00:00Z", "2015-12-25", "2015-12-25"),  # pub is a Friday
    ("on Saturday", "2016-01-01T00:00:00Z", "2015-12-26", "2015-12-26"),
    ("the past two weeks", "2016-01-05T00:00:00Z", "2015-12-22", "2016-01-05"),
    ("the past month", "2016-03-31T00:00:00Z", "2016-02-29", "2016-03-31"),  # clamped to February's end
    ("Feb. 29", "2016-03-18T00:00:00Z", "2016-02-29", "2016-02-29"),
]


@pytest.mark.parametrize(("expression", "published", "start", "end"), BOUNDARIES)
def test_boundaries(expression: str, published: str, start: str, end: str) -> None:
    text = f"The statement said {expression} the fighting stopped."
    (ref,) = extract_timex(text, published)
    assert (ref.start, ref.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "surface", "granularity"),
    [
        ("Rudskoi said Friday the jets flew 20 sorties.", "Friday", "day"),
        ("The talks ended yesterday.", "yesterday", "day"),
        ("Talks collapsed last month.", "last month", "month"),
        ("The base was built last summer.", "last summer", "season"),
        ("Putin announced the pullout on March 14.", "March 14", "day"),
        ("Talks collapsed three weeks ago.", "three weeks ago", "week"),
        ("The war began in March.", "March", "month"),
    ],
)
def test_without_publication_date_relative_ones_stay_open(text: str, surface: str, granularity: str) -> None:
    ref = _one(text, surface, None)
    assert (ref.start, ref.end, ref.granularity, ref.relative) == (None, None, granularity, True)


def test_without_publication_date_absolute_ones_resolve() -> None:
    text = "The campaign began on September 30, 2015, and the war in 2011; it has raged since 2011."
    found = extract_timex(text, None)
    assert [(r.text, r.start, r.end) for r in found] == [
        ("September 30, 2015", "2015-09-30", "2015-09-30"),
        ("2011", "2011-01-01", "2011-12-31"),
        ("since 2011", "2011-01-01", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the talks were useful.",
        "Prices fall when supply rises.",
        "The fall of Aleppo shocked the region.",
        "The Arab Spring spread quickly.",
        "The soldiers, in their 20s, were captured.",
        "The next day, the rebels withdrew.",
        "Some 2,015 people were evacuated.",
        "March organisers counted the crowd.",
        "The Su-25 jets flew 20 sorties.",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert extract_timex(text, FRI_2016_03_18) == []


def test_several_in_order_and_longest_wins() -> None:
    text = "On Friday, March 18, 2016, the minister said strikes had stopped since 27 February, not last week"
    found = extract_timex(text, FRI_2016_03_18)
    assert [r.text for r in found] == ["Friday, March 18, 2016", "since 27 February", "last week"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-03-18T00:00:00Z", "2016-03-18"),
        ("2016-03-18T23:59:00+00:00", "2016-03-18"),
        ("2016-03-18", "2016-03-18"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(published: str | None, expected: str | None) -> None:
    parsed = parse_published(published)
    assert (parsed.isoformat() if parsed else None) == expected


def test_bad_publication_date_is_treated_as_missing() -> None:
    (ref,) = extract_timex("The talks ended yesterday.", "soon")
    assert (ref.start, ref.end) == (None, None)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("USA TODAY reported the call on Monday.", ["Monday"]),
        ("He spoke on The Tonight Show.", []),
        ("Today, the minister said so.", ["Today"]),
        ("It rained yesterday. Today the river fell.", ["yesterday", "Today"]),
        ("Officials said today that it rained.", ["today"]),
    ],
)
def test_a_day_word_inside_a_name_is_no_date(text: str, dates: list[str]) -> None:
    assert [t.text for t in extract_timex(text, "2026-03-04T10:00:00Z")] == dates
