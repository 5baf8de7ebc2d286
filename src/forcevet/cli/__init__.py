"""The `forcevet` command: a Typer app whose errors map to exit codes in one place.

Exit codes: 0 success, 1 failure while working, 2 bad input or usage, with one
line naming the file, line and field.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from forcevet.errors import ForcevetError, InputError
from forcevet.settings import Settings


class ForcevetGroup(TyperGroup):
    """The root group: turns forcevet's errors into one line on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]  # typer's own Context
        try:
            return super().invoke(ctx)
        except InputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        except ForcevetError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=ForcevetGroup,
    help="Grade the evidence on which countries can credibly serve in a stabilization force.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="URL",
        help="Store: any SQLAlchemy URL or a SQLite file path "
        "(default: FORCEVET_DB or sqlite:///forcevet.db).",
    ),
) -> None:
    """Grade the evidence on which countries can credibly serve in a stabilization force."""
    settings = Settings() if db is None else Settings(db=db)
    ctx.obj = settings


def _register() -> None:
    from forcevet.cli import (
        ach,
        actors,
        assess,
        cases,
        claims,
        compose,
        coverage,
        ingest,
        peacekeeping,
        report,
        runs,
        screen,
        setup,
        sources,
        transfer,
        votes,
    )

    app.command("init")(setup.init_command)
    app.command("demo")(setup.demo_command)
    app.add_typer(cases.app, name="case")
    app.add_typer(sources.app, name="source")
    app.add_typer(actors.app, name="actor")
    app.add_typer(claims.app, name="claim")
    app.command("ingest")(ingest.ingest_command)
    app.add_typer(ingest.review_app, name="review")
    app.add_typer(transfer.import_app, name="import")
    app.command("screen")(screen.screen_command)
    app.command("assess")(assess.assess_command)
    app.command("explain")(assess.explain_command)
    app.add_typer(ach.app, name="ach")
    app.add_typer(runs.app, name="run")
    app.add_typer(coverage.app, name="coverage")
    app.command("compose")(compose.compose_command)
    app.command("report")(report.report_command)
    app.command("export")(transfer.export_command)
    app.command("votes")(votes.votes_command)
    app.command("peacekeeping")(peacekeeping.peacekeeping_command)


_register()


def main() -> None:
    """Run the command line."""
    app()
