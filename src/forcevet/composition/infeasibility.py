"""Why no composition exists: a minimal set of constraints, named in plain words.

CP-SAT solves the switchable model (every constraint behind its own literal)
under the assumption that all are on; for an infeasible model it returns a
set of assumptions sufficient for infeasibility (a core). The core is shrunk
to a minimal one by deletion: each member is dropped in turn and kept only if
the rest becomes feasible. Then the consequence is measured with the set in
force, such as how many engineer companies stay unfilled (in slots: required units of
the requirements' planned size, problem.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from forcevet.composition.formulation import Formulation, formulate, make_solver
from forcevet.composition.problem import CompositionProblem, units_per_slot
from forcevet.composition.rules import RISK_SCALE, ConstraintKind, ConstraintRef, describe

# Members are dropped in this order, so the ones tried last are the ones kept
# when several minimal sets exist: coverage, vetoes and caps read best.
DELETION_ORDER = (
    ConstraintKind.READINESS,
    ConstraintKind.DEADLINE,
    ConstraintKind.RISK_CEILING,
    ConstraintKind.REGION,
    ConstraintKind.CONDITION,
    ConstraintKind.MIN_CONTRIBUTORS,
    ConstraintKind.SHARE_CAP,
    ConstraintKind.VETO,
    ConstraintKind.COVERAGE,
)


@dataclass(frozen=True)
class Infeasibility:
    """A minimal set of constraints that together leave no composition, and what they cost."""

    explanation: str
    """One sentence, such as "The veto on TUR (by ISR) and the cap of 30% per country
    leave engineer companies short by 2."."""
    constraints: tuple[str, ...]
    """Each member of the set in plain words, required coverage left out."""
    keys: tuple[str, ...]
    """Machine names of every member, such as ``veto:0`` and ``coverage:engineer_company``."""
    shortfall: dict[str, int]
    """Slots short by unit type, most first, with only the set in force (every type, not only
    those the set names); empty when coverage is not at stake."""
    total_shortfall: dict[str, int]
    """Slots short by unit type with every constraint in force."""
    minimal: bool
    """True when dropping any one member was shown to allow a composition."""


def explain_infeasibility(
    problem: CompositionProblem,
    risk: dict[str, float],
    *,
    full_coverage: bool,
    risk_ceiling: bool = True,
    time_limit_s: float = 10.0,
) -> Infeasibility | None:
    """Return a minimal set of constraints that make ``problem`` infeasible, or None if none do.

    ``risk`` must give every offering country (see ``resolve_risk``). The set is
    minimal, not necessarily the smallest: deletion finds one irreducible set in
    as many solves as the core has members, where the smallest would need a search.
    """
    formulation = formulate(
        problem, risk, full_coverage=full_coverage, risk_ceiling=risk_ceiling, switchable=True
    )
    order = {kind: index for index, kind in enumerate(DELETION_ORDER)}
    refs = sorted(formulation.switches, key=lambda r: (order[r.kind], r.subject))
    status, core = _solve_assuming(formulation, refs, time_limit_s)
    if status != cp_model.INFEASIBLE:
        return None
    minimal = True
    for ref in sorted(core, key=lambda r: (order[r.kind], r.subject)):
        if ref not in core:
            continue  # dropped with an earlier member's smaller core
        trial = [r for r in core if r != ref]
        status, smaller = _solve_assuming(formulation, trial, time_limit_s)
        if status == cp_model.INFEASIBLE:
            core = smaller or trial
        elif status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            minimal = False  # undecided within the time limit: keep it, to be safe
    members = sorted(core, key=ConstraintRef.sort_key)
    everything = [r for r in refs if r.kind is not ConstraintKind.COVERAGE]
    return _phrase(
        problem, risk, members, everything, full_coverage, risk_ceiling, time_limit_s, minimal
    )


def _solve_assuming(
    formulation: Formulation, refs: Sequence[ConstraintRef], time_limit_s: float
) -> tuple[int, list[ConstraintRef]]:
    """Solve with ``refs`` switched on; return the status and, if infeasible, a core."""
    model = formulation.model
    model.clear_assumptions()
    model.add_assumptions([formulation.switches[r] for r in refs])
    solver = make_solver(time_limit_s)
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return int(status), []
    by_index = {formulation.switches[r].index: r for r in refs}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    return int(status), core


def _phrase(
    problem: CompositionProblem,
    risk: dict[str, float],
    members: list[ConstraintRef],
    everything: list[ConstraintRef],
    full_coverage: bool,
    risk_ceiling: bool,
    time_limit_s: float,
    minimal: bool,
) -> Infeasibility:
    """Return the set with its consequence measured and written out.

    When coverage is at stake, a second sentence gives the shortfall with every
    constraint in force, if it is larger: the set explains, the total measures.
    """
    coverage = [r.subject for r in members if r.kind is ConstraintKind.COVERAGE]
    others = [r for r in members if r.kind is not ConstraintKind.COVERAGE]
    shortfall: dict[str, int] = {}
    total: dict[str, int] = {}
    if coverage:
        shortfall = _measure_shortfall(problem, risk, others, risk_ceiling, time_limit_s)
        total = _measure_shortfall(problem, risk, everything, risk_ceiling, time_limit_s)
        sentence = (
            f"{_clause(problem, others, 'leave', 'leaves')} {_shortfalls(problem, shortfall)}."
        )
        if total != shortfall:
            sentence += f" With every constraint in force: {_shortfalls(problem, total)}."
        sentence += _too_small(problem, set(total or shortfall))
    else:
        sentence = (
            _slack_sentence(problem, risk, others, full_coverage, risk_ceiling, time_limit_s) + "."
        )
    return Infeasibility(
        explanation=sentence[0].upper() + sentence[1:],
        constraints=tuple(describe(problem, r) for r in others),
        keys=tuple(r.key for r in members),
        shortfall=shortfall,
        total_shortfall=total,
        minimal=minimal,
    )


