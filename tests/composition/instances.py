"""Random small instances (seeded), shared by the brute-force and property tests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from forcevet.composition import CompositionProblem, Offer, Requirement
from tests.composition.factories import problem

COUNTRIES = ["IDN", "PAK", "MAR", "KAZ", "TUR", "ALB"]
UNIT_TYPES = ["infantry_battalion", "engineer_company"]
TASKS = ["disarmament_support", "combat"]
CONDITIONS = ["no_disarmament_tasks", "no_combat", "unsc_mandate_required"]


def random_instance(rng: random.Random) -> tuple[CompositionProblem, dict[str, float]]:
    """Return a problem small enough to enumerate, and a risk with two decimals per country."""
    countries = rng.sample(COUNTRIES, rng.randint(2, 4))
    requirements = [
        Requirement(
            id=f"r{i}",
            sector="S",
            unit_type=rng.choice(UNIT_TYPES),
            count=rng.randint(1, 2),
            personnel=rng.choice([100, 200]),
            min_readiness=rng.choice([1, 1, 2, 3]),
            tasks=tuple(t for t in TASKS if rng.random() < 0.2),
            priority=rng.choice([1, 2, 3]),
        )
        for i in range(rng.randint(1, 3))
    ]
    offers = [
        Offer(
            id=f"o{i}",
            country=rng.choice(countries),
            unit_type=rng.choice([r.unit_type for r in requirements]),
            count=rng.randint(1, 3),
            personnel=rng.choice([100, 150, 200]),
            readiness=rng.choice([1, 2, 3, 3]),
            available_from=dt.date(2026, rng.randint(1, 12), 1),
            conditions=tuple(c for c in CONDITIONS if rng.random() < 0.2),
        )
        for i in range(rng.randint(3, 5))
    ]
    constraints: dict[str, Any] = {"unsc_mandate": rng.random() < 0.5}
    if rng.random() < 0.4:
        constraints["vetoes"] = [{"party": "ISR", "country": rng.choice(countries)}]
    if rng.random() < 0.4:
        constraints["max_country_share"] = rng.choice([0.4, 0.6, 0.8])
    if rng.random() < 0.3:
        constraints["min_contributors"] = rng.randint(1, 3)
    if rng.random() < 0.3:
        constraints["regional_balance"] = [
            {"name": "R", "countries": rng.sample(countries, 2), "min_units": 1}
        ]
    if rng.random() < 0.3:
        constraints["max_total_risk"] = rng.choice([100, 200, 400])
    if rng.random() < 0.3:
        constraints["deployment_deadline"] = dt.date(2026, 6, 30)
    risk = {c: round(rng.uniform(0, 1), 2) for c in countries}
    if rng.random() < 0.3:
        del risk[countries[0]]  # no assessment: the default applies
    return problem(requirements, offers, **constraints), risk
