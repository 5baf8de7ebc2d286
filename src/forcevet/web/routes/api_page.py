"""/api: the JSON API's endpoints, read from the application's own OpenAPI document.

Served by the workspace itself (Swagger UI and ReDoc would load scripts from a CDN);
the machine-readable document is /api/openapi.json.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from forcevet.web.deps import viewer
from forcevet.web.templates import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(viewer)])


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one row per path and method of an OpenAPI document, sorted by path."""
    rows = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, operation in methods.items():
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        p["name"] + ("" if p.get("required") else "?")
                        for p in operation.get("parameters", [])
                    ],
                    "tags": operation.get("tags", []),
                }
            )
    return rows


@router.get("/api")
def api_page(request: Request) -> Response:
    return render(request, "api.html", {"endpoints": endpoints(request.app.openapi())})
