"""Read Voeten's UN General Assembly voting files (the ``unvotes`` CSV layout), checked.

Roll calls and issue codes are small and read whole; the votes (869,937 rows
for 1946-2019) are streamed in batches, so memory stays flat. Any malformed
row raises InputError naming the file, line and column. Country codes are
ISO 3166-1 alpha-2; ``FORMER_CODES`` says what becomes of the ones ISO no
longer assigns (docs/unga-votes.md).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from forcevet.documents import decode_text
from forcevet.errors import InputError
from forcevet.model.countries import load_countries
from forcevet.model.dates import parse_day

VOTES_COLUMNS = ("rcid", "country", "country_code", "vote")
ROLL_CALL_COLUMNS = (
    "rcid",
    "session",
    "importantvote",
    "date",
    "unres",
    "amend",
    "para",
    "short",
    "descr",
)
ISSUE_COLUMNS = ("rcid", "short_name", "issue")
VOTE_CODES = {"yes": "Y", "no": "N", "abstain": "A"}
FLAGS = {"1": True, "0": False, "": None, "NA": None}

# Members the dataset codes with an alpha-2 that ISO 3166-1 no longer assigns,
# or with no code at all (then by name). The rule: a state that continues as
# today's member takes that member's code (the FRG and the Yemen Arab Republic
# had DE and YE, which unified Germany and Yemen kept); a dissolved state keeps
# its ISO 3166-3 former code (votes stored, but it is no actor, so no figures);
# a member with neither is skipped and counted.
FORMER_CODES = {
    "CS": "CSK",  # Czechoslovakia, 1946-1992 (pycountry's former CS is Serbia and Montenegro)
    "DD": "DDR",  # German Democratic Republic, 1973-1989
    "YD": "YMD",  # Yemen People's Republic (South Yemen), 1967-1989
    "Federal Republic of Germany": "DEU",  # 1973-1990, code left empty in the dataset
    "Yemen Arab Republic": "YEM",  # 1947-1990, code left empty in the dataset
}
SKIPPED_MEMBERS = {"Zanzibar"}  # member from December 1963 to April 1964; 2 votes
# YU is the SFR Yugoslavia until 1992 and, from its admission on 2000-11-01, the
# FR Yugoslavia / Serbia and Montenegro, whose seat Serbia continues.
YUGOSLAVIA, SERBIA_FROM = "YUG", "2000-11-01"
# Rows per batch: small enough that the batch's lists stay out of the garbage
# collector's older generations (30,000 was slower), large enough to amortise a call;
# a multiple of the 300 rows store.votes writes per statement.
BATCH = 6_000


def country_codes() -> dict[str, str]:
    """Return ISO alpha-2 -> alpha-3 for every code pycountry (and forcevet) knows."""
    return {c.alpha_2: c.alpha_3 for c in load_countries().values()}


def _unreadable(path: Path, exc: Exception, what: str, line: int) -> InputError:
    """Return the error for a row csv cannot read or bytes that are not UTF-8.

    The file is decoded in blocks, so a bad byte may surface before the reader
    reaches its line: the line is then found in the bytes themselves.
    """
    if isinstance(exc, UnicodeDecodeError):
        try:
            decode_text(path.read_bytes(), path=str(path))
        except InputError as found:
            return found
    return InputError(f"unreadable {what} ({exc})", path=str(path), line=line)


def _open_rows(path: Path, columns: tuple[str, ...]) -> tuple[Any, Any]:
    """Return an open file and a csv reader past its checked header line."""
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    size = path.stat().st_size
    if size == 0:
        raise InputError("the file is empty", path=name, line=1)
    with path.open("rb") as raw:
        raw.seek(size - 1)
        if raw.read(1) not in (b"\n", b"\r"):
            raise InputError(
                "the last line has no line break: the file may be truncated",
                path=name,
                line=_count_lines(path),
            )
    handle = path.open(newline="", encoding="utf-8")
    reader = csv.reader(handle)
    try:
        header = next(reader, [])
    except (csv.Error, UnicodeDecodeError) as exc:
        handle.close()
        raise _unreadable(path, exc, "header", 1) from None
    if tuple(h.strip().lstrip("\ufeff") for h in header) != columns:
        handle.close()
        raise InputError(
            f"expected the columns {','.join(columns)}, got {','.join(header)}",
            path=name,
            line=1,
            field="header",
        )
    return handle, reader


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _whole(text: str, *, field: str, empty_ok: bool = False) -> int | None:
    if empty_ok and text in ("", "NA"):
        return None
    # isascii: "²" is a digit to str.isdigit but not to int(); the bound keeps a roll
    # call number within the store's 64-bit integers.
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise InputError(
            f'expected a whole number below 1,000,000,000, got "{text[:40]}"', field=field
        )
    return int(text)


def read_roll_calls(path: Path) -> list[dict[str, Any]]:
    """Return the roll calls of a roll-calls file as table rows (without source ids)."""
    handle, reader = _open_rows(path, ROLL_CALL_COLUMNS)
    rows: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    with handle:
        try:
            for cells in reader:
                line = reader.line_num
                try:
                    rows.append(_roll_call(cells, seen, line))
                except InputError as exc:
                    raise exc.located(path=str(path), line=line) from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _unreadable(path, exc, "row", reader.line_num) from None
    if not rows:
        raise InputError("no roll calls in the file", path=str(path), line=2)
    return rows


def _roll_call(cells: list[str], seen: dict[int, int], line: int) -> dict[str, Any]:
    if len(cells) != len(ROLL_CALL_COLUMNS):
        raise InputError(
            f"expected {len(ROLL_CALL_COLUMNS)} columns, got {len(cells)}", field="rcid"
        )
    rcid, session, important, day, unres, amend, para, short, descr = (c.strip() for c in cells)
    number = _whole(rcid, field="rcid")
    assert number is not None
    if number in seen:
        raise InputError(
            f"roll call {number} is listed twice (first on line {seen[number]})", field="rcid"
        )
    seen[number] = line
    flags = {}
    for name, text in (("importantvote", important), ("amend", amend), ("para", para)):
        if text not in FLAGS:
            raise InputError(f'expected 1, 0 or nothing, got "{text}"', field=name)
        flags[name] = FLAGS[text]
    return {
        "rcid": number,
        "session": _whole(session, field="session", empty_ok=True),
        "important": flags["importantvote"],
        "date": parse_day(day, field="date"),
        "resolution": unres or None,
        "amendment": flags["amend"],
        "paragraph": flags["para"],
        "short": short or None,
        "description": descr or None,
    }


def read_issues(path: Path, rcids: set[int]) -> list[dict[str, Any]]:
    """Return the issue codes of an issues file as table rows (without source ids)."""
    handle, reader = _open_rows(path, ISSUE_COLUMNS)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    with handle:
        try:
            for cells in reader:
                where = {"path": str(path), "line": reader.line_num}
                if len(cells) != len(ISSUE_COLUMNS):
                    raise InputError(f"expected 3 columns, got {len(cells)}", field="rcid", **where)
                rcid_text, code, label = (c.strip() for c in cells)
                try:
                    rcid = _whole(rcid_text, field="rcid")
                except InputError as exc:
                    raise exc.located(**where) from None
                if rcid not in rcids:
                    raise InputError(
                        f"roll call {rcid} is not in the roll-calls file", field="rcid", **where
                    )
                if not code or not label:
                    raise InputError(
                        "an issue needs its code and its name", field="short_name", **where
                    )
                assert rcid is not None
                if (rcid, code) in seen:
                    raise InputError(
                        f"roll call {rcid} is coded {code} twice", field="short_name", **where
                    )
                seen.add((rcid, code))
                rows.append({"rcid": rcid, "issue": code, "label": label})
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _unreadable(path, exc, "row", reader.line_num) from None
    return rows


def vote_country_codes() -> dict[str, str]:
    """Return what a votes row's code (or, when it is empty, name) maps to: an alpha-3.

    YU maps to YUG here; the importer moves the votes from 2000-11-01 on to SRB.
    """
    codes = country_codes()
    codes.update(FORMER_CODES)
    codes["YU"] = YUGOSLAVIA
    return codes


def read_votes(
    path: Path, dates: dict[int, str], counts: Counter[str], *, batch: int = BATCH
) -> Iterator[list[tuple[int, str, str]]]:
    """Yield the votes of a votes file as lists of (rcid, alpha-3, Y/N/A), ``batch`` at a time.

    ``dates`` holds each roll call's date; ``counts`` receives the votes per code
    as written (``PK``; ``name:...`` where the code is empty) and what was skipped.
    """
    name = str(path)
    handle, reader = _open_rows(path, VOTES_COLUMNS)
    # Looked up by the text as written: one dict lookup checks and converts each field.
    rcids = {str(rcid): rcid for rcid in dates}
    codes = vote_country_codes()
    words = VOTE_CODES
    line = reader.line_num
    read = 0
    with handle:
        while True:
            try:
                chunk = list(islice(reader, batch))
            except (csv.Error, UnicodeDecodeError) as exc:
                raise _unreadable(path, exc, "row", reader.line_num) from None
            if not chunk:
                break
            try:
                # the whole batch in one comprehension: the fast path for valid files
                rows = [(rcids[a], codes[c or b], words[d]) for a, b, c, d in chunk]
            except (KeyError, ValueError):
                lines = line + 1 if reader.line_num - line == len(chunk) else None
                rows = _checked_votes(chunk, lines, rcids, codes, counts, name)
            # counted in C: one Counter update per batch, not a Python step per row
            counts.update(map(itemgetter(2), chunk))
            if "" in counts:
                counts.update(f"name:{cells[1]}" for cells in chunk if not cells[2])
                del counts[""]
            line = reader.line_num
            read += len(rows)
            yield rows
    if read == 0:
        raise InputError("no votes in the file", path=name, line=2)
    counts["votes"] += read


def _checked_votes(
    chunk: list[list[str]],
    first_line: int | None,
    rcids: dict[str, int],
    codes: dict[str, str],
    counts: Counter[str],
    path: str,
) -> list[tuple[int, str, str]]:
    """Return the votes of a batch the fast path refused, row by row, or raise naming the line.

    Lines are counted from the batch's first; when a quoted field spans lines
    they cannot be, and the record's number in the batch is named instead.
    """
    rows = []
    for number, cells in enumerate(chunk):
        try:
            found = _slow_vote(cells, rcids, codes, counts)
        except InputError as exc:
            where = first_line + number if first_line is not None else f"batch record {number + 1}"
            raise exc.located(path=path, line=where) from None
        if found is not None:
            rows.append(found)
    return rows


def _slow_vote(
    cells: list[str], rcids: dict[str, int], codes: dict[str, str], counts: Counter[str]
) -> tuple[int, str, str] | None:
    """Return the row the fast path could not read, None for a skipped member, or raise."""
    if len(cells) != len(VOTES_COLUMNS):
        raise InputError(f"expected 4 columns, got {len(cells)}", field="rcid")
    rcid_text, member, code, word = (c.strip() for c in cells)
    if rcid_text not in rcids:
        number = _whole(rcid_text, field="rcid")
        if str(number) not in rcids:
            raise InputError(f"roll call {rcid_text} is not in the roll-calls file", field="rcid")
        rcid_text = str(number)
    vote = VOTE_CODES.get(word.lower())
    if vote is None:
        raise InputError(f'expected yes, no or abstain, got "{word}"', field="vote")
    if not code and member in SKIPPED_MEMBERS:
        counts[f"skipped: {member} (no ISO code)"] += 1
        return None
    alpha_3 = codes.get(code.upper() or member)
    if alpha_3 is None:
        problem = f'unknown country code "{code}"' if code else f'no country code for "{member}"'
        raise InputError(
            f"{problem}; expected an ISO 3166 alpha-2 code such as PK", field="country_code"
        )
    return rcids[rcid_text], alpha_3, vote


def find_repeated(
    path: Path, dates: dict[int, str], keys: set[tuple[int, str]]
) -> tuple[int, int, str]:
    """Return (line, rcid, alpha-3) of the first vote in the file that repeats one of ``keys``.

    Used only after the store refused a repeated vote: the file is read again,
    remembering no more than the keys of the batch that failed.
    """
    rcids = {str(rcid): rcid for rcid in dates}
    codes = vote_country_codes()
    seen: set[tuple[int, str]] = set()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for cells in reader:
            found = _slow_vote(cells, rcids, codes, Counter())
            if found is None or (key := found[:2]) not in keys:
                continue
            if key in seen:
                return reader.line_num, key[0], key[1]
            seen.add(key)
    raise AssertionError("the store refused a vote the file does not repeat")
