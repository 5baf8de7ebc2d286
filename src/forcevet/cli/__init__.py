"""The `forcevet` command: a Typer app whose errors map to exit codes in one place.

Exit codes: 0 success, 1 failure while working, 2 bad input or usage, with one
line naming the file, line and field.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import typer

from forcevet.cli.lazy import LazyGroup
from forcevet.errors import ForcevetError, InputError, InputErrors

# Each command's module, imported when the command runs (see cli/lazy.py): `--help` and
# `--version` import none of them. In the order `forcevet --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("forcevet.cli.setup", "init_command"),
    "demo": ("forcevet.cli.setup", "demo_command"),
    "case": ("forcevet.cli.cases", "app"),
    "source": ("forcevet.cli.sources", "app"),
    "actor": ("forcevet.cli.actors", "app"),
    "claim": ("forcevet.cli.claims", "app"),
    "ingest": ("forcevet.cli.ingest", "ingest_command"),
    "review": ("forcevet.cli.ingest", "review_app"),
    "import": ("forcevet.cli.transfer", "import_app"),
    "screen": ("forcevet.cli.screen", "screen_command"),
    "assess": ("forcevet.cli.assess", "assess_command"),
    "explain": ("forcevet.cli.assess", "explain_command"),
    "ach": ("forcevet.cli.ach", "app"),
    "run": ("forcevet.cli.runs", "app"),
    "coverage": ("forcevet.cli.coverage", "app"),
    "compose": ("forcevet.cli.compose", "compose_command"),
    "report": ("forcevet.cli.report", "report_command"),
    "export": ("forcevet.cli.transfer", "export_command"),
    "votes": ("forcevet.cli.votes", "votes_command"),
    "peacekeeping": ("forcevet.cli.peacekeeping", "peacekeeping_command"),
    "serve": ("forcevet.cli.serve", "serve_command"),
    "user": ("forcevet.cli.serve", "user_app"),
}


class ForcevetGroup(LazyGroup):
    """The root group: turns forcevet's errors into one line on stderr and an exit code."""

    lazy_commands = COMMANDS

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]  # typer's own Context
        # Python hands over argv bytes that are not UTF-8 as lone surrogates, which no
        # store, file or terminal can take: refused here once, for every command.
        for arg in args:
            if any(unicodedata.category(ch) == "Cs" for ch in arg):
                typer.echo(f'error: argument "{one_line(arg)}" is not UTF-8 text', err=True)
                raise typer.Exit(2)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]  # typer's own Context
        try:
            return super().invoke(ctx)
        except InputErrors as exc:  # deliberately one error per line
            lines = [exc.message, *(f"  {error}" for error in exc.errors)]
            typer.echo("error: " + "\n".join(one_line(line) for line in lines), err=True)
            raise typer.Exit(2) from None
        except InputError as exc:
            typer.echo(f"error: {one_line(str(exc))}", err=True)
            raise typer.Exit(2) from None
        except ForcevetError as exc:  # a store URL or file name may carry a newline too
            typer.echo(f"error: {one_line(str(exc))}", err=True)
            raise typer.Exit(1) from None


def one_line(text: str, *, limit: int = 2_000) -> str:
    """Return ``text`` with line breaks and other control characters escaped (``\\n``),
    so that an error quoting a hostile value stays one line, and its middle cut when
    it is over ``limit`` characters (a 100,000-character id is not worth a screenful)."""
    if len(text) > limit:
        cut = len(text) - limit
        text = f"{text[: limit - 200]}[... {cut:,} characters ...]{text[-200:]}"
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
        else ch
        for ch in text
    )


app = typer.Typer(
    cls=ForcevetGroup,
    help="Grade the evidence on which countries can credibly serve in a stabilization force.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    """Print the installed package's version and stop, before any other option is read."""
    if not value:
        return
    from importlib import metadata  # 0.1 s: only when asked

    try:
        version = metadata.version("forcevet")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        version = "unknown (not installed)"
    typer.echo(f"forcevet {version}")
    raise typer.Exit()


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
    _version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print forcevet's version and exit.",
    ),
) -> None:
    """Grade the evidence on which countries can credibly serve in a stabilization force."""
    from forcevet.settings import Settings  # pydantic-settings: 0.25 s that --help does not need

    settings = Settings() if db is None else Settings(db=db)
    ctx.obj = settings


def main() -> None:
    """Run the command line."""
    app()
