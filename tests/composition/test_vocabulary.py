"""A case's own words: records checked against its vocabulary, every error listed, and a
non-Gaza vocabulary (an anti-gang task, a refusal of offensive operations) end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcevet.cases.vocabulary import Vocabulary
from forcevet.composition import (
    Objective,
    SolveStatus,
    compose_greedily,
    find_violations,
    load_vocabulary,
    problem_from_dict,
    problem_to_dict,
    read_case_problem,
    read_problem,
    solve_composition,
)
from forcevet.composition.rules import resolve_risk
from forcevet.errors import InputError
from tests.composition.factories import (
    HAITI_OFFERS,
    HAITI_REQUIREMENTS,
    HAITI_VOCABULARY,
    gaza_problem,
    gaza_vocabulary,
    offer,
    problem,
    requirement,
)


@pytest.fixture
def haiti(tmp_path: Path) -> Path:
    """Return a case folder's composition files and vocabulary, none of them Gaza's."""
    (tmp_path / "vocabulary.yaml").write_text(HAITI_VOCABULARY, encoding="utf-8")
    (tmp_path / "requirements.yaml").write_text(HAITI_REQUIREMENTS, encoding="utf-8")
    (tmp_path / "offers.yaml").write_text(HAITI_OFFERS, encoding="utf-8")
    return tmp_path


def haiti_vocabulary(folder: Path) -> Vocabulary:
    return load_vocabulary(folder / "vocabulary.yaml")


def test_a_non_gaza_vocabulary_composes_and_keeps_its_conditions(haiti: Path) -> None:
    instance, errors = read_case_problem(haiti, haiti_vocabulary(haiti), label="haiti")
    assert errors == [] and instance is not None
    assert instance.labels == ("haiti/requirements.yaml", "haiti/offers.yaml")
    result = solve_composition(instance, {"KEN": 0.6, "JAM": 0.1})
    assert result.status is SolveStatus.OPTIMAL and result.coverage == 1.0
    placed = {(a.requirement_id, a.country): (a.units, a.slots) for a in result.assignments}
    # Jamaica refuses the anti-gang task; its 100-person contingents fill the 200-person
    # airport slot two at a time.
    assert placed == {
        ("port-au-prince-gangs", "KEN"): (2, 2),
        ("airport-security", "JAM"): (2, 1),
    }
    assert result.unit_words("police_contingent", 2) == "police contingents"
    slots = {(a.offer_id, a.requirement_id): a.slots for a in result.assignments}
    resolved, _ = resolve_risk(instance, {"KEN": 0.6, "JAM": 0.1})
    assert find_violations(instance, resolved, slots, full_coverage=True) == []
    assert compose_greedily(instance, {"KEN": 0.6, "JAM": 0.1}).violations == ()


def test_a_non_gaza_condition_is_explained_in_the_case_s_words(haiti: Path) -> None:
    words = haiti_vocabulary(haiti)
    instance = problem(
        [requirement("police_contingent", count=1, tasks=["anti_gang_operations"])],
        [offer("JAM", "police_contingent", conditions=["no_offensive_operations"])],
        vocabulary=words,
    )
    reason = solve_composition(instance, {}).infeasibility
    assert reason is not None
    assert reason.explanation == (
        "JAM's refusal of offensive operations against gangs leaves police contingents short by 1."
    )
    gaza = ("disarm", "Hamas", "Gaza", "infantry battalion")
    assert not any(word in reason.explanation for word in gaza)


def test_every_unknown_unit_type_task_and_condition_is_listed_with_file_and_field(
    tmp_path: Path,
) -> None:
    requirements = tmp_path / "requirements.yaml"
    requirements.write_text(
        "- {id: a, sector: S, unit_type: police_contingent, count: 1, personnel: 10}\n"
        "- {id: b, sector: S, unit_type: submarine, count: 1, personnel: 10,"
        " tasks: [anti_gang_operations, disarming]}\n",
        encoding="utf-8",
    )
    offers = tmp_path / "offers.csv"
    offers.write_text(
        "id,country,unit_type,count,personnel,conditions\n"
        "o1,KEN,police_contingent,1,10,no_offensive_operations;no_night_patrols\n"
        "o2,KEN,police_contingent,zero,10,\n",
        encoding="utf-8",
    )
    found, errors = read_problem(
        requirements, offers, vocabulary=haiti_vocabulary(_haiti_words(tmp_path))
    )
    assert found is None
    shown = [str(e) for e in errors]
    assert shown == [
        f"{offers}:3: count: Input should be a valid integer, unable to parse string as an "
        'integer, got "zero"',
        f'{requirements}: record 2: unit_type: unknown unit type "submarine"; the vocabulary '
        "declares: engineer_company, police_contingent",
        f'{requirements}: record 2: tasks: unknown task "disarming"; the vocabulary declares: '
        "anti_gang_operations, static_security",
        f'{offers}:2: conditions: unknown condition "no_night_patrols"; the vocabulary '
        "declares: no_offensive_operations",
    ]
    assert all(isinstance(e, InputError) and e.field for e in errors)


def _haiti_words(tmp_path: Path) -> Path:
    folder = tmp_path / "words"
    folder.mkdir()
    (folder / "vocabulary.yaml").write_text(HAITI_VOCABULARY, encoding="utf-8")
    return folder


def test_a_problem_built_in_code_with_an_unknown_task_is_refused() -> None:
    instance = problem([requirement(tasks=["anti_gang_operations"], id="r")], [offer("KEN")])
    with pytest.raises(InputError, match=r'r: tasks: unknown task "anti_gang_operations"'):
        solve_composition(instance, {})


def test_a_case_folder_without_requirements_and_offers_has_no_problem(tmp_path: Path) -> None:
    assert read_case_problem(tmp_path, gaza_vocabulary()) == (None, [])
    (tmp_path / "offers.yaml").write_text(HAITI_OFFERS, encoding="utf-8")
    found, errors = read_case_problem(tmp_path, gaza_vocabulary(), label="haiti")
    assert found is None
    assert [str(e) for e in errors] == [
        "haiti/offers.yaml: no requirements.yaml or requirements.csv beside it: "
        "a composition needs both"
    ]


def test_a_problem_survives_a_round_trip_through_json() -> None:
    instance = gaza_problem()
    data = json.loads(json.dumps(problem_to_dict(instance)))
    again = problem_from_dict(data)
    assert again == instance
    risk = {"IDN": 0.35, "PAK": 0.7}
    first = solve_composition(instance, risk, Objective.MIN_RISK)
    second = solve_composition(again, risk, Objective.MIN_RISK)
    assert first.total_risk == second.total_risk
