"""One-line factories for composition tests: ``offer("TUR", "engineer_company", count=2)``."""

from __future__ import annotations

import itertools
from typing import Any

from forcevet.composition import CompositionProblem, Constraints, Offer, Requirement

_ids = itertools.count(1)


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
    requirements: list[Requirement], offers: list[Offer], **constraints: Any
) -> CompositionProblem:
    """Return a problem with the given constraints (none by default)."""
    return CompositionProblem(
        tuple(requirements), tuple(offers), Constraints.model_validate(constraints)
    )
