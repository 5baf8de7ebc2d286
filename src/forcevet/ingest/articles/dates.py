"""Finding dates in text, each with its precision, relative ones resolved against the
publication date.

Regular expressions find the expressions (dateparser's search gives false hits
on "may" and splits dates, as measured); the calendar arithmetic is the
standard library's. Absolute: "December 8, 2024", "8 December 2024", "January
2024", "in 2024". Open ranges: "since October 2023", "for decades". Relative to
publication: "on Saturday", "yesterday", "last month", "last year".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from forcevet.ingest.articles.rules import starts_word
from forcevet.model.dates import TimeSpan, parse_time

MONTHS = {
    m: k
    for k, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
WEEKDAYS = {
    d: k
    for k, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"

# No pattern starts with "\b": the boundary is checked on each match (rules.starts_word).
_PATTERNS = [
    ("mdy", re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
    ("dmy", re.compile(rf"(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b")),
    ("md", re.compile(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})")),
    ("my", re.compile(rf"{_MONTH}\s+(\d{{4}})\b")),
    ("y", re.compile(r"(?:in|since|during|of|by|until)\s+((?:19|20)\d{2})\b")),
    ("m", re.compile(rf"(?:in|since|during|until)\s+{_MONTH}\b(?!\s+\d)")),
    (
        "weekday",
        re.compile(r"[Oo]n\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ),
    ("yesterday", re.compile(r"[Yy]esterday\b")),
    ("today", re.compile(r"[Tt]oday\b")),
    ("last", re.compile(r"[Ll]ast\s+(week|month|year)\b")),
    ("decades", re.compile(r"[Ff]or\s+(?:decades|years)\b")),
]
_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: where it is and what time it means."""

    start: int
    end: int
    text: str
    span: TimeSpan


def _span(kind: str, groups: tuple[str, ...], published: date | None, precision: str) -> str | None:
    if kind == "mdy":
        return f"{int(groups[2]):04d}-{MONTHS[groups[0].lower()]:02d}-{int(groups[1]):02d}"
    if kind == "dmy":
        return f"{int(groups[2]):04d}-{MONTHS[groups[1].lower()]:02d}-{int(groups[0]):02d}"
    if kind == "my":
        return f"{int(groups[1]):04d}-{MONTHS[groups[0].lower()]:02d}"
    if kind == "y":
        return groups[0]
    if published is None:
        return None
    if kind == "decades":
        return f"../{published.year:04d}"
    if precision != "day":
        return None  # "on Saturday" means nothing without the day of publication
    if kind == "m":  # "in December": the latest such month up to publication
        month = MONTHS[groups[0].lower()]
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}"
    if kind == "md":  # "October 7" without a year: the latest such day up to publication
        month, day = MONTHS[groups[0].lower()], int(groups[1])
        year = (
            published.year
            if (month, day) <= (published.month, published.day)
            else (published.year - 1)
        )
        return f"{year:04d}-{month:02d}-{day:02d}"
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[groups[0].lower()]) % 7
        return (published - timedelta(days=back)).isoformat()
    if kind == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    if kind == "today":
        return published.isoformat()
    if kind == "last":
        unit = groups[0].lower()
        if unit == "week":
            return (published - timedelta(days=7)).isoformat()
        if unit == "month":
            first = published.replace(day=1) - timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        return f"{published.year - 1:04d}"
    return None


def find_dates(text: str, published: str | None = None, *, offset: int = 0) -> list[DateMention]:
    """Return the date expressions in ``text``, left to right, without overlaps.

    "since X" turns X into an open range starting at X. Relative expressions
    need ``published`` (an ISO day; a month or year still dates "for decades")
    and are skipped without it. ``offset`` is added to the positions returned,
    for a slice of a longer text.
    """
    base = None
    precision = "day"
    if published:
        span = parse_time(published)
        base = date.fromisoformat(span.end) if span.end else None
        precision = span.precision.value
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not starts_word(text, start):
                continue  # inside a word
            if any(s < end and start < e for s, e in taken):
                continue
            try:
                expression = _span(kind, match.groups(), base, precision)
                if expression is None:
                    continue
                if _SINCE.search(text[max(0, start - 12) : start]) and "/" not in expression:
                    expression = f"{expression}/.."
                span = parse_time(expression)
            except Exception:  # noqa: BLE001  # an impossible date in prose is not an error
                continue
            taken.append((start, end))
            found.append(DateMention(offset + start, offset + end, match.group(0), span))
    return sorted(found, key=lambda m: m.start)
