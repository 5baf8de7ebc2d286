"""What-ifs: switches applied to the Gaza case's problem, parsed from a form, solved, compared."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from forcevet.composition.casework import CaseInputs, compose_whatif, whatif_record
from forcevet.composition.inputs import extend_constraints
from forcevet.composition.problem import Constraints, Veto
from forcevet.composition.solve import SolveStatus, solve_composition
from forcevet.composition.whatif import (
    WhatIf,
    apply_whatif,
    parse_whatif,
    whatif_from_params,
)
from forcevet.errors import InputError
from tests.composition.factories import gaza_problem

RISKS = {"IDN": 0.31, "MAR": 0.31, "PAK": 0.32, "AZE": 0.33, "KAZ": 0.31, "TUR": 0.2}


def inputs() -> CaseInputs:
    return CaseInputs("gaza-isf", gaza_problem(), RISKS, {"file": "test"})


def test_an_empty_whatif_is_the_cases_problem() -> None:
    problem = gaza_problem()
    applied = apply_whatif(problem, WhatIf())
    assert WhatIf().is_plain
    assert applied.offers == problem.offers and applied.constraints == problem.constraints


def test_switches_lift_vetoes_drop_offers_and_conditions() -> None:
    problem = gaza_problem()
    whatif = parse_whatif(
        {
            "lift_vetoes": ["tur"],
            "offers_off": ["pak-infantry"],
            "conditions_off": ["IDN:no_combat"],
            "constraints": {
                "max_country_share": None,
                "vetoes": [{"party": "ISR", "country": "QAT"}],
            },
        }
    )
    applied = apply_whatif(problem, whatif)
    assert [v.country for v in applied.constraints.vetoes] == ["QAT"]
    assert "pak-infantry" not in {o.id for o in applied.offers}
    idn = [o for o in applied.offers if o.country == "IDN"]
    assert idn and all("no_combat" not in o.conditions for o in idn)
    assert all("no_disarmament_tasks" in o.conditions for o in idn)
    assert applied.constraints.max_country_share is None
    assert applied.constraints.min_contributors == problem.constraints.min_contributors


def test_replace_drops_the_cases_constraints() -> None:
    whatif = parse_whatif({"replace_constraints": True, "constraints": {"min_contributors": 2}})
    constraints = apply_whatif(gaza_problem(), whatif).constraints
    assert constraints.min_contributors == 2 and not constraints.vetoes
    assert constraints.unsc_mandate is False


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"offers_off": ["nobody-infantry"]}, "offers_off"),
        ({"lift_vetoes": ["IDN"]}, "lift_vetoes"),
        ({"conditions_off": ["MAR:no_combat"]}, "conditions_off"),
    ],
)
def test_a_switch_naming_what_the_case_lacks_is_refused(
    document: dict[str, Any], field: str
) -> None:
    with pytest.raises(InputError) as caught:
        apply_whatif(gaza_problem(), parse_whatif(document))
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"lift_vetoes": ["XXX"]}, "XXX"),
        ({"conditions_off": ["no_combat"]}, "COUNTRY:condition"),
        ({"constraints": {"max_country_share": 2}}, "max_country_share"),
        ({"objective": "most-fun"}, "objective"),
        ({"offers": []}, "unknown field"),
    ],
)
def test_bad_switches_are_input_errors(document: dict[str, Any], words: str) -> None:
    with pytest.raises(InputError, match=words):
        parse_whatif(document)


def test_a_form_with_the_cases_values_is_plain() -> None:
    base = gaza_problem().constraints
    params = {
        "max_country_share": ["0.4"],
        "min_contributors": ["5"],
        "max_total_risk": [""],
        "deployment_deadline": ["2026-12-31"],
        "unsc_mandate": ["yes"],
        "objective": ["min-risk"],
    }
    assert whatif_from_params(params, base).is_plain


def test_a_form_round_trips_through_its_params() -> None:
    base = gaza_problem().constraints
    params = {
        "max_country_share": [""],
        "min_contributors": ["3"],
        "unsc_mandate": ["no"],
        "veto": ["ISR:IDN", "USA:PAK"],
        "lift": ["TUR"],
        "off": ["kaz-infantry"],
        "drop": ["AZE:no_disarmament_tasks"],
        "objective": ["max-coverage"],
    }
    whatif = whatif_from_params(params, base)
    assert whatif.constraints.max_country_share is None
    assert "max_country_share" in whatif.constraints.model_fields_set
    assert whatif.constraints.min_contributors == 3 and whatif.constraints.unsc_mandate is False
    assert [(v.party, v.country) for v in whatif.constraints.vetoes] == [
        ("ISR", "IDN"),
        ("USA", "PAK"),
    ]
    again: dict[str, list[str]] = {}
    for name, value in whatif.to_params():
        again.setdefault(name, []).append(value)
    assert whatif_from_params(again, base) == whatif
    assert parse_whatif(whatif.to_dict()) == whatif


def test_a_veto_on_a_contributor_removes_it() -> None:
    outcome = compose_whatif(
        inputs(),
        parse_whatif(
            {
                "constraints": {"vetoes": [{"party": "USA", "country": "KAZ"}]},
                # The case needs every offered unit at full coverage: any veto is infeasible.
                "objective": "max-coverage",
            }
        ),
    )
    assert "KAZ" in {a.country for a in outcome.baseline.assignments}
    assert outcome.result.status is not SolveStatus.INFEASIBLE
    assert "KAZ" not in {a.country for a in outcome.result.assignments}
    removed = [c for c in outcome.changes if c.country == "KAZ"]
    assert removed and all(c.kind == "removed" for c in removed)
    kaz = next(c for c in outcome.contributions if c.country == "KAZ")
    assert kaz.personnel_before > 0 and kaz.personnel_after == 0


def test_an_infeasible_whatif_carries_the_libraries_explanation() -> None:
    outcome = compose_whatif(
        inputs(), parse_whatif({"constraints": {"vetoes": [{"party": "ISR", "country": "IDN"}]}})
    )
    problem = gaza_problem()
    veto = Constraints(vetoes=(Veto(party="ISR", country="IDN"),))
    extended = extend_constraints(problem.constraints, veto)
    direct = solve_composition(replace(problem, constraints=extended), RISKS)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.result.infeasibility is not None and direct.infeasibility is not None
    assert outcome.result.infeasibility.explanation == direct.infeasibility.explanation
    assert "veto on IDN" in outcome.result.infeasibility.explanation
    record = whatif_record(outcome)
    assert record["infeasibility"]["explanation"] == direct.infeasibility.explanation
    assert record["what_if"] == {"constraints": {"vetoes": [{"party": "ISR", "country": "IDN"}]}}
    assert record["baseline"]["status"] == "optimal"


def test_a_plain_whatif_is_the_plain_composition() -> None:
    outcome = compose_whatif(inputs(), WhatIf())
    assert outcome.result is outcome.baseline and not outcome.changes
