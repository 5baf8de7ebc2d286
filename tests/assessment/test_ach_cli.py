"""`forcevet ach rate|ratings|show` through the CLI, and ACH on the bundled Gaza case.

Rating tests use a fresh store with one claim; the scenario tests run the demo
once (about 20 s) and copy its store for each test, since runs are written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcevet.demo import DemoResult, run_demo
from forcevet.model.claims import ClaimCreate
from forcevet.store.ach import load_ach_ratings
from forcevet.store.claims import record_claim
from forcevet.store.store import open_store
from tests.conftest import Cli, source


@pytest.fixture
def claim_id(cli: Cli) -> str:
    with open_store(cli.db_url) as store, store.transaction():
        src = source(store, title="one", publisher="Wire A")
        claim = record_claim(
            store,
            ClaimCreate(
                source=src.id,
                subject="PAK",
                predicate="contributes_peacekeepers",
                quote="Pakistan sent troops",
                credibility=2,
            ),
            by="test",
        )
    return claim.id


RATE = ["--hypothesis", "obstructs", "--rating", "I", "--note", "a reason"]


@pytest.mark.parametrize(
    ("claim", "changes", "message"),
    [
        ("{claim}", {"--rating": "X"}, 'rating: expected one of CC, C, N, I, II, got "X"'),
        ("{claim}", {"--hypothesis": "wins"}, 'hypothesis: unknown hypothesis "wins"'),
        ("{claim}", {"--note": " "}, "note: say why"),
        ("clm-nope", {}, 'claim: no claim "clm-nope"'),
    ],
)
def test_a_bad_rating_exits_2_and_changes_nothing(
    cli: Cli, claim_id: str, claim: str, changes: dict[str, str], message: str
) -> None:
    options = dict(zip(RATE[::2], RATE[1::2], strict=True)) | changes
    before = cli.snapshot()
    result = cli(
        "ach", "rate", claim.format(claim=claim_id), *(x for kv in options.items() for x in kv)
    )
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert cli.snapshot() == before


def test_ratings_are_appended_and_the_newest_counts(cli: Cli, claim_id: str) -> None:
    first = cli("ach", "rate", claim_id[:10], "--hypothesis", "obstructs", "--rating", "i",
                "--note", "first reading", "--by", "alice", "--json")  # fmt: skip
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["rating"] == "I" and json.loads(first.stdout)["by"] == "alice"
    cli("ach", "rate", claim_id, "--hypothesis", "obstructs", "--rating", "N",
        "--note", "second reading", "--by", "bob")  # fmt: skip
    history = json.loads(cli("ach", "ratings", "--claim", claim_id, "--json").stdout)
    assert [(r["rating"], r["note"], r["by"]) for r in history] == [
        ("I", "first reading", "alice"),
        ("N", "second reading", "bob"),
    ]
    with open_store(cli.db_url) as store:
        (current,) = load_ach_ratings(store).values()
    assert (current.rating.value, current.note, current.recorded_by) == (
        "N",
        "second reading",
        "bob",
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def scenario(demo: DemoResult, tmp_path: Path) -> Cli:
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(demo.db_url.removeprefix("sqlite:///")).read_bytes())
    return Cli(f"sqlite:///{copy}")


def test_turkiye_and_azerbaijan_do_not_discriminate_in_the_table_and_report(
    demo: DemoResult, scenario: Cli
) -> None:
    for candidate in ("TUR", "AZE"):
        ach = json.loads(scenario("ach", candidate, "--json").stdout)  # `ach ISO3` still works
        assert ach["leading"] is None and ach["discriminates"] is False
        assert "does not discriminate" in scenario("ach", "show", candidate).stdout
    table = scenario("assess", "--run", demo.run_id).stdout
    lines = [line for line in table.splitlines() if line.startswith("│") and "(TUR)" in line]
    lines += [line for line in table.splitlines() if line.startswith("│") and "(AZE)" in line]
    assert len(lines) == 2 and all("does not discriminate" in line for line in lines)
    report = next(p for p in demo.reports if p.suffix == ".md").read_text(encoding="utf-8")
    rows = [line for line in report.splitlines() if line.startswith("|") and "(TUR)](" in line]
    rows += [line for line in report.splitlines() if line.startswith("|") and "(AZE)](" in line]
    assert len(rows) == 2 and all("| does not discriminate |" in row for row in rows)


def test_an_override_shows_in_the_next_run_with_its_note(scenario: Cli) -> None:
    before = json.loads(scenario("ach", "AZE", "--json").stdout)
    row = next(r for r in before["matrix"] if r["diagnostic"])
    note = "read against the quote: no bearing on this hypothesis"
    rated = scenario("ach", "rate", row["claim_id"], "--hypothesis", "impartial",
                     "--rating", "II", "--note", note, "--by", "carol")  # fmt: skip
    assert rated.exit_code == 0, rated.output
    assert "run `forcevet assess` to apply it" in rated.stdout
    scenario("assess", "--samples", "200")  # a plain run: ach shows the newest plain one
    after = json.loads(scenario("ach", "AZE", "--json").stdout)
    assert after["run"] != before["run"]
    (override,) = after["overrides"]
    assert (override["claim_id"], override["rating"], override["note"], override["by"]) == (
        row["claim_id"],
        "II",
        note,
        "carol",
    )
    shown = scenario("ach", "AZE").stdout
    assert "II*" in shown and note in shown and "carol" in shown
