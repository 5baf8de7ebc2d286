"""Export the evidence base as FollowTheMoney JSON lines, for Aleph and OpenSanctions tools."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from forcevet.model.actors import ActorStatus
from forcevet.model.ftm import (
    actor_to_entity,
    claim_to_link,
    designation_to_sanction,
    source_to_document,
)
from forcevet.store.actors import load_actors
from forcevet.store.claims import list_claims
from forcevet.store.designations import list_designations
from forcevet.store.sources import list_sources
from forcevet.store.store import Store


def export_entities(store: Store, *, include_states: bool = True) -> Iterator[dict[str, Any]]:
    """Yield every actor, source, claim between two actors and designation as FtM dicts.

    Claims whose object is a value, not an actor, have no FtM form and are left out,
    as are actors under review (FtM has no place for a review status, and an import
    would accept them) and the claims that name them.
    """
    unreviewed: set[str] = set()
    for actor in load_actors(store, unreviewed=True):
        if actor.status is not ActorStatus.ACCEPTED:
            unreviewed.add(actor.id)
        elif include_states or actor.kind.value != "state":
            yield actor_to_entity(actor).to_dict()
    sources = {s.id: s for s in list_sources(store)}
    for source in sources.values():
        yield source_to_document(source).to_dict()
    for claim in list_claims(store):
        named = {claim.subject_id, claim.object_id, claim.reported_by_id}
        if claim.object_id is not None and not named & unreviewed:
            yield claim_to_link(claim, sources[claim.source_id]).to_dict()
    for designation in list_designations(store):
        yield designation_to_sanction(designation).to_dict()


def write_ftm(store: Store, handle: Any) -> int:
    """Write the export as JSON lines to an open text file; return how many entities."""
    count = 0
    for entity in export_entities(store):
        handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
