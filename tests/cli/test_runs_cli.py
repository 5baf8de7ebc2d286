"""`forcevet run list|show|note`, `assess --sign-off|--two-person` and who reviewed a claim.

Each test has its own SQLite file with the bundled Gaza case loaded (its actors,
sources and claims; no demo run: the assessments here are small and quick).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from forcevet.cases.case import load_case
from forcevet.store.store import open_store
from tests.conftest import Cli


@pytest.fixture
def cli(cli: Cli) -> Cli:
    with open_store(cli.db_url) as store, store.transaction():
        load_case(store, "gaza-isf", by="test")
    return cli


def run_json(cli: Cli, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assess(cli: Cli, *args: str) -> dict[str, Any]:
    result: dict[str, Any] = run_json(
        cli, "assess", "--candidates", "IDN,PAK", "--samples", "200", "--as-of", "2026-03-01", *args
    )
    return result


def test_sign_off_and_dissent_are_shown_with_the_run(cli: Cli) -> None:
    run = assess(cli, "--sign-off", "--by", "alice")
    run_id = run["run"]["id"]
    assert run["run"]["created_by"] == "alice"
    assert [(n["kind"], n["by"]) for n in run["notes"]] == [("sign_off", "alice")]
    noted = cli("run", "note", run_id[:12], "--dissent", "PAK rests on one piece", "--by", "bob")
    assert noted.exit_code == 0, noted.output
    assert "Dissent (bob, " in noted.stdout
    assert cli("run", "note", run_id, "--sign-off", "--by", "carol").exit_code == 0
    shown = run_json(cli, "run", "show", run_id)
    assert shown == run_json(cli, "assess", "--run", run_id)
    assert [(n["kind"], n["by"], n["text"]) for n in shown["notes"]] == [
        ("sign_off", "alice", ""),
        ("dissent", "bob", "PAK rests on one piece"),
        ("sign_off", "carol", ""),
    ]
    assert {k: v for k, v in shown.items() if k != "notes"} == {
        k: v for k, v in run.items() if k != "notes"
    }
    text = cli("run", "show", run_id).stdout
    assert "run by alice on " in text and "Signed off by carol on " in text
    assert "Dissent (bob, " in text and "PAK rests on one piece" in text
    listed = run_json(cli, "run", "list")
    assert [(r["id"], r["created_by"], len(r["notes"])) for r in listed] == [(run_id, "alice", 3)]
    table = cli("run", "list").stdout
    assert "alice, carol" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "note", "run-nope", "--sign-off"], 'run: no assessment run "run-nope"'),
        (["run", "note", "RUN", "--dissent", ""], "dissent: a dissent needs its text"),
        (["run", "note", "RUN", "--dissent", "  "], "dissent: a dissent needs its text"),
        (["run", "note", "RUN"], "say what the note is"),
        (["run", "note", "RUN", "--sign-off", "--dissent", "x"], "not both"),
        (["run", "note", "RUN", "--sign-off", "--by", "alice"], "already signed off"),
        (["run", "show", "run-nope"], 'run: no assessment run "run-nope"'),
    ],
)
def test_bad_notes_exit_2_and_change_nothing(cli: Cli, args: list[str], message: str) -> None:
    run_id = assess(cli, "--sign-off", "--by", "alice")["run"]["id"]
    before = cli.snapshot()
    result = cli(*[run_id if a == "RUN" else a for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert cli.snapshot() == before


def test_review_records_the_reviewer_in_history_and_json(cli: Cli) -> None:
    sources = run_json(cli, "source", "list")
    added = run_json(
        cli,
        "claim",
        "add",
        "--source",
        sources[0]["id"],
        "--subject",
        "IDN",
        "--predicate",
        "endorses",
        "--object",
        "hamas",
        "--quote",
        "Indonesia endorses Hamas",
        "--credibility",
        "2",
        "--status",
        "proposed",
        "--by",
        "alice",
    )
    assert (added["recorded_by"], added["reviewed_by"]) == ("alice", None)
    accepted = cli("review", "accept", added["id"], "--by", "bob")
    assert accepted.exit_code == 0 and "1 claims accepted by bob" in accepted.stdout
    shown = run_json(cli, "claim", "show", added["id"])
    assert (shown["status"], shown["reviewed_by"], shown["recorded_by"]) == (
        "accepted",
        "bob",
        "bob",
    )
    assert shown["review"] == {
        "recorded_by": "alice",
        "recorded_at": added["recorded_at"],
        "reviewed_by": "bob",
        "reviewed_at": shown["reviewed_at"],
        "reviewed_by_another": True,
    }
    text = cli("claim", "show", added["id"]).stdout
    assert f"{added['recorded_at']} by alice" in text and f"{shown['reviewed_at']} by bob" in text
    history = cli("claim", "history", added["id"]).stdout.splitlines()
    assert "alice  created" in history[0]
    assert "bob  status: proposed -> accepted; reviewed by bob" in history[1]
    revisions = json.loads(cli("claim", "history", added["id"], "--json").stdout)
    assert revisions[1]["changes"]["reviewed_by"] == [None, "bob"]
    assert run_json(cli, "review", "show", added["id"])["review"]["reviewed_by_another"]


def test_a_claim_added_as_accepted_is_self_reviewed_and_left_out_by_two_person(
    cli: Cli,
) -> None:
    sources = run_json(cli, "source", "list")
    added = run_json(
        cli,
        "claim",
        "add",
        "--source",
        sources[0]["id"],
        "--subject",
        "IDN",
        "--predicate",
        "endorses",
        "--object",
        "hamas",
        "--quote",
        "Indonesia endorses Hamas",
        "--credibility",
        "1",
        "--by",
        "alice",
    )
    assert (added["status"], added["reviewed_by"]) == ("accepted", "alice")
    assert "(self-reviewed)" in cli("claim", "show", added["id"]).stdout
    assert "alice  created; reviewed by alice" in cli("claim", "history", added["id"]).stdout
    used = {c for c, _ in assess(cli)["run"]["claims_used"]}
    strict = assess(cli, "--two-person")
    assert added["id"] in used
    assert added["id"] not in {c for c, _ in strict["run"]["claims_used"]}
    assert "two-person rule" in cli("assess", "--run", strict["run"]["id"]).stdout
    assert cli("review", "accept", added["id"], "--by", "bob").exit_code == 0
    confirmed = assess(cli, "--two-person")
    assert added["id"] in {c for c, _ in confirmed["run"]["claims_used"]}


@pytest.mark.parametrize(
    "command",
    [
        ["run", "list"],
        ["run", "show"],
        ["run", "note"],
        ["assess"],
        ["review", "accept"],
        ["review", "reject"],
        ["review", "show"],
        ["claim", "add"],
    ],
)
def test_help_has_an_example(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0 and "Example: forcevet " + " ".join(command) in result.stdout
