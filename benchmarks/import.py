"""Import speed and memory: official records against a bare ``csv.reader`` over the same file.

Measures in one run, each import on a fresh SQLite file store in a temporary folder:
  - UN General Assembly votes: ``import_unga_votes`` of the full 869,937 votes with
    their 6,202 roll calls and 5,745 issue codes, agreement figures with ISR
    included (claims and coverage), in one committed transaction; against a bare
    ``csv.reader`` loop over the votes file (target: at most 3x);
  - the floor under any importer: the same bare loop writing its rows unchecked into
    the same un_votes table with stdlib sqlite3, as forcevet writes them;
  - the US Treasury SDN list: ``import_ofac_sdn`` of its 14,965 rows, against a
    bare ``csv.reader`` loop over the same file (cp1252);
and the process's resident memory every few vote batches, which must stay flat
as rows grow. Each figure is the best of ``--repeat`` runs, bare reads included;
both elapsed and CPU time are shown, because on a shared machine elapsed time
also counts the other processes (SQLite works in this process, so its work is
in the CPU time).

Run: python benchmarks/import.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any

import forcevet.ingest.records.unga as unga
from forcevet.ingest.records.unga import import_unga_votes
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store
from forcevet.store.votes import ROWS_PER_STATEMENT

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
VOTES = DATA / "unga-votes" / "un_votes_1946_2019.csv"
ROLL_CALLS = DATA / "unga-votes" / "un_roll_calls_1946_2019.csv"
ISSUES = DATA / "unga-votes" / "un_roll_call_issues.csv"
SDN = DATA / "designations" / "us-ofac-sdn-2024-05-03.csv"
TARGET = 3.0
SAMPLE_EVERY = 15  # vote batches (of 6,000 rows) between two memory samples


class Clock:
    """Elapsed and CPU seconds of a block: ``with Clock() as clock: ...``."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def rss_mb() -> float:
    """Return the process's current resident memory in MB (Linux), else its peak."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_read(path: Path, encoding: str) -> tuple[Clock, int]:
    """Return the time a bare csv.reader loop takes over ``path``, and its rows."""
    rows = 0
    with Clock() as clock, path.open(newline="", encoding=encoding) as handle:
        for _ in csv.reader(handle):
            rows += 1
    return clock, rows


def timed_import(folder: Path, run: Callable[[Store], Any]) -> tuple[Clock, Any]:
    """Return the time ``run`` takes in one committed transaction on a fresh store."""
    url = f"sqlite:///{folder / f'bench-{time.monotonic_ns()}.db'}"
    with open_store(url, require_schema=False) as store:
        with store.transaction():
            init_store(store)
        with Clock() as clock, store.transaction():
            result = run(store)
        return clock, result


def floor_write(folder: Path) -> Clock:
    """Return the time of the least any importer must do: a bare csv.reader loop whose rows
    go, unchecked, through stdlib sqlite3 into forcevet's un_votes table, written as
    forcevet writes them (300 rows per statement, one transaction)."""
    url = folder / f"floor-{time.monotonic_ns()}.db"
    with open_store(f"sqlite:///{url}", require_schema=False) as store, store.transaction():
        init_store(store)
    connection = sqlite3.connect(url, isolation_level=None)
    width = ROWS_PER_STATEMENT
    many = "INSERT INTO un_votes VALUES " + ", ".join(["(?, ?, ?)"] * width)
    try:
        with (
            unga.collector_paused(),  # as forcevet does; with the collector it is far slower
            Clock() as clock,
            VOTES.open(newline="", encoding="utf-8") as handle,
        ):
            reader = csv.reader(handle)
            next(reader)
            connection.execute("BEGIN")
            while chunk := list(islice(reader, width * 20)):
                rows = [(int(a), c or b, d[0]) for a, b, c, d in chunk]
                full = len(rows) - len(rows) % width
                connection.executemany(
                    many,
                    [
                        tuple(chain.from_iterable(rows[s : s + width]))
                        for s in range(0, full, width)
                    ],
                )
                connection.executemany("INSERT INTO un_votes VALUES (?, ?, ?)", rows[full:])
            connection.execute("COMMIT")
    finally:
        connection.close()
    return clock


def sampling_votes(marks: list[tuple[int, float]]) -> Callable[..., None]:
    """Return a stand-in for the importer's insert_votes that samples memory as it goes."""
    insert = unga.insert_votes
    seen = {"batches": 0, "rows": 0}

    def insert_and_sample(store: Store, rows: Sequence[tuple[int, str, str]]) -> None:
        insert(store, rows)
        seen["batches"] += 1
        seen["rows"] += len(rows)
        if seen["batches"] % SAMPLE_EVERY == 0:
            marks.append((seen["rows"], rss_mb()))

    return insert_and_sample


