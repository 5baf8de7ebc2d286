"""Reading a UN peacekeeping contributions file: decoded, its layout found, every row checked.

Nothing is written here. The text must be UTF-8 (a byte order mark is fine) and
end with a line break: a file whose last line has none was cut short, and its
last row could still parse. Each error names the file, line and column.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from forcevet.errors import InputError
from forcevet.ingest.records.peacekeeping_countries import CountryResolver
from forcevet.ingest.records.peacekeeping_layouts import (
    ContributionRow,
    Layout,
    detect_layout,
    expected_headers,
)


@dataclass(frozen=True)
class ReadContributions:
    """A contributions file read and checked: its layout, text, rows and first and last day."""

    path: str
    layout: Layout
    text: str
    rows: list[ContributionRow]
    resolved: Counter[str]
    first_day: str
    last_day: str


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    if text and not text.endswith("\n"):
        raise InputError(
            "the last line has no line break: the file looks truncated (every published "
            "file ends with one)",
            path=path,
            line=text.count("\n") + 1,
        )
    return text


def read_contributions(path: Path) -> ReadContributions:
    """Return a contributions file read and checked, or raise InputError naming the row."""
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    text = _decode(path.read_bytes(), name)
    lines = text.splitlines()
    reader = csv.reader(lines)
    header = next(reader, [])
    layout = detect_layout(header)
    if layout is None:
        raise InputError(
            f"unknown layout; expected the columns of one of: {expected_headers()}",
            path=name,
            line=1,
            field="header",
        )
    at = {column.strip(): index for index, column in enumerate(header)}
    names = CountryResolver()
    rows: list[ContributionRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    previous = 1
    for cells in reader:
        line = reader.line_num
        if line != previous + 1:  # a quoted field ran over a line break
            raise InputError("a field runs over a line break", path=name, line=previous + 1)
        previous = line
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise InputError(
                f"expected {len(header)} fields, got {len(cells)}", path=name, line=line
            )
        try:
            row = layout.parse(cells, at, names)
        except InputError as exc:
            raise exc.located(path=name, line=line) from None
        key = (row.country, row.mission, row.month)
        if key in seen:
            raise InputError(
                f"{row.country} {row.mission or 'all missions'} {row.month} is given twice "
                f"(first on line {seen[key]})",
                path=name,
                line=line,
                field=header[0],
            )
        seen[key] = line
        rows.append(dataclasses.replace(row, line=line, raw=lines[line - 1]))
    if not rows:
        raise InputError("no rows in the file", path=name, line=1)
    days = [r.day for r in rows]
    return ReadContributions(name, layout, text, rows, names.methods, min(days), max(days))
