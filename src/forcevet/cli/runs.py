"""`forcevet run list|show|note`: stored assessment runs, their sign-offs and dissents."""

from __future__ import annotations

import typer

from forcevet.assessment.runs import (
    add_run_note,
    list_runs,
    note_kind,
    note_words,
    run_with_notes,
)
from forcevet.cli.assess import print_summary
from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.store.store import open_store

app = typer.Typer(
    help="Stored assessment runs: who ran them, who signed them off, who dissents.",
    no_args_is_help=True,
)


@app.command("list")
def list_command(
    ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Print the runs and their notes as JSON."),
) -> None:
    """List stored runs, newest first, with who ran them, their case and kind, and notes.

    A run's kind is plain (all the case's candidates, no source left out, the
    case's as-of day: what compose, explain and report use by default), a what-if
    without some sources, or not plain.

    Example: forcevet run list --json
    """
    with open_store(settings_of(ctx)) as store:
        runs = list_runs(store)
    if json:
        print_json(runs)
        return
    print_table(
        f"{len(runs)} runs",
        ["id", "created", "by", "case", "kind", "rubric", "signed off by", "dissents"],
        [
            (
                r["id"],
                r["created_at"],
                r["created_by"],
                r["case"] or "",
                r["kind"],
                r["rubric_id"],
                ", ".join(n["by"] for n in r["notes"] if n["kind"] == "sign_off"),
                sum(n["kind"] == "dissent" for n in r["notes"]),
            )
            for r in runs
        ],
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    run_id: str = typer.Argument(..., metavar="RUN", help="Run id or a unique prefix."),
    json: bool = typer.Option(
        False, "--json", help='Print the whole run with its "notes" (docs/assessment-json.md).'
    ),
) -> None:
    """Show a stored run again, with its sign-offs and dissents (as `assess --run RUN`).

    Example: forcevet run show run-3f9a
    """
    with open_store(settings_of(ctx)) as store:
        result = run_with_notes(store, run_id)
    if json:
        print_json(result)
        return
    print_summary(result)


@app.command("note")
def note_command(
    ctx: typer.Context,
    run_id: str = typer.Argument(..., metavar="RUN", help="Run id or a unique prefix."),
    dissent: str | None = typer.Option(
        None, "--dissent", metavar="TEXT", help="What you disagree with, and why."
    ),
    sign_off: bool = typer.Option(False, "--sign-off", help="Sign the run off (once a person)."),
    by: str | None = typer.Option(None, "--by", help="Who writes it (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the stored note as JSON."),
) -> None:
    """Sign a run off, or record a dissent beside it; notes are appended, never changed.

    Example: forcevet run note run-3f9a --dissent "rests on one opinion piece" --by bob
    """
    settings = settings_of(ctx)
    kind, text = note_kind(dissent=dissent, sign_off=sign_off)
    with open_store(settings) as store, store.transaction():
        note = add_run_note(store, run_id, kind, by=by or settings.user, text=text)
    if json:
        print_json(note.to_dict() | {"run": note.run_id})
    else:
        typer.echo(f"{note.run_id}  {note_words(note.to_dict())}")
