"""The cases a store holds: each one's validated definition as JSON, and the default one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from forcevet.errors import InputError, NotFoundError
from forcevet.store.store import Store, now
from forcevet.store.tables import cases


@dataclass(frozen=True)
class StoredCase:
    """One row of the cases table, its definition read back from JSON."""

    id: str
    title: str
    origin: str
    definition: dict[str, Any]
    is_default: bool
    loaded_by: str
    loaded_at: str


def save_case(
    store: Store, case_id: str, *, title: str, origin: str, definition: dict[str, Any], by: str
) -> None:
    """Store a case (replacing one with the same id) and make it the default case."""
    connection = store.connection
    connection.execute(cases.delete().where(cases.c.id == case_id))
    connection.execute(update(cases).values(is_default=False))
    connection.execute(
        cases.insert().values(
            id=case_id,
            title=title,
            origin=origin,
            definition=json.dumps(definition, sort_keys=True),
            is_default=True,
            loaded_by=by,
            loaded_at=now(),
        )
    )


def stored_cases(store: Store) -> list[StoredCase]:
    """Return every case in the store, the default first, then by id."""
    rows = store.connection.execute(select(cases).order_by(cases.c.is_default.desc(), cases.c.id))
    return [
        StoredCase(
            row.id,
            row.title,
            row.origin,
            json.loads(row.definition),
            bool(row.is_default),
            row.loaded_by,
            row.loaded_at,
        )
        for row in rows
    ]


def require_stored_case(store: Store, name: str | None = None) -> StoredCase:
    """Return the case called ``name``, or the default case; a clear error if there is none."""
    held = stored_cases(store)
    if name is None:
        default = next((c for c in held if c.is_default), None)
        if default is None:
            raise InputError(
                "no case in this store: load one with `forcevet case load FOLDER` "
                "(or `forcevet case load gaza-isf`, the bundled case)",
                field="case",
            )
        return default
    found = next((c for c in held if c.id == name), None)
    if found is None:
        names = ", ".join(c.id for c in held) or "none loaded"
        raise NotFoundError(f'no case "{name}" in this store (cases: {names})', field="case")
    return found


def use_case(store: Store, name: str) -> StoredCase:
    """Make the case called ``name`` the default case; return it."""
    chosen = require_stored_case(store, name)
    store.connection.execute(update(cases).values(is_default=cases.c.id == chosen.id))
    return chosen
