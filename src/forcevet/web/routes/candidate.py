"""The candidate page: criteria and indicators down to each quote in its source, the
timeline of its claims, its listings, official records and ACH matrix; and its API.

``/api/candidates/{id}/explain`` is `forcevet explain ID --json`,
``/api/candidates/{id}/claims`` is `forcevet claim list --actor ID --json`, and
``/api/candidates/{id}/ach`` is `forcevet ach ID --json`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from forcevet.assessment.ach import leading_label
from forcevet.assessment.explain import explain_candidate
from forcevet.assessment.runs import pick_run, run_label
from forcevet.cases.case import get_case
from forcevet.reports.candidate import (
    ach_table,
    actor_claims,
    candidate_listings,
    candidate_records,
    claim_timeline,
    explain_in_context,
    svg_data_uri,
    timeline_svg,
)
from forcevet.store.actors import resolve_actor
from forcevet.store.store import Store
from forcevet.web.csv import CsvTable, Params, Rows, one, register
from forcevet.web.deps import get_store, viewer
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

TIMELINE_ROWS = 200  # the latest dated claims a page shows; the API and CSV give them all


def _run(store: Store, case: str | None, run: str | None) -> dict[str, Any]:
    """Return ``run`` (id or prefix) if named, else the case's latest plain run."""
    return pick_run(store, get_case(store, case).id, run)


@router.get("/candidates/{candidate_id}", include_in_schema=False)
def candidate_page(
    request: Request,
    candidate_id: str,
    run: str | None = None,
    case: str | None = None,
    store: Store = Depends(get_store),
) -> Response:
    chosen = get_case(store, case)
    result = pick_run(store, chosen.id, run)
    scenario = result["run"]["params"].get("scenario")
    if scenario and scenario != chosen.id:  # a run named by id belongs to its own case
        chosen = get_case(store, scenario)
    actor = resolve_actor(store, candidate_id, field="candidate")
    explained = explain_in_context(store, result, actor.id)
    timeline = claim_timeline(store, actor.id, limit=TIMELINE_ROWS)
    chart = timeline_svg(timeline)
    return render(
        request,
        "candidate.html",
        {
            "actor": actor,
            "case": chosen,
            "run_id": result["run"]["id"],
            "label": run_label(result),
            "hypotheses": result.get("hypotheses", {}),
            "c": explained,
            "conclusion": leading_label(explained["ach"]),
            "timeline": timeline,
            "timeline_chart": svg_data_uri(chart) if chart else "",
            "listings": candidate_listings(store, actor.id),
            "records": candidate_records(store, chosen, actor.id),
        },
    )


@router.get("/api/candidates/{candidate_id}/explain", tags=["candidates"])
def explain_api(
    candidate_id: str,
    run: str | None = None,
    case: str | None = None,
    indicator: str | None = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """A candidate's score down to each claim, quote, source and grade, from the case's
    latest plain run or ``run`` (as `forcevet explain ID --json`)."""
    result = _run(store, case, run)
    actor = resolve_actor(store, candidate_id, field="candidate")
    return explain_candidate(store, result, actor.id, indicator)


@router.get("/api/candidates/{candidate_id}/claims", tags=["candidates"])
def claims_api(candidate_id: str, store: Store = Depends(get_store)) -> list[Any]:
    """Current claims naming the candidate as subject or object, by date then id (as
    `forcevet claim list --actor ID --json`)."""
    return actor_claims(store, resolve_actor(store, candidate_id).id)


@router.get("/api/candidates/{candidate_id}/ach", tags=["candidates"])
def ach_api(
    candidate_id: str,
    run: str | None = None,
    case: str | None = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """A candidate's analysis of competing hypotheses: matrix, scores and conclusion (as
    `forcevet ach ID --json`)."""
    result = _run(store, case, run)
    actor = resolve_actor(store, candidate_id, field="candidate")
    explained = explain_candidate(store, result, actor.id)
    return {
        "candidate": actor.id,
        "run": explained["run"],
        "run_label": run_label(result),
        **explained["ach"],
    }


def _ach_rows(store: Store, params: Params) -> Rows:
    candidate = one(params, "candidate", required=True) or ""
    return ach_table(ach_api(candidate, one(params, "run"), one(params, "case"), store))


register(
    CsvTable(
        "ach",
        "A candidate's ACH matrix: each claim against each hypothesis",
        ("candidate", "case", "run"),
        _ach_rows,
        "candidate=PAK",
    )
)
