"""Reading and writing designations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict

from sqlalchemy import delete, select

from forcevet.model.designations import Designation
from forcevet.store.batches import insert_rows
from forcevet.store.store import Store
from forcevet.store.tables import designations


def save_designations(store: Store, items: Sequence[Designation]) -> int:
    """Insert or replace designations by id; return how many were written."""
    ids = [d.id for d in items]
    store.connection.execute(delete(designations).where(designations.c.id.in_(ids)))
    return insert_rows(store, designations, [asdict(d) for d in items])


def list_designations(store: Store, actor_ids: Iterable[str] | None = None) -> list[Designation]:
    """Return designations (all, or of the given actors), by authority and reference."""
    query = select(designations).order_by(designations.c.authority, designations.c.reference)
    if actor_ids is not None:
        query = query.where(designations.c.actor_id.in_(list(actor_ids)))
    return [Designation(**dict(row._mapping)) for row in store.connection.execute(query)]
