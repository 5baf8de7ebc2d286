"""Background jobs of the workspace: long library calls run off the request, polled by the page.

A small registry per application on a thread pool: a job is submitted with the
work to do, runs on its own store connection (a request's connection closes
when the request ends), reports its progress, and ends with the page to show
(``redirect``) or the error's message. Jobs live in memory only: a restarted
server forgets them, and the runs they stored stay in the store.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fastapi import FastAPI

from forcevet.errors import ForcevetError, NotFoundError
from forcevet.settings import Settings
from forcevet.store.store import Store

log = logging.getLogger(__name__)

WORKERS = 2  # assessments are CPU-bound; more threads would only share the same cores
KEPT = 200  # finished jobs remembered, oldest forgotten first
# Jobs waiting or running at once: a frontier is ~30 s of CPU, and anyone who may read
# may trace one, so one account cannot fill the queue and the queue cannot grow.
PER_ACCOUNT = 2
ACTIVE = 6


class TooBusy(Exception):
    """Too many jobs are waiting or running (429): wait for one to finish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JobState(StrEnum):
    """Where a job is: waiting for a worker, running, done or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class Job:
    """One background job: who started it, how far it is, and where its result is."""

    id: str
    kind: str
    by: str
    state: JobState = JobState.QUEUED
    progress: float = 0.0
    message: str = "waiting for a worker"
    redirect: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def active(self) -> bool:
        """Whether the job is waiting or running."""
        with self.lock:
            return self.state in (JobState.QUEUED, JobState.RUNNING)

    def report(self, share: float, message: str) -> None:
        """Record how far the job has got (``share`` of the work, 0-1) and what it does."""
        with self.lock:
            self.progress = max(0.0, min(1.0, share))
            self.message = message

    def to_dict(self) -> dict[str, Any]:
        """Return the job's JSON record, as /api/jobs/{id} answers and data-poll reads."""
        with self.lock:
            return {
                "id": self.id,
                "kind": self.kind,
                "by": self.by,
                "state": self.state.value,
                "progress": round(self.progress, 3),
                "message": self.message,
                "redirect": self.redirect,
                "result": dict(self.result),
            }


# The work of a job: given its store (in no transaction yet) and the job to report
# progress on, return (the page to show when done, a small JSON result).
Work = Callable[[Store, Job], tuple[str, dict[str, Any]]]


class JobRegistry:
    """The jobs of one application, run on a thread pool, each on its own connection."""

    def __init__(self, engine: Any, settings: Settings, workers: int = WORKERS) -> None:
        self.engine = engine
        self.settings = settings
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="forcevet-job")
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()

    def submit(self, kind: str, work: Work, *, by: str) -> Job:
        """Queue ``work`` and return its job at once, or raise TooBusy when ``by`` has
        PER_ACCOUNT jobs waiting or running, or everyone ACTIVE."""
        job = Job(id="job-" + secrets.token_hex(8), kind=kind, by=by)
        with self.lock:
            active = [j for j in self.jobs.values() if j.active]
            if sum(j.by == by for j in active) >= PER_ACCOUNT:
                raise TooBusy(
                    f"{by} has {PER_ACCOUNT} jobs waiting or running; wait for one to finish"
                )
            if len(active) >= ACTIVE:
                raise TooBusy(f"{len(active)} jobs are waiting or running; wait for one to finish")
            self.jobs[job.id] = job
            while len(self.jobs) > KEPT:
                self.jobs.popitem(last=False)
        self.executor.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Work) -> None:
        with job.lock:
            job.state = JobState.RUNNING
            job.message = "started"
        try:
            with self.engine.connect() as connection:
                store = Store(connection, self.settings.db_url, self.settings.busy_timeout)
                redirect, result = work(store, job)
        except ForcevetError as exc:
            self._finish(job, JobState.FAILED, str(exc))
        except Exception as exc:  # a job must end, whatever happened; the log keeps the trace
            log.exception("job %s failed", job.id)
            self._finish(job, JobState.FAILED, f"failed: {exc.__class__.__name__}: {exc}")
        else:
            self._finish(job, JobState.DONE, "done", redirect=redirect, result=result)

    @staticmethod
    def _finish(
        job: Job,
        state: JobState,
        message: str,
        *,
        redirect: str | None = None,
        result: dict[str, Any] | None = None,
    ) -> None:
        with job.lock:
            job.state = state
            job.message = message
            job.redirect = redirect
            job.result = result or {}
            if state is JobState.DONE:
                job.progress = 1.0

    def require(self, job_id: str) -> Job:
        """Return a job by id, or raise NotFoundError."""
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None:
            raise NotFoundError(
                f'no job "{job_id}" (jobs are forgotten when the server restarts)', field="job"
            )
        return job


_CREATE = threading.Lock()


def job_registry(app: FastAPI) -> JobRegistry:
    """Return the application's job registry, made on first use."""
    with _CREATE:
        registry = getattr(app.state, "jobs", None)
        if not isinstance(registry, JobRegistry):
            registry = JobRegistry(app.state.engine, app.state.settings)
            app.state.jobs = registry
        return registry
