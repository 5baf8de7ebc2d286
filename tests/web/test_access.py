"""Access control over every route the application has, found by walking app.routes.

No list of routes is kept here: a route added later is covered by these tests the
day it lands. Every state-changing route (any method but GET, HEAD, OPTIONS) must
refuse a viewer, a viewer's API token, a session without the CSRF token and a
request with no account at all, and leave the store as it was. Every page must show
a stored ``<script>`` (in an actor's name, a source's title, a claim's quote, a
case's title) as text.
"""

from __future__ import annotations

import copy
import re

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import update

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import latest_plain_run, store_run
from forcevet.cases.case import get_case, run_params
from forcevet.model.claims import ClaimCreate
from forcevet.model.sources import make_source
from forcevet.store.cases import require_stored_case, save_case
from forcevet.store.claims import record_claim
from forcevet.store.sources import add_source
from forcevet.store.store import open_store
from forcevet.store.tables import actors
from forcevet.store.users import add_token
from forcevet.web.security import SAFE_METHODS
from tests.conftest import snapshot
from tests.web.conftest import login

# Logging in and out are writes anyone may make (with the CSRF token).
OPEN_WRITES = {"/login", "/logout"}
# Posts that compute and store nothing, open to viewers on purpose: a what-if's composition
# and its frontier (traced in a background job), screening names or a file and yente-style
# /match. The CSRF and no-account tests still cover them; the viewer tests leave them out.
# Add a route here only if it writes nothing.
READS_BY_POST = {
    "/api/compose",
    "/api/compose/frontier",
    "/compose/frontier",
    "/api/match",
    "/screen",
}


