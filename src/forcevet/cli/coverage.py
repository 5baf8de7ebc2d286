"""`forcevet coverage`: record a search, list what was searched."""

from __future__ import annotations

from dataclasses import asdict

import typer

from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.store.actors import resolve_actor
from forcevet.store.coverage import list_coverage, record_search
from forcevet.store.store import open_store

app = typer.Typer(
    help="What was searched for whom: 'searched, nothing found' is not 'not searched'.",
    no_args_is_help=True,
)


@app.command("add")
def add_command(
    ctx: typer.Context,
    actor: str = typer.Argument(..., metavar="ACTOR", help="Candidate id or ISO 3166 code."),
    predicate: str = typer.Option(
        ..., "--predicate", help="The question searched, as a predicate (data/predicates.yaml)."
    ),
    note: str = typer.Option(..., "--note", help="Where and how you searched, and when."),
    object_ref: str | None = typer.Option(
        None, "--object", help="The other actor the question is about, e.g. hamas."
    ),
    source: str | None = typer.Option(
        None, "--source", help="A stored source that records the search (e.g. a dataset)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="The day the search covers (YYYY-MM-DD) (default: today)."
    ),
    by: str | None = typer.Option(None, "--by", help="Who searched (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the record as JSON."),
) -> None:
    """Record a search: the actor was searched for a question, whatever was found.

    With nothing found, the indicators that ask the question show "searched,
    nothing found" instead of "not searched", and count towards coverage.
    Example: forcevet coverage add IDN --predicate designates --object hamas
    --note "Indonesian terrorist list (DTTOT), checked 2026-02-20: not listed"
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        record, new = record_search(
            store,
            actor=actor,
            predicate=predicate,
            note=note,
            by=by or settings.user,
            object_ref=object_ref,
            source=source,
            as_of=as_of,
        )
    if json:
        print_json(asdict(record) | {"id": record.id, "new": new})
        return
    what = f"{record.predicate} {record.object_id}" if record.object_id else record.predicate
    typer.echo(
        f"{record.id}  {record.actor_id} searched for {what}{'' if new else ' (already recorded)'}"
    )


@app.command("list")
def list_command(
    ctx: typer.Context,
    actors: list[str] = typer.Argument(None, metavar="[ACTOR]...", help="Only these actors."),
    json: bool = typer.Option(False, "--json", help="Print the records as JSON."),
) -> None:
    """List what was searched for whom: imported datasets and recorded searches.

    Example: forcevet coverage list PAK IDN --json
    """
    with open_store(settings_of(ctx)) as store:
        ids = [resolve_actor(store, actor).id for actor in actors] if actors else None
        records = list_coverage(store, ids)
    if json:
        print_json([asdict(r) | {"id": r.id} for r in records])
        return
    print_table(
        f"{len(records)} coverage records",
        ["actor", "question", "object", "as of", "source", "by", "note"],
        [
            (
                r.actor_id,
                r.predicate,
                r.object_id or "",
                r.as_of or "",
                r.source_id or "",
                r.recorded_by,
                r.note or "",
            )
            for r in records
        ],
    )
