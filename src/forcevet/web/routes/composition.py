"""The composition what-if page and its API.

``/compose`` shows a case's composition as `forcevet compose` solves it and a
form of switches (vetoes, caps, offers, conditions; composition/whatif.py): sent,
the what-if is solved beside the plain composition, with what changed or, when
infeasible, the library's plain-words explanation. A what-if can be saved under
a name and reopened (``/compose?variant=NAME``); the Pareto frontier runs as a
background job. ``GET /api/compose`` is `forcevet compose --json`;
``POST /api/compose`` solves a what-if sent as JSON.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from forcevet.composition.casework import (
    CaseInputs,
    FrontierRequest,
    case_inputs,
    compose_whatif,
    parse_frontier_request,
    trace_case_frontier,
    whatif_record,
)
from forcevet.composition.rules import country_name
from forcevet.composition.solve import Objective
from forcevet.composition.variants import list_variants, require_variant, save_variant
from forcevet.composition.whatif import (
    SCALARS,
    WhatIf,
    apply_whatif,
    offered_conditions,
    parse_whatif,
    whatif_from_params,
)
from forcevet.errors import InputError
from forcevet.model.users import Role
from forcevet.reports.composition import (
    ILLUSTRATIVE_NOTE,
    composition_chart_svg,
    composition_record,
    composition_rows,
    frontier_record,
    pareto_chart_svg,
)
from forcevet.store.cases import stored_cases
from forcevet.store.store import Store
from forcevet.web.csv import CsvTable, Params, Rows, register
from forcevet.web.deps import Who, analyst, get_store, viewer, who_is_asking, writing
from forcevet.web.jobs import Job, job_registry
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

CSV_COLUMNS = (
    "country",
    "country_name",
    "requirement",
    "sector",
    "unit_type",
    "units",
    "slots",
    "personnel",
    "planned_personnel",
    "risk",
    "weighted_risk",
    "assessed",
    "illustrative",
)


def _multi(items: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in items:
        found.setdefault(name, []).append(value)
    return found


def _whatif(store: Store, inputs: CaseInputs, params: Mapping[str, list[str]]) -> WhatIf:
    """Return the saved variant ``params`` names, else the what-if of the form's fields."""
    variant = (params.get("variant") or [""])[-1].strip()
    if variant:
        return require_variant(store, inputs.case_id, variant).whatif
    return whatif_from_params(params, inputs.problem.constraints)


def _svg_image(svg: str) -> str:
    """Return an SVG as a data: URI, which the CSP allows for images."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _one(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if not isinstance(value, str):
        return None
    return value.strip() or None


@router.get("/compose", include_in_schema=False)
def compose_page(
    request: Request,
    case: str | None = None,
    run: str | None = None,
    store: Store = Depends(get_store),
    who: Who = Depends(who_is_asking),
) -> Response:
    inputs = case_inputs(store, case, run)
    params = _multi(request.query_params.multi_items())
    whatif = _whatif(store, inputs, params)
    outcome = compose_whatif(inputs, whatif)
    problem = apply_whatif(inputs.problem, whatif)
    result = outcome.result
    link = [("case", inputs.case_id), *([("run", run)] if run else []), *whatif.to_params()]
    return render(
        request,
        "compose.html",
        {
            "inputs": inputs,
            "cases": stored_cases(store),
            "run": run or "",
            "outcome": outcome,
            "whatif": whatif,
            "variant": _one(params, "variant"),
            "effective": problem.constraints,
            "case_constraints": inputs.problem.constraints,
            "conditions": offered_conditions(inputs.problem),
            "countries": sorted({o.country for o in inputs.problem.offers}),
            "country_name": country_name,
            "objectives": list(Objective),
            "rows": composition_rows(result),
            "baseline_rows": composition_rows(outcome.baseline),
            "chart": _svg_image(composition_chart_svg(result)) if result.assignments else None,
            "illustrative_note": ILLUSTRATIVE_NOTE,
            "variants": list_variants(store, inputs.case_id),
            "can_save": who.may(Role.ANALYST),
            "params": whatif.to_params(),
            "csv_link": "/exports/csv?" + urlencode([("table", "composition"), *link]),
            "api_link": "/api/compose?" + urlencode([("case", inputs.case_id)]),
        },
    )


@router.post("/compose/variants", include_in_schema=False)
async def save_variant_form(
    request: Request,
    store: Store = Depends(get_store),
    who: Who = Depends(analyst),
) -> Response:
    form = _multi((k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str))
    inputs = case_inputs(store, _one(form, "case"))
    whatif = whatif_from_params(form, inputs.problem.constraints)
    with writing(store):
        saved = save_variant(
            store, inputs.case_id, _one(form, "name") or "", whatif, inputs.problem, by=who.name
        )
    target = "/compose?" + urlencode({"case": inputs.case_id, "variant": saved.name})
    return RedirectResponse(target, status_code=303)


def start_frontier(
    request: Request, inputs: CaseInputs, whatif: WhatIf, options: FrontierRequest, who: Who
) -> Job:
    """Check the what-if at once (a bad switch is a 400), then trace its frontier in a
    background job whose result is the frontier's record and chart."""
    apply_whatif(inputs.problem, whatif)

    def work(_: Store, job: Job) -> tuple[str, dict[str, Any]]:
        frontier = trace_case_frontier(inputs, whatif, options, progress=job.report)
        return f"/compose/frontier/{job.id}", {
            "case": inputs.case_id,
            "what_if": whatif.to_dict(),
            "params": whatif.to_params(),
            "frontier": frontier_record(frontier, inputs.risks_from),
            "chart": _svg_image(pareto_chart_svg(frontier)) if frontier.points else None,
        }

    return job_registry(request.app).submit("frontier", work, by=who.name)


