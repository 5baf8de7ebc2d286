"""A case's composition from the store, and a what-if of it beside it.

`forcevet compose` and the web workspace's composition page share these: the
case's problem, the risks of its latest plain run (or a named run) and where
they came from; then the plain composition, the what-if's, and what changed
between the two, assignment by assignment and country by country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from forcevet.assessment.runs import pick_run, run_label, run_risks
from forcevet.cases.case import Case, get_case
from forcevet.composition.formulation import DEFAULT_TIME_LIMIT_S
from forcevet.composition.pareto import (
    DEFAULT_FRONTIER_TIME_LIMIT_S,
    DEFAULT_POINTS,
    Frontier,
    Progress,
    trace_frontier,
)
from forcevet.composition.problem import CompositionProblem
from forcevet.composition.solve import CompositionResult, solve_composition
from forcevet.composition.whatif import WhatIf, apply_whatif
from forcevet.documents import validate
from forcevet.errors import InputError
from forcevet.reports.composition import composition_record
from forcevet.store.store import Store


@dataclass(frozen=True)
class CaseInputs:
    """What a case's composition is solved from: its problem, the risks and their origin."""

    case_id: str
    problem: CompositionProblem
    risks: dict[str, float]
    risks_from: dict[str, Any]
    """``{"run": id, "label": words}``, as `forcevet compose --json` prints it."""
    title: str = ""


@dataclass(frozen=True)
class AssignmentChange:
    """One offer's part in one requirement, before and after a what-if."""

    requirement_id: str
    offer_id: str
    country: str
    sector: str
    unit_type: str
    units_before: int
    units_after: int
    slots_before: int
    slots_after: int

    @property
    def kind(self) -> str:
        """Return "added", "removed" or "changed"."""
        if not self.units_before:
            return "added"
        return "removed" if not self.units_after else "changed"


@dataclass(frozen=True)
class ContributionChange:
    """One country's personnel before and after a what-if."""

    country: str
    personnel_before: int
    personnel_after: int


@dataclass(frozen=True)
class WhatIfOutcome:
    """The case's plain composition, the what-if's, and what changed between them."""

    case_id: str
    whatif: WhatIf
    baseline: CompositionResult
    result: CompositionResult
    risks_from: dict[str, Any]
    changes: tuple[AssignmentChange, ...]
    contributions: tuple[ContributionChange, ...]


def require_case_problem(case: Case) -> CompositionProblem:
    """Return the case's composition problem, or raise InputError saying how to add one."""
    if case.problem is None:
        raise InputError(
            f"case {case.id} has no requirements and offers: add "
            "requirements.yaml and offers.yaml to its folder and load it again",
            field="case",
        )
    return case.problem


