"""The risk-versus-coverage Pareto frontier, by the epsilon-constraint method.

Each point is the lowest-risk composition that leaves at most a given
priority-weighted shortfall unfilled, then, among those, the one with the most
coverage (so no point is beaten on both counts by another at the same risk).
Weighting the shortfall by priority matters: unweighted, the optimiser drops
the large infantry units first (MEASURED.md). The frontier spans past the
risk ceiling; each point says whether it is within it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from forcevet.composition.formulation import (
    Formulation,
    formulate,
    make_solver,
)
from forcevet.composition.infeasibility import Infeasibility, explain_infeasibility
from forcevet.composition.problem import CompositionProblem, require_vocabulary
from forcevet.composition.rules import (
    PRIORITY_SCALE,
    resolve_risk,
    risk_ceiling_scaled,
    scale_priority,
    scaled_total_risk,
)
from forcevet.composition.solve import (
    CompositionResult,
    Objective,
    SolveStatus,
    summarise_composition,
)
from forcevet.errors import ForcevetError

DEFAULT_POINTS = 20
DEFAULT_FRONTIER_TIME_LIMIT_S = 30.0
"""Seconds for a whole frontier, shared by its solves."""
MIN_SOLVE_S = 0.5
"""Each solve gets at least this long, even when the frontier's time is spent."""


@dataclass(frozen=True)
class FrontierPoint:
    """One composition on the frontier: no other has both less risk and more coverage."""

    allowed_shortfall: float
    """Priority-weighted slots the point was allowed to leave unfilled (priority 1 = 1 slot)."""
    composition: CompositionResult
    within_ceiling: bool
    """False when the point's total risk is above the constraints' risk ceiling."""


@dataclass(frozen=True)
class Frontier:
    """The frontier's points, from full coverage down to the lowest risk, and how it was found."""

    points: tuple[FrontierPoint, ...]
    solves: int
    seconds: float
    proven: bool
    """True when every solve proved its optimum within the time limit."""
    unassessed: tuple[str, ...] = ()
    max_total_risk: float | None = None
    infeasibility: Infeasibility | None = None
    """Why there is no point at all, when even partial coverage is infeasible."""


Slots = dict[tuple[str, str], int]
Progress = Callable[[float, str], None]
"""Told the share of the frontier's time spent (0-1) and what was done, after each solve."""


FRONTIER_WORKERS = 2
"""CP-SAT workers per frontier step: the steps bound the shortfall and weigh risk against
it, which one worker proved too slowly once coverage counted slots (formulation.py)."""


