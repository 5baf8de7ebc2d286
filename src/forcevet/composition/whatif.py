"""What-ifs on a composition: vetoes, caps, offers and conditions switched, as data.

A ``WhatIf`` changes a case's problem the way `forcevet compose --constraints
FILE` does, and a little more: its ``constraints`` are added to the case's
(the fields it sets win, its vetoes are added; ``replace_constraints`` drops
the case's first, as --replace-constraints), the case's vetoes on the
countries in ``lift_vetoes`` are lifted, the offers in ``offers_off`` are left
out, and the conditions in ``conditions_off`` (``COUNTRY:condition``, the
subject of the infeasibility explanation's ``condition:`` keys) are dropped
from that country's offers. Nothing here is new constraint logic: the
problem that comes out is solved and explained as any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forcevet.composition.inputs import extend_constraints
from forcevet.composition.problem import CompositionProblem, Constraints
from forcevet.composition.solve import Objective
from forcevet.documents import validate_all
from forcevet.errors import InputError, InputErrors
from forcevet.model.countries import require_country

WHAT_IF = "what-if"
"""How errors name a what-if, and the label its problem carries."""
SCALARS = ("max_country_share", "min_contributors", "max_total_risk", "deployment_deadline")
"""The constraint fields a what-if form sets by value (an empty value clears the case's)."""
LISTS = {"veto": "vetoes", "lift": "lift_vetoes", "off": "offers_off", "drop": "conditions_off"}
"""The repeated query parameters of a what-if, and the WhatIf field each fills."""


def _country(value: Any) -> str:
    try:
        return require_country(str(value).strip())
    except InputError as exc:
        raise ValueError(exc.message) from None


class WhatIf(BaseModel):
    """The switches of one what-if; empty, it leaves the case's problem as it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    constraints: Constraints = Field(default_factory=Constraints)
    """Added to the case's: the fields set win, vetoes and regional minimums are added."""
    replace_constraints: bool = False
    """Drop the case's constraints and use only ``constraints``."""
    lift_vetoes: tuple[str, ...] = ()
    """Countries (ISO3) whose vetoes in the case are lifted."""
    offers_off: tuple[str, ...] = ()
    """Ids of the case's offers left out."""
    conditions_off: tuple[str, ...] = ()
    """Conditions dropped from a country's offers, as ``COUNTRY:condition`` (IDN:no_combat)."""
    objective: Objective = Objective.MIN_RISK

    @field_validator("lift_vetoes", mode="before")
    @classmethod
    def _countries(cls, values: Any) -> Any:
        return tuple(_country(v) for v in values) if isinstance(values, list | tuple) else values

    @field_validator("conditions_off", mode="before")
    @classmethod
    def _conditions(cls, values: Any) -> Any:
        if not isinstance(values, list | tuple):
            return values
        keys = []
        for value in values:
            country, _, condition = str(value).partition(":")
            if not condition.strip():
                raise ValueError(f'expected COUNTRY:condition such as IDN:no_combat, got "{value}"')
            keys.append(f"{_country(country)}:{condition.strip()}")
        return tuple(keys)

    def to_dict(self) -> dict[str, Any]:
        """Return the what-if as JSON-ready data with only what it sets (``parse_whatif``
        reads it back, a constraint set to null included)."""
        return self.model_dump(mode="json", exclude_unset=True, exclude_defaults=False)

    @property
    def is_plain(self) -> bool:
        """Return whether the what-if changes nothing: the case's own composition."""
        return not (
            self.constraints.model_fields_set
            or self.replace_constraints
            or self.lift_vetoes
            or self.offers_off
            or self.conditions_off
            or self.objective is not Objective.MIN_RISK
        )

    def to_params(self) -> list[tuple[str, str]]:
        """Return the what-if as query parameters (``whatif_from_params`` reads them back)."""
        params: list[tuple[str, str]] = []
        if self.objective is not Objective.MIN_RISK:
            params.append(("objective", self.objective.value))
        if self.replace_constraints:
            params.append(("replace_constraints", "1"))
        set_fields = self.constraints.model_fields_set
        for name in SCALARS:
            if name in set_fields:
                value = getattr(self.constraints, name)
                params.append((name, "" if value is None else str(value)))
        if "unsc_mandate" in set_fields:
            params.append(("unsc_mandate", "yes" if self.constraints.unsc_mandate else "no"))
        params += [("veto", f"{v.party}:{v.country}") for v in self.constraints.vetoes]
        for param, field in LISTS.items():
            if field != "vetoes":
                params += [(param, value) for value in getattr(self, field)]
        return params


def parse_whatif(document: Any) -> WhatIf:
    """Return ``document`` (JSON data, such as an API request's body) as a WhatIf, or
    raise every bad field at once."""
    if document is None:
        document = {}
    if not isinstance(document, Mapping):
        raise InputError("expected an object of what-if switches", path=WHAT_IF)
    whatif, errors = validate_all(WhatIf, document, path=WHAT_IF)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors, what="the what-if")
    assert whatif is not None
    return whatif


