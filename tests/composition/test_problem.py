"""Reading requirements, offers, constraints and risks: the bundled case, CSV, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcevet.composition import (
    load_constraints,
    load_offers,
    load_problem,
    load_risk,
)
from forcevet.errors import InputError
from tests.composition.factories import GAZA, gaza_problem, gaza_vocabulary

SCENARIO_COUNTRIES = {"IDN", "MAR", "KAZ", "XKX", "ALB", "EGY", "JOR", "PAK", "AZE", "TUR"}


def test_the_bundled_case_has_five_sectors_towards_20000_soldiers() -> None:
    requirements = gaza_problem().requirements
    sectors = {r.sector for r in requirements} - {"Force level", "Police"}
    assert sectors == {
        "Rafah",
        "Khan Younis",
        "Middle Area (Deir al-Balah)",
        "Gaza City",
        "North Gaza",
    }
    soldiers = sum(r.count * r.personnel for r in requirements if r.sector != "Police")
    assert 19_000 <= soldiers <= 21_000
    rafah = [r for r in requirements if r.sector == "Rafah"]
    assert min(r.priority for r in rafah) > max(
        r.priority for r in requirements if r.sector != "Rafah"
    )


def test_the_bundled_offers_carry_the_reported_conditions_and_label_the_rest() -> None:
    offers = gaza_problem().offers
    assert {o.country for o in offers} == SCENARIO_COUNTRIES  # SAU and ARE declined
    indonesia = [o for o in offers if o.country == "IDN"]
    assert sum(o.count * o.personnel for o in indonesia) <= 8_000  # reported: up to 8,000
    assert all({"no_combat", "unsc_mandate_required"} <= set(o.conditions) for o in indonesia)
    pakistan = [o for o in offers if o.country == "PAK"]
    assert all("no_disarmament_tasks" in o.conditions for o in pakistan)
    assert all(o.illustrative for o in offers)
    constraints = load_constraints(GAZA / "constraints.yaml")
    assert constraints.unsc_mandate
    assert [(v.party, v.country) for v in constraints.vetoes] == [("ISR", "TUR")]
    assert "max_country_share" in constraints.illustrative


def test_the_bundled_problem_reports_which_figures_are_illustrative() -> None:
    problem = gaza_problem()
    figures = problem.illustrative_figures
    assert len(figures["offers"]) == len(problem.offers)
    assert "min_contributors" in figures["constraints"]
    assert problem.labels == (
        "gaza-isf/requirements.yaml",
        "gaza-isf/offers.yaml",
        "gaza-isf/constraints.yaml",
    )


def test_the_bundled_battalions_fill_the_planned_battalions_one_to_one() -> None:
    problem = gaza_problem()
    planned = {r.unit_type: r.personnel for r in problem.requirements}
    assert all(o.personnel >= planned[o.unit_type] for o in problem.offers)


def test_csv_files_read_like_yaml(tmp_path: Path) -> None:
    (tmp_path / "requirements.csv").write_text(
        "id,sector,unit_type,count,personnel,min_readiness,tasks,priority\n"
        "r1,Rafah,engineer_company,2,200,2,disarmament_support;combat,3\n",
        encoding="utf-8",
    )
    (tmp_path / "offers.csv").write_text(
        "id,country,unit_type,count,personnel,readiness,available_from,conditions,illustrative\n"
        "o1,mar,engineer_company,2,180,3,2026-04-01,no_combat,true\n",
        encoding="utf-8",
    )
    problem = load_problem(
        tmp_path / "requirements.csv", tmp_path / "offers.csv", vocabulary=gaza_vocabulary()
    )
    assert problem.requirements[0].tasks == ("disarmament_support", "combat")
    assert problem.offers[0].country == "MAR"
    assert problem.offers[0].conditions == ("no_combat",)
    assert problem.offers[0].illustrative
    assert problem.constraints.vetoes == ()  # your own files: no bundled constraints


OFFER = "- id: a\n  country: MAR\n  unit_type: engineer_company\n  count: 1\n  personnel: 150\n"

BAD_FILES = [
    (
        "offers.yaml",
        OFFER + OFFER.replace("id: a", "id: b") + OFFER.replace("MAR", "ZZZ"),
        'offers.yaml: record 3: country: unknown country code "ZZZ"; '
        "use an ISO 3166 alpha-3 code such as PAK",
    ),
    (
        "offers.yaml",
        OFFER + OFFER,
        'offers.yaml: record 2: id: duplicate id "a"',
    ),
    (
        "offers.yaml",
        OFFER + "  conditions: [No Peacekeeping]\n",
        'offers.yaml: record 1: conditions: expected condition ids in lower_snake_case, got "No',
    ),
    (
        "offers.yaml",
        OFFER.replace("count: 1", "count: 0"),
        'offers.yaml: record 1: count: Input should be greater than or equal to 1, got "0"',
    ),
    (
        "offers.yaml",
        OFFER + "  colour: blue\n",
        "offers.yaml: record 1: colour: unknown field; check its spelling",
    ),
    (
        "offers.yaml",
        OFFER.replace("engineer_company", "Engineer Company"),
        "offers.yaml: record 1: unit_type: expected a unit type in lower_snake_case",
    ),
    ("offers.yaml", "- id: [unclosed\n", "offers.yaml:2: not valid YAML"),
    ("offers.yaml", "id: a\n", "offers.yaml: expected a list of records"),
    (
        "offers.csv",
        "id,country,unit_type,count,personnel\no1,MAR,engineer_company,1,150\n"
        "o2,MAR,engineer_company,two,150\n",
        "offers.csv:3: count: Input should be a valid integer",
    ),
    ("offers.txt", "", "offers.txt: expected a .yaml, .yml or .csv file"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES)
def test_a_bad_offers_file_names_file_record_and_field(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_offers(path)
    assert message in str(caught.value)


def test_a_bad_constraint_is_named(tmp_path: Path) -> None:
    path = tmp_path / "constraints.yaml"
    path.write_text("max_country_share: 1.5\nvetoes:\n  - {party: ISR, country: QQQ}\n")
    with pytest.raises(InputError) as caught:
        load_constraints(path)
    assert "max_country_share: Input should be less than or" in str(caught.value)
    assert 'vetoes.0.country: unknown country code "QQQ"' in str(caught.value)


def test_requirements_and_offers_are_both_needed(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no offers file"):
        load_problem(tmp_path / "requirements.yaml", None, vocabulary=gaza_vocabulary())


def test_risk_reads_yaml_and_csv_with_or_without_header(tmp_path: Path) -> None:
    (tmp_path / "risk.yaml").write_text("PAK: 0.7\nidn: 0.35\n", encoding="utf-8")
    assert load_risk(tmp_path / "risk.yaml") == {"PAK": 0.7, "IDN": 0.35}
    (tmp_path / "risk.csv").write_text("country,risk\nPAK,0.7\n\nMAR,0.2\n", encoding="utf-8")
    assert load_risk(tmp_path / "risk.csv") == {"PAK": 0.7, "MAR": 0.2}
    (tmp_path / "bare.csv").write_text("PAK,0.7\n", encoding="utf-8")
    assert load_risk(tmp_path / "bare.csv") == {"PAK": 0.7}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("risk.yaml", "PAK: 1.7\n", 'risk.yaml: PAK: expected a risk between 0 and 1, got "1.7"'),
        (
            "risk.csv",
            "country,risk\nPAK,high\n",
            "risk.csv:2: PAK: expected a risk between 0 and 1",
        ),
        ("risk.csv", "PAK,0.1,x\n", "risk.csv:1: expected two cells: country,risk"),
        ("risk.yaml", "Narnia: 0.2\n", 'risk.yaml: country: unknown country code "Narnia"'),
    ],
)
def test_a_bad_risk_file_is_named(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_risk(path)
    assert message in str(caught.value)