def trace_frontier(
    problem: CompositionProblem,
    risk: Mapping[str, float],
    *,
    points: int = DEFAULT_POINTS,
    time_limit_s: float = DEFAULT_FRONTIER_TIME_LIMIT_S,
    progress: Progress | None = None,
) -> Frontier:
    """Return up to ``points`` non-dominated compositions between full coverage and lowest risk.

    The allowed shortfall steps evenly from the least possible to the one at the
    lowest risk; steps that land on the same composition are merged, so fewer
    points may come back (and a step whose share of the time runs out before any
    composition is found is left out, the frontier then not proven). ``time_limit_s`` is
    for the whole frontier, shared
    by its solves (time one leaves unused passes to the next). Each step is
    solved on a clone of one model, hinted with the previous step's
    composition, which is feasible for it. ``progress``, when given, is told after
    each solve the share of the time spent and the solves so far (for a progress bar).
    """
    started = time.perf_counter()
    require_vocabulary(problem)
    risks, unassessed = resolve_risk(problem, risk)
    ceiling = problem.constraints.max_total_risk
    base = formulate(problem, risks, full_coverage=False, risk_ceiling=False)
    steps = max(points, 2) - 1
    tracer = _Tracer(
        problem, base, started + time_limit_s, solves_left=steps + 2, progress=progress
    )
    most = tracer.most_coverage()
    if most is None and tracer.last_status != cp_model.INFEASIBLE:
        raise ForcevetError(
            f"no composition found within the time limit of {time_limit_s:g} s; try a longer one"
        )
    if most is None:
        reason = explain_infeasibility(
            problem, risks, full_coverage=False, risk_ceiling=False, time_limit_s=time_limit_s
        )
        seconds = time.perf_counter() - started
        return Frontier((), tracer.solves, seconds, tracer.proven, unassessed, ceiling, reason)
    full = base.full_weight
    lowest, lowest_proven = _require(tracer.point(None, hint={}))
    least_short, most_short = full - _weighted(problem, most), full - _weighted(problem, lowest)
    budgets = sorted({least_short + (most_short - least_short) * i // steps for i in range(steps)})
    tracer.solves_left = len(budgets)
    # Each entry: the budget solved under (None: no limit on shortfall), the
    # budget shown, the composition, and whether it is proven optimal.
    found: list[tuple[int | None, int, Slots, bool]] = []
    hint, skipped = most, 0
    for budget in budgets:
        point = tracer.point(budget, hint=hint)
        if point is None:
            skipped += 1  # this step's share of the time ran out: leave it out
            continue
        hint, proven = point
        found.append((budget, budget, hint, proven))
    found.append((None, most_short, lowest, lowest_proven))
    # Time the easy points left unused goes to the points not yet proven.
    unproven = [i for i, entry in enumerate(found) if not entry[3]]
    tracer.solves_left = len(unproven)
    for index in unproven:
        limit, shown, slots, _ = found[index]
        retried = tracer.point(limit, hint=slots)
        if retried is not None:
            found[index] = (limit, shown, *retried)
    kept: list[FrontierPoint] = []
    limit = risk_ceiling_scaled(problem)
    for _, budget, slots, proven in found:
        result = summarise_composition(
            problem,
            risks,
            slots,
            status=SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
            objective=Objective.MIN_RISK,
            unassessed=unassessed,
        )
        if any(_dominates(p.composition, result) for p in kept):
            continue
        kept = [p for p in kept if not _dominates(result, p.composition)]
        within = limit is None or scaled_total_risk(problem, risks, slots) <= limit
        kept.append(FrontierPoint(budget / PRIORITY_SCALE, result, within))
    return Frontier(
        points=tuple(kept),
        solves=tracer.solves,
        seconds=time.perf_counter() - started,
        proven=not skipped and all(entry[3] for entry in found),
        unassessed=unassessed,
        max_total_risk=ceiling,
    )


class _Tracer:
    """Runs the frontier's solves on clones of one model, sharing the time left between them."""

    def __init__(
        self,
        problem: CompositionProblem,
        base: Formulation,
        deadline: float,
        *,
        solves_left: int,
        progress: Progress | None = None,
    ) -> None:
        self.problem = problem
        self.progress = progress
        self.started = time.perf_counter()
        self.base = base
        self.deadline = deadline
        self.solves_left = solves_left
        self.solves = 0
        self.proven = True
        self.last_status = cp_model.UNKNOWN

    def most_coverage(self) -> Slots | None:
        """Return a composition with the most weighted coverage, or None if there is none."""
        model = self.base.model.clone()
        model.maximize(self.base.weighted_coverage)
        found = self._solve(model)
        return None if found is None else found[0]

    def point(self, budget: int | None, *, hint: Slots) -> tuple[Slots, bool] | None:
        """Return the lowest-risk composition short by at most ``budget``, coverage maximised.

        One solve, lexicographic by weighting: the shortfall never exceeds the
        budget, so risk times (budget + 1) plus shortfall ranks risk first and
        breaks ties on coverage (equal risks are common: two units of equal size
        from equally rated countries). The second value says whether the optimum
        is proven; None when the time ran out before any composition was found.
        """
        base = self.base
        model = base.model.clone()
        shortfall = base.full_weight - base.weighted_coverage
        if budget is not None:
            model.add(shortfall <= budget)
        weight = (base.full_weight if budget is None else budget) + 1
        model.minimize(weight * base.total_risk + shortfall)
        return self._solve(model, hint)

    def _solve(
        self, model: cp_model.CpModel, hint: Slots | None = None
    ) -> tuple[Slots, bool] | None:
        problem, base = self.problem, self.base
        if hint is not None:
            offer_ids = [o.id for o in problem.offers]
            requirement_ids = [r.id for r in problem.requirements]
            for (o, r), var in base.slots.items():
                model.add_hint(var, hint.get((offer_ids[o], requirement_ids[r]), 0))
        share = (self.deadline - time.perf_counter()) / max(self.solves_left, 1)
        solver = make_solver(max(share, MIN_SOLVE_S), workers=FRONTIER_WORKERS)
        status = solver.solve(model)
        self.last_status = status
        self.solves += 1
        self.solves_left = max(self.solves_left - 1, 1)
        if self.progress is not None:
            spent = (time.perf_counter() - self.started) / max(self.deadline - self.started, 1e-9)
            self.progress(min(spent, 1.0), f"{self.solves} solves")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        proven = status == cp_model.OPTIMAL
        self.proven = self.proven and proven
        return base.slots_by_id(problem, solver), proven


def _require(point: tuple[Slots, bool] | None) -> tuple[Slots, bool]:
    """Return the point, or raise when the time ran out before one was found."""
    if point is None:
        raise ForcevetError("the time limit ran out before a frontier point was found; try longer")
    return point


def _weighted(problem: CompositionProblem, slots: Slots) -> int:
    weights = {r.id: scale_priority(r.priority) for r in problem.requirements}
    return sum(weights[requirement_id] * n for (_, requirement_id), n in slots.items())


def _dominates(a: CompositionResult, b: CompositionResult) -> bool:
    """Return whether ``a`` has no more risk and no less coverage than ``b`` (or is the same)."""
    return (
        a.total_risk <= b.total_risk + 1e-9 and a.weighted_coverage >= b.weighted_coverage - 1e-12
    )
