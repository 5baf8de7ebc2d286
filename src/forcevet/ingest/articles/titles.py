"""Who a proposed actor is and belongs to, with the parse: a person's title and the
state or body the text ties them to ("Kenyan President William Ruto", "X, Indonesia's
defence minister"), and an organisation introduced as a state's own body ("Pakistan's
military and its primary intelligence agency, the Inter-Services Intelligence").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from forcevet.ingest.articles.mentions import Mention, ProposedActor
from forcevet.ingest.articles.proposing import TITLE_WORDS
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

if TYPE_CHECKING:
    from forcevet.ingest.articles.parsed import Reading

APPOSITION_AFTER = re.compile(r"\s*(?:,|\u2014|\u2013|--)\s*([^,\u2014\u2013.;()]{1,120})")
# An organisation introduced as a state's own: "and its primary intelligence agency, the".
OWNED_BODY = re.compile(
    r"(?:'s|\u2019s|\bits)\s+(?:[a-z]+\s+){0,2}(?:agency|service|ministry|army|military|"
    r"police|forces?|intelligence|department|body|guard)\s*,\s*(?:the\s+)?$"
)


def add_title(reading: Reading, person: ProposedActor) -> None:
    """Set a proposed person's title and the state (or body) the text ties them to:
    a demonym or possessive before the title ("Kenyan President William Ruto",
    "Pakistan's Foreign Minister X") or an apposition after the name ("X,
    Indonesia's defence minister")."""
    uses = sorted((m for m in reading.found if m.actor_id == person.id), key=lambda m: m.start)
    others = sorted((m for m in reading.found if m.actor_id != person.id), key=lambda m: m.start)
    for use in uses:
        found = _title_before(reading, use, others) or _title_after(reading, use, others)
        if found is not None:
            title, parent_id = found
            key = name_key(person.name)
            reading.proposed[key] = dataclasses.replace(
                reading.proposed[key], title=title, parent_id=parent_id
            )
            return


def _title_before(
    reading: Reading, use: Mention, others: list[Mention]
) -> tuple[str, str | None] | None:
    doc = reading.doc
    first = bisect_right(reading.tokens.idx, use.start) - 1
    at = first
    while at > 0 and (
        doc[at - 1].lower_ in TITLE_WORDS
        or (doc[at - 1].lower_ == "and" and at > 1 and doc[at - 2].lower_ in TITLE_WORDS)
    ):
        at -= 1
    if at == first:
        return None
    title_start = doc[at].idx
    title = reading.text[title_start : doc[first - 1].idx + len(doc[first - 1])]
    gap_start = title_start
    if at > 0 and doc[at - 1].lower_ in ("'s", "\u2019s"):
        gap_start = doc[at - 1].idx
    before = [
        m for m in others if m.end <= gap_start and not reading.text[m.end : gap_start].strip()
    ]
    return title, _parent(reading, before[-1]) if before else None


def _title_after(
    reading: Reading, use: Mention, others: list[Mention]
) -> tuple[str, str | None] | None:
    match = APPOSITION_AFTER.match(reading.text, use.end)
    if not match:
        return None
    start, end = match.span(1)
    words = list(re.finditer(r"[\w.'-]+", match.group(1)))
    run = [w for w in words if w.group().lower() in TITLE_WORDS]
    if not run:
        return None
    title_start, title_end = start + run[0].start(), start + run[-1].end()
    inside = [
        m for m in others if start <= m.start and m.end <= title_start and m.how != "abbreviation"
    ]
    of = re.match(r"\s+of\s+(?:the\s+)?", reading.text[title_end:end])
    if not inside and of:
        inside = [m for m in others if m.start == title_end + of.end()]
    parent = _parent(reading, inside[-1]) if inside else None
    return reading.text[title_start:title_end], parent


def _parent(reading: Reading, mention: Mention) -> str | None:
    """Return who a person belongs to when a mention ties them: a state, a state's
    body or an organisation, never another person."""
    actors = reading.recognizer.actors
    kind = actors[mention.actor_id].kind if mention.actor_id in actors else None
    if kind is None:
        kind = next((p.kind for p in reading.proposed.values() if p.id == mention.actor_id), None)
    return None if kind in (None, ActorKind.PERSON) else mention.actor_id


def add_owner(reading: Reading, organisation: ProposedActor) -> None:
    """Make a proposed organisation a body of the state it is introduced as part of:
    "Pakistan's military and its primary intelligence agency, the Inter-Services
    Intelligence"."""
    first = min((m for m in reading.found if m.actor_id == organisation.id), key=_start)
    before = OWNED_BODY.search(reading.text, max(0, first.start - 120), first.start)
    if before is None:
        return
    earlier = [m for m in reading.found if m.end <= before.start() and m.start >= first.start - 300]
    for mention in sorted(earlier, key=_start, reverse=True):
        state = _state_of(reading, mention.actor_id)
        if state is not None:
            key = name_key(organisation.name)
            reading.proposed[key] = dataclasses.replace(
                organisation, kind=ActorKind.STATE_BODY, parent_id=state
            )
            return


def _state_of(reading: Reading, actor_id: str) -> str | None:
    """Return the state an actor is or belongs to (a store actor or a proposed one)."""
    actors = reading.recognizer.actors
    proposed = {p.id: p for p in reading.proposed.values()}
    actor: Actor | ProposedActor | None = actors.get(actor_id) or proposed.get(actor_id)
    if actor is None:
        return None
    if actor.kind is ActorKind.STATE:
        return actor_id
    parent = actors.get(actor.parent_id or "")
    return parent.id if parent is not None and parent.kind is ActorKind.STATE else None


def _start(mention: Mention) -> int:
    return mention.start
