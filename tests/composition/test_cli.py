"""`forcevet compose` through Typer's CliRunner: the case, its run, output, JSON shape and
exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forcevet.cli import app
from tests.composition.factories import GAZA, HAITI_OFFERS, HAITI_REQUIREMENTS, HAITI_VOCABULARY
from tests.conftest import Cli

RISK = "IDN: 0.35\nPAK: 0.7\nAZE: 0.45\nMAR: 0.25\nKAZ: 0.2\nXKX: 0.15\nALB: 0.15\n"


@pytest.fixture
def gaza(cli: Cli) -> Cli:
    """Return a store with the bundled Gaza ISF case loaded, as the default case."""
    result = cli("case", "load", "gaza-isf")
    assert result.exit_code == 0, result.output
    return cli


def compose(*args: str) -> Any:
    """Run compose with no store (files only)."""
    return CliRunner().invoke(app, ["compose", *args])


def files(*extra: str) -> list[str]:
    """Return the options that give the Gaza case's files instead of a loaded case (its
    constraints too, unless ``extra`` names others)."""
    constraints = (
        [] if "--constraints" in extra else ["--constraints", str(GAZA / "constraints.yaml")]
    )
    return [
        "--requirements",
        str(GAZA / "requirements.yaml"),
        "--offers",
        str(GAZA / "offers.yaml"),
        "--vocabulary",
        str(GAZA / "vocabulary.yaml"),
        *constraints,
        *extra,
    ]


@pytest.fixture
def risk_file(tmp_path: Path) -> str:
    path = tmp_path / "risk.yaml"
    path.write_text(RISK, encoding="utf-8")
    return str(path)


def test_the_loaded_case_composes_from_its_latest_plain_run_and_names_it(gaza: Cli) -> None:
    assert gaza("assess", "--case", "gaza-isf").exit_code == 0
    result = gaza("compose")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("using run-") and "of case gaza-isf" in first and "plain" in first
    assert "Composition (min-risk, optimal)" in result.stdout
    assert "Indonesia (IDN)" in result.stdout and "Turkey" not in result.stdout
    assert "coverage 100.0% of planned personnel" in result.stdout
    assert "slots short: none" in result.stdout
    assert "* illustrative" in result.stdout
    record = json.loads(gaza("compose", "--json").stdout)
    assert record["risks_from"]["run"] in first


def test_a_loaded_case_without_a_plain_run_asks_for_one(gaza: Cli) -> None:
    result = gaza("compose")
    assert result.exit_code == 2
    assert "no plain run of case gaza-isf" in result.stderr


def test_no_case_and_no_files_exits_2_and_never_composes_gaza(cli: Cli) -> None:
    result = cli("compose")
    assert result.exit_code == 2
    assert "no case in this store" in result.stderr
    assert "Indonesia" not in result.output
    partial = cli("compose", "--requirements", str(GAZA / "requirements.yaml"))
    assert partial.exit_code == 2
    assert "or give --offers and --vocabulary" in partial.stderr


def test_the_table_and_the_json_agree(gaza: Cli, risk_file: str) -> None:
    table = gaza("compose", "--risk", risk_file)
    record = json.loads(gaza("compose", "--risk", risk_file, "--json").stdout)
    assert table.stdout.splitlines()[0] == f"using risks from {risk_file}"
    assert record["risks_from"] == {"file": risk_file}
    assert (
        f"{record['units_used']} units fill {record['slots_filled']} slots: "
        f"{record['total_personnel']:,} personnel deployed for "
        f"{record['covered_personnel']:,} planned of {record['planned_personnel']:,}"
    ) in table.stdout
    assert f"coverage {record['coverage']:.1%} of planned personnel" in table.stdout
    assert record["covered_personnel"] == sum(a["planned_personnel"] for a in record["assignments"])


def test_json_has_the_documented_shape(gaza: Cli, risk_file: str) -> None:
    result = gaza("compose", "--risk", risk_file, "--objective", "max-coverage", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) == {
        "status",
        "objective",
        "proven_optimal",
        "gap",
        "risks_from",
        "total_personnel",
        "planned_personnel",
        "covered_personnel",
        "coverage",
        "total_risk",
        "mean_risk",
        "weighted_coverage",
        "units_used",
        "slots_filled",
        "slots_short",
        "contributions",
        "assignments",
        "shortfalls",
        "unassessed",
        "default_risk",
        "illustrative",
        "infeasibility",
        "seconds",
    }
    assert record["status"] == "optimal" and record["objective"] == "max-coverage"
    assert record["unassessed"] == ["EGY", "JOR", "TUR"]
    assert sum(a["personnel"] for a in record["assignments"]) == record["total_personnel"]
    assert set(record["assignments"][0]) == {
        "requirement",
        "sector",
        "unit_type",
        "offer",
        "country",
        "units",
        "slots",
        "personnel",
        "planned_personnel",
        "risk",
        "weighted_risk",
        "illustrative",
    }
    assert all(a["illustrative"] for a in record["assignments"])
    assert record["contributions"][0]["name"] == "Indonesia"
    assert "max_country_share" in record["illustrative"]["constraints"]


def test_an_infeasible_request_exits_1_with_the_explanation(tmp_path: Path) -> None:
    constraints = tmp_path / "constraints.yaml"
    constraints.write_text("unsc_mandate: true\nmax_country_share: 0.15\n", encoding="utf-8")
    result = compose(*files("--constraints", str(constraints)))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        "error: no composition meets every requirement and constraint. The cap of 15% per country"
    )
    assert "leaves infantry battalions short by" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    as_json = compose(*files("--constraints", str(constraints), "--json"))
    assert as_json.exit_code == 1
    record = json.loads(as_json.stdout)
    assert record["status"] == "infeasible" and record["assignments"] == []
    assert record["infeasibility"]["keys"][0] == "share_cap"


def test_a_malformed_offers_file_exits_2_naming_file_record_and_field(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.yaml"
    requirements.write_text(
        "- {id: r, sector: S, unit_type: engineer_company, count: 1, personnel: 200}\n",
        encoding="utf-8",
    )
    offers = tmp_path / "offers.yaml"
    offers.write_text(
        "".join(
            f"- {{id: o{i}, country: {code}, unit_type: engineer_company, count: 1, "
            "personnel: 200}\n"
            for i, code in enumerate(["MAR", "KAZ", "ZZZ"])
        ),
        encoding="utf-8",
    )
    vocabulary = str(GAZA / "vocabulary.yaml")
    result = compose(
        "--requirements", str(requirements), "--offers", str(offers), "--vocabulary", vocabulary
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert 'offers.yaml: record 3: country: unknown country code "ZZZ"' in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--offers", "{tmp}/offers.yaml"],
            "no case to compose: load one with `forcevet case load FOLDER`, or give "
            "--requirements and --vocabulary",
        ),
        ([*files(), "--risk", "{tmp}/missing.yaml"], "missing.yaml: no such file"),
        (["--objective", "cheapest"], "'cheapest' is not one of"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = compose(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_pareto_json_lists_points_from_full_coverage_down(risk_file: str) -> None:
    result = compose(*files("--risk", risk_file, "--pareto", "--points", "5", "--json"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    points = record["points"]
    assert 2 <= len(points) <= 5 and record["proven"]
    assert points[0]["weighted_coverage"] == 1.0 and points[0]["slots_short"] == 0
    assert record["risks_from"] == {"file": risk_file}
    assert [p["total_risk"] for p in points] == sorted(
        (p["total_risk"] for p in points), reverse=True
    )
    assert set(points[0]) >= {"personnel_by_country", "short_by_unit_type", "within_ceiling"}
    table = compose(*files("--risk", risk_file, "--pareto", "--points", "5"))
    assert table.exit_code == 0 and "Pareto frontier" in table.stdout


def test_help_documents_json_and_no_default_force() -> None:
    result = compose("--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "--json prints one object" in result.stdout
    assert "there is no default force" in result.stdout
    assert "Gaza" not in result.stdout


def test_a_non_gaza_vocabulary_composes_from_files_alone(tmp_path: Path) -> None:
    for name, text in (
        ("vocabulary.yaml", HAITI_VOCABULARY),
        ("requirements.yaml", HAITI_REQUIREMENTS),
        ("offers.yaml", HAITI_OFFERS),
        ("risk.yaml", "KEN: 0.6\nJAM: 0.1\n"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    args = [
        *("--requirements", str(tmp_path / "requirements.yaml")),
        *("--offers", str(tmp_path / "offers.yaml")),
        *("--vocabulary", str(tmp_path / "vocabulary.yaml")),
        *("--risk", str(tmp_path / "risk.yaml")),
    ]
    table = compose(*args)
    assert table.exit_code == 0, table.output
    assert "police contingents" in table.stdout and "Jamaica (JAM)" in table.stdout
    record = json.loads(compose(*args, "--json").stdout)
    assert {
        (a["requirement"], a["country"], a["units"], a["slots"]) for a in record["assignments"]
    } == {
        ("port-au-prince-gangs", "KEN", 2, 2),
        ("airport-security", "JAM", 2, 1),
    }
    gaza_words = ("Gaza", "Hamas", "disarm", "infantry battalion", "Indonesia")
    assert not any(word in table.stdout + compose(*args, "--json").stdout for word in gaza_words)
