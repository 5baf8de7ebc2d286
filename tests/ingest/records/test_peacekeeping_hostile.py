"""Hostile and broken peacekeeping CSV: `import peacekeeping` exits 2 with one line and
changes nothing, never a traceback (a count of 10**30 overflowed SQLite's integers).

The fuzz tests feed any bytes, and the bundled files with one change, to the command:
exit 0 or 2, never a traceback, the store unchanged on 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives

RECORDS = Path(__file__).parents[3] / "src" / "forcevet" / "data" / "records"
ODP = (RECORDS / "peacekeeping-odp-rank-2022-01.csv").read_bytes()
# The first twenty rows of the IPI monthly subset: enough for every column's checks.
IPI = b"".join((RECORDS / "peacekeeping-ipi-monthly-subset.csv").read_bytes().splitlines(True)[:21])
HEADER = "Country,Date,Troops,Police,Experts\n"
GOOD = "Albania,1994-10-31,NA,1,NA\n"
IMPORTER = "import peacekeeping"


def odp(old: bytes, new: bytes) -> bytes:
    assert old in ODP, old
    return ODP.replace(old, new, 1)


HOSTILE: list[tuple[str, bytes | str, str]] = [
    ("empty", "", "pk.csv"),
    ("blank", "\n\n", "pk.csv"),
    ("header only", HEADER, "pk.csv"),
    ("extra field", HEADER + GOOD.strip() + ",9\n", "pk.csv:2: expected 5 fields, got 6"),
    ("short row", HEADER + "Albania,1994-10-31\n", "pk.csv:2: expected 5 fields, got 2"),
    ("count 10**30", HEADER + "Albania,1994-10-31," + "9" * 31 + ",1,NA\n", "Troops: expected a"),
    ("count 10**7+1", HEADER + "Albania,1994-10-31,10000001,1,NA\n", "at most 10,000,000"),
    ("negative count", HEADER + "Albania,1994-10-31,-5,1,NA\n", "Troops: expected a count"),
    ("superscript two", HEADER + "Albania,1994-10-31,²,1,NA\n", "Troops: expected a count"),
    ("float count", HEADER + "Albania,1994-10-31,1e3,1,NA\n", "Troops: expected a count"),
    ("day 1994-02-30", HEADER + "Albania,1994-02-30,NA,1,NA\n", "Date: expected a calendar date"),
    ("day 0000-00-00", HEADER + "Albania,0000-00-00,NA,1,NA\n", "Date: expected a calendar date"),
    ("ODP 30-Feb-22", odp(b"31-Jan-22", b"30-Feb-22"), "Last_Reporting_Date"),
    ("ODP rank 10**30", odp(b",6,87,", b"," + b"9" * 31 + b",87,"), "expected a"),
    ("ODP unknown code", odp(b"PAK,586", b"QQQ,586"), "pk.csv:2"),
    ("not UTF-8", (HEADER + GOOD).encode() + b"Alb\xe9nia,1994-11-30,NA,1,NA\n", "not UTF-8"),
    ("UTF-16", (HEADER + GOOD).encode("utf-16"), "pk.csv"),
    ("NUL", (HEADER + GOOD).encode().replace(b"Albania", b"Alba\x00nia"), "pk.csv:2"),
    ("no line break", HEADER + GOOD.strip(), "the last line has no line break"),
    ("unknown layout", "a,b,c\n1,2,3\n", "unknown layout"),
]


@pytest.mark.parametrize(
    ("content", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_peacekeeping_csv_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, content: bytes | str, message: str
) -> None:
    path = tmp_path / "pk.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    refused(cli, IMPORTER, "import", "peacekeeping", str(path), message=message)


FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_exit_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "peacekeeping", str(path))


@FUZZ
@given(data=mutated(ODP) | mutated(IPI))
def test_any_change_to_a_valid_file_exits_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "peacekeeping", str(path))
