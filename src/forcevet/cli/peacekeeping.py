"""`forcevet import peacekeeping` and `forcevet peacekeeping`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer

from forcevet.cli.output import print_json, settings_of
from forcevet.cli.transfer import import_app
from forcevet.ingest.records.peacekeeping import import_peacekeeping
from forcevet.model.countries import require_country
from forcevet.store.peacekeeping import peacekeeping_summary
from forcevet.store.store import open_store


@import_app.command("peacekeeping")
def import_peacekeeping_command(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        metavar="FILE",
        help="A UN peacekeeping contributions CSV: IPI monthly by country, IPI by country "
        "and mission, or the UN open data portal's ranking (found by its header).",
    ),
    by: str | None = typer.Option(None, "--by", help="Who imports (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Import UN peacekeeping contributions as records, accepted claims and coverage.

    Every row is checked first; a bad row, a truncated file or text that is not UTF-8
    leaves the store unchanged (exit 2). Importing the same file again adds nothing.
    Grading and layouts: docs/peacekeeping.md.

    Example: forcevet import peacekeeping un_odp_contributor_rank_2022-01.csv
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        report = import_peacekeeping(store, path, by=by or settings.user)
    if json:
        print_json({**asdict(report), "status": report.status})
    else:
        typer.echo(report.summary())


def peacekeeping_command(
    ctx: typer.Context,
    countries: list[str] = typer.Argument(
        ..., metavar="ISO3...", help="Countries by ISO 3166 alpha-3 code, such as PAK IDN."
    ),
    json: bool = typer.Option(False, "--json", help="Print the records as JSON."),
) -> None:
    """Show each country's UN peacekeeping record computed from the imported datasets.

    Peak and most recent uniformed personnel, the years served and the latest rank
    among contributors, each with the source it comes from.

    Example: forcevet peacekeeping PAK IDN --json
    """
    codes = [require_country(c, field="ISO3") for c in countries]
    with open_store(settings_of(ctx)) as store:
        summaries = [peacekeeping_summary(store, code) for code in codes]
    if json:
        print_json([asdict(s) for s in summaries])
        return
    for summary in summaries:
        typer.echo(summary.country)
        for line in summary.lines():
            typer.echo(f"  {line}")
