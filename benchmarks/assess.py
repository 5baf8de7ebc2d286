"""Benchmark an assessment: matching, point values and SMAA against a per-sample Python loop.

Builds in memory (no store) a synthetic rubric of 60 indicators in 8 criteria over the real
predicate vocabulary, 200 ISO alpha-3 candidates with bodies and officials, 200 sources from 40
publishers with varied grades, and 500,000 accepted claims whose count per candidate follows
Zipf's law (a few countries get most of the coverage). It then times the assessment as
``forcevet.assessment.engine.assess`` runs it: ``make_context``, ``match_evidence``,
``candidate_values`` for every candidate, ``make_units`` and ``run_smaa`` with 10,000 samples
(target for the whole: under 10 s).

The baseline is a straightforward per-sample Python loop over the same evidence units (criterion
weights from ``random.uniform``, every unit's truth from ``random.random() < weight``, scores,
ranks and rank counts). It is far too slow for 10,000 samples, so it runs a few samples and is
scaled linearly; ``run_smaa`` must be at least 20x faster. A second, longer loop on a few
candidates checks that both give the same mean scores within sampling error.

Run: ``python benchmarks/assess.py [--claims N] [--samples N] [--loop-samples N] [--json]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import statistics
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from forcevet.assessment.evidence import make_context, match_evidence
from forcevet.assessment.indicators import all_candidate_values
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.smaa import EXACT_LIMIT, EvidenceUnits, make_units, run_smaa
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity, Status
from forcevet.model.countries import load_countries
from forcevet.model.dates import TimeSpan, parse_time
from forcevet.model.designations import Designation, make_designation
from forcevet.model.grades import Credibility
from forcevet.model.sources import Source, make_source
from forcevet.model.vocabulary import ObjectKind, load_predicates

AT = "2026-01-01T00:00:00+00:00"
AS_OF = "2026-01-01"
AUTHORITY = "UN Security Council"
HYPOTHESES = ("impartial", "refuses_disarmament", "obstructs")
RATINGS = ("CC", "C", "N", "I", "II")
CRITERIA = 8
PUBLISHERS, SOURCES = 40, 200
GRADES = "AABBBBCCCCDDEF"  # source reliability, drawn per source
VALUES = (
    "will not disarm armed groups",
    "no enforcement or combat role",
    "combat troops under national command",
    "logistics and engineering units",
    "police training only",
    "a UN Security Council mandate",
)
VALUE_TERMS = (["disarm"], ["enforcement", "combat"], ["troops"], ["police"])
PARTIES = [f"party-{k}" for k in range(4)]
GROUPS = [f"group-{k}" for k in range(2)]  # the groups to disarm
ARMED = [f"armed-{k}" for k in range(6)]  # other armed groups; half are listed
MISSION = "mission"
OTHERS = [*PARTIES, *GROUPS, *ARMED, MISSION]
TARGETS = {"speedup": 20.0, "total_s": 10.0}


def make_rubric(indicators: int) -> Rubric:
    """Return a rubric of ``indicators`` indicators in 8 criteria over the real predicates."""
    vocabulary = load_predicates()
    predicates = sorted(vocabulary)
    actor_roles = (
        ["party"],
        ["group_to_disarm"],
        ["listed_group"],
        ["group_to_disarm", "listed_group"],
        ["mission"],
        ["any"],
    )
    candidate_roles = (["state"], ["state", "body", "official"], ["state", "body"])
    criteria: list[dict[str, Any]] = [
        {
            "id": f"criterion_{k}",
            "label": f"Criterion {k}",
            "weight": round(0.5 + 0.1 * k, 2),
            "weight_range": [round(0.25 + 0.05 * k, 3), round(0.75 + 0.15 * k, 3)],
            "indicators": [],
        }
        for k in range(CRITERIA)
    ]
    for k in range(indicators):
        predicate = predicates[k % len(predicates)]
        names = [predicate]
        if k % 5 == 0:
            names.append(predicates[(k + 7) % len(predicates)])
        match: dict[str, Any] = {"predicates": names}
        if k % 7 == 3:  # the candidate is the object: someone acts on it
            match |= {"subject": [["party"], ["any"]][k % 2], "object": ["state"]}
        else:
            match["subject"] = candidate_roles[k % len(candidate_roles)]
            kind = vocabulary[predicate].object
            if kind is ObjectKind.ACTOR:
                match["object"] = actor_roles[k % len(actor_roles)]
            elif k % 3 == 0:
                match["value_contains"] = VALUE_TERMS[k % len(VALUE_TERMS)]
            elif k % 3 == 1:
                match["object"] = actor_roles[(k + 1) % len(actor_roles)]
        if k % 11 == 4:
            match["within_years"] = 3
        indicator: dict[str, Any] = {
            "id": f"ind_{k:03d}",
            "question": f"Synthetic question {k}?",
            "match": match,
            "risk_if": "denied" if k % 4 == 1 else "affirmed",
            "weight": round(0.4 + 0.1 * (k % 7), 2),
            "prior": (0.5, 0.3, 0.2)[k % 3],
            "consistency": {
                h: RATINGS[(k + 2 * j) % len(RATINGS)] for j, h in enumerate(HYPOTHESES)
            },
        }
        if k % 4:
            indicator["half_life_years"] = (2, 5, 10)[k % 3]
        criteria[k % CRITERIA]["indicators"].append(indicator)
    return Rubric.model_validate(
        {
            "id": "synthetic",
            "version": 1,
            "title": "Synthetic benchmark rubric",
            "risk_threshold": 0.4,
            "prior_strength": 2.0,
            "listing_authorities": [AUTHORITY],
            "hypotheses": [{"id": h, "label": h.replace("_", " ")} for h in HYPOTHESES],
            "criteria": criteria,
        }
    )


def make_world(
    n_candidates: int,
) -> tuple[list[str], list[Actor], list[Designation], dict[str, list[str]]]:
    """Return candidates, actors (with two bodies and two officials each), listings and roles."""
    candidates = sorted(load_countries())[:n_candidates]
    actors: list[Actor] = []
    for code in candidates:
        actors.append(Actor(id=code, kind=ActorKind.STATE, name=f"State {code}", country=code))
        for body in ("mod", "mfa"):
            actors.append(
                Actor(
                    id=f"{code}-{body}",
                    kind=ActorKind.STATE_BODY,
                    name=f"{code} {body}",
                    parent_id=code,
                )
            )
        for k, parent in enumerate((code, f"{code}-mod")):
            actors.append(
                Actor(
                    id=f"{code}-official-{k}",
                    kind=ActorKind.PERSON,
                    name=f"{code} official {k}",
                    parent_id=parent,
                )
            )
    for ident in PARTIES:
        actors.append(Actor(id=ident, kind=ActorKind.PARTY, name=ident))
    for ident in (*GROUPS, *ARMED):
        actors.append(Actor(id=ident, kind=ActorKind.ARMED_GROUP, name=ident))
    actors.append(Actor(id=MISSION, kind=ActorKind.IGO, name=MISSION))
    listed = [GROUPS[0], *ARMED[:3]]
    designations = [
        make_designation(actor_id=a, authority=AUTHORITY, reference=None, listed_on="2015-01-01")
        for a in listed
    ]
    designations.append(
        make_designation(
            actor_id=ARMED[3],
            authority=AUTHORITY,
            reference=None,
            listed_on="2010-01-01",
            delisted_on="2020-01-01",
        )
    )
    roles = {"party": PARTIES, "group_to_disarm": GROUPS, "mission": [MISSION]}
    return candidates, actors, designations, roles


def make_sources(rng: random.Random) -> dict[str, Source]:
    """Return 200 sources from 40 publishers, with varied reliability grades."""
    sources = [
        make_source(
            title=f"Benchmark source {k}",
            publisher=f"Publisher {k % PUBLISHERS:02d}",
            kind="news",
            reliability=rng.choice(GRADES),
            graded_by="bench",
            added_at=AT,
            text=f"Benchmark text {k}.",
        )
        for k in range(SOURCES)
    ]
    return {s.id: s for s in sources}


def make_claims(
    count: int, candidates: Sequence[str], sources: Sequence[str], rng: random.Random
) -> list[Claim]:
    """Return ``count`` accepted claims; candidate k is about 1/(k+1) as often in the news."""
    vocabulary = load_predicates()
    predicates = sorted(vocabulary)
    kinds = [vocabulary[p].object for p in predicates]
    spans: list[TimeSpan | None] = [None]
    spans += [parse_time(str(y)) for y in range(2012, 2026)]
    spans += [parse_time(f"{y}-{m:02d}") for y in range(2018, 2026) for m in range(1, 13)]
    spans += [parse_time(t) for t in ("2023-10/..", "2024-03/..", "2019/2022", "2026-03")]
    credibilities = list(Credibility)
    picks = rng.choices(
        range(len(candidates)), weights=[1 / (k + 1) for k in range(len(candidates))], k=count
    )
    claims = []
    for i, pick in enumerate(picks):
        code = candidates[pick]
        p = rng.randrange(len(predicates))
        kind = kinds[p]
        value = None
        if rng.random() < 0.15:  # someone else acts on the candidate
            subject = rng.choice([*OTHERS, rng.choice(candidates)])
            target: str | None = code
        else:
            u = rng.random()
            subject = (
                code
                if u < 0.6
                else f"{code}-{rng.choice(('mod', 'mfa'))}"
                if u < 0.85
                else f"{code}-official-{rng.randrange(2)}"
            )
            if kind is ObjectKind.VALUE or (kind is ObjectKind.EITHER and rng.random() < 0.5):
                target, value = None, rng.choice(VALUES)
            elif kind is ObjectKind.NONE:
                target = None
            else:
                target = rng.choice([*OTHERS, rng.choice(candidates)])
        claims.append(
            Claim(
                id=f"clm-{i:07d}",
                revision=1,
                source_id=rng.choice(sources),
                subject_id=subject,
                predicate=predicates[p],
                object_id=target,
                value=value,
                time=rng.choice(spans),
                place=None,
                polarity=Polarity.DENIES if rng.random() < 0.3 else Polarity.AFFIRMS,
                quote=f"Benchmark quote {i}.",
                quote_start=None,
                quote_end=None,
                paraphrase=False,
                credibility=rng.choice(credibilities),
                status=Status.ACCEPTED,
                extracted_by="bench",
                reported_by_id=None,
                recorded_by="bench",
                recorded_at=AT,
            )
        )
    return claims


Cell = tuple[list[tuple[float, int]], list[tuple[float, int]]]


def unit_cells(units: EvidenceUnits, n_cells: int) -> list[Cell]:
    """Return, per (candidate, indicator) cell, the (weight, source) of its risk and its against
    units."""
    cells: list[Cell] = [([], []) for _ in range(n_cells)]
    for cell_side, weight, source in zip(
        units.cell_side.tolist(), units.weight.tolist(), units.source.tolist(), strict=True
    ):
        cells[cell_side // 2][cell_side % 2].append((weight, source))
    return cells


def loop_smaa(
    rubric: Rubric,
    cells: Sequence[Cell],
    chosen: Sequence[int],
    samples: int,
    seed: int,
    sources: int,
) -> tuple[list[list[float]], list[list[int]]]:
    """Return per-sample scores and rank counts of the ``chosen`` candidates, one sample at a time.

    The straightforward version of the same model: each source draws one uniform per sample and
    each of its units is true when the draw is below the unit's weight (also in cells with many
    units), and each indicator's value is drawn from its Beta posterior.
    """
    rng = random.Random(seed)
    n_i = len(rubric.indicators)
    bounds = [c.bounds for c in rubric.criteria]
    crit_of = [k for k, c in enumerate(rubric.criteria) for _ in c.indicators]
    within = [
        i.weight / sum(j.weight for j in c.indicators)
        for c in rubric.criteria
        for i in c.indicators
    ]
    a0 = [rubric.prior_strength * i.prior for i in rubric.indicators]
    b0 = [rubric.prior_strength * (1 - i.prior) for i in rubric.indicators]
    scores: list[list[float]] = []
    counts = [[0] * len(chosen) for _ in chosen]
    for _ in range(samples):
        drawn = [rng.uniform(low, high) for low, high in bounds]
        total = sum(drawn)
        weights = [drawn[crit_of[i]] / total * within[i] for i in range(n_i)]
        truth = [rng.random() for _ in range(sources)]
        row = []
        for c in chosen:
            score = 0.0
            for i in range(n_i):
                risk_units, against_units = cells[c * n_i + i]
                risk = float(sum(truth[s] < w for w, s in risk_units))
                against = float(sum(truth[s] < w for w, s in against_units))
                score += weights[i] * rng.betavariate(a0[i] + risk, b0[i] + against)
            row.append(score)
        order = sorted(range(len(chosen)), key=row.__getitem__)
        for rank, k in enumerate(order):
            counts[k][rank] += 1
        scores.append(row)
    return scores, counts


def run(
    n_candidates: int, n_indicators: int, n_claims: int, samples: int, loop_samples: int
) -> dict[str, Any]:
    """Build the data, time the assessment and the loop, and return their numbers."""
    rng = random.Random(42)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    rubric = make_rubric(n_indicators)
    candidates, actors, designations, roles = make_world(n_candidates)
    sources = make_sources(rng)
    claims = make_claims(n_claims, candidates, sorted(sources), rng)
    build_s = time.perf_counter() - start
    gc.collect()

    stages: dict[str, float] = {}
    cpu_stages: dict[str, float] = {}  # CPU time: what a busy machine does not inflate
    start, cpu = time.perf_counter(), time.process_time()
    context = make_context(
        candidates=candidates,
        actors=actors,
        designations=designations,
        roles=roles,
        listing_authorities=rubric.listing_authorities,
        as_of=AS_OF,
    )
    stages["make_context"] = time.perf_counter() - start
    cpu_stages["make_context"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    evidence = match_evidence(rubric, context, claims, sources)
    stages["match_evidence"] = time.perf_counter() - start
    cpu_stages["match_evidence"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    values = all_candidate_values(rubric, candidates, evidence)
    stages["candidate_values"] = time.perf_counter() - start
    cpu_stages["candidate_values"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    units = make_units(rubric, candidates, evidence)
    stages["make_units"] = time.perf_counter() - start
    cpu_stages["make_units"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    smaa = run_smaa(rubric, candidates, units, samples=samples, seed=0)
    stages["run_smaa"] = time.perf_counter() - start
    cpu_stages["run_smaa"] = time.process_time() - cpu
    total_s = sum(stages.values())
    total_cpu_s = sum(cpu_stages.values())

    n_i = len(rubric.indicators)
    counts = np.bincount(units.cell_side, minlength=len(candidates) * n_i * 2)
    exact_units = int((counts[units.cell_side] <= EXACT_LIMIT).sum())
    cells = unit_cells(units, len(candidates) * n_i)
    everyone = range(len(candidates))
    start = time.perf_counter()
    loop_smaa(rubric, cells, everyone, loop_samples, seed=1, sources=units.sources)
    loop_s = time.perf_counter() - start
    loop_scaled_s = loop_s * samples / loop_samples

    # Agreement: the loop's mean scores of a few candidates, from many to few claims.
    chosen = sorted({0, 1, 5, 20, 60, 120, len(candidates) - 1} & set(everyone))
    check_samples = 200
    check_scores, _ = loop_smaa(rubric, cells, chosen, check_samples, seed=2, sources=units.sources)
    agreement = []
    for j, c in enumerate(chosen):
        column = [row[j] for row in check_scores]
        spread = (smaa.p95[c] - smaa.p05[c]) / 3.29  # standard deviation of the vectorised scores
        error = math.hypot(
            statistics.stdev(column) / math.sqrt(check_samples), spread / math.sqrt(samples)
        )
        loop_mean = statistics.fmean(column)
        agreement.append(
            {
                "candidate": candidates[c],
                "loop_mean": loop_mean,
                "smaa_mean": float(smaa.mean[c]),
                "difference": loop_mean - float(smaa.mean[c]),
                "tolerance": 4 * error,
                "point": values[candidates[c]].score,
                "loop_sd": statistics.stdev(column),
                "smaa_sd": float(spread),
            }
        )
    return {
        "candidates": len(candidates),
        "indicators": n_i,
        "claims": n_claims,
        "samples": samples,
        "load_average": load,
        "build_s": build_s,
        "evidence": len(evidence),
        "units": int(units.weight.size),
        "exact_units": exact_units,
        "approx_cells": int((counts > EXACT_LIMIT).sum()),
        "stages_s": stages,
        "total_s": total_s,
        "cpu_stages_s": cpu_stages,
        "total_cpu_s": total_cpu_s,
        "loop": {
            "samples": loop_samples,
            "seconds": loop_s,
            "scaled_s": loop_scaled_s,
            "speedup": loop_scaled_s / stages["run_smaa"],
        },
        "agreement": {
            "samples": check_samples,
            "ok": all(abs(a["difference"]) <= a["tolerance"] for a in agreement),
            "candidates": agreement,
        },
        "targets": TARGETS,
    }


def report(numbers: dict[str, Any]) -> None:
    """Print the numbers as a compact table with the targets."""
    stages, loop, agree = numbers["stages_s"], numbers["loop"], numbers["agreement"]
    print(
        f"forcevet assessment benchmark: {numbers['candidates']} candidates, "
        f"{numbers['indicators']} indicators, {numbers['claims']:,} claims, "
        f"{numbers['samples']:,} samples (load average {numbers['load_average']:.2f} "
        f"on {os.cpu_count()} cores at start)"
    )
    print(
        f"  data built in memory in {numbers['build_s']:.1f} s (not timed below): "
        f"{numbers['evidence']:,} evidence links, {numbers['units']:,} units "
        f"({numbers['exact_units']:,} drawn exactly, {numbers['approx_cells']:,} cell sides "
        f"over {EXACT_LIMIT} units drawn from the normal approximation)"
    )
    cpu = numbers["cpu_stages_s"]
    print(f"  {'stage':<18}{'elapsed':>9}  {'CPU':>9}")
    for name, seconds in stages.items():
        print(f"  {name:<18}{seconds:7.3f} s  {cpu[name]:7.3f} s")
    ok = "ok" if numbers["total_s"] < TARGETS["total_s"] else "OVER TARGET"
    print(
        f"  {'total':<18}{numbers['total_s']:7.3f} s  {numbers['total_cpu_s']:7.3f} s"
        f"  (target: under 10 s elapsed) {ok}"
    )
    print(
        f"  per-sample Python loop: {loop['samples']} samples in {loop['seconds']:.2f} s, "
        f"scaled linearly to {numbers['samples']:,}: {loop['scaled_s']:,.0f} s"
    )
    ok = "ok" if loop["speedup"] >= TARGETS["speedup"] else "UNDER TARGET"
    print(
        f"  run_smaa speed-up over the loop {loop['speedup']:9,.0f} x  (target: at least 20x) {ok}"
    )
    print(
        f"  agreement of mean scores, loop ({agree['samples']} samples) vs run_smaa "
        f"(tolerance 4 standard errors): {'ok' if agree['ok'] else 'DISAGREE'}"
    )
    for row in agree["candidates"]:
        print(
            f"    {row['candidate']}  loop {row['loop_mean']:.4f}  smaa {row['smaa_mean']:.4f}"
            f"  diff {row['difference']:+.4f}  tol {row['tolerance']:.4f}"
            f"  (point {row['point']:.4f}); spread sd loop {row['loop_sd']:.4f}"
            f" smaa {row['smaa_sd']:.4f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200, help="candidates to rank")
    parser.add_argument("--indicators", type=int, default=60, help="indicators in the rubric")
    parser.add_argument("--claims", type=int, default=500_000, help="claims to match")
    parser.add_argument("--samples", type=int, default=10_000, help="SMAA samples")
    parser.add_argument("--loop-samples", type=int, default=20, help="samples of the slow loop")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    numbers = run(args.candidates, args.indicators, args.claims, args.samples, args.loop_samples)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        report(numbers)


if __name__ == "__main__":
    main()
