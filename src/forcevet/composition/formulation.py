"""The CP-SAT model of a composition: integer slots filled per (offer, requirement) pair.

Coverage is in people (problem.py): a requirement's slot of P personnel takes
k = ceil(P / p) of an offer's units of p personnel (one unit when p >= P). So
each pair's variable counts slots filled; it consumes k units of the offer
(the offer's count bounds the sum over its pairs) and deploys k x p personnel,
which is what the risk, the share cap and the regional minimums (in units)
count. Coverage counts slots.

One builder serves every use. For solving, forbidden pairs are left out and
every constraint is hard. For explaining infeasibility (``switchable=True``),
every pair of the same unit type is kept and each constraint is enforced by
its own literal, so that CP-SAT's assumptions can switch it on or off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from forcevet.composition.problem import CompositionProblem, Offer, units_per_slot
from forcevet.composition.rules import (
    ConstraintKind,
    ConstraintRef,
    exclusions,
    risk_ceiling_scaled,
    scale_priority,
    scale_risk,
    share_cap_personnel,
)

DEFAULT_TIME_LIMIT_S = 20.0
"""Seconds each CP-SAT solve may take before the best composition found is returned."""


def make_solver(time_limit_s: float, *, workers: int = 1) -> cp_model.CpSolver:
    """Return a CP-SAT solver with the settings measured fastest for this model.

    One worker with ``linearization_level=2`` proved optimality several times
    faster than the default portfolio on two cores (MEASURED.md; re-measured on
    benchmarks/compose.py, where two, four and eight workers, linearization
    level 1 and other branchings were all slower), and one worker keeps runs
    deterministic. Presolve is off: on the benchmark's 10,000-variable models
    it took most of each solve, and proofs came 2-3 times sooner without it.
    The frontier's solves take ``workers=2`` (pareto.py): with coverage counted
    in slots, its steps were proven in 24-28 s on two workers against 35 s, not
    all proven, on one (benchmarks/compose.py); presolve on was slower still.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.linearization_level = 2
    solver.parameters.cp_model_presolve = False
    solver.parameters.max_time_in_seconds = time_limit_s
    return solver


@dataclass
class Formulation:
    """A built model with the expressions the solvers read and constrain."""

    model: cp_model.CpModel
    slots: dict[tuple[int, int], cp_model.IntVar]
    """Slots filled, by (offer index, requirement index)."""
    per_slot: dict[tuple[int, int], int]
    """The offer's units each slot of the pair takes (units_per_slot)."""
    covered: list[cp_model.LinearExpr]
    """Slots filled in each requirement, in the problem's order."""
    weighted_coverage: cp_model.LinearExpr
    """Slots filled times priority, in hundredths (PRIORITY_SCALE)."""
    full_weight: int
    """The weighted coverage of every requirement filled."""
    total_risk: cp_model.LinearExpr
    """Sum of country risk times personnel, in thousandths (RISK_SCALE)."""
    switches: dict[ConstraintRef, cp_model.IntVar] = field(default_factory=dict)
    """Enforcement literals by constraint; empty unless switchable."""
    contributing: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """Whether each country contributes at least one unit."""

    def units_used(self, pairs: list[tuple[int, int]]) -> cp_model.LinearExpr:
        """Return the units the given pairs' slots take from their offers."""
        return cp_model.LinearExpr.weighted_sum(
            [self.slots[p] for p in pairs], [self.per_slot[p] for p in pairs]
        )

    def slots_by_id(
        self, problem: CompositionProblem, solver: cp_model.CpSolver
    ) -> dict[tuple[str, str], int]:
        """Return the solution's non-zero slots filled by (offer id, requirement id)."""
        found = {}
        for (o, r), var in self.slots.items():
            value = solver.value(var)
            if value:
                found[problem.offers[o].id, problem.requirements[r].id] = int(value)
        return found


Enforce = Callable[[cp_model.Constraint, ConstraintRef], None]


