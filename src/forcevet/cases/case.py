"""Cases as the store holds them: load a folder, pick the default, check one, start one.

A case is a mission: its candidates, who plays the roles its rubric asks about,
its own vocabulary, its rubric and (to compose a force) its requirements,
offers and constraints. ``load_case`` validates the folder whole and stores its
evidence through the normal paths (``load_scenario``) in the caller's
transaction; commands then ask ``get_case`` and never fall back to a case the
store does not hold.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from forcevet.assessment.inputs import AssessmentParams
from forcevet.assessment.rubric import Rubric, parse_rubric
from forcevet.cases.folder import (
    SCENARIO_FILE,
    CaseFolder,
    check_rubric,
    locate_case,
    read_case_folder,
)
from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition.problem import CompositionProblem, problem_from_dict, problem_to_dict
from forcevet.errors import InputError, InputErrors
from forcevet.ingest.scenario import ScenarioReport, load_scenario
from forcevet.store.cases import StoredCase, require_stored_case, save_case
from forcevet.store.store import Store

TEMPLATE = "case-template"
"""The package data folder `case new` copies when no case is named to start from."""


@dataclass(frozen=True)
class Case:
    """A case as commands use it; ``origin`` says where it was loaded from."""

    id: str
    title: str
    summary: str
    candidates: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    as_of: str | None
    vocabulary: Vocabulary
    rubric: Rubric
    problem: CompositionProblem | None
    origin: str
    is_default: bool = False

    @property
    def reservations(self) -> dict[str, tuple[str, ...]]:
        """Return each reservation kind's words, as an assessment matches them."""
        return {k: r.words for k, r in self.vocabulary.reservations.items()}

    def state_parties(self) -> tuple[str, ...]:
        """Return the actors playing the case's ``state_party`` role (none if it has none)."""
        return self.roles.get("state_party", ())

    def to_dict(self) -> dict[str, Any]:
        """Return the case as JSON-ready data, as `case show --json` prints it."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "candidates": list(self.candidates),
            "roles": {k: list(v) for k, v in self.roles.items()},
            "as_of": self.as_of,
            "origin": self.origin,
            "default": self.is_default,
            "rubric": {"id": self.rubric.id, "version": self.rubric.version},
            "vocabulary": self.vocabulary.model_dump(mode="json", exclude_defaults=True),
            "composable": self.problem is not None,
            "requirements": len(self.problem.requirements) if self.problem else 0,
            "offers": len(self.problem.offers) if self.problem else 0,
        }


@dataclass(frozen=True)
class LoadedCase:
    """What `case load` stored."""

    case: Case
    evidence: ScenarioReport


def _definition(folder: CaseFolder) -> dict[str, Any]:
    scenario = folder.scenario
    return {
        "scenario": scenario.model_dump(
            mode="json",
            include={"id", "title", "summary", "candidates", "as_of", "roles", "rubric"},
        ),
        "vocabulary": folder.vocabulary.model_dump(mode="json", exclude_defaults=True),
        "rubric_text": folder.rubric_text,
        "rubric_label": f"{folder.rubric.id}.yaml",
        "problem": problem_to_dict(folder.problem) if folder.problem is not None else None,
    }


@lru_cache(maxsize=32)
def _stored_rubric(text: str, label: str) -> Rubric:
    """Return a stored case's rubric, parsed once per text: parsing its YAML is most of
    the cost of reading a case, which every page and command does (Rubric is frozen)."""
    return parse_rubric(text, path=label)


def _case(stored: StoredCase) -> Case:
    data = stored.definition
    scenario = data["scenario"]
    return Case(
        id=scenario["id"],
        title=scenario["title"],
        summary=scenario["summary"],
        candidates=tuple(scenario["candidates"]),
        roles={k: tuple(v) for k, v in scenario["roles"].items()},
        as_of=scenario.get("as_of"),
        vocabulary=Vocabulary.model_validate(data["vocabulary"]),
        rubric=_stored_rubric(data["rubric_text"], data["rubric_label"]),
        problem=problem_from_dict(data["problem"]) if data.get("problem") else None,
        origin=stored.origin,
        is_default=stored.is_default,
    )


def load_case(store: Store, reference: str, *, by: str) -> LoadedCase:
    """Validate a case folder (or bundled case) whole, store its evidence and the case,
    and make it the default case.

    Every error in the folder is listed at once (InputErrors); so is every bad record
    of a valid folder's evidence. The caller's transaction then stores nothing.
    """
    folder = read_case_folder(reference)
    evidence = load_scenario(store, folder.scenario, by=by)
    save_case(
        store,
        folder.scenario.id,
        title=folder.scenario.title,
        origin=folder.origin,
        definition=_definition(folder),
        by=by,
    )
    return LoadedCase(get_case(store, folder.scenario.id), evidence)


def get_case(store: Store, name: str | None = None) -> Case:
    """Return the stored case called ``name``, or the default case; InputError if none."""
    return _case(require_stored_case(store, name))


def new_case(name: str, *, template: str | None, into: Path) -> Path:
    """Write a new case folder ``into/name`` from a bundled case or the blank template.

    The copy's scenario takes ``name`` as its id; nothing is overwritten.
    """
    if (
        not name
        or len(name) > 64
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in name)
        or name != name.lower()
    ):
        raise InputError(
            "a case name is up to 64 lower case letters, digits and hyphens, e.g. haiti-mss",
            field="name",
        )
    if into.exists() and not into.is_dir():
        raise InputError("not a folder: give the folder to write the case in", path=str(into))
    target = into / name
    if target.exists():
        raise InputError("already exists; choose another name or folder", path=str(target))
    if template is None:
        source = resources.files("forcevet.data").joinpath(TEMPLATE)
    elif not template.strip():  # Path("") is the current folder, which is no case
        raise InputError("give a case folder or a bundled case to start from", field="from")
    else:
        source, _, _ = locate_case(template)
    try:
        shutil.copytree(Path(str(source)), target)
    except OSError as exc:  # a file where a folder must go, no permission
        raise InputError(f"cannot write the case: {exc.strerror}", path=str(target)) from None
    scenario = target / SCENARIO_FILE
    lines = scenario.read_text("utf-8").splitlines(keepends=True)
    renamed = [f"id: {name}\n" if line.startswith("id:") else line for line in lines]
    scenario.write_text("".join(renamed), "utf-8")
    return target


def run_params(
    case: Case,
    rubric: Rubric,
    *,
    candidates: tuple[str, ...] | None = None,
    as_of: str | None = None,
    without_sources: tuple[str, ...] = (),
    samples: int = 10_000,
    seed: int = 0,
    two_person: bool = False,
    today: str | None = None,
) -> AssessmentParams:
    """Return the parameters of an assessment of ``case`` with ``rubric``.

    The run is *plain* (the one compose, explain and report use by default) when it
    covers all the case's candidates with the case's own rubric, leaves out no
    source, and is as of the case's day: its ``as_of`` if the case sets one,
    otherwise the day of the run. Anything else is a what-if.
    """
    errors = check_rubric(rubric, case.roles, case.vocabulary, path=f"rubric {rubric.id}")
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors, what=f"rubric {rubric.id}")
    day = case.as_of or today or date.today().isoformat()
    chosen = candidates or case.candidates
    plain = (
        not without_sources
        and (as_of is None or as_of == day)
        and sorted(chosen) == sorted(case.candidates)
        and rubric.hash == case.rubric.hash
    )
    return AssessmentParams(
        candidates=chosen,
        roles=dict(case.roles),
        as_of=as_of or day,
        samples=samples,
        seed=seed,
        without_sources=without_sources,
        scenario=case.id,
        two_person=two_person,
        reservations=case.reservations,
        plain=plain,
    )
