"""Reading and writing actors, their aliases and identifiers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from forcevet.errors import InputError, NotFoundError
from forcevet.model.actors import Actor, ActorKind, ActorStatus, Identifier
from forcevet.model.countries import get_country, load_countries
from forcevet.model.ids import name_key
from forcevet.store.batches import insert_rows
from forcevet.store.store import Store
from forcevet.store.tables import actor_aliases, actor_identifiers, actors


def to_row(actor: Actor) -> dict[str, Any]:
    """Return the actors-table row of an actor."""
    return {
        "id": actor.id,
        "kind": actor.kind.value,
        "name": actor.name,
        "country": actor.country,
        "parent_id": actor.parent_id,
        "status": actor.status.value,
    }


def parents_first(items: Sequence[Actor]) -> list[Actor]:
    """Return actors ordered so that each comes after its parent, for foreign keys to hold."""
    by_id = {a.id: a for a in items}

    def depth(actor: Actor) -> int:
        seen = {actor.id}
        level = 0
        while actor.parent_id in by_id and actor.parent_id not in seen:
            actor = by_id[actor.parent_id]
            seen.add(actor.id)
            level += 1
        return level

    return sorted(items, key=depth)


def save_actors(store: Store, items: Sequence[Actor]) -> int:
    """Insert or replace actors with their aliases and identifiers; return how many."""
    if not items:
        return 0
    ids = [a.id for a in items]
    known = set(store.connection.scalars(select(actors.c.id).where(actors.c.id.in_(ids))))
    for table in (actor_aliases, actor_identifiers):
        store.connection.execute(delete(table).where(table.c.actor_id.in_(known)))
    ordered = parents_first(items)
    for actor in ordered:
        if actor.id in known:
            store.connection.execute(
                actors.update().where(actors.c.id == actor.id).values(**to_row(actor))
            )
    insert_rows(store, actors, [to_row(a) for a in ordered if a.id not in known])
    insert_rows(
        store,
        actor_aliases,
        [
            {"actor_id": a.id, "alias": alias, "alias_key": name_key(alias)}
            for a in items
            for alias in a.names
        ],
    )
    insert_rows(
        store,
        actor_identifiers,
        [
            {"actor_id": a.id, "scheme": i.scheme, "value": i.value}
            for a in items
            for i in dict.fromkeys(a.identifiers)
        ],
    )
    return len(items)


def load_actors(
    store: Store, ids: Iterable[str] | None = None, *, unreviewed: bool = False
) -> list[Actor]:
    """Return actors with aliases and identifiers: every accepted one, or those with the
    given ids whatever their status.

    Actors that ingest proposed (and those a reviewer rejected) stay out of the whole
    list, which feeds candidates, screening and list linking, unless ``unreviewed``
    asks for them; claims under review name them, so a look-up by id finds them.
    """
    query = select(actors).order_by(actors.c.kind, actors.c.name)
    if ids is None and not unreviewed:
        query = query.where(actors.c.status == ActorStatus.ACCEPTED.value)
    alias_query = select(actor_aliases.c.actor_id, actor_aliases.c.alias)
    ident_query = select(actor_identifiers)
    if ids is not None:
        wanted = list(ids)
        query = query.where(actors.c.id.in_(wanted))
        alias_query = alias_query.where(actor_aliases.c.actor_id.in_(wanted))
        ident_query = ident_query.where(actor_identifiers.c.actor_id.in_(wanted))
    aliases: dict[str, list[str]] = defaultdict(list)
    for actor_id, alias in store.connection.execute(alias_query):
        aliases[actor_id].append(alias)
    identifiers: dict[str, list[Identifier]] = defaultdict(list)
    for row in store.connection.execute(ident_query):
        identifiers[row.actor_id].append(Identifier(row.scheme, row.value))
    result = []
    for row in store.connection.execute(query):
        names = [n for n in aliases[row.id] if n != row.name]
        result.append(
            Actor(
                id=row.id,
                kind=ActorKind(row.kind),
                name=row.name,
                aliases=tuple(sorted(names)),
                country=row.country,
                parent_id=row.parent_id,
                identifiers=tuple(sorted(identifiers[row.id], key=lambda i: (i.scheme, i.value))),
                status=ActorStatus(row.status),
            )
        )
    return result


def get_actor(store: Store, actor_id: str) -> Actor | None:
    """Return the actor with this exact id, or None."""
    found = load_actors(store, [actor_id])
    return found[0] if found else None


def find_actors(
    store: Store,
    *,
    kind: ActorKind | None = None,
    country: str | None = None,
    name: str | None = None,
    status: ActorStatus = ActorStatus.ACCEPTED,
) -> list[Actor]:
    """Return actors filtered by kind, country, a name fragment and status (accepted ones
    unless asked: proposed actors are listed by `forcevet review actors`)."""
    query = select(actors.c.id).where(actors.c.status == status.value)
    if kind is not None:
        query = query.where(actors.c.kind == kind.value)
    if country is not None:
        query = query.where(actors.c.country == country)
    if name:
        if len(name) > 200:  # SQLite refuses a LIKE pattern over 50,000 bytes with an error
            raise InputError("a name fragment is at most 200 characters", field="name")
        pattern = f"%{name_key(name)}%"
        query = query.where(
            or_(
                func.lower(actors.c.name).like(pattern),
                actors.c.id.in_(
                    select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key.like(pattern))
                ),
            )
        )
    return load_actors(store, list(store.connection.scalars(query)))


def resolve_actor(
    store: Store, reference: str, *, field: str = "actor", unreviewed: bool = False
) -> Actor:
    """Return the accepted actor an id, an ISO 3166 code or a known name refers to.

    An actor under review (proposed by ingest, or rejected) is returned only with
    ``unreviewed``, as when a claim under review names it; otherwise the error says
    how to accept it. Raises NotFoundError if nothing matches and InputError if a
    name is ambiguous.
    """
    ref = reference.strip()
    if not ref:
        raise InputError("an actor is required", field=field)
    actor = get_actor(store, ref)
    if actor is None and (country := get_country(ref)) and len(ref) in (2, 3):
        actor = get_actor(store, country.alpha_3)
    named = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key == name_key(ref))
    named = named.join(actors, actors.c.id == actor_aliases.c.actor_id)
    accepted = actors.c.status == ActorStatus.ACCEPTED.value
    if actor is None:
        ids = sorted(set(store.connection.scalars(named if unreviewed else named.where(accepted))))
        if len(ids) > 1:
            raise InputError(
                f'"{reference}" names several actors ({", ".join(ids)}); give an id', field=field
            )
        actor = load_actors(store, ids)[0] if ids else None
    if actor is not None and (unreviewed or actor.status is ActorStatus.ACCEPTED):
        return actor
    # a name only an actor under review bears: say which, rather than "no actor"
    pending = [actor.id] if actor else sorted(set(store.connection.scalars(named.where(~accepted))))
    if pending:
        raise InputError(
            f'"{reference}" names an actor not accepted ({", ".join(pending)}); accept it '
            "first (forcevet review actors accept ID)",
            field=field,
        )
    raise NotFoundError(
        f'no actor "{reference}"; give an actor id, an ISO 3166 alpha-3 code such as PAK, '
        "or a known name (forcevet actor list)",
        field=field,
    )


def load_country_actors(store: Store) -> int:
    """Add every ISO 3166 country as a state actor with its common names; return how many."""
    states = [
        Actor(
            id=c.alpha_3,
            kind=ActorKind.STATE,
            name=c.name,
            aliases=c.aliases,
            country=c.alpha_3,
            identifiers=(Identifier("iso3166", c.alpha_3),),
        )
        for c in load_countries().values()
    ]
    return save_actors(store, states)


def set_actor_status(store: Store, ids: Iterable[str], status: ActorStatus) -> int:
    """Set the review status of the given actors; return how many changed."""
    wanted = sorted(set(ids))
    changed = 0
    for start in range(0, len(wanted), 900):  # under SQLite's variable limit
        result = store.connection.execute(
            update(actors)
            .where(actors.c.id.in_(wanted[start : start + 900]), actors.c.status != status.value)
            .values(status=status.value)
        )
        changed += result.rowcount
    return changed
