"""Sources and ingest: the sources with their grades and claims, a source's text with
every claim marked, and ingesting an uploaded or pasted article.

``/api/sources`` is ``forcevet source list --json``, ``/api/sources/{id}`` is ``forcevet
source show --json`` (with its text), ``/api/ingest`` is ``forcevet ingest --json``.
An ingest runs in one transaction as the account asking: a bad date, an empty or
undecodable text stores nothing.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, IngestReport, ingest_documents
from forcevet.model.sources import SourceKind
from forcevet.model.users import Role
from forcevet.reports.json import claim_record, ingest_report_record, source_record
from forcevet.reports.marked import mark_claims
from forcevet.store.claims import ClaimFilter, actor_names, claim_counts, list_claims
from forcevet.store.sources import list_sources, require_source
from forcevet.store.store import Store
from forcevet.web.deps import Who, analyst, current_user, get_store, viewer, writing
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

PASTED = "pasted.txt"  # the label of a pasted text: read as plain text


class IngestBody(BaseModel):
    """An article to ingest, as `forcevet ingest` takes it: its text (plain, Markdown or
    HTML, told apart by ``file_name``'s suffix or the content) and what is known of it."""

    text: str
    file_name: str = PASTED
    kind: str = "news"
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    reliability: str | None = None
    fast: bool = False


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def run_ingest(store: Store, label: str, data: bytes, body: IngestBody, who: Who) -> IngestReport:
    """Ingest one document in one transaction, as ``who``; return what was stored."""
    document = read_document(PurePath(label).name or PASTED, data)
    options = IngestOptions(
        kind=body.kind,
        publisher=_blank(body.publisher),
        url=_blank(body.url),
        date=_blank(body.date),
        reliability=_blank(body.reliability),
        by=who.name,
        fast=body.fast,
    )
    with writing(store):
        return ingest_documents(store, [document], options)


@router.get("/sources", include_in_schema=False)
def sources_page(request: Request, store: Store = Depends(get_store)) -> Response:
    return render(
        request,
        "sources.html",
        {
            "sources": list_sources(store),
            "counts": claim_counts(store),
            "can_ingest": (who := current_user(request)) is not None and who.may(Role.ANALYST),
        },
    )


@router.get("/sources/{source_id}", include_in_schema=False)
def source_page(request: Request, source_id: str, store: Store = Depends(get_store)) -> Response:
    source = require_source(store, source_id)
    claims = list_claims(store, ClaimFilter(source_id=source.id))
    pieces, unplaced = mark_claims(source.text, claims)
    return render(
        request,
        "source.html",
        {
            "source": source,
            "claims": claims,
            "names": actor_names(store, claims),
            "pieces": pieces,
            "unplaced": unplaced,
        },
    )


@router.get("/ingest", include_in_schema=False, dependencies=[Depends(analyst)])
def ingest_page(request: Request) -> Response:
    return render(request, "source_ingest.html", {"kinds": list(SourceKind), "result": None})


@router.post("/ingest", include_in_schema=False)
def ingest_form(
    request: Request,
    file: UploadFile | None = File(None),
    text: str = Form(""),
    kind: str = Form("news"),
    publisher: str = Form(""),
    url: str = Form(""),
    date: str = Form(""),
    reliability: str = Form(""),
    fast: bool = Form(False),
    who: Who = Depends(analyst),
    store: Store = Depends(get_store),
) -> Response:
    uploaded = file is not None and bool(file.filename)
    if uploaded and text.strip():
        raise InputError("upload a file or paste a text, not both", field="text")
    # read in the worker thread, as the ingest runs (seconds of parsing)
    data = file.file.read() if file is not None and uploaded else text.encode("utf-8")
    label = (file.filename if file is not None and file.filename else None) or PASTED
    body = IngestBody(
        text="",
        file_name=label,
        kind=kind,
        publisher=publisher,
        url=url,
        date=date,
        reliability=reliability,
        fast=fast,
    )
    report = run_ingest(store, label, data, body, who)
    record = ingest_report_record(report, actor_names(store, report.claims))
    return render(
        request,
        "source_ingest.html",
        {"kinds": list(SourceKind), "result": record},
    )


@router.get("/api/sources", tags=["sources"])
def sources_api(kind: str | None = None, store: Store = Depends(get_store)) -> list[Any]:
    """Every source, newest first (as `forcevet source list --json`)."""
    wanted = SourceKind.parse(kind) if kind else None
    return [source_record(s) for s in list_sources(store, kind=wanted)]


@router.get("/api/sources/{source_id}", tags=["sources"])
def source_api(source_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One source with its text and its claims (as `forcevet source show --json --text`,
    with each claim's record instead of its id)."""
    source = require_source(store, source_id)
    claims = list_claims(store, ClaimFilter(source_id=source.id))
    names = actor_names(store, claims)
    return source_record(source, with_text=True) | {
        "claims": [claim_record(c, names) for c in claims]
    }


@router.post("/api/ingest", tags=["sources"])
def ingest_api(
    body: IngestBody, who: Who = Depends(analyst), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Ingest one article as the caller and propose its claims for review (as `forcevet
    ingest --json`)."""
    report = run_ingest(store, body.file_name, body.text.encode("utf-8"), body, who)
    return ingest_report_record(report, actor_names(store, report.claims))
