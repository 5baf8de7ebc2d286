"""Cases: loading a folder whole, the default case, plain runs and the case's own words."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from forcevet.cases.case import get_case, load_case, run_params
from forcevet.cases.folder import read_case_folder
from forcevet.errors import InputErrors
from forcevet.store.store import Store
from tests.conftest import Cli, snapshot

GAZA = Path(str(resources.files("forcevet.data").joinpath("cases", "gaza-isf")))


def gaza_copy(tmp_path: Path, name: str = "copy") -> Path:
    target = tmp_path / name
    shutil.copytree(GAZA, target)
    return target


def test_the_bundled_case_loads_as_the_default_and_again_adds_nothing(store: Store) -> None:
    loaded = load_case(store, "gaza-isf", by="test")
    case = get_case(store)
    assert case.id == "gaza-isf" and case.is_default and case.origin == "bundled gaza-isf"
    assert loaded.evidence.claims == 67 and case.problem is not None
    assert set(case.reservations) == {"disarmament", "enforcement"}
    before = snapshot(store)
    load_case(store, "gaza-isf", by="test")
    after = snapshot(store)
    assert {k: v for k, v in after.items() if k != "cases"} == {
        k: v for k, v in before.items() if k != "cases"
    }


def test_every_error_in_a_folder_is_listed_with_its_file_and_field(tmp_path: Path) -> None:
    folder = gaza_copy(tmp_path)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text("utf-8").replace("candidates: [IDN,", "candidates: [ZZZ,", 1)
    scenario.write_text(text, "utf-8")
    requirements = folder / "requirements.yaml"
    requirements.write_text(
        requirements.read_text("utf-8").replace(
            "tasks: [disarmament_support]", "tasks: [disarmament_suport]", 1
        ),
        "utf-8",
    )
    offers = folder / "offers.yaml"
    offers.write_text(
        offers.read_text("utf-8").replace("unit_type: aviation_unit", "unit_type: avaition", 1),
        "utf-8",
    )
    with pytest.raises(InputErrors) as caught:
        read_case_folder(str(folder))
    lines = [str(e) for e in caught.value.errors]
    assert any("scenario.yaml: candidates.0" in line and "ZZZ" in line for line in lines), lines
    assert any("requirements.yaml" in line and "disarmament_suport" in line for line in lines)
    assert any("offers.yaml" in line and "avaition" in line for line in lines), lines
    assert str(caught.value).startswith(f"{len(lines)} errors in case")


def test_a_bad_claim_leaves_the_store_as_it_was_and_exits_2(cli: Cli, tmp_path: Path) -> None:
    folder = gaza_copy(tmp_path)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text("utf-8")
    text = text.replace("predicate: offers_units", "predicate: offers_unitz", 1)
    text = text.replace("credibility: 2", "credibility: 9", 1)
    scenario.write_text(text, "utf-8")
    before = cli.snapshot()
    result = cli("case", "load", str(folder))
    assert result.exit_code == 2, result.output
    assert "offers_unitz" in result.output and "credibility" in result.output
    assert "2 errors in" in result.output
    assert cli.snapshot() == before


def test_no_command_falls_back_to_a_case_the_store_does_not_hold(cli: Cli) -> None:
    for args in (["assess", "--samples", "200"], ["case", "show"]):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert "no case in this store" in result.output
        assert "Traceback" not in result.output


def test_a_rubric_naming_a_role_or_reservation_the_case_lacks_is_refused(tmp_path: Path) -> None:
    folder = gaza_copy(tmp_path)
    scenario = folder / "scenario.yaml"
    scenario.write_text(
        scenario.read_text("utf-8").replace("  armed_group: [hamas]\n", ""), "utf-8"
    )
    vocabulary = folder / "vocabulary.yaml"
    text = vocabulary.read_text("utf-8")
    vocabulary.write_text(text[: text.index("  enforcement:\n")], "utf-8")
    with pytest.raises(InputErrors) as caught:
        read_case_folder(str(folder))
    lines = " | ".join(str(e) for e in caught.value.errors)
    assert 'role "armed_group"' in lines
    assert 'reservation kind "enforcement"' in lines


def test_only_a_run_of_the_whole_case_as_of_its_day_is_plain(store: Store) -> None:
    load_case(store, "gaza-isf", by="test")
    case = get_case(store)
    rubric = case.rubric
    assert run_params(case, rubric).plain
    assert run_params(case, rubric).as_of == case.as_of == "2026-03-01"
    assert run_params(case, rubric, as_of="2026-03-01").plain
    assert not run_params(case, rubric, as_of="2026-02-01").plain
    assert not run_params(case, rubric, candidates=("IDN", "PAK")).plain
    assert not run_params(case, rubric, without_sources=("src-x",)).plain
    other = rubric.model_copy(update={"hash": "another"})
    assert not run_params(case, other).plain


def test_a_case_without_an_as_of_is_assessed_as_of_the_day_of_the_run(store: Store) -> None:
    load_case(store, "gaza-isf", by="test")
    case = get_case(store)
    undated = type(case)(**{**case.__dict__, "as_of": None})
    params = run_params(undated, case.rubric, today="2026-11-29")
    assert params.as_of == "2026-11-29" and params.plain


def test_case_new_writes_a_folder_that_checks_and_loads_as_its_own_case(
    cli: Cli, tmp_path: Path
) -> None:
    made = cli("case", "new", "my-gaza", "--from", "gaza-isf", "--dir", str(tmp_path))
    assert made.exit_code == 0, made.output
    blank = cli("case", "new", "blank", "--dir", str(tmp_path))
    assert blank.exit_code == 0, blank.output
    checked = cli("case", "check", str(tmp_path / "blank"), "--json")
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["valid"] is True
    loaded = cli("case", "load", str(tmp_path / "my-gaza"))
    assert loaded.exit_code == 0, loaded.output
    assert "case my-gaza loaded" in loaded.stdout
    again = cli("case", "new", "my-gaza", "--dir", str(tmp_path))
    assert again.exit_code == 2 and "already exists" in again.output


def test_case_check_lists_the_predicates_no_indicator_asks_about(cli: Cli) -> None:
    result = cli("case", "check", "gaza-isf", "--json")
    assert result.exit_code == 0, result.output
    unused = {u["predicate"]: u["claims"] for u in json.loads(result.stdout)["unused_predicates"]}
    assert unused["named_as_contributor"] >= 1
    assert "states_reservation_on_mandate" not in unused
    table = cli("case", "check", "gaza-isf")
    assert "named_as_contributor, which no indicator" in table.stdout


def test_case_use_switches_the_default_and_list_shows_it(cli: Cli, tmp_path: Path) -> None:
    cli("case", "new", "second", "--from", "gaza-isf", "--dir", str(tmp_path))
    assert cli("case", "load", "gaza-isf").exit_code == 0
    assert cli("case", "load", str(tmp_path / "second")).exit_code == 0
    assert json.loads(cli("case", "show", "--json").stdout)["id"] == "second"
    assert cli("case", "use", "gaza-isf").exit_code == 0
    listed = json.loads(cli("case", "list", "--json").stdout)
    assert [c["id"] for c in listed if c["default"]] == ["gaza-isf"]
    missing = cli("case", "use", "atlantis")
    assert missing.exit_code == 2 and 'no case "atlantis"' in missing.output
