"""The review queue: proposed claims in context, accept/reject/edit as revisions with
who and when, the two-person rule, roles and CSRF."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from forcevet.model.claims import Claim, ClaimCreate, Status
from forcevet.store.claims import claim_history, record_claim, require_claim
from forcevet.store.store import open_store
from forcevet.web.routes import review as review_routes
from tests.conftest import snapshot, source
from tests.web.conftest import login

HOSTILE = "<script>alert('x')</script>"
TEXT = (
    "Islamabad, 29 November. Pakistan will train police officers for the stabilization "
    "force, the foreign minister said. He added that disarming Hamas is not its job."
)


def propose(web_url: str, *, by: str, quote: str | None = None, value: str = "police") -> Claim:
    """Record a proposed claim by ``by`` on an article, quoting its second sentence."""
    with open_store(web_url) as store, store.transaction():
        article = source(store, title="Dar on the ISF", text=TEXT, url="https://example.org/a")
        start = TEXT.index("Pakistan")
        end = TEXT.index(".", start) + 1
        entry = ClaimCreate(
            source=article.id,
            subject="PAK",
            predicate="supports",
            object="isf",
            value=value,
            quote=quote or TEXT[start:end],
            quote_start=None if quote else start,
            quote_end=None if quote else end,
            paraphrase=quote is not None,
            credibility="3",
            status="proposed",
            extracted_by="manual",
        )
        return record_claim(store, entry, by=by)


@pytest.mark.usefixtures("accounts")
def test_the_queue_shows_proposed_claims_with_their_quote_in_context(
    client: TestClient, web_url: str
) -> None:
    claim = propose(web_url, by="ana")
    login(client, "vic")
    page = client.get("/review")
    assert page.status_code == 200
    assert f'id="claim-{claim.id}"' in page.text
    assert f"<mark>{claim.quote}</mark>" in page.text
    assert "recorded by ana" in page.text
    # a viewer sees no action
    assert f'action="/review/{claim.id}/accept"' not in page.text
    api = client.get("/api/review").json()
    assert [c["id"] for c in api] == [claim.id]
    assert api[0]["status"] == "proposed" and api[0]["subject"]["id"] == "PAK"


@pytest.mark.usefixtures("accounts")
def test_a_second_reviewer_accepts_and_is_recorded(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="ana")
    token = login(client, "rev")
    page = client.get("/review")
    assert f'action="/review/{claim.id}/accept"' in page.text
    answer = client.post(
        f"/review/{claim.id}/accept",
        data={"csrf_token": token, "note": "read it", "next": "/review"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/review"
    with open_store(web_url) as store:
        stored = require_claim(store, claim.id)
        assert stored.status is Status.ACCEPTED
        assert stored.reviewed_by == "rev" and stored.recorded_by == "rev"
        assert stored.note == "read it" and stored.revision == 2
    history = client.get(f"/api/claims/{claim.id}/history").json()
    assert [h["revision"] for h in history] == [1, 2]
    assert history[1]["changes"]["status"] == ["proposed", "accepted"]
    assert "rev" in client.get(f"/claims/{claim.id}").text
    assert f'id="claim-{claim.id}"' not in client.get("/review").text


@pytest.mark.usefixtures("accounts")
def test_a_reviewer_cannot_accept_a_claim_they_recorded(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="rita")
    token = login(client, "rita")
    assert "another reviewer must accept it" in client.get("/review").text
    with open_store(web_url) as store:
        before = snapshot(store)
    answer = client.post(f"/api/claims/{claim.id}/accept", headers={"X-CSRF-Token": token})
    assert answer.status_code == 400
    assert "two-person rule" in answer.json()["error"]
    form = client.post(f"/review/{claim.id}/accept", data={"csrf_token": token})
    assert form.status_code == 400 and "two-person rule" in form.text
    with open_store(web_url) as store:
        assert snapshot(store) == before
    # rejecting one's own proposal is allowed: it feeds nothing
    assert client.post(f"/api/claims/{claim.id}/reject", headers={"X-CSRF-Token": token}).json()[
        "status"
    ] == ("rejected")


@pytest.mark.usefixtures("accounts")
@pytest.mark.parametrize("name", ["vic", "ana"])
def test_only_reviewers_decide(client: TestClient, web_url: str, name: str) -> None:
    claim = propose(web_url, by="rev")
    token = login(client, name)
    answer = client.post(f"/api/claims/{claim.id}/accept", headers={"X-CSRF-Token": token})
    assert answer.status_code == 403
    with open_store(web_url) as store:
        assert require_claim(store, claim.id).status is Status.PROPOSED


@pytest.mark.usefixtures("accounts")
def test_a_write_without_the_csrf_token_is_refused(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="ana")
    login(client, "rev")
    answer = client.post(f"/review/{claim.id}/accept", data={"note": "x"})
    assert answer.status_code == 403
    api = client.post(f"/api/claims/{claim.id}/reject")
    assert api.status_code == 403
    with open_store(web_url) as store:
        assert require_claim(store, claim.id).status is Status.PROPOSED


@pytest.mark.usefixtures("accounts")
def test_an_analyst_edits_a_claim_as_a_new_revision(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="rev")
    token = login(client, "ana")
    answer = client.patch(
        f"/api/claims/{claim.id}",
        json={"credibility": "2", "date": "2025-11-29", "note": "second source"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["credibility"] == 2 and answer.json()["recorded_by"] == "ana"
    page = client.get(f"/claims/{claim.id}")
    form = client.post(
        f"/claims/{claim.id}/edit",
        data={
            "csrf_token": token,
            "subject": "PAK",
            "predicate": "supports",
            "object": "isf",
            "value": "police training",
            "date": "2025-11-29",
            "place": "",
            "polarity": "affirms",
            "credibility": "2",
            "note": "wording",
        },
        follow_redirects=False,
    )
    assert 'id="edit"' in page.text and form.status_code == 303, form.text
    with open_store(web_url) as store:
        revisions = claim_history(store, claim.id)
    assert [r.recorded_by for r in revisions] == ["rev", "ana", "ana"]
    assert revisions[-1].value == "police training" and revisions[-1].status is Status.PROPOSED
    bad = client.patch(
        f"/api/claims/{claim.id}", json={"date": "2025-13-45"}, headers={"X-CSRF-Token": token}
    )
    assert bad.status_code == 400 and bad.json()["field"] == "date"


@pytest.mark.usefixtures("accounts")
def test_a_stored_script_in_a_quote_stays_text(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="ana", quote=f"He said {HOSTILE} loudly", value=HOSTILE)
    login(client, "rev")
    for path in ("/review", f"/claims/{claim.id}"):
        page = client.get(path)
        assert HOSTILE not in page.text
        assert "&lt;script&gt;" in page.text


def test_the_queue_pages_in_sql(
    client: TestClient, web_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [propose(web_url, by="ana", value=f"task {i}") for i in range(55)]
    first = client.get("/api/review", params={"size": 50}).json()
    second = client.get("/api/review", params={"size": 50, "page": 2}).json()
    assert len(first) == 50 and len(second) == 5
    assert {c["id"] for c in first + second} == {c.id for c in made}
    page = client.get("/review?page=2")
    assert "page 2 of 2" in page.text and 'rel="next"' not in page.text
    assert client.get("/review?page=0").status_code == 400
    monkeypatch.setattr(review_routes, "COUNT_CAP", 10)  # a long queue is not counted whole
    first_page = client.get("/review")
    assert "More than 10 proposed claims" in first_page.text
    assert "page 1</span>" in first_page.text and 'rel="next"' in first_page.text
