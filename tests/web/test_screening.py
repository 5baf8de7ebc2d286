"""Screening from the browser and the API: names against the case store's UN listings
(Lashkar-e-Taiba QDe.118 and Jaish-e-Mohammed QDe.019), with why each matched."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from forcevet.screening.listings import listings_state
from forcevet.store.designations import list_designations, save_designations
from forcevet.store.store import open_store
from tests.web.conftest import csrf_of, login

HOSTILE = "<script>alert('x')</script>"


def test_match_finds_the_un_listed_group_for_a_spelling_variant(client: TestClient) -> None:
    answer = client.post(
        "/api/match",
        json={
            "queries": {
                "q1": {"schema": "Organization", "properties": {"name": ["Lashkar e Toiba"]}},
                "q2": {"schema": "Person", "properties": {"name": ["Jane Nobody"]}},
            }
        },
        headers={"X-CSRF-Token": csrf_of(client.get("/screen").text)},
    )
    assert answer.status_code == 200, answer.text
    responses = answer.json()["responses"]
    best = responses["q1"]["results"][0]
    assert best["actor_id"] == "lashkar-e-taiba" and best["reference"] == "QDe.118"
    assert best["match"] is True and best["score"] >= 0.7 and best["explanation"]
    assert responses["q2"]["results"] == []


def test_match_refuses_a_malformed_query(client: TestClient) -> None:
    token = csrf_of(client.get("/screen").text)
    bad = client.post(
        "/api/match",
        json={"queries": {"q1": {"schema": "Vessel", "properties": {"name": ["x"]}}}},
        headers={"X-CSRF-Token": token},
    )
    assert bad.status_code == 400 and bad.json()["field"] == "queries.q1.schema"


def test_the_screen_api_answers_as_the_command_line(client: TestClient) -> None:
    found = client.get("/api/screen", params={"name": ["Jaish-i-Mohammed", "Nobody at all"]})
    assert found.status_code == 200, found.text
    first, second = found.json()
    assert first["query"] == "Jaish-i-Mohammed"
    assert first["matches"][0]["actor_id"] == "jaish-e-mohammed"
    assert {"score", "method", "explanation", "features"} <= set(first["matches"][0])
    assert second == {"query": "Nobody at all", "matches": []}
    assert client.get("/api/screen").status_code == 400


@pytest.mark.usefixtures("accounts")
def test_the_page_screens_pasted_names_and_a_file(client: TestClient) -> None:
    token = login(client, "vic")  # screening writes nothing: a viewer may
    page = client.post(
        "/screen",
        data={"csrf_token": token, "names": f"Lashkar e Toiba\n{HOSTILE}\n"},
        files={"file": ("names.txt", b"# a comment\nJaish-i-Mohammed\n")},
    )
    assert page.status_code == 200, page.text
    assert "QDe.118" in page.text and "QDe.019" in page.text
    assert HOSTILE not in page.text and "&lt;script&gt;" in page.text
    assert "no match at or above the threshold" in page.text
    bad = client.post(
        "/screen", data={"csrf_token": token, "names": "x"}, files={"file": ("n.txt", b"\xff")}
    )
    assert bad.status_code == 400 and "not UTF-8" in bad.text
    assert client.post("/screen", data={"names": "Lashkar e Toiba"}).status_code == 403


def test_the_matcher_is_kept_until_the_listings_change(client: TestClient, web_url: str) -> None:
    client.get("/api/screen", params={"name": "Lashkar e Toiba"})
    kept = client.app.state.screeners[None]  # type: ignore[attr-defined]
    client.get("/api/screen", params={"name": "HAMAS"})
    assert client.app.state.screeners[None] is kept  # type: ignore[attr-defined]
    with open_store(web_url) as store, store.transaction():
        before = listings_state(store)
        listing = next(d for d in list_designations(store) if d.reference == "QDe.118")
        save_designations(store, [dataclasses.replace(listing, delisted_on="2026-01-01")])
        assert listings_state(store) != before
    gone = client.get("/api/screen", params={"name": "Lashkar e Toiba"}).json()[0]
    assert client.app.state.screeners[None] is not kept  # type: ignore[attr-defined]
    assert all(m["reference"] != "QDe.118" for m in gone["matches"])


def test_the_screening_csv_uses_the_kept_matcher(client: TestClient) -> None:
    answer = client.get("/exports/csv", params={"table": "screening", "name": "Jaish-i-Mohammed"})
    assert answer.status_code == 200 and "QDe.019" in answer.text
    kept = client.app.state.screeners[None]  # type: ignore[attr-defined]
    client.get("/api/screen", params={"name": "HAMAS"})
    assert client.app.state.screeners[None] is kept  # type: ignore[attr-defined]