def figures_clock(clocks: list[Clock]) -> Callable[..., Any]:
    """Return a stand-in for the importer's record_figures that times each call."""
    figures = unga.record_figures

    def timed(*args: Any, **kwargs: Any) -> Any:
        with Clock() as clock:
            result = figures(*args, **kwargs)
        clocks.append(clock)
        return result

    return timed


def best(clocks: Sequence[Clock]) -> dict[str, float]:
    """Return the best elapsed and CPU seconds of several runs."""
    return {
        "wall": round(min(c.wall for c in clocks), 3),
        "cpu": round(min(c.cpu for c in clocks), 3),
    }


def bench_votes(folder: Path, repeat: int) -> dict[str, Any]:
    """Return the votes import's times against the bare read and the floor, and memory."""
    bare_runs: list[Clock] = []
    import_runs: list[Clock] = []
    figure_runs: list[Clock] = []
    marks: list[tuple[int, float]] = []
    report: Any = None
    rows = 0
    insert, figures = unga.insert_votes, unga.record_figures
    floor_runs: list[Clock] = []
    for number in range(repeat):
        clock, rows = bare_read(VOTES, "utf-8")
        bare_runs.append(clock)
        floor_runs.append(floor_write(folder))
        taken: list[tuple[int, float]] = []
        unga.insert_votes = sampling_votes(taken)  # type: ignore[assignment]
        unga.record_figures = figures_clock(figure_runs)  # type: ignore[assignment]
        try:
            clock, report = timed_import(
                folder,
                lambda store: import_unga_votes(
                    store, VOTES, ROLL_CALLS, ISSUES, by="bench", parties=("ISR",)
                ),
            )
        finally:
            unga.insert_votes, unga.record_figures = insert, figures  # type: ignore[assignment]
        import_runs.append(clock)
        if number == 0:
            marks = taken
    bare, whole, derived = best(bare_runs), best(import_runs), best(figure_runs)
    floor = best(floor_runs)
    return {
        "file": VOTES.name,
        "rows": rows - 1,
        "votes_stored": report.votes,
        "claims": report.claims_added,
        "coverage": report.coverage_added,
        "bare_seconds": bare,
        "import_seconds": whole,
        "figures_seconds": derived,
        "floor_seconds": floor,
        "floor_ratio": {k: round(floor[k] / bare[k], 2) for k in ("wall", "cpu")},
        "bare_rows_per_second": round((rows - 1) / bare["wall"]),
        "import_rows_per_second": round(report.votes / whole["wall"]),
        "ratio": {k: round(whole[k] / bare[k], 2) for k in ("wall", "cpu")},
        "ratio_without_figures": {
            k: round((whole[k] - derived[k]) / bare[k], 2) for k in ("wall", "cpu")
        },
        "target_ratio": TARGET,
        "runs": {
            "bare_wall": [round(c.wall, 3) for c in bare_runs],
            "import_wall": [round(c.wall, 3) for c in import_runs],
        },
        "rss_mb_by_rows": [[n, round(mb, 1)] for n, mb in marks],
    }


