"""`forcevet init` and `forcevet demo`."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

import typer

from forcevet.cli.output import print_json, settings_of
from forcevet.store.setup import init_store
from forcevet.store.store import open_store


def init_command(
    ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create or migrate the store and load every ISO 3166 country as a state actor.

    Safe to run again. Example: forcevet --db sqlite:///team.db init
    """
    with open_store(settings_of(ctx), require_schema=False) as store, store.transaction():
        report = init_store(store)
    if json:
        print_json(asdict(report))
    else:
        typer.echo(
            f"store ready at {report.url} (schema {report.revision}); "
            f"{report.countries} countries loaded as state actors"
        )


def demo_command(
    article: Path | None = typer.Option(
        None,
        "--article",
        exists=True,
        dir_okay=False,
        help="The seed opinion article to ingest (default: forcevet's bundled summary of it).",
    ),
    un_list: Path | None = typer.Option(
        None,
        "--un-list",
        exists=True,
        dir_okay=False,
        help="The UN Security Council's consolidated list (XML) to import (default: the "
        "bundled excerpt of it).",
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="Folder for the demo store and reports (default: a new temporary folder).",
        file_okay=False,
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Write into a folder that holds other files too (never over a store the demo "
        "did not create).",
    ),
) -> None:
    """Run the bundled Gaza ISF case from ingest to report in a fresh store.

    Loads the bundled case as `forcevet case load gaza-isf` does, imports the
    designation lists and screens the actors, ingests the seed article (or the
    bundled summary of it), assesses every candidate (the case's plain run),
    composes the force, and writes report.md, report.html and report.json with
    their charts, as `forcevet report` does.

    The --out folder must be new, empty, or one the demo wrote before (it lists
    its files in .forcevet-demo and replaces only those): a folder holding other
    files is refused unless --force, and a forcevet.db the demo did not create
    is never replaced.
    Example: forcevet demo --out demo-output --article opinion.txt
    """
    from forcevet.demo import run_demo  # the whole pipeline: imported when the demo runs

    folder = out or Path(tempfile.mkdtemp(prefix="forcevet-demo-"))
    result = run_demo(folder, article=article, un_list=un_list, force=force)
    typer.echo(f"store:   {result.db_url}")
    typer.echo(
        f"loaded:  {result.candidates} candidates, {result.sources} sources, {result.claims} claims"
    )
    typer.echo(
        f"listed:  {', '.join(Path(p).name for p in result.lists)}; screening proposed "
        f"{result.screening_proposals} links for review"
    )
    typer.echo(
        f"ingested: {result.article}: {result.proposed} claims proposed for review "
        "(none accepted automatically: only reviewed claims count)"
    )
    typer.echo(
        f"assessed: {result.run_label}; ranked, lowest to highest risk: "
        f"{', '.join(result.ranking) or 'none'}"
        + (
            f"; insufficient evidence to rank: {', '.join(result.unranked)}"
            if result.unranked
            else ""
        )
    )
    typer.echo(f"composed: {result.composition_status} (OR-Tools CP-SAT, risks from the run)")
    for path in result.reports:
        typer.echo(f"report:  {path}")
