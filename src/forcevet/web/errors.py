"""forcevet's errors as HTTP answers: a page for the browser, JSON for /api.

InputError 400 (its message names the field, as on the command line), NotFoundError
404, Forbidden 403, NotLoggedIn 401 (pages go to /login), TooBusy 429, StoreError
and a store with no free connection 503.
"""

from __future__ import annotations

from urllib.parse import quote

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from forcevet.errors import ForcevetError, InputError, NotFoundError, StoreError
from forcevet.web.deps import Forbidden, NotLoggedIn
from forcevet.web.jobs import TooBusy
from forcevet.web.templates import render


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def answer(request: Request, status: int, message: str, *, field: str | None = None) -> Response:
    """Return an error as JSON ({"error": ..., "field": ...}) or as the error page."""
    if wants_json(request):
        return JSONResponse({"error": message, "field": field}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


def install(app: FastAPI) -> None:
    """Register the handlers of forcevet's errors on ``app``."""

    async def not_logged_in(request: Request, exc: Exception) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"error": str(exc) or "log in first"},
                status_code=401,
                headers={"www-authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Forbidden)
        return answer(request, 403, exc.message)

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        status = 404 if isinstance(exc, NotFoundError) else 400
        return answer(request, status, str(exc), field=exc.field)

    async def too_busy(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TooBusy)
        return answer(request, 429, exc.message)

    async def store_error(request: Request, exc: Exception) -> Response:
        return answer(request, 503, str(exc))

    async def pool_timeout(request: Request, exc: Exception) -> Response:
        reason = type(exc).__name__
        return answer(request, 503, f"the store is busy ({reason}): every connection is in use")

    async def other_error(request: Request, exc: Exception) -> Response:
        return answer(request, 500, str(exc))

    app.add_exception_handler(NotLoggedIn, not_logged_in)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(InputError, bad_input)
    app.add_exception_handler(TooBusy, too_busy)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(ForcevetError, other_error)
    app.add_exception_handler(sqlalchemy.exc.TimeoutError, pool_timeout)