def bench_sdn(folder: Path, repeat: int) -> dict[str, Any]:
    """Return the SDN import's times against the bare read of the same file."""
    try:
        from forcevet.ingest.lists.ofac_sdn import import_ofac_sdn
    except ImportError:
        return {"skipped": "forcevet.ingest.lists.ofac_sdn is not there yet"}
    bare_runs: list[Clock] = []
    import_runs: list[Clock] = []
    rows = 0
    for _ in range(repeat):
        clock, rows = bare_read(SDN, "cp1252")
        bare_runs.append(clock)
        clock, _report = timed_import(folder, lambda store: import_ofac_sdn(store, SDN, by="bench"))
        import_runs.append(clock)
    bare, whole = best(bare_runs), best(import_runs)
    return {
        "file": SDN.name,
        "rows": rows,
        "bare_seconds": bare,
        "import_seconds": whole,
        "bare_rows_per_second": round(rows / bare["wall"]),
        "import_rows_per_second": round(rows / whole["wall"]),
        "ratio": {k: round(whole[k] / bare[k], 1) for k in ("wall", "cpu")},
    }


def timing(label: str, seconds: dict[str, float], rate: int) -> str:
    """Return one aligned line: what, elapsed and CPU seconds, rows per second."""
    return (
        f"  {label:<17} {seconds['wall']:8.3f} s elapsed {seconds['cpu']:8.3f} s CPU "
        f"{rate:>10,} rows/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not VOTES.is_file():
        raise SystemExit(f"the UN votes are not at {VOTES}: this benchmark needs ../shared/data")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        result = {"votes": bench_votes(folder, args.repeat), "sdn": bench_sdn(folder, args.repeat)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    votes, sdn = result["votes"], result["sdn"]
    ratio, plain = votes["ratio"], votes["ratio_without_figures"]
    print(f"UN General Assembly votes: {votes['rows']:,} rows ({votes['file']})")
    print(timing("bare csv.reader", votes["bare_seconds"], votes["bare_rows_per_second"]))
    floor = votes["floor_seconds"]
    print(timing("sqlite3 floor", floor, round(votes["rows"] / floor["wall"])))
    print(timing("forcevet import", votes["import_seconds"], votes["import_rows_per_second"]))
    print(
        "  (floor: the bare loop writing its rows unchecked into un_votes with stdlib sqlite3, "
        f"{votes['floor_ratio']['wall']}x elapsed, {votes['floor_ratio']['cpu']}x CPU the bare "
        "read)"
    )
    print(
        f"  ({votes['votes_stored']:,} votes stored; of the import, the agreement figures took "
        f"{votes['figures_seconds']['wall']:.2f} s: {votes['claims']} claims, "
        f"{votes['coverage']} coverage records)"
    )
    for what, value in (("elapsed", "wall"), ("CPU", "cpu")):
        verdict = "within" if ratio[value] <= TARGET else "over"
        print(
            f"  ratio ({what}): {ratio[value]}x the bare read, {verdict} the {TARGET}x target; "
            f"{plain[value]}x without the figures"
        )
    rss = ", ".join(f"{n:,}: {mb}" for n, mb in votes["rss_mb_by_rows"])
    print(f"  resident memory (MB) by rows stored: {rss}")
    if "skipped" in sdn:
        print(f"SDN list: skipped ({sdn['skipped']})")
        return
    print(f"US Treasury SDN list: {sdn['rows']:,} rows ({sdn['file']})")
    print(timing("bare csv.reader", sdn["bare_seconds"], sdn["bare_rows_per_second"]))
    print(timing("forcevet import", sdn["import_seconds"], sdn["import_rows_per_second"]))
    print(f"  ratio: {sdn['ratio']['wall']}x elapsed, {sdn['ratio']['cpu']}x CPU the bare read")
    print(f"(best of {args.repeat} runs each)")


if __name__ == "__main__":
    main()
