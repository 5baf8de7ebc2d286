"""The predicate vocabulary, loaded from ``data/predicates.yaml`` and validated."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from forcevet.errors import InputError

PREDICATES_FILE = "predicates.yaml"


class ObjectKind(StrEnum):
    """What a predicate's object may be."""

    ACTOR = "actor"
    VALUE = "value"
    EITHER = "either"
    NONE = "none"


class Predicate(BaseModel):
    """One entry of the controlled vocabulary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    object: ObjectKind
    description: str


def parse_predicates(document: Any, *, path: str = PREDICATES_FILE) -> dict[str, Predicate]:
    """Return the vocabulary held by a parsed YAML document, or raise InputError."""
    if not isinstance(document, dict):
        raise InputError("expected a mapping of predicate ids", path=path)
    vocabulary: dict[str, Predicate] = {}
    for key, entry in document.items():
        try:
            vocabulary[key] = Predicate(id=key, **(entry or {}))
        except (ValidationError, TypeError) as exc:
            raise InputError(f"invalid predicate: {exc}", path=path, field=str(key)) from None
    return vocabulary


@cache
def load_predicates() -> dict[str, Predicate]:
    """Return the bundled predicate vocabulary, keyed by id."""
    text = resources.files("forcevet.data").joinpath(PREDICATES_FILE).read_text("utf-8")
    return parse_predicates(yaml.safe_load(text))


def require_predicate(name: str, *, field: str = "predicate") -> Predicate:
    """Return the predicate called ``name``, or raise InputError listing the choices."""
    vocabulary = load_predicates()
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in vocabulary:
        choices = ", ".join(sorted(vocabulary))
        raise InputError(f'unknown predicate "{name}"; use one of: {choices}', field=field)
    return vocabulary[key]
