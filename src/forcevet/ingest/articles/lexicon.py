"""The words of data/lexicon.yaml: which lemmas state which predicate, validated once.

A frame's phrase has an anchor (the first word of a verb phrase, the last of a
noun phrase) and the other words that must be attached to it; the parse path
looks for anchors among a sentence's lemmas and checks the rest on the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from forcevet.errors import InputError
from forcevet.model.vocabulary import load_predicates

LEXICON_FILE = "lexicon.yaml"
KINDS = {"any", "state", "state_body", "party", "armed_group", "igo", "person", "organization"}


class Frame(BaseModel):
    """One way a predicate is worded: its anchor words and what else it needs."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str
    verbs: list[str] = []
    nouns: list[str] = []
    with_: list[str] = Field(default=[], alias="with")
    with_subject: bool = False
    alone: bool = False
    named_object: bool = False
    negated: bool = False
    holder: bool = False
    value: str | None = None
    value_keywords: dict[str, str] = {}
    value_from: Literal["units", "phrase", "anchor", "money"] | None = None
    intent: str | None = None
    otherwise: str | None = None
    presupposes: str | None = None
    inverse: bool = False

    @model_validator(mode="after")
    def _has_words(self) -> Frame:
        if not self.verbs and not self.nouns:
            raise ValueError("a frame needs verbs or nouns")
        return self


class Entry(BaseModel):
    """A predicate's frames and the actors it may join."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    predicate: str
    frames: list[Frame]
    subject: list[str] = ["any"]
    object: list[str] = ["any"]
    mission: bool = False
    state_position: bool = False
    council: bool = False
    negatable: bool = True
    confidence: float = Field(default=0.5, gt=0, le=1)

    @model_validator(mode="after")
    def _known_kinds(self) -> Entry:
        for kind in [*self.subject, *self.object]:
            if kind not in KINDS:
                raise ValueError(f'unknown actor kind "{kind}"')
        return self


@dataclass(frozen=True)
class Anchor:
    """A frame's anchor word as found: the entry, the frame, whether it is a verb, and
    the other words of its phrase."""

    entry: Entry
    frame: Frame
    verb: bool
    rest: tuple[str, ...]


def parse_lexicon(document: Any, *, path: str = LEXICON_FILE) -> dict[str, Entry]:
    """Return the entries of a parsed lexicon, checked against the predicate vocabulary,
    or raise InputError naming the file and the entry."""
    if not isinstance(document, dict):
        raise InputError("expected a mapping of predicate ids", path=path)
    vocabulary = load_predicates()
    entries: dict[str, Entry] = {}
    for predicate, body in document.items():
        if predicate not in vocabulary:
            raise InputError(f'unknown predicate "{predicate}"', path=path, field=str(predicate))
        try:
            entry = Entry(predicate=predicate, **(body or {}))
        except (ValidationError, TypeError) as exc:
            raise InputError(f"invalid entry: {exc}", path=path, field=str(predicate)) from None
        for frame in entry.frames:
            for name, other in (
                ("intent", frame.intent),
                ("otherwise", frame.otherwise),
                ("presupposes", frame.presupposes),
            ):
                if other is not None and other not in vocabulary:
                    raise InputError(
                        f'unknown predicate "{other}" in frame {frame.name}',
                        path=path,
                        field=f"{predicate}.{frame.name}.{name}",
                    )
        entries[predicate] = entry
    return entries


@cache
def load_lexicon() -> dict[str, Entry]:
    """Return the bundled lexicon, keyed by predicate."""
    text = resources.files("forcevet.data").joinpath(LEXICON_FILE).read_text("utf-8")
    return parse_lexicon(yaml.safe_load(text))


@cache
def anchors() -> dict[str, tuple[Anchor, ...]]:
    """Return, per anchor lemma (lower case), every frame it may start."""
    found: dict[str, list[Anchor]] = {}
    for entry in load_lexicon().values():
        for frame in entry.frames:
            for phrase in frame.verbs:
                first, *rest = phrase.lower().split()
                found.setdefault(first, []).append(Anchor(entry, frame, True, tuple(rest)))
            for phrase in frame.nouns:
                *rest, last = phrase.lower().split()
                found.setdefault(last, []).append(Anchor(entry, frame, False, tuple(rest)))
    return {lemma: tuple(items) for lemma, items in found.items()}
