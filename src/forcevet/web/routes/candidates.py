"""The candidates page: a case's latest plain run as a table, the form that runs a new
assessment in the background, the recent runs; and the runs and jobs API.

The API answers with the same records as the command line: ``/api/runs/latest`` and
``/api/runs/{id}`` are ``forcevet assess --run ID --json``, ``/api/cases`` is
``forcevet case list --json``; ``POST /api/runs`` takes `forcevet assess`'s options
and answers with the job that runs it (``/api/jobs/{id}``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from forcevet.assessment.rubric import Rubric, parse_rubric
from forcevet.assessment.runs import latest_plain_run, list_runs, run_label, run_with_notes
from forcevet.cases.assess import (
    MAX_SAMPLES,
    MIN_SAMPLES,
    AssessmentRequest,
    prepare_assessment,
    run_assessment,
)
from forcevet.cases.case import get_case
from forcevet.errors import InputError, NotFoundError
from forcevet.model.users import Role
from forcevet.store.actors import load_actors
from forcevet.store.cases import stored_cases
from forcevet.store.sources import list_sources
from forcevet.store.store import Store
from forcevet.web.deps import Who, analyst, get_store, viewer, who_is_asking
from forcevet.web.jobs import Job, job_registry
from forcevet.web.templates import render

RECENT_RUNS = 20  # runs listed on the page; /api/runs lists them all
RUBRIC_BYTES = 256 * 1024  # a rubric is a few kilobytes; anything larger is not one

router = APIRouter(dependencies=[Depends(viewer)])


def case_run(store: Store, case: str | None, run: str | None) -> dict[str, Any] | None:
    """Return the run a page shows: ``run`` if named, else the case's latest plain run,
    or None when the case has none yet."""
    if run:
        return run_with_notes(store, run)
    try:
        latest = latest_plain_run(store, get_case(store, case).id)
    except NotFoundError:
        return None
    return run_with_notes(store, latest["run"]["id"])


@router.get("/", include_in_schema=False)
def candidates_page(
    request: Request,
    case: str | None = None,
    run: str | None = None,
    job: str | None = None,
    store: Store = Depends(get_store),
    who: Who = Depends(who_is_asking),
) -> Response:
    chosen = get_case(store, case)
    result = case_run(store, chosen.id, run)
    return render(
        request,
        "candidates.html",
        {
            "case": chosen,
            "cases": stored_cases(store),
            "result": result,
            "label": run_label(result) if result else None,
            "job": job_registry(request.app).require(job).to_dict() if job else None,
            "actors": {a.id: a.name for a in load_actors(store, chosen.candidates)},
            "sources": list_sources(store),
            "runs": list_runs(store)[:RECENT_RUNS],
            "may_assess": who.may(Role.ANALYST),
            "min_samples": MIN_SAMPLES,
            "max_samples": MAX_SAMPLES,
        },
    )


class RunOptions(BaseModel):
    """The options of a new run, as `forcevet assess` takes them."""

    case: str | None = Field(None, description="A stored case (default: the store's default).")
    candidates: list[str] = Field(
        default_factory=list, description="Ids or ISO 3166 codes (empty: the case's)."
    )
    as_of: str | None = Field(None, description="YYYY-MM-DD (default: the case's day).")
    without_sources: list[str] = Field(
        default_factory=list, description="Source ids whose claims to leave out."
    )
    samples: int = Field(10_000, description="Monte Carlo samples (100-1,000,000).")
    seed: int = Field(0, description="Random seed: the same seed, the same run.")
    two_person: bool = Field(
        False, description="Count only claims accepted by someone other than their recorder."
    )
    sign_off: bool = Field(False, description="Sign the run off as its runner.")
    rubric_yaml: str | None = Field(
        None, description="A rubric's YAML text instead of the case's rubric (a what-if run)."
    )

    def request(self) -> AssessmentRequest:
        return AssessmentRequest(
            case=self.case,
            candidates=tuple(self.candidates),
            as_of=self.as_of,
            without_sources=tuple(self.without_sources),
            samples=self.samples,
            seed=self.seed,
            two_person=self.two_person,
            sign_off=self.sign_off,
        )


def start_run(
    request: Request,
    store: Store,
    options: AssessmentRequest,
    rubric: Rubric | None,
    who: Who,
) -> Job:
    """Check the options at once (bad ones are a 400 before anything starts), then run the
    assessment as `forcevet assess` does, in one transaction, in a background job."""
    chosen, params = prepare_assessment(store, options, rubric)

    def work(job_store: Store, job: Job) -> tuple[str, dict[str, Any]]:
        with job_store.transaction():
            result = run_assessment(
                job_store,
                chosen,
                params,
                by=who.name,
                sign_off=options.sign_off,
                progress=job.report,
            )
        run_id = result["run"]["id"]
        page = "/?" + urlencode({"case": params.scenario or "", "run": run_id})
        return page, {"run": run_id, "label": run_label(result)}

    return job_registry(request.app).submit("assess", work, by=who.name)


def _rubric_of(text: bytes | str, name: str) -> Rubric:
    if len(text) > RUBRIC_BYTES:
        raise InputError(f"a rubric file is at most {RUBRIC_BYTES // 1024} KiB", field="rubric")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("the rubric file is not UTF-8 text", path=name) from exc
    return parse_rubric(text, path=name)


@router.post("/runs", include_in_schema=False)
async def run_form(
    request: Request,
    case: str | None = Form(None),
    candidates: list[str] = Form(default_factory=list),
    as_of: str | None = Form(None),
    without_sources: list[str] = Form(default_factory=list),
    samples: int = Form(10_000),
    seed: int = Form(0),
    two_person: bool = Form(False),
    sign_off: bool = Form(False),
    rubric_file: UploadFile | None = File(None),
    store: Store = Depends(get_store),
    who: Who = Depends(analyst),
) -> Response:
    rubric = None
    if rubric_file is not None and rubric_file.filename:
        rubric = _rubric_of(await rubric_file.read(RUBRIC_BYTES + 1), rubric_file.filename)
    options = AssessmentRequest(
        case=case or None,
        candidates=tuple(candidates),
        as_of=as_of or None,
        without_sources=tuple(s for s in without_sources if s),
        samples=samples,
        seed=seed,
        two_person=two_person,
        sign_off=sign_off,
    )
    job = start_run(request, store, options, rubric, who)
    target = "/?" + urlencode({"case": case or "", "job": job.id})
    return RedirectResponse(target, status_code=303)


@router.post("/api/runs", tags=["runs"], status_code=202)
def new_run_api(
    request: Request,
    options: RunOptions,
    store: Store = Depends(get_store),
    who: Who = Depends(analyst),
) -> JSONResponse:
    """Run a new assessment (as `forcevet assess` with these options) in the background;
    answers with the job: poll /api/jobs/{id} until its state is done, then read its
    ``result.run`` at /api/runs/{run}."""
    rubric = _rubric_of(options.rubric_yaml, "rubric_yaml") if options.rubric_yaml else None
    job = start_run(request, store, options.request(), rubric, who)
    return JSONResponse(job.to_dict(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/api/jobs/{job_id}", tags=["runs"])
def job_api(request: Request, job_id: str) -> dict[str, Any]:
    """A background job: {state, progress, message, redirect, result}."""
    return job_registry(request.app).require(job_id).to_dict()


@router.get("/api/cases", tags=["cases"])
def cases_api(store: Store = Depends(get_store)) -> list[Any]:
    """The store's cases, the default first (as `forcevet case list --json`)."""
    return [
        {
            "id": c.id,
            "title": c.title,
            "origin": c.origin,
            "default": c.is_default,
            "loaded_by": c.loaded_by,
            "loaded_at": c.loaded_at,
        }
        for c in stored_cases(store)
    ]


@router.get("/api/runs", tags=["runs"])
def runs_api(store: Store = Depends(get_store)) -> list[Any]:
    """Every stored run, newest first (as `forcevet run list --json`)."""
    return list_runs(store)


@router.get("/api/runs/latest", tags=["runs"])
def latest_run_api(case: str | None = None, store: Store = Depends(get_store)) -> dict[str, Any]:
    """A case's latest plain run (the default case's unless ``case`` names one)."""
    result = case_run(store, case, None)
    if result is None:
        chosen = get_case(store, case)
        raise NotFoundError(f"no plain run of case {chosen.id} yet", field="run")
    return result


@router.get("/api/runs/{run_id}", tags=["runs"])
def run_api(run_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One stored run by id or unique prefix (as `forcevet assess --run ID --json`)."""
    return run_with_notes(store, run_id)
