"""Write the peacekeeping records forcevet ships for its demo, from ../shared/data.

Run from the repository root: ``python scripts/make_record_subsets.py``. The IPI
monthly file is cut to the rows of the Gaza scenario's candidates, every line
copied byte for byte (so a claim's quote is the original line); the open data
portal's two rankings are copied whole, because a rank means something only
against every contributor of its month. Rewrites src/forcevet/data/records/.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from forcevet.ingest.records.peacekeeping import SUBSET_COUNTRIES
from forcevet.ingest.records.peacekeeping_countries import CountryResolver

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "peacekeeping"
OUT = ROOT / "src" / "forcevet" / "data" / "records"
MONTHLY = "ipi_ppp_country_monthly_1990-11_2014-03.csv"
COPIES = {
    "un_odp_contributor_rank_2021-01.csv": "peacekeeping-odp-rank-2021-01.csv",
    "un_odp_contributor_rank_2022-01.csv": "peacekeeping-odp-rank-2022-01.csv",
}


def cut_monthly(source: Path, target: Path) -> int:
    """Write the header and the candidates' rows of the IPI monthly file; return the rows."""
    names = CountryResolver()
    wanted = set(SUBSET_COUNTRIES)
    lines = source.read_bytes().splitlines(keepends=True)
    kept = [lines[0]]
    for raw in lines[1:]:
        (cells,) = csv.reader([raw.decode("utf-8")])
        if cells and names.resolve(cells[0], field="Country") in wanted:
            kept.append(raw)
    target.write_bytes(b"".join(kept))
    return len(kept) - 1


def main() -> int:
    """Write the subsets and say what was written."""
    if not SHARED.is_dir():
        sys.stderr.write(f"no {SHARED.relative_to(ROOT.parent)} here: nothing to cut\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    rows = cut_monthly(SHARED / MONTHLY, OUT / "peacekeeping-ipi-monthly-subset.csv")
    sys.stdout.write(f"peacekeeping-ipi-monthly-subset.csv: {rows} rows\n")
    for name, target in COPIES.items():
        shutil.copyfile(SHARED / name, OUT / target)
        sys.stdout.write(f"{target}: copied whole\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
