"""`forcevet ingest --cluster`: parsing --cluster, what happens without dask installed,
and a run through the module's cluster (its scheduler's tcp:// address)."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from forcevet.cluster.client import ClusterSpec, parse_cluster, require_distributed
from forcevet.errors import InputError
from tests.conftest import Cli

CASES = {
    "local:2": ClusterSpec(None, 2),
    "local:1": ClusterSpec(None, 1),
    "tcp://10.0.0.5:8786": ClusterSpec("tcp://10.0.0.5:8786"),
    "tls://scheduler.example.org:8786": ClusterSpec("tls://scheduler.example.org:8786"),
}
BAD = ["local:0", "local:999", "remote", "tcp://host", "tcp://host:0", "http://host:8786", ""]


@pytest.mark.parametrize("value", sorted(CASES))
def test_parse_cluster(value: str) -> None:
    assert parse_cluster(value) == CASES[value]


@pytest.mark.parametrize("value", BAD)
def test_parse_cluster_refuses(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_cluster(value)
    assert caught.value.field == "cluster"


def test_without_dask_cluster_exits_2_saying_what_to_install(
    cli: Cli, articles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(InputError, match=r"pip install 'forcevet\[cluster\]'"):
        require_distributed()
    before = cli.snapshot()
    result = cli("ingest", articles[0], "--cluster", "local:1")
    assert result.exit_code == 2
    assert "pip install 'forcevet[cluster]'" in result.output
    assert cli.snapshot() == before


def test_resume_needs_cluster(cli: Cli, articles: list[str]) -> None:
    result = cli("ingest", articles[0], "--resume")
    assert result.exit_code == 2
    assert "--resume continues an interrupted --cluster run" in result.output


def test_ingest_on_a_running_scheduler(cli: Cli, client: Any, articles: list[str]) -> None:
    client.wait_for_workers(2)
    address = client.scheduler.address
    result = cli("ingest", *articles[:3], "--cluster", address, "--date", "2026-02-20", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["sources"] == 3
    assert summary["workers"] == 2
    assert summary["failed"] == []
    again = cli("ingest", *articles[:3], "--cluster", address, "--resume")
    assert again.exit_code == 0, again.output
    assert "0 sources stored from 3 files" in again.output
    assert "3 files already stored, skipped (--resume)" in again.output


def test_every_file_failing_exits_1(cli: Cli, client: Any, tmp_path: Any) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = cli("ingest", str(empty), "--cluster", client.scheduler.address)
    assert result.exit_code == 1
    assert f"failed  {empty}: " in result.output
    assert "the file is empty" in result.output


def test_no_scheduler_at_the_address_exits_2(
    cli: Cli, articles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from forcevet.cluster import client

    monkeypatch.setattr(client, "CONNECT_SECONDS", 2)
    before = cli.snapshot()
    result = cli("ingest", articles[0], "--cluster", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "no dask scheduler answers at tcp://127.0.0.1:9" in result.output
    assert cli.snapshot() == before
