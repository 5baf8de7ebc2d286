"""Coverage: which actor a dataset or an analyst's search answered which question for.

"Searched, nothing found" is told apart from "not searched" by these records:
an imported dataset that covers a country for a predicate (a UN peacekeeping
table covers every UN member for ``contributes_peacekeepers``), or a search an
analyst records. Ids derive from (source, actor, predicate, object), so
recording the same coverage twice stores it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from forcevet.errors import InputError
from forcevet.model.dates import parse_day
from forcevet.model.ids import make_key
from forcevet.model.vocabulary import require_predicate
from forcevet.store.actors import resolve_actor
from forcevet.store.batches import insert_rows
from forcevet.store.sources import require_source
from forcevet.store.store import Store, now
from forcevet.store.tables import coverage


@dataclass(frozen=True)
class Coverage:
    """One actor covered for one question by one source (or one recorded search)."""

    actor_id: str
    predicate: str
    source_id: str | None
    object_id: str | None = None
    as_of: str | None = None
    note: str | None = None
    recorded_by: str = ""
    recorded_at: str = ""

    @property
    def id(self) -> str:
        """Return the record's id, derived from what it covers."""
        return make_key("cov", self.source_id, self.actor_id, self.predicate, self.object_id)


def add_coverage(store: Store, records: Iterable[Coverage], *, by: str) -> int:
    """Store coverage records not stored yet; return how many were new."""
    stamp = now()
    fresh = {r.id: r for r in records}
    ids = list(fresh)
    known: set[str] = set()
    for start in range(0, len(ids), 900):
        known.update(
            store.connection.scalars(
                select(coverage.c.id).where(coverage.c.id.in_(ids[start : start + 900]))
            )
        )
    rows = [
        {
            "id": key,
            "source_id": r.source_id,
            "actor_id": r.actor_id,
            "predicate": r.predicate,
            "object_id": r.object_id,
            "as_of": r.as_of,
            "recorded_by": r.recorded_by or by,
            "recorded_at": r.recorded_at or stamp,
            "note": r.note,
        }
        for key, r in fresh.items()
        if key not in known
    ]
    insert_rows(store, coverage, rows)
    return len(rows)


def list_coverage(store: Store, actor_ids: Sequence[str] | None = None) -> list[Coverage]:
    """Return the coverage records of the given actors (all if None), in a stable order."""
    query = select(coverage)
    if actor_ids is not None:
        query = query.where(coverage.c.actor_id.in_(list(actor_ids)))
    query = query.order_by(coverage.c.actor_id, coverage.c.predicate, coverage.c.id)
    return [
        Coverage(
            actor_id=row.actor_id,
            predicate=row.predicate,
            source_id=row.source_id,
            object_id=row.object_id,
            as_of=row.as_of,
            note=row.note,
            recorded_by=row.recorded_by,
            recorded_at=row.recorded_at,
        )
        for row in store.connection.execute(query)
    ]


def record_search(
    store: Store,
    *,
    actor: str,
    predicate: str,
    note: str,
    by: str,
    object_ref: str | None = None,
    source: str | None = None,
    as_of: str | None = None,
) -> tuple[Coverage, bool]:
    """Record that an analyst searched ``actor`` for ``predicate``; return it and whether it
    was new.

    The note says where and how (archives, lists, dates searched): a search with
    nothing found is what tells "searched, nothing found" from "not searched".
    """
    if not note.strip():
        raise InputError("say where and how you searched", field="note")
    record = Coverage(
        actor_id=resolve_actor(store, actor, field="actor").id,
        predicate=require_predicate(predicate).id,
        source_id=require_source(store, source, field="source").id if source else None,
        object_id=resolve_actor(store, object_ref, field="object").id if object_ref else None,
        as_of=parse_day(as_of, field="as_of") if as_of else now()[:10],
        note=note.strip(),
        recorded_by=by,
    )
    return record, add_coverage(store, [record], by=by) == 1
