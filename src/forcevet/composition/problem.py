"""A force composition request: requirements, offers and constraints, each a validated
record (inputs.py reads them from files), the case's vocabulary, and country risks in [0, 1].

Tasks and conditions are ids of the case's vocabulary (``vocabulary.yaml``): a record
is read first, then ``vocabulary_errors`` checks every unit type, task and
condition it names against the vocabulary, so a misspelt task cannot silently let
a unit be assigned to what its country refused.

Coverage is in people, not only units. A requirement asks for ``count`` slots of
``personnel`` people each. A slot of P personnel is filled by one offered unit of
at least P personnel, or by ceil(P / p) units of p personnel each from one offer
(smaller units of the same type, combined). So an offer of 50-person units fills
a 160-person slot with four of them (200 personnel deployed), never with one.
Units of two offers are not mixed in one slot. The units used count against the
offer's count and the regional minimums; the personnel they bring (units x p)
count towards the risk and the share cap; coverage counts the slots' planned
personnel, not the surplus.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forcevet.cases.vocabulary import NAME, Vocabulary
from forcevet.errors import InputError, InputErrors
from forcevet.model.countries import require_country
from forcevet.model.dates import parse_day

DEFAULT_RISK = 0.5
"""Risk used for a country the assessment does not cover ("no assessment")."""

READINESS = (
    "UN Peacekeeping Capability Readiness System level: 1, 2, 3, or 4 for the Rapid "
    "Deployment Level; an offer fills a requirement when its level is at least the minimum."
)


MAX_UNITS = 10_000
"""Most units one record may ask for or offer: larger counts are typing mistakes, and a
count of 10**30 would overflow the solver's 64-bit integers instead of being refused."""
MAX_PERSONNEL = 100_000
"""Most personnel one unit may hold (a corps is some 50,000), for the same reason."""


class _Record(BaseModel):
    # NaN and infinity are refused in every number: `.inf` as a risk ceiling or share
    # would reach the solver as a bound it cannot scale.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


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


