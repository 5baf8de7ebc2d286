"""The workspace's routes, one module per page and its API (STYLE.md: web/routes/)."""

from __future__ import annotations

from fastapi import APIRouter

from forcevet.web.routes import (
    api_page,
    auth,
    candidate,
    candidates,
    compare,
    composition,
    exports,
    review,
    screening,
    sources,
)

ROUTERS: list[APIRouter] = [
    auth.router,
    candidates.router,
    candidate.router,
    compare.router,
    review.router,
    sources.router,
    screening.router,
    composition.router,
    exports.router,
    api_page.router,
]
