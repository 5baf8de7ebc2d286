"""Recognising actors in parsed text: the entities the pipeline marked (pipeline.py),
and what the text itself defines.

Per document: abbreviations defined in the text ("Inter-Services Intelligence
(ISI)"), possessives that name a state body ("Pakistan's Senate"), places
rather than agents ("Pakistan-based"), "he"/"she" for the last person named,
and names that look like a person or an organisation the store does not know,
proposed as new actors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy

from forcevet.ingest.articles.pipeline import VARIANT, make_pipeline
from forcevet.ingest.articles.rules import starts_word
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

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
LOCATIVE = re.compile(r"-(?:based|held|administered|occupied|controlled|backed)\b")
# Names the store does not know, found by rule (no statistical model is needed for
# these): a person after a title, an organisation ending in a word that names one.
_CAPITALISED = r"[A-Z][a-z'\-]+(?:\s+(?:al-|bin\s|ibn\s)?[A-Z][a-z'\-]+){1,3}"
# Neither starts with "\b", which would make Python's engine try every position; the
# boundary is checked on each match instead (rules.starts_word).
UNKNOWN_PERSON = re.compile(
    r"(?:Senator|Minister|President|Prime Minister|Foreign Minister|Defence Minister|"
    r"Defense Minister|General|Gen\.|Colonel|Ambassador|spokes(?:man|woman|person)|"
    r"commander|leader|representative|envoy)\s+(" + _CAPITALISED + r")"
)
UNKNOWN_ORGANISATION = re.compile(
    r"((?:[A-Z][a-z'\-]+\s+){1,4}(?:Party|Front|Movement|Brigades?|Council|Organi[sz]ation|"
    r"Institute|Agency|Foundation|League|Committee))\b"
)
PRONOUNS = frozenset({"he", "He", "she", "She"})
DEFINED_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


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
    """A name that looks like an actor the store does not know yet."""

    name: str
    kind: ActorKind
    parent_id: str | None
    context: str


@dataclass(frozen=True)
class _Tokens:
    """A parsed document's token columns as Python lists: entity type, character offset,
    length and lower-case form (as spaCy's hashes)."""

    kind: list[int]
    idx: list[int]
    length: list[int]
    lower: list[int]

    def end(self, token: int) -> int:
        """Return the character offset just after a token."""
        return self.idx[token] + self.length[token]


class Recognizer:
    """Finds actors in parsed documents; built once per batch and re-used."""

    def __init__(self, actors: Sequence[Actor], in_evidence: Collection[str] = ()) -> None:
        self.actors = {a.id: a for a in actors}
        self.known_names = {name_key(n) for a in actors for n in a.names}
        self.nlp: Any = make_pipeline(actors, in_evidence)
        self._possessive_marks = {self.nlp.vocab.strings[m] for m in ("'s", "’s")}
        self._pronoun_forms = numpy.array(
            [self.nlp.vocab.strings[m] for m in ("he", "she")], dtype=numpy.uint64
        )
        self.bodies: dict[str, list[Actor]] = {}
        for actor in actors:
            if actor.kind is ActorKind.STATE_BODY and actor.parent_id:
                self.bodies.setdefault(actor.parent_id, []).append(actor)

    def mentions(self, doc: Any, text: str) -> tuple[list[Mention], list[ProposedActor]]:
        """Return the actors named in a parsed document (``text`` is its text), and names it
        proposes as new actors.

        The entities are read from the token arrays: ``doc.ents`` builds a Python
        object for every token of the document, which cost more than the rest.
        """
        from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER

        table = doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, IDX, LENGTH, LOWER])
        iob = table[:, 0]
        starts = numpy.flatnonzero(iob == 3)  # 3: an entity begins here
        outside = numpy.flatnonzero(iob != 1)  # 1: inside an entity
        ends = (
            outside[numpy.searchsorted(outside, starts, side="right")].tolist()
            if len(starts)
            else []
        )
        tokens = _Tokens(
            table[:, 1].tolist(), table[:, 3].tolist(), table[:, 4].tolist(), table[:, 5].tolist()
        )
        strings = doc.vocab.strings
        found: list[Mention] = []
        proposed: list[ProposedActor] = []
        for first, stop, kind, actor_hash in zip(
            starts.tolist(), ends, table[starts, 1].tolist(), table[starts, 2].tolist(), strict=True
        ):
            start_char = tokens.idx[first]
            end_char = tokens.end(stop - 1)
            if LOCATIVE.match(text, end_char, end_char + 16):
                continue  # "Pakistan-based JeM": a place, not an agent
            actor_id = strings[actor_hash]
            body = self._possessive_body(doc, text, tokens, stop, actor_id, proposed)
            if body is not None:
                actor_id, end = body
                found.append(Mention(start_char, end, actor_id, text[start_char:end], "possessive"))
                continue
            label = strings[kind]
            how = label if label in ("demonym", VARIANT) else "name"
            found.append(Mention(start_char, end_char, actor_id, text[start_char:end_char], how))
        found.extend(self._abbreviations(text, found))
        proposed.extend(self._unknown_names(text, found))
        pronouns = numpy.flatnonzero(numpy.isin(table[:, 5], self._pronoun_forms)).tolist()
        found.extend(self._pronouns(text, found, tokens, pronouns))
        return sorted(found, key=lambda m: m.start), proposed

    def _possessive_body(
        self,
        doc: Any,
        text: str,
        tokens: _Tokens,
        after: int,
        actor_id: str,
        proposed: list[ProposedActor],
    ) -> tuple[str, int] | None:
        """Return the state body and where its name ends if a state's name is followed by
        "'s" and a word for one of its bodies ("Pakistan's Senate")."""
        actor = self.actors.get(actor_id)
        count = len(tokens.idx)
        if actor is None or actor.kind is not ActorKind.STATE or after + 1 >= count:
            return None
        if tokens.lower[after] not in self._possessive_marks:
            return None
        for width in (2, 1):
            last = min(after + 1 + width, count) - 1
            phrase = text[tokens.idx[after + 1] : tokens.end(last)].lower()
            if phrase not in BODY_WORDS or any(tokens.kind[after + 1 : last + 1]):
                continue
            for body in self.bodies.get(actor_id, []):
                if any(w in name_key(n) for n in body.names for w in BODY_WORDS[phrase]):
                    return body.id, tokens.end(last)
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
        return None

    def _abbreviations(self, text: str, found: list[Mention]) -> list[Mention]:
        """Return uses of abbreviations the text defines after a known name: "X (ABC)".

        Each abbreviation is looked for once per actor however often it is defined,
        and not inside a name already found (``found`` is in text order and its
        mentions do not overlap).
        """
        extra: list[Mention] = []
        defined: set[tuple[str, str]] = set()
        starts = [m.start for m in found]
        for mention in found:
            match = DEFINED_ABBREVIATION.match(text, mention.end, mention.end + 12)
            if not match or (match.group(1), mention.actor_id) in defined:
                continue
            short = match.group(1)
            defined.add((short, mention.actor_id))
            for use in re.finditer(rf"\b{re.escape(short)}\b", text):
                before = bisect_right(starts, use.start()) - 1
                if before >= 0 and use.start() < found[before].end:
                    continue  # inside (or the same as) a name already found
                extra.append(
                    Mention(use.start(), use.end(), mention.actor_id, short, "abbreviation")
                )
        return extra

    def _unknown_names(self, text: str, found: list[Mention]) -> list[ProposedActor]:
        """Return names that look like a person or an organisation and match no actor."""
        proposals: dict[str, ProposedActor] = {}
        for pattern, kind in (
            (UNKNOWN_PERSON, ActorKind.PERSON),
            (UNKNOWN_ORGANISATION, ActorKind.ORGANIZATION),
        ):
            for match in pattern.finditer(text):
                if not starts_word(text, match.start()):
                    continue
                start, end = match.span(1)
                if any(m.start < end and start < m.end for m in found):
                    continue
                name = re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip())
                if name_key(name) in self.known_names or name in proposals:
                    continue
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                context = text[line_start : line_end if line_end >= 0 else len(text)].strip()
                proposals[name] = ProposedActor(name, kind, None, context[:300])
        return list(proposals.values())

    def _pronouns(
        self, text: str, found: list[Mention], tokens: _Tokens, candidates: list[int]
    ) -> list[Mention]:
        """Return "he"/"she" as the last person named before it (extraction may prefer the
        person last speaking or acting); ``candidates`` are the tokens to look at."""
        people = [m for m in found if self._kind(m.actor_id) is ActorKind.PERSON]
        extra: list[Mention] = []
        if not people:
            return extra
        people.sort(key=lambda m: m.end)
        ends = [m.end for m in people]
        for index in candidates:
            start, end = tokens.idx[index], tokens.end(index)
            word = text[start:end]
            before = bisect_right(ends, start)
            if before and word in PRONOUNS:
                extra.append(
                    Mention(
                        start,
                        end,
                        people[before - 1].actor_id,
                        word,
                        "pronoun",
                    )
                )
        return extra

    def _kind(self, actor_id: str) -> ActorKind | None:
        actor = self.actors.get(actor_id)
        return actor.kind if actor else None
