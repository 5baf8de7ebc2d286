"""Hostile and broken designations CSV: `import designations` exits 2 with one line,
names the file, line and column, and changes nothing.

A row with more fields than the header was read with the extras dropped; now it is
refused, as the docs promise. The fuzz tests feed any bytes, and the bundled listings
with one change, to the command: exit 0 or 2, never a traceback, the store unchanged on 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from tests.hostile import mutated, refused, survives

HEADER = "authority,name,source_url,listed_on,aliases,kind,authority_actor,actor_id\n"
ROW = "Home Office,Hamas,https://gov.example/list,2021-11-26,Harakat,armed_group,GBR,hamas\n"
BUNDLED = (
    Path(__file__).parents[3] / "src" / "forcevet" / "data" / "designations"
) / "hamas-state-listings.csv"
IMPORTER = "import designations (csv)"


def row(**changes: str) -> str:
    cells = dict(zip(HEADER.strip().split(","), ROW.strip().split(","), strict=True))
    return HEADER + ",".join({**cells, **changes}.values()) + "\n"


HOSTILE: list[tuple[str, bytes | str, str]] = [
    ("empty", "", "list.csv:1: the file is empty; expected a header row"),
    ("blank", "\n\n  \n", "the file is empty"),
    ("header only", HEADER, "list.csv: no listings in the file"),
    ("extra field", HEADER + ROW.strip() + ",surplus\n", "list.csv:2: expected 8 fields as in"),
    ("unquoted comma", HEADER + ROW.replace("Hamas,", "Hamas, the movement,", 1), "expected 8"),
    ("short row", HEADER + "Home Office,Hamas,https://gov.example/list\n", "got 3"),
    ("doubled column", "authority,name,name,source_url\nA,N,M,https://x.org\n", "appears twice"),
    ("unknown column", "authority,name,source_url,colour\nA,N,https://x.org,red\n", "colour"),
    ("no name column", "authority,source_url\nA,https://x.org\n", "missing column name"),
    ("listed 2025-02-30", row(listed_on="2025-02-30"), 'listed_on: not a calendar date: "2025-02'),
    ("listed 0000-00-00", row(listed_on="0000-00-00"), "list.csv:2: listed_on: not a calendar"),
    ("listed in year 0", row(listed_on="0000"), 'listed_on: not a calendar date: "0000"'),
    ("listed 2024-13", row(listed_on="2024-13"), "listed_on: not a calendar date"),
    ("listed as an interval", row(listed_on="2020/2021"), "a listing date is one day"),
    ("javascript address", row(source_url="javascript:alert(1)"), "source_url"),
    ("actor id climbing", row(actor_id="../../etc/passwd"), "actor_id: not an actor id"),
    ("actor id with space", row(actor_id="ha mas"), "actor_id: not an actor id"),
    ("authority id slash", row(authority_actor="a/b"), "authority_actor: not an actor id"),
    ("unknown kind", row(kind="militia"), 'kind: unknown actor kind "militia"'),
    ("not UTF-8", (HEADER + ROW).encode("utf-8").replace(b"Hamas", b"Hamas\xff"), "not UTF-8"),
    ("UTF-16", (HEADER + ROW).encode("utf-16"), "not UTF-8"),
    ("unclosed quote", HEADER + 'Home Office,"Hamas,https://gov.example/list\n', "got 2"),
    ("NUL only", b"\x00\x00\x00", "list.csv"),
    ("twice", HEADER + ROW + ROW, "lists hamas twice"),
]


@pytest.mark.parametrize(
    ("content", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_designations_csv_exits_2_with_one_line(
    cli: Cli, tmp_path: Path, content: bytes | str, message: str
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    refused(cli, IMPORTER, "import", "designations", str(path), message=message)


def test_the_valid_row_of_these_tests_imports(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + ROW, "utf-8")
    assert cli("import", "designations", str(path)).exit_code == 0


FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_exit_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "designations", str(path))


@FUZZ
@given(data=mutated(BUNDLED.read_bytes()))
def test_any_change_to_a_valid_list_exits_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    survives(cli, IMPORTER, "import", "designations", str(path))


SDN = BUNDLED.with_name("us-ofac-sdn-subset.csv").read_bytes()
SDN_OPTIONS = ("import", "designations", "--format", "ofac-sdn", "--date", "2024-05-03")


@FUZZ
@given(data=mutated(SDN) | st.binary(max_size=300))
def test_any_change_to_an_sdn_file_exits_0_or_2(cli: Cli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(data)
    survives(cli, "import designations (ofac-sdn)", *SDN_OPTIONS, str(path))
