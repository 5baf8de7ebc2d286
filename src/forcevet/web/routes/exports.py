"""Exports: every table of the workspace as CSV, and a case's report as HTML, Markdown,
JSON or a zip of the whole report folder, written by the function `forcevet report` uses.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from forcevet.errors import InputError
from forcevet.reports.case_report import choose_report_run, write_case_report
from forcevet.store.cases import stored_cases
from forcevet.store.store import Store
from forcevet.web.csv import TABLES, require_table, write_csv
from forcevet.web.deps import get_store, viewer
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "zip": "application/zip",
}


def _download(content: str | bytes, media_type: str, filename: str) -> Response:
    # attachment: a report's own styles and scripts never run under the workspace's origin
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/exports", include_in_schema=False)
def exports_page(request: Request, store: Store = Depends(get_store)) -> Response:
    return render(
        request,
        "exports.html",
        {
            "tables": sorted(TABLES.values(), key=lambda t: t.id),
            "cases": stored_cases(store),
            "formats": list(REPORT_TYPES),
        },
    )


@router.get("/exports/csv", tags=["exports"])
def csv_export(request: Request, table: str, store: Store = Depends(get_store)) -> Response:
    """A table of the workspace as CSV (``table`` from /exports; its parameters as the
    page's, e.g. ``?table=indicators&candidate=PAK&run=run-...``). Cells a spreadsheet
    would run as formulas start with an apostrophe."""
    chosen = require_table(table)
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if chosen.with_app is not None:
        columns, rows = chosen.with_app(request, store, params)
    else:
        columns, rows = chosen.rows(store, params)
    return _download(write_csv(columns, rows), "text/csv; charset=utf-8", f"{chosen.id}.csv")


@router.get("/exports/report.{kind}", tags=["exports"])
def report_export(
    kind: str, case: str | None = None, run: str | None = None, store: Store = Depends(get_store)
) -> Response:
    """A case's report for a run (default: the case's latest plain run), as `forcevet
    report` writes it: report.html, report.md, report.json, or report.zip with its charts."""
    if kind not in REPORT_TYPES:
        raise InputError(f"no report.{kind}; use one of: {', '.join(REPORT_TYPES)}", field="kind")
    chosen, result = choose_report_run(store, case, run)
    with tempfile.TemporaryDirectory(prefix="forcevet-report-") as folder:
        out = Path(folder) / "report"
        out.mkdir()
        write_case_report(store, chosen, result, out)
        if kind == "zip":
            archive = shutil.make_archive(str(Path(folder) / "report"), "zip", out)
            content: str | bytes = Path(archive).read_bytes()
        else:
            content = (out / f"report.{kind}").read_bytes()
    name = f"{chosen.id}-{result['run']['id']}-report.{kind}"
    return _download(content, REPORT_TYPES[kind], name)
