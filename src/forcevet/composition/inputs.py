"""Reading a composition request from files: requirements and offers as a YAML list or
CSV, constraints as YAML, country risks as YAML or CSV.

Every record is validated whole before anything is solved: an error names the
file, the record (1-based index in YAML, line in CSV) and the field, and says
what would be accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from forcevet.composition.problem import (
    DEFAULT_SCENARIO,
    CompositionProblem,
    Constraints,
    Offer,
    Requirement,
    _Record,
    parse_risk,
)
from forcevet.documents import describe_error, parse_yaml
from forcevet.errors import InputError
from forcevet.model.countries import require_country

RecordT = TypeVar("RecordT", bound=_Record)


def _read_text(path: Path | None, bundled: str) -> tuple[str, str]:
    """Return a label and the text of ``path``, or of the bundled scenario file."""
    if path is None:
        resource = resources.files("forcevet.data").joinpath("cases", DEFAULT_SCENARIO, bundled)
        return bundled, resource.read_text("utf-8")
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise InputError("expected a .yaml, .yml or .csv file", path=str(path))
    return str(path), path.read_text("utf-8")


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
        document = parse_yaml(text, path=label)
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
            field, message = describe_error(exc)
            raise InputError(
                message, path=label, line=line, field=prefix + (field or "record")
            ) from None
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
    document = parse_yaml(text, path=label) or {}
    if not isinstance(document, Mapping):
        raise InputError("expected a mapping of constraint: value", path=label)
    try:
        return Constraints.model_validate(document)
    except ValidationError as exc:
        field, message = describe_error(exc)
        raise InputError(message, path=label, field=field or "record") from None


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
        document = parse_yaml(text, path=label) or {}
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
