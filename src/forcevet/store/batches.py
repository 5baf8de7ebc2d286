"""Batched writes that stay under SQLite's limit of bound variables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert

from forcevet.store.store import Store

BATCH_ROWS = 5_000


def chunked(
    rows: Iterable[dict[str, Any]], size: int = BATCH_ROWS
) -> Iterator[list[dict[str, Any]]]:
    """Yield lists of at most ``size`` rows."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_rows(
    store: Store, table: Table, rows: Sequence[dict[str, Any]] | Iterable[dict[str, Any]]
) -> int:
    """Insert rows with executemany in batches and return how many were written."""
    count = 0
    for batch in chunked(rows):
        store.connection.execute(insert(table), batch)
        count += len(batch)
    return count
