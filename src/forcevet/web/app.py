"""The FastAPI application: one engine per application, one store connection per request."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from forcevet.settings import Settings
from forcevet.store.store import make_engine, open_store
from forcevet.web import errors, security
from forcevet.web.jobs import WORKERS
from forcevet.web.routes import ROUTERS
from forcevet.web.templates import make_templates

STATIC = Path(__file__).parent / "static"
SESSION_COOKIE = "forcevet_session"
SESSION_AGE = 12 * 3600  # a working day; then log in again
# Requests served at once, each on its own thread and store connection. Pages are
# Python work on two cores here: more threads only share the same cores and the GIL,
# while each waiting request held a connection (at 100,000 claims and 20 clients, 40
# threads ran SQLAlchemy's default pool of 15 dry and requests failed after 30 s).
REQUEST_THREADS = 8
CONNECTIONS = REQUEST_THREADS + WORKERS + 2  # the job threads, and two to spare


def create_app(settings: Settings, *, secret_key: str | None = None) -> FastAPI:
    """Return the web workspace over the store ``settings`` name.

    Raises StoreError when the store is missing or not at this version's schema, as
    every command does, before any request is served.
    """
    with open_store(settings):  # the same checks and messages as every command's
        pass
    engine = make_engine(
        settings.db_url, busy_timeout=settings.busy_timeout, connections=CONNECTIONS
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        yield
        engine.dispose()

    app = FastAPI(
        title="forcevet",
        summary="Graded, citable evidence on the candidates of a multinational force.",
        version="1",
        # The bundled API page (/api) renders the OpenAPI document itself: Swagger UI
        # and ReDoc would load scripts from a CDN, which the workspace never does.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.templates = make_templates()
    app.add_middleware(security.SecurityHeaders)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or settings.secret_key or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_AGE,
        same_site="strict",
        https_only=settings.secure_cookies,
    )
    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
