"""`forcevet --help` and `--version` import no command module; commands load when they run."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import typer
from typer.testing import CliRunner

from forcevet.cli import COMMANDS, app
from forcevet.cli.lazy import load_command, read_help

HEAVY = ("spacy", "ortools", "followthemoney", "matplotlib", "sqlalchemy", "forcevet.cli.setup")

# Runs the installed entry point's main() and prints which heavy modules got imported.
PROBE = f"""
import json, sys
from forcevet.cli import main
sys.argv = ["forcevet", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = {HEAVY!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)))
"""


def imported_by(*args: str) -> tuple[str, list[str]]:
    """Return what `forcevet ARGS` printed and the heavy modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    *printed, modules = done.stdout.rstrip("\n").split("\n")
    return "\n".join(printed), json.loads(modules)


def test_help_imports_no_command_module() -> None:
    printed, modules = imported_by("--help")
    assert modules == []
    for name in COMMANDS:
        assert f" {name} " in printed


def test_no_arguments_shows_the_help_without_imports() -> None:
    printed, modules = imported_by()
    assert modules == [] and "Commands" in printed


def test_version_comes_from_the_package_metadata() -> None:
    printed, modules = imported_by("--version")
    assert printed == f"forcevet {metadata.version('forcevet')}"
    assert modules == []


def test_a_command_loads_its_module_when_it_runs() -> None:
    printed, modules = imported_by("demo", "--help")
    assert "--force" in printed and "forcevet.cli.setup" in modules


def test_every_summary_read_from_source_is_the_loaded_command_help() -> None:
    """The command list (read with ast) says what each command's own help says."""
    for name, (module, attribute) in COMMANDS.items():
        summary = read_help(module, attribute)
        assert summary is not None, f"{name}: no help found in {module}.{attribute}'s source"
        assert summary == load_command(name, module, attribute).help, name


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["no-such-command"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_commands_are_listed_in_the_table_order() -> None:
    group = typer.main.get_command(app)
    assert group.list_commands(typer.Context(group)) == list(COMMANDS)  # type: ignore[attr-defined]


# Prints every command path of the tree, walked as `forcevet` resolves commands; with
# "all" first imports every module of forcevet.cli, as a test session may have done.
TREE = """
import importlib, json, pkgutil, sys
import typer, typer.main
import forcevet.cli
if sys.argv[1:] == ["all"]:
    for module in pkgutil.iter_modules(forcevet.cli.__path__):
        importlib.import_module(f"forcevet.cli.{module.name}")
def walk(command, path):
    found = [path]
    if hasattr(command, "commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            found += walk(command.get_command(ctx, name), f"{path} {name}")
    return found
print(json.dumps(walk(typer.main.get_command(forcevet.cli.app), "forcevet")))
"""


def test_a_fresh_process_has_every_command_a_fully_imported_one_has() -> None:
    """A module that adds commands to another's group (`import peacekeeping`) must be
    loaded with that group, not only when its own command runs."""

    def tree(*args: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", TREE, *args], capture_output=True, text=True, check=True
        )
        return list(json.loads(done.stdout))

    fresh = tree()
    assert "forcevet import peacekeeping" in fresh and "forcevet import unga-votes" in fresh
    assert sorted(fresh) == sorted(tree("all"))  # the same commands (in any order)
