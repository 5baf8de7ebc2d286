"""`forcevet actor add|list|show`."""

from __future__ import annotations

import typer

from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.errors import InputError
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.countries import require_country
from forcevet.model.ids import slugify
from forcevet.reports.json import actor_record
from forcevet.store.actors import find_actors, get_actor, resolve_actor, save_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.designations import list_designations
from forcevet.store.store import open_store

app = typer.Typer(help="States, state bodies, parties, armed groups, people.", no_args_is_help=True)


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The actor's main name."),
    kind: str = typer.Option(
        ..., "--kind", help="One of: " + ", ".join(k.value for k in ActorKind)
    ),
    actor_id: str | None = typer.Option(
        None, "--id", help="Id to give (default: a slug of the name)."
    ),
    alias: list[str] = typer.Option([], "--alias", help="Another name; repeat for more."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-3 code."),
    parent: str | None = typer.Option(
        None, "--parent", help="The actor it belongs to (a body's state, a person's party)."
    ),
    json: bool = typer.Option(False, "--json", help="Print the stored record as JSON."),
) -> None:
    """Record an actor: a state, state body, party, armed group, organisation or person.

    Example: forcevet actor add "Inter-Services Intelligence" --kind
    state_body --alias ISI --country PAK --parent PAK
    """
    with open_store(settings_of(ctx)) as store, store.transaction():
        parent_actor = resolve_actor(store, parent, field="parent") if parent else None
        new_id = actor_id or slugify(name)
        if get_actor(store, new_id) is not None:
            raise InputError(f'an actor "{new_id}" exists already; give another --id', field="id")
        actor = Actor(
            id=new_id,
            kind=ActorKind.parse(kind),
            name=name.strip(),
            aliases=tuple(a.strip() for a in alias if a.strip()),
            country=require_country(country) if country else None,
            parent_id=parent_actor.id if parent_actor else None,
        )
        save_actors(store, [actor])
    if json:
        print_json(actor_record(actor))
    else:
        typer.echo(f"{actor.id}  added: {actor.name} ({actor.kind.value})")


@app.command("list")
def list_command(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="Only actors of this kind."),
    country: str | None = typer.Option(None, "--country", help="Only actors of this country."),
    name: str | None = typer.Option(None, "--name", help="Only names containing this text."),
    states: bool = typer.Option(False, "--states", help="Include the 250 state actors."),
    json: bool = typer.Option(False, "--json", help="Print JSON records."),
) -> None:
    """List actors; states only with --states or --kind state.

    Example: forcevet actor list --country PAK
    """
    wanted = ActorKind.parse(kind) if kind else None
    code = require_country(country) if country else None
    with open_store(settings_of(ctx)) as store:
        found = find_actors(store, kind=wanted, country=code, name=name)
    if not (states or wanted is ActorKind.STATE):
        found = [a for a in found if a.kind is not ActorKind.STATE]
    if json:
        print_json([actor_record(a) for a in found])
        return
    print_table(
        f"{len(found)} actors",
        ["id", "kind", "name", "country", "aliases"],
        [(a.id, a.kind.value, a.name, a.country or "", "; ".join(a.aliases)) for a in found],
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    reference: str = typer.Argument(..., metavar="ACTOR", help="Id, ISO 3166 code or name."),
    json: bool = typer.Option(False, "--json", help="Print the JSON record."),
) -> None:
    """Show one actor, its listings and how many claims name it. Example: forcevet actor show LeT"""
    with open_store(settings_of(ctx)) as store:
        actor = resolve_actor(store, reference)
        designations = list_designations(store, [actor.id])
        claims = list_claims(store, ClaimFilter(actor_id=actor.id))
    if json:
        print_json(actor_record(actor, designations) | {"claims": len(claims)})
        return
    print_fields(
        f"{actor.id}  {actor.name}",
        [
            ("kind", actor.kind.value),
            ("country", actor.country),
            ("belongs to", actor.parent_id),
            ("aliases", "; ".join(actor.aliases)),
            ("identifiers", ", ".join(f"{i.scheme}:{i.value}" for i in actor.identifiers)),
            (
                "listed",
                "; ".join(
                    f"{d.authority} {d.reference or ''} since {d.listed_on or '?'}"
                    for d in designations
                )
                or "not listed in the store",
            ),
            ("claims", len(claims)),
        ],
    )
