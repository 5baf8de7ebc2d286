from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.model.dates import Precision, parse_day, parse_time

CASES = {
    "2024-12-08": ("2024-12-08", "2024-12-08", Precision.DAY),
    "2024-01": ("2024-01-01", "2024-01-31", Precision.MONTH),
    "2024-02": ("2024-02-01", "2024-02-29", Precision.MONTH),
    "2025": ("2025-01-01", "2025-12-31", Precision.YEAR),
    "2023-10/..": ("2023-10-01", None, Precision.MONTH),
    "../2025": (None, "2025-12-31", Precision.YEAR),
    "2023-10-07/2025-02": ("2023-10-07", "2025-02-28", Precision.MONTH),
}


@pytest.mark.parametrize(("text", "expected"), CASES.items())
def test_time_spans_keep_their_bounds_and_precision(text: str, expected: tuple) -> None:
    span = parse_time(text)
    assert (span.start, span.end, span.precision) == expected
    assert span.text == text


@pytest.mark.parametrize(
    "text", ["2024-13-01", "2024-02-30", "8 Dec 2024", "../..", "2025/2024", "24-01-01", ""]
)
def test_malformed_dates_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_time(text, field="since")
    assert caught.value.field == "since"


def test_overlap_with_open_spans() -> None:
    since_2023 = parse_time("2023-10/..")
    assert since_2023.overlaps("2026-01-01", None)
    assert not since_2023.overlaps(None, "2023-09-30")
    assert parse_time("2024-01").overlaps("2024-01-31", "2024-02-01")


def test_a_day_must_be_a_day() -> None:
    assert parse_day("2024-12-08") == "2024-12-08"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_day("2024-12")
