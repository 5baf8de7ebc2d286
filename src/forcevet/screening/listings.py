"""The listings to screen against, read from the store; no matcher is loaded here."""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.model.actors import Actor, ActorKind
from forcevet.model.designations import Designation, ListedName
from forcevet.store.actors import load_actors
from forcevet.store.designations import list_designations
from forcevet.store.store import Store


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