def routes(app: FastAPI, *, writes: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return (method, path template, form field names) of every write route, or of
    every GET route, through the routers the application includes."""
    found = set()
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        fields = tuple(sorted(f.alias for f in dependant.body_params)) if dependant else ()
        for method in route.methods or ():  # a mount (/static) has none
            if (method not in SAFE_METHODS) if writes else method == "GET":
                found.add((method, str(route.path), fields))
    return sorted(found)


def fill(path: str, values: dict[str, str] | None = None) -> str:
    """Return ``path`` with each {parameter} replaced by a value for its name."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if values:
            for key, chosen in values.items():
                if key in name:
                    return chosen
            return values["*"]
        return "1"

    return re.sub(r"{(\w+)(?::\w+)?}", value, path)


Write = tuple[str, str, dict[str, str]]


def write_routes(client: TestClient) -> list[Write]:
    """Return (method, path, form) of every write: the form fills each field with "1",
    so a refusal is for who asks, not for a field missing."""
    found = [
        (method, fill(path), dict.fromkeys(fields, "1"))
        for method, path, fields in routes(client.app, writes=True)  # type: ignore[arg-type]
    ]
    assert ("POST", "/login") in [(m, p) for m, p, _ in found], found
    return found


def refusals(
    client: TestClient, found: list[Write], headers: dict[str, str], *, allowed: set[int]
) -> list[str]:
    """Send every write with ``headers``; return those not refused with ``allowed``."""
    wrong = []
    for method, path, form in found:
        answer = client.request(
            method, path, headers=headers, data=form or None, follow_redirects=False
        )
        if answer.status_code not in allowed:
            wrong.append(f"{method} {path}: {answer.status_code} {answer.text[:200]}")
    return wrong


@pytest.mark.usefixtures("accounts")
def test_a_viewer_can_write_nothing(client: TestClient, web_url: str) -> None:
    token = login(client, "vic")
    with open_store(web_url) as store:
        before = snapshot(store)
    found = [w for w in write_routes(client) if w[1] not in OPEN_WRITES | READS_BY_POST]
    # With the session's valid CSRF token: refused for the role alone.
    wrong = refusals(client, found, {"x-csrf-token": token}, allowed={403})
    assert not wrong, "a viewer's write was not refused:\n" + "\n".join(wrong)
    with open_store(web_url) as store:
        assert snapshot(store) == before


@pytest.mark.usefixtures("accounts")
def test_a_viewers_api_token_can_write_nothing(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store, store.transaction():
        _, token = add_token(store, "vic", label="script")
    with open_store(web_url) as store:
        before = snapshot(store)
    bearer = {"authorization": f"Bearer {token}", "accept": "application/json"}
    assert client.get("/api/runs/latest", headers=bearer).status_code == 200  # it can read
    found = [w for w in write_routes(client) if w[1] not in READS_BY_POST]
    wrong = refusals(client, found, bearer, allowed={403})
    assert not wrong, "a viewer's token wrote:\n" + "\n".join(wrong)
    with open_store(web_url) as store:
        assert snapshot(store) == before


@pytest.mark.usefixtures("accounts")
@pytest.mark.parametrize("name", ["adm", "ana"])
def test_no_write_without_the_csrf_token(client: TestClient, web_url: str, name: str) -> None:
    login(client, name)
    with open_store(web_url) as store:
        before = snapshot(store)
    found = write_routes(client)
    wrong = refusals(client, found, {}, allowed={403})
    wrong += refusals(client, found, {"x-csrf-token": "forged"}, allowed={403})
    assert not wrong, "a write without the CSRF token went through:\n" + "\n".join(wrong)
    for method, path, form in found:
        answer = client.request(method, path, data=form or None, follow_redirects=False)
        assert "security token" in answer.text, f"{method} {path} refused for another reason"
    with open_store(web_url) as store:
        assert snapshot(store) == before


@pytest.mark.usefixtures("accounts")
def test_no_write_without_an_account(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store:
        before = snapshot(store)
    found = [w for w in write_routes(client) if w[1] not in OPEN_WRITES]
    # Pages send the browser to /login, the API answers 401.
    wrong = refusals(client, found, {}, allowed={303, 401})
    assert not wrong, "a write with no account was not refused:\n" + "\n".join(wrong)
    with open_store(web_url) as store:
        assert snapshot(store) == before


# --- a stored <script> stays text ----------------------------------------------------

FIELDS = ("actor", "source", "quote", "proposed", "case")


def hostile(field: str) -> str:
    """Return markup a field must never bring to life: a script and an attribute breakout."""
    return f"<script>alert(1)</script>\"'><img src=x onerror=alert(1)> {field}"


def store_hostile_records(url: str) -> dict[str, str]:
    """Put hostile text in a candidate's name, a source's title, two claims' quotes (one
    accepted, one proposed) and the case's title; store a run over them. Return the ids
    pages are addressed by."""
    with open_store(url) as store, store.transaction():
        earlier = latest_plain_run(store, "gaza-isf")["run"]["id"]
        store.connection.execute(
            update(actors).where(actors.c.id == "PAK").values(name=hostile("actor"))
        )
        stored = require_stored_case(store, "gaza-isf")
        definition = copy.deepcopy(stored.definition)
        definition["scenario"]["title"] = hostile("case")
        save_case(
            store,
            stored.id,
            title=hostile("case"),
            origin=stored.origin,
            definition=definition,
            by="ana",
        )
        text = f"Officials said: {hostile('quote')} And later: {hostile('proposed')}"
        source, _ = add_source(
            store,
            make_source(
                title=hostile("source"),
                publisher="Wire",
                kind="news",
                reliability="B",
                graded_by="test",
                added_at="2026-01-01",
                text=text,
            ),
        )
        common = {"source": source.id, "subject": "PAK", "credibility": 2, "object": "hamas"}
        accepted = record_claim(
            store,
            ClaimCreate(
                predicate="states_reservation_on_mandate",
                value="disarmament",
                quote=hostile("quote"),
                reviewed_by="rev",
                **common,  # type: ignore[arg-type]
            ),
            by="ana",
        )
        proposed = record_claim(
            store,
            ClaimCreate(
                predicate="has_links_to",
                quote=hostile("proposed"),
                status="proposed",
                extracted_by="ingest",
                confidence=0.8,
                **common,  # type: ignore[arg-type]
            ),
            by="ana",
        )
        case = get_case(store, "gaza-isf")
        run = store_run(store, assess(store, case.rubric, run_params(case, case.rubric), by="ana"))
    return {
        "source": source.id,
        "claim": accepted.id,
        "proposed": proposed.id,
        "run": run["run"]["id"],
        "earlier": earlier,
        "case": "gaza-isf",
        "*": "PAK",  # candidate, actor and any other id
    }


def test_a_stored_script_stays_text_on_every_page(client: TestClient, web_url: str) -> None:
    ids = store_hostile_records(web_url)
    shown: dict[str, list[str]] = {field: [] for field in FIELDS}
    pages = []
    for _, template, _ in routes(client.app, writes=False):  # type: ignore[arg-type]
        path = fill(template, ids)
        # Bare, and with the query parameters pages take (runs to compare, candidates).
        query_string = (
            f"?run={ids['run']}&claim={ids['claim']}&a={ids['earlier']}&b={ids['run']}"
            "&c=PAK&c=IDN&case=gaza-isf"
        )
        for query in ("", query_string):
            answer = client.get(path + query)
            if "text/html" not in answer.headers.get("content-type", ""):
                continue
            pages.append(path + query)
            html = answer.text
            assert "<script>alert" not in html, f"{path}{query} runs a stored script"
            assert "<img src=x" not in html, f"{path}{query} lets a stored tag out"
            for tag in re.findall(r"<script\b[^>]*>", html):
                assert 'src="/static/' in tag, f"{path}{query} has a script of its own: {tag}"
            for field in FIELDS:
                if str(escape(hostile(field))) in html:
                    shown[field].append(path + query)
    assert "/" in pages
    # Each hostile field was shown somewhere, as text: the pages that show it were checked.
    expected = {"actor", "case"}
    if any("/sources/" in page for page in pages):
        expected |= {"source", "quote"}
    if "/review" in pages:
        expected.add("proposed")
    missing = [field for field in sorted(expected) if not shown[field]]
    assert not missing, f"no page showed {missing} (as text) among {pages}"
