"""Hostile and broken UN General Assembly CSVs: `import unga-votes` exits 2 with one line
and changes nothing, never a traceback.

The fuzz tests put any bytes, or the tiny files with one change, in place of each of
the three files: exit 0 or 2, never a traceback, the store unchanged on 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives
from tests.ingest.records.test_unga import TINY_ISSUES, TINY_ROLL_CALLS, TINY_VOTES

TINY = (TINY_VOTES, TINY_ROLL_CALLS, TINY_ISSUES)
NAMES = ("votes.csv", "roll_calls.csv", "issues.csv")
IMPORTER = "import unga-votes"

HOSTILE: list[tuple[str, int, bytes | str, str]] = [
    ("votes empty", 0, "", "votes.csv:1: the file is empty"),
    ("roll calls empty", 1, "", "roll_calls.csv:1: the file is empty"),
    ("issues empty", 2, "", "issues.csv:1: the file is empty"),
    ("votes extra field", 0, TINY_VOTES.replace("1,Israel,IL,no", "1,Israel,IL,no,x"), "got 5"),
    ("roll call extra", 1, TINY_ROLL_CALLS.replace("a resolution\n", "a resolution,x\n", 1), "10"),
    ("issues short", 2, TINY_ISSUES.replace("1,me,Palestinian conflict", "1,me"), "got 2"),
    ("rcid 10**30", 0, TINY_VOTES.replace("1,Pakistan", "9" * 31 + ",Pakistan"), "rcid: expected"),
    ("rcid ²", 0, TINY_VOTES.replace("1,Pakistan", "²,Pakistan"), "rcid: expected a whole number"),
    ("session 10**30", 1, TINY_ROLL_CALLS.replace("1,56,", "1," + "9" * 31 + ",", 1), "session"),
    ("day 2002-02-30", 1, TINY_ROLL_CALLS.replace("2002-12-03", "2002-02-30"), "not a calendar"),
    ("day 0000-00-00", 1, TINY_ROLL_CALLS.replace("2002-12-03", "0000-00-00"), "not a calendar"),
    ("vote maybe", 0, TINY_VOTES.replace("2,Pakistan,PK,abstain", "2,Pakistan,PK,maybe"), "vote"),
    ("votes not UTF-8", 0, TINY_VOTES.encode().replace(b"Pakistan", b"Pakist\xe1n", 1), "UTF-8"),
    ("roll calls UTF-16", 1, TINY_ROLL_CALLS.encode("utf-16"), "roll_calls.csv"),
    ("issues no break", 2, TINY_ISSUES.rstrip("\n"), "the last line has no line break"),
    ("votes NUL", 0, TINY_VOTES.replace("PK,yes", "PK,y\x00es", 1), "votes.csv:2"),
]


def write(folder: Path, replaced: int | None = None, content: bytes | str = b"") -> list[str]:
    paths = []
    for index, (name, text) in enumerate(zip(NAMES, TINY, strict=True)):
        path = folder / name
        given = content if index == replaced else text
        path.write_bytes(given if isinstance(given, bytes) else given.encode("utf-8"))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(
    ("file", "content", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_unga_file_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, file: int, content: bytes | str, message: str
) -> None:
    paths = write(tmp_path, file, content)
    refused(cli, IMPORTER, "import", "unga-votes", *paths, message=message)


FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(file=st.integers(0, 2), data=st.binary(max_size=300))
def test_any_bytes_in_any_file_exit_0_or_2(
    cli: Cli, tmp_path: Path, file: int, data: bytes
) -> None:
    survives(cli, IMPORTER, "import", "unga-votes", *write(tmp_path, file, data))


@FUZZ
@given(file=st.integers(0, 2), data=st.data())
def test_any_change_to_a_valid_file_exits_0_or_2(
    cli: Cli, tmp_path: Path, file: int, data: st.DataObject
) -> None:
    content = data.draw(mutated(TINY[file].encode("utf-8")))
    survives(cli, IMPORTER, "import", "unga-votes", *write(tmp_path, file, content))