def _shortfalls(problem: CompositionProblem, short: dict[str, int]) -> str:
    words = problem.vocabulary.unit_words
    return _join([f"{words(t, 2)} short by {n}" for t, n in short.items()])


def _too_small(problem: CompositionProblem, unit_types: set[str]) -> str:
    """Return a sentence naming the offers of the short unit types whose units are too
    small to fill any slot alone and too few to fill one combined; empty if none are."""
    found = []
    for offer in problem.offers:
        needs = [r for r in problem.requirements if r.unit_type == offer.unit_type]
        if offer.unit_type not in unit_types or not needs:
            continue
        smallest = min(needs, key=lambda r: r.personnel)
        taken = units_per_slot(offer, smallest)
        if offer.count < taken:
            units = problem.vocabulary.unit_words(offer.unit_type, offer.count)
            found.append(
                f"{offer.country}'s {offer.count} {units} of {offer.personnel:,} "
                f"(a slot of {smallest.personnel:,} takes {taken})"
            )
    if not found:
        return ""
    return " Too small to fill a slot, even combined: " + _join(found) + "."


def _clause(
    problem: CompositionProblem,
    refs: list[ConstraintRef],
    plural: str,
    one: str,
    alone: str = "the offers alone",
) -> str:
    """Return the constraints joined as a subject with its verb, such as "A and B leave"."""
    if not refs:
        return f"{alone} {plural}"
    return _join([describe(problem, r) for r in refs]) + " " + (one if len(refs) == 1 else plural)


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _measure_shortfall(
    problem: CompositionProblem,
    risk: dict[str, float],
    others: list[ConstraintRef],
    risk_ceiling: bool,
    time_limit_s: float,
) -> dict[str, int]:
    """Return the fewest slots short, by unit type, most first, with only ``others`` in force.

    Every unit type is measured, not only those the set names: a set needs one
    short type to be infeasible, but a planner needs to know all of them.
    """
    formulation = formulate(
        problem, risk, full_coverage=False, risk_ceiling=risk_ceiling, switchable=True
    )
    for ref in others:
        formulation.model.add(formulation.switches[ref] == 1)
    formulation.model.maximize(sum(formulation.covered))
    solver = make_solver(time_limit_s)
    solver.solve(formulation.model)
    short: dict[str, int] = {}
    for requirement, covered in zip(problem.requirements, formulation.covered, strict=True):
        missing = requirement.count - int(solver.value(covered))
        if missing:
            short[requirement.unit_type] = short.get(requirement.unit_type, 0) + missing
    return dict(sorted(short.items(), key=lambda item: (-item[1], item[0])))


def _slack_sentence(
    problem: CompositionProblem,
    risk: dict[str, float],
    others: list[ConstraintRef],
    full_coverage: bool,
    risk_ceiling: bool,
    time_limit_s: float,
) -> str:
    """Return how far one numeric constraint is missed when the rest of the set holds."""
    numeric = (ConstraintKind.MIN_CONTRIBUTORS, ConstraintKind.REGION, ConstraintKind.RISK_CEILING)
    relaxed = next((r for kind in numeric for r in others if r.kind is kind), None)
    if relaxed is None:
        verb = "cannot all hold at once" if len(others) > 1 else "cannot hold"
        return f"{_join([describe(problem, r) for r in others])} {verb}"
    rest = [r for r in others if r != relaxed]
    formulation = formulate(
        problem, risk, full_coverage=full_coverage, risk_ceiling=risk_ceiling, switchable=True
    )
    model = formulation.model
    for ref in rest:
        model.add(formulation.switches[ref] == 1)
    constraints = problem.constraints
    if relaxed.kind is ConstraintKind.MIN_CONTRIBUTORS:
        model.maximize(sum(formulation.contributing.values()))
    elif relaxed.kind is ConstraintKind.REGION:
        region = constraints.regional_balance[int(relaxed.subject)]
        model.maximize(
            formulation.units_used(
                [p for p in formulation.slots if problem.offers[p[0]].country in region.countries]
            )
        )
    else:
        model.minimize(formulation.total_risk)
    solver = make_solver(time_limit_s)
    solver.solve(model)
    best = solver.objective_value or 0.0  # an empty objective reads -0.0
    # Requirements cap the units to be had, so they limit too when nothing else does.
    allow = _clause(problem, rest, "allow", "allows", "the requirements and offers alone")
    if relaxed.kind is ConstraintKind.MIN_CONTRIBUTORS:
        found = f"at most {best:.0f} contributing countries"
        return f"{allow} {found}, fewer than the minimum of {constraints.min_contributors}"
    if relaxed.kind is ConstraintKind.REGION:
        region = constraints.regional_balance[int(relaxed.subject)]
        unit = "unit" if best == 1 else "units"
        found = f"at most {best:.0f} {unit} from {region.name}"
        return f"{allow} {found}, fewer than the minimum of {region.min_units}"
    need = _clause(problem, rest, "need", "needs", "the requirements and offers alone")
    found = f"a total risk of at least {best / RISK_SCALE:,g}"
    return f"{need} {found}, above {describe(problem, relaxed)}"
