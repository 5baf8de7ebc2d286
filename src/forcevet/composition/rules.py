"""The constraints of a composition, named, described in plain words and checked.

The solver, the infeasibility explanation and the greedy baseline share these
definitions; ``find_violations`` checks a composition without the solver, so
tests and the baseline do not trust the CP-SAT model to check itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from forcevet.composition.problem import (
    DEFAULT_RISK,
    CompositionProblem,
    Offer,
    Requirement,
    parse_risk,
    units_per_slot,
)
from forcevet.errors import InputError
from forcevet.model.countries import get_country

# CP-SAT works on integers: risks in thousandths, priorities in hundredths.
RISK_SCALE = 1000
PRIORITY_SCALE = 100

Slots = Mapping[tuple[str, str], int]
"""Requirement slots filled, by (offer id, requirement id); each takes ``units_per_slot``
of the offer's units."""


class ConstraintKind(StrEnum):
    """A kind of constraint, in the order explanations list them."""

    VETO = "veto"
    CONDITION = "condition"
    DEADLINE = "deadline"
    READINESS = "readiness"
    SHARE_CAP = "share_cap"
    MIN_CONTRIBUTORS = "min_contributors"
    REGION = "region"
    RISK_CEILING = "risk_ceiling"
    COVERAGE = "coverage"


KIND_ORDER = {kind: index for index, kind in enumerate(ConstraintKind)}


@dataclass(frozen=True)
class ConstraintRef:
    """One constraint that can be switched on or off: its kind and what it applies to.

    ``subject`` is the veto's or region's index, ``COUNTRY:condition``, a requirement
    id (readiness) or a unit type (coverage); empty for the global constraints.
    """

    kind: ConstraintKind
    subject: str = ""

    @property
    def key(self) -> str:
        """Return a stable machine name such as ``veto:0`` or ``coverage:engineer_company``."""
        return f"{self.kind.value}:{self.subject}" if self.subject else self.kind.value

    def sort_key(self) -> tuple[int, str]:
        """Return the key that puts vetoes first and coverage last."""
        return KIND_ORDER[self.kind], self.subject


def scale_risk(risk: float) -> int:
    """Return a risk in [0, 1] as thousandths."""
    return round(risk * RISK_SCALE)


def scale_priority(priority: float) -> int:
    """Return a priority weight in hundredths, at least 1."""
    return max(1, round(priority * PRIORITY_SCALE))


def planned_strength(problem: CompositionProblem) -> int:
    """Return the personnel the requirements plan for: count times personnel per unit."""
    return sum(r.count * r.personnel for r in problem.requirements)


def share_cap_personnel(problem: CompositionProblem) -> int | None:
    """Return the most personnel one country may provide, or None when there is no cap.

    The cap is a share of the planned strength, not of the composition found: a
    fixed ceiling per country does not tighten as coverage falls (which would
    spread a small force over more contributors), and it keeps each country's
    constraint a plain knapsack. On the benchmark instance (benchmarks/compose.py,
    seed 42) CP-SAT proved the optimum in under a second with it, and took 10 s
    or more with a share of the composition's own (variable) total.
    """
    share = problem.constraints.max_country_share
    return None if share is None else math.floor(share * planned_strength(problem) + 1e-9)


def risk_ceiling_scaled(problem: CompositionProblem) -> int | None:
    """Return the ceiling on total risk in the solver's units, or None when there is none."""
    ceiling = problem.constraints.max_total_risk
    return None if ceiling is None else math.floor(ceiling * RISK_SCALE + 1e-9)


def deployed(problem: CompositionProblem, slots: Slots) -> dict[tuple[str, str], tuple[int, int]]:
    """Return the units and personnel each (offer, requirement) pair deploys for its slots."""
    offers = {o.id: o for o in problem.offers}
    requirements = {r.id: r for r in problem.requirements}
    found = {}
    for (offer_id, requirement_id), count in slots.items():
        offer, requirement = offers.get(offer_id), requirements.get(requirement_id)
        if offer is None or requirement is None:
            raise InputError(f"unknown offer or requirement {offer_id}/{requirement_id}")
        units = count * units_per_slot(offer, requirement)
        found[offer_id, requirement_id] = units, units * offer.personnel
    return found


