"""Write the peacekeeping records forcevet ships for its demo, from ../shared/data.

Run from the repository root: ``python scripts/make_record_subsets.py``. The IPI
monthly file and the open data portal's two rankings are cut to the rows of the
Gaza scenario's candidates, every line copied byte for byte (so a claim's quote
is the original line). A rank from a cut ranking is stated without the number of
contributors, which the cut cannot give. Rewrites src/forcevet/data/records/.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

from forcevet.ingest.records.peacekeeping import SUBSET_COUNTRIES
from forcevet.ingest.records.peacekeeping_countries import CountryResolver

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "peacekeeping"
OUT = ROOT / "src" / "forcevet" / "data" / "records"
MONTHLY = "ipi_ppp_country_monthly_1990-11_2014-03.csv"
RANKINGS = {
    "un_odp_contributor_rank_2021-01.csv": "peacekeeping-odp-rank-2021-01.csv",
    "un_odp_contributor_rank_2022-01.csv": "peacekeeping-odp-rank-2022-01.csv",
}


def cut(source: Path, target: Path, country: Callable[[list[str]], str]) -> int:
    """Write the header and the candidates' rows of a file; return the rows kept.

    ``country`` reads a row's ISO 3166 alpha-3 code from its cells.
    """
    wanted = set(SUBSET_COUNTRIES)
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [lines[0]]
    for raw in lines[1:]:
        (cells,) = csv.reader([raw.decode("utf-8")]) if raw.strip() else ([],)
        if cells and country(cells) in wanted:
            kept.append(raw)
    target.write_bytes(b"".join(kept))
    return len(kept) - 1


def main() -> int:
    """Write the subsets and say what was written."""
    if not SHARED.is_dir():
        sys.stderr.write(f"no {SHARED.relative_to(ROOT.parent)} here: nothing to cut\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    names = CountryResolver()
    rows = cut(
        SHARED / MONTHLY,
        OUT / "peacekeeping-ipi-monthly-subset.csv",
        lambda cells: names.resolve(cells[0], field="Country"),
    )
    sys.stdout.write(f"peacekeeping-ipi-monthly-subset.csv: {rows} rows\n")
    for name, target in RANKINGS.items():
        rows = cut(SHARED / name, OUT / target, lambda cells: cells[0].strip())
        sys.stdout.write(f"{target}: {rows} rows\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
