"""Reading and writing sources."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from forcevet.errors import NotFoundError
from forcevet.model.grades import Reliability
from forcevet.model.sources import Source, SourceKind
from forcevet.store.store import Store
from forcevet.store.tables import sources


def to_row(source: Source) -> dict[str, Any]:
    """Return the sources-table row of a source."""
    row = asdict(source)
    row["kind"] = source.kind.value
    row["reliability"] = source.reliability.value
    return row


def from_row(row: Any) -> Source:
    """Return the Source a sources-table row holds."""
    values = dict(row._mapping)
    values["kind"] = SourceKind(values["kind"])
    values["reliability"] = Reliability(values["reliability"])
    return Source(**values)


def add_source(store: Store, source: Source) -> tuple[Source, bool]:
    """Store a source unless the same text from the same address is there; return it and
    whether it was new."""
    existing = get_source(store, source.id)
    if existing is not None:
        return existing, False
    # Parameters apart from the statement: a statement built with .values() keeps its
    # values, and SQLAlchemy's statement cache would then keep every text ingested.
    store.connection.execute(sources.insert(), [to_row(source)])
    return source, True


def get_source(store: Store, source_id: str) -> Source | None:
    """Return the source with this id, or None."""
    row = store.connection.execute(select(sources).where(sources.c.id == source_id)).first()
    return None if row is None else from_row(row)


def require_source(store: Store, source_id: str, *, field: str = "source") -> Source:
    """Return the source with this id, or raise NotFoundError."""
    source = get_source(store, source_id.strip())
    if source is None:
        raise NotFoundError(
            f'no source "{source_id}" (forcevet source list shows them)', field=field
        )
    return source


def list_sources(store: Store, *, kind: SourceKind | None = None) -> list[Source]:
    """Return every source (optionally of one kind), newest publication first."""
    query = select(sources).order_by(sources.c.date.desc(), sources.c.title)
    if kind is not None:
        query = query.where(sources.c.kind == kind.value)
    return [from_row(row) for row in store.connection.execute(query)]
