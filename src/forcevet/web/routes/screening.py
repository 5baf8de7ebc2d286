"""Screening: names or a file of names against the imported lists, with why each matched;
``/api/screen`` (as ``forcevet screen --json``) and ``/api/match`` (yente's shape).

The matcher takes seconds to build, so the application keeps one per authority and
builds it again only when the store's listings change (``listings_state``).
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from fastapi import APIRouter, Body, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import decode
from forcevet.screening.listings import listings_state
from forcevet.screening.match import Screener
from forcevet.screening.match_api import match_queries, match_response
from forcevet.screening.queries import ScreenConfig
from forcevet.screening.screen import make_queries, make_screener, screen_queries
from forcevet.screening.status import listing_authorities
from forcevet.store.store import Store
from forcevet.web.csv import TABLES, Params, Rows, one, register, screening_table
from forcevet.web.deps import get_store, viewer
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

_BUILDING = threading.Lock()  # one build at a time; a second request waits for the first


def screener_for(request: Request, store: Store, authority: str | None) -> Screener:
    """Return the application's screener over the store's listings (of one authority),
    built again only when the listings changed since it was built."""
    state = listings_state(store)
    with _BUILDING:
        kept: dict[str | None, tuple[str, Screener]] = getattr(request.app.state, "screeners", {})
        found = kept.get(authority)
        if found is None or found[0] != state:
            found = (state, make_screener(store, authority=authority))
            request.app.state.screeners = kept | {authority: found}
        return found[1]


def _csv_rows(request: Request, store: Store, params: Params) -> Rows:
    """The screening CSV, screened with the application's matcher."""
    names = [n for n in params.get("name", ()) if n.strip()]
    queries = make_queries(names, schema=one(params, "schema"), country=one(params, "country"))
    screener = screener_for(request, store, one(params, "authority"))
    return screening_table(screen_queries(screener, queries))


def names_of(text: str) -> list[str]:
    """Return the names of a text, one a line; blank lines and # comments skipped (as
    `forcevet screen --file` reads them)."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _screen(
    request: Request,
    store: Store,
    names: list[str],
    *,
    schema: str | None,
    country: str | None,
    threshold: float | None,
    limit: int,
    authority: str | None,
) -> list[dict[str, Any]]:
    queries = make_queries(names, schema=schema or None, country=country or None)
    screener = screener_for(request, store, authority or None)
    found = screen_queries(screener, queries, threshold=threshold, limit=limit)
    return [r.to_json() for r in found]


def _page(
    request: Request, store: Store, results: list[dict[str, Any]] | None, **form: Any
) -> Response:
    return render(
        request,
        "screen.html",
        {
            "results": results,
            "authorities": listing_authorities(store),
            "form": {"names": "", "schema": "", "country": "", "threshold": "", "authority": ""}
            | form,
            "default_threshold": ScreenConfig().threshold,
        },
    )


@router.get("/screen", include_in_schema=False)
def screen_page(
    request: Request, name: list[str] = Query(default=[]), store: Store = Depends(get_store)
) -> Response:
    names = [n for n in name if n.strip()]
    results = (
        _screen(
            request,
            store,
            names,
            schema=None,
            country=None,
            threshold=None,
            limit=5,
            authority=None,
        )
        if names
        else None
    )
    return _page(request, store, results, names="\n".join(names))


@router.post("/screen", include_in_schema=False)
def screen_form(
    request: Request,
    names: str = Form(""),
    file: UploadFile | None = File(None),
    schema_: str = Form("", alias="schema"),  # "schema" would shadow pydantic's BaseModel.schema
    country: str = Form(""),
    threshold: str = Form(""),
    authority: str = Form(""),
    store: Store = Depends(get_store),
) -> Response:
    wanted = names_of(names)
    if file is not None and file.filename:
        wanted += names_of(decode(file.filename, file.file.read()))
    try:
        floor = float(threshold) if threshold.strip() else None
    except ValueError:
        raise InputError(
            f'expected a threshold such as 0.7, got "{threshold}"', field="threshold"
        ) from None
    results = _screen(
        request,
        store,
        wanted,
        schema=schema_,
        country=country,
        threshold=floor,
        limit=5,
        authority=authority,
    )
    return _page(
        request,
        store,
        results,
        names="\n".join(wanted),
        schema=schema_,
        country=country,
        threshold=threshold,
        authority=authority,
    )


@router.get("/api/screen", tags=["screening"])
def screen_api(
    request: Request,
    name: list[str] = Query(default=[]),
    schema: str | None = None,
    country: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
    authority: str | None = None,
    store: Store = Depends(get_store),
) -> list[Any]:
    """Names against the lists: one result per name with its matches, score and why (as
    `forcevet screen NAME... --json`)."""
    return _screen(
        request,
        store,
        name,
        schema=schema,
        country=country,
        threshold=threshold,
        limit=limit,
        authority=authority,
    )


@router.post("/api/match", tags=["screening"])
def match_api(
    request: Request,
    body: dict[str, Any] = Body(
        ...,
        examples=[
            {
                "queries": {
                    "q1": {
                        "schema": "Organization",
                        "properties": {"name": ["Lashkar e Toiba"], "country": ["PAK"]},
                    }
                }
            }
        ],
    ),
    threshold: float | None = None,
    limit: int = 5,
    authority: str | None = None,
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Entities against the lists in the shape of OpenSanctions yente's /match: each
    query's results, best first, with score, match and explanation."""
    queries = match_queries(body)
    screener = screener_for(request, store, authority or None)
    floor = screener.config.threshold if threshold is None else threshold
    found = screen_queries(screener, list(queries.values()), threshold=floor, limit=limit)
    return {
        "responses": {
            key: match_response(query, result, floor)
            for (key, query), result in zip(queries.items(), found, strict=True)
        },
        "limit": limit,
    }


# The screening CSV reads with the matcher this application keeps.
register(dataclasses.replace(TABLES["screening"], with_app=_csv_rows))
