"""A force composition request: requirements, offers and constraints, read from YAML or CSV.

Every record is validated whole before anything is solved: an error names the
file, the record (1-based index in YAML, line in CSV) and the field, and says
what would be accepted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from forcevet.composition.vocabulary import Condition, Task
from forcevet.documents import parse_yaml
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


RecordT = TypeVar("RecordT", bound=_Record)


def _pydantic_error(exc: ValidationError) -> tuple[str, str]:
    """Return the first error's field path and message, without pydantic's prefixes."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "record"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field; check its spelling"
    elif error["type"] == "missing":
        message = "required field is missing"
    elif "input" in error and error["type"] not in ("value_error",):
        message += f', got "{error["input"]}"'
    return where, message


def _read_text(path: Path | None, bundled: str) -> tuple[str, str]:
    """Return a label and the text of ``path``, or of the bundled scenario file."""
    if path is None:
        resource = resources.files("forcevet.data").joinpath("scenarios", DEFAULT_SCENARIO, bundled)
        return bundled, resource.read_text("utf-8")
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise InputError("expected a .yaml, .yml or .csv file", path=str(path))
    return str(path), path.read_text("utf-8")


def _parse_yaml(label: str, text: str) -> Any:
    return parse_yaml(text, path=label)


def _csv_rows(label: str, text: str) -> list[tuple[int, dict[str, Any]]]:
    """Return each CSV row with its line number; empty cells are left out."""
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        if None in row:
            raise InputError("more cells than the header names", path=label, line=reader.line_num)
        rows.append((reader.line_num, {k.strip(): v.strip() for k, v in row.items() if v}))
    return rows


def _read_records(path: Path | None, bundled: str, kind: type[RecordT]) -> list[RecordT]:
    """Return the validated records of a YAML list or a CSV file, ids unique."""
    label, text = _read_text(path, bundled)
    is_csv = label.lower().endswith(".csv")
    located: list[tuple[str, int | None, Any]]
    if is_csv:
        located = [(f"line {line}", line, row) for line, row in _csv_rows(label, text)]
    else:
        document = _parse_yaml(label, text)
        if not isinstance(document, list):
            raise InputError("expected a list of records", path=label)
        located = [(f"record {n}", None, row) for n, row in enumerate(document, start=1)]
    records: list[RecordT] = []
    seen: set[str] = set()
    for name, line, row in located:
        prefix = "" if is_csv else f"{name}: "
        if not isinstance(row, Mapping):
            raise InputError(
                "expected a mapping of field: value",
                path=label,
                line=line,
                field=name if not is_csv else None,
            )
        try:
            record = kind.model_validate(row)
        except ValidationError as exc:
            field, message = _pydantic_error(exc)
            raise InputError(message, path=label, line=line, field=prefix + field) from None
        record_id = str(getattr(record, "id", ""))
        if record_id in seen:
            raise InputError(
                f'duplicate id "{record_id}"', path=label, line=line, field=prefix + "id"
            )
        seen.add(record_id)
        records.append(record)
    if not records:
        raise InputError("no records", path=label)
    return records


def load_requirements(path: Path | None = None) -> list[Requirement]:
    """Return the requirements in ``path``, or the bundled Gaza ISF ones."""
    return _read_records(path, "requirements.yaml", Requirement)


def load_offers(path: Path | None = None) -> list[Offer]:
    """Return the offers in ``path``, or the bundled Gaza ISF ones."""
    return _read_records(path, "offers.yaml", Offer)


def load_constraints(path: Path | None = None) -> Constraints:
    """Return the constraints in the YAML file ``path``, or the bundled Gaza ISF ones."""
    label, text = _read_text(path, "constraints.yaml")
    if label.lower().endswith(".csv"):
        raise InputError("constraints are nested: write them as YAML", path=label)
    document = _parse_yaml(label, text) or {}
    if not isinstance(document, Mapping):
        raise InputError("expected a mapping of constraint: value", path=label)
    try:
        return Constraints.model_validate(document)
    except ValidationError as exc:
        field, message = _pydantic_error(exc)
        raise InputError(message, path=label, field=field) from None


def load_problem(
    requirements: Path | None = None,
    offers: Path | None = None,
    constraints: Path | None = None,
) -> CompositionProblem:
    """Return the problem from the given files; with neither requirements nor offers, Gaza ISF.

    Without requirements and offers the bundled constraints apply too, unless
    ``constraints`` names a file; with them, no constraints apply unless named.
    """
    if (requirements is None) != (offers is None):
        raise InputError(
            "give both --requirements and --offers, or neither for the bundled Gaza ISF scenario"
        )
    bundled = requirements is None
    if constraints is not None:
        loaded_constraints = load_constraints(constraints)
    else:
        loaded_constraints = load_constraints() if bundled else Constraints()
    labels = [str(p) for p in (requirements, offers, constraints) if p is not None]
    return CompositionProblem(
        requirements=tuple(load_requirements(requirements)),
        offers=tuple(load_offers(offers)),
        constraints=loaded_constraints,
        labels=tuple(labels) if not bundled else (f"bundled {DEFAULT_SCENARIO}", *labels),
    )


def load_risk(path: Path) -> dict[str, float]:
    """Return country risks in [0, 1] by ISO3 code, from a YAML mapping or a CSV country,risk.

    A CSV may start with the header ``country,risk``; any other first row is data.
    """
    label, text = _read_text(path, "")
    entries: list[tuple[int | None, Any, Any]]
    if label.lower().endswith(".csv"):
        entries = []
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not any(row):
                continue
            if len(row) != 2:
                raise InputError("expected two cells: country,risk", path=label, line=number)
            if not entries and [c.strip().lower() for c in row] == ["country", "risk"]:
                continue  # the header
            entries.append((number, row[0], row[1]))
    else:
        document = _parse_yaml(label, text) or {}
        if not isinstance(document, Mapping):
            raise InputError("expected a mapping of ISO3 code: risk", path=label)
        entries = [(None, code, value) for code, value in document.items()]
    risks: dict[str, float] = {}
    for line, code, value in entries:
        try:
            country = require_country(str(code).strip())
        except InputError as exc:
            raise exc.located(path=label, line=line) from None
        risks[country] = parse_risk(value, field=country, path=label, line=line)
    return risks


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
