"""The compare pages: two or three candidates of one run side by side, indicator by
indicator; and two runs side by side with what caused each change. And their API:
``/api/compare?c=IDN&c=PAK`` and ``/api/runs/{a}/diff/{b}``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from forcevet.assessment.compare import side_by_side, side_by_side_table
from forcevet.assessment.diff import diff_runs, diff_table
from forcevet.assessment.runs import list_runs, pick_run, require_run, run_label
from forcevet.cases.case import get_case
from forcevet.store.actors import resolve_actor
from forcevet.store.store import Store
from forcevet.web.csv import CsvTable, Params, Rows, one, register
from forcevet.web.deps import get_store, viewer
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

CANDIDATES_HELP = "Two or three candidate ids or ISO 3166 codes (repeat c)."


def _compared(
    store: Store, case: str | None, run: str | None, candidates: list[str]
) -> dict[str, Any]:
    """Return the candidates side by side in ``run``, else in the case's latest plain run."""
    result = pick_run(store, get_case(store, case).id, run)
    return side_by_side(result, [resolve_actor(store, c, field="c").id for c in candidates])


@router.get("/compare", include_in_schema=False)
def compare_page(
    request: Request,
    c: list[str] = Query(default_factory=list),
    run: str | None = None,
    case: str | None = None,
    store: Store = Depends(get_store),
) -> Response:
    result = pick_run(store, get_case(store, case).id, run)
    chosen = [resolve_actor(store, x, field="c").id for x in c if x.strip()]
    compared = side_by_side(result, chosen) if len(chosen) >= 2 else None
    return render(
        request,
        "compare.html",
        {
            "result": result,
            "label": run_label(result),
            "chosen": chosen,
            "compared": compared,
            "csv_url": "/exports/csv?"
            + urlencode(
                [("table", "compare"), ("run", result["run"]["id"])] + [("c", x) for x in chosen]
            ),
            "runs": list_runs(store),
        },
    )


@router.get("/compare/runs", include_in_schema=False)
def compare_runs_page(
    request: Request,
    a: str | None = None,
    b: str | None = None,
    store: Store = Depends(get_store),
) -> Response:
    diff = diff_runs(require_run(store, a), require_run(store, b)) if a and b else None
    return render(
        request,
        "compare_runs.html",
        {"diff": diff, "runs": list_runs(store), "a": a or "", "b": b or ""},
    )


@router.get("/api/compare", tags=["compare"])
def compare_api(
    c: list[str] = Query(default_factory=list, description=CANDIDATES_HELP),
    run: str | None = None,
    case: str | None = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Two or three candidates of one run (``run``, else the case's latest plain run)
    side by side: per indicator each one's value, coverage and number of claims."""
    return _compared(store, case, run, c)


@router.get("/api/runs/{a}/diff/{b}", tags=["runs"])
def diff_api(a: str, b: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Two stored runs side by side: what changed in their parameters and claims (and
    ``causes`` in words), and per candidate its score and rank change with the
    indicators whose value or evidence changed."""
    return diff_runs(require_run(store, a), require_run(store, b))


def _compare_rows(store: Store, params: Params) -> Rows:
    return side_by_side_table(
        _compared(store, one(params, "case"), one(params, "run"), list(params.get("c", ())))
    )


def _diff_rows(store: Store, params: Params) -> Rows:
    a, b = one(params, "a", required=True), one(params, "b", required=True)
    return diff_table(diff_runs(require_run(store, a), require_run(store, b)))


register(
    CsvTable(
        "compare",
        "Two or three candidates of a run, indicator by indicator",
        ("c", "case", "run"),
        _compare_rows,
        "c=PAK&c=IDN",
    )
)
register(CsvTable("run-diff", "Two runs: each candidate's change", ("a", "b"), _diff_rows))
