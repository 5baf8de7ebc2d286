"""Dates in article text, resolved against the publication date.

Each case names the day of publication: relative dates are pinned at the month and
year boundaries where an off-by-one goes unnoticed mid-year ("in December" in a
December article is that December; in a January article, the one before).
"""

from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles.dates import find_dates, publication_span

# 2025-12-08 is a Monday, 2025-12-10 a Wednesday, 2026-01-01 a Thursday.
CASES = {
    # a month without a year: the latest such month up to publication
    ("He left in December.", "2025-12-10"): "2025-12",
    ("He left in December.", "2025-12-01"): "2025-12",
    ("He left in December.", "2025-12-31"): "2025-12",
    ("He left in December.", "2026-01-05"): "2025-12",
    ("He left in December.", "2025-11-30"): "2024-12",
    ("In January, he left.", "2026-01-01"): "2026-01",
    ("It met in early December.", "2026-01-05"): "2025-12",
    ("It met in mid-November.", "2025-12-10"): "2025-11",
    ("It deployed in January.", "2025-12-10"): "2025-01",
    # ... or the first one from publication, when the sentence looks forward
    ("Indonesia will deploy in January.", "2025-12-10"): "2026-01",
    ("Indonesia will deploy in December.", "2025-12-10"): "2025-12",
    ("The force is expected to deploy in November.", "2025-12-10"): "2026-11",
    ("Troops are scheduled to arrive in March.", "2026-02-17"): "2026-03",
    ("It will deploy troops, the minister said in January.", "2025-12-10"): "2025-01",
    ("It will deploy next January.", "2025-12-10"): "2026-01",
    ("It sent troops last December.", "2025-12-10"): "2024-12",
    ("It sent troops last December.", "2026-01-05"): "2025-12",
    # a day without a year
    ("The vote was on December 10.", "2025-12-10"): "2025-12-10",
    ("The vote was on December 11.", "2025-12-10"): "2024-12-11",
    ("It happened on December 31.", "2026-01-01"): "2025-12-31",
    ("It happened on 31 December.", "2026-01-01"): "2025-12-31",
    ("The council will vote on December 11.", "2025-12-10"): "2025-12-11",
    ("The council will vote on January 5.", "2025-12-30"): "2026-01-05",
    ("The council will vote on December 10.", "2025-12-10"): "2025-12-10",
    # weekdays: the latest such day up to publication, that day included
    ("Officials said on Monday.", "2025-12-08"): "2025-12-08",
    ("Officials said on Sunday.", "2025-12-08"): "2025-12-07",
    ("Officials said on Tuesday.", "2025-12-08"): "2025-12-02",
    ("Officials said Friday.", "2026-01-01"): "2025-12-26",
    ("On Monday President Ruto said so.", "2025-12-10"): "2025-12-08",
    ("The council will vote on Tuesday.", "2025-12-08"): "2025-12-09",
    ("The council will vote on Monday.", "2025-12-08"): "2025-12-08",
    ("The vote is scheduled for Friday.", "2025-12-31"): "2026-01-02",
    ("Pakistan will send troops, officials said on Monday.", "2025-12-10"): "2025-12-08",
    ("They meet next Monday.", "2025-12-08"): "2025-12-15",
    ("They met last Monday.", "2025-12-08"): "2025-12-01",
    ("They met last Monday.", "2025-12-10"): "2025-12-08",
    # days, weeks, months and years around publication
    ("It was announced yesterday.", "2026-01-01"): "2025-12-31",
    ("It was announced yesterday.", "2024-03-01"): "2024-02-29",
    ("It is announced today.", "2025-12-31"): "2025-12-31",
    ("It will be announced tomorrow.", "2025-12-31"): "2026-01-01",
    ("They met last week.", "2026-01-01"): "2025-12-22/2025-12-28",
    ("They meet this week.", "2026-01-01"): "2025-12-29/2026-01-04",
    ("They meet next week.", "2026-01-01"): "2026-01-05/2026-01-11",
    ("The vote came last month.", "2026-01-15"): "2025-12",
    ("The vote comes next month.", "2025-12-15"): "2026-01",
    ("It was agreed earlier this month.", "2025-12-15"): "2025-12",
    ("It was agreed last year.", "2026-01-01"): "2025",
    ("It was agreed late last year.", "2026-01-01"): "2025",
    ("It will be agreed next year.", "2025-12-31"): "2026",
    ("It was agreed this year.", "2025-12-31"): "2025",
    ("It was agreed three weeks ago.", "2026-01-01"): "2025-12-11",
    ("It was agreed two days ago.", "2026-01-01"): "2025-12-30",
    ("It was agreed a year ago.", "2026-01-01"): "2025",
    ("It was agreed two months ago.", "2026-01-15"): "2025-11",
    # absolute dates and open ranges
    ("On December 8, 2024, he spoke.", "2026-02-17"): "2024-12-08",
    ("On 8 December 2024 it began.", "2026-02-17"): "2024-12-08",
    ("It began on Sept. 5, 2024.", "2026-02-17"): "2024-09-05",
    ("It began on Jan 5.", "2026-02-17"): "2026-01-05",
    ("It began in Dec. 2024.", "2026-02-17"): "2024-12",
    ("In January 2024 the Senate met.", "2026-02-17"): "2024-01",
    ("It was founded in 1987.", "2026-02-17"): "1987",
    ("Troops arrive by mid-2026.", "2025-12-10"): "2026",
    ("Since October 2023, it grew.", "2026-02-17"): "2023-10/..",
    ("It has grown since December.", "2026-01-05"): "2025-12/..",
    ("It has grown since 2020.", "2026-01-05"): "2020/..",
    ("It has grown since last year.", "2026-01-05"): "2025/..",
    ("The mandate runs until 2027.", "2026-01-05"): "../2027",
    ("For decades, the agency helped.", "2026-01-01"): "../2026",
    ("It has hosted refugees for many years.", "2025-12-31"): "../2025",
}