@router.post("/compose/frontier", include_in_schema=False)
async def frontier_form(
    request: Request,
    store: Store = Depends(get_store),
    who: Who = Depends(viewer),
) -> Response:
    form = _multi((k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str))
    inputs = case_inputs(store, _one(form, "case"), _one(form, "run"))
    options = parse_frontier_request(
        {k: v for k in ("points", "time_limit_s") if (v := _one(form, k)) is not None}
    )
    job = start_frontier(
        request, inputs, whatif_from_params(form, inputs.problem.constraints), options, who
    )
    return RedirectResponse(f"/compose/frontier/{job.id}", status_code=303)


@router.get("/compose/frontier/{job_id}", include_in_schema=False)
def frontier_page(request: Request, job_id: str) -> Response:
    job = job_registry(request.app).require(job_id).to_dict()
    result = job["result"]
    back = "/compose?" + urlencode([("case", result.get("case", "")), *result.get("params", [])])
    return render(request, "compose_frontier.html", {"job": job, "back": back})


@router.get("/api/compose", tags=["composition"])
def compose_api(
    case: str | None = None, run: str | None = None, store: Store = Depends(get_store)
) -> dict[str, Any]:
    """The case's composition, as `forcevet compose --json` prints it."""
    inputs = case_inputs(store, case, run)
    outcome = compose_whatif(inputs, WhatIf())
    return composition_record(outcome.result, outcome.risks_from)


@router.post("/api/compose", tags=["composition"])
def whatif_api(
    what_if: dict[str, Any] | None = Body(None),
    case: str | None = None,
    run: str | None = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Solve a what-if of the case: the body is its switches (constraints, replace_constraints,
    lift_vetoes, offers_off, conditions_off, objective). Answers with the composition as
    `forcevet compose --json`, its infeasibility explanation when there is none, the case,
    the switches, the plain composition's totals and what changed."""
    inputs = case_inputs(store, case, run)
    return whatif_record(compose_whatif(inputs, parse_whatif(what_if)))


@router.post("/api/compose/frontier", tags=["composition"], status_code=202)
def frontier_api(
    request: Request,
    body: dict[str, Any] | None = Body(None),
    case: str | None = None,
    run: str | None = None,
    store: Store = Depends(get_store),
    who: Who = Depends(viewer),
) -> JSONResponse:
    """Trace the what-if's Pareto frontier in the background (body: what_if, points,
    time_limit_s); answers with the job: poll /api/jobs/{id}, then read its result."""
    body = dict(body or {})
    whatif = parse_whatif(body.pop("what_if", None))
    inputs = case_inputs(store, case, run)
    job = start_frontier(request, inputs, whatif, parse_frontier_request(body), who)
    return JSONResponse(job.to_dict(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})


@router.get("/api/compose/variants", tags=["composition"])
def variants_api(case: str | None = None, store: Store = Depends(get_store)) -> list[Any]:
    """The case's saved what-ifs, newest first."""
    inputs = case_inputs(store, case)
    return [v.to_dict() for v in list_variants(store, inputs.case_id)]


@router.post("/api/compose/variants", tags=["composition"], status_code=201)
def save_variant_api(
    body: dict[str, Any] = Body(...),
    case: str | None = None,
    store: Store = Depends(get_store),
    who: Who = Depends(analyst),
) -> dict[str, Any]:
    """Save a what-if (body: name, what_if) as a named variant of the case."""
    name = body.get("name")
    if not isinstance(name, str):
        raise InputError("expected the variant's name as text", field="name")
    inputs = case_inputs(store, case)
    whatif = parse_whatif(body.get("what_if"))
    with writing(store):
        saved = save_variant(store, inputs.case_id, name, whatif, inputs.problem, by=who.name)
    return saved.to_dict()


@router.get("/api/compose/variants/{name}", tags=["composition"])
def variant_api(
    name: str, case: str | None = None, run: str | None = None, store: Store = Depends(get_store)
) -> dict[str, Any]:
    """A saved what-if solved again: as POST /api/compose with its switches."""
    inputs = case_inputs(store, case, run)
    variant = require_variant(store, inputs.case_id, name)
    return whatif_record(compose_whatif(inputs, variant.whatif)) | {"variant": variant.to_dict()}


def composition_table(store: Store, params: Params) -> Rows:
    """Return the composition table of a what-if (the page's query: case, run, variant, the
    switches) as CSV columns and rows: the exports registry's ``composition`` table."""
    multi = {k: list(v) for k, v in params.items()}
    inputs = case_inputs(store, _one(multi, "case"), _one(multi, "run"))
    outcome = compose_whatif(inputs, _whatif(store, inputs, multi))
    rows = [
        [getattr(row, column) for column in CSV_COLUMNS] for row in composition_rows(outcome.result)
    ]
    return list(CSV_COLUMNS), rows


register(
    CsvTable(
        "composition",
        "Composition: which offer fills which requirement (a what-if's, with its switches)",
        ("case", "run", "variant", "veto", "lift", "off", "drop", "objective", *SCALARS),
        composition_table,
        example="case=gaza-isf",
    )
)
