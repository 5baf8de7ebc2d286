"""Reading and writing designations, their names, and the history of every change.

An import hands over the listings of one list; ``sync_designations`` compares
them with the stored ones, writes only what changed, appends one history row
per change, and reports what was added, changed, delisted and relisted.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select, update

from forcevet.model.designations import (
    Designation,
    ListedName,
    NameQuality,
    listing_changes,
)
from forcevet.model.ids import name_key
from forcevet.store.batches import insert_rows
from forcevet.store.store import Store
from forcevet.store.tables import designation_history, designation_names, designations

# Listing fields kept together as JSON in the ``details`` column (with ``gender``).
DETAIL_FIELDS = ("nationalities", "birth_dates", "birth_places", "positions", "unparsed")
# Stay under SQLite's limit of bound variables in IN (...) lists.
ID_BATCH = 900


def to_row(designation: Designation) -> dict[str, Any]:
    """Return the designations-table row of a designation (its names go elsewhere)."""
    details: dict[str, Any] = {
        f: list(getattr(designation, f)) for f in DETAIL_FIELDS if getattr(designation, f)
    }
    if designation.gender:
        details["gender"] = designation.gender
    return {
        "id": designation.id,
        "actor_id": designation.actor_id,
        "authority": designation.authority,
        "reference": designation.reference,
        "listed_on": designation.listed_on,
        "delisted_on": designation.delisted_on,
        "reason": designation.reason,
        "source_url": designation.source_url,
        "authority_id": designation.authority_id,
        "program": designation.program,
        "source_id": designation.source_id,
        "updated_on": designation.updated_on,
        "details": json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None,
    }


def from_row(row: Any, names: Sequence[ListedName] = ()) -> Designation:
    """Return the Designation a designations-table row and its names hold."""
    values: dict[str, Any] = dict(row._mapping)
    details = json.loads(values.pop("details") or "{}")
    values.update({f: tuple(details.get(f, ())) for f in DETAIL_FIELDS})
    return Designation(**values, names=tuple(names), gender=details.get("gender"))


def to_json(designation: Designation) -> dict[str, Any]:
    """Return a designation as plain JSON values, names as {"name", "quality"}."""
    # built field by field: dataclasses.asdict deep-copies every value, and took
    # most of the time of importing a 15,000-entry list
    record = {f.name: getattr(designation, f.name) for f in dataclasses.fields(designation)}
    record["names"] = [{"name": n.name, "quality": n.quality.value} for n in designation.names]
    for name in DETAIL_FIELDS:
        record[name] = list(record[name])
    return record


def _name_rows(items: Sequence[Designation]) -> list[dict[str, Any]]:
    return [
        {
            "designation_id": d.id,
            "position": position,
            "name": n.name,
            "name_key": name_key(n.name),
            "quality": n.quality.value,
        }
        for d in items
        for position, n in enumerate(d.names)
    ]


def _in_batches(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), ID_BATCH):
        yield list(ids[start : start + ID_BATCH])


def save_designations(store: Store, items: Sequence[Designation]) -> int:
    """Insert or replace designations and their names by id; return how many were written."""
    ids = [d.id for d in items]
    for batch in _in_batches(ids):
        store.connection.execute(
            delete(designation_names).where(designation_names.c.designation_id.in_(batch))
        )
    known: set[str] = set()
    for batch in _in_batches(ids):
        known.update(
            store.connection.scalars(select(designations.c.id).where(designations.c.id.in_(batch)))
        )
    for item in items:
        if item.id in known:
            row = to_row(item)
            store.connection.execute(
                update(designations).where(designations.c.id == item.id).values(**row)
            )
    insert_rows(store, designations, [to_row(d) for d in items if d.id not in known])
    insert_rows(store, designation_names, _name_rows(items))
    return len(items)


def _load_names(store: Store, ids: Sequence[str] | None) -> dict[str, list[ListedName]]:
    query = select(designation_names).order_by(
        designation_names.c.designation_id, designation_names.c.position
    )
    rows: list[Any] = []
    if ids is None:
        rows = list(store.connection.execute(query))
    else:
        for batch in _in_batches(ids):
            rows += store.connection.execute(
                query.where(designation_names.c.designation_id.in_(batch))
            )
    names: dict[str, list[ListedName]] = defaultdict(list)
    for row in rows:
        names[row.designation_id].append(ListedName(row.name, NameQuality(row.quality)))
    return names


def list_designations(
    store: Store,
    actor_ids: Iterable[str] | None = None,
    *,
    authority: str | None = None,
    active_only: bool = False,
) -> list[Designation]:
    """Return designations (all, or of the given actors or authority), by authority and
    reference, each with its names."""
    query = select(designations).order_by(  # NULLS FIRST as in SQLite and the sort below
        designations.c.authority, designations.c.reference.asc().nulls_first(), designations.c.id
    )
    if authority is not None:
        query = query.where(designations.c.authority == authority)
    if active_only:
        query = query.where(designations.c.delisted_on.is_(None))
    rows: list[Any] = []
    if actor_ids is None:
        rows = list(store.connection.execute(query))
    else:
        for batch in _in_batches(list(actor_ids)):
            rows += store.connection.execute(query.where(designations.c.actor_id.in_(batch)))
        rows.sort(key=lambda r: (r.authority, r.reference or "", r.id))
    names = _load_names(store, None if actor_ids is None else [r.id for r in rows])
    return [from_row(row, names.get(row.id, ())) for row in rows]


def get_designations(store: Store, ids: Sequence[str]) -> dict[str, Designation]:
    """Return the stored designations with these ids, by id."""
    rows: list[Any] = []
    for batch in _in_batches(list(ids)):
        rows += store.connection.execute(select(designations).where(designations.c.id.in_(batch)))
    names = _load_names(store, [r.id for r in rows])
    return {row.id: from_row(row, names.get(row.id, ())) for row in rows}


@dataclass(frozen=True)
class HistoryEvent:
    """One change an import made to a listing."""

    designation_id: str
    event: str
    source_id: str | None
    recorded_by: str
    recorded_at: str
    changes: dict[str, list[Any]]
    listing: dict[str, Any]


def designation_history_of(store: Store, designation_id: str) -> list[HistoryEvent]:
    """Return every recorded change of a listing, oldest first."""
    query = (
        select(designation_history)
        .where(designation_history.c.designation_id == designation_id)
        .order_by(designation_history.c.id)
    )
    return [
        HistoryEvent(
            designation_id=row.designation_id,
            event=row.event,
            source_id=row.source_id,
            recorded_by=row.recorded_by,
            recorded_at=row.recorded_at,
            changes=json.loads(row.changes or "{}"),
            listing=json.loads(row.listing),
        )
        for row in store.connection.execute(query)
    ]


@dataclass(frozen=True)
class ListScope:
    """The listings a complete list speaks for: those of ``authority`` in ``programs``.

    A stored, active listing in scope that the new list lacks has been delisted.
    ``programs`` None means every program of the authority.
    """

    authority: str
    programs: frozenset[str] | None = None

    def covers(self, designation: Designation) -> bool:
        """Return whether the listing belongs to this list."""
        if name_key(designation.authority) != name_key(self.authority):
            return False
        return self.programs is None or (designation.program or "") in self.programs


@dataclass
class SyncReport:
    """What bringing a list's listings into the store changed, by designation id."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    delisted: list[str] = field(default_factory=list)
    relisted: list[str] = field(default_factory=list)
    unchanged: int = 0


