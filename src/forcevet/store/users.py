"""Accounts and API tokens of the web workspace.

Passwords are kept as argon2id hashes (argon2-cffi's PasswordHasher, its default
parameters); API tokens as SHA-256 digests, since a token is 32 random bytes and
not a password a person chose.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from forcevet.errors import InputError, NotFoundError
from forcevet.model.users import Role, require_user_name
from forcevet.store.store import Store, now
from forcevet.store.tables import api_tokens, users

MIN_PASSWORD = 10
TOKEN_PREFIX = "fvt_"
_hasher = PasswordHasher()
# Checked against when the name is unknown, so that a login takes as long either way.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    """An account: its name and role (the password hash never leaves this module)."""

    name: str
    role: Role
    created_by: str
    created_at: str

    def to_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "role": self.role.value,
            "created_by": self.created_by,
            "created_at": self.created_at,
        }


def _user(row: object) -> User:
    return User(
        name=row.name,  # type: ignore[attr-defined]
        role=Role(row.role),  # type: ignore[attr-defined]
        created_by=row.created_by,  # type: ignore[attr-defined]
        created_at=row.created_at,  # type: ignore[attr-defined]
    )


def add_user(store: Store, name: str, role: Role, password: str, *, by: str) -> User:
    """Store a new account, or raise InputError for a bad or taken name or a short password."""
    require_user_name(name)
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters", field="password")
    if store.connection.execute(select(users.c.name).where(users.c.name == name)).first():
        raise InputError(f'an account "{name}" exists already', field="name")
    created = now()
    store.connection.execute(
        users.insert().values(
            name=name,
            role=role.value,
            password_hash=_hasher.hash(password),
            created_by=by,
            created_at=created,
        )
    )
    return User(name, role, by, created)


def has_users(store: Store) -> bool:
    """Return whether the store has any account (if not, the workspace is local-only)."""
    return bool(store.connection.execute(select(func.count()).select_from(users)).scalar())


def list_users(store: Store) -> list[User]:
    """Return every account, by name."""
    return [_user(r) for r in store.connection.execute(select(users).order_by(users.c.name))]


def get_user(store: Store, name: str) -> User | None:
    """Return the account of this name, or None."""
    row = store.connection.execute(select(users).where(users.c.name == name)).first()
    return None if row is None else _user(row)


def require_user(store: Store, name: str, *, field: str = "name") -> User:
    user = get_user(store, name)
    if user is None:
        raise NotFoundError(f'no account "{name[:80]}"', field=field)
    return user


def check_password(store: Store, name: str, password: str) -> User | None:
    """Return the account if the password is its own, else None (in about the same time)."""
    row = store.connection.execute(select(users).where(users.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return _user(row) if row else None


def set_role(store: Store, name: str, role: Role) -> User:
    """Change an account's role."""
    require_user(store, name)
    store.connection.execute(users.update().where(users.c.name == name).values(role=role.value))
    return require_user(store, name)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_token(store: Store, name: str, *, label: str = "") -> tuple[str, str]:
    """Make an API token for an account; return (token id, the token, shown only now)."""
    require_user(store, name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = "tok-" + secrets.token_hex(6)
    store.connection.execute(
        api_tokens.insert().values(
            id=token_id,
            user_name=name,
            token_hash=_digest(token),
            label=label,
            created_at=now(),
        )
    )
    return token_id, token


def user_for_token(store: Store, token: str) -> User | None:
    """Return the account an API token belongs to, or None."""
    row = store.connection.execute(
        select(users)
        .join(api_tokens, api_tokens.c.user_name == users.c.name)
        .where(api_tokens.c.token_hash == _digest(token))
    ).first()
    return None if row is None else _user(row)


def revoke_token(store: Store, token_id: str) -> None:
    """Delete an API token by its id."""
    done = store.connection.execute(api_tokens.delete().where(api_tokens.c.id == token_id))
    if not done.rowcount:
        raise NotFoundError(f'no API token "{token_id[:40]}"', field="token")
