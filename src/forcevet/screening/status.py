"""Who lists an actor and who does not: for reports, with no matcher loaded.

An actor is listed by an authority directly (a designation of the actor) or
through a screening link: a ``designates`` claim that ``forcevet screen
--actors`` proposed from a listing, once accepted (proposed links are shown as
awaiting review; rejected ones are ignored).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcevet.model.claims import Status
from forcevet.model.designations import Designation
from forcevet.screening.actors import EXTRACTOR
from forcevet.store.actors import load_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.designations import get_designations, list_designations
from forcevet.store.store import Store


@dataclass(frozen=True)
class Listing:
    """One listing of an actor, and how the store knows it.

    ``how`` is "direct" (a designation of the actor), "accepted link" or
    "proposed link" (a screening link and its review status).
    """

    authority: str
    reference: str | None
    listed_on: str | None
    delisted_on: str | None
    program: str | None
    source_url: str | None
    designation_id: str
    how: str
    claim_id: str | None = None

    def text(self) -> str:
        """Return the listing as a report line: "listed by UN Security Council (QDe.118)
        since 2005-05-02"."""
        reference = f" ({self.reference})" if self.reference else ""
        since = f" since {self.listed_on}" if self.listed_on else ""
        until = f", delisted {self.delisted_on}" if self.delisted_on else ""
        review = ", awaiting review" if self.how == "proposed link" else ""
        return f"listed by {self.authority}{reference}{since}{until}{review}"


@dataclass(frozen=True)
class ActorListings:
    """An actor's listings, and the authorities in view that do not list it."""

    actor_id: str
    name: str
    kind: str
    listings: tuple[Listing, ...]
    not_listed_by: tuple[str, ...]

    def lines(self) -> list[str]:
        """Return one line per listing, then "not listed by <authority>" lines."""
        return [x.text() for x in self.listings] + [
            f"not listed by {a}" for a in self.not_listed_by
        ]


def _listing(designation: Designation, how: str, claim_id: str | None = None) -> Listing:
    return Listing(
        authority=designation.authority,
        reference=designation.reference,
        listed_on=designation.listed_on,
        delisted_on=designation.delisted_on,
        program=designation.program,
        source_url=designation.source_url,
        designation_id=designation.id,
        how=how,
        claim_id=claim_id,
    )


def listing_authorities(store: Store) -> list[str]:
    """Return every authority with a listing in the store, by name."""
    return sorted({d.authority for d in list_designations(store)})


def listing_status(
    store: Store,
    actor_ids: Sequence[str],
    *,
    authorities: Iterable[str] | None = None,
) -> list[ActorListings]:
    """Return, for each actor in order, its listings and the authorities that do not list it.

    ``authorities`` defaults to every authority with a listing in the store, so that
    a report can say "not listed by UN Security Council" only where that list is loaded.
    """
    in_view = list(authorities) if authorities is not None else listing_authorities(store)
    actors = {a.id: a for a in load_actors(store, actor_ids)}
    direct: dict[str, list[Listing]] = {a: [] for a in actor_ids}
    for designation in list_designations(store, actor_ids):
        direct[designation.actor_id].append(_listing(designation, "direct"))
    results = []
    for actor_id in actor_ids:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        found = list(direct[actor_id])
        links = [
            c
            for c in list_claims(store, ClaimFilter(actor_id=actor_id, predicate="designates"))
            if c.object_id == actor_id
            and c.extracted_by.startswith(EXTRACTOR)
            and c.status is not Status.REJECTED
        ]
        linked = get_designations(store, [c.extracted_by[len(EXTRACTOR) :] for c in links])
        for claim in links:
            target = linked.get(claim.extracted_by[len(EXTRACTOR) :])
            if target is not None and all(x.designation_id != target.id for x in found):
                how = "accepted link" if claim.status is Status.ACCEPTED else "proposed link"
                found.append(_listing(target, how, claim.id))
        listing_by = {x.authority for x in found if x.delisted_on is None}
        results.append(
            ActorListings(
                actor_id=actor.id,
                name=actor.name,
                kind=actor.kind.value,
                listings=tuple(sorted(found, key=lambda x: (x.authority, x.listed_on or ""))),
                not_listed_by=tuple(a for a in in_view if a not in listing_by),
            )
        )
    return results
