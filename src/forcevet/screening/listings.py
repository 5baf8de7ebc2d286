"""The listings to screen against, read from the store; no matcher is loaded here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select

from forcevet.model.actors import Actor, ActorKind
from forcevet.model.designations import Designation, ListedName
from forcevet.store.actors import load_actors
from forcevet.store.designations import list_designations
from forcevet.store.store import Store
from forcevet.store.tables import actor_aliases, actors, designation_names, designations


@dataclass(frozen=True)
class Candidate:
    """One listing to screen against: the designation, its actor, and its names.

    ``person`` is True for a listed person, False for an organisation or group.
    The names are the listing's own, with the quality the authority gives each;
    a listing written without names (a scenario's) uses its actor's names.
    """

    designation: Designation
    actor: Actor
    person: bool
    names: tuple[ListedName, ...]

    @property
    def name(self) -> str:
        """Return the listed main name."""
        return self.names[0].name


def make_candidate(designation: Designation, actor: Actor) -> Candidate:
    """Return the candidate a designation of ``actor`` gives."""
    names = designation.names or tuple(ListedName(n) for n in actor.names)
    return Candidate(designation, actor, actor.kind is ActorKind.PERSON, names)


def load_candidates(
    store: Store, *, authority: str | None = None, include_delisted: bool = False
) -> list[Candidate]:
    """Return every listing in the store to screen against, one per authority and reference.

    A listing known twice under one reference (a scenario's copy and the imported
    list) is kept once, the imported one first.
    """
    listings = list_designations(store, authority=authority, active_only=not include_delisted)
    actors = {a.id: a for a in load_actors(store, {d.actor_id for d in listings})}
    chosen: dict[tuple[str, str], Designation] = {}
    for listing in sorted(listings, key=lambda d: (d.source_id is None, d.id)):
        key = (listing.authority, listing.reference or listing.id)
        chosen.setdefault(key, listing)
    return [make_candidate(d, actors[d.actor_id]) for d in chosen.values()]


def listings_state(store: Store) -> str:
    """Return a digest that changes whenever the listings screening reads change: a
    listing added, changed, delisted or renamed, or an actor renamed.

    A server keeps one Screener (seconds to build) while this stays the same. It
    reads every listing's id and dates and counts the names: milliseconds for
    thousands of listings.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    d, a = designations.c, actors.c
    rows = store.connection.execute(
        select(d.id, d.actor_id, d.delisted_on, d.updated_on, d.listed_on, a.name, a.kind)
        .select_from(designations.join(actors, a.id == d.actor_id))
        .order_by(d.id)
    )
    for row in rows:
        digest.update("|".join(str(v) for v in row).encode())
    for table in (designation_names, actor_aliases):  # names are added, never edited
        count = store.connection.scalar(select(func.count()).select_from(table))
        digest.update(f"|{table.name}:{count}".encode())
    return digest.hexdigest()
