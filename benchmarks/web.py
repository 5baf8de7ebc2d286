"""Benchmark the web workspace: a candidate page and the review queue under concurrent clients.

Builds a SQLite store in a temporary folder holding the bundled Gaza ISF case and N more
claims (default 100,000; a fifth of them proposed, waiting in the review queue), made from
the case's own claims with other candidates, dates, sources and quotes, and stores a plain
run over all of them (timed and printed). ``forcevet serve`` then serves it on
127.0.0.1 (a store without accounts is served to its local user there only), and C client
threads (default 20), one keep-alive connection each, request the candidate page of the
candidate with the most claims and the first page of the review queue, R requests per page
in all (default 400), stopping early after ``--max-seconds``.

The baseline, in the same run: the same library calls the page's route makes, without
HTTP or HTML, made directly by C threads with one store connection each. Targets: web p95
under 300 ms, and web overhead (web p50 / direct p50 at the same concurrency) under 2x.
A single-client pass of each is printed too, as the latency of one user alone.

Run: ``python benchmarks/web.py [--claims N] [--requests N] [--clients N] [--json]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from forcevet.assessment.ach import leading_label
from forcevet.assessment.runs import pick_run
from forcevet.cases.assess import AssessmentRequest, assess_case
from forcevet.cases.case import get_case, load_case
from forcevet.ingest.review import claims_in_review, count_proposed, proposed_claims
from forcevet.model.claims import Claim, Status, make_claim_id
from forcevet.model.dates import parse_time
from forcevet.model.sources import make_source
from forcevet.reports.candidate import (
    candidate_listings,
    candidate_records,
    claim_timeline,
    explain_in_context,
)
from forcevet.store.actors import resolve_actor
from forcevet.store.claims import (
    ClaimFilter,
    actor_names,
    count_claims,
    insert_claims,
    list_claims,
)
from forcevet.store.setup import init_store
from forcevet.store.sources import add_source
from forcevet.store.store import Store, open_store
from forcevet.web.routes.candidate import TIMELINE_ROWS
from forcevet.web.routes.review import COUNT_CAP as REVIEW_COUNT_CAP
from forcevet.web.routes.review import PAGE_SIZE as REVIEW_PAGE_SIZE

AT = "2026-01-01T00:00:00+00:00"
SOURCES = 500
BATCH = 10_000  # claims per insert_claims call: memory stays flat at any size
PROPOSED = 0.2  # share of the claims waiting in the review queue
TARGET_P95_MS, TARGET_OVERHEAD = 300.0, 2.0


def build_store(url: str, count: int, rng: random.Random) -> dict[str, Any]:
    """Load the case into a new store at ``url``, add ``count`` claims and a plain run
    over them; return what was made and how long each step took."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    with open_store(url, require_schema=False) as store:
        with store.transaction():
            init_store(store)
            case = load_case(store, "gaza-isf", by="bench").case
        candidates = set(case.candidates)
        sources = []
        # Every step in a transaction of its own: a read outside one would begin an
        # implicit transaction, and the next store.transaction() would be a savepoint in it.
        with store.transaction():
            templates = list_claims(store)
            for i in range(SOURCES):
                source, _ = add_source(
                    store,
                    make_source(
                        title=f"Benchmark report {i}",
                        publisher=f"Wire {i % 40}",
                        kind="news",
                        reliability="ABBCCD"[i % 6],
                        graded_by="bench",
                        added_at=AT,
                        text=f"Benchmark report {i}.",
                    ),
                )
                sources.append(source.id)
        timings["case_s"] = time.perf_counter() - start
        start = time.perf_counter()
        written = 0
        with store.transaction():
            for first in range(0, count, BATCH):
                batch = [
                    variant(rng.choice(templates), i, rng, sorted(candidates), sources)
                    for i in range(first, min(first + BATCH, count))
                ]
                written += insert_claims(store, batch)
        timings["claims_s"] = time.perf_counter() - start
        # The plain run the pages show, over every accepted claim, as `forcevet assess`.
        start = time.perf_counter()
        with store.transaction():
            assess_case(store, AssessmentRequest(), by="bench")
        timings["assess_s"] = time.perf_counter() - start
        with store.transaction():
            claims_of = {c: count_claims(store, ClaimFilter(actor_id=c)) for c in candidates}
            busiest = max(sorted(claims_of), key=claims_of.__getitem__)
            proposed = count_proposed(store)
    return {
        "written": written,
        "busiest": busiest,
        "busiest_claims": claims_of[busiest],
        "proposed": proposed,
        **timings,
    }


