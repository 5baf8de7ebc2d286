"""Import speed and memory: official records against a bare ``csv.reader`` over the same file.

Measures in one run, each on a fresh SQLite file store in a temporary folder:
  - UN General Assembly votes: ``import_unga_votes`` of the full 869,937 votes with
    their 6,202 roll calls and 5,745 issue codes, agreement figures with ISR
    included (claims and coverage), in one committed transaction; against a bare
    ``csv.reader`` loop over the votes file (target: at most 3x);
  - the US Treasury SDN list: ``import_ofac_sdn`` of its 14,965 rows, against a
    bare ``csv.reader`` loop over the same file (cp1252);
and the process's resident memory every N vote batches, which must stay flat as
rows grow. Each time is the best of ``--repeat`` runs, bare reads included.

Run: python benchmarks/import.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import forcevet.ingest.records.unga as unga
from forcevet.ingest.records.unga import import_unga_votes
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
VOTES = DATA / "unga-votes" / "un_votes_1946_2019.csv"
ROLL_CALLS = DATA / "unga-votes" / "un_roll_calls_1946_2019.csv"
ISSUES = DATA / "unga-votes" / "un_roll_call_issues.csv"
SDN = DATA / "designations" / "us-ofac-sdn-2024-05-03.csv"
TARGET = 3.0
SAMPLE_EVERY = 20  # vote batches (of 5,000 rows) between two memory samples


def rss_mb() -> float:
    """Return the process's current resident memory in MB (Linux), else its peak."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_read(path: Path, encoding: str) -> tuple[float, int]:
    """Return the seconds a bare csv.reader loop takes over ``path``, and its rows."""
    start = time.perf_counter()
    rows = 0
    with path.open(newline="", encoding=encoding) as handle:
        for _ in csv.reader(handle):
            rows += 1
    return time.perf_counter() - start, rows


def timed_import(folder: Path, run: Callable[[Store], Any]) -> tuple[float, Any]:
    """Return the seconds ``run`` takes in one committed transaction on a fresh store."""
    url = f"sqlite:///{folder / f'bench-{time.monotonic_ns()}.db'}"
    with open_store(url, require_schema=False) as store:
        with store.transaction():
            init_store(store)
        start = time.perf_counter()
        with store.transaction():
            result = run(store)
        return time.perf_counter() - start, result


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


def bench_votes(folder: Path, repeat: int) -> dict[str, Any]:
    bare_runs, import_runs, figure_runs = [], [], []
    marks: list[tuple[int, float]] = []
    report = None
    insert, figures = unga.insert_votes, unga.record_figures
    for number in range(repeat):
        seconds, rows = bare_read(VOTES, "utf-8")
        bare_runs.append(seconds)
        taken: list[tuple[int, float]] = []
        spent: list[float] = []

        def timed_figures(*args: Any, spent: list[float] = spent, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return figures(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        unga.insert_votes = sampling_votes(taken)  # type: ignore[assignment]
        unga.record_figures = timed_figures  # type: ignore[assignment]
        try:
            seconds, report = timed_import(
                folder,
                lambda store: import_unga_votes(
                    store, VOTES, ROLL_CALLS, ISSUES, by="bench", parties=("ISR",)
                ),
            )
        finally:
            unga.insert_votes, unga.record_figures = insert, figures  # type: ignore[assignment]
        import_runs.append(seconds)
        figure_runs.append(sum(spent))
        if number == 0:
            marks = taken
    bare, whole = min(bare_runs), min(import_runs)
    stored = min(w - f for w, f in zip(import_runs, figure_runs, strict=True))
    assert report is not None
    return {
        "file": VOTES.name,
        "rows": rows - 1,
        "votes_stored": report.votes,
        "claims": report.claims_added,
        "coverage": report.coverage_added,
        "bare_seconds": round(bare, 3),
        "bare_rows_per_second": round((rows - 1) / bare),
        "import_seconds": round(whole, 3),
        "import_rows_per_second": round(report.votes / whole),
        "files_only_seconds": round(stored, 3),
        "figures_seconds": round(min(figure_runs), 3),
        "ratio": round(whole / bare, 2),
        "files_only_ratio": round(stored / bare, 2),
        "target_ratio": TARGET,
        "runs": {
            "bare": [round(s, 3) for s in bare_runs],
            "import": [round(s, 3) for s in import_runs],
        },
        "rss_mb_by_rows": [[n, round(mb, 1)] for n, mb in marks],
    }


def bench_sdn(folder: Path, repeat: int) -> dict[str, Any]:
    try:
        from forcevet.ingest.lists.ofac_sdn import import_ofac_sdn
    except ImportError:
        return {"skipped": "forcevet.ingest.lists.ofac_sdn is not there yet"}
    bare_runs, import_runs = [], []
    rows = 0
    for _ in range(repeat):
        seconds, rows = bare_read(SDN, "cp1252")
        bare_runs.append(seconds)
        seconds, _report = timed_import(
            folder, lambda store: import_ofac_sdn(store, SDN, by="bench")
        )
        import_runs.append(seconds)
    bare, whole = min(bare_runs), min(import_runs)
    return {
        "file": SDN.name,
        "rows": rows,
        "bare_seconds": round(bare, 4),
        "bare_rows_per_second": round(rows / bare),
        "import_seconds": round(whole, 3),
        "import_rows_per_second": round(rows / whole),
        "ratio": round(whole / bare, 1),
        "runs": {
            "bare": [round(s, 4) for s in bare_runs],
            "import": [round(s, 3) for s in import_runs],
        },
    }


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
    verdict = "within" if votes["ratio"] <= TARGET else "over"
    print(f"UN General Assembly votes: {votes['rows']:,} rows ({votes['file']})")
    print(timing("bare csv.reader", votes["bare_seconds"], votes["bare_rows_per_second"]))
    print(
        timing("forcevet import", votes["import_seconds"], votes["import_rows_per_second"])
        + f"  ({votes['votes_stored']:,} votes stored)"
    )
    print(
        f"  of which reading and storing the files {votes['files_only_seconds']:.2f} s "
        f"({votes['files_only_ratio']}x), agreement figures {votes['figures_seconds']:.2f} s "
        f"({votes['claims']} claims, {votes['coverage']} coverage records)"
    )
    print(f"  ratio {votes['ratio']}x the bare read: {verdict} the {TARGET}x target")
    rss = ", ".join(f"{n:,}: {mb}" for n, mb in votes["rss_mb_by_rows"])
    print(f"  resident memory (MB) by rows stored: {rss}")
    if "skipped" in sdn:
        print(f"SDN list: skipped ({sdn['skipped']})")
        return
    print(f"US Treasury SDN list: {sdn['rows']:,} rows ({sdn['file']})")
    print(timing("bare csv.reader", sdn["bare_seconds"], sdn["bare_rows_per_second"]))
    print(timing("forcevet import", sdn["import_seconds"], sdn["import_rows_per_second"]))
    print(f"  ratio {sdn['ratio']}x the bare read")
    print(f"(best of {args.repeat} runs each)")


def timing(label: str, seconds: float, rate: int) -> str:
    """Return one aligned line: what, seconds, rows per second."""
    return f"  {label:<18} {seconds:8.3f} s {rate:>11,} rows/s"


if __name__ == "__main__":
    main()
