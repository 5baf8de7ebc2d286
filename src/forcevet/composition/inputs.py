"""Reading a composition request from files: requirements and offers as a YAML list or
CSV, constraints as YAML, country risks as YAML or CSV.

Every record is validated, and then checked against the case's vocabulary,
before anything is solved; every error is listed at once, each naming the file,
the record (1-based index in YAML, line in CSV) and the field, and saying what
would be accepted. There is no bundled default: a problem comes from a case
folder (``read_case_problem``) or from files named explicitly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition.problem import (
    CompositionProblem,
    Constraints,
    Location,
    Offer,
    Requirement,
    _Record,
    parse_risk,
    vocabulary_errors,
)
from forcevet.documents import (
    describe_errors,
    parse_yaml,
    read_text,
    require_document,
    validate,
)
from forcevet.errors import InputError, InputErrors
from forcevet.model.countries import require_country

RecordT = TypeVar("RecordT", bound=_Record)
PROBLEM_FILES = ("requirements", "offers", "constraints")
"""The composition files of a case folder, each as .yaml, .yml or .csv (constraints: YAML)."""


def _read_text(path: Path, shown: str | None = None) -> tuple[str, str]:
    """Return a label (``shown``, else the path) and the text of ``path``."""
    label = shown or str(path)
    if not path.is_file():
        raise InputError("no such file", path=label)
    if path.suffix.lower() not in (".yaml", ".yml", ".csv"):
        raise InputError("expected a .yaml, .yml or .csv file", path=label)
    return label, read_text(path, label=label)


def _csv_rows(label: str, text: str) -> list[tuple[int, dict[str, Any]]]:
    """Return each CSV row with its line number; empty cells are left out."""
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    "more cells than the header names", path=label, line=reader.line_num
                )
            rows.append((reader.line_num, {k.strip(): v.strip() for k, v in row.items() if v}))
    except csv.Error as exc:  # a cell over csv's size limit
        raise InputError(f"not readable as CSV: {exc}", path=label, line=reader.line_num) from None
    return rows


def _raise(errors: list[InputError], what: str) -> None:
    """Raise the one error, or all of them together; do nothing when there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors, what=what)


def read_records(
    path: Path, kind: type[RecordT], *, shown: str | None = None
) -> tuple[list[RecordT], dict[str, Location], list[InputError]]:
    """Return the valid records of a YAML list or a CSV file, where each was read, and
    every error (one record's bad fields, duplicate ids, an unreadable file). Errors
    name the file as ``shown`` when given, else by its path."""
    try:
        label, text = _read_text(path, shown)
        is_csv = label.lower().endswith(".csv")
        located: list[tuple[str, int | None, Any]]
        if is_csv:
            located = [(f"line {line}", line, row) for line, row in _csv_rows(label, text)]
        else:
            document = parse_yaml(text, path=label)
            require_document(document, path=label, expected="a list of records")
            if not isinstance(document, list):
                raise InputError("expected a list of records", path=label)
            located = [(f"record {n}", None, row) for n, row in enumerate(document, start=1)]
    except InputError as exc:
        return [], {}, [exc]
    records: list[RecordT] = []
    where: dict[str, Location] = {}
    errors: list[InputError] = []
    for name, line, row in located:
        prefix = "" if is_csv else f"{name}: "
        if not isinstance(row, Mapping):
            errors.append(
                InputError(
                    "expected a mapping of field: value",
                    path=label,
                    line=line,
                    field=name if not is_csv else None,
                )
            )
            continue
        try:
            record = kind.model_validate(row)
        except ValidationError as exc:
            errors.extend(
                InputError(message, path=label, line=line, field=prefix + (field or "record"))
                for field, message in describe_errors(exc)
            )
            continue
        record_id = str(getattr(record, "id", ""))
        if record_id in where:
            errors.append(
                InputError(
                    f'duplicate id "{record_id}"', path=label, line=line, field=prefix + "id"
                )
            )
            continue
        where[record_id] = (label, line, prefix)
        records.append(record)
    if not located:
        errors.append(InputError("no records", path=label))
    return records, where, errors


def load_requirements(path: Path) -> list[Requirement]:
    """Return the requirements in ``path``, or raise every error found in it."""
    records, _, errors = read_records(path, Requirement)
    _raise(errors, str(path))
    return records


def load_offers(path: Path) -> list[Offer]:
    """Return the offers in ``path``, or raise every error found in it."""
    records, _, errors = read_records(path, Offer)
    _raise(errors, str(path))
    return records