@pytest.mark.parametrize(("text", "published", "expected"), [(*k, v) for k, v in CASES.items()])
def test_dates_resolved_at_the_boundaries(text: str, published: str, expected: str) -> None:
    assert [d.span.text for d in find_dates(text, published)] == [expected]


NO_DATES = [
    "Troops will arrive in the coming weeks.",
    "Officials met on Good Friday.",
    "The Sunday Times reported it.",
    "Peacekeeping grew in the 1990s.",
    "The force of 2000 troops is ready.",
    "May the talks succeed, she said.",
    "It may send troops.",
    "Seventeen days of talks ended.",
    "The Mayday call came.",
    "The 2024 figures were low.",
    "They met in Jan and left.",
    "Decades of war at Mar-a-Lago.",
]


@pytest.mark.parametrize("text", NO_DATES)
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "2025-12-10") == []


PRECISION = {
    ("For decades.", "2026"): ["../2026"],
    ("It was agreed last year.", "2026"): ["2025"],
    ("He left in December.", "2026"): [],
    ("He left in December.", "2026-01"): ["2025-12"],
    ("The vote came last month.", "2026-01"): ["2025-12"],
    ("Officials said on Saturday.", "2026-01"): [],
    ("It was announced yesterday.", "2026-01"): [],
    ("They met last week.", "2026-01"): [],
    ("The vote was on December 10.", "2026-01"): ["2025-12-10"],
    ("The vote was on January 10.", "2026-01"): ["2026-01-10"],
    ("The vote will be on January 10.", "2026-01"): ["2026-01-10"],
    ("She told reporters on Nov. 9.", "2025-11"): ["2025-11-09"],
    ("Officials said on Saturday.", None): [],
    ("He left in December.", None): [],
    ("On December 8, 2024, he spoke.", None): ["2024-12-08"],
}


@pytest.mark.parametrize(("text", "published", "expected"), [(*k, v) for k, v in PRECISION.items()])
def test_relative_dates_need_the_precision_they_use(
    text: str, published: str | None, expected: list[str]
) -> None:
    assert [d.span.text for d in find_dates(text, published)] == expected


def test_precision_of_what_is_found() -> None:
    found = find_dates("In January 2024, on December 8, 2024, since 2020.", "2026-02-17")
    assert [d.span.precision.value for d in found] == ["month", "day", "year"]


def test_the_future_hint_overrides_the_words() -> None:
    def hinted(text: str, future: bool) -> list[str]:
        return [d.span.text for d in find_dates(text, "2025-12-10", future=future)]

    assert hinted("troops in January", True) == ["2026-01"]
    assert hinted("It will send troops in January", False) == ["2025-01"]


def test_positions_cover_the_words_read_and_take_the_offset() -> None:
    text = "Officials said on Monday they met in early December, three weeks ago."
    found = find_dates(text, "2025-12-24", offset=100)
    assert [(d.text, text[d.start - 100 : d.end - 100]) for d in found] == [
        ("on Monday", "on Monday"),
        ("in early December", "in early December"),
        ("three weeks ago", "three weeks ago"),
    ]


def test_a_month_inside_a_word_is_not_a_date() -> None:
    assert find_dates("The xMarch 2024 file and SMay 5 memo.", "2026-02-17") == []
    assert [d.span.text for d in find_dates("(March 2024) and Yesterday", "2026-02-17")] == [
        "2024-03",
        "2026-02-16",
    ]


def test_an_impossible_date_in_prose_is_skipped() -> None:
    assert [d.span.text for d in find_dates("On February 30, 2025 or in 2025.", None)] == ["2025"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-12-10", ("2025-12-10", "2025-12-10", "day")),
        ("2025-12", ("2025-12-01", "2025-12-31", "month")),
        (" 2025 ", ("2025-01-01", "2025-12-31", "year")),
    ],
)
def test_publication_span_keeps_the_precision(
    published: str, expected: tuple[str, str, str]
) -> None:
    span = publication_span(published)
    assert span is not None
    assert (span.start, span.end, span.precision.value) == expected


def test_publication_span_without_a_date() -> None:
    assert publication_span(None) is None
    assert publication_span("  ") is None
    with pytest.raises(InputError, match="not a calendar date"):
        publication_span("2025-02-30")
