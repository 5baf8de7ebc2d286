"""Benchmark force composition: proven optimum, a 20-point Pareto frontier and a greedy baseline.

A generated, seeded instance (random.Random(42)): 200 countries, 20 unit types,
2,000 offers and 100 requirements, with 10 vetoes, conditions (no disarmament,
no combat, mandate required, with no Security Council mandate), readiness
levels, a deadline, a cap per country of 8% of the planned strength, at least 40
contributors and at least 10 units from each of 5 regions. Unit sizes are
multiples of 10, as real offers are, within 20% of the requirements' sizes, so a
smaller unit fills a slot only with a second one (coverage in people). Measured
in one run:

- the lowest-risk composition: time to proven optimality (target: under 5 s)
  within the library's default time limit, or the gap left when it runs out;
- the same instance without the share cap, to show what the cap costs;
- a 20-point risk-versus-coverage frontier (target: under 30 s);
- the greedy baseline: its risk gap against the optimum, and whether it is valid.

Run: ``python benchmarks/compose.py [--seed N] [--points N] [--json]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from dataclasses import replace
from typing import Any

from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition import (
    CompositionProblem,
    CompositionResult,
    Constraints,
    Offer,
    RegionalMinimum,
    Requirement,
    Veto,
    compose_greedily,
    find_violations,
    solve_composition,
    trace_frontier,
)
from forcevet.model.countries import load_countries

COUNTRIES, UNIT_TYPES, OFFERS, REQUIREMENTS = 200, 20, 2_000, 100
OPTIMUM_TARGET_S, FRONTIER_TARGET_S = 5.0, 30.0
UNIT_SIZES = {
    "infantry_battalion": 850,
    "formed_police_unit": 160,
    "engineer_company": 200,
    "level2_hospital": 100,
    "aviation_unit": 250,
    "logistics_company": 300,
    "police_training_team": 40,
    "medical_unit": 60,
    "signals_company": 150,
    "military_police_company": 150,
    "transport_company": 200,
    "eod_team": 30,
    "reconnaissance_company": 120,
    "helicopter_unit": 180,
    "maintenance_company": 160,
    "civil_affairs_team": 20,
    "demining_team": 40,
    "riverine_unit": 90,
    "special_forces_company": 100,
    "field_kitchen_unit": 50,
}


VOCABULARY = Vocabulary.model_validate(
    {
        "unit_types": {t: {"label": t.replace("_", " ")} for t in UNIT_SIZES},
        "tasks": {
            "disarmament_support": {"meaning": "support disarmament"},
            "combat": {"meaning": "combat"},
        },
        "conditions": {
            "no_disarmament_tasks": {
                "meaning": "refusal of disarmament tasks",
                "refuses": ["disarmament_support"],
            },
            "no_combat": {"meaning": "refusal of combat", "refuses": ["combat"]},
            "unsc_mandate_required": {
                "meaning": "demand for a UN Security Council mandate",
                "requires": "unsc_mandate",
            },
        },
    }
)
"""The generated instance's words: its unit types, two tasks and three conditions."""


def make_problem(seed: int) -> tuple[CompositionProblem, dict[str, float]]:
    """Return a generated problem of the benchmark's size and a risk for every country."""
    rng = random.Random(seed)
    countries = sorted(load_countries())[:COUNTRIES]
    risk = {c: round(rng.uniform(0.05, 0.95), 3) for c in countries}
    types = list(UNIT_SIZES)[:UNIT_TYPES]
    requirements = [
        Requirement(
            id=f"req-{i:03d}",
            sector=f"sector {i % 10}",
            unit_type=types[i % UNIT_TYPES],
            count=rng.randint(1, 4),
            personnel=UNIT_SIZES[types[i % UNIT_TYPES]],
            min_readiness=rng.choice([1, 1, 2, 2, 3]),
            tasks=tuple(
                task
                for task, chance in (("disarmament_support", 0.25), ("combat", 0.15))
                if rng.random() < chance
            ),
            priority=rng.choice([1, 1, 2, 3]),
        )
        for i in range(REQUIREMENTS)
    ]
    offers = []
    for i in range(OFFERS):
        unit_type = rng.choice(types)
        offers.append(
            Offer(
                id=f"off-{i:04d}",
                country=countries[i % COUNTRIES],
                unit_type=unit_type,
                count=rng.randint(1, 3),
                personnel=max(10, int(round(UNIT_SIZES[unit_type] * rng.uniform(0.8, 1.2), -1))),
                readiness=rng.randint(1, 4),
                available_from=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364)),
                conditions=tuple(
                    condition
                    for condition, chance in (
                        ("no_disarmament_tasks", 0.25),
                        ("no_combat", 0.2),
                        ("unsc_mandate_required", 0.1),
                    )
                    if rng.random() < chance
                ),
            )
        )
    vetoed = rng.sample(countries, 10)
    constraints = Constraints(
        unsc_mandate=False,
        deployment_deadline=dt.date(2026, 10, 31),
        max_country_share=0.08,
        min_contributors=40,
        vetoes=tuple(Veto(party=rng.choice(countries), country=c) for c in vetoed),
        regional_balance=tuple(
            RegionalMinimum(name=f"region {k}", countries=tuple(countries[k::5]), min_units=10)
            for k in range(5)
        ),
    )
    problem = CompositionProblem(tuple(requirements), tuple(offers), constraints, VOCABULARY)
    return problem, risk


