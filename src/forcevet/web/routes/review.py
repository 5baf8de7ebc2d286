"""The review queue, a claim's page, and their API: accept, reject, edit, history.

The API answers with the records of the command line: ``/api/review`` is
``forcevet review list --json`` (a page of it), ``/api/claims/{id}`` is ``forcevet
review show --json`` and ``/api/claims/{id}/history`` is ``forcevet claim history
--json``. Every decision and edit is a new revision recorded by the account that made
it, in one transaction. The workspace enforces the two-person rule: nobody accepts a
claim they recorded themselves.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from forcevet.errors import InputError
from forcevet.ingest.review import (
    claims_in_review,
    corroborating,
    count_proposed,
    decide_claims,
    edit_reviewed,
    proposed_claims,
)
from forcevet.model.claims import Status
from forcevet.model.users import Role
from forcevet.reports.json import claim_record, history_records
from forcevet.store.claims import actor_names, claim_history, require_claim
from forcevet.store.store import Store
from forcevet.web.deps import Who, analyst, current_user, get_store, reviewer, viewer, writing
from forcevet.web.templates import render

router = APIRouter(dependencies=[Depends(viewer)])

PAGE_SIZE = 50
COUNT_CAP = 1000  # the queue page counts this far, then says "more than"
MAX_PAGE_SIZE = 1000
# What the edit form and PATCH /api/claims/{id} may change (as `forcevet claim edit`;
# the status changes through accept and reject, which need a reviewer).
EDITABLE = ("subject", "predicate", "object", "value", "date", "place", "polarity", "credibility")


class DecisionBody(BaseModel):
    """Why a claim is accepted or rejected (optional)."""

    note: str | None = None


class ClaimEdit(BaseModel):
    """New values of a claim's fields, written as on the command line; a field left
    out stays as it is, an empty string clears it."""

    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    value: str | None = None
    date: str | None = None
    place: str | None = None
    polarity: str | None = None
    credibility: str | None = None
    note: str | None = None


def _page_number(page: int) -> int:
    if page < 1:
        raise InputError(f"expected a page of 1 or more, got {page}", field="page")
    return page


def _back(target: str | None, claim_id: str) -> RedirectResponse:
    """Redirect to the page a form came from (on this site only), else to the claim."""
    safe = target if target and target.startswith("/") and not target.startswith("//") else None
    return RedirectResponse(safe or f"/claims/{claim_id}", status_code=303)


def _can(request: Request, role: Role) -> bool:
    who = current_user(request)
    return who is not None and who.may(role)


@router.get("/review", include_in_schema=False)
def review_page(
    request: Request,
    page: int = 1,
    source: str | None = None,
    store: Store = Depends(get_store),
) -> Response:
    page = _page_number(page)
    # counted up to COUNT_CAP only, and one claim more than a page read to know whether
    # a next page exists: a queue of 100,000 is neither counted nor sorted whole
    total = count_proposed(store, source_id=source, cap=COUNT_CAP + 1)
    claims = proposed_claims(
        store, source_id=source, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
    )
    more, claims = len(claims) > PAGE_SIZE, claims[:PAGE_SIZE]
    who = current_user(request)
    return render(
        request,
        "review.html",
        {
            "items": claims_in_review(store, claims),
            "names": actor_names(store, claims),
            "total": total,
            "counted": total <= COUNT_CAP,
            "count_cap": COUNT_CAP,
            "page": page,
            "more": more,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "source": source,
            "here": str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            "me": who.name if who else "",
            "can_review": _can(request, Role.REVIEWER),
            "can_edit": _can(request, Role.ANALYST),
        },
    )


@router.get("/claims/{claim_id}", include_in_schema=False)
def claim_page(request: Request, claim_id: str, store: Store = Depends(get_store)) -> Response:
    item = claims_in_review(store, [require_claim(store, claim_id)])[0]
    revisions = claim_history(store, item.claim.id)
    others = corroborating(store, item.claim)
    names = actor_names(store, [*revisions, *others])
    who = current_user(request)
    return render(
        request,
        "review_claim.html",
        {
            "item": item,
            "names": names,
            "history": history_records(revisions, names),
            "corroborated_by": others,
            "me": who.name if who else "",
            "here": f"/claims/{item.claim.id}",
            "can_review": _can(request, Role.REVIEWER),
            "can_edit": _can(request, Role.ANALYST),
        },
    )


def _decide(store: Store, claim_id: str, status: Status, who: Who, note: str | None) -> Any:
    with writing(store):
        decision = decide_claims(
            store, [claim_id], status, by=who.name, note=note or None, two_person=True
        )
        claim = decision.claims[0]
        return claim_record(claim, actor_names(store, [claim]))


def _edit(store: Store, claim_id: str, who: Who, changes: ClaimEdit) -> Any:
    fields = {name: getattr(changes, name) for name in EDITABLE}
    with writing(store):
        claim = edit_reviewed(store, claim_id, by=who.name, note=changes.note or None, **fields)
        return claim_record(claim, actor_names(store, [claim]))


@router.post("/review/{claim_id}/accept", include_in_schema=False)
def accept_form(
    claim_id: str,
    note: str = Form(""),
    next: str = Form(""),
    who: Who = Depends(reviewer),
    store: Store = Depends(get_store),
) -> Response:
    _decide(store, claim_id, Status.ACCEPTED, who, note)
    return _back(next, claim_id)


@router.post("/review/{claim_id}/reject", include_in_schema=False)
def reject_form(
    claim_id: str,
    note: str = Form(""),
    next: str = Form(""),
    who: Who = Depends(reviewer),
    store: Store = Depends(get_store),
) -> Response:
    _decide(store, claim_id, Status.REJECTED, who, note)
    return _back(next, claim_id)


@router.post("/claims/{claim_id}/edit", include_in_schema=False)
def edit_form(
    claim_id: str,
    subject: str | None = Form(None),
    predicate: str | None = Form(None),
    object: str | None = Form(None),  # noqa: A002 -- the field's name, as on the command line
    value: str | None = Form(None),
    date: str | None = Form(None),
    place: str | None = Form(None),
    polarity: str | None = Form(None),
    credibility: str | None = Form(None),
    note: str | None = Form(None),
    who: Who = Depends(analyst),
    store: Store = Depends(get_store),
) -> Response:
    changes = ClaimEdit(
        subject=subject,
        predicate=predicate,
        object=object,
        value=value,
        date=date,
        place=place,
        polarity=polarity,
        credibility=credibility,
        note=note,
    )
    record = _edit(store, claim_id, who, changes)
    return RedirectResponse(f"/claims/{record['id']}", status_code=303)


@router.get("/api/review", tags=["review"])
def review_api(
    source: str | None = None,
    min_confidence: float | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
    store: Store = Depends(get_store),
) -> list[Any]:
    """Proposed claims, most confident first, a page at a time (as `forcevet review list
    --json`; ``size`` up to 1000)."""
    page = _page_number(page)
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise InputError(f"expected a size from 1 to {MAX_PAGE_SIZE}, got {size}", field="size")
    claims = proposed_claims(
        store,
        source_id=source,
        min_confidence=min_confidence,
        limit=size,
        offset=(page - 1) * size,
    )
    names = actor_names(store, claims)
    return [claim_record(c, names) for c in claims]


@router.get("/api/claims/{claim_id}", tags=["review"])
def claim_api(claim_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One claim in context with its review (as `forcevet review show --json`)."""
    item = claims_in_review(store, [require_claim(store, claim_id)])[0]
    others = corroborating(store, item.claim)
    return item.to_json(actor_names(store, [item.claim, *others]), others)


