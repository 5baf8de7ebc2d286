"""Assess a stored case as `forcevet assess` does, for every interface that runs one.

The command line and the web workspace both read their options into an
``AssessmentRequest`` and call ``assess_case`` in one transaction, so a run from
the browser is the run the same options give on the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forcevet.assessment.engine import assess
from forcevet.assessment.inputs import AssessmentParams
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.runs import store_run
from forcevet.cases.case import get_case, run_params
from forcevet.errors import InputError
from forcevet.model.dates import parse_day
from forcevet.store.actors import resolve_actor
from forcevet.store.sources import require_source
from forcevet.store.store import Store

MIN_SAMPLES = 100
MAX_SAMPLES = 1_000_000
MAX_SEED = 2**32 - 1

# Told how far a run has got: a share of the work done (0-1) and what it is doing.
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class AssessmentRequest:
    """The options of one assessment, as `forcevet assess` takes them.

    ``candidates`` are ids, ISO 3166 codes or known names (empty: the case's);
    ``as_of`` is YYYY-MM-DD text (None: the case's day).
    """

    case: str | None = None
    candidates: tuple[str, ...] = ()
    as_of: str | None = None
    without_sources: tuple[str, ...] = ()
    samples: int = 10_000
    seed: int = 0
    two_person: bool = False
    sign_off: bool = False


def _check_numbers(request: AssessmentRequest) -> None:
    if not MIN_SAMPLES <= request.samples <= MAX_SAMPLES:
        raise InputError(
            f"expected {MIN_SAMPLES:,} to {MAX_SAMPLES:,} samples, got {request.samples}",
            field="samples",
        )
    if not 0 <= request.seed <= MAX_SEED:
        raise InputError(f"expected a seed from 0 to {MAX_SEED}, got {request.seed}", field="seed")


def _quiet(_share: float, _message: str) -> None:
    return None


def prepare_assessment(
    store: Store, request: AssessmentRequest, rubric: Rubric | None = None
) -> tuple[Rubric, AssessmentParams]:
    """Return the rubric and parameters of the case's assessment under ``request``, or
    raise InputError naming the option at fault.

    Quick (no evidence is read), so an interface can refuse bad options before it
    starts a run. ``rubric`` replaces the case's rubric (a what-if run).
    """
    _check_numbers(request)
    case = get_case(store, request.case)
    chosen = rubric or case.rubric
    names = [c.strip() for c in request.candidates if c.strip()]
    for source_id in request.without_sources:
        require_source(store, source_id, field="without_source")
    params = run_params(
        case,
        chosen,
        candidates=tuple(resolve_actor(store, c, field="candidates").id for c in names) or None,
        as_of=parse_day(request.as_of, field="as_of") if request.as_of else None,
        without_sources=tuple(request.without_sources),
        samples=request.samples,
        seed=request.seed,
        two_person=request.two_person,
    )
    return chosen, params


def run_assessment(
    store: Store,
    rubric: Rubric,
    params: AssessmentParams,
    *,
    by: str,
    sign_off: bool = False,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Return the stored run (with its notes) of an assessment with ``params``.

    Runs in the caller's transaction: on any error nothing is stored.
    """
    progress(0.1, f"assessing {len(params.candidates)} candidates, {params.samples:,} samples")
    result = assess(store, rubric, params, by=by)
    progress(0.9, "storing the run")
    stored = store_run(store, result, sign_off=sign_off)
    progress(1.0, "done")
    return stored


def assess_case(
    store: Store, request: AssessmentRequest, *, by: str, rubric: Rubric | None = None
) -> dict[str, Any]:
    """Return the stored run (with its notes) of the case's assessment under ``request``,
    as `forcevet assess` makes it; ``rubric`` replaces the case's (a what-if run)."""
    chosen, params = prepare_assessment(store, request, rubric)
    return run_assessment(store, chosen, params, by=by, sign_off=request.sign_off)
