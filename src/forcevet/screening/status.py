"""Who lists an actor and who does not: for reports, with no matcher loaded.

An actor is listed by an authority directly (a designation of the actor) or
through a screening link: a ``designates`` claim that ``forcevet screen
--actors`` proposed from a listing, once accepted (proposed links are shown as
awaiting review; rejected ones are ignored). Absence is said only of a list that
was imported whole (its coverage record): "not listed in the imported list of
DATE"; otherwise "list not imported".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcevet.ingest.lists.changes import COVERED_PREDICATE, WHOLE_LIST
from forcevet.model.claims import Claim, Status
from forcevet.model.designations import Designation
from forcevet.screening.actors import EXTRACTOR
from forcevet.store.actors import load_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.coverage import list_coverage
from forcevet.store.designations import get_designations, list_designations
from forcevet.store.sources import get_source
from forcevet.store.store import Store


@dataclass(frozen=True)
class Listing:
    """One listing of an actor, and how the store knows it.

    ``how`` is "direct" (a designation of the actor), "accepted link" or
    "proposed link" (a screening link and its review status); ``list_date`` is
    the date of the list document it was read from.
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
    list_date: str | None = None

    def text(self) -> str:
        """Return the listing as a report line: "UN Security Council: listed (QDe.118,
        2005-05-02, Al-Qaida)"; a list without listing dates gives its own date."""
        since = self.listed_on or (f"on the list of {self.list_date}" if self.list_date else None)
        details = ", ".join(x for x in (self.reference, since, self.program) if x)
        state = f"delisted {self.delisted_on}" if self.delisted_on else "listed"
        review = ", awaiting review" if self.how == "proposed link" else ""
        return (
            f"{self.authority}: {state} ({details}){review}"
            if details
            else (f"{self.authority}: {state}{review}")
        )


@dataclass(frozen=True)
class Unlisted:
    """An authority in view that does not list the actor, and what the store knows of its list.

    ``list_date`` is the date of the authority's whole list imported last; None
    when only selected listings of the authority were recorded. ``note`` names the
    one program that list was restricted to (the 1267 committee's list).
    """

    authority: str
    list_date: str | None
    note: str | None = None

    def text(self) -> str:
        """Return "UN Security Council: not listed in the imported list of 2015-03-27", or
        "...: list not imported" when no whole list of the authority was imported."""
        if self.list_date is None:
            return f"{self.authority}: list not imported"
        only = f" (only {self.note})" if self.note else ""
        return f"{self.authority}: not listed in the imported list of {self.list_date}{only}"


@dataclass(frozen=True)
class ActorListings:
    """An actor's listings, and the authorities in view that do not list it."""

    actor_id: str
    name: str
    kind: str
    listings: tuple[Listing, ...]
    unlisted: tuple[Unlisted, ...]

    @property
    def not_listed_by(self) -> tuple[str, ...]:
        """Return the authorities whose whole list was imported and does not name the actor."""
        return tuple(u.authority for u in self.unlisted if u.list_date is not None)

    def lines(self) -> list[str]:
        """Return one line per listing, then one per authority that does not list the actor."""
        return [x.text() for x in self.listings] + [u.text() for u in self.unlisted]


def _listing(
    designation: Designation, how: str, dates: dict[str, str], claim_id: str | None = None
) -> Listing:
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
        list_date=dates.get(designation.source_id or ""),
    )


def listing_authorities(store: Store) -> list[str]:
    """Return every authority with a listing in the store, by name."""
    return sorted({d.authority for d in list_designations(store)})


def whole_lists(store: Store, authorities: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """Return, for each authority whose whole list was imported, the date of the latest such
    list and the one program it was restricted to (None when it spoke for all)."""
    records = [
        c
        for c in list_coverage(store)
        if c.predicate == COVERED_PREDICATE and (c.note or "").startswith(WHOLE_LIST)
    ]
    found: dict[str, tuple[str, str | None]] = {}
    for authority in authorities:
        whole = WHOLE_LIST + authority
        dated = []
        for record in records:
            note = record.note or ""
            if note == whole or note.startswith(whole + " ("):
                programs = note[len(whole) :].strip().removeprefix("(").removesuffix(")")
                only = programs if programs and ";" not in programs else None
                dated.append((record.as_of or "", only))
        if dated:
            found[authority] = max(dated, key=lambda d: d[0])
    return found


def listing_status(
    store: Store,
    actor_ids: Sequence[str],
    *,
    authorities: Iterable[str] | None = None,
) -> list[ActorListings]:
    """Return, for each actor in order, its listings and the authorities that do not list it.

    ``authorities`` defaults to every authority with a listing in the store. An
    authority that does not list the actor is "not listed in the imported list of
    DATE" only if its whole list was imported (a UN SC file, the SDN file, a CSV
    with ``--complete``); of an authority of which only some listings were
    recorded, the report says "list not imported": never "not listed" without a list.
    """
    in_view = list(authorities) if authorities is not None else listing_authorities(store)
    whole = whole_lists(store, in_view)
    actors = {a.id: a for a in load_actors(store, actor_ids)}
    designations = list_designations(store, actor_ids)
    links: dict[str, list[Claim]] = {}
    for actor_id in actor_ids:
        links[actor_id] = [
            c
            for c in list_claims(store, ClaimFilter(actor_id=actor_id, predicate="designates"))
            if c.object_id == actor_id
            and c.extracted_by.startswith(EXTRACTOR)
            and c.status is not Status.REJECTED
        ]
    linked = get_designations(
        store, [c.extracted_by[len(EXTRACTOR) :] for claims in links.values() for c in claims]
    )
    dates = _source_dates(store, [*designations, *linked.values()])
    direct: dict[str, list[Listing]] = {a: [] for a in actor_ids}
    for designation in designations:
        direct[designation.actor_id].append(_listing(designation, "direct", dates))
    results = []
    for actor_id in actor_ids:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        found = list(direct[actor_id])
        for claim in links[actor_id]:
            target = linked.get(claim.extracted_by[len(EXTRACTOR) :])
            if target is not None and all(x.designation_id != target.id for x in found):
                how = "accepted link" if claim.status is Status.ACCEPTED else "proposed link"
                found.append(_listing(target, how, dates, claim.id))
        listing_by = {x.authority for x in found}
        results.append(
            ActorListings(
                actor_id=actor.id,
                name=actor.name,
                kind=actor.kind.value,
                listings=tuple(sorted(found, key=lambda x: (x.authority, x.listed_on or ""))),
                unlisted=tuple(
                    Unlisted(a, *whole[a]) if a in whole else Unlisted(a, None)
                    for a in in_view
                    if a not in listing_by
                ),
            )
        )
    return results


def _source_dates(store: Store, designations: Iterable[Designation]) -> dict[str, str]:
    """Return the date of each list document the designations were read from, by source id."""
    dates = {}
    for source_id in {d.source_id for d in designations if d.source_id}:
        source = get_source(store, source_id)
        if source is not None and source.date:
            dates[source_id] = source.date
    return dates