def scaled_total_risk(problem: CompositionProblem, risk: Mapping[str, float], slots: Slots) -> int:
    """Return the total risk of an assignment as the solver counts it, in thousandths."""
    country = {o.id: o.country for o in problem.offers}
    return sum(
        personnel * scale_risk(risk[country[offer_id]])
        for (offer_id, _), (_, personnel) in deployed(problem, slots).items()
    )


def resolve_risk(
    problem: CompositionProblem, risk: Mapping[str, float]
) -> tuple[dict[str, float], tuple[str, ...]]:
    """Return every offering country's risk, and the countries given the default risk.

    A country the mapping does not cover gets DEFAULT_RISK ("no assessment")
    rather than 0, so that a missing assessment never looks like a safe one.
    """
    given: dict[str, float] = {}
    for code, value in risk.items():
        key = code.strip().upper()
        given[key] = parse_risk(value, field=f"risk.{key}")
    resolved: dict[str, float] = {}
    unassessed: list[str] = []
    for country in sorted({o.country for o in problem.offers}):
        if country in given:
            resolved[country] = given[country]
        else:
            resolved[country] = DEFAULT_RISK
            unassessed.append(country)
    return resolved, tuple(unassessed)


def exclusions(
    problem: CompositionProblem, offer: Offer, requirement: Requirement
) -> list[ConstraintRef]:
    """Return the constraints that forbid this offer's units from filling this requirement."""
    constraints = problem.constraints
    found = [
        ConstraintRef(ConstraintKind.VETO, str(index))
        for index, veto in enumerate(constraints.vetoes)
        if veto.country == offer.country
    ]
    tasks = set(requirement.tasks)
    declared = problem.vocabulary.conditions
    for condition in offer.conditions:
        meant = declared.get(condition)
        # A condition the vocabulary lacks (vocabulary_errors names it) excludes, to be safe.
        blocked = (
            meant is None
            or bool(set(meant.refuses) & tasks)
            or (meant.requires == "unsc_mandate" and not constraints.unsc_mandate)
        )
        if blocked:
            found.append(ConstraintRef(ConstraintKind.CONDITION, f"{offer.country}:{condition}"))
    deadline = constraints.deployment_deadline
    if deadline and offer.available_from and offer.available_from > deadline:
        found.append(ConstraintRef(ConstraintKind.DEADLINE))
    if offer.readiness < requirement.min_readiness:
        found.append(ConstraintRef(ConstraintKind.READINESS, requirement.id))
    return found


def describe(problem: CompositionProblem, ref: ConstraintRef) -> str:
    """Return the constraint in plain words, such as "the cap of 30% per country"."""
    constraints = problem.constraints
    kind, subject = ref.kind, ref.subject
    if kind is ConstraintKind.VETO:
        veto = constraints.vetoes[int(subject)]
        return f"the veto on {veto.country} (by {veto.party})"
    if kind is ConstraintKind.CONDITION:
        country, condition = subject.split(":")
        meant = problem.vocabulary.conditions.get(condition)
        if meant is None:
            return f"{country}'s undeclared condition {condition}"
        if meant.requires == "unsc_mandate" and not constraints.unsc_mandate:
            return f"{country}'s {meant.meaning} (there is none)"
        return f"{country}'s {meant.meaning}"
    if kind is ConstraintKind.DEADLINE:
        return f"the deployment deadline of {constraints.deployment_deadline}"
    if kind is ConstraintKind.READINESS:
        level = next(r.min_readiness for r in problem.requirements if r.id == subject)
        return f"the minimum readiness level {level} for {subject}"
    if kind is ConstraintKind.SHARE_CAP:
        share = _percent(constraints.max_country_share or 0)
        return f"the cap of {share} per country ({share_cap_personnel(problem):,} personnel)"
    if kind is ConstraintKind.MIN_CONTRIBUTORS:
        return f"the minimum of {constraints.min_contributors} contributing countries"
    if kind is ConstraintKind.REGION:
        region = constraints.regional_balance[int(subject)]
        units = "unit" if region.min_units == 1 else "units"
        return f"the minimum of {region.min_units} {units} from {region.name}"
    if kind is ConstraintKind.RISK_CEILING:
        return f"the risk ceiling of {constraints.max_total_risk:,g}"
    required = sum(r.count for r in problem.requirements if r.unit_type == subject)
    return f"the requirement of {required} {problem.vocabulary.unit_words(subject, required)}"


