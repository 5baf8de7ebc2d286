"""Designations: an actor listed by an authority (UN Security Council, a state's list).

A designation keeps the listing as the authority writes it: every name with the
quality the list gives it, nationalities, dates and places of birth, and the
reason. Values the importer could not read stay as text in ``unparsed``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from forcevet.errors import InputError
from forcevet.model.ids import make_key
from forcevet.model.urls import require_web_url


class NameQuality(StrEnum):
    """How far the authority vouches for a name; the UN list marks each alias.

    ``low`` is the UN's "Low quality" alias (often a kunya such as "Abu ..." or a
    nickname): too broad to identify anyone alone, so screening weighs it less.
    ``former`` is a name the actor was formerly known as (the UN's "f.k.a.").
    """

    GOOD = "good"
    LOW = "low"
    FORMER = "former"

    @classmethod
    def parse(cls, text: object, *, field: str = "quality") -> NameQuality:
        """Return the quality written in ``text``: good, low or former, or the UN's own
        words (Good, Low, a.k.a., f.k.a.); an empty value is good."""
        key = str(text or "").strip().lower()
        aliases = {"": "good", "a.k.a.": "good", "aka": "good", "f.k.a.": "former", "fka": "former"}
        try:
            return cls(aliases.get(key, key))
        except ValueError:
            raise InputError(
                f'unknown name quality "{text}"; use good, low or former', field=field
            ) from None


@dataclass(frozen=True)
class ListedName:
    """One name under which an authority lists an actor."""

    name: str
    quality: NameQuality = NameQuality.GOOD


@dataclass(frozen=True)
class Designation:
    """One listing: who lists whom, under which reference, since when, and why.

    ``authority_id`` is the authority as an actor (``unsc``, ``USA``) when known;
    ``source_id`` the imported list document the listing was last read from.
    ``birth_dates`` are ISO dates or years as listed, a range as ``1947/1949`` and
    an approximate date prefixed with ``~``; ``unparsed`` keeps values the
    importer could not read, such as a nationality "Possibly Ethiopian".
    """

    id: str
    actor_id: str
    authority: str
    reference: str | None
    listed_on: str | None
    delisted_on: str | None = None
    reason: str | None = None
    source_url: str | None = None
    authority_id: str | None = None
    program: str | None = None
    source_id: str | None = None
    updated_on: str | None = None
    names: tuple[ListedName, ...] = ()
    nationalities: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    gender: str | None = None
    unparsed: tuple[str, ...] = ()

    @property
    def is_active(self) -> bool:
        """Return whether the listing has not ended."""
        return self.delisted_on is None

    def label(self) -> str:
        """Return the listing as a person reads it: "UN Security Council QDe.118"."""
        return f"{self.authority} {self.reference}" if self.reference else self.authority


# Fields whose change is a change of the listing; the id and the document it was
# read from are bookkeeping.
LISTING_FIELDS = tuple(
    f.name for f in fields(Designation) if f.name not in ("id", "actor_id", "source_id")
)


def listing_changes(before: Designation, after: Designation) -> dict[str, tuple[Any, Any]]:
    """Return the listing fields that differ between two versions, as (before, after)."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name in LISTING_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes[name] = (old, new)
    return changes


def make_designation(
    *,
    actor_id: str,
    authority: str,
    reference: str | None,
    listed_on: str | None,
    delisted_on: str | None = None,
    reason: str | None = None,
    source_url: str | None = None,
    **more: Any,
) -> Designation:
    """Return a Designation whose id derives from authority, reference and actor.

    ``more`` takes the optional fields of Designation (program, names, ...); the
    source address must be http(s), as it becomes a link in the reports.
    """
    source_url = require_web_url(source_url, field="source_url")
    return Designation(
        id=make_key("des", authority, reference or actor_id, actor_id, length=10),
        actor_id=actor_id,
        authority=authority,
        reference=reference,
        listed_on=listed_on,
        delisted_on=delisted_on,
        reason=reason,
        source_url=source_url,
        **more,
    )
