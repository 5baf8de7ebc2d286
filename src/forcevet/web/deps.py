"""What routes depend on: the request's store connection, who is asking, and may they.

Who is asking, in order: an API token (``Authorization: Bearer fvt_...``), for
scripts, with no cookie and so no CSRF token; the account logged in to this
session; or, in a store with no accounts (served on 127.0.0.1 only), the local
user of the server, as an admin. A write from a browser session must carry the
session's CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request

from forcevet.model.users import Role
from forcevet.settings import Settings
from forcevet.store.store import Store
from forcevet.store.users import get_user, has_users, user_for_token
from forcevet.web.security import SAFE_METHODS, csrf_ok

SESSION_USER = "user"


class NotLoggedIn(Exception):
    """No account is known for the request (pages send it to /login, the API answers 401)."""


class Forbidden(Exception):
    """The account may not do this (403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Who:
    """Who a request acts for: the name every write records, the role, and how we know."""

    name: str
    role: Role
    via: str  # "session", "token" or "local" (a store without accounts)

    def may(self, role: Role) -> bool:
        return self.role.allows(role)


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Iterator[Store]:
    """Yield a store on one pooled connection for the request; writes use ``writing(store)``."""
    settings = settings_of(request)
    connection = request.app.state.engine.connect()
    try:
        yield Store(connection, settings.db_url, settings.busy_timeout)
    finally:
        connection.close()


@contextmanager
def writing(store: Store) -> Iterator[Store]:
    """Run a route's writes in one transaction of their own, committed at the end.

    Reading (who is asking, the page's data) has already begun an implicit transaction
    on the request's connection, inside which ``store.transaction()`` would only open
    a savepoint that nothing commits. That read-only transaction is ended first.
    """
    connection = store.connection
    if connection.in_transaction() and not connection.in_nested_transaction():
        connection.rollback()
    with store.transaction():
        yield store


def who_is_asking(request: Request, store: Store = Depends(get_store)) -> Who:
    """Return who the request acts for, or raise NotLoggedIn."""
    cached = getattr(request.state, "who", None)
    if isinstance(cached, Who):
        return cached
    who = _identify(request, store)
    request.state.who = who
    return who


def _identify(request: Request, store: Store) -> Who:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        user = user_for_token(store, authorization[7:].strip())
        if user is None:
            raise NotLoggedIn("unknown API token")
        return Who(user.name, user.role, "token")
    name = request.session.get(SESSION_USER)
    if isinstance(name, str):
        user = get_user(store, name)
        if user is not None:  # re-read each time: a role changed or removed counts at once
            return Who(user.name, user.role, "session")
        request.session.pop(SESSION_USER, None)
    if not has_users(store):
        return Who(settings_of(request).user, Role.ADMIN, "local")
    raise NotLoggedIn("log in first")


def current_user(request: Request) -> Who | None:
    """Return who is asking if already known for this request (for templates), else None."""
    who = getattr(request.state, "who", None)
    return who if isinstance(who, Who) else None


def allowed(role: Role) -> Callable[..., Coroutine[Any, Any, Who]]:
    """Return a dependency that lets through accounts of ``role`` or above and, for a
    write from a browser session, only with the session's CSRF token."""

    async def dependency(request: Request, who: Who = Depends(who_is_asking)) -> Who:
        if not who.may(role):
            raise Forbidden(f"{who.name} is a {who.role.value}; this needs a {role.value}")
        if request.method not in SAFE_METHODS and who.via != "token" and not await csrf_ok(request):
            raise Forbidden("the form's security token is missing or stale; reload the page")
        return who

    return dependency


viewer = allowed(Role.VIEWER)
analyst = allowed(Role.ANALYST)
reviewer = allowed(Role.REVIEWER)
admin = allowed(Role.ADMIN)
