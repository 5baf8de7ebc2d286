"""Benchmark screening: the blocking index against brute-force comparison, same scorer.

Two sets of listings: the full UN Security Council list of 2015 (1,046 listings,
from ../shared/data or --list) and 100,000 generated people and organisations.
Against each, 10,000 queries (half variants of a listing: a respelling, a typo,
a dropped or moved part, another alias; half names that are not listed) are
screened through the index (``Screener.screen``). Brute force compares a query
with every listing with the same logic-v2 scorer (``Screener.screen_all``): too
slow to run 10,000 times, so it runs on a sample and queries/s is its rate.
Brute force finds a listing exactly when the listing's own score reaches the
threshold, so its recall on all queries is one comparison per query.

Targets: the index at least 50x brute force's queries/s, losing at most 1 point
of recall. Also the wall time of one ``forcevet screen NAME`` from a cold start.

Run: ``python benchmarks/screen.py [--queries N] [--entities N] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.designations import ListedName, make_designation
from forcevet.screening.listings import Candidate, load_candidates
from forcevet.screening.match import Screener
from forcevet.screening.queries import Query, query_entity
from forcevet.store.setup import init_store
from forcevet.store.store import open_store

UN_LIST = Path(__file__).resolve().parents[2] / "shared/data/un-sc/consolidated-2015-03-30.xml"
SPEEDUP_TARGET, RECALL_LOSS_TARGET = 50.0, 0.01
# The synthetic name pools belong to the evaluation set's generator; the benchmark
# draws from the same ones rather than keeping its own copies.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fixtures"))
from make_screening_eval import FAMILY, GIVEN, ORG_KINDS, ORG_WORDS, PLACES  # noqa: E402


def un_candidates(path: Path) -> list[Candidate]:
    """Return the UN list's listings, imported into an in-memory store."""
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            import_un_sc(store, path, by="benchmark")
        return load_candidates(store)


SYLLABLES = [
    "ka",
    "ri",
    "za",
    "mal",
    "ha",
    "son",
    "ber",
    "to",
    "lin",
    "da",
    "qu",
    "esh",
    "far",
    "ni",
    "ab",
    "dul",
    "ra",
    "hem",
    "or",
    "vi",
]


def made_up_families(count: int, rng: random.Random) -> list[str]:
    """Return ``count`` family names made of syllables, so that generated names are mostly
    unique, as names on a real list are."""
    found = set(FAMILY)
    while len(found) < count:
        found.add("".join(rng.sample(SYLLABLES, rng.randint(2, 3))).capitalize())
    return sorted(found)


def generated_candidates(count: int, rng: random.Random) -> list[Candidate]:
    """Return ``count`` made-up listings: two thirds people, a third organisations."""
    families = made_up_families(5_000, rng)
    found = []
    for index in range(count):
        if index % 3:
            parts = [rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(families)]
            name = " ".join(parts if rng.random() < 0.5 else [parts[0], parts[2]])
            alias = f"{rng.choice(GIVEN)} {parts[2]}" if rng.random() < 0.3 else None
            kind = ActorKind.PERSON
        else:
            words = " ".join(rng.sample(ORG_WORDS, 2))
            name = f"{rng.choice(families)} {words} {rng.choice(ORG_KINDS)}"
            alias = f"{rng.choice(families)} {rng.choice(PLACES)}" if rng.random() < 0.3 else None
            kind = ActorKind.ORGANIZATION
        actor = Actor(id=f"gen-{index}", kind=kind, name=name)
        names = (ListedName(name),) + ((ListedName(alias),) if alias else ())
        listing = make_designation(
            actor_id=actor.id,
            authority="Generated list",
            reference=f"G.{index}",
            listed_on="2020-01-01",
            names=names,
        )
        found.append(Candidate(listing, actor, kind is ActorKind.PERSON, names))
    return found


