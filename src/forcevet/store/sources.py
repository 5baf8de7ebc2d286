"""Reading and writing sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import bindparam, func, select

from forcevet.errors import NotFoundError
from forcevet.model.grades import Reliability
from forcevet.model.sources import Source, SourceKind
from forcevet.store.batches import insert_rows
from forcevet.store.store import Store
from forcevet.store.tables import source_minhashes, sources


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


def get_sources(store: Store, ids: Sequence[str]) -> dict[str, Source]:
    """Return the sources with these ids, by id (ids not stored are left out)."""
    wanted = sorted(set(ids))
    found: dict[str, Source] = {}
    for start in range(0, len(wanted), 900):  # under SQLite's limit of bound variables
        chunk = wanted[start : start + 900]
        for row in store.connection.execute(select(sources).where(sources.c.id.in_(chunk))):
            source = from_row(row)
            found[source.id] = source
    return found


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
    # NULLS LAST spelled out: SQLite's default for DESC, and PostgreSQL's is the opposite
    query = select(sources).order_by(sources.c.date.desc().nulls_last(), sources.c.title)
    if kind is not None:
        query = query.where(sources.c.kind == kind.value)
    return [from_row(row) for row in store.connection.execute(query)]


# Built once: ingest runs these for every document, and building a statement costs
# four times what running it does here.
_WITH_TEXT = select(sources.c.id).where(sources.c.content_hash == bindparam("digest")).limit(1)
_HOLDERS = select(source_minhashes.c.minhash, source_minhashes.c.source_id).where(
    source_minhashes.c.minhash.in_(bindparam("values", expanding=True))
)
_SKETCHES = select(sources.c.id, sources.c.report_id, sources.c.sketch).where(
    sources.c.id.in_(bindparam("ids", expanding=True))
)


def source_with_text(store: Store, digest: str) -> str | None:
    """Return the id of a stored source whose text has this content hash, or None."""
    found = store.connection.scalar(_WITH_TEXT, {"digest": digest})
    return None if found is None else str(found)


def minhash_holders(store: Store, values: Sequence[int]) -> list[tuple[int, str]]:
    """Return (hash, source id) for the stored sources indexed under any of the hashes."""
    rows = store.connection.execute(_HOLDERS, {"values": list(values)})
    return [(int(value), str(source_id)) for value, source_id in rows]


def sketches_of(store: Store, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """Return the underlying report id and the stored sketch of each of these sources."""
    rows = store.connection.execute(_SKETCHES, {"ids": list(ids)})
    return {str(i): (report_id, sketch) for i, report_id, sketch in rows}


def index_minhashes(store: Store, entries: Sequence[tuple[str, Sequence[int]]], bucket: int) -> int:
    """Index sources under their sketches' first hashes, each hash holding at most
    ``bucket`` sources; return how many entries were written."""
    wanted = sorted({v for _, values in entries for v in values})
    held: dict[int, int] = {}
    for start in range(0, len(wanted), 900):  # SQLite's limit on bound parameters
        chunk = wanted[start : start + 900]
        held.update(
            (int(value), int(count))
            for value, count in store.connection.execute(
                select(source_minhashes.c.minhash, func.count())
                .where(source_minhashes.c.minhash.in_(chunk))
                .group_by(source_minhashes.c.minhash)
            )
        )
    rows = []
    for source_id, values in entries:
        for value in dict.fromkeys(values):
            if held.get(value, 0) < bucket:
                held[value] = held.get(value, 0) + 1
                rows.append({"minhash": value, "source_id": source_id})
    return insert_rows(store, source_minhashes, rows)