def variant(
    template: Claim, i: int, rng: random.Random, candidates: list[str], sources: list[str]
) -> Claim:
    """Return a new claim like ``template``: another candidate if its subject is one, another
    day, source and quote; proposed (by ingest) or accepted (by a reviewer)."""
    subject = rng.choice(candidates) if template.subject_id in candidates else template.subject_id
    when = parse_time(
        f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    source = rng.choice(sources)
    quote = f"{template.quote} (report {i})"
    proposed = rng.random() < PROPOSED
    return dataclasses.replace(
        template,
        id=make_claim_id(
            source,
            subject,
            template.predicate,
            template.object_id,
            template.value,
            when,
            template.polarity,
            quote,
        ),
        revision=1,
        source_id=source,
        subject_id=subject,
        time=when,
        quote=quote,
        quote_start=None,
        quote_end=None,
        status=Status.PROPOSED if proposed else Status.ACCEPTED,
        extracted_by="ingest" if proposed else "manual",
        confidence=round(rng.random(), 2) if proposed else None,
        recorded_by="bench-analyst",
        recorded_at=AT,
        reviewed_by=None if proposed else "bench-reviewer",
        reviewed_at=None if proposed else AT,
    )


# --- the baseline: what each page's route asks of the library ----------------------------


def candidate_direct(store: Store, candidate: str) -> int:
    """Make the library calls of GET /candidates/{id} (routes/candidate.py), no HTML."""
    case = get_case(store)
    result = pick_run(store, case.id)
    actor = resolve_actor(store, candidate, field="candidate")
    explained = explain_in_context(store, result, actor.id)
    leading_label(explained["ach"])
    timeline = claim_timeline(store, actor.id, limit=TIMELINE_ROWS)
    listings = candidate_listings(store, actor.id)
    records = candidate_records(store, case, actor.id)
    return len(explained) + len(timeline) + len(listings) + len(records)


def review_direct(store: Store) -> int:
    """Make the library calls of GET /review (routes/review.py), no HTML."""
    total = count_proposed(store, cap=REVIEW_COUNT_CAP + 1)  # the page counts to 1,000+
    claims = proposed_claims(store, limit=REVIEW_PAGE_SIZE, offset=0)
    return total + len(claims_in_review(store, claims)) + len(actor_names(store, claims))


# --- clients -----------------------------------------------------------------------------


def percentiles(latencies: list[float]) -> dict[str, float]:
    """Return the count, p50, p95 and max of latencies in milliseconds."""
    ordered = sorted(latencies)
    if not ordered:
        return {"n": 0, "p50_ms": float("nan"), "p95_ms": float("nan"), "max_ms": float("nan")}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered),
        "p95_ms": p95,
        "max_ms": ordered[-1],
    }


