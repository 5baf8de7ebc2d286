"""Sources and ingest: the list with grades and counts, a source's text with its claims
marked, and an ingest from the browser or the API that stores all or nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from forcevet.model.claims import Claim, ClaimCreate
from forcevet.reports.marked import mark_claims
from forcevet.store.claims import record_claim
from forcevet.store.store import open_store
from tests.conftest import snapshot, source
from tests.web.conftest import login

ARTICLE = (
    "Pakistan ready to join Gaza force\n"
    "Date: 2025-11-29\n\n"
    "Pakistan will send troops to the International Stabilization Force in Gaza, Foreign "
    "Minister Ishaq Dar said on Saturday. Indonesia has offered 20,000 troops for the force.\n"
)
HOSTILE = "<script>alert('x')</script>"


def quoted_source(web_url: str, title: str = "Dar on the ISF") -> tuple[str, list[Claim]]:
    """Store a source and two claims quoting overlapping parts of it; return them."""
    text = "Pakistan will train police. It will not disarm Hamas, Dar said."
    with open_store(web_url) as store, store.transaction():
        article = source(store, title=title, text=text, url="https://example.org/dar")
        claims = [
            record_claim(
                store,
                ClaimCreate(
                    source=article.id,
                    subject="PAK",
                    predicate="supports",
                    object="isf",
                    value=value,
                    quote=text[start:end],
                    quote_start=start,
                    quote_end=end,
                    credibility="2",
                    status="proposed",
                ),
                by="ana",
            )
            for value, start, end in (("police", 0, 27), ("not disarming", 9, 52))
        ]
    return article.id, claims


def test_mark_claims_cuts_overlapping_quotes() -> None:
    text = "abcdefghij"
    claims = [
        Claim(**BASE, id="one", quote="bcde", quote_start=1, quote_end=5),  # type: ignore[arg-type]
        Claim(**BASE, id="two", quote="defg", quote_start=None, quote_end=None),  # type: ignore[arg-type]
        Claim(**BASE, id="three", quote="zz", quote_start=None, quote_end=None),  # type: ignore[arg-type]
    ]
    pieces, unplaced = mark_claims(text, claims)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.claims, p.starts) for p in pieces] == [
        ("a", (), ()),
        ("bc", ("one",), ("one",)),
        ("de", ("one", "two"), ("two",)),
        ("fg", ("two",), ()),
        ("hij", (), ()),
    ]
    assert [c.id for c in unplaced] == ["three"]


BASE = {
    "revision": 1,
    "source_id": "src",
    "subject_id": "PAK",
    "predicate": "supports",
    "object_id": None,
    "value": None,
    "time": None,
    "place": None,
    "polarity": "affirms",
    "paraphrase": False,
    "credibility": 2,
    "status": "proposed",
    "extracted_by": "manual",
    "reported_by_id": None,
    "recorded_by": "ana",
    "recorded_at": "2026-01-01",
}


def test_the_sources_page_lists_grades_and_claim_counts(client: TestClient, web_url: str) -> None:
    source_id, _ = quoted_source(web_url)
    page = client.get("/sources")
    assert page.status_code == 200
    assert f'href="/sources/{source_id}"' in page.text
    assert f'<a href="/review?source={source_id}">2</a>' in page.text
    listed = client.get("/api/sources").json()
    assert source_id in {s["id"] for s in listed}
    assert all("reliability" in s for s in listed)


def test_a_source_page_marks_every_claim_in_its_text(client: TestClient, web_url: str) -> None:
    source_id, (police, disarm) = quoted_source(web_url)
    page = client.get(f"/sources/{source_id}")
    assert page.status_code == 200
    assert f'<mark id="claim-{police.id}"' in page.text
    assert f'<mark id="claim-{disarm.id}"' in page.text
    assert f'href="/claims/{police.id}"' in page.text
    api = client.get(f"/api/sources/{source_id}").json()
    assert {c["id"] for c in api["claims"]} == {police.id, disarm.id}
    assert api["text"].startswith("Pakistan will train police.")
    assert client.get("/sources/src-nothere").status_code == 404


def test_a_stored_script_in_a_title_stays_text(client: TestClient, web_url: str) -> None:
    source_id, _ = quoted_source(web_url, title=f"Dar {HOSTILE}")
    for path in ("/sources", f"/sources/{source_id}"):
        page = client.get(path)
        assert HOSTILE not in page.text and "&lt;script&gt;" in page.text


@pytest.mark.usefixtures("accounts")
def test_an_ingested_paste_sends_its_proposals_to_the_queue(
    client: TestClient, web_url: str
) -> None:
    token = login(client, "ana")
    form = client.get("/ingest")
    assert form.status_code == 200 and 'name="text"' in form.text
    answer = client.post(
        "/ingest",
        data={"csrf_token": token, "text": ARTICLE, "kind": "wire", "fast": "true"},
    )
    assert answer.status_code == 200, answer.text
    assert 'id="ingest-result"' in answer.text
    with open_store(web_url) as store:
        rows = store.connection.exec_driver_sql(
            "SELECT c.id, c.created_by, s.kind FROM claims c JOIN sources s ON s.id = c.source_id "
            "JOIN claim_revisions r ON r.claim_id = c.id AND r.revision = c.head "
            "WHERE r.status = 'proposed'"
        ).all()
    assert rows and {(by, kind) for _, by, kind in rows} == {("ana", "wire")}
    queue = client.get("/review").text
    for claim_id, _, _ in rows:
        assert f'id="claim-{claim_id}"' in queue and f'href="/claims/{claim_id}"' in answer.text


@pytest.mark.usefixtures("accounts")
@pytest.mark.parametrize(
    ("data", "upload", "message"),
    [
        ({"text": ARTICLE, "date": "2025-02-30"}, None, "date"),
        ({"text": "   "}, None, "empty"),
        ({}, ("article.txt", b"Pakistan \xff\xfe troops"), "not UTF-8"),
        ({}, ("article.txt", b""), "empty"),
    ],
)
def test_bad_input_to_ingest_is_a_400_and_stores_nothing(
    client: TestClient,
    web_url: str,
    data: dict[str, str],
    upload: tuple[str, bytes] | None,
    message: str,
) -> None:
    token = login(client, "ana")
    with open_store(web_url) as store:
        before = snapshot(store)
    answer = client.post(
        "/ingest",
        data={"csrf_token": token, "fast": "true", **data},
        files={"file": upload} if upload else None,
    )
    assert answer.status_code == 400, answer.text
    assert message in answer.text
    with open_store(web_url) as store:
        assert snapshot(store) == before


@pytest.mark.usefixtures("accounts")
def test_ingest_needs_an_analyst_and_the_csrf_token(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store:
        before = snapshot(store)
    token = login(client, "vic")
    assert client.post("/ingest", data={"csrf_token": token, "text": ARTICLE}).status_code == 403
    login(client, "ana")
    assert client.post("/ingest", data={"text": ARTICLE}).status_code == 403
    with open_store(web_url) as store:
        assert snapshot(store) == before


@pytest.mark.usefixtures("accounts")
def test_the_ingest_api_answers_as_the_command_line(client: TestClient) -> None:
    token = login(client, "ana")
    answer = client.post(
        "/api/ingest",
        json={"text": ARTICLE, "file_name": "dar.md", "fast": True, "kind": "news"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    record = answer.json()
    assert record["sources"][0]["file"] == "dar.md" and record["sources"][0]["date"] == "2025-11-29"
    assert record["claims"] and all(c["recorded_by"] == "ana" for c in record["claims"])
    again = client.post(
        "/api/ingest",
        json={"text": ARTICLE, "file_name": "dar.md", "fast": True},
        headers={"X-CSRF-Token": token},
    ).json()
    assert again["duplicates"] and not again["claims"]
