"""The candidates page's assessment form, its background job, and the runs API."""

from __future__ import annotations

import time
from importlib import resources
from typing import Any

import pytest
from fastapi.testclient import TestClient

from forcevet.assessment.runs import list_runs, require_run
from forcevet.cases.assess import AssessmentRequest, assess_case
from forcevet.errors import InputError
from forcevet.model.actors import Actor, ActorKind
from forcevet.store.actors import save_actors
from forcevet.store.store import Store, open_store
from forcevet.store.users import add_token
from forcevet.web.jobs import Job, job_registry
from tests.web.conftest import csrf_of, login

LEFT_OUT = "src-92468d47c0"  # "Pakistan ready to take part in Gaza stabilisation force"
FEW = "500"  # samples: enough to run, quick to draw


def wait_for(client: TestClient, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
    """Poll the job as the page's script does until it ends; return its last record."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end in {timeout} s")


def form(token: str, **fields: Any) -> dict[str, Any]:
    return {"csrf_token": token, "case": "gaza-isf", "samples": FEW} | fields


def test_the_page_offers_the_form_with_the_case_candidates_and_sources(
    client: TestClient,
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="assess-form"' in page.text
    assert 'name="candidates" value="PAK" checked' in page.text
    assert f'<option value="{LEFT_OUT}">' in page.text
    assert 'id="runs"' in page.text  # the recent runs, with the fixture's plain run


def test_a_run_without_a_source_is_a_what_if_run_equal_to_the_library_s(
    client: TestClient, web_url: str
) -> None:
    token = csrf_of(client.get("/").text)
    started = client.post(
        "/runs",
        data=form(token, candidates=["IDN", "PAK"], without_sources=[LEFT_OUT]),
        follow_redirects=False,
    )
    assert started.status_code == 303
    waiting = client.get(started.headers["location"])
    job_id = started.headers["location"].split("job=")[1]
    assert f'data-poll="/api/jobs/{job_id}"' in waiting.text
    assert "<progress" in waiting.text

    job = wait_for(client, job_id)
    assert job["state"] == "done", job["message"]
    assert job["redirect"].endswith(f"run={job['result']['run']}")
    shown = client.get(job["redirect"])
    assert f"without {LEFT_OUT}" in shown.text
    assert "/candidates/PAK?run=" + job["result"]["run"] in shown.text

    with open_store(web_url) as store:
        stored = require_run(store, job["result"]["run"])
        assert stored["run"]["created_by"] == "local-analyst"
        assert stored["run"]["params"]["plain"] is False
        with store.transaction():  # the same options through the library: the same run
            direct = assess_case(
                store,
                AssessmentRequest(
                    case="gaza-isf",
                    candidates=("IDN", "PAK"),
                    without_sources=(LEFT_OUT,),
                    samples=int(FEW),
                ),
                by="someone else",
            )
    assert direct["run"]["id"] == stored["run"]["id"]
    assert direct["candidates"] == stored["candidates"]
    assert [c["id"] for c in stored["candidates"]] in (["IDN", "PAK"], ["PAK", "IDN"])


def test_an_uploaded_rubric_makes_a_what_if_run(client: TestClient, web_url: str) -> None:
    bundled = resources.files("forcevet.data").joinpath("rubrics", "stabilization-force.yaml")
    changed = bundled.read_text("utf-8").replace("risk_threshold: 0.4", "risk_threshold: 0.2")
    assert "risk_threshold: 0.2" in changed
    token = csrf_of(client.get("/").text)
    started = client.post(
        "/runs",
        data=form(token),
        files={"rubric_file": ("lower-threshold.yaml", changed.encode(), "text/yaml")},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    job = wait_for(client, started.headers["location"].split("job=")[1])
    assert job["state"] == "done", job["message"]
    with open_store(web_url) as store:
        stored = require_run(store, job["result"]["run"])
    assert stored["threshold"] == 0.2
    assert stored["run"]["params"]["plain"] is False


def test_bad_options_are_refused_before_anything_runs(client: TestClient, web_url: str) -> None:
    token = csrf_of(client.get("/").text)
    with open_store(web_url) as store:
        before = len(list_runs(store))
    bad_day = client.post("/runs", data=form(token, as_of="1 March"))
    assert bad_day.status_code == 400
    assert "as_of" in bad_day.text
    bad_rubric = client.post(
        "/runs",
        data=form(token),
        files={"rubric_file": ("broken.yaml", b"id: [unclosed", "text/yaml")},
    )
    assert bad_rubric.status_code == 400
    assert "broken.yaml" in bad_rubric.text
    too_few = client.post("/api/runs", json={"samples": 5}, headers={"x-csrf-token": token})
    assert too_few.status_code == 400
    assert too_few.json()["field"] == "samples"
    with open_store(web_url) as store:
        assert len(list_runs(store)) == before


@pytest.mark.usefixtures("accounts")
def test_a_viewer_may_look_but_not_run(client: TestClient) -> None:
    token = login(client, "vic")
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="assess-form"' not in page.text
    assert 'id="no-assess"' in page.text
    refused = client.post("/runs", data=form(token))
    assert refused.status_code == 403
    api = client.post("/api/runs", json={"samples": 500}, headers={"x-csrf-token": token})
    assert api.status_code == 403


@pytest.mark.usefixtures("accounts")
def test_an_analyst_s_run_without_the_csrf_token_is_refused(client: TestClient) -> None:
    login(client, "ana")
    refused = client.post("/runs", data={"case": "gaza-isf", "samples": FEW})
    assert refused.status_code == 403


@pytest.mark.usefixtures("accounts")
def test_the_api_runs_for_a_token_and_records_its_account(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store, store.transaction():
        _, token = add_token(store, "ana", label="script")
    headers = {"authorization": f"Bearer {token}"}
    started = client.post(
        "/api/runs",
        json={"candidates": ["PAK", "IDN"], "two_person": True, "samples": 500, "seed": 3},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    assert started.json()["state"] in ("queued", "running", "done")
    deadline = time.monotonic() + 60
    while (job := client.get(started.headers["location"], headers=headers).json())["state"] in (
        "queued",
        "running",
    ):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert job["state"] == "done", job["message"]
    run = client.get(f"/api/runs/{job['result']['run']}", headers=headers).json()
    assert run["run"]["created_by"] == "ana"
    assert run["run"]["params"]["two_person"] is True
    assert run["run"]["params"]["seed"] == 3


def test_an_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/api/jobs/job-nothing").status_code == 404


def test_a_stored_script_in_a_candidate_s_name_stays_text(client: TestClient, web_url: str) -> None:
    evil = "<script>alert(1)</script>"
    with open_store(web_url) as store, store.transaction():
        save_actors(store, [Actor(id="EVL", kind=ActorKind.STATE, name=f"{evil} Land")])
        run = assess_case(
            store, AssessmentRequest(candidates=("PAK", "EVL"), samples=500), by="tester"
        )
    page = client.get(f"/?run={run['run']['id']}")
    assert page.status_code == 200
    assert evil not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Land (EVL)" in page.text


def test_a_failing_job_ends_failed_with_its_message(client: TestClient) -> None:
    registry = job_registry(client.app)

    def refuse(_store: Store, job: Job) -> tuple[str, dict[str, Any]]:
        job.report(0.5, "half way")
        raise InputError("no such thing", field="thing")

    def crash(_store: Store, _job: Job) -> tuple[str, dict[str, Any]]:
        raise RuntimeError("disk on fire")

    refused = wait_for(client, registry.submit("test", refuse, by="tester").id)
    assert refused["state"] == "failed"
    assert refused["message"] == "thing: no such thing"
    assert refused["redirect"] is None
    crashed = wait_for(client, registry.submit("test", crash, by="tester").id)
    assert crashed["state"] == "failed"
    assert "RuntimeError: disk on fire" in crashed["message"]
