"""The job registry's limits: one account cannot fill the queue, and the queue is bounded."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from forcevet.store.store import Store
from forcevet.web.jobs import ACTIVE, PER_ACCOUNT, Job, TooBusy, job_registry


def test_jobs_beyond_the_limits_are_refused_until_one_ends(client: TestClient) -> None:
    registry = job_registry(client.app)
    release = threading.Event()

    def wait(_store: Store, _job: Job) -> tuple[str, dict[str, Any]]:
        assert release.wait(30)
        return "/", {}

    try:
        for _ in range(PER_ACCOUNT):
            registry.submit("test", wait, by="ana")
        with pytest.raises(TooBusy, match="ana has 2 jobs waiting or running"):
            registry.submit("test", wait, by="ana")
        for n in range(ACTIVE - PER_ACCOUNT):
            registry.submit("test", wait, by=f"user{n}")
        with pytest.raises(TooBusy, match=f"{ACTIVE} jobs are waiting or running"):
            registry.submit("test", wait, by="someone-else")
    finally:
        release.set()
    registry.executor.shutdown(wait=True)
    assert not any(job.active for job in registry.jobs.values())


def test_too_busy_is_a_429_with_its_reason(client: TestClient) -> None:
    registry = job_registry(client.app)
    release = threading.Event()

    def wait(_store: Store, _job: Job) -> tuple[str, dict[str, Any]]:
        assert release.wait(30)
        return "/", {}

    try:
        for _ in range(PER_ACCOUNT):  # the local user of a store without accounts
            registry.submit("test", wait, by="local-analyst")
        page = client.get("/")
        answer = client.post(
            "/api/runs",
            json={},
            headers={"x-csrf-token": page.text.split('data-csrf="')[1].split('"')[0]},
        )
        assert answer.status_code == 429, answer.text
        assert "wait for one to finish" in answer.json()["error"]
    finally:
        release.set()
