"""Descriptions that stand for a force, a mission or the council without naming it:
"the force", "a U.N.-backed mission", "the council". A description is the force the
document names, or else the one whose place it names, the words of the description
deciding between several; "the council" is the Security Council.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forcevet.ingest.articles.mentions import NOT_PLACES
from forcevet.ingest.articles.proposing import word_list
from forcevet.model.actors import Actor, ActorKind

if TYPE_CHECKING:
    from forcevet.ingest.articles.parsed import Reading

# A description of a force, a mission or the council that names none: "the force", "a
# U.N.-backed mission", "the Kenyan-led international security mission", "the council".
DESCRIPTION = re.compile(
    r"\b(?:the|a|an|our|this|its|that)\s+((?:(?:[\w.]+-(?:led|backed|endorsed|authori[sz]ed|"
    r"mandated|sponsored)|international|multinational|multi-national|security|"
    r"stabili[sz]ation|peacekeeping|support|proposed|new|planned|foreign|regional|african|"
    r"union|united|nations|u\.n\.|un|\d+-member)\s+)*)(force|mission|council)\b",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(r"[A-Z]\w*")
# Words of forces' names that say nothing of where they serve.
FORCE_WORDS = word_list(
    "International Multinational Stabilization Stabilisation Force Forces Mission Security "
    "Support United Nations Organization Organisation African Union Transition Interim "
    "Democratic Republic Multidimensional Integrated Gang Suppression Peace Board Council "
    "Joint Operation Assistance Stability European Arab League"
)


@dataclass(frozen=True)
class NameWords:
    """The words of a force's names (lower case) and the places among them."""

    words: frozenset[str]
    places: frozenset[str]

    @classmethod
    def of(cls, actor: Actor) -> NameWords:
        written = {w for n in actor.names for w in re.findall(r"\w+", n)}
        return cls(
            frozenset(w.lower() for w in written),
            frozenset(
                w
                for w in written
                if w[:1].isupper()
                and len(w) > 2
                and w not in FORCE_WORDS
                and w.lower() not in NOT_PLACES  # "South" of "South Sudan" is no place
            ),
        )


def mark_descriptions(reading: Reading) -> None:
    """Mark descriptions of a force or mission ("the force", "a U.N.-backed mission")
    as the one the document names, or else the one whose place it names (Haiti), the
    words of the description deciding between several; "the council" as the
    Security Council when the store holds one."""
    recognizer = reading.recognizer
    forces = dict(recognizer.forces)
    for p in reading.proposed.values():
        if p.kind is ActorKind.IGO and p.name.split()[-1] in ("Force", "Mission"):
            forces[p.id] = NameWords.of(Actor(p.id, p.kind, p.name))
    named = {m.actor_id for m in reading.found if m.actor_id in forces}
    if named:
        choices = named
    else:
        words = set(_CAPITALISED_WORD.findall(reading.text))
        for mention in reading.found:  # "Haitian police": the place is Haiti
            state = recognizer.actors.get(mention.actor_id)
            if state is not None and state.kind is ActorKind.STATE:
                words.update(w for n in state.names for w in _CAPITALISED_WORD.findall(n))
        choices = {i for i, f in forces.items() if f.places & words}
    for use in DESCRIPTION.finditer(reading.text):
        start, end = use.start(), use.end()
        while start < end and not reading.free(start, end):
            start = reading.text.find(" ", start + 1, end) + 1 or end  # after "Kenyan-led"
        if start >= end or start > use.start(2):
            continue
        noun = use.group(2).lower()
        if noun == "council":
            if len(recognizer.councils) == 1:
                reading.add(start, end, recognizer.councils[0], "description")
            continue
        said = set(use.group(0).lower().split())
        scores = {i: len(forces[i].words & said) for i in choices}
        best = max(scores.values(), default=0)
        top = [i for i, score in scores.items() if score == best]
        if len(top) == 1:
            reading.add(start, end, top[0], "description")
