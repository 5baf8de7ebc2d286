"""A force composition request: requirements, offers and constraints, each a validated
record (inputs.py reads them from files), and country risks in [0, 1]."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forcevet.composition.vocabulary import Condition, Task
from forcevet.errors import InputError
from forcevet.model.countries import require_country

DEFAULT_SCENARIO = "gaza-isf"
DEFAULT_RISK = 0.5
"""Risk used for a country the assessment does not cover ("no assessment")."""

UNIT_TYPE_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
READINESS = (
    "UN Peacekeeping Capability Readiness System level: 1, 2, 3, or 4 for the Rapid "
    "Deployment Level; an offer fills a requirement when its level is at least the minimum."
)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _listed(value: Any) -> Any:
    """CSV cells hold lists as "a;b": split them; YAML lists pass through."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


def _country(value: Any) -> str:
    try:
        return require_country(value)
    except InputError as exc:
        raise ValueError(exc.message) from None


def _unit_type(value: Any) -> Any:
    if not isinstance(value, str) or not UNIT_TYPE_PATTERN.fullmatch(value):
        raise ValueError(
            f'expected a unit type in lower_snake_case such as infantry_battalion, got "{value}"'
        )
    return value


def _known(kind: type[StrEnum], noun: str) -> Any:
    def check(values: Any) -> Any:
        known = {member.value for member in kind}
        for value in _listed(values):
            if value not in known:
                raise ValueError(f'unknown {noun} "{value}"; use one of {", ".join(sorted(known))}')
        return _listed(values)

    return check


class Requirement(_Record):
    """Units the force needs in one sector or for one task."""

    id: str = Field(min_length=1)
    sector: str = Field(min_length=1)
    unit_type: str
    count: int = Field(ge=1)
    personnel: int = Field(ge=1, description="Planned personnel per unit.")
    min_readiness: int = Field(default=1, ge=1, le=4, description=READINESS)
    tasks: tuple[Task, ...] = ()
    priority: float = Field(default=1.0, gt=0, le=1000)
    illustrative: bool = False
    note: str | None = None

    _check_unit_type = field_validator("unit_type", mode="before")(_unit_type)
    _check_tasks = field_validator("tasks", mode="before")(_known(Task, "task"))


class Offer(_Record):
    """Units one country offers; its conditions travel with every unit."""

    id: str = Field(min_length=1)
    country: str
    unit_type: str
    count: int = Field(ge=1)
    personnel: int = Field(ge=1, description="Personnel per unit.")
    readiness: int = Field(default=1, ge=1, le=4, description=READINESS)
    available_from: dt.date | None = None
    conditions: tuple[Condition, ...] = ()
    illustrative: bool = False
    source: str | None = None
    note: str | None = None

    _check_country = field_validator("country", mode="before")(_country)
    _check_unit_type = field_validator("unit_type", mode="before")(_unit_type)
    _check_conditions = field_validator("conditions", mode="before")(_known(Condition, "condition"))


class Veto(_Record):
    """A party's refusal to accept one country's units."""

    party: str = Field(min_length=1)
    country: str
    illustrative: bool = False
    note: str | None = None

    _check_country = field_validator("country", mode="before")(_country)


class RegionalMinimum(_Record):
    """At least ``min_units`` units must come from the countries of one region."""

    name: str = Field(min_length=1)
    countries: tuple[str, ...] = Field(min_length=1)
    min_units: int = Field(ge=1)
    illustrative: bool = False

    @field_validator("countries", mode="before")
    @classmethod
    def _codes(cls, values: Any) -> Any:
        return tuple(_country(v) for v in _listed(values))


CONSTRAINT_FIELDS = (
    "unsc_mandate",
    "deployment_deadline",
    "max_country_share",
    "min_contributors",
    "max_total_risk",
)


class Constraints(_Record):
    """The parties' and planners' constraints on the whole composition."""

    unsc_mandate: bool = False
    """Whether a UN Security Council mandate exists; offers that require one need it."""
    deployment_deadline: dt.date | None = None
    """Offers available only after this day are left out."""
    max_country_share: float | None = Field(default=None, gt=0, le=1)
    """Largest share of the planned strength (requirements' count x personnel) one country
    may provide."""
    min_contributors: int | None = Field(default=None, ge=1)
    """Fewest countries that must contribute at least one unit."""
    max_total_risk: float | None = Field(default=None, ge=0)
    """Ceiling on the sum of country risk times personnel: 1,000 personnel from a country
    at risk 0.4 count 400."""
    vetoes: tuple[Veto, ...] = ()
    regional_balance: tuple[RegionalMinimum, ...] = ()
    illustrative: tuple[str, ...] = ()
    """Which of the fields above are assumptions rather than reported figures."""
    note: str | None = None

    @field_validator("illustrative", mode="before")
    @classmethod
    def _fields(cls, values: Any) -> Any:
        for value in _listed(values):
            if value not in CONSTRAINT_FIELDS:
                raise ValueError(
                    f'"{value}" is not a constraint; use one of {", ".join(CONSTRAINT_FIELDS)}'
                )
        return _listed(values)


@dataclass(frozen=True)
class CompositionProblem:
    """Everything the solver needs, validated; ``labels`` say which files it came from."""

    requirements: tuple[Requirement, ...]
    offers: tuple[Offer, ...]
    constraints: Constraints
    labels: tuple[str, ...] = ()

    @property
    def illustrative_figures(self) -> dict[str, list[str]]:
        """Return the ids of requirements and offers, and the constraints, marked illustrative."""
        constraints = self.constraints
        return {
            "requirements": [r.id for r in self.requirements if r.illustrative],
            "offers": [o.id for o in self.offers if o.illustrative],
            "constraints": list(constraints.illustrative)
            + [f"veto:{v.party}:{v.country}" for v in constraints.vetoes if v.illustrative]
            + [f"region:{r.name}" for r in constraints.regional_balance if r.illustrative],
        }


def parse_risk(
    value: object, *, field: str, path: str | None = None, line: int | None = None
) -> float:
    """Return ``value`` as a risk in [0, 1], or raise InputError naming where it came from."""
    try:
        risk = float(str(value).strip())
    except ValueError:
        risk = float("nan")
    if not 0.0 <= risk <= 1.0:
        raise InputError(
            f'expected a risk between 0 and 1, got "{value}"', path=path, line=line, field=field
        )
    return risk