def _day(value: Any) -> Any:
    """Check a day written as YYYY-MM-DD against the calendar (2026-02-30 is refused);
    inputs are read with dates as text (documents.parse_yaml), so the check is ours."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_day(value, field="date")
    except InputError as exc:
        raise ValueError(exc.message) from None


def _unit_type(value: Any) -> Any:
    if not isinstance(value, str) or not NAME.fullmatch(value):
        raise ValueError(
            f'expected a unit type in lower_snake_case such as infantry_battalion, got "{value}"'
        )
    return value


def _ids(noun: str) -> Any:
    """Return a validator of a list of ids (the vocabulary says later which exist)."""

    def check(values: Any) -> Any:
        listed = _listed(values)
        if isinstance(listed, list | tuple):
            for value in listed:
                if not isinstance(value, str) or not NAME.fullmatch(value):
                    raise ValueError(f'expected {noun} ids in lower_snake_case, got "{value}"')
        return listed

    return check


class Requirement(_Record):
    """Units the force needs in one sector or for one task."""

    id: str = Field(min_length=1)
    sector: str = Field(min_length=1)
    unit_type: str
    count: int = Field(ge=1, le=MAX_UNITS)
    personnel: int = Field(ge=1, le=MAX_PERSONNEL, description="Planned personnel per unit.")
    min_readiness: int = Field(default=1, ge=1, le=4, description=READINESS)
    tasks: tuple[str, ...] = ()
    priority: float = Field(default=1.0, gt=0, le=1000)
    illustrative: bool = False
    note: str | None = None

    _check_unit_type = field_validator("unit_type", mode="before")(_unit_type)
    _check_tasks = field_validator("tasks", mode="before")(_ids("task"))


class Offer(_Record):
    """Units one country offers; its conditions travel with every unit."""

    id: str = Field(min_length=1)
    country: str
    unit_type: str
    count: int = Field(ge=1, le=MAX_UNITS)
    personnel: int = Field(ge=1, le=MAX_PERSONNEL, description="Personnel per unit.")
    readiness: int = Field(default=1, ge=1, le=4, description=READINESS)
    available_from: dt.date | None = None
    conditions: tuple[str, ...] = ()
    illustrative: bool = False
    source: str | None = None
    note: str | None = None

    _check_country = field_validator("country", mode="before")(_country)
    _check_unit_type = field_validator("unit_type", mode="before")(_unit_type)
    _check_conditions = field_validator("conditions", mode="before")(_ids("condition"))
    _check_available_from = field_validator("available_from", mode="before")(_day)


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
    min_units: int = Field(ge=1, le=MAX_UNITS)
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
    min_contributors: int | None = Field(default=None, ge=1, le=MAX_UNITS)
    """Fewest countries that must contribute at least one unit."""
    max_total_risk: float | None = Field(default=None, ge=0, le=1e12)
    """Ceiling on the sum of country risk times personnel: 1,000 personnel from a country
    at risk 0.4 count 400."""
    vetoes: tuple[Veto, ...] = ()
    regional_balance: tuple[RegionalMinimum, ...] = ()
    illustrative: tuple[str, ...] = ()
    """Which of the fields above are assumptions rather than reported figures."""
    note: str | None = None

    _check_deadline = field_validator("deployment_deadline", mode="before")(_day)

    @field_validator("illustrative", mode="before")
    @classmethod
    def _fields(cls, values: Any) -> Any:
        for value in _listed(values):
            if value not in CONSTRAINT_FIELDS:
                raise ValueError(
                    f'"{value}" is not a constraint; use one of {", ".join(CONSTRAINT_FIELDS)}'
                )
        return _listed(values)


def units_per_slot(offer: Offer, requirement: Requirement) -> int:
    """Return how many of the offer's units fill one of the requirement's slots.

    One unit when it is at least the slot's planned size; otherwise ceil(P / p)
    of them, combined: 160 planned personnel take four units of 50.
    """
    return max(1, math.ceil(requirement.personnel / offer.personnel))


@dataclass(frozen=True)
class CompositionProblem:
    """Everything the solver needs, validated; ``labels`` say which files it came from.

    ``vocabulary`` is the case's: it declares the unit types, tasks and conditions
    the records name (``vocabulary_errors`` checks that they do).
    """

    requirements: tuple[Requirement, ...]
    offers: tuple[Offer, ...]
    constraints: Constraints
    vocabulary: Vocabulary
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


Location = tuple[str | None, int | None, str]
"""Where a record was read: file label, CSV line (None in YAML) and field prefix such as
``record 3: `` (empty in CSV)."""


def vocabulary_errors(
    problem: CompositionProblem,
    where: dict[tuple[str, str], Location] | None = None,
) -> list[InputError]:
    """Return every unit type, task and condition the records name that the vocabulary lacks.

    ``where`` maps ("requirements" or "offers", record id) to where the record
    was read; records built in code are named by their id instead.
    """
    vocabulary = problem.vocabulary
    checks: list[tuple[str, str, str, tuple[str, ...], dict[str, Any], str]] = []
    for r in problem.requirements:
        checks.append(
            ("requirements", r.id, "unit_type", (r.unit_type,), vocabulary.unit_types, "unit type")
        )
        checks.append(("requirements", r.id, "tasks", r.tasks, vocabulary.tasks, "task"))
    for o in problem.offers:
        checks.append(
            ("offers", o.id, "unit_type", (o.unit_type,), vocabulary.unit_types, "unit type")
        )
        checks.append(
            ("offers", o.id, "conditions", o.conditions, vocabulary.conditions, "condition")
        )
    errors = []
    for group, record_id, field, values, declared, noun in checks:
        path, line, prefix = (where or {}).get((group, record_id), (group, None, f"{record_id}: "))
        for value in values:
            if value not in declared:
                known = ", ".join(sorted(declared)) or "none"
                errors.append(
                    InputError(
                        f'unknown {noun} "{value}"; the vocabulary declares: {known}',
                        path=path,
                        line=line,
                        field=prefix + field,
                    )
                )
    return errors


def require_vocabulary(problem: CompositionProblem) -> None:
    """Raise every unit type, task or condition the problem's vocabulary lacks, if any."""
    errors = vocabulary_errors(problem)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors, what="the composition's records")


def problem_to_dict(problem: CompositionProblem) -> dict[str, Any]:
    """Return the problem as JSON-ready data (``problem_from_dict`` reads it back)."""
    return {
        "requirements": [
            r.model_dump(mode="json", exclude_defaults=True) for r in problem.requirements
        ],
        "offers": [o.model_dump(mode="json", exclude_defaults=True) for o in problem.offers],
        "constraints": problem.constraints.model_dump(mode="json", exclude_defaults=True),
        "vocabulary": problem.vocabulary.model_dump(mode="json", exclude_defaults=True),
        "labels": list(problem.labels),
    }


def problem_from_dict(data: dict[str, Any]) -> CompositionProblem:
    """Return the problem that ``problem_to_dict`` wrote, validated again."""
    return CompositionProblem(
        requirements=tuple(Requirement.model_validate(r) for r in data["requirements"]),
        offers=tuple(Offer.model_validate(o) for o in data["offers"]),
        constraints=Constraints.model_validate(data.get("constraints") or {}),
        vocabulary=Vocabulary.model_validate(data["vocabulary"]),
        labels=tuple(data.get("labels") or ()),
    )


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
