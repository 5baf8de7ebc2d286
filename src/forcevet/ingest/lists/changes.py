"""What importing a list changed, named for people, and what a whole list covers.

A change report names every listing it added, changed, delisted or relisted by
reference and main name. A list imported whole (a UN SC file, the SDN file, a
CSV with ``--complete``) is recorded as coverage of its authority's
designations: the record that lets a report say "not listed in the imported
list of DATE" instead of "list not imported".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from forcevet.errors import InputError
from forcevet.model.designations import Designation
from forcevet.model.ids import name_key
from forcevet.store.coverage import Coverage, add_coverage
from forcevet.store.designations import ListScope, SyncReport, get_designations
from forcevet.store.store import Store, now

# The order in which a report names what it counted.
COUNT_ORDER = (
    "records",
    "individuals",
    "entities",
    "listings",
    "alias_records",
    "empty_alias_records",
    "names",
    "good_aliases",
    "low_aliases",
    "former_aliases",
    "original_script_names",
    "unparsed_nationalities",
)


@dataclass
class ListImportReport:
    """What importing a list did: what it read, and what it added, changed and delisted."""

    path: str
    authority: str
    source_id: str
    new_document: bool
    list_date: str | None
    counts: dict[str, int]
    skipped: dict[str, int]
    added: int = 0
    changed: int = 0
    delisted: int = 0
    relisted: int = 0
    unchanged: int = 0
    actors: int = 0
    changed_ids: list[str] = field(default_factory=list)
    delisted_ids: list[str] = field(default_factory=list)
    # Each listing that was added, changed, delisted or relisted, by reference and name.
    added_listings: list[NamedListing] = field(default_factory=list)
    changed_listings: list[NamedListing] = field(default_factory=list)
    delisted_listings: list[NamedListing] = field(default_factory=list)
    relisted_listings: list[NamedListing] = field(default_factory=list)
    # Entries attached to an actor the store already had: reference -> actor id.
    linked: dict[str, str] = field(default_factory=dict)

    def summary(self, shown: int = 5) -> str:
        """Return the report for people: what was read, what changed, and the first
        ``shown`` names of each change."""
        order = {key: index for index, key in enumerate(COUNT_ORDER)}
        keys = sorted(self.counts, key=lambda k: (order.get(k, len(order)), k))
        counted = ", ".join(f"{self.counts[k]} {k.replace('_', ' ')}" for k in keys)
        dated = f" of {self.list_date}" if self.list_date else ""
        skipped = "; ".join(f"skipped {n} {what}" for what, n in sorted(self.skipped.items()))
        return (
            f"{self.path}: {self.authority}{dated}: {counted}\n"
            f"listings: {self.added} added, {self.changed} changed, {self.delisted} delisted, "
            f"{self.relisted} relisted, {self.unchanged} unchanged"
            + (f"; {skipped}" if skipped else "")
            + "".join(
                f"\n{what}: {_first(named, shown)}"
                for what, named in (
                    ("added", self.added_listings),
                    ("changed", self.changed_listings),
                    ("delisted", self.delisted_listings),
                    ("relisted", self.relisted_listings),
                )
                if named
            )
            + (
                "\nlinked to existing actors: "
                + ", ".join(f"{ref} -> {actor}" for ref, actor in self.linked.items())
                if self.linked
                else ""
            )
        )


@dataclass(frozen=True)
class NamedListing:
    """A listing as a change report names it: its reference and main name."""

    reference: str | None
    name: str
    designation_id: str

    def text(self) -> str:
        """Return "MASOOD AZHAR (QDi.422)"."""
        return f"{self.name} ({self.reference})" if self.reference else self.name


def _first(named: list[NamedListing], shown: int) -> str:
    more = len(named) - shown
    listed = ", ".join(n.text() for n in named[:shown])
    return listed + (f" and {more} more" if more > 0 else "")


def coverage_note(scope: ListScope) -> str:
    """Return how a coverage record names the list it stands for: "whole list of
    UN Security Council", with its programs when the list is restricted to some."""
    programs = f" ({'; '.join(sorted(scope.programs))})" if scope.programs is not None else ""
    return f"{WHOLE_LIST}{scope.authority}{programs}"


# Coverage records of whole lists: the predicate, and how their note begins.
COVERED_PREDICATE = "designates"
WHOLE_LIST = "whole list of "


def named_changes(
    store: Store, listings: Sequence[Designation], synced: SyncReport
) -> tuple[list[NamedListing], list[NamedListing], list[NamedListing], list[NamedListing]]:
    """Return the listings added, changed, delisted and relisted, by reference and main
    name."""
    known = {d.id: d for d in listings}
    missing = [i for i in synced.delisted + synced.relisted if i not in known]
    known.update(get_designations(store, missing))

    def named(ids: list[str]) -> list[NamedListing]:
        return [
            NamedListing(
                known[i].reference,
                known[i].names[0].name if known[i].names else known[i].actor_id,
                i,
            )
            for i in ids
        ]

    return (
        named(synced.added),
        named(synced.changed),
        named(synced.delisted),
        named(synced.relisted),
    )


def record_coverage(
    store: Store,
    scopes: Sequence[ListScope],
    listings: Sequence[Designation],
    *,
    path: str,
    source_id: str,
    list_date: str | None,
    default: tuple[str, str | None],
    by: str,
) -> int:
    """Record that each whole list in ``scopes`` covers its authority's designations; return
    how many records were new.

    ``default`` is the list's own authority and its actor, for a scope whose
    listings name no actor.

    The record is what lets a report say "not listed in the imported list of
    DATE" rather than "list not imported"; an authority that is not an actor of
    the store cannot be recorded, so a whole list must name it.
    """
    actor_of = {name_key(d.authority): d.authority_id for d in listings if d.authority_id}
    records = []
    for scope in scopes:
        actor_id = actor_of.get(name_key(scope.authority))
        if actor_id is None and name_key(scope.authority) == name_key(default[0]):
            actor_id = default[1]
        if actor_id is None:
            raise InputError(
                f"a whole list needs its authority as an actor, to record what it covers: "
                f'give authority_actor for "{scope.authority}" (an actor id or an ISO 3166 '
                "alpha-3 code such as GBR)",
                path=path,
                field="authority_actor",
            )
        records.append(
            Coverage(
                actor_id=actor_id,
                predicate=COVERED_PREDICATE,
                source_id=source_id,
                as_of=list_date or now()[:10],
                note=coverage_note(scope),
            )
        )
    return add_coverage(store, records, by=by)