def _percent(share: float) -> str:
    return f"{share * 100:.4g}%"


def country_name(code: str) -> str:
    """Return the country's common name, or the code when it is unknown."""
    country = get_country(code)
    return country.name if country else code


def find_violations(
    problem: CompositionProblem,
    risk: Mapping[str, float],
    slots: Slots,
    *,
    full_coverage: bool,
) -> list[str]:
    """Return, in plain words, every constraint the assignment ``slots`` breaks.

    Computed from the problem alone, never from the CP-SAT model, so that it can
    check the solver; shares and risks use the solver's integer scaling. Each
    slot takes ``units_per_slot`` of its offer's units, which count against the
    offer, the country's share, the regions and the risk.
    """
    offers = {o.id: o for o in problem.offers}
    requirements = {r.id: r for r in problem.requirements}
    constraints = problem.constraints
    problems: list[str] = []
    used_by_offer: dict[str, int] = defaultdict(int)
    filled: dict[str, int] = defaultdict(int)
    personnel: dict[str, int] = defaultdict(int)
    units_by_country: dict[str, int] = defaultdict(int)
    sent = deployed(problem, slots)
    for (offer_id, requirement_id), count in slots.items():
        if count == 0:
            continue
        offer, requirement = offers[offer_id], requirements[requirement_id]
        if count < 0 or offer.unit_type != requirement.unit_type:
            problems.append(f"{offer_id} cannot fill {requirement_id}")
        for ref in exclusions(problem, offer, requirement):
            problems.append(f"{offer_id} fills {requirement_id} despite {describe(problem, ref)}")
        units, people = sent[offer_id, requirement_id]
        if people < count * requirement.personnel:
            problems.append(
                f"{offer_id} fills {count} slots of {requirement.personnel:,} personnel "
                f"in {requirement_id} with {people:,}"
            )
        used_by_offer[offer_id] += units
        filled[requirement_id] += count
        personnel[offer.country] += people
        units_by_country[offer.country] += units
    for offer_id, used in used_by_offer.items():
        if used > offers[offer_id].count:
            problems.append(f"{offer_id} gives {used} units of {offers[offer_id].count} offered")
    for requirement in problem.requirements:
        got = filled[requirement.id]
        if got > requirement.count or (full_coverage and got < requirement.count):
            problems.append(f"{requirement.id} has {got} slots filled of {requirement.count}")
    cap = share_cap_personnel(problem)
    if cap is not None:
        for country, count in personnel.items():
            if count > cap:
                problems.append(f"{country} provides {count:,} personnel, above the cap of {cap:,}")
    contributors = sum(1 for c in units_by_country.values() if c > 0)
    if constraints.min_contributors and contributors < constraints.min_contributors:
        problems.append(f"only {contributors} contributing countries")
    for region in constraints.regional_balance:
        got = sum(units_by_country[c] for c in region.countries)
        if got < region.min_units:
            problems.append(f"only {got} units from {region.name}")
    ceiling = risk_ceiling_scaled(problem)
    if ceiling is not None and scaled_total_risk(problem, risk, slots) > ceiling:
        problems.append("total risk above the ceiling")
    return problems