def variant(name: str, rng: random.Random) -> str:
    """Return a name as a query might write it: a typo, a dropped or moved part, or as is."""
    words = name.split()
    roll = rng.random()
    if roll < 0.3 and len(words) >= 3:
        del words[rng.randrange(1, len(words) - 1)]
    elif roll < 0.5 and len(words) >= 2:
        words = [words[-1] + ","] + words[:-1]
    elif roll < 0.8:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 5:
            at = rng.randrange(1, len(word) - 2)
            words[longest] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def make_queries(
    candidates: list[Candidate], count: int, rng: random.Random
) -> list[tuple[Query, int | None]]:
    """Return ``count`` queries, half variants of a listing (with its position), half not."""
    queries: list[tuple[Query, int | None]] = []
    latin = [i for i, c in enumerate(candidates) if c.name.isascii()]
    for index in range(count):
        if index % 2 == 0:
            key = rng.choice(latin)
            names = [n.name for n in candidates[key].names if n.name.isascii()]
            queries.append((Query(variant(rng.choice(names), rng)), key))
        else:
            queries.append((Query(f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"), None))
    return queries


def run(candidates: list[Candidate], queries: int, sample: int, seed: int) -> dict[str, Any]:
    """Screen ``queries`` queries with the index and a sample by brute force; compare."""
    rng = random.Random(seed)
    started = time.perf_counter()
    screener = Screener(candidates)
    built = time.perf_counter() - started
    asked = make_queries(candidates, queries, rng)
    started = time.perf_counter()
    results = [screener.screen(q, limit=50) for q, _ in asked]
    indexed_qps = len(asked) / (time.perf_counter() - started)
    planted = [(q, key) for q, key in asked if key is not None]
    target_ids = {key: screener.candidates[key].designation.id for _, key in planted}
    found = sum(
        any(m.candidate.designation.id == target_ids[key] for m in r.matches)
        for r, (_, key) in zip(results, asked, strict=True)
        if key is not None
    )
    floor = screener.config.threshold
    direct = [screener.score(q, query_entity(q), key) for q, key in planted]
    reachable = sum(m is not None and m.score >= floor for m in direct)
    picked = rng.sample(asked, min(sample, len(asked)))
    started = time.perf_counter()
    for query, _ in picked:
        screener.screen_all(query, limit=50)
    brute_seconds = time.perf_counter() - started
    brute_qps = len(picked) / brute_seconds
    compared = sum(len(screener.block(q)) for q, _ in asked[:1000]) / min(1000, len(asked))
    return {
        "listings": len(candidates),
        "queries": len(asked),
        "build_seconds": round(built, 1),
        "index_queries_per_second": round(indexed_qps, 1),
        "brute_force_queries_per_second": round(brute_qps, 3),
        "brute_force_sample": len(picked),
        "brute_force_pairs_per_second": round(brute_qps * len(candidates)),
        "speedup": round(indexed_qps / brute_qps, 1),
        "compared_per_query": round(compared, 1),
        "recall_index": round(found / len(planted), 4),
        "recall_brute_force": round(reachable / len(planted), 4),
        "recall_loss": round((reachable - found) / len(planted), 4),
    }


def cold_start(path: Path, runs: int = 3) -> dict[str, float]:
    """Return the median wall time of ``forcevet screen NAME`` and of ``actor list`` from a
    cold start, each a fresh process on a SQLite file holding the UN list."""
    with tempfile.TemporaryDirectory() as folder:
        db = f"sqlite:///{Path(folder) / 'forcevet.db'}"
        cli = [sys.executable, "-c", "from forcevet.cli import main; main()", "--db", db]
        subprocess.run([*cli, "init"], check=True, capture_output=True)
        subprocess.run([*cli, "import", "un-sc", str(path)], check=True, capture_output=True)
        timings: dict[str, list[float]] = {"screen": [], "actor_list": []}
        for _ in range(runs):
            for label, args in (
                ("screen", ["screen", "Lashkar e Toiba"]),
                ("actor_list", ["actor", "list"]),
            ):
                started = time.perf_counter()
                subprocess.run([*cli, *args], check=True, capture_output=True)
                timings[label].append(time.perf_counter() - started)
    return {k: round(statistics.median(v), 2) for k, v in timings.items()}


def main() -> None:
    """Run the benchmark and print the numbers beside their targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", type=Path, default=UN_LIST, help="UN SC XML file.")
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=60, help="Brute-force queries on the list.")
    parser.add_argument("--sample-generated", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {"targets": {"speedup": SPEEDUP_TARGET, "recall_loss": 0.01}}
    report["un_list"] = run(un_candidates(args.list), args.queries, args.sample, args.seed)
    generated = generated_candidates(args.entities, random.Random(args.seed))
    report["generated"] = run(generated, args.queries, args.sample_generated, args.seed)
    report["cold_start_seconds"] = cold_start(args.list)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for label in ("un_list", "generated"):
        r = report[label]
        print(f"{label}: {r['listings']:,} listings, {r['queries']:,} queries")
        print(f"  index built in {r['build_seconds']} s; {r['compared_per_query']} compared/query")
        print(
            f"  index {r['index_queries_per_second']} q/s vs brute force "
            f"{r['brute_force_queries_per_second']} q/s ({r['brute_force_sample']} sampled, "
            f"{r['brute_force_pairs_per_second']:,} pairs/s): {r['speedup']}x "
            f"(target >= {SPEEDUP_TARGET:.0f}x)"
        )
        print(
            f"  recall index {r['recall_index']:.4f} vs brute force "
            f"{r['recall_brute_force']:.4f}: loss {r['recall_loss'] * 100:.2f} points "
            f"(target <= {RECALL_LOSS_TARGET * 100:.0f})"
        )
    cold = report["cold_start_seconds"]
    print(
        f"cold start: forcevet screen NAME {cold['screen']} s "
        f"(forcevet actor list {cold['actor_list']} s), median of 3"
    )


if __name__ == "__main__":
    main()
