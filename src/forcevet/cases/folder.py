"""Reading a case folder whole: every file parsed, every cross-reference checked, every
error listed at once (file, record and field), before anything is stored.

A case folder holds ``scenario.yaml`` (who the candidates are, who plays the
rubric's roles, the evidence), ``vocabulary.yaml`` (the mission's own unit types,
tasks, conditions and reservation kinds) and, to compose a force,
``requirements``, ``offers`` and ``constraints`` (docs/cases.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from forcevet.assessment.rubric import DEFAULT_RUBRIC, Rubric, parse_rubric
from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition.inputs import read_case_problem
from forcevet.composition.problem import CompositionProblem
from forcevet.documents import parse_yaml, read_text, require_document, validate_all
from forcevet.errors import InputError, InputErrors
from forcevet.ingest.scenario import Scenario, parse_evidence, parse_scenario

CASES = "cases"
"""The package data folder of the bundled cases."""

SCENARIO_FILE = "scenario.yaml"
VOCABULARY_FILE = "vocabulary.yaml"


@dataclass(frozen=True)
class CaseFolder:
    """A case folder, read and validated: its scenario with every evidence file merged in."""

    scenario: Scenario
    vocabulary: Vocabulary
    rubric: Rubric
    rubric_text: str
    problem: CompositionProblem | None
    origin: str  # "bundled gaza-isf" or the folder as given


def bundled_cases() -> list[str]:
    """Return the names of the cases that ship with forcevet."""
    folder = resources.files("forcevet.data").joinpath(CASES)
    return sorted(p.name for p in folder.iterdir() if p.joinpath(SCENARIO_FILE).is_file())


def locate_case(reference: str) -> tuple[Traversable, str, str]:
    """Return a case folder, its origin and the label its files are named by in errors.

    ``reference`` is a folder or the name of a bundled case; a folder wins.
    """
    path = Path(reference)
    if reference.strip() and _is_folder(path):  # Path("") is the current folder: no case
        return path, str(path), str(path)
    if reference in bundled_cases():
        folder = resources.files("forcevet.data").joinpath(CASES, reference)
        return folder, f"bundled {reference}", reference
    choices = ", ".join(bundled_cases())
    raise InputError(
        f'no case folder "{reference}"; give a folder or a bundled case ({choices})', field="case"
    )


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system (Python 3.11 raises it)
        return False


def read_case_folder(reference: str) -> CaseFolder:
    """Return the case in a folder (or a bundled case), or raise InputErrors listing every error."""
    folder, origin, label = locate_case(reference)
    errors: list[InputError] = []

    def read(name: str, missing: InputError) -> str | None:
        entry = folder.joinpath(name)
        if not entry.is_file():
            errors.append(missing)
            return None
        try:
            return read_text(entry, label=f"{label}/{name}")
        except InputError as exc:  # not UTF-8, unreadable
            errors.append(exc)
            return None

    def required(name: str) -> InputError:
        return InputError("missing: every case folder has one", path=f"{label}/{name}")

    scenario_path = f"{label}/{SCENARIO_FILE}"
    scenario = _scenario(read(SCENARIO_FILE, required(SCENARIO_FILE)), scenario_path, errors)
    if scenario is not None:
        for index, name in enumerate(scenario.evidence):
            missing = InputError(
                f'no evidence file "{name}" beside it',
                path=scenario_path,
                field=f"evidence.{index}",
            )
            text = read(name, missing)
            if text is None:
                continue
            more, found = parse_evidence(text, path=f"{label}/{name}")
            errors.extend(found)
            if more is not None:
                scenario = scenario.merged(more)
    vocabulary = _vocabulary(
        read(VOCABULARY_FILE, required(VOCABULARY_FILE)), f"{label}/{VOCABULARY_FILE}", errors
    )
    rubric, rubric_text = _rubric(folder, label, scenario, errors)
    problem = None
    if vocabulary is not None:
        problem, found = read_case_problem(Path(str(folder)), vocabulary)
        errors.extend(found)
    if scenario is not None and rubric is not None and vocabulary is not None:
        errors.extend(
            check_rubric(rubric, scenario.roles, vocabulary, path=f"{label}/{SCENARIO_FILE}")
        )
    if errors:
        raise InputErrors(errors, what=f"case {origin}")
    assert scenario is not None and vocabulary is not None and rubric is not None
    return CaseFolder(scenario, vocabulary, rubric, rubric_text, problem, origin)


def check_rubric(
    rubric: Rubric, roles: Iterable[str], vocabulary: Vocabulary, *, path: str
) -> list[InputError]:
    """Return an error for each role or reservation kind the rubric names and the case lacks.

    ``path`` names the file the errors point to (the scenario, or a rubric given on
    the command line).
    """
    errors = []
    defined_roles = set(roles)
    for role in sorted(rubric.roles() - defined_roles):
        defined = ", ".join(sorted(defined_roles)) or "none"
        errors.append(
            InputError(
                f'rubric {rubric.id} asks about the role "{role}", which the case does not '
                f"define (roles: {defined})",
                path=path,
                field="roles",
            )
        )
    for indicator in rubric.indicators:
        for kind in indicator.match.reservations:
            if kind not in vocabulary.reservations:
                declared = ", ".join(sorted(vocabulary.reservations)) or "none"
                errors.append(
                    InputError(
                        f'rubric {rubric.id}, indicator {indicator.id}: reservation kind "{kind}" '
                        f"is not declared in the case's vocabulary (reservations: {declared})",
                        path=path,
                        field=f"{indicator.id}.match.reservations",
                    )
                )
    return errors


def _scenario(text: str | None, path: str, errors: list[InputError]) -> Scenario | None:
    if text is None:
        return None
    scenario, found = parse_scenario(text, path=path)
    errors.extend(found)
    return scenario


def _vocabulary(text: str | None, path: str, errors: list[InputError]) -> Vocabulary | None:
    if text is None:
        return None
    try:
        document = require_document(
            parse_yaml(text, path=path),
            path=path,
            expected="unit_types, tasks, conditions, reservations",
        )
    except InputError as exc:
        errors.append(exc)
        return None
    vocabulary, found = validate_all(Vocabulary, document, path=path)
    errors.extend(found)
    return vocabulary


def _rubric(
    folder: Traversable, label: str, scenario: Scenario | None, errors: list[InputError]
) -> tuple[Rubric | None, str]:
    """Return the rubric the scenario names (a bundled rubric or a file beside it) and its text."""
    name = (scenario.rubric if scenario else None) or DEFAULT_RUBRIC
    entry = folder.joinpath(name)
    if name.endswith((".yaml", ".yml")) or entry.is_file():
        path = f"{label}/{name}"
        if not entry.is_file():
            errors.append(
                InputError(
                    f'no rubric file "{name}" beside it',
                    path=f"{label}/{SCENARIO_FILE}",
                    field="rubric",
                )
            )
            return None, ""
        try:
            text = read_text(entry, label=path)
        except InputError as exc:
            errors.append(exc)
            return None, ""
    else:
        bundled = resources.files("forcevet.data").joinpath("rubrics", f"{name}.yaml")
        if not bundled.is_file():
            errors.append(
                InputError(
                    f'no bundled rubric "{name}"; name one ({DEFAULT_RUBRIC}) or a .yaml file',
                    path=f"{label}/{SCENARIO_FILE}",
                    field="rubric",
                )
            )
            return None, ""
        path, text = f"{name}.yaml", bundled.read_text("utf-8")
    try:
        return parse_rubric(text, path=path), text
    except InputError as exc:
        errors.append(exc)
        return None, ""