def formulate(
    problem: CompositionProblem,
    risk: dict[str, float],
    *,
    full_coverage: bool,
    risk_ceiling: bool = True,
    switchable: bool = False,
) -> Formulation:
    """Return the CP-SAT model of ``problem`` with country risks ``risk`` (every country set).

    ``full_coverage`` asks for every required unit; otherwise requirements are
    upper bounds. ``risk_ceiling=False`` leaves out the ceiling on total risk
    (the Pareto frontier spans past it).
    """
    model = cp_model.CpModel()
    switches: dict[ConstraintRef, cp_model.IntVar] = {}

    def enforce(constraint: cp_model.Constraint, ref: ConstraintRef) -> None:
        if switchable:
            if ref not in switches:
                switches[ref] = model.new_bool_var(ref.key)
            constraint.only_enforce_if(switches[ref])

    offers_by_type: dict[str, list[int]] = defaultdict(list)
    for index, offer in enumerate(problem.offers):
        offers_by_type[offer.unit_type].append(index)
    slots: dict[tuple[int, int], cp_model.IntVar] = {}
    per_slot: dict[tuple[int, int], int] = {}
    bounds: dict[tuple[int, int], int] = {}
    for r, requirement in enumerate(problem.requirements):
        for o in offers_by_type[requirement.unit_type]:
            offer = problem.offers[o]
            reasons = exclusions(problem, offer, requirement)
            k = units_per_slot(offer, requirement)
            bound = min(offer.count // k, requirement.count)
            if (reasons and not switchable) or bound == 0:
                continue  # forbidden, or too few units to fill even one slot
            bounds[o, r], per_slot[o, r] = bound, k
            var = model.new_int_var(0, bound, f"x_{o}_{r}")
            slots[o, r] = var
            for ref in reasons:
                enforce(model.add(var == 0), ref)

    by_offer: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_requirement: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (o, r), var in slots.items():
        by_offer[o].append((o, r))
        by_requirement[r].append(var)
    for o, pairs in by_offer.items():
        if sum(bounds[p] * per_slot[p] for p in pairs) > problem.offers[o].count:
            used = cp_model.LinearExpr.weighted_sum(
                [slots[p] for p in pairs], [per_slot[p] for p in pairs]
            )
            model.add(used <= problem.offers[o].count)
    covered: list[cp_model.LinearExpr] = []
    for r, requirement in enumerate(problem.requirements):
        filled = cp_model.LinearExpr.sum(by_requirement[r])
        covered.append(filled)
        model.add(filled <= requirement.count)
        if full_coverage:
            ref = ConstraintRef(ConstraintKind.COVERAGE, requirement.unit_type)
            enforce(model.add(filled == requirement.count), ref)

    weights = [scale_priority(r.priority) for r in problem.requirements]
    weighted_coverage = cp_model.LinearExpr.weighted_sum(covered, weights)
    full_weight = sum(w * r.count for w, r in zip(weights, problem.requirements, strict=True))
    pairs = list(slots)
    total_risk = cp_model.LinearExpr.weighted_sum(
        [slots[p] for p in pairs],
        [
            scale_risk(risk[problem.offers[p[0]].country])
            * problem.offers[p[0]].personnel
            * per_slot[p]
            for p in pairs
        ],
    )

    contributing = _add_country_constraints(problem, model, slots, per_slot, bounds, enforce)
    ceiling = risk_ceiling_scaled(problem)
    if risk_ceiling and ceiling is not None:
        enforce(model.add(total_risk <= ceiling), ConstraintRef(ConstraintKind.RISK_CEILING))
    return Formulation(
        model=model,
        slots=slots,
        per_slot=per_slot,
        covered=covered,
        weighted_coverage=weighted_coverage,
        full_weight=full_weight,
        total_risk=total_risk,
        switches=switches,
        contributing=contributing,
    )


def _add_country_constraints(
    problem: CompositionProblem,
    model: cp_model.CpModel,
    slots: dict[tuple[int, int], cp_model.IntVar],
    per_slot: dict[tuple[int, int], int],
    bounds: dict[tuple[int, int], int],
    enforce: Enforce,
) -> dict[str, cp_model.IntVar]:
    """Add the share cap, the fewest contributors and regional balance; return who contributes."""
    constraints = problem.constraints
    offers: tuple[Offer, ...] = problem.offers
    pairs_by_country: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for o, r in slots:
        pairs_by_country[offers[o].country].append((o, r))

    def personnel(pairs: list[tuple[int, int]]) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum(
            [slots[p] for p in pairs], [offers[p[0]].personnel * per_slot[p] for p in pairs]
        )

    def units(pairs: list[tuple[int, int]]) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum(
            [slots[p] for p in pairs], [per_slot[p] for p in pairs]
        )

    cap = share_cap_personnel(problem)
    if cap is not None:
        ref = ConstraintRef(ConstraintKind.SHARE_CAP)
        for pairs in pairs_by_country.values():
            # A country that cannot reach the cap needs no row.
            if sum(offers[p[0]].personnel * per_slot[p] * bounds[p] for p in pairs) > cap:
                enforce(model.add(personnel(pairs) <= cap), ref)

    contributing: dict[str, cp_model.IntVar] = {}
    for country, pairs in sorted(pairs_by_country.items()):
        flag = model.new_bool_var(f"contributes_{country}")
        model.add(cp_model.LinearExpr.sum([slots[p] for p in pairs]) >= flag)
        contributing[country] = flag
    if constraints.min_contributors:
        ref = ConstraintRef(ConstraintKind.MIN_CONTRIBUTORS)
        total_contributing = cp_model.LinearExpr.sum(list(contributing.values()))
        enforce(model.add(total_contributing >= constraints.min_contributors), ref)

    for index, region in enumerate(constraints.regional_balance):
        members = [p for country in region.countries for p in pairs_by_country[country]]
        ref = ConstraintRef(ConstraintKind.REGION, str(index))
        enforce(model.add(units(members) >= region.min_units), ref)
    return contributing
