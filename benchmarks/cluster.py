"""Ingest on a Dask cluster against the single-process ingest, in one run.

Writes N generated articles of about 800 words (benchmarks/ingest.py's generator: real
sentences from the test articles, the development set and the seed, mixed with
templated ones), plus the real seed article ../shared/seeds/isf-pakistan-opinion.txt
when it is beside the repository, one a file. Then ingests the same files into a fresh
SQLite file holding the bundled scenario three times:

  1. single process: ``ingest_documents`` (the baseline, one transaction);
  2. a LocalCluster of 1 worker process; 3. of 2 worker processes (one thread each):
     ``ingest_on_cluster``, timed from the call (workers load spaCy inside it) to the
     last commit; starting the cluster itself is timed apart.

It prints documents a second for each, the scaling efficiency at 2 workers
(t1 / (2 x t2), target >= 0.8), the driver's highest resident memory in each tenth of
each cluster run (it must stay flat: the driver holds no texts beyond the partitions
in flight), whether the three stores hold the same claims, and, from the measured
throughput per worker, how many workers 10^6 articles in an hour would need.

On a shared machine the numbers move with the load, printed before and after.

Run: python benchmarks/cluster.py [--articles 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forcevet.cluster.client import ClusterSpec, open_client  # noqa: E402
from forcevet.cluster.ingest import ingest_on_cluster  # noqa: E402
from forcevet.ingest.articles.reading import read_documents  # noqa: E402
from forcevet.ingest.articles.service import IngestOptions, ingest_documents  # noqa: E402
from forcevet.store.claims import ClaimFilter, list_claims  # noqa: E402
from forcevet.store.store import Store  # noqa: E402
from ingest import PUBLISHED, SOURCES, iter_articles, rss_mb, scenario_store  # noqa: E402

SEED = SOURCES[-1]  # ../shared/seeds/isf-pakistan-opinion.txt
OPTIONS = IngestOptions(kind="news", date=PUBLISHED, by="bench")
PER_HOUR = 1_000_000


def write_articles(folder: Path, count: int) -> list[str]:
    """Write ``count`` generated articles (and the seed, if present) one a file."""
    files = []
    for number, text in enumerate(iter_articles(count)):
        path = folder / f"article-{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    if SEED.exists():
        files.insert(len(files) // 2, str(SEED))
    return files


def claim_ids(store: Store) -> list[str]:
    return sorted(c.id for c in list_claims(store, ClaimFilter()))


def single(files: list[str], db: Path) -> dict[str, Any]:
    """Ingest in this process; return seconds, rate and claim ids."""
    with scenario_store(f"sqlite:///{db}") as store:
        start = time.perf_counter()
        with store.transaction():
            report = ingest_documents(store, read_documents(files), OPTIONS, keep_records=False)
        seconds = time.perf_counter() - start
        ids = claim_ids(store)
    return {
        "seconds": seconds,
        "rate": len(files) / seconds,
        "claims": report.claim_count,
        "ids": ids,
    }


def on_cluster(files: list[str], db: Path, workers: int) -> dict[str, Any]:
    """Ingest on a LocalCluster of ``workers``; return seconds, rate, driver memory."""
    tenth = max(1, len(files) // 10)
    memory: list[float] = []
    peak = 0.0

    def watch(_: str) -> None:
        nonlocal peak
        peak = max(peak, rss_mb())
        done[0] += 1
        if done[0] % tenth == 0:
            memory.append(round(peak))
            peak = 0.0

    done = [0]
    started = time.perf_counter()
    with open_client(ClusterSpec(None, workers)) as client:
        client.wait_for_workers(workers)
        cluster_start = time.perf_counter() - started
        with scenario_store(f"sqlite:///{db}") as store:
            result = ingest_on_cluster(
                store, files, OPTIONS, client, keep_records=False, progress=watch
            )
            ids = claim_ids(store)
    return {
        "workers": workers,
        "cluster_start": cluster_start,
        "seconds": result.seconds,
        "rate": len(files) / result.seconds,
        "driver_seconds": result.driver_seconds,
        "rereads": result.rereads,
        "failed": len(result.failed),
        "claims": result.report.claim_count,
        "driver_mb_per_tenth": memory,
        "ids": ids,
    }


def estimate(
    one: dict[str, Any], two: dict[str, Any], efficiency: float, files: int
) -> dict[str, Any]:
    """Return the workers 10^6 articles an hour would need, from the measured rates."""
    per_worker = one["rate"]
    needed = PER_HOUR / 3600
    workers = math.ceil(needed / (per_worker * min(efficiency, 1.0)))
    driver_rate = files / two["driver_seconds"] if two["driver_seconds"] else float("inf")
    return {
        "needed_rate": needed,
        "per_worker_rate": per_worker,
        "workers": workers,
        "driver_rate": driver_rate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=2_000, help="generated articles (2,000)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "articles").mkdir()
        files = write_articles(root / "articles", args.articles)
        base = single(files, root / "single.db")
        one = on_cluster(files, root / "one.db", 1)
        two = on_cluster(files, root / "two.db", 2)
    efficiency = one["seconds"] / (2 * two["seconds"])
    result = {
        "files": len(files),
        "seed": SEED.exists(),
        "cpus": os.cpu_count(),
        "load_before": [round(x, 1) for x in load_before],
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "single": base,
        "cluster_1": one,
        "cluster_2": two,
        "efficiency_2": efficiency,
        "same_claims": base["ids"] == one["ids"] == two["ids"],
        "estimate": estimate(one, two, efficiency, len(files)),
    }
    for run in (base, one, two):
        run.pop("ids")
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print_result(result)


def print_result(r: dict[str, Any]) -> None:
    seed = " (the seed article among them)" if r["seed"] else " (no seed: ../shared missing)"
    load = f"load average {r['load_before']} before, {r['load_after']} after"
    print(f"{r['files']} files{seed}; {r['cpus']} CPUs; {load}")
    b = r["single"]
    print(
        f"  single process (baseline): {b['seconds']:7.1f} s  {b['rate']:6.2f} docs/s  "
        f"{b['claims']} claims"
    )
    for run in (r["cluster_1"], r["cluster_2"]):
        print(
            f"  LocalCluster, {run['workers']} worker{'s' if run['workers'] > 1 else ' '}:  "
            f"{run['seconds']:7.1f} s  {run['rate']:6.2f} docs/s  {run['claims']} claims; "
            f"cluster start {run['cluster_start']:.1f} s (not counted); driver busy "
            f"{run['driver_seconds']:.1f} s; read again {run['rereads']}; failed {run['failed']}"
        )
        print(f"      driver peak RSS per tenth (MB): {run['driver_mb_per_tenth']}")
    print(f"  scaling efficiency at 2 workers t1/(2 t2): {r['efficiency_2']:.2f} (target >= 0.8)")
    print(f"  same claims in the three stores: {r['same_claims']}")
    e = r["estimate"]
    print(
        f"  10^6 articles in an hour = {e['needed_rate']:.0f} docs/s; one worker (one core) "
        f"read {e['per_worker_rate']:.2f} docs/s here, so about {e['workers']} worker "
        f"processes at this efficiency; the driver applied and wrote {e['driver_rate']:.0f} "
        "docs/s while busy: no run goes faster than that, however many workers"
    )


if __name__ == "__main__":
    main()
