"""The trigger rules of data/triggers.yaml, validated and compiled once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from forcevet.errors import InputError
from forcevet.model.vocabulary import load_predicates


class TriggerRule(BaseModel):
    """How one predicate shows itself in a sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    predicate: str
    patterns: list[str]
    value: list[str] = []
    value_keywords: dict[str, str] = {}
    subject: list[str] = ["any"]
    object: list[str] = ["any"]
    object_side: Literal["after", "before", "either"] = "after"
    negatable: bool = True
    confidence: float = 0.5
    title: bool = False

    @field_validator("patterns", "value")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            re.compile(pattern)
        return patterns

    @property
    def compiled(self) -> list[re.Pattern[str]]:
        """Return the trigger patterns compiled, case-insensitive."""
        return _compile(tuple(self.patterns))

    @property
    def prefixes(self) -> list[str]:
        """Return, per pattern, the literal text any match must start with ("" if none):
        a cheap substring test that spares most regular-expression searches."""
        return _prefixes(tuple(self.patterns))

    @property
    def value_patterns(self) -> list[re.Pattern[str]]:
        """Return the value patterns compiled, case-insensitive."""
        return _compile(tuple(self.value))


def starts_word(text: str, index: int) -> bool:
    """Return whether a match at ``index`` starts a word, as a "\\b" before a word
    character would. Patterns searched over whole texts leave that "\\b" out, which lets
    Python's engine skip ahead to where their first letter can match (three to four
    times faster), and check the boundary on each match with this instead."""
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


@cache
def _prefixes(patterns: tuple[str, ...]) -> list[str]:
    import re._parser as parser  # the standard library's own regex parser

    found = []
    for pattern in patterns:
        literal = []
        for op, argument in parser.parse(pattern):
            if op is parser.AT:
                continue
            if op is not parser.LITERAL:
                break
            literal.append(chr(argument))
        found.append("".join(literal).lower())
    return found


@cache
def _compile(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


@cache
def load_rules() -> tuple[TriggerRule, ...]:
    """Return the bundled trigger rules, checked against the predicate vocabulary."""
    text = resources.files("forcevet.data").joinpath("triggers.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    vocabulary = load_predicates()
    rules = []
    for predicate, entry in document.items():
        if predicate not in vocabulary:
            raise InputError(
                f'unknown predicate "{predicate}"', path="triggers.yaml", field=predicate
            )
        try:
            rules.append(TriggerRule(predicate=predicate, **entry))
        except (ValidationError, re.error) as exc:
            raise InputError(
                f"invalid rule: {exc}", path="triggers.yaml", field=predicate
            ) from None
    return tuple(rules)
