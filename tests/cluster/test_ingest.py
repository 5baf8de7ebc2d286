"""Ingest on a LocalCluster of two workers stores what the single-process ingest stores,
loses and duplicates nothing when a worker dies mid-run, reports bad files and goes on,
and resumes an interrupted run."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from forcevet.cluster.ingest import ingest_on_cluster
from forcevet.ingest.articles.reading import read_documents
from forcevet.ingest.articles.service import ingest_documents
from forcevet.store.store import Store, open_store
from tests.cluster.conftest import OPTIONS, records


@pytest.fixture(scope="module")
def single(articles: list[str]) -> dict[str, list[str]]:
    """The records the single-process ingest stores for the articles."""
    from forcevet.cases.folder import read_case_folder
    from forcevet.ingest.scenario import load_scenario
    from forcevet.store.setup import init_store
    from forcevet.store.store import open_store

    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        with store.transaction():
            ingest_documents(store, read_documents(articles), OPTIONS)
        return records(store)


def test_same_records_as_single_process(
    client: Any, scenario: Store, articles: list[str], single: dict[str, list[str]]
) -> None:
    client.wait_for_workers(2)
    done: list[str] = []
    result = ingest_on_cluster(
        scenario, articles, OPTIONS, client, partition=3, progress=done.append
    )
    assert records(scenario) == single
    assert result.workers == 2
    assert result.sources == len(articles)
    assert result.failed == []
    assert sorted(done) == sorted(articles)  # each file once
    assert result.report.claim_count > 10  # the articles do propose claims


def test_rerun_adds_nothing(client: Any, scenario: Store, articles: list[str]) -> None:
    ingest_on_cluster(scenario, articles, OPTIONS, client, partition=4)
    before = records(scenario)
    again = ingest_on_cluster(scenario, articles, OPTIONS, client, partition=4)
    assert records(scenario) == before
    assert again.sources == 0
    assert len(again.report.duplicates) == len(articles)


def test_bad_files_are_reported_and_the_run_goes_on(
    client: Any, scenario: Store, articles: list[str], tmp_path: Path
) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01PDF")
    dated = tmp_path / "dated.txt"
    dated.write_text("Date: 2026-13-45\n\nPakistan said it would send troops.\n", encoding="utf-8")
    files = [articles[0], str(binary), articles[1], str(dated)]
    result = ingest_on_cluster(scenario, files, OPTIONS.__class__(kind="news", by="test"), client)
    failed = dict(result.failed)
    assert set(failed) == {str(binary), str(dated)}
    assert "binary file" in failed[str(binary)]
    assert "not a calendar date" in failed[str(dated)]
    assert result.sources == 2


def test_interrupted_run_resumes_without_parsing_what_it_stored(
    client: Any, scenario_file: str, articles: list[str], single: dict[str, list[str]]
) -> None:
    class Interrupted(Exception):
        pass

    seen: list[str] = []

    def stop_after_six(path: str) -> None:
        seen.append(path)
        if len(seen) == 6:
            raise Interrupted

    with open_store(scenario_file) as store, pytest.raises(Interrupted):
        ingest_on_cluster(store, articles, OPTIONS, client, batch=4, progress=stop_after_six)
    with open_store(scenario_file) as store:  # what the interrupted run committed
        stored = records(store)
    assert len(stored["sources"]) == len(single["sources"]) - len(articles) + 4  # one batch
    with open_store(scenario_file) as store:
        resumed = ingest_on_cluster(store, articles, OPTIONS, client, batch=4, resume=True)
    assert resumed.stored == 4  # skipped without being parsed
    assert resumed.sources == len(articles) - 4
    assert resumed.report.duplicates == []
    with open_store(scenario_file) as store:
        assert records(store)["sources"] == single["sources"]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: Any, scenario: Store, articles: list[str], single: dict[str, list[str]]
) -> None:
    client.wait_for_workers(2)
    victim, pid = sorted(client.run(os.getpid).items())[-1]

    def kill_once(_: str) -> None:
        if not killed:  # after the first document, with partitions in flight on both
            killed.append(victim)
            os.kill(pid, signal.SIGKILL)  # as the OOM killer would

    killed: list[str] = []
    result = ingest_on_cluster(scenario, articles, OPTIONS, client, partition=2, progress=kill_once)
    assert killed
    assert victim not in client.scheduler_info(n_workers=-1)["workers"]  # it did die
    assert result.failed == []
    assert records(scenario) == single
