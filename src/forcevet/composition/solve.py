"""Solve a composition with CP-SAT: lowest risk at full coverage, or most coverage within a ceiling.

Risk per country is a plain mapping ISO3 -> [0, 1] (the latest assessment run
or a file); a composition's risk is the sum over its units of country risk
times personnel, so a large contingent from a doubtful contributor weighs more
than a small one.

Coverage is in people (problem.py): each assignment fills whole slots of its
requirement, and a slot of P personnel takes one unit of at least P or
ceil(P / p) smaller units of p, combined. A result gives the units used, the
slots filled, the personnel deployed and the planned personnel of the slots
filled; ``coverage`` is the last over the requirements' planned personnel.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ortools.sat.python import cp_model

from forcevet.composition.formulation import (
    DEFAULT_TIME_LIMIT_S,
    Formulation,
    formulate,
    make_solver,
)
from forcevet.composition.infeasibility import Infeasibility, explain_infeasibility
from forcevet.composition.problem import DEFAULT_RISK, CompositionProblem, require_vocabulary
from forcevet.composition.rules import deployed, planned_strength, resolve_risk, scale_priority
from forcevet.errors import ForcevetError

log = logging.getLogger(__name__)

GAP_TOLERANCE = 1e-9
"""Gaps below this are rounding in CP-SAT's floating-point bound, not a missing proof."""


class Objective(StrEnum):
    """What the solver optimises."""

    MIN_RISK = "min-risk"
    """Lowest total risk with every required unit filled."""
    MAX_COVERAGE = "max-coverage"
    """Most priority-weighted coverage within the risk ceiling, then lowest risk."""


