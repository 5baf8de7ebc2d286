"""What recognising actors returns: a mention of an actor in the text, a proposed
actor the store does not know yet, and a parsed document's token columns, which both
ways of reading a document (actors.py, parsed.py) walk.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.model.actors import Actor, ActorKind, ActorStatus
from forcevet.model.ids import slugify

# Capitalised words of missions' names that name no place by themselves ("South" of "South
# Sudan" is not South Africa; "United" and "Nations" are every UN mission's).
NOT_PLACES = frozenset(
    {"united", "nations", "african", "union", "north", "south", "east", "west", "central",
     "democratic", "republic", "international", "multinational", "interim", "integrated",
     "multidimensional", "support", "security", "transition", "organization", "organisation",
     "stabilization", "stabilisation", "assistance", "peacekeeping", "observer", "gang",
     "suppression"}
)  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """An actor named in the text, with how it was recognised."""

    start: int
    end: int
    actor_id: str
    text: str
    how: str


@dataclass(frozen=True)
class ProposedActor:
    """A name that looks like an actor the store does not know yet.

    ``id`` is derived from the name (the same name proposes the same id in every
    document); ``title`` is what the text calls a person ("Deputy Prime Minister"),
    and ``parent_id`` the state or body it ties them to.
    """

    name: str
    kind: ActorKind
    parent_id: str | None
    context: str
    id: str = ""
    title: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name))

    def as_actor(self) -> Actor:
        """Return the actor this proposal would be, awaiting review."""
        return Actor(
            id=self.id,
            kind=self.kind,
            name=self.name,
            parent_id=self.parent_id,
            status=ActorStatus.PROPOSED,
        )


@dataclass(frozen=True)
class Tokens:
    """A parsed document's token columns as Python lists: entity type, character offset,
    length and lower-case form (as spaCy's hashes)."""

    kind: list[int]
    idx: list[int]
    length: list[int]
    lower: list[int]

    def end(self, token: int) -> int:
        """Return the character offset just after a token."""
        return self.idx[token] + self.length[token]
