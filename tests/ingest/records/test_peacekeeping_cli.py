"""`forcevet import peacekeeping` and `forcevet peacekeeping` through the command line.

A broken file exits 2 with one line naming the file, line and field, and leaves
every table of the store exactly as it was (a real file is imported first, so
the store is not empty).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, Cli

DATA = SHARED / "data" / "peacekeeping"
MONTHLY = DATA / "ipi_ppp_country_monthly_1990-11_2014-03.csv"
ODP_2022 = DATA / "un_odp_contributor_rank_2022-01.csv"
BUNDLED = Path(__file__).parents[3] / "src" / "forcevet" / "data" / "records"
HEADER = "Country,Date,Troops,Police,Experts\n"
GOOD = "Albania,1994-10-31,NA,1,NA\n"

needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not here")


@pytest.fixture
def loaded(cli: Cli) -> Cli:
    """A store holding the bundled portal ranking of January 2022."""
    result = cli("import", "peacekeeping", str(BUNDLED / "peacekeeping-odp-rank-2022-01.csv"))
    assert result.exit_code == 0, result.output
    return cli


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (HEADER + GOOD + "Albania,1994-11-30,1x,1,NA\n", ":3: Troops: expected a count"),
        (HEADER + GOOD + "Albania,1994-13-31,NA,1,NA\n", ":3: Date: expected a calendar date"),
        (
            HEADER + GOOD + "Ruritania,1994-11-30,NA,1,NA\n",
            ':3: Country: unknown country "Ruritania"',
        ),
        ("Land,When,Who\nAlbania,1994,1\n", ":1: header: unknown layout; expected the columns"),
        (HEADER + GOOD + "Albania,1994-11-30,NA,", ":3: the last line has no line break"),
        (
            HEADER.encode() + GOOD.encode() + "Côte d'Ivoire,1994-11-30,NA,1,NA\n".encode("cp1252"),
            ":3: not UTF-8 text",
        ),
    ],
    ids=["count", "date", "country", "header", "truncated", "encoding"],
)
def test_broken_files_exit_2_and_change_nothing(
    loaded: Cli, tmp_path: Path, content: str | bytes, where: str
) -> None:
    path = tmp_path / "broken.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    before = loaded.snapshot()
    result = loaded("import", "peacekeeping", str(path))
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}{where}")
    assert loaded.snapshot() == before


@needs_shared
def test_a_real_file_cut_short_exits_2(loaded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "monthly-cut.csv"
    path.write_bytes(MONTHLY.read_bytes()[:-5])  # "Zimbabwe,2014-03-31,3,7" is still a row
    before = loaded.snapshot()
    result = loaded("import", "peacekeeping", str(path))
    assert result.exit_code == 2
    assert f"{path}:25658: the last line has no line break" in result.stderr
    assert loaded.snapshot() == before


@needs_shared
def test_import_then_read_as_json(cli: Cli) -> None:
    result = cli("import", "peacekeeping", str(ODP_2022), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows"], report["claims"], report["coverage"], report["status"]) == (
        122,
        121,
        193,
        "added",
    )
    again = cli("import", "peacekeeping", str(ODP_2022))
    assert again.exit_code == 0 and again.stdout.strip().count("\n") == 0
    assert ": unchanged" in again.stdout
    shown = cli("peacekeeping", "PAK", "XKX", "--json")
    assert shown.exit_code == 0, shown.output
    pakistan, kosovo = json.loads(shown.stdout)
    assert pakistan["rank"]["rank"] == 6 and pakistan["latest"]["personnel"] == 3810
    assert pakistan["rank"]["source_id"] == report["source_id"]
    assert kosovo["months"] == [] and kosovo["rank"] is None
    text = cli("peacekeeping", "PAK")
    assert "Rank 6 of 122 contributors in 2022-01 (3,810)" in text.stdout


def test_an_unknown_country_code_exits_2(cli: Cli) -> None:
    result = cli("peacekeeping", "PAKI")
    assert result.exit_code == 2
    assert 'unknown country code "PAKI"' in result.stderr
