"""`forcevet report`: the HTML, Markdown and JSON report of any case and any run."""

from __future__ import annotations

from pathlib import Path

import typer

from forcevet.cli.output import print_json, settings_of
from forcevet.reports.case_report import choose_report_run, write_case_report
from forcevet.store.store import open_store


def report_command(
    ctx: typer.Context,
    case_name: str | None = typer.Option(
        None, "--case", metavar="NAME", help="The case to report (default: the store's case)."
    ),
    run: str | None = typer.Option(
        None,
        "--run",
        help="Report this run (id or prefix) instead of the case's latest plain run.",
    ),
    out: Path = typer.Option(
        ..., "--out", metavar="DIR", file_okay=False, help="Folder to write the report into."
    ),
    json: bool = typer.Option(False, "--json", help="Print what was written as JSON."),
) -> None:
    """Write a case's report (HTML, Markdown, JSON) for its latest plain run or a given one.

    The report holds the assessment with its charts, each candidate's evidence and
    official records, the listings of the armed groups and people in the case,
    the ingested articles and, when the case has requirements and offers, the
    force composed from the run's risks. Without --run it uses the case's latest
    plain run (no source left out, the case's as-of day), never a what-if, and
    says which run it used. docs/report-json.md lists what report.json holds.
    Example: forcevet report --case haiti-mss --out haiti-report
    """
    with open_store(settings_of(ctx)) as store:
        case, result = choose_report_run(store, case_name, run)
        written = write_case_report(store, case, result, out)
    if json:
        print_json(
            {
                "case": case.id,
                "run": written.run_id,
                "run_label": written.run_label,
                "composition_status": written.composition_status,
                "files": [str(p) for p in written.paths],
            }
        )
        return
    typer.echo(f"case:    {case.id} ({case.title})")
    typer.echo(f"using:   {written.run_label}")
    typer.echo(
        "composed: "
        + (
            f"{written.composition_status} (risks from the run)"
            if written.composition_status
            else "no (the case has no requirements and offers)"
        )
    )
    for path in written.paths:
        typer.echo(f"report:  {path}")