def _change_json(changes: dict[str, tuple[Any, Any]]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if isinstance(value, ListedName):
            return {"name": value.name, "quality": value.quality.value}
        return value

    return json.dumps(
        {k: [plain(a), plain(b)] for k, (a, b) in changes.items()}, ensure_ascii=False
    )


def sync_designations(
    store: Store,
    listings: Sequence[Designation],
    *,
    source_id: str | None,
    by: str,
    at: str,
    scopes: Sequence[ListScope] = (),
    delisted_on: str | None = None,
) -> SyncReport:
    """Write the listings of one list, append their history, and return what changed.

    Identical listings are left alone, so importing the same list twice writes
    nothing. Stored active listings that one of ``scopes`` covers and that the
    list lacks are delisted as of ``delisted_on`` (the list's date).
    """
    report = SyncReport()
    stored = get_designations(store, [d.id for d in listings])
    writes: list[Designation] = []
    events: list[dict[str, Any]] = []

    def log(designation: Designation, event: str, changes: dict[str, tuple[Any, Any]]) -> None:
        events.append(
            {
                "designation_id": designation.id,
                "event": event,
                "source_id": source_id,
                "recorded_by": by,
                "recorded_at": at,
                "changes": _change_json(changes) if changes else None,
                "listing": json.dumps(to_json(designation), ensure_ascii=False),
            }
        )

    for listing in listings:
        before = stored.get(listing.id)
        if before is None:
            report.added.append(listing.id)
            writes.append(listing)
            log(listing, "added", {})
            continue
        changes = listing_changes(before, listing)
        if not changes:
            report.unchanged += 1
            if before.source_id != listing.source_id and listing.source_id is not None:
                writes.append(listing)  # the same listing, read from a newer document
            continue
        writes.append(listing)
        if "delisted_on" in changes and before.delisted_on is None:
            report.delisted.append(listing.id)
            log(listing, "delisted", changes)
        elif "delisted_on" in changes and listing.delisted_on is None:
            report.relisted.append(listing.id)
            log(listing, "relisted", changes)
        else:
            report.changed.append(listing.id)
            log(listing, "changed", changes)
    if scopes:
        present = {d.id for d in listings}
        for gone in list_designations(store, active_only=True):
            if gone.id in present or not any(scope.covers(gone) for scope in scopes):
                continue
            ended = dataclasses.replace(gone, delisted_on=delisted_on or at[:10])
            writes.append(ended)
            report.delisted.append(gone.id)
            log(ended, "delisted", listing_changes(gone, ended))
    save_designations(store, writes)
    insert_rows(store, designation_history, events)
    return report
