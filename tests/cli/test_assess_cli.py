"""`assess`, `explain` and `ach` on the bundled scenario, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcevet.demo import run_demo
from tests.conftest import Cli


@pytest.fixture(scope="module")
def scenario_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("scenario")
    return run_demo(folder).db_url


@pytest.fixture
def cli(scenario_db: str, tmp_path: Path) -> Cli:
    copy = tmp_path / "copy.db"  # each test its own copy: runs are written
    copy.write_bytes(Path(scenario_db.removeprefix("sqlite:///")).read_bytes())
    return Cli(f"sqlite:///{copy}")


def test_assess_prints_every_candidate_and_stores_the_run(cli: Cli) -> None:
    result = cli("assess", "--samples", "2000", "--as-of", "2026-03-01", "--json")
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)
    assert len(run["candidates"]) == 12
    shown = cli("assess", "--run", run["run"]["id"], "--json")
    assert json.loads(shown.stdout) == run
    table = cli("assess", "--run", run["run"]["id"][:12])
    assert "Pakistan (PAK)" in table.stdout and "threshold 0.4" in table.stdout


def test_assess_a_subset_without_a_source(cli: Cli) -> None:
    sources = json.loads(cli("source", "list", "--kind", "opinion", "--json").stdout)
    result = cli(
        "assess",
        "--candidates",
        "IDN,Pakistan",
        "--samples",
        "1000",
        "--without-source",
        sources[0]["id"],
        "--json",
    )
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)
    assert [c["id"] for c in run["candidates"]] == ["IDN", "PAK"] or [
        c["id"] for c in run["candidates"]
    ] == ["PAK", "IDN"]
    assert run["run"]["params"]["without_sources"] == [sources[0]["id"]]


def test_explain_goes_down_to_the_quotes(cli: Cli) -> None:
    cli("assess", "--samples", "1000", "--as-of", "2026-03-01")
    result = cli("explain", "IDN", "--indicator", "reservation_on_disarmament")
    assert result.exit_code == 0, result.output
    assert "Anadolu Agency" in result.stdout and "disarming Hamas" in result.stdout
    full = json.loads(cli("explain", "PAK", "--json").stdout)
    quotes = [
        e["claim"]["quote"]
        for c in full["criteria"]
        for i in c["indicators"]
        for e in i["evidence"]
    ]
    assert quotes and all(quotes)
    no_evidence = [i for c in full["criteria"] for i in c["indicators"] if i["no_evidence"]]
    assert all(i["value"] is None for i in no_evidence)
    assert "no evidence" in cli("explain", "KAZ").stdout


def test_ach_prints_the_matrix_and_scores(cli: Cli) -> None:
    cli("assess", "--samples", "1000")
    result = cli("ach", "PAK")
    assert result.exit_code == 0, result.output
    assert "weighted inconsistency" in result.stdout
    data = json.loads(cli("ach", "PAK", "--json").stdout)
    assert data["matrix"] and set(data["ranking"]) == set(data["hypotheses"])
    assert data["discriminates"] is (data["leading"] is not None)  # no tie-break


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "--candidates", "IDN,ZZZ"], 'candidates: no actor "ZZZ"'),
        (["assess", "--as-of", "March 2026"], "as_of: expected a date"),
        (["assess", "--without-source", "src-nope"], 'without_source: no source "src-nope"'),
        (["assess", "--case", "atlantis"], 'case: no case "atlantis"'),
        (["assess", "--run", "run-nope"], 'run: no assessment run "run-nope"'),
        (["assess", "--rubric", "missing.yaml"], "missing.yaml: no such file"),
    ],
)
def test_bad_assessment_input_exits_2(cli: Cli, args: list[str], message: str) -> None:
    before = cli.snapshot()
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert cli.snapshot() == before


def test_explain_before_any_run_says_to_assess(tmp_path: Path) -> None:
    empty = Cli(f"sqlite:///{tmp_path / 'empty.db'}")
    empty("init")
    result = empty("explain", "PAK")
    assert result.exit_code == 2
    assert "no case in this store" in result.stderr
    assert empty("case", "load", "gaza-isf").exit_code == 0
    result = empty("explain", "PAK")
    assert result.exit_code == 2
    assert "no plain run of case gaza-isf" in result.stderr


def test_explain_tells_hearsay_from_first_hand(cli: Cli) -> None:
    """The same reservation, once as a state's own statement and once as another's report
    of it: explain marks the second as hearsay and its lower grade weighs less."""
    source = json.loads(
        cli(
            "source",
            "add",
            "--title",
            "Hearsay test",
            "--publisher",
            "Test Wire",
            "--kind",
            "wire",
            "--reliability",
            "B",
            "--date",
            "2026-02-01",
            "--json",
        ).stdout
    )["id"]
    claims = {}
    for label, extra, credibility in (
        ("own", [], "2"),
        ("hearsay", ["--reported-by", "PAK", "--hearsay"], "3"),
    ):
        result = cli(
            "claim",
            "add",
            "--source",
            source,
            "--subject",
            "KAZ",
            "--predicate",
            "states_reservation_on_mandate",
            "--value",
            "disarmament",
            "--object",
            "hamas",
            "--date",
            "2026-01-30",
            "--credibility",
            credibility,
            "--quote",
            f"Kazakhstan will not disarm Hamas ({label})",
            *extra,
            "--json",
        )
        assert result.exit_code == 0, result.output
        claims[label] = json.loads(result.stdout)
    assert claims["hearsay"]["reported"] is True and claims["own"]["reported"] is False
    cli("assess", "--samples", "1000", "--as-of", "2026-03-01")
    full = json.loads(cli("explain", "KAZ", "--json").stdout)
    weights = {
        e["claim"]["quote"]: e["weight"]
        for c in full["criteria"]
        for i in c["indicators"]
        for e in i["evidence"]
        if "Kazakhstan will not disarm" in e["claim"]["quote"]
    }
    assert set(weights) == {
        "Kazakhstan will not disarm Hamas (own)",
        "Kazakhstan will not disarm Hamas (hearsay)",
    }
    assert (
        weights["Kazakhstan will not disarm Hamas (hearsay)"]
        < weights["Kazakhstan will not disarm Hamas (own)"]
    )
    text = cli("explain", "KAZ").stdout
    assert "hearsay: reported by Pakistan: Kazakhstan will not disarm Hamas (hearsay)" in text
    assert "hearsay: reported by Pakistan: Kazakhstan will not disarm Hamas (own)" not in text
