"""A case's own words: unit types, tasks, offers' conditions and the kinds of reservation.

A mission is described in its own terms (an anti-gang task in Haiti, disarmament
support in Gaza), so these are data in each case's ``vocabulary.yaml``, checked
against each other: a condition may refuse only tasks the case defines, and a
reservation kind names the tasks a contributor stating it would refuse.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NAME = re.compile(r"[a-z][a-z0-9_]*")
"""Ids of unit types, tasks, conditions and reservation kinds: lower_snake_case."""

MANDATE_FLAGS = ("unsc_mandate",)
"""Constraint fields a condition may require (constraints.yaml)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnitType(_Strict):
    """A kind of unit requirements ask for and offers provide."""

    label: str = Field(min_length=1, description="The unit type in words, singular.")
    plural: str | None = Field(default=None, description="Plural label (default: label + s).")

    def words(self, units: int = 1) -> str:
        """Return the label, singular for one unit and plural otherwise."""
        return self.label if units == 1 else (self.plural or f"{self.label}s")


class Task(_Strict):
    """A task a requirement asks its units to accept; conditions may refuse it."""

    meaning: str = Field(min_length=1)


class Condition(_Strict):
    """A condition a contributor attaches to its offer, with what it excludes."""

    meaning: str = Field(min_length=1, description="The condition in words, for explanations.")
    refuses: tuple[str, ...] = Field(default=(), description="Tasks its units are never given.")
    requires: str | None = Field(
        default=None, description="A constraint flag that must be set, e.g. unsc_mandate."
    )

    @field_validator("requires")
    @classmethod
    def _flag(cls, value: str | None) -> str | None:
        if value is not None and value not in MANDATE_FLAGS:
            raise ValueError(f'unknown constraint "{value}"; use one of {", ".join(MANDATE_FLAGS)}')
        return value


class Reservation(_Strict):
    """A kind of reservation on the mandate a contributor may state.

    A claim of ``states_reservation_on_mandate`` is of this kind when its value is
    the kind's id or contains one of its ``words`` (lower case, a word's start is
    enough: "disarm" finds "disarming").
    """

    meaning: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    refuses: tuple[str, ...] = Field(default=(), description="Tasks the reservation declines.")

    @field_validator("words")
    @classmethod
    def _lower(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().lower() for v in values if v.strip())

    def recognises(self, kind_id: str, value: str | None) -> bool:
        """Return whether a reservation whose value is ``value`` is of this kind."""
        text = (value or "").lower()
        return text == kind_id or any(word in text for word in self.words)


class Vocabulary(_Strict):
    """Everything a case names by id, checked against itself."""

    unit_types: dict[str, UnitType] = Field(min_length=1)
    tasks: dict[str, Task] = {}
    conditions: dict[str, Condition] = {}
    reservations: dict[str, Reservation] = {}

    @field_validator("unit_types", "tasks", "conditions", "reservations", mode="before")
    @classmethod
    def _names(cls, values: Any) -> Any:
        if isinstance(values, dict):
            for key in values:
                if not isinstance(key, str) or not NAME.fullmatch(key):
                    raise ValueError(f'"{key}" is not an id: use lower_snake_case')
        return values

    @model_validator(mode="after")
    def _refer_to_known_tasks(self) -> Vocabulary:
        for group, entries in (
            ("conditions", self.conditions),
            ("reservations", self.reservations),
        ):
            for key, entry in entries.items():
                for task in entry.refuses:
                    if task not in self.tasks:
                        known = ", ".join(sorted(self.tasks)) or "none defined"
                        raise ValueError(
                            f'{group}.{key}.refuses: unknown task "{task}" (tasks: {known})'
                        )
        return self

    def unit_words(self, unit_type: str, units: int = 1) -> str:
        """Return a unit type in words; an undeclared one reads as its id."""
        declared = self.unit_types.get(unit_type)
        if declared is None:
            return f"{unit_type} unit" if units == 1 else f"{unit_type} units"
        return declared.words(units)

    def reservation_kinds(self, value: str | None) -> list[str]:
        """Return the ids of the reservation kinds a reservation's value is of."""
        return [k for k, r in self.reservations.items() if r.recognises(k, value)]
