"""Named what-ifs of a case's composition, kept in the store to be reopened and listed.

A variant is a name, its case and the what-if's switches (``WhatIf.to_dict``),
with who saved it and when. Names are unique per case and a variant is never
changed: saving a name again is refused, so that a what-if someone cited stays
what it was. The switches are checked against the case's problem when saved
and again when applied, since the case may be loaded again without an offer or
veto a variant names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from forcevet.composition.problem import CompositionProblem
from forcevet.composition.whatif import WhatIf, apply_whatif, parse_whatif
from forcevet.errors import InputError, NotFoundError
from forcevet.store.store import Store, now
from forcevet.store.tables import composition_variants

MAX_NAME = 80
NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")
"""A variant's name: 1-80 characters, any but control characters."""


@dataclass(frozen=True)
class Variant:
    """A saved what-if: its case, name and switches, and who saved it when."""

    case_id: str
    name: str
    whatif: WhatIf
    saved_by: str
    saved_at: str

    def to_dict(self) -> dict[str, Any]:
        """Return the variant as JSON-ready data, as /api/compose/variants lists it."""
        return {
            "case": self.case_id,
            "name": self.name,
            "what_if": self.whatif.to_dict(),
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
        }


def require_variant_name(name: str) -> str:
    """Return the name without surrounding spaces, or raise InputError saying what is allowed."""
    cleaned = name.strip()
    if not NAME.fullmatch(cleaned):
        raise InputError(
            f"a variant's name has 1 to {MAX_NAME} characters and no control characters",
            field="name",
        )
    return cleaned


def save_variant(
    store: Store,
    case_id: str,
    name: str,
    whatif: WhatIf,
    problem: CompositionProblem,
    *,
    by: str,
) -> Variant:
    """Store a what-if of the case as ``name`` and return it; InputError when the name is
    taken or a switch names what ``problem`` (the case's) lacks. The caller's transaction
    holds the write."""
    name = require_variant_name(name)
    apply_whatif(problem, whatif)
    if get_variant(store, case_id, name) is not None:
        raise InputError(
            f'case {case_id} has a variant "{name}" already; choose another name', field="name"
        )
    saved = now()
    store.connection.execute(
        composition_variants.insert().values(
            case_id=case_id,
            name=name,
            toggles=json.dumps(whatif.to_dict(), sort_keys=True),
            saved_by=by,
            saved_at=saved,
        )
    )
    return Variant(case_id, name, whatif, by, saved)


def get_variant(store: Store, case_id: str, name: str) -> Variant | None:
    """Return the case's variant called ``name``, or None."""
    t = composition_variants.c
    row = store.connection.execute(
        select(composition_variants).where(t.case_id == case_id, t.name == name.strip())
    ).first()
    return None if row is None else _variant(row)


def require_variant(store: Store, case_id: str, name: str) -> Variant:
    """Return the case's variant called ``name``, or raise NotFoundError naming the others."""
    found = get_variant(store, case_id, name)
    if found is None:
        names = [v.name for v in list_variants(store, case_id)]
        raise NotFoundError(
            f'case {case_id} has no variant "{name.strip()}"; saved: {", ".join(names) or "none"}',
            field="variant",
        )
    return found


def list_variants(store: Store, case_id: str) -> list[Variant]:
    """Return the case's variants, newest first."""
    t = composition_variants.c
    query = (
        select(composition_variants).where(t.case_id == case_id).order_by(t.saved_at.desc(), t.name)
    )
    return [_variant(row) for row in store.connection.execute(query)]


def _variant(row: Any) -> Variant:
    return Variant(
        case_id=row.case_id,
        name=row.name,
        whatif=parse_whatif(json.loads(row.toggles)),
        saved_by=row.saved_by,
        saved_at=row.saved_at,
    )
