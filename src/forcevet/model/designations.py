"""Designations: an actor listed by an authority (UN Security Council, a state's list)."""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.model.ids import make_key


@dataclass(frozen=True)
class Designation:
    """One listing: who lists whom, under which reference, since when, and why."""

    id: str
    actor_id: str
    authority: str
    reference: str | None
    listed_on: str | None
    delisted_on: str | None = None
    reason: str | None = None
    source_url: str | None = None


def make_designation(
    *,
    actor_id: str,
    authority: str,
    reference: str | None,
    listed_on: str | None,
    delisted_on: str | None = None,
    reason: str | None = None,
    source_url: str | None = None,
) -> Designation:
    """Return a Designation whose id derives from authority, reference and actor."""
    return Designation(
        id=make_key("des", authority, reference or actor_id, actor_id, length=10),
        actor_id=actor_id,
        authority=authority,
        reference=reference,
        listed_on=listed_on,
        delisted_on=delisted_on,
        reason=reason,
        source_url=source_url,
    )