def whatif_from_params(params: Mapping[str, Sequence[str]], base: Constraints) -> WhatIf:
    """Return the what-if a form's query parameters describe, against the case's ``base``.

    Repeated parameters: ``veto`` (PARTY:COUNTRY, added; or one more as
    ``veto_party`` and ``veto_country``), ``lift`` (a vetoed country), ``off``
    (an offer id), ``drop`` (COUNTRY:condition). A constraint field (SCALARS,
    and ``unsc_mandate`` as yes or no) is set only when its value differs from
    the case's, so a form filled in with the case's values is the plain
    composition; an empty value clears the case's constraint.
    """

    def one(name: str) -> str | None:
        values = params.get(name) or []
        return values[-1].strip() if values else None

    constraints: dict[str, Any] = {}
    for name in SCALARS:
        given = one(name)
        if given is None:
            continue
        current = getattr(base, name)
        if given == "" and current is not None:
            constraints[name] = None
        elif given != "" and given != _text(current):
            constraints[name] = given
    mandate = one("unsc_mandate")
    if mandate:
        if mandate not in ("yes", "no"):
            raise InputError(f'expected yes or no, got "{mandate}"', field="unsc_mandate")
        if (mandate == "yes") != base.unsc_mandate:
            constraints["unsc_mandate"] = mandate == "yes"
    vetoes = []
    for value in params.get("veto") or []:
        party, _, country = value.strip().rpartition(":")
        if not value.strip():
            continue
        if not party.strip() or not country.strip():
            raise InputError(f'expected PARTY:COUNTRY such as ISR:TUR, got "{value}"', field="veto")
        vetoes.append({"party": party.strip(), "country": country.strip()})
    new_party, new_country = one("veto_party"), one("veto_country")
    if new_party or new_country:  # the form's row for one more veto
        if not new_party or not new_country:
            raise InputError("a new veto needs both the party and the country", field="veto")
        vetoes.append({"party": new_party, "country": new_country})
    if vetoes:
        constraints["vetoes"] = vetoes
    document: dict[str, Any] = {"constraints": constraints}
    for param, field in LISTS.items():
        values = [v.strip() for v in params.get(param) or [] if v.strip()]
        if values and field != "vetoes":
            document[field] = list(dict.fromkeys(values))
    objective = one("objective")
    if objective:
        document["objective"] = objective
    if one("replace_constraints") in ("1", "on", "yes", "true"):
        document["replace_constraints"] = True
    return parse_whatif(document)


def _text(value: Any) -> str:
    """Return a constraint's value as a form shows it, to compare with what was sent."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{value:g}" if isinstance(value, float) else str(value)


def offered_conditions(problem: CompositionProblem) -> list[str]:
    """Return the conditions a what-if can drop, as ``COUNTRY:condition``, sorted."""
    return sorted({f"{o.country}:{c}" for o in problem.offers for c in o.conditions})


def apply_whatif(problem: CompositionProblem, whatif: WhatIf) -> CompositionProblem:
    """Return ``problem`` with the what-if's switches applied, or raise every switch that
    names a veto, offer or condition the problem does not have."""
    errors = []
    offer_ids = [o.id for o in problem.offers]
    for offer_id in whatif.offers_off:
        if offer_id not in offer_ids:
            errors.append(
                InputError(
                    f'no offer "{offer_id}"; the offers are {", ".join(offer_ids)}',
                    path=WHAT_IF,
                    field="offers_off",
                )
            )
    vetoed = sorted({v.country for v in problem.constraints.vetoes})
    for country in whatif.lift_vetoes:
        if country not in vetoed:
            errors.append(
                InputError(
                    f"no veto on {country} to lift; vetoed: {', '.join(vetoed) or 'none'}",
                    path=WHAT_IF,
                    field="lift_vetoes",
                )
            )
    attached = offered_conditions(problem)
    for key in whatif.conditions_off:
        if key not in attached:
            errors.append(
                InputError(
                    f"no offer carries {key}; the conditions are {', '.join(attached) or 'none'}",
                    path=WHAT_IF,
                    field="conditions_off",
                )
            )
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors, what="the what-if")
    return replace(
        problem,
        offers=_offers(problem, whatif),
        constraints=_constraints(problem.constraints, whatif),
        labels=(*problem.labels, WHAT_IF),
    )


def _constraints(base: Constraints, whatif: WhatIf) -> Constraints:
    if whatif.replace_constraints:
        return whatif.constraints
    lifted = set(whatif.lift_vetoes)
    kept = [v for v in base.vetoes if v.country not in lifted]
    base = Constraints.model_validate(base.model_dump() | {"vetoes": kept})
    return extend_constraints(base, whatif.constraints)


def _offers(problem: CompositionProblem, whatif: WhatIf) -> tuple[Any, ...]:
    dropped = set(whatif.conditions_off)
    return tuple(
        offer.model_copy(
            update={
                "conditions": tuple(
                    c for c in offer.conditions if f"{offer.country}:{c}" not in dropped
                )
            }
        )
        for offer in problem.offers
        if offer.id not in whatif.offers_off
    )
