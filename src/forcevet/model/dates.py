"""When a claim holds: a day, a month, a year, or an interval with open ends.

Written as ISO 8601 calendar dates at any precision, and intervals with ``/``
whose open end is ``..`` (as EDTF writes them): ``2024-12-08``, ``2024-01``,
``2024``, ``2023-10/..`` (since October 2023), ``../2025`` (until 2025),
``2023-10/2025-02``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from forcevet.errors import InputError

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(StrEnum):
    """How precisely a time is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class TimeSpan:
    """A time at a known precision: the earliest and latest day it may cover.

    ``start``/``end`` are ISO dates (``None`` for an open end); ``text`` keeps the
    expression as written so that nothing is lost in the round trip.
    """

    text: str
    start: str | None
    end: str | None
    precision: Precision

    @property
    def is_open(self) -> bool:
        """Return whether either end of the span is open."""
        return self.start is None or self.end is None

    def overlaps(self, since: str | None, until: str | None) -> bool:
        """Return whether the span shares at least one day with [since, until]."""
        if since and self.end is not None and self.end < since:
            return False
        return not (until and self.start is not None and self.start > until)


def _bounds(part: str, *, field: str) -> tuple[str, str, Precision]:
    match = _PART.match(part)
    if not match:
        raise InputError(
            f'expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got "{part}"', field=field
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if year < 1:  # no record dates from year 0000, and Python's calendar has none
            raise ValueError(year)
        if month is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31", Precision.YEAR
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return (
                f"{year:04d}-{month:02d}-01",
                f"{year:04d}-{month:02d}-{last:02d}",
                (Precision.MONTH),
            )
        iso = date(year, month, day).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise InputError(f'not a calendar date: "{part}"', field=field) from None
    return iso, iso, Precision.DAY


def parse_time(text: object, *, field: str = "date") -> TimeSpan:
    """Return the TimeSpan written in ``text``, or raise InputError naming ``field``."""
    raw = str(text).strip()
    if "/" not in raw:
        first, last, precision = _bounds(raw, field=field)
        return TimeSpan(raw, first, last, precision)
    left, _, right = raw.partition("/")
    if left in ("", "..") and right in ("", ".."):
        raise InputError(f'an interval needs at least one end, got "{raw}"', field=field)
    start: str | None = None
    end: str | None = None
    precisions: list[Precision] = []
    if left not in ("", ".."):
        start, _, p = _bounds(left, field=field)
        precisions.append(p)
    if right not in ("", ".."):
        _, end, p = _bounds(right, field=field)
        precisions.append(p)
    if start and end and start > end:
        raise InputError(f'the interval ends before it starts: "{raw}"', field=field)
    coarsest = max(precisions, key=lambda p: list(Precision).index(p))
    return TimeSpan(raw, start, end, coarsest)


def parse_day(text: object, *, field: str = "date") -> str:
    """Return ``text`` as an ISO day (YYYY-MM-DD), or raise InputError naming ``field``."""
    span = parse_time(text, field=field)
    if span.precision is not Precision.DAY or span.is_open:
        raise InputError(f'expected a date as YYYY-MM-DD, got "{text}"', field=field)
    assert span.start is not None
    return span.start
