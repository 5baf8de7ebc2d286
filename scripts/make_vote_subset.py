"""Write the UN General Assembly votes bundled for the demo from the full files.

Keeps the roll calls coded ``me`` (the Palestinian conflict) from SINCE on,
every issue row of those roll calls, and the votes on them of the Gaza
scenario's candidates and of the two parties named in the report (Israel and
the United States), in the layouts of the full files: each kept line is
copied byte for byte, headers included.

Run from the repository: python scripts/make_vote_subset.py [--since 2000]
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT.parent / "shared" / "data" / "unga-votes"
OUT = ROOT / "src" / "forcevet" / "data" / "records"
CANDIDATES = ("IDN", "PAK", "AZE", "MAR", "KAZ", "XKX", "ALB", "EGY", "JOR", "TUR", "SAU", "ARE")
PARTIES = ("ISR", "USA")
# ISO alpha-2 codes of the countries above, as the votes file writes them (Kosovo,
# XK, is no UN member and casts no votes).
ALPHA_2 = {
    "IDN": "ID", "PAK": "PK", "AZE": "AZ", "MAR": "MA", "KAZ": "KZ", "XKX": "XK", "ALB": "AL",
    "EGY": "EG", "JOR": "JO", "TUR": "TR", "SAU": "SA", "ARE": "AE", "ISR": "IL", "USA": "US",
}  # fmt: skip


def lines_of(path: Path) -> list[str]:
    """Return the physical lines of a file, line endings kept."""
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def first_cell(line: str) -> str:
    """Return the first field of one CSV line (the rcid)."""
    return next(csv.reader(io.StringIO(line)))[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--since", type=int, default=2000, help="first year kept")
    args = parser.parse_args()
    issues = lines_of(FULL / "un_roll_call_issues.csv")
    coded = {first_cell(line) for line in issues[1:] if line.split(",")[1] == "me"}
    roll_calls = lines_of(FULL / "un_roll_calls_1946_2019.csv")
    kept: set[str] = set()
    for row in csv.reader(io.StringIO("".join(roll_calls[1:]))):
        if row[0] in coded and int(row[3][:4]) >= args.since:
            kept.add(row[0])
    # one record per physical line in these files; checked by the reader above
    assert len(roll_calls) - 1 == sum(1 for _ in csv.reader(io.StringIO("".join(roll_calls[1:]))))
    wanted = {ALPHA_2[c] for c in CANDIDATES + PARTIES}
    outputs = {
        "unga-roll-calls.csv": roll_calls[:1]
        + [r for r in roll_calls[1:] if first_cell(r) in kept],
        "unga-issues.csv": issues[:1] + [r for r in issues[1:] if first_cell(r) in kept],
    }
    with (FULL / "un_votes_1946_2019.csv").open(encoding="utf-8", newline="") as handle:
        votes = [next(handle)]
        for line in handle:
            rcid, _, rest = line.partition(",")
            if rcid in kept and rest.rsplit(",", 2)[1] in wanted:
                votes.append(line)
    outputs["unga-votes.csv"] = votes
    for name, rows in outputs.items():
        (OUT / name).write_text("".join(rows), encoding="utf-8", newline="")
        size = (OUT / name).stat().st_size
        print(f"{name}: {len(rows) - 1:,} rows, {size / 1024:.0f} KB")  # noqa: T201  # a script's report


if __name__ == "__main__":
    main()
