"""Who may do what in a shared store: accounts, their roles, and what each role may do.

The roles are cumulative, as in a newsroom or an analysis cell: a viewer reads; an
analyst also records evidence, ingests, runs assessments and what-ifs; a reviewer also
accepts and rejects claims (the two-person rule asks that it be someone other than the
claim's recorder); an admin also manages accounts.
"""

from __future__ import annotations

import re
from enum import StrEnum

from forcevet.errors import InputError

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,59}$")


class Role(StrEnum):
    """An account's role; each one may do what the roles before it may."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        """Return whether this role may do what ``needed`` may."""
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, text: str, *, field: str = "role") -> Role:
        try:
            return cls(text.strip().lower())
        except ValueError:
            words = ", ".join(r.value for r in cls)
            raise InputError(f'unknown role "{text}"; use one of {words}', field=field) from None


def require_user_name(name: str, *, field: str = "name") -> str:
    """Return a valid account name (lower-case letters, digits, . _ -), or raise InputError."""
    if not NAME.match(name):
        raise InputError(
            f'"{name[:80]}" is not an account name: use 1-60 lower-case letters, digits, '
            '".", "_" or "-", starting with a letter or digit',
            field=field,
        )
    return name