def load(
    clients: int, requests: int, deadline: float, make_worker: Callable[[], Callable[[], None]]
) -> dict[str, float]:
    """Run ``requests`` calls over ``clients`` threads (each with its own worker, as a
    browser has its own connection) until done or ``deadline``; return percentiles."""
    latencies: list[float] = []
    errors: list[str] = []
    remaining = [requests]
    lock = threading.Lock()

    def client() -> None:
        call = make_worker()
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                call()
            except (RuntimeError, OSError) as exc:  # counted and shown, not a latency
                with lock:
                    errors.append(str(exc).splitlines()[0][:200])
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)

    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    return {
        **percentiles(latencies),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


def http_worker(port: int, path: str) -> Callable[[], Callable[[], None]]:
    def make() -> Callable[[], None]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

        def call() -> None:
            connection.request("GET", path)
            answer = connection.getresponse()
            body = answer.read()
            if answer.status != 200:
                raise RuntimeError(f"GET {path}: {answer.status} {body[-300:]!r}")

        return call

    return make


def direct_worker(
    url: str, function: Callable[[Store], int], stores: ExitStack
) -> Callable[[], Callable[[], None]]:
    def make() -> Callable[[], None]:
        # One store connection per client, open until ``stores`` closes (the server pools
        # its connections the same way).
        store = stores.enter_context(open_store(url))

        def call() -> None:
            function(store)
            store.connection.rollback()

        return call

    return make


def serve(url: str, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start `forcevet serve` on 127.0.0.1 and a free port; return it once it answers."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "forcevet", "--db", url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),  # a file, not a pipe nobody reads (a full pipe blocks the server)
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"forcevet serve stopped: {log.read_text(errors='replace')}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/cases")
            if connection.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("forcevet serve did not answer within 60 s")


def run(count: int, requests: int, clients: int, max_seconds: float) -> dict[str, Any]:
    """Build the store, then measure both pages on the web and directly."""
    rng = random.Random(42)
    with tempfile.TemporaryDirectory(prefix="forcevet-bench-web-") as folder:
        url = f"sqlite:///{Path(folder, 'forcevet.db')}"
        made = build_store(url, count, rng)
        pages = {
            "candidate": (
                f"/candidates/{made['busiest']}",
                lambda store: candidate_direct(store, made["busiest"]),
            ),
            "review": ("/review", review_direct),
        }
        log = Path(folder, "serve.log")
        server, port = serve(url, log)
        results: dict[str, Any] = {}
        load_before = os.getloadavg()
        try:
            for name, (path, function) in pages.items():
                stores = ExitStack()
                http_make = http_worker(port, path)
                direct_make = direct_worker(url, function, stores)
                load(1, 3, time.monotonic() + max_seconds, http_make)  # warm both up
                load(1, 3, time.monotonic() + max_seconds, direct_make)
                single = max(5, requests // 20)
                results[name] = {
                    "path": path,
                    "web": load(clients, requests, time.monotonic() + max_seconds, http_make),
                    "direct": load(clients, requests, time.monotonic() + max_seconds, direct_make),
                    "web_1": load(1, single, time.monotonic() + max_seconds, http_make),
                    "direct_1": load(1, single, time.monotonic() + max_seconds, direct_make),
                }
                stores.close()
        finally:
            server.terminate()
            server.wait(30)
        # The server's side of failed requests: the last line of each traceback it logged.
        server_errors = sorted(
            {line for line in log.read_text(errors="replace").splitlines() if "Error:" in line}
        )
    return {
        "claims": count,
        "clients": clients,
        "requests": requests,
        "store": made,
        "pages": results,
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "server_errors": server_errors,
        "cores": os.cpu_count(),
    }


def report(numbers: dict[str, Any]) -> None:
    """Print the numbers as a table with the baseline and the targets."""
    made = numbers["store"]
    print(
        f"forcevet web benchmark: {numbers['claims']:,} claims ({made['proposed']:,} proposed), "
        f"SQLite, forcevet serve on 127.0.0.1, {numbers['clients']} clients"
    )
    print(
        f"  store built in {made['case_s'] + made['claims_s'] + made['assess_s']:.1f} s "
        f"(claims {made['claims_s']:.1f} s, the plain run over them {made['assess_s']:.1f} s); "
        f"candidate {made['busiest']} has {made['busiest_claims']:,} claims"
    )
    header = (
        f"  {'page':<10} {'clients':>7} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} "
        f"{'errors':>6}"
    )
    print(header)
    for name, page in numbers["pages"].items():
        for label, key, clients in (
            ("web", "web", numbers["clients"]),
            ("direct", "direct", numbers["clients"]),
            ("web", "web_1", 1),
            ("direct", "direct_1", 1),
        ):
            row = page[key]
            print(
                f"  {name + ' ' + label:<17} {clients:>3} {row['n']:>5} {row['p50_ms']:>9.1f} "
                f"{row['p95_ms']:>9.1f} {row['max_ms']:>9.1f} {row['errors']:>6}"
            )
            if row["errors"]:
                print(f"    first error: {row['first_error']}")
        web, direct = page["web"], page["direct"]
        overhead = web["p50_ms"] / direct["p50_ms"] if direct["p50_ms"] else float("nan")
        page["overhead"] = overhead
        print(
            f"  {name}: web p95 {web['p95_ms']:.0f} ms (target < {TARGET_P95_MS:.0f}) "
            f"{'ok' if web['p95_ms'] < TARGET_P95_MS else 'OVER TARGET'}; overhead "
            f"{overhead:.2f}x at {numbers['clients']} clients (target < {TARGET_OVERHEAD:.0f}x) "
            f"{'ok' if overhead < TARGET_OVERHEAD else 'OVER TARGET'}"
        )
    for line in numbers["server_errors"]:
        print(f"  server error: {line[:300]}")
    before, after = numbers["load_average"]["before"], numbers["load_average"]["after"]
    print(
        f"  load average {before[0]:.2f} before, {after[0]:.2f} after, on "
        f"{numbers['cores']} cores (other work on the machine slows both columns)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=120.0, help="per measurement")
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args()
    numbers = run(args.claims, args.requests, args.clients, args.max_seconds)
    report(numbers)
    if args.json:
        print(json.dumps(numbers, indent=2, default=str))


if __name__ == "__main__":
    main()
