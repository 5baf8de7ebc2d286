"""A what-if constraints file adds to the case's constraints; it drops them only when told."""

from __future__ import annotations

from pathlib import Path

from forcevet.composition.inputs import override_problem
from tests.composition.factories import gaza_problem


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "what-if.yaml"
    path.write_text(text, "utf-8")
    return path


def test_a_cap_keeps_the_cases_veto_and_mandate(tmp_path: Path) -> None:
    base = gaza_problem()
    assert base.constraints.vetoes and base.constraints.unsc_mandate
    extended = override_problem(base, constraints=write(tmp_path, "max_country_share: 0.25\n"))
    assert extended.constraints.max_country_share == 0.25
    assert extended.constraints.vetoes == base.constraints.vetoes
    assert extended.constraints.unsc_mandate is True
    assert extended.constraints.regional_balance == base.constraints.regional_balance
    assert extended.constraints.min_contributors == base.constraints.min_contributors


def test_vetoes_and_regions_are_added_and_illustrative_marks_kept(tmp_path: Path) -> None:
    base = gaza_problem()
    more = write(
        tmp_path,
        "vetoes: [{party: ISR, country: QAT}]\n"
        "regional_balance: [{name: Central Asia, countries: [KAZ], min_units: 1}]\n"
        "illustrative: [min_contributors]\n",
    )
    extended = override_problem(base, constraints=more).constraints
    assert [v.country for v in extended.vetoes] == [
        *(v.country for v in base.constraints.vetoes),
        "QAT",
    ]
    assert len(extended.regional_balance) == len(base.constraints.regional_balance) + 1
    assert set(base.constraints.illustrative) <= set(extended.illustrative)


def test_replace_drops_the_cases_constraints(tmp_path: Path) -> None:
    base = gaza_problem()
    replaced = override_problem(
        base, constraints=write(tmp_path, "max_country_share: 0.25\n"), replace_constraints=True
    ).constraints
    assert replaced.max_country_share == 0.25
    assert not replaced.vetoes and replaced.unsc_mandate is False
