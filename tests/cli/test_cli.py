"""Every command through Typer's CliRunner: output, JSON, exit codes, store untouched on error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Cli

MARKUP_TAG = re.compile(r"\[[A-Za-z/@#][^\[\]]*\]")


def add_source(cli: Cli, **extra: str) -> str:
    args = {
        "--title": "Dar on the ISF",
        "--publisher": "Anadolu Agency",
        "--url": "https://www.aa.com.tr/en/x/3757674",
        "--date": "2025-11-29",
        "--kind": "wire",
        "--reliability": "B",
    }
    args.update(extra)
    result = cli("source", "add", *[x for pair in args.items() for x in pair], "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["id"])


def add_claim(cli: Cli, source_id: str, *extra: str) -> dict:
    result = cli(
        "claim",
        "add",
        "--source",
        source_id,
        "--subject",
        "Pakistan",
        "--predicate",
        "states_reservation_on_mandate",
        "--value",
        "disarmament",
        "--date",
        "2025-11-29",
        "--quote",
        'Disarming Hamas is "not our job".',
        "--credibility",
        "2",
        "--json",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_init_reports_the_countries(cli: Cli) -> None:
    result = cli("init", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["countries"] == 250


def test_source_add_list_show(cli: Cli) -> None:
    source_id = add_source(cli)
    again = cli(
        "source",
        "add",
        "--title",
        "Dar on the ISF",
        "--publisher",
        "Anadolu Agency",
        "--url",
        "https://www.aa.com.tr/en/x/3757674",
        "--kind",
        "wire",
        "--reliability",
        "B",
    )
    assert again.exit_code == 0 and "already stored" in again.stdout
    listed = json.loads(cli("source", "list", "--json").stdout)
    assert [s["id"] for s in listed] == [source_id]
    assert listed[0]["reliability_meaning"] == "usually reliable"
    shown = cli("source", "show", source_id)
    assert "usually reliable" in shown.stdout and "Anadolu Agency" in shown.stdout


def test_source_text_is_stored_with_its_hash(cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("Pakistan does not recognise Israel.", encoding="utf-8")
    source_id = add_source(cli, **{"--text-file": str(text)})
    shown = json.loads(cli("source", "show", source_id, "--text", "--json").stdout)
    assert shown["text"] == "Pakistan does not recognise Israel."
    assert len(shown["content_hash"]) == 64


def test_actor_add_list_show(cli: Cli) -> None:
    result = cli(
        "actor",
        "add",
        "Inter-Services Intelligence",
        "--kind",
        "state_body",
        "--alias",
        "ISI",
        "--country",
        "PAK",
        "--parent",
        "Pakistan",
        "--json",
    )
    assert result.exit_code == 0, result.output
    actor = json.loads(result.stdout)
    assert actor["id"] == "inter-services-intelligence" and actor["parent_id"] == "PAK"
    listed = json.loads(cli("actor", "list", "--json").stdout)
    assert [a["id"] for a in listed] == ["inter-services-intelligence"]
    assert len(json.loads(cli("actor", "list", "--states", "--json").stdout)) == 251
    shown = cli("actor", "show", "ISI")
    assert "state_body" in shown.stdout and "not listed" in shown.stdout
    assert json.loads(cli("actor", "show", "pak", "--json").stdout)["name"] == "Pakistan"


def test_claim_add_names_subject_by_id_and_name(cli: Cli) -> None:
    claim = add_claim(cli, add_source(cli))
    assert claim["id"].startswith("clm-")
    assert claim["subject"] == {"id": "PAK", "name": "Pakistan"}
    assert claim["date"]["precision"] == "day" and claim["credibility"] == 2
    shown = json.loads(cli("claim", "show", claim["id"], "--json").stdout)
    assert shown["source"]["publisher"] == "Anadolu Agency"
    assert cli("claim", "show", claim["id"][:10]).exit_code == 0


def test_claim_list_filters(cli: Cli) -> None:
    source_id = add_source(cli)
    add_claim(cli, source_id)
    other = cli(
        "claim",
        "add",
        "--source",
        source_id,
        "--subject",
        "IDN",
        "--predicate",
        "has_diplomatic_relations_with",
        "--object",
        "ISR",
        "--polarity",
        "denies",
        "--quote",
        "No relations.",
        "--credibility",
        "2",
        "--date",
        "2024",
        "--status",
        "proposed",
    )
    assert other.exit_code == 0, other.output

    def subjects(*args: str) -> list[str]:
        result = cli("claim", "list", "--json", *args)
        assert result.exit_code == 0, result.output
        return [c["subject"]["id"] for c in json.loads(result.stdout)]

    assert subjects() == ["IDN", "PAK"]
    assert subjects("--actor", "Israel") == ["IDN"]
    assert subjects("--predicate", "states_reservation_on_mandate") == ["PAK"]
    assert subjects("--status", "proposed") == ["IDN"]
    assert subjects("--since", "2025-01-01") == ["PAK"]
    assert subjects("--until", "2024-12-31") == ["IDN"]
    table = cli("claim", "list")
    assert "Pakistan" in table.stdout and "2 claims" in table.stdout


def test_claim_edit_and_history(cli: Cli) -> None:
    claim = add_claim(cli, add_source(cli), "--by", "alice")
    edited = cli(
        "claim",
        "edit",
        claim["id"],
        "--credibility",
        "3",
        "--note",
        "one source only",
        "--by",
        "bob",
        "--json",
    )
    assert edited.exit_code == 0, edited.output
    assert json.loads(edited.stdout)["revision"] == 2
    history = cli("claim", "history", claim["id"])
    lines = history.stdout.splitlines()
    assert "alice" in lines[0] and "created" in lines[0]
    assert "bob" in lines[1] and "credibility: 2 -> 3" in lines[1] and "one source only" in lines[1]
    revisions = json.loads(cli("claim", "history", claim["id"], "--json").stdout)
    assert revisions[1]["changes"] == {"credibility": ["2", "3"]}


def test_export_and_import_ftm(cli: Cli, tmp_path: Path) -> None:
    add_claim(cli, add_source(cli))
    cli("actor", "add", "Hamas", "--kind", "armed_group", "--alias", "Harakat al-Muqawama")
    out = tmp_path / "out.ftm.json"
    assert cli("export", "--format", "ftm", "--out", str(out)).exit_code == 0
    entities = [json.loads(line) for line in out.read_text().splitlines()]
    hamas = next(e for e in entities if e["id"] == "hamas")
    assert hamas["properties"]["alias"] == ["Harakat al-Muqawama"]
    fresh = Cli(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh("init")
    result = fresh("import", "ftm", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actors"] == 251
    assert json.loads(fresh("actor", "show", "Harakat al-Muqawama", "--json").stdout)["id"] == (
        "hamas"
    )


SOURCE_ADD = ["source", "add", "--title", "t", "--publisher", "p"]
CLAIM_ADD = ["claim", "add", "--source", "{source}", "--quote", "q"]

BAD_INPUTS = [
    (
        ["actor", "add", "X", "--kind", "state_body", "--country", "ZZZ"],
        'country: unknown country code "ZZZ"; use an ISO 3166 alpha-3 code such as PAK',
    ),
    (["actor", "add", "X", "--kind", "militia"], 'kind: unknown actor kind "militia"'),
    (
        [*SOURCE_ADD, "--kind", "news", "--reliability", "G"],
        'reliability: expected a source reliability A-F, got "G"',
    ),
    (
        [*SOURCE_ADD, "--kind", "news", "--reliability", "B", "--date", "2024-31-12"],
        'date: not a calendar date: "2024-31-12"',
    ),
    (
        [*SOURCE_ADD, "--kind", "gossip", "--reliability", "B"],
        'kind: unknown source kind "gossip"',
    ),
    (
        [*CLAIM_ADD, "--subject", "PAK", "--predicate", "funds", "--object", "ISR"]
        + ["--credibility", "7"],
        'credibility: expected an information credibility 1-6, got "7"',
    ),
    (
        [*CLAIM_ADD, "--subject", "ZZZ", "--predicate", "funds", "--credibility", "2"],
        'subject: no actor "ZZZ"',
    ),
    (
        [*CLAIM_ADD, "--subject", "PAK", "--predicate", "funds", "--credibility", "2"]
        + ["--date", "8 December 2024"],
        'date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got "8 December 2024"',
    ),
    (
        [*CLAIM_ADD, "--subject", "PAK", "--predicate", "likes", "--credibility", "2"],
        'predicate: unknown predicate "likes"',
    ),
    (["claim", "list", "--since", "yesterday"], "since: expected a date"),
    (["claim", "show", "clm-nope"], 'claim: no claim "clm-nope"'),
    (["import", "ftm", "{missing}"], "missing.json: no such file"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    cli: Cli, tmp_path: Path, args: list[str], message: str
) -> None:
    source_id = add_source(cli)
    before = cli.snapshot()
    filled = [a.format(source=source_id, missing=tmp_path / "missing.json") for a in args]
    result = cli(*filled)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli.snapshot() == before


@pytest.mark.parametrize(
    ("lines", "where"),
    [
        (
            ['{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}', '{"id": "b", "sch'],
            "bad.json:2: column 13: not valid JSON: Unterminated string",
        ),
        (
            ['{"id": "a", "schema": "Starship", "properties": {}}'],
            'bad.json:1: schema: unknown FtM schema "Starship"',
        ),
        (
            ['{"id": "a", "schema": "Person", "properties": {"name": ["A"], "country": ["qq"]}}'],
            'bad.json:1: country: unknown country code "qq"',
        ),
        (
            [
                '{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}',
                '{"id": "s", "schema": "Sanction", "properties": {"entity": ["ghost"]}}',
            ],
            'bad.json:2: entity: lists "ghost"',
        ),
    ],
)
def test_a_broken_ftm_file_names_its_line_and_imports_nothing(
    cli: Cli, tmp_path: Path, lines: list[str], where: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = cli.snapshot()
    result = cli("import", "ftm", str(path))
    assert result.exit_code == 2, result.output
    assert where in result.stderr
    assert cli.snapshot() == before


def test_commands_on_a_store_that_was_never_set_up_say_to_run_init(tmp_path: Path) -> None:
    result = Cli(f"sqlite:///{tmp_path / 'empty.db'}")("source", "list")
    assert result.exit_code == 1
    assert "run `forcevet init`" in result.stderr


def test_the_store_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FORCEVET_DB", str(tmp_path / "env.db"))
    from typer.testing import CliRunner

    from forcevet.cli import app

    result = CliRunner().invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()


def test_demo_writes_both_reports(tmp_path: Path) -> None:
    result = Cli("sqlite://")("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "report.html").exists()
    assert "12 candidates" in result.stdout


def test_help_has_examples(cli: Cli) -> None:
    for group in ("source", "actor", "claim"):
        result = cli(group, "add", "--help")
        assert result.exit_code == 0 and "Example" in result.stdout


def test_every_command_has_a_one_line_summary_and_every_option_help() -> None:
    """The command list shows each command's first paragraph as it is written: a line
    break in it would show as a break in the middle of the list."""
    from typing import Any

    import typer.main

    from forcevet.cli import app

    def walk(command: Any, path: str) -> list[tuple[str, Any]]:
        found = [(path, command)]
        if hasattr(command, "commands"):  # a group (Typer carries its own click)
            # list_commands/get_command: the root group loads its commands when asked
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                found += walk(command.get_command(ctx, name), f"{path} {name}")
        return found

    commands = walk(typer.main.get_command(app), "forcevet")
    assert len(commands) > 20
    for path, command in commands:
        summary = (command.help or "").strip().split("\n\n")[0]
        assert summary, f"{path} has no help"
        assert "\n" not in summary, f"{path}: {summary!r}"
        assert len(summary) <= 100, f"{path}: {summary!r}"
        for parameter in command.params:  # every option and argument says what it is for
            text = getattr(parameter, "help", None)
            assert text, f"{path}: {parameter.name} has no help"
            # Rich reads "[word ...]" as a style tag and drops it from the help shown.
            assert not MARKUP_TAG.search(text), f"{path}: {parameter.name}: {text!r}"
        assert not MARKUP_TAG.search(command.help or ""), f"{path}: {command.help!r}"
