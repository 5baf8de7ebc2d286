"""Reading a choice among an enumeration's values from what a person typed."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from forcevet.errors import InputError

Choice = TypeVar("Choice", bound=StrEnum)


def parse_choice(kinds: type[Choice], text: object, *, what: str, field: str) -> Choice:
    """Return the value of ``kinds`` written in ``text`` (any case, "-" or spaces for "_"),
    or raise InputError naming ``what`` was expected and listing the choices."""
    key = str(text).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return kinds(key)
    except ValueError:
        choices = ", ".join(k.value for k in kinds)
        raise InputError(f'unknown {what} "{text}"; use one of: {choices}', field=field) from None