def load_constraints(path: Path, *, shown: str | None = None) -> Constraints:
    """Return the constraints in the YAML file ``path``, or raise every error found in it."""
    label, text = _read_text(path, shown)
    if label.lower().endswith(".csv"):
        raise InputError("constraints are nested: write them as YAML", path=label)
    document = parse_yaml(text, path=label)
    require_document(document, path=label, expected="a mapping of constraint: value")
    if not isinstance(document, Mapping):
        raise InputError("expected a mapping of constraint: value", path=label)
    try:
        return Constraints.model_validate(document)
    except ValidationError as exc:
        errors = [
            InputError(message, path=label, field=field or "record")
            for field, message in describe_errors(exc)
        ]
        _raise(errors, label)
        raise  # unreachable: a ValidationError has at least one error


def load_vocabulary(path: Path) -> Vocabulary:
    """Return the vocabulary in the YAML file ``path`` (a case's ``vocabulary.yaml``)."""
    label, text = _read_text(path)
    document = parse_yaml(text, path=label)
    require_document(document, path=label, expected="unit_types, tasks, conditions, reservations")
    return validate(Vocabulary, document, path=label)


def read_problem(
    requirements: Path | None,
    offers: Path | None,
    constraints: Path | None = None,
    *,
    vocabulary: Vocabulary,
    label: str | None = None,
) -> tuple[CompositionProblem | None, list[InputError]]:
    """Return the problem in the given files and no errors, or None and every error.

    Requirements and offers are both needed; without constraints none apply.
    Records are checked against ``vocabulary`` once read: each unknown unit
    type, task or condition is an error naming its file, record and field.
    With ``label``, errors and the problem's labels name each file as
    ``label/NAME`` rather than by its full path.
    """
    if requirements is None or offers is None:
        missing = "requirements" if requirements is None else "offers"
        return None, [InputError(f"no {missing} file: a composition needs requirements and offers")]

    def shown(path: Path) -> str:
        return f"{label}/{path.name}" if label else str(path)

    needs, needs_where, errors = read_records(requirements, Requirement, shown=shown(requirements))
    offered, offers_where, offer_errors = read_records(offers, Offer, shown=shown(offers))
    errors += offer_errors
    loaded = Constraints()
    if constraints is not None:
        try:
            loaded = load_constraints(constraints, shown=shown(constraints))
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    problem = CompositionProblem(
        requirements=tuple(needs),
        offers=tuple(offered),
        constraints=loaded,
        vocabulary=vocabulary,
        labels=tuple(shown(p) for p in (requirements, offers, constraints) if p is not None),
    )
    where = {("requirements", k): v for k, v in needs_where.items()}
    where |= {("offers", k): v for k, v in offers_where.items()}
    errors += vocabulary_errors(problem, where)
    return (None, errors) if errors else (problem, [])


def load_problem(
    requirements: Path | None,
    offers: Path | None,
    constraints: Path | None = None,
    *,
    vocabulary: Vocabulary,
) -> CompositionProblem:
    """Return the problem in the given files, or raise every error found in them."""
    problem, errors = read_problem(requirements, offers, constraints, vocabulary=vocabulary)
    _raise(errors, "the composition files")
    assert problem is not None
    return problem


def override_problem(
    base: CompositionProblem | None,
    requirements: Path | None = None,
    offers: Path | None = None,
    constraints: Path | None = None,
    *,
    vocabulary: Vocabulary | None = None,
    replace_constraints: bool = False,
) -> CompositionProblem:
    """Return ``base`` (a case's problem) with the parts given as files read from them.

    Without a base, requirements, offers and a vocabulary are all needed (no
    constraints apply unless given). A constraints file extends the base's
    constraints (``extend_constraints``) unless ``replace_constraints``. Every
    record, the base's included, is checked against the vocabulary
    (``vocabulary``, else the base's); every error is raised at once.
    """
    words = vocabulary or (base.vocabulary if base else None)
    if base is None and (requirements is None or offers is None or words is None):
        missing = [
            flag
            for flag, given in (
                ("--requirements", requirements),
                ("--offers", offers),
                ("--vocabulary", words),
            )
            if given is None
        ]
        raise InputError(
            "no case to compose: load one with `forcevet case load FOLDER`, or give "
            + " and ".join(missing)
        )
    assert words is not None
    errors: list[InputError] = []
    where: dict[tuple[str, str], Location] = {}
    parts: dict[str, Any] = {}
    for group, path, kind in (
        ("requirements", requirements, Requirement),
        ("offers", offers, Offer),
    ):
        if path is None:
            assert base is not None
            parts[group] = getattr(base, group)
            continue
        records, located, found = read_records(path, kind)
        parts[group] = tuple(records)
        where |= {(group, k): v for k, v in located.items()}
        errors += found
    loaded = base.constraints if base and constraints is None else Constraints()
    if constraints is not None:
        try:
            loaded = load_constraints(constraints)
            if base is not None and not replace_constraints:
                loaded = extend_constraints(base.constraints, loaded)
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    given = tuple(str(p) for p in (requirements, offers, constraints) if p is not None)
    problem = CompositionProblem(
        requirements=parts["requirements"],
        offers=parts["offers"],
        constraints=loaded,
        vocabulary=words,
        labels=(*(base.labels if base else ()), *given),
    )
    errors += vocabulary_errors(problem, where)
    _raise(errors, "the composition's files")
    return problem


