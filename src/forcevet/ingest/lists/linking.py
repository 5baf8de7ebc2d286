"""Attach a list's entities to the actors the evidence already has, where the match is sure.

An entity entry (not a person: names of people are too often shared) links to an
existing actor when one of the entry's names equals one of the actor's names
once case, accents, hyphens and apostrophes are set aside ("LASHKAR E-TAYYIBA"
and "Lashkar-e-Tayyiba"), and only when that match is unique both ways: one
actor for the entry, one entry for the actor. States and the actors that lists
themselves made are not candidates; a name shorter than five letters (an
acronym such as "JUD") links nothing. Anything less certain is left to
``forcevet screen --actors``, which proposes links for review.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from forcevet.ingest.lists.sync import ReadList, actor_id_for
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import slugify
from forcevet.screening.names import tokens
from forcevet.store.actors import load_actors
from forcevet.store.store import Store

SHORTEST_KEY = 5


def link_key(name: str) -> str:
    """Return the form two names must share to link: "LASHKAR E-TAYYIBA" -> "lashkar e
    tayyiba"."""
    return " ".join(t.casefold() for t in tokens(name))


def _made_by_a_list(actor: Actor) -> bool:
    """Return whether a list importer made this actor for one of its listings."""
    return any(actor.id == f"{i.scheme}-{slugify(i.value)}" for i in actor.identifiers)


def link_entries(store: Store, read: ReadList) -> tuple[ReadList, dict[str, str]]:
    """Return the list with its surely matched entities given an ``actor_id``, and the links
    made, reference -> actor id."""
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in load_actors(store):
        if actor.kind is ActorKind.STATE or _made_by_a_list(actor):
            continue
        for name in (actor.name, *actor.aliases):
            key = link_key(name)
            if len(key.replace(" ", "")) >= SHORTEST_KEY:
                owners[key].add(actor.id)
    matches: dict[int, str] = {}
    for index, entry in enumerate(read.entries):
        if entry.kind is ActorKind.PERSON or entry.actor_id:
            continue
        found = set().union(*(owners.get(link_key(n.name), set()) for n in entry.names))
        if len(found) == 1:
            matches[index] = found.pop()
    per_actor: dict[str, int] = defaultdict(int)
    for actor_id in matches.values():
        per_actor[actor_id] += 1
    entries = list(read.entries)
    linked: dict[str, str] = {}
    for index, actor_id in matches.items():
        if per_actor[actor_id] > 1:
            continue  # two entries claim one actor: neither is sure
        entry = entries[index]
        if actor_id == actor_id_for(read.scheme, entry):
            continue
        entries[index] = dataclasses.replace(entry, actor_id=actor_id)
        linked[entry.reference or entry.name] = actor_id
    return dataclasses.replace(read, entries=tuple(entries)), linked
