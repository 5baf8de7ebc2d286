"""Possessives that name a state body: "Pakistan's Senate" is the Senate of Pakistan,
a body of the store when it holds one, else proposed as a new state body, on either
path (the rule-only ``--fast`` one and the parse).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from forcevet.ingest.articles.mentions import ProposedActor, Tokens
from forcevet.ingest.articles.proposing import new_actor
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

if TYPE_CHECKING:
    from forcevet.ingest.articles.actors import Recognizer
    from forcevet.ingest.articles.parsed import Reading

# Words after "<State>'s" that name one of its bodies, and the words that may
# stand for them in the body's name.
BODY_WORDS = {
    "senate": ("senate", "upper house"),
    "upper house": ("senate", "upper house"),
    "parliament": ("parliament", "national assembly"),
    "national assembly": ("national assembly",),
    "military": ("military", "armed forces", "army"),
    "army": ("army", "military"),
    "armed forces": ("armed forces", "military"),
    "navy": ("navy",),
    "air force": ("air force",),
    "intelligence agency": ("intelligence",),
    "intelligence service": ("intelligence",),
    "foreign ministry": ("foreign", "ministry of foreign affairs"),
    "defence ministry": ("defence", "defense"),
    "defense ministry": ("defence", "defense"),
    "government": ("government",),
    "cabinet": ("cabinet",),
}
# What the upper house of a parliament is called in a proposed body's name.
BODY_NAMES = {"upper house": "senate"}


def _body_phrase(
    recognizer: Recognizer,
    text: str,
    tokens: Tokens,
    after: int,
    actor_id: str,
    taken: Callable[[int, int], bool],
) -> tuple[Actor, str, int] | None:
    """Return the state, the body's word and its last token when a state's name is
    followed by "'s" and a word for one of its bodies ("Pakistan's Senate"): the
    longer word first, and none where ``taken(first, last)`` says a known actor's name
    begins there."""
    actor = recognizer.actors.get(actor_id)
    count = len(tokens.idx)
    if actor is None or actor.kind is not ActorKind.STATE or after + 1 >= count:
        return None
    if tokens.lower[after] not in recognizer._possessive_marks:
        return None
    for width in (2, 1):
        last = min(after + 1 + width, count) - 1
        phrase = text[tokens.idx[after + 1] : tokens.end(last)].lower()
        if phrase in BODY_WORDS and not taken(after + 1, last + 1):
            return actor, phrase, last
    return None


def _stored_body(recognizer: Recognizer, actor_id: str, phrase: str) -> str | None:
    """Return the store's body of a state that the word names, if it holds one."""
    for body in recognizer.bodies.get(actor_id, []):
        if any(w in name_key(n) for n in body.names for w in BODY_WORDS[phrase]):
            return body.id
    return None


def fast_possessive_body(
    recognizer: Recognizer,
    doc: Any,
    text: str,
    tokens: Tokens,
    after: int,
    actor_id: str,
    proposed: list[ProposedActor],
) -> tuple[str, int] | None:
    """Return the state body and where its name ends if a state's name is followed by
    "'s" and a word for one of its bodies ("Pakistan's Senate")."""
    found = _body_phrase(
        recognizer, text, tokens, after, actor_id, lambda a, b: any(tokens.kind[a:b])
    )
    if found is None:
        return None
    actor, phrase, last = found
    body = _stored_body(recognizer, actor_id, phrase)
    if body is not None:
        return body, tokens.end(last)
    words = text[tokens.idx[after + 1] : tokens.end(last)]
    proposed.append(
        ProposedActor(
            f"{words[:1].upper()}{words[1:]} of {actor.name}",
            ActorKind.STATE_BODY,
            actor_id,
            doc[after].sent.text.strip(),
        )
    )
    return actor_id, tokens.end(last)


def possessive_body(reading: Reading, after: int, actor_id: str) -> tuple[str, int] | None:
    """Return the body and where its name ends for "<State>'s <body>": a body of the
    store, else a proposed one ("Pakistan's Upper House": the Senate of Pakistan)."""
    recognizer, tokens, text = reading.recognizer, reading.tokens, reading.text
    found = _body_phrase(
        recognizer, text, tokens, after, actor_id, lambda a, b: any(reading.table[a:b, 2])
    )
    if found is None:
        return None
    actor, phrase, last = found
    body = _stored_body(recognizer, actor_id, phrase)
    if body is not None:
        return body, tokens.end(last)
    word = BODY_NAMES.get(phrase, phrase)
    proposal = new_actor(
        reading,
        f"{word[:1].upper()}{word[1:]} of {actor.name}",
        ActorKind.STATE_BODY,
        tokens.idx[after + 1],
        parent_id=actor_id,
    )
    reading.bodies.setdefault(word, proposal.id)
    return proposal.id, tokens.end(last)
