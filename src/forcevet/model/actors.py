"""Actors: states, their bodies, parties, armed groups, intergovernmental bodies, people."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from normality.cleaning import remove_unsafe_chars

from forcevet.errors import InputError
from forcevet.model.choices import parse_choice

ACTOR_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
"""An actor id: a letter or digit, then letters, digits, ``.``, ``_``, ``:``, ``-``, at
most 128 in all (``PAK``, ``hamas``, ``pml-n``, ``un-sc:QDe.118``, an FtM entity id).
No spaces, slashes or ``..`` path climbing: ids end up in file names, URLs and anchors."""


def require_actor_id(value: object, *, field: str = "id") -> str:
    """Return ``value`` as an actor id, or raise InputError stating the syntax."""
    text = value if isinstance(value, str) else ""
    if not ACTOR_ID.fullmatch(text) or ".." in text:
        shown = value if isinstance(value, str) else repr(value)
        raise InputError(
            f'not an actor id: "{shown[:80]}"; an id is 1-128 letters, digits, ".", "_", ":" '
            'or "-", starting with a letter or digit, such as pml-n',
            field=field,
        )
    return text


def clean_name(text: str) -> str:
    """Return a name as FollowTheMoney stores it: NFC, no invisible or control characters,
    spaces collapsed, then FtM's own cleaning of names (which drops quotes around a
    whole name: '"Hamas"' is Hamas), so that names survive an export and import
    unchanged. A name with nothing left is ""."""
    from followthemoney.types import registry

    text = " ".join(remove_unsafe_chars(unicodedata.normalize("NFC", text)).split())
    return registry.name.clean(text) or ""


class ActorKind(StrEnum):
    """What an actor is; a state body belongs to a state through ``parent_id``."""

    STATE = "state"
    STATE_BODY = "state_body"
    PARTY = "party"
    ARMED_GROUP = "armed_group"
    IGO = "igo"
    PERSON = "person"
    ORGANIZATION = "organization"

    @classmethod
    def parse(cls, text: object, *, field: str = "kind") -> ActorKind:
        """Return the kind written in ``text``, or raise InputError listing the choices."""
        return parse_choice(cls, text, what="actor kind", field=field)


class ActorStatus(StrEnum):
    """Whether an actor is in the evidence base or awaits review.

    Ingest stores the people and organisations it meets in text as proposed actors
    rather than drop their claims; only accepted actors are candidates, screened or
    listed outside review, and a rejected one stays (its rejected claims name it).
    """

    ACCEPTED = "accepted"
    PROPOSED = "proposed"
    REJECTED = "rejected"

    @classmethod
    def parse(cls, text: object, *, field: str = "status") -> ActorStatus:
        """Return the status written in ``text``, or raise InputError listing the choices."""
        return parse_choice(cls, text, what="actor status", field=field)


@dataclass(frozen=True)
class Identifier:
    """An identifier an authority gives an actor, e.g. ("un-sc", "QDe.118")."""

    scheme: str
    value: str


@dataclass(frozen=True)
class Actor:
    """Someone claims are about; ``country`` is an ISO 3166 alpha-3 code."""

    id: str
    kind: ActorKind
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent_id: str | None = None
    identifiers: tuple[Identifier, ...] = field(default=())
    status: ActorStatus = ActorStatus.ACCEPTED

    def __post_init__(self) -> None:
        require_actor_id(self.id)
        if self.parent_id is not None:
            require_actor_id(self.parent_id, field="parent")
        name = clean_name(self.name)
        if not name:
            raise InputError("an actor needs a name", field="name")
        aliases = (clean_name(a) for a in self.aliases)
        object.__setattr__(self, "name", name)
        object.__setattr__(
            self, "aliases", tuple(dict.fromkeys(a for a in aliases if a and a != name))
        )

    @property
    def names(self) -> tuple[str, ...]:
        """Return the name followed by every alias, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))
