"""`forcevet case new|load|check|list|show|use`: missions as folders of files (docs/cases.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from forcevet.cases.case import get_case, load_case, new_case
from forcevet.cases.check import check_case
from forcevet.cases.folder import bundled_cases
from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.store.cases import stored_cases, use_case
from forcevet.store.setup import init_if_new
from forcevet.store.store import open_store, require_current_schema

app = typer.Typer(
    help="Cases: one mission each, with its candidates, roles, vocabulary and force plan.",
    no_args_is_help=True,
)

CASE_HELP = "A case folder, or the name of a bundled case ({names})."


def _bundled_help() -> str:
    return CASE_HELP.format(names=", ".join(bundled_cases()))


@app.command("new")
def new_command(
    name: str = typer.Argument(..., help="The new case's id: lower case, digits, hyphens."),
    template: str | None = typer.Option(
        None,
        "--from",
        help="Start from this case folder or bundled case (default: a blank, commented template).",
    ),
    into: Path = typer.Option(Path("."), "--dir", help="Write the folder inside this folder."),
) -> None:
    """Write a new case folder to edit: scenario, vocabulary, requirements, offers, constraints.

    Example: forcevet case new haiti-mss; forcevet case new my-gaza --from gaza-isf
    """
    target = new_case(name, template=template, into=into)
    typer.echo(f"wrote {target}: edit its files, then `forcevet case check {target}`")


@app.command("load")
def load_command(
    ctx: typer.Context,
    reference: str = typer.Argument(..., metavar="CASE", help=_bundled_help()),
    by: str | None = typer.Option(None, "--by", help="Who loads it (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the loaded case as JSON."),
) -> None:
    """Validate a case folder whole, store its evidence and make it the default case.

    Every error in the folder is listed at once (file, record and field) and
    nothing is stored unless the whole case is valid. Loading a case again
    adds only what changed (ids derive from content). A store that does not
    exist yet is created first, as `forcevet init` would.
    Example: forcevet --db haiti.db case load examples/haiti-mss
    """
    settings = settings_of(ctx)
    created = None
    with open_store(settings, require_schema=False) as store, store.transaction():
        created = init_if_new(store)
        if created is None:
            require_current_schema(store)
        loaded = load_case(store, reference, by=by or settings.user)
    if created is not None and not json:
        typer.echo(f"store created at {created.url} (schema {created.revision})")
    case, evidence = loaded.case, loaded.evidence
    if json:
        loaded_counts = {
            "actors": evidence.actors,
            "sources": evidence.sources,
            "claims": evidence.claims,
        }
        print_json(case.to_dict() | {"loaded": loaded_counts})
        return
    plan = (
        f"{len(case.problem.requirements)} requirements, {len(case.problem.offers)} offers"
        if case.problem
        else "no requirements and offers (it cannot be composed)"
    )
    typer.echo(
        f"case {case.id} loaded from {case.origin} and made the default: "
        f"{len(case.candidates)} candidates, {evidence.actors} actors, {evidence.sources} "
        f"sources, {evidence.claims} claims; {plan}"
    )


@app.command("check")
def check_command(
    reference: str = typer.Argument(..., metavar="CASE", help=_bundled_help()),
    json: bool = typer.Option(False, "--json", help="Print the check as JSON."),
) -> None:
    """Validate a case folder without storing it; list predicates its rubric never asks about.

    The folder is loaded into an empty throwaway store, so roles and claims may
    name only the case's own actors and countries.
    Example: forcevet case check examples/haiti-mss --json
    """
    result = check_case(reference)
    if json:
        print_json(result.to_dict())
        return
    case = result.case
    typer.echo(
        f"case {case.id} is valid: {len(case.candidates)} candidates, {result.actors} actors, "
        f"{result.sources} sources, {result.claims} claims; rubric {case.rubric.id}"
    )
    used = [u for u in result.unused if u.claims]
    for unused in used:
        typer.echo(
            f"note: {unused.claims} claim(s) use {unused.predicate}, which no indicator of "
            f"rubric {case.rubric.id} asks about: they change no score"
        )
    rest = [u.predicate for u in result.unused if not u.claims]
    if rest:
        typer.echo(f"predicates that feed no indicator (no claims here): {', '.join(rest)}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Print the cases as JSON."),
) -> None:
    """List the cases this store holds, the default first.

    Example: forcevet case list --json
    """
    with open_store(settings_of(ctx)) as store:
        held = stored_cases(store)
    if json:
        print_json(
            [
                {
                    "id": c.id,
                    "title": c.title,
                    "origin": c.origin,
                    "default": c.is_default,
                    "loaded_by": c.loaded_by,
                    "loaded_at": c.loaded_at,
                }
                for c in held
            ]
        )
        return
    print_table(
        f"{len(held)} cases",
        ["id", "title", "default", "loaded from", "loaded by", "loaded at"],
        [
            (c.id, c.title, "yes" if c.is_default else "", c.origin, c.loaded_by, c.loaded_at)
            for c in held
        ],
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="A case id (default: the default case)."),
    json: bool = typer.Option(False, "--json", help="Print the case as JSON."),
) -> None:
    """Show a stored case: candidates, roles, vocabulary, rubric and force plan.

    Example: forcevet case show gaza-isf --json
    """
    with open_store(settings_of(ctx)) as store:
        case = get_case(store, name)
    if json:
        print_json(case.to_dict())
        return
    words = case.vocabulary
    print_fields(
        f"case {case.id}" + (" (default)" if case.is_default else ""),
        [
            ("title", case.title),
            ("loaded from", case.origin),
            ("candidates", ", ".join(case.candidates)),
            ("roles", "; ".join(f"{k}: {', '.join(v)}" for k, v in case.roles.items())),
            ("as of", case.as_of or "the day of each run"),
            ("rubric", f"{case.rubric.id} v{case.rubric.version}"),
            ("unit types", ", ".join(words.unit_types)),
            ("tasks", ", ".join(words.tasks) or "none"),
            ("conditions", ", ".join(words.conditions) or "none"),
            ("reservation kinds", ", ".join(words.reservations) or "none"),
            (
                "force plan",
                f"{len(case.problem.requirements)} requirements, {len(case.problem.offers)} offers"
                if case.problem
                else "none (the case cannot be composed)",
            ),
        ],
    )


@app.command("use")
def use_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The id of a case the store holds."),
) -> None:
    """Make a stored case the default, used by every command that names no case.

    Example: forcevet case use haiti-mss
    """
    with open_store(settings_of(ctx)) as store, store.transaction():
        case = use_case(store, name)
    typer.echo(f"case {case.id} is now the default")