class SolveStatus(StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    """A composition was found, but the time limit came before proof that it is best."""
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Assignment:
    """Units of one offer filling slots of one requirement."""

    requirement_id: str
    sector: str
    unit_type: str
    offer_id: str
    country: str
    units: int
    """The offer's units used: slots times the units each slot takes."""
    slots: int
    """The requirement's slots (required units) these units fill."""
    personnel: int
    """Personnel deployed: units used times the offer's unit size."""
    planned_personnel: int
    """The planned personnel of the slots filled (slots times the requirement's unit size)."""
    risk: float
    """The country's risk in [0, 1]."""
    weighted_risk: float
    """Risk times personnel: this assignment's part of the total risk."""
    illustrative: bool
    """The offer's or the requirement's figures are illustrative, not reported."""


@dataclass(frozen=True)
class Shortfall:
    """Slots (required units) of one requirement left unfilled."""

    requirement_id: str
    sector: str
    unit_type: str
    slots: int
    personnel: int
    """The planned personnel of the slots left unfilled."""
    priority: float


@dataclass(frozen=True)
class Contribution:
    """One contributing country's part of the composition."""

    country: str
    units: int
    personnel: int
    share: float
    """Share of the composition's personnel (the cap applies to the planned strength)."""
    risk: float
    assessed: bool
    """False when the country had no risk given and got the default."""


@dataclass(frozen=True)
class CompositionResult:
    """A composition, or the explanation of why there is none, with the figures behind it."""

    status: SolveStatus
    objective: Objective
    assignments: tuple[Assignment, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    total_personnel: int = 0
    """Personnel deployed (at least the planned personnel of the slots filled)."""
    planned_personnel: int = 0
    """The requirements' planned strength; the share cap is a share of it."""
    covered_personnel: int = 0
    """The planned personnel of the slots filled."""
    total_risk: float = 0.0
    weighted_coverage: float = 0.0
    """Priority-weighted share of the slots filled, 0 to 1 (what the solver maximises)."""
    unassessed: tuple[str, ...] = ()
    """Countries that offer units but had no risk given; they count at ``default_risk``."""
    default_risk: float = DEFAULT_RISK
    illustrative: dict[str, list[str]] = field(default_factory=dict)
    """Ids of illustrative requirements and offers, and names of illustrative constraints."""
    infeasibility: Infeasibility | None = None
    gap: float = 0.0
    """How far the objective may be from the optimum, relative: 0.001 means no composition
    can be more than 0.1% better; 0 when proven optimal."""
    seconds: float = 0.0
    unit_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    """The case's words for each unit type in the result: (singular, plural)."""

    @property
    def proven_optimal(self) -> bool:
        """Return whether the solver proved no better composition exists."""
        return self.status is SolveStatus.OPTIMAL

    @property
    def units_used(self) -> int:
        """Return the offered units the composition uses."""
        return sum(a.units for a in self.assignments)

    @property
    def slots_filled(self) -> int:
        """Return the requirements' slots filled."""
        return sum(a.slots for a in self.assignments)

    @property
    def slots_short(self) -> int:
        """Return the requirements' slots left unfilled."""
        return sum(s.slots for s in self.shortfalls)

    @property
    def coverage(self) -> float:
        """Return the planned personnel of the slots filled over the planned strength, 0 to 1."""
        if not self.planned_personnel:
            return 1.0 if self.status is not SolveStatus.INFEASIBLE else 0.0
        return self.covered_personnel / self.planned_personnel

    def unit_words(self, unit_type: str, units: int = 1) -> str:
        """Return a unit type in the case's words, singular for one unit, else plural."""
        singular, plural = self.unit_labels.get(unit_type, (f"{unit_type} unit", ""))
        return singular if units == 1 else plural or f"{singular}s"

    @property
    def mean_risk(self) -> float:
        """Return the personnel-weighted mean risk of the composition."""
        return self.total_risk / self.total_personnel if self.total_personnel else 0.0


def summarise_composition(
    problem: CompositionProblem,
    risk: Mapping[str, float],
    slots: Mapping[tuple[str, str], int],
    *,
    status: SolveStatus,
    objective: Objective,
    unassessed: tuple[str, ...] = (),
    seconds: float = 0.0,
) -> CompositionResult:
    """Return the result for the slots filled, with units, personnel, shares and shortfalls."""
    offers = {o.id: o for o in problem.offers}
    requirements = {r.id: r for r in problem.requirements}
    sent = deployed(problem, slots)
    assignments = []
    for (offer_id, requirement_id), count in sorted(slots.items()):
        if not count:
            continue
        offer, requirement = offers[offer_id], requirements[requirement_id]
        units, personnel = sent[offer_id, requirement_id]
        assignments.append(
            Assignment(
                requirement_id=requirement_id,
                sector=requirement.sector,
                unit_type=offer.unit_type,
                offer_id=offer_id,
                country=offer.country,
                units=units,
                slots=count,
                personnel=personnel,
                planned_personnel=count * requirement.personnel,
                risk=risk[offer.country],
                weighted_risk=risk[offer.country] * personnel,
                illustrative=offer.illustrative or requirement.illustrative,
            )
        )
    filled: dict[str, int] = defaultdict(int)
    by_country: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        filled[assignment.requirement_id] += assignment.slots
        by_country[assignment.country].append(assignment)
    shortfalls = tuple(
        Shortfall(
            r.id,
            r.sector,
            r.unit_type,
            r.count - filled[r.id],
            (r.count - filled[r.id]) * r.personnel,
            r.priority,
        )
        for r in problem.requirements
        if filled[r.id] < r.count
    )
    total_personnel = sum(a.personnel for a in assignments)
    contributions = tuple(
        sorted(
            (
                Contribution(
                    country=country,
                    units=sum(a.units for a in rows),
                    personnel=sum(a.personnel for a in rows),
                    share=sum(a.personnel for a in rows) / total_personnel,
                    risk=risk[country],
                    assessed=country not in unassessed,
                )
                for country, rows in by_country.items()
            ),
            key=lambda c: (-c.personnel, c.country),
        )
    )
    weights = {r.id: scale_priority(r.priority) for r in problem.requirements}
    full = sum(weights[r.id] * r.count for r in problem.requirements)
    covered = sum(weights[rid] * min(n, requirements[rid].count) for rid, n in filled.items())
    return CompositionResult(
        status=status,
        objective=objective,
        assignments=tuple(assignments),
        shortfalls=shortfalls,
        contributions=contributions,
        total_personnel=total_personnel,
        planned_personnel=planned_strength(problem),
        covered_personnel=sum(
            min(n, requirements[rid].count) * requirements[rid].personnel
            for rid, n in filled.items()
        ),
        total_risk=sum(a.weighted_risk for a in assignments),
        weighted_coverage=covered / full if full else 1.0,
        unassessed=unassessed,
        illustrative=problem.illustrative_figures,
        seconds=seconds,
        unit_labels=unit_labels(problem),
    )


def unit_labels(problem: CompositionProblem) -> dict[str, tuple[str, str]]:
    """Return the case's words, singular and plural, for each unit type the problem names."""
    words = problem.vocabulary.unit_words
    types = sorted(
        {r.unit_type for r in problem.requirements} | {o.unit_type for o in problem.offers}
    )
    return {t: (words(t, 1), words(t, 2)) for t in types}


def solve_composition(
    problem: CompositionProblem,
    risk: Mapping[str, float],
    objective: Objective = Objective.MIN_RISK,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    explain: bool = True,
) -> CompositionResult:
    """Return the best composition for ``objective``, or why none exists.

    ``risk`` maps ISO3 codes to [0, 1]; countries it leaves out count at
    DEFAULT_RISK and are listed in ``unassessed``. When the time limit ends the
    search early, the status is FEASIBLE and ``gap`` says how far from the
    optimum the composition may be. An infeasible request
    returns status INFEASIBLE with ``infeasibility`` naming a minimal set of
    constraints in plain words (unless ``explain`` is False). Raises
    ForcevetError when the time limit passes before any composition is found.
    """
    started = time.perf_counter()
    require_vocabulary(problem)
    risks, unassessed = resolve_risk(problem, risk)
    full_coverage = objective is Objective.MIN_RISK
    formulation = formulate(problem, risks, full_coverage=full_coverage)
    solver = make_solver(time_limit_s)
    if full_coverage:
        formulation.model.minimize(formulation.total_risk)
        status = solver.solve(formulation.model)
    else:
        status = _maximise_coverage_then_minimise_risk(formulation, solver)
    if status == cp_model.INFEASIBLE:
        reason = None
        if explain:
            reason = explain_infeasibility(
                problem, risks, full_coverage=full_coverage, time_limit_s=time_limit_s
            )
        return CompositionResult(
            status=SolveStatus.INFEASIBLE,
            objective=objective,
            planned_personnel=planned_strength(problem),
            unassessed=unassessed,
            illustrative=problem.illustrative_figures,
            infeasibility=reason,
            seconds=time.perf_counter() - started,
            unit_labels=unit_labels(problem),
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ForcevetError(
            f"no composition found within the time limit of {time_limit_s:g} s; "
            "try a longer time limit"
        )
    seconds = time.perf_counter() - started
    log.info("composition solved in %.2f s (%s)", seconds, solver.status_name(status))
    found, bound = solver.objective_value, solver.best_objective_bound
    gap = abs(found - bound) / max(abs(found), 1.0)
    result = summarise_composition(
        problem,
        risks,
        formulation.slots_by_id(problem, solver),
        status=SolveStatus.OPTIMAL if status == cp_model.OPTIMAL else SolveStatus.FEASIBLE,
        objective=objective,
        unassessed=unassessed,
        seconds=seconds,
    )
    if gap <= GAP_TOLERANCE:
        return result
    # A floating-point bound can leave a gap while CP-SAT says OPTIMAL: trust the gap.
    return replace(result, status=SolveStatus.FEASIBLE, gap=gap)


def _maximise_coverage_then_minimise_risk(
    formulation: Formulation, solver: cp_model.CpSolver
) -> cp_model.CpSolverStatus:
    """Solve in two stages: most weighted coverage, then lowest risk at that coverage.

    Two solves rather than one weighted sum keep the coefficients small, which
    CP-SAT's linear relaxation prefers; the first solution hints the second.
    """
    model = formulation.model
    model.maximize(formulation.weighted_coverage)
    first = solver.solve(model)
    if first not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return first
    best = int(solver.objective_value)
    for var in formulation.slots.values():
        model.add_hint(var, solver.value(var))
    model.add(formulation.weighted_coverage >= best)
    model.minimize(formulation.total_risk)
    second = solver.solve(model)
    if second == cp_model.OPTIMAL and first != cp_model.OPTIMAL:
        return cp_model.FEASIBLE
    return second
