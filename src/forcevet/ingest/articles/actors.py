"""Recognising actors in parsed text: the entities the pipeline marked (pipeline.py),
and what the text itself defines.

Per document: abbreviations defined in the text ("Inter-Services Intelligence
(ISI)"), possessives that name a state body ("Pakistan's Senate"), places
rather than agents ("Pakistan-based"), "he"/"she" for the last person named,
and names that look like a person or an organisation the store does not know,
proposed as new actors. With the parse (not ``--fast``), the model's people and
organisations are proposed too, each with an id that its mentions carry (so that
claims can name it), its kind, the title written before or beside a person's name
and the state or body the text ties it to; a proposed person's surname later in
the text stands for them.

This module holds the Recognizer and the rule-only ``--fast`` reading; the parse's
reading is parsed.py, with proposing.py (new names), titles.py (titles and owners),
descriptions.py ("the force"), possessives.py and abbreviations.py (both paths).
Mention and ProposedActor (mentions.py) are imported from here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from typing import Any

import numpy

from forcevet.ingest.articles.abbreviations import fast_abbreviations
from forcevet.ingest.articles.descriptions import NameWords
from forcevet.ingest.articles.mentions import Mention, ProposedActor, Tokens
from forcevet.ingest.articles.parsed import Reading
from forcevet.ingest.articles.pipeline import VARIANT, from_a_list, make_pipeline
from forcevet.ingest.articles.possessives import fast_possessive_body
from forcevet.ingest.articles.proposing import UNKNOWN_ORGANISATION, UNKNOWN_PERSON
from forcevet.ingest.articles.rules import starts_word
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.ids import name_key

__all__ = ["Mention", "ProposedActor", "Recognizer"]

LOCATIVE = re.compile(r"-(?:based|held|administered|occupied|controlled|backed)\b")
PRONOUNS = frozenset({"he", "He", "she", "She"})


class Recognizer:
    """Finds actors in parsed documents; built once per batch and re-used.

    ``parse`` chooses spaCy's English model (False: the rule-only ``--fast`` pipeline,
    whose mentions are as they were before the model came).
    """

    def __init__(
        self, actors: Sequence[Actor], in_evidence: Collection[str] = (), *, parse: bool = True
    ) -> None:
        self.actors = {a.id: a for a in actors}
        self.parse = parse
        self.listed = {a.id for a in actors if from_a_list(a, in_evidence)}
        self.known_names = {name_key(n) for a in actors for n in a.names}
        self.nlp: Any = make_pipeline(actors, in_evidence, parse=parse)
        self._possessive_marks = {self.nlp.vocab.strings[m] for m in ("'s", "’s")}
        self._pronoun_forms = numpy.array(
            [self.nlp.vocab.strings[m] for m in ("he", "she")], dtype=numpy.uint64
        )
        self.bodies: dict[str, list[Actor]] = {}
        for actor in actors:
            if actor.kind is ActorKind.STATE_BODY and actor.parent_id:
                self.bodies.setdefault(actor.parent_id, []).append(actor)
        # Forces and missions (and the Security Council) by the words of their names, for
        # the descriptions articles use instead of a name ("the force", "the council").
        self.forces = {
            a.id: NameWords.of(a)
            for a in actors
            if a.kind is ActorKind.IGO
            and any(w in n.lower().split() for n in a.names for w in ("force", "mission"))
        }
        self.councils = [
            a.id
            for a in actors
            if a.kind is ActorKind.IGO and a.name.lower().endswith("security council")
        ]

    def mentions(self, doc: Any, text: str) -> tuple[list[Mention], list[ProposedActor]]:
        """Return the actors named in a parsed document (``text`` is its text), and names it
        proposes as new actors.

        The entities are read from the token arrays: ``doc.ents`` builds a Python
        object for every token of the document, which cost more than the rest.
        """
        if self.parse:
            return Reading(self, doc, text).run()
        from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER

        table = doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, IDX, LENGTH, LOWER])
        iob = table[:, 0]
        starts = numpy.flatnonzero(iob == 3)  # 3: an entity begins here
        # 1: inside an entity; the end of the document closes the last one
        outside = numpy.append(numpy.flatnonzero(iob != 1), len(iob))
        ends = (
            outside[numpy.searchsorted(outside, starts, side="right")].tolist()
            if len(starts)
            else []
        )
        tokens = Tokens(
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
            body = fast_possessive_body(self, doc, text, tokens, stop, actor_id, proposed)
            if body is not None:
                actor_id, end = body
                found.append(Mention(start_char, end, actor_id, text[start_char:end], "possessive"))
                continue
            label = strings[kind]
            how = label if label in ("demonym", VARIANT) else "name"
            found.append(Mention(start_char, end_char, actor_id, text[start_char:end_char], how))
        found.extend(fast_abbreviations(text, found))
        proposed.extend(self._unknown_names(text, found))
        pronouns = numpy.flatnonzero(numpy.isin(table[:, 5], self._pronoun_forms)).tolist()
        found.extend(self._pronouns(text, found, tokens, pronouns))
        return sorted(found, key=lambda m: m.start), proposed

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
        self,
        text: str,
        found: list[Mention],
        tokens: Tokens,
        candidates: list[int],
        proposed_people: Collection[str] = (),
    ) -> list[Mention]:
        """Return "he"/"she" as the last person named before it (extraction may prefer the
        person last speaking or acting); ``candidates`` are the tokens to look at,
        ``proposed_people`` the ids of the people proposed in this document."""
        people = [
            m
            for m in found
            if m.actor_id in proposed_people or self._kind(m.actor_id) is ActorKind.PERSON
        ]
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
