"""Hostile and broken UN SC XML: `import un-sc` exits 2 with one line and changes nothing.

The fuzz tests feed any bytes, and the small list with one change (cut short, bytes
swapped, a tricky value), to the command: it exits 0 or 2, never with a traceback,
and on 2 the store is byte for byte as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives

SMALL = (Path(__file__).parents[2] / "fixtures" / "un-sc-small.xml").read_text("utf-8")
IMPORTER = "import un-sc"


def swap(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


HOSTILE: list[tuple[str, Callable[[str], str] | bytes, str]] = [
    ("empty", b"", "not well-formed XML"),
    ("blank", b"  \n", "not well-formed XML"),
    ("truncated", lambda t: t[: len(t) // 2], "the file may be truncated"),
    ("cut mid-tag", lambda t: t[: t.index("<LISTED_ON>") + 5], "not well-formed XML"),
    ("wrong root", b"<LIST><INDIVIDUALS/></LIST>", 'expected a CONSOLIDATED_LIST root, got "LIST"'),
    ("html", b"<html><body>Not found</body></html>", "expected a CONSOLIDATED_LIST root"),
    ("json", b'{"INDIVIDUALS": []}', "not well-formed XML"),
    (
        "wrong tags",
        swap("<REFERENCE_NUMBER>QDi.422</REFERENCE_NUMBER>", "<REF>QDi.422</REF>"),
        "INDIVIDUAL/REFERENCE_NUMBER: a listing needs a reference",
    ),
    (
        "no name",
        swap(
            "<FIRST_NAME>MOHAMMAD MASOOD</FIRST_NAME>\n      <SECOND_NAME>AZHAR</SECOND_NAME>\n"
            "      <THIRD_NAME>ALVI</THIRD_NAME>",
            "",
        ),
        "a listing needs a name",
    ),
    (
        "listed 2025-02-30",
        swap("<LISTED_ON>2019-05-01</LISTED_ON>", "<LISTED_ON>2025-02-30</LISTED_ON>"),
        'INDIVIDUAL/LISTED_ON: not a calendar date: "2025-02-30"',
    ),
    (
        "listed 0000-00-00",
        swap("<LISTED_ON>2019-05-01</LISTED_ON>", "<LISTED_ON>0000-00-00</LISTED_ON>"),
        'INDIVIDUAL/LISTED_ON: not a calendar date: "0000-00-00"',
    ),
    (
        "listed 2024-13-01 with a zone",
        swap("<LISTED_ON>2011-02-03-04:00</LISTED_ON>", "<LISTED_ON>2024-13-01-04:00</LISTED_ON>"),
        "not a calendar date",
    ),
    (
        "listed as words",
        swap("<LISTED_ON>2019-05-01</LISTED_ON>", "<LISTED_ON>May 2019</LISTED_ON>"),
        'expected YYYY-MM-DD, got "May 2019"',
    ),
    (
        "no listing date",
        swap("<LISTED_ON>2019-05-01</LISTED_ON>", ""),
        "a listing needs its date",
    ),
    (
        "delisted 2023-02-29",
        swap(
            "<LISTED_ON>2019-05-01</LISTED_ON>",
            "<LISTED_ON>2019-05-01</LISTED_ON><DELISTED_ON>2023-02-29</DELISTED_ON>",
        ),
        'INDIVIDUAL/DELISTED_ON: not a calendar date: "2023-02-29"',
    ),
    (
        "born 1968-02-30",
        swap("<DATE>1968-07-10</DATE>", "<DATE>1968-02-30</DATE>"),
        'INDIVIDUAL_DATE_OF_BIRTH/DATE: not a calendar date: "1968-02-30"',
    ),
    (
        "born in year 0000",
        swap("<YEAR>1965</YEAR>", "<YEAR>0000</YEAR>"),
        'INDIVIDUAL_DATE_OF_BIRTH/YEAR: not a calendar year: "0000"',
    ),
    (
        "born between words",
        swap("<FROM_YEAR>1970</FROM_YEAR>", "<FROM_YEAR>seventy</FROM_YEAR>"),
        'INDIVIDUAL_DATE_OF_BIRTH/FROM_YEAR: expected a year, got "seventy"',
    ),
    (
        "generated 2019-02-30",
        swap('dateGenerated="2019-05-02', 'dateGenerated="2019-02-30'),
        "CONSOLIDATED_LIST/dateGenerated: not a calendar date",
    ),
    (
        "alias quality",
        swap("<QUALITY>Good</QUALITY>", "<QUALITY>Excellent</QUALITY>"),
        "INDIVIDUAL_ALIAS/QUALITY",
    ),
    (
        "listed twice",
        swap(
            "<REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>",
            "<REFERENCE_NUMBER>QDi.422</REFERENCE_NUMBER>",
        ),
        "QDi.422 is listed twice",
    ),
    (
        "latin-1",
        lambda t: t.replace("مثال شخص", "\xe9"),
        "not well-formed XML",
    ),
    (
        "external entity",
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        'expected a CONSOLIDATED_LIST root, got "x"',
    ),
    (
        "billion laughs",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b"]><CONSOLIDATED_LIST>&c;</CONSOLIDATED_LIST>",
        "the list holds no INDIVIDUAL or ENTITY",
    ),
    ("deep nesting", b"<a>" * 100_000 + b"</a>" * 100_000, "not well-formed XML"),
    ("NUL byte", b"<CONSOLIDATED_LIST>\x00</CONSOLIDATED_LIST>", "not well-formed XML"),
    (
        "no listings",
        b"<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>",
        "holds no",
    ),
]


def content(change: Callable[[str], str] | bytes) -> bytes:
    if isinstance(change, bytes):
        return change
    text = change(SMALL)
    return text.encode("latin-1", "replace") if "\xe9" in text else text.encode("utf-8")


@pytest.mark.parametrize(
    ("change", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_un_sc_file_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, change: Callable[[str], str] | bytes, message: str
) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(content(change))
    refused(cli, IMPORTER, "import", "un-sc", str(path), message=message)


def test_a_refused_list_leaves_a_loaded_store_as_it_was(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_text(SMALL, "utf-8")
    assert cli("import", "un-sc", str(good)).exit_code == 0
    bad = tmp_path / "bad.xml"
    bad.write_text(SMALL.replace("2019-05-01", "2019-02-30"), "utf-8")
    refused(cli, IMPORTER, "import", "un-sc", str(bad), message="not a calendar date")


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes_exit_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "un-sc", str(path))


@FUZZ
@given(data=mutated(SMALL.encode("utf-8")))
def test_any_change_to_a_valid_list_exits_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "un-sc", str(path))
