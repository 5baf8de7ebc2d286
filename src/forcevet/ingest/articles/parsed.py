"""Reading a parsed document (the parse, not ``--fast``): the entities the pipeline
marked, in text order, then what the text itself defines.

A known actor's entity is a mention (a state's possessive, "Pakistan's Senate", its
body; a demonym two states share, the one the document names); the model's other
people and organisations, and the names rules find, are proposed (proposing.py);
then abbreviations the text defines, later uses of proposed names and a proposed
person's surname, descriptions of a force (descriptions.py), titles and owners
(titles.py), and "he"/"she".
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy

from forcevet.ingest.articles.abbreviations import DEFINED, define_abbreviations
from forcevet.ingest.articles.descriptions import mark_descriptions
from forcevet.ingest.articles.mentions import Mention, ProposedActor, Tokens
from forcevet.ingest.articles.pipeline import VARIANT
from forcevet.ingest.articles.possessives import possessive_body
from forcevet.ingest.articles.proposing import (
    MODIFIER,
    candidate_of,
    propose,
    rule_candidates,
)
from forcevet.ingest.articles.titles import add_owner, add_title
from forcevet.model.actors import ActorKind

if TYPE_CHECKING:
    from forcevet.ingest.articles.actors import Recognizer

_FIRST_TOKEN = re.compile(r"\w+|\S")
_WORD_GOES_ON = re.compile(r"[\w-]")


class Reading:
    """The mentions of one parsed document, with the parse (see Recognizer.mentions)."""

    def __init__(self, recognizer: Recognizer, doc: Any, text: str) -> None:
        from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER, ORTH

        self.recognizer, self.doc, self.text = recognizer, doc, text
        table = doc.to_array([ENT_IOB, ENT_TYPE, ENT_ID, IDX, LENGTH, LOWER, ORTH])
        self.table = table
        # words the text writes in lower case somewhere: common words, not names
        self.in_lower_case = set(table[table[:, 5] == table[:, 6], 5].tolist())
        self.tokens = Tokens(
            table[:, 1].tolist(), table[:, 3].tolist(), table[:, 4].tolist(), table[:, 5].tolist()
        )
        self.found: list[Mention] = []
        self.covered = bytearray(len(text))  # characters a mention covers
        self.proposed: dict[str, ProposedActor] = {}  # by name_key
        self.bodies: dict[str, str] = {}  # a proposed body's word ("senate") -> its id
        self.defined = set(DEFINED.findall(text))  # "(ISI)": abbreviations the text defines

    def run(self) -> tuple[list[Mention], list[ProposedActor]]:
        strings = self.doc.vocab.strings
        iob = self.table[:, 0]
        starts = numpy.flatnonzero(iob == 3)  # 3: an entity begins here
        # 1: inside an entity; the end of the document closes the last one
        outside = numpy.append(numpy.flatnonzero(iob != 1), len(iob))
        ends = (
            outside[numpy.searchsorted(outside, starts, side="right")].tolist()
            if len(starts)
            else []
        )
        ambiguous: list[tuple[int, int, list[str]]] = []
        unknown: list[tuple[int, int, str]] = []
        for first, stop, kind, actor_hash in zip(
            starts.tolist(),
            ends,
            self.table[starts, 1].tolist(),
            self.table[starts, 2].tolist(),
            strict=True,
        ):
            if not actor_hash:
                unknown.append((first, stop, strings[kind]))
                continue
            actor_id, label = strings[actor_hash], strings[kind]
            if "|" in actor_id:
                ambiguous.append((first, stop, actor_id.split("|")))
                continue
            self._known(first, stop, actor_id, label)
        self._resolve(ambiguous)
        candidates = [c for c in (candidate_of(self, *u) for u in unknown) if c is not None]
        candidates += rule_candidates(self)
        for candidate in sorted(candidates, key=lambda c: c.start):
            propose(self, candidate)
        define_abbreviations(self)
        self._repeat_names()
        mark_descriptions(self)
        for actor in list(self.proposed.values()):
            if actor.kind is ActorKind.PERSON:
                add_title(self, actor)
            elif actor.kind is ActorKind.ORGANIZATION:
                add_owner(self, actor)
        recognizer = self.recognizer
        pronouns = numpy.flatnonzero(
            numpy.isin(self.table[:, 5], recognizer._pronoun_forms)
        ).tolist()
        self.found.sort(key=lambda m: m.start)
        people = {a.id for a in self.proposed.values() if a.kind is ActorKind.PERSON}
        self.found.extend(
            recognizer._pronouns(self.text, self.found, self.tokens, pronouns, people)
        )
        return sorted(self.found, key=lambda m: m.start), list(self.proposed.values())

    def add(self, start: int, end: int, actor_id: str, how: str) -> None:
        self.found.append(Mention(start, end, actor_id, self.text[start:end], how))
        self.covered[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.covered[start:end])

    def _known(self, first: int, stop: int, actor_id: str, label: str) -> None:
        tokens, text = self.tokens, self.text
        start, end = tokens.idx[first], tokens.end(stop - 1)
        if MODIFIER.match(text, end, end + 16):
            return  # "Pakistan-based JeM", "UN-designated": a place or a mark, not an agent
        body = possessive_body(self, stop, actor_id)
        if body is not None:
            body_id, body_end = body
            self.add(start, body_end, body_id, "possessive")
            return
        how = label if label in ("demonym", VARIANT, "capital") else "name"
        self.add(start, end, actor_id, how)

    def _resolve(self, ambiguous: list[tuple[int, int, list[str]]]) -> None:
        """Mark a demonym two states share ("Congolese") as the one the document names."""
        named = {m.actor_id for m in self.found if m.how == "name"}
        for first, stop, actor_ids in ambiguous:
            here = [i for i in actor_ids if i in named]
            if len(here) == 1:
                start, end = self.tokens.idx[first], self.tokens.end(stop - 1)
                self.add(start, end, here[0], "demonym")

    def _repeat_names(self) -> None:
        """Mark the other uses of each proposed name the model did not label, and a
        proposed person's surname ("Dar said") when no other proposed person has it."""
        text, strings, tokens = self.text, self.doc.vocab.strings, self.tokens
        people = [p for p in self.proposed.values() if p.kind is ActorKind.PERSON]
        surnames = Counter(_surname(p.name) for p in people)
        for proposal in list(self.proposed.values()):
            forms = [proposal.name]
            if proposal.kind is ActorKind.PERSON and surnames[_surname(proposal.name)] == 1:
                forms.append(_surname(proposal.name))
            for form in forms:
                first_word = _FIRST_TOKEN.match(form)
                if len(form) < 3 or first_word is None:
                    continue
                how = "name" if form == proposal.name else "surname"
                # where the form's first token is, from the token array: no regex is
                # compiled and run over the text for each name
                for index in numpy.flatnonzero(
                    self.table[:, 6] == strings[first_word.group()]
                ).tolist():
                    start = tokens.idx[index]
                    end = start + len(form)
                    if (
                        text.startswith(form, start)
                        and not _WORD_GOES_ON.match(text, end)
                        and self.free(start, end)
                    ):
                        self.add(start, end, proposal.id, how)


def _surname(name: str) -> str:
    return name.split()[-1]
