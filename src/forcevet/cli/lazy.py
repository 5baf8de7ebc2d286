"""A command group whose commands are imported when they run, not when the CLI starts.

The command modules import the libraries they drive (spaCy, OR-Tools,
FollowTheMoney, matplotlib): importing all of them took about 5.5 s before
`forcevet --help` could print a line. The command list needs only each
command's summary, which is read from its module's source with ``ast``
(a few milliseconds); the module is imported when the command runs or its
own help is asked for.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup


class LazyGroup(TyperGroup):
    """A Typer group that imports a command's module only when the command is used.

    ``lazy_commands`` maps each command name to ``(module, attribute)``: a
    command function, or a ``typer.Typer`` of subcommands.
    """

    lazy_commands: Mapping[str, tuple[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._summaries_only = False

    def list_commands(self, ctx: Any) -> list[str]:
        registered = super().list_commands(ctx)
        return [*self.lazy_commands, *(n for n in registered if n not in self.lazy_commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self.lazy_commands[cmd_name]
        if self._summaries_only:
            summary = read_help(module_name, attribute)
            if summary is not None:
                return TyperCommand(cmd_name, help=summary)
        command = load_command(cmd_name, module_name, attribute)
        self.commands[cmd_name] = command
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # The list of commands shows summaries only: no module is imported for it.
        self._summaries_only = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._summaries_only = False


def load_command(name: str, module_name: str, attribute: str) -> Any:
    """Return the click command Typer builds for ``module_name.attribute`` under ``name``."""
    target = getattr(importlib.import_module(module_name), attribute)
    holder = typer.Typer()
    holder.callback()(_no_options)  # a group, so that the command keeps its name
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name)(target)
    return typer.main.get_group(holder).commands[name]


def _no_options() -> None:
    """Nothing: the holder group's callback."""


def read_help(module_name: str, attribute: str) -> str | None:
    """Return the help Typer would show for ``module_name.attribute``, read from its source.

    A function's docstring, or the ``help=`` string of a ``typer.Typer(...)``
    assignment; ``None`` when the source does not say it plainly (the caller
    then imports the module).
    """
    for node in _module_tree(module_name):
        if isinstance(node, ast.FunctionDef) and node.name == attribute:
            return ast.get_docstring(node)
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == attribute for t in targets):
                for keyword in node.value.keywords:
                    value = keyword.value
                    if keyword.arg == "help" and isinstance(value, ast.Constant):
                        return value.value if isinstance(value.value, str) else None
                return None
    return None


@functools.cache
def _module_tree(module_name: str) -> tuple[ast.stmt, ...]:
    """Return the top-level statements of a module's source, without importing it."""
    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return ()
    return tuple(ast.parse(Path(spec.origin).read_text(encoding="utf-8")).body)
