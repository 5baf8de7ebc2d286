"""Benchmark the SQLite claim store: bulk insert against raw sqlite3, and listing by actor.

Times, on fresh stores in a temporary folder: ``insert_claims`` of N claims (default 100,000)
in one committed transaction; the same rows through stdlib ``sqlite3`` ``executemany`` into an
identically migrated store (target: forcevet at most 2x that); and ``list_claims`` filtered by
actor for a few actors (median of 20 runs after a warm-up; target: under 50 ms).

Run: ``python benchmarks/store.py [--claims N] [--json]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity, Status, make_claim_id
from forcevet.model.dates import parse_time
from forcevet.model.grades import Credibility
from forcevet.model.sources import make_source
from forcevet.model.vocabulary import load_predicates
from forcevet.store.actors import save_actors
from forcevet.store.claims import ClaimFilter, insert_claims, list_claims, revision_row
from forcevet.store.setup import init_store
from forcevet.store.sources import add_source
from forcevet.store.store import Store, open_store

AT = "2026-01-01T00:00:00+00:00"
SOURCE = make_source(
    title="Benchmark source",
    publisher="forcevet",
    kind="news",
    reliability="B",
    graded_by="bench",
    added_at=AT,
    text="Benchmark text.",
)
KINDS = (ActorKind.ARMED_GROUP, ActorKind.PARTY, ActorKind.ORGANIZATION, ActorKind.PERSON)
ACTORS = [
    Actor(id=f"bench-{i:03d}", kind=KINDS[i % len(KINDS)], name=f"Bench actor {i}")
    for i in range(200)
]
LIST_RUNS, LIST_ACTORS = 20, 5


@contextmanager
def fresh_store(path: Path) -> Iterator[Store]:
    """Yield a new SQLite store at ``path``, migrated, with the source and actors added."""
    with open_store(f"sqlite:///{path}", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            add_source(store, SOURCE)
            save_actors(store, ACTORS)
        yield store


def make_claims(count: int, rng: random.Random) -> list[Claim]:
    """Return ``count`` distinct first revisions with varied actors, predicates and dates."""
    predicates = sorted(load_predicates())
    actor_ids = [a.id for a in ACTORS]
    result = []
    for i in range(count):
        subject, target = rng.sample(actor_ids, 2)
        predicate = rng.choice(predicates)
        when = parse_time(
            f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
        polarity = Polarity.DENIES if rng.random() < 0.1 else Polarity.AFFIRMS
        quote = f"Benchmark quote number {i}."
        result.append(
            Claim(
                id=make_claim_id(
                    SOURCE.id, subject, predicate, target, None, when, polarity, quote
                ),
                revision=1,
                source_id=SOURCE.id,
                subject_id=subject,
                predicate=predicate,
                object_id=target,
                value=None,
                time=when,
                place=None,
                polarity=polarity,
                quote=quote,
                quote_start=None,
                quote_end=None,
                paraphrase=False,
                credibility=Credibility(rng.randint(1, 6)),
                status=Status.ACCEPTED,
                extracted_by="bench",
                reported_by_id=None,
                recorded_by="bench",
                recorded_at=AT,
            )
        )
    return result


def raw_insert(path: Path, claims: Sequence[Claim]) -> float:
    """Return the seconds sqlite3 takes to insert the same rows in one committed transaction."""
    claim_rows = [
        {
            "id": c.id,
            "source_id": c.source_id,
            "head": c.revision,
            "created_by": c.recorded_by,
            "created_at": c.recorded_at,
        }
        for c in claims
    ]
    revision_rows = [revision_row(c) for c in claims]
    sqls = [
        f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES ({', '.join(':' + k for k in rows[0])})"
        for table, rows in (("claims", claim_rows), ("claim_revisions", revision_rows))
    ]
    connection = sqlite3.connect(path, isolation_level=None)  # we BEGIN and COMMIT ourselves
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany(sqls[0], claim_rows)
        connection.executemany(sqls[1], revision_rows)
        connection.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        connection.close()


def time_listing(store: Store, actor_id: str) -> dict[str, Any]:
    """Return the median and max milliseconds of listing one actor's claims, and their count."""
    where = ClaimFilter(actor_id=actor_id)
    found = len(list_claims(store, where))  # warm-up
    runs = []
    for _ in range(LIST_RUNS):
        start = time.perf_counter()
        list_claims(store, where)
        runs.append((time.perf_counter() - start) * 1000)
    store.connection.rollback()
    return {
        "actor": actor_id,
        "claims": found,
        "median_ms": statistics.median(runs),
        "max_ms": max(runs),
    }


def run(count: int) -> dict[str, Any]:
    """Run the three measurements and return their numbers."""
    rng = random.Random(42)
    claims = make_claims(count, rng)
    with tempfile.TemporaryDirectory(prefix="forcevet-bench-") as folder:
        raw_path = Path(folder, "raw.db")
        with fresh_store(raw_path):
            pass
        with fresh_store(Path(folder, "forcevet.db")) as store:
            start = time.perf_counter()
            with store.transaction():
                written = insert_claims(store, claims)
            forcevet_s = time.perf_counter() - start
            raw_s = raw_insert(raw_path, claims)
            del claims  # list with a heap like the CLI's, not N Claims held in memory
            gc.collect()
            listing = [time_listing(store, a.id) for a in rng.sample(ACTORS, LIST_ACTORS)]
    return {
        "claims": count,
        "written": written,
        "insert": {
            "forcevet_s": forcevet_s,
            "raw_s": raw_s,
            "forcevet_per_s": count / forcevet_s,
            "raw_per_s": count / raw_s,
            "ratio": forcevet_s / raw_s,
            "target_ratio": 2.0,
        },
        "list": {"runs": LIST_RUNS, "target_ms": 50.0, "actors": listing},
    }


def report(numbers: dict[str, Any]) -> None:
    """Print the numbers as a compact table with the targets."""
    ins, lst = numbers["insert"], numbers["list"]
    ok = "ok" if ins["ratio"] <= ins["target_ratio"] else "OVER TARGET"
    print(
        f"forcevet store benchmark: {numbers['claims']:,} claims "
        f"({numbers['written']:,} written), SQLite"
    )
    print(f"  insert_claims   {ins['forcevet_s']:7.3f} s  {ins['forcevet_per_s']:10,.0f} claims/s")
    print(f"  raw sqlite3     {ins['raw_s']:7.3f} s  {ins['raw_per_s']:10,.0f} claims/s")
    print(f"  ratio           {ins['ratio']:7.2f} x  (target: at most 2x) {ok}")
    print(f"  list_claims by actor, median of {lst['runs']} runs (target: under 50 ms)")
    for row in lst["actors"]:
        ok = "ok" if row["median_ms"] < lst["target_ms"] else "OVER TARGET"
        print(
            f"    {row['actor']}  {row['claims']:5,} claims  median {row['median_ms']:7.2f} ms"
            f"  max {row['max_ms']:7.2f} ms  {ok}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims to insert")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    numbers = run(args.claims)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        report(numbers)


if __name__ == "__main__":
    main()
