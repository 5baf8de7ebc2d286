"""`forcevet compose` through Typer's CliRunner: output, JSON shape and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forcevet.cli import app

RISK = "IDN: 0.35\nPAK: 0.7\nAZE: 0.45\nMAR: 0.25\nKAZ: 0.2\nXKX: 0.15\nALB: 0.15\n"


def compose(*args: str) -> Any:
    return CliRunner().invoke(app, ["compose", *args])


@pytest.fixture
def risk_file(tmp_path: Path) -> str:
    path = tmp_path / "risk.yaml"
    path.write_text(RISK, encoding="utf-8")
    return str(path)


def test_the_bundled_scenario_prints_a_table_and_labels_illustrative_figures() -> None:
    result = compose()
    assert result.exit_code == 0, result.output
    assert "Composition (min-risk, optimal)" in result.stdout
    assert "Indonesia (IDN)" in result.stdout and "Turkey" not in result.stdout
    assert "coverage 100.0% weighted by priority" in result.stdout
    assert "no assessment, risk 0.5 assumed: ALB, AZE, EGY" in result.stdout
    assert "* illustrative" in result.stdout


def test_json_has_the_documented_shape(risk_file: str) -> None:
    result = compose("--risk", risk_file, "--objective", "max-coverage", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) == {
        "status",
        "objective",
        "proven_optimal",
        "gap",
        "total_personnel",
        "planned_personnel",
        "total_risk",
        "mean_risk",
        "weighted_coverage",
        "units_short",
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
        "personnel",
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
    result = compose("--constraints", str(constraints))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        "error: no composition meets every requirement and constraint. The cap of 15% per country"
    )
    assert "leaves infantry battalions short by" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    as_json = compose("--constraints", str(constraints), "--json")
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
    result = compose("--requirements", str(requirements), "--offers", str(offers))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert 'offers.yaml: record 3: country: unknown country code "ZZZ"' in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--offers", "{tmp}/offers.yaml"], "give both --requirements and --offers"),
        (["--risk", "{tmp}/missing.yaml"], "missing.yaml: no such file"),
        (["--objective", "cheapest"], "'cheapest' is not one of"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = compose(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_pareto_json_lists_points_from_full_coverage_down(risk_file: str) -> None:
    result = compose("--risk", risk_file, "--pareto", "--points", "5", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    points = record["points"]
    assert 2 <= len(points) <= 5 and record["proven"]
    assert points[0]["weighted_coverage"] == 1.0 and points[0]["units_short"] == 0
    assert [p["total_risk"] for p in points] == sorted(
        (p["total_risk"] for p in points), reverse=True
    )
    assert set(points[0]) >= {"personnel_by_country", "short_by_unit_type", "within_ceiling"}
    table = compose("--risk", risk_file, "--pareto", "--points", "5")
    assert table.exit_code == 0 and "Pareto frontier" in table.stdout


def test_help_documents_json_and_the_bundled_default() -> None:
    result = compose("--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "--json prints one object" in result.stdout
    assert "bundled Gaza ISF scenario" in result.stdout
