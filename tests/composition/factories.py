"""One-line factories for composition tests: ``offer("TUR", "engineer_company", count=2)``,
and the bundled Gaza ISF case's problem, read explicitly (the library has no default)."""

from __future__ import annotations

import functools
import itertools
from importlib import resources
from pathlib import Path
from typing import Any

from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition import (
    CompositionProblem,
    Constraints,
    Offer,
    Requirement,
    load_vocabulary,
    read_case_problem,
)

GAZA = Path(str(resources.files("forcevet.data").joinpath("cases", "gaza-isf")))

_ids = itertools.count(1)

# A small case in words that are not Gaza's: an anti-gang task and a refusal of it.
HAITI_VOCABULARY = """\
unit_types:
  police_contingent: {label: police contingent}
  engineer_company: {label: engineer company, plural: engineer companies}
tasks:
  anti_gang_operations: {meaning: operations against armed gangs}
  static_security: {meaning: "guard ports, airports and roads"}
conditions:
  no_offensive_operations:
    meaning: refusal of offensive operations against gangs
    refuses: [anti_gang_operations]
"""
HAITI_REQUIREMENTS = """\
- {id: port-au-prince-gangs, sector: Port-au-Prince, unit_type: police_contingent, count: 2,
   personnel: 200, tasks: [anti_gang_operations], priority: 3}
- {id: airport-security, sector: Port-au-Prince, unit_type: police_contingent, count: 1,
   personnel: 200, tasks: [static_security]}
"""
HAITI_OFFERS = """\
- {id: ken-police, country: KEN, unit_type: police_contingent, count: 2, personnel: 200}
- {id: jam-police, country: JAM, unit_type: police_contingent, count: 2, personnel: 100,
   conditions: [no_offensive_operations]}
"""


@functools.cache
def gaza_vocabulary() -> Vocabulary:
    """Return the Gaza ISF case's vocabulary (unit types, tasks and conditions)."""
    return load_vocabulary(GAZA / "vocabulary.yaml")


def gaza_problem() -> CompositionProblem:
    """Return the Gaza ISF case's requirements, offers and constraints."""
    problem, errors = read_case_problem(GAZA, gaza_vocabulary(), label="gaza-isf")
    assert problem is not None and not errors, errors
    return problem


def requirement(
    unit_type: str = "infantry_battalion", count: int = 1, **fields: Any
) -> Requirement:
    """Return a requirement in sector "S" with 100 personnel per unit unless told otherwise."""
    values: dict[str, Any] = {
        "id": f"req-{next(_ids)}",
        "sector": "S",
        "unit_type": unit_type,
        "count": count,
        "personnel": 100,
    }
    return Requirement.model_validate(values | fields)


def offer(
    country: str, unit_type: str = "infantry_battalion", count: int = 1, **fields: Any
) -> Offer:
    """Return an offer of 100 personnel per unit at readiness 3 unless told otherwise."""
    values: dict[str, Any] = {
        "id": f"{country.lower()}-{next(_ids)}",
        "country": country,
        "unit_type": unit_type,
        "count": count,
        "personnel": 100,
        "readiness": 3,
    }
    return Offer.model_validate(values | fields)


def problem(
    requirements: list[Requirement],
    offers: list[Offer],
    *,
    vocabulary: Vocabulary | None = None,
    **constraints: Any,
) -> CompositionProblem:
    """Return a problem with the given constraints (none by default), in the Gaza case's
    vocabulary unless another is given."""
    return CompositionProblem(
        tuple(requirements),
        tuple(offers),
        Constraints.model_validate(constraints),
        vocabulary or gaza_vocabulary(),
    )