def extend_constraints(base: Constraints, more: Constraints) -> Constraints:
    """Return ``base`` with ``more`` added: the fields ``more`` sets win, its vetoes and
    regional minimums are added to the base's, and what either marks illustrative stays so.

    A what-if file such as ``max_country_share: 0.25`` thus keeps the case's
    vetoes and mandate instead of silently dropping them.
    """
    listed = {"vetoes", "regional_balance", "illustrative"}
    update: dict[str, Any] = {name: getattr(more, name) for name in more.model_fields_set - listed}
    update["vetoes"] = (*base.vetoes, *(v for v in more.vetoes if v not in base.vetoes))
    update["regional_balance"] = (
        *base.regional_balance,
        *(r for r in more.regional_balance if r not in base.regional_balance),
    )
    update["illustrative"] = tuple(dict.fromkeys((*base.illustrative, *more.illustrative)))
    return Constraints.model_validate(base.model_dump() | update)


def problem_files(folder: Path) -> dict[str, Path | None]:
    """Return a case folder's requirements, offers and constraints files (None when absent).

    Each is ``NAME.yaml``, ``NAME.yml`` or ``NAME.csv``; the first found is taken.
    """
    found: dict[str, Path | None] = {}
    for name in PROBLEM_FILES:
        candidates = [folder / f"{name}{suffix}" for suffix in (".yaml", ".yml", ".csv")]
        found[name] = next((p for p in candidates if p.is_file()), None)
    return found


def read_case_problem(
    folder: Path, vocabulary: Vocabulary, *, label: str | None = None
) -> tuple[CompositionProblem | None, list[InputError]]:
    """Return the composition problem of a case folder, or None, and every error in it.

    A folder with neither requirements nor offers has no problem and no error
    (the case cannot be composed); one with only one of them is an error. With
    ``label``, files are named ``label/offers.yaml`` and so on in errors and labels.
    """
    files = problem_files(folder)
    requirements, offers = files["requirements"], files["offers"]

    def shown(path: Path) -> str:
        return f"{label}/{path.name}" if label else str(path)

    if requirements is None and offers is None:
        if files["constraints"] is not None:
            return None, [
                InputError(
                    "constraints without requirements and offers",
                    path=shown(files["constraints"]),
                )
            ]
        return None, []
    if requirements is None or offers is None:
        missing, present = (
            ("requirements", offers) if requirements is None else ("offers", requirements)
        )
        assert present is not None
        return None, [
            InputError(
                f"no {missing}.yaml or {missing}.csv beside it: a composition needs both",
                path=shown(present),
            )
        ]
    return read_problem(
        requirements, offers, files["constraints"], vocabulary=vocabulary, label=label
    )


def load_risk(path: Path) -> dict[str, float]:
    """Return country risks in [0, 1] by ISO3 code, from a YAML mapping or a CSV country,risk.

    A CSV may start with the header ``country,risk``; any other first row is data.
    """
    label, text = _read_text(path)
    entries: list[tuple[int | None, Any, Any]]
    if label.lower().endswith(".csv"):
        entries = []
        number = 0
        try:
            for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
                if not any(row):
                    continue
                if len(row) != 2:
                    raise InputError("expected two cells: country,risk", path=label, line=number)
                if not entries and [c.strip().lower() for c in row] == ["country", "risk"]:
                    continue  # the header
                entries.append((number, row[0], row[1]))
        except csv.Error as exc:  # a cell over csv's size limit
            raise InputError(f"not readable as CSV: {exc}", path=label, line=number + 1) from None
        if not entries:
            raise InputError("no risks in the file; expected rows of country,risk", path=label)
    else:
        document = parse_yaml(text, path=label)
        require_document(document, path=label, expected="a mapping of ISO3 code: risk")
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