@router.get("/api/claims/{claim_id}/history", tags=["review"])
def history_api(claim_id: str, store: Store = Depends(get_store)) -> list[Any]:
    """Every revision of a claim with what it changed (as `forcevet claim history --json`)."""
    revisions = claim_history(store, claim_id)
    return history_records(revisions, actor_names(store, revisions))


@router.post("/api/claims/{claim_id}/accept", tags=["review"])
def accept_api(
    claim_id: str,
    body: DecisionBody | None = Body(None),
    who: Who = Depends(reviewer),
    store: Store = Depends(get_store),
) -> Any:
    """Accept a claim as the caller (a reviewer other than its recorder): the new revision."""
    return _decide(store, claim_id, Status.ACCEPTED, who, body.note if body else None)


@router.post("/api/claims/{claim_id}/reject", tags=["review"])
def reject_api(
    claim_id: str,
    body: DecisionBody | None = Body(None),
    who: Who = Depends(reviewer),
    store: Store = Depends(get_store),
) -> Any:
    """Reject a claim as the caller (a reviewer): the new revision."""
    return _decide(store, claim_id, Status.REJECTED, who, body.note if body else None)


@router.patch("/api/claims/{claim_id}", tags=["review"])
@router.post("/api/claims/{claim_id}", tags=["review"], include_in_schema=False)
def edit_api(
    claim_id: str,
    changes: ClaimEdit,
    who: Who = Depends(analyst),
    store: Store = Depends(get_store),
) -> Any:
    """Write a new revision of a claim with the given fields (as `forcevet claim edit`)."""
    return _edit(store, claim_id, who, changes)
