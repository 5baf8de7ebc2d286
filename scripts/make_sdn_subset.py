"""Write the SDN subset forcevet ships for its demo: the rows of the US Treasury's SDN file
that name the Gaza scenario's armed groups and people.

Usage: python scripts/make_sdn_subset.py ../shared/data/designations/us-ofac-sdn-2024-05-03.csv

Rows are copied byte for byte (Windows-1252, CRLF) in the file's own order and
the file ends with the same 0x1A byte, so the subset reads exactly as the full
file does; see src/forcevet/data/designations/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).parents[1] / "src" / "forcevet" / "data" / "designations"
NAME = "us-ofac-sdn-subset.csv"
# ent_num -> why the row is kept
ROWS = {
    "4695": "HAMAS (scenario actor hamas)",
    "6935": "JAISH-I-MOHAMMED (scenario actor jaish-e-mohammed)",
    "7140": "LASHKAR E-TAYYIBA (scenario actor lashkar-e-taiba)",
    "10689": "SAEED, Muhammad: Hafiz Muhammad Saeed, born 5 June 1950 in Sargodha",
    "10690": "LAKHVI, Zaki-ur-Rehman",
    "11459": "ALVI, Mohammad Masood Azhar",
    "45828": "QADDOUMI, Khaled, linked to HAMAS (scenario actor khaled-qaddoumi)",
}


def make_subset(full: Path, out: Path) -> list[str]:
    """Write the kept rows of ``full`` to ``out``; return their entry numbers in file order."""
    data = full.read_bytes()
    kept = [
        line
        for line in data.removesuffix(b"\x1a").split(b"\r\n")
        if line.split(b",", 1)[0].decode("ascii", "replace") in ROWS
    ]
    found = [line.split(b",", 1)[0].decode("ascii") for line in kept]
    missing = sorted(set(ROWS) - set(found))
    if missing:
        raise SystemExit(f"{full}: no rows {', '.join(missing)}; is this the 2024-05-03 file?")
    out.write_bytes(b"".join(line + b"\r\n" for line in kept) + b"\x1a")
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    rows = make_subset(Path(sys.argv[1]), OUT / NAME)
    sys.stdout.write(f"{OUT / NAME}: {len(rows)} rows ({', '.join(rows)})\n")
