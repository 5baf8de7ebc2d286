"""Jinja2 templates of the pages, escaped everywhere.

Starlette's default environment escapes only files named .html/.htm/.xml; this one
escapes every template, so a stored ``<script>`` in any field stays text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import Response

from forcevet.web.deps import current_user
from forcevet.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Path(__file__).parent / "templates"

# The pages of the navigation bar, in order: (path, label).
NAVIGATION = (
    ("/", "Candidates"),
    ("/compare", "Compare"),
    ("/review", "Review"),
    ("/sources", "Sources"),
    ("/screen", "Screening"),
    ("/compose", "Composition"),
    ("/exports", "Exports"),
    ("/api", "API"),
)


def _context(request: Request) -> dict[str, Any]:
    return {
        "navigation": NAVIGATION,
        "who": current_user(request),
        "csrf_field": CSRF_FIELD,
        "csrf_token": lambda: csrf_token(request),
    }


def percent(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}%}"


def make_templates() -> Jinja2Templates:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["percent"] = percent
    return Jinja2Templates(env=environment, context_processors=[_context])


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> Response:
    """Return the page ``name`` rendered with ``context`` (and the navigation, who is
    asking and the CSRF token every page has)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code)