def risks_of_run(result: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
    """Return a stored run's risks by country and the record naming the run they came from."""
    return run_risks(result), {"run": result["run"]["id"], "label": run_label(result)}


def case_inputs(store: Store, case: str | None = None, run: str | None = None) -> CaseInputs:
    """Return the case's problem (the default case's unless named) with the risks of
    ``run``, else of its latest plain run, as `forcevet compose` takes them."""
    loaded = get_case(store, case)
    problem = require_case_problem(loaded)
    risks, risks_from = risks_of_run(pick_run(store, loaded.id, run))
    return CaseInputs(loaded.id, problem, risks, risks_from, loaded.title)


def compose_whatif(
    inputs: CaseInputs, whatif: WhatIf, *, time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> WhatIfOutcome:
    """Return the case's plain composition (lowest risk, as `forcevet compose`) and the
    what-if's, solved with the same risks, and what changed.

    A plain what-if is solved once. An infeasible what-if carries the plain-words
    explanation in ``result.infeasibility``, as the command line prints it.
    """
    problem = apply_whatif(inputs.problem, whatif)  # bad switches fail before any solve
    baseline = solve_composition(inputs.problem, inputs.risks, time_limit_s=time_limit_s)
    result = baseline
    if not whatif.is_plain:
        result = solve_composition(
            problem, inputs.risks, whatif.objective, time_limit_s=time_limit_s
        )
    return WhatIfOutcome(
        case_id=inputs.case_id,
        whatif=whatif,
        baseline=baseline,
        result=result,
        risks_from=inputs.risks_from,
        changes=compare_assignments(baseline, result),
        contributions=compare_contributions(baseline, result),
    )


class FrontierRequest(BaseModel):
    """How a frontier is traced: its steps and its time in all, as `compose --pareto` takes them."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    points: int = Field(default=DEFAULT_POINTS, ge=2, le=100)
    time_limit_s: float = Field(default=DEFAULT_FRONTIER_TIME_LIMIT_S, ge=1, le=600)


def parse_frontier_request(document: Any) -> FrontierRequest:
    """Return ``document`` (points, time_limit_s) as a FrontierRequest, or raise InputError."""
    return validate(FrontierRequest, document or {}, path="frontier")


def trace_case_frontier(
    inputs: CaseInputs,
    whatif: WhatIf,
    request: FrontierRequest,
    progress: Progress | None = None,
) -> Frontier:
    """Return the risk-versus-coverage frontier of the what-if (or of the case, when plain)."""
    return trace_frontier(
        apply_whatif(inputs.problem, whatif),
        inputs.risks,
        points=request.points,
        time_limit_s=request.time_limit_s,
        progress=progress,
    )


def compare_assignments(
    before: CompositionResult, after: CompositionResult
) -> tuple[AssignmentChange, ...]:
    """Return every (requirement, offer) whose units or slots differ, by requirement."""
    old = {(a.requirement_id, a.offer_id): a for a in before.assignments}
    new = {(a.requirement_id, a.offer_id): a for a in after.assignments}
    changes = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        some = now or was
        assert some is not None
        units = (was.units if was else 0, now.units if now else 0)
        slots = (was.slots if was else 0, now.slots if now else 0)
        if units[0] == units[1] and slots[0] == slots[1]:
            continue
        changes.append(
            AssignmentChange(
                requirement_id=key[0],
                offer_id=key[1],
                country=some.country,
                sector=some.sector,
                unit_type=some.unit_type,
                units_before=units[0],
                units_after=units[1],
                slots_before=slots[0],
                slots_after=slots[1],
            )
        )
    return tuple(changes)


def compare_contributions(
    before: CompositionResult, after: CompositionResult
) -> tuple[ContributionChange, ...]:
    """Return each country's personnel before and after, largest after first."""
    old = {c.country: c.personnel for c in before.contributions}
    new = {c.country: c.personnel for c in after.contributions}
    return tuple(
        sorted(
            (ContributionChange(c, old.get(c, 0), new.get(c, 0)) for c in old.keys() | new.keys()),
            key=lambda c: (-c.personnel_after, -c.personnel_before, c.country),
        )
    )


def whatif_record(outcome: WhatIfOutcome) -> dict[str, Any]:
    """Return the what-if's composition as `forcevet compose --json` prints one, with the
    case, the what-if's switches, the plain composition's totals and what changed."""
    baseline = outcome.baseline
    return composition_record(outcome.result, outcome.risks_from) | {
        "case": outcome.case_id,
        "what_if": outcome.whatif.to_dict(),
        "baseline": {
            "status": baseline.status.value,
            "total_risk": round(baseline.total_risk, 3),
            "coverage": round(baseline.coverage, 4),
            "total_personnel": baseline.total_personnel,
        },
        "changes": [
            {
                "requirement": c.requirement_id,
                "offer": c.offer_id,
                "country": c.country,
                "change": c.kind,
                "units_before": c.units_before,
                "units_after": c.units_after,
                "slots_before": c.slots_before,
                "slots_after": c.slots_after,
            }
            for c in outcome.changes
        ],
    }
