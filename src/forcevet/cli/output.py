"""Printing results: JSON for machines, short tables for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from forcevet.settings import Settings


def settings_of(ctx: typer.Context) -> Settings:
    """Return the settings the root command put on the context."""
    root = ctx.find_root()
    assert isinstance(root.obj, Settings)
    return root.obj


def print_json(value: Any) -> None:
    """Print a value as indented JSON."""
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


PIPED_WIDTH = 1000
"""Characters a table may take when printed to a pipe or file: its natural width, so that
no cell is folded mid-word (``states_reservation_on_mand`` / ``ate``) for a reader or grep."""


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print rows as a table that wraps to the terminal."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped output: each row on one line, no word folded
        console.width = PIPED_WIDTH
    console.print(table)


def print_fields(title: str, fields: Sequence[tuple[str, object]]) -> None:
    """Print a record as aligned name: value lines."""
    typer.echo(title)
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        if value not in (None, "", [], ()):
            typer.echo(f"  {name.ljust(width)}  {value}")