def timed_solve(
    problem: CompositionProblem, risk: dict[str, float]
) -> tuple[CompositionResult, float]:
    """Return the lowest-risk composition and the seconds it took."""
    start = time.perf_counter()
    result = solve_composition(problem, risk)
    return result, time.perf_counter() - start


def run(seed: int, points: int) -> dict[str, Any]:
    """Solve, trace the frontier and run the greedy baseline; return their numbers."""
    problem, risk = make_problem(seed)
    optimum, optimum_s = timed_solve(problem, risk)
    slots = {(a.offer_id, a.requirement_id): a.slots for a in optimum.assignments}
    uncapped_constraints = problem.constraints.model_copy(update={"max_country_share": None})
    uncapped, uncapped_s = timed_solve(replace(problem, constraints=uncapped_constraints), risk)
    start = time.perf_counter()
    frontier = trace_frontier(problem, risk, points=points)
    frontier_s = time.perf_counter() - start
    start = time.perf_counter()
    greedy = compose_greedily(problem, risk)
    greedy_s = time.perf_counter() - start
    return {
        "instance": {
            "seed": seed,
            "countries": COUNTRIES,
            "unit_types": UNIT_TYPES,
            "offers": len(problem.offers),
            "offered_units": sum(o.count for o in problem.offers),
            "requirements": len(problem.requirements),
            "required_units": sum(r.count for r in problem.requirements),
        },
        "optimum": {
            "status": optimum.status.value,
            "seconds": optimum_s,
            "target_s": OPTIMUM_TARGET_S,
            "gap": optimum.gap,
            "total_risk": optimum.total_risk,
            "contributors": len(optimum.contributions),
            "largest_share": optimum.contributions[0].share if optimum.contributions else 0,
            "violations": find_violations(problem, risk, slots, full_coverage=True),
        },
        "without_share_cap": {
            "status": uncapped.status.value,
            "seconds": uncapped_s,
            "total_risk": uncapped.total_risk,
            "largest_share": uncapped.contributions[0].share if uncapped.contributions else 0,
        },
        "frontier": {
            "points_asked": points,
            "points": len(frontier.points),
            "solves": frontier.solves,
            "proven": frontier.proven,
            "seconds": frontier_s,
            "target_s": FRONTIER_TARGET_S,
        },
        "greedy": {
            "seconds": greedy_s,
            "total_risk": greedy.total_risk,
            "slots_short": greedy.slots_short,
            "valid": not greedy.violations,
            "violations": len(greedy.violations),
            "gap": greedy.total_risk / optimum.total_risk - 1 if optimum.total_risk else None,
        },
    }


def report(numbers: dict[str, Any]) -> None:
    """Print the numbers with their targets."""
    inst, opt, front, greedy = (numbers[k] for k in ("instance", "optimum", "frontier", "greedy"))
    print(
        f"forcevet composition benchmark (seed {inst['seed']}): {inst['countries']} countries, "
        f"{inst['unit_types']} unit types, {inst['offers']:,} offers "
        f"({inst['offered_units']:,} units), {inst['requirements']} requirements "
        f"({inst['required_units']} units)"
    )
    ok = "ok" if opt["status"] == "optimal" and opt["seconds"] < opt["target_s"] else "MISSED"
    proof = "proven optimal" if opt["status"] == "optimal" else f"NOT proven, gap {opt['gap']:.3%}"
    print(
        f"  min-risk optimum   {opt['seconds']:7.2f} s  {proof}, total risk "
        f"{opt['total_risk']:,.1f}, {opt['contributors']} contributors, largest share "
        f"{opt['largest_share']:.1%}, {len(opt['violations'])} violations  "
        f"(target: proven under 5 s) {ok}"
    )
    free = numbers["without_share_cap"]
    print(
        f"  without share cap  {free['seconds']:7.2f} s  {free['status']}, total risk "
        f"{free['total_risk']:,.1f}, largest share {free['largest_share']:.1%}"
    )
    ok = "ok" if front["seconds"] < front["target_s"] else "MISSED"
    print(
        f"  Pareto frontier    {front['seconds']:7.2f} s  {front['points']} distinct points "
        f"of {front['points_asked']} asked, {front['solves']} solves, "
        f"{'all proven' if front['proven'] else 'NOT all proven'}  (target: under 30 s) {ok}"
    )
    gap = "n/a" if greedy["gap"] is None else f"{greedy['gap']:+.1%}"
    validity = "valid" if greedy["valid"] else f"INVALID: {greedy['violations']} violations"
    print(
        f"  greedy baseline    {greedy['seconds']:7.2f} s  total risk {greedy['total_risk']:,.1f}, "
        f"gap {gap} against the optimum, {greedy['slots_short']} slots short, {validity}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42, help="seed of the generated instance")
    parser.add_argument("--points", type=int, default=20, help="frontier steps")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    numbers = run(args.seed, args.points)
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        report(numbers)


if __name__ == "__main__":
    main()
