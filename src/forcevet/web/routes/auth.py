"""Logging in and out of the workspace (accounts are made with `forcevet user add`)."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from forcevet.store.store import Store
from forcevet.store.users import check_password, has_users
from forcevet.web.deps import SESSION_USER, Forbidden, get_store
from forcevet.web.security import csrf_ok
from forcevet.web.templates import render

router = APIRouter(include_in_schema=False)


def _local_path(target: str | None) -> str:
    """Return ``target`` if it is a path on this site, else "/" (no open redirect)."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str = "/", store: Store = Depends(get_store)) -> Response:
    return render(
        request,
        "login.html",
        {"next": _local_path(next), "error": None, "accounts": has_users(store)},
    )


@router.post("/login")
async def login(
    request: Request,
    name: str = Form(...),
    password: str = Form(...),
    next: str = Form("/"),
    store: Store = Depends(get_store),
) -> Response:
    if not await csrf_ok(request):
        raise Forbidden("the form's security token is missing or stale; reload the page")
    user = check_password(store, name.strip(), password)
    if user is None:
        return render(
            request,
            "login.html",
            {
                "next": _local_path(next),
                "error": "unknown name or wrong password",
                "accounts": True,
            },
            status_code=401,
        )
    request.session.clear()  # a fresh session (and CSRF token) for the new login
    request.session[SESSION_USER] = user.name
    return RedirectResponse(_local_path(next), status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    if not await csrf_ok(request):
        raise Forbidden("the form's security token is missing or stale; reload the page")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
