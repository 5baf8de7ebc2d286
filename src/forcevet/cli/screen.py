"""`forcevet screen`: names against the designation lists in the store.

The matcher loads only inside the command (seconds, hundreds of MB), so every
other command starts without it.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from forcevet.cli.output import print_json, settings_of
from forcevet.errors import InputError
from forcevet.store.store import open_store

if TYPE_CHECKING:
    from forcevet.screening.queries import ScreenResult


def screen_command(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, metavar="NAME...", help="Names to screen."),
    file: Path | None = typer.Option(None, "--file", help="A file of names, one a line."),
    actors: bool = typer.Option(
        False, "--actors", help="Screen every actor of the store and propose links for review."
    ),
    schema: str | None = typer.Option(
        None, "--schema", help="Person or Organization (default: either)."
    ),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-3 code."),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Lowest score reported (default: 0.7)."
    ),
    limit: int = typer.Option(5, "--limit", help="Most matches per name."),
    authority: str | None = typer.Option(
        None, "--authority", help='Only listings by this authority ("UN Security Council").'
    ),
    by: str | None = typer.Option(None, "--by", help="Who proposes links (default: OS user)."),
    cluster: str | None = typer.Option(
        None,
        "--cluster",
        metavar="local[:N]|tcp://HOST:PORT",
        help="Screen on a Dask cluster, for large --file lists: the listings are sent to "
        "each worker once (docs/cluster.md; needs dask: forcevet's cluster extra).",
    ),
    json: bool = typer.Option(False, "--json", help="Print JSON: one result per name."),
) -> None:
    """Screen names against the designation lists: ranked listings with score and why.

    Example: forcevet screen "Lashkar e Toiba" HAMAS --json; forcevet screen --actors
    """
    from forcevet.screening.actors import screen_actors
    from forcevet.screening.screen import read_names, screen_names

    settings = settings_of(ctx)
    if actors:
        if cluster:
            raise InputError(
                "--cluster screens names (NAME, --file), not --actors", field="cluster"
            )
        if names or file:
            raise InputError("give names or --actors, not both", field="actors")
        with open_store(settings) as store, store.transaction():
            report = screen_actors(store, by=by or settings.user, threshold=threshold)
        if json:
            print_json(asdict(report))
            return
        typer.echo(
            f"{report.screened} actors screened: {len(report.proposals)} links proposed for "
            f"review, {report.already_linked} already recorded"
        )
        for p in report.proposals:
            typer.echo(
                f"  {p.score:.2f}  {p.actor_id} <- {p.authority} {p.reference or ''} "
                f'"{p.listed_name}"  claim {p.claim_id}'
            )
        return
    wanted = list(names or []) + (read_names(file) if file else [])
    results: list[ScreenResult]
    if cluster is not None:
        from forcevet.cli.cluster import screen_on_cluster_command

        results = screen_on_cluster_command(
            settings,
            wanted,
            cluster,
            json=json,
            schema=schema,
            country=country,
            threshold=threshold,
            limit=limit,
            authority=authority,
        )
    else:
        with open_store(settings) as store:
            results = screen_names(
                store,
                wanted,
                schema=schema,
                country=country,
                threshold=threshold,
                limit=limit,
                authority=authority,
            )
    if json:
        print_json([r.to_json() for r in results])
        return
    floor = 0.7 if threshold is None else threshold
    for result in results:
        if not result.matches:
            typer.echo(f'"{result.query}": no match at or above {floor:.2f}')
            continue
        count = len(result.matches)
        typer.echo(f'"{result.query}": {count} match{"es" if count > 1 else ""}')
        for match in result.matches:
            record = match.to_json()
            listed = f", listed {record['listed_on']}" if record["listed_on"] else ""
            program = f" ({record['program']})" if record["program"] else ""
            listing = match.candidate.designation.label()
            typer.echo(
                f"  {record['score']:.2f}  {record['name']}  {listing}{program}{listed}"
                f"  [{record['actor_id']}]"
            )
            typer.echo(f"        {record['method']}: {record['explanation']}")
            for note in record["normalisation"]:
                typer.echo(f"        {note}")
