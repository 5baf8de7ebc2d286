"""The candidates page: a case's latest plain run as a table, and the runs API.

The API answers with the same records as the command line: ``/api/runs/latest`` and
``/api/runs/{id}`` are ``forcevet assess --run ID --json``, ``/api/cases`` is
``forcevet case list --json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from forcevet.assessment.runs import latest_plain_run, list_runs, run_label, run_with_notes
from forcevet.cases.case import get_case
from forcevet.errors import NotFoundError
from forcevet.store.cases import stored_cases
from forcevet.store.store import Store
from forcevet.web.deps import get_store, viewer
from forcevet.web.templates import render

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
    store: Store = Depends(get_store),
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
        },
    )


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
