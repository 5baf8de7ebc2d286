"""`forcevet screen --cluster`: the same results as the single-process screen, in input
order, with the listings sent to each worker once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from forcevet.cluster.screen import screen_on_cluster
from forcevet.screening.screen import screen_names
from forcevet.store.store import open_store
from tests.conftest import Cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
NAMES = ["محمد مسعود اظہر", "HAMAS", "John Smith", "LeT", "Lashkar e Toiba", "Hamas", "Nobody"]


def test_screen_on_a_cluster_gives_the_single_process_results(
    cli: Cli, client: Any, tmp_path: Path
) -> None:
    assert cli("import", "un-sc", str(FIXTURES / "un-sc-small.xml")).exit_code == 0
    assert cli("import", "designations", str(FIXTURES / "hamas-listings.csv")).exit_code == 0
    names = tmp_path / "names.txt"
    names.write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    here = cli("screen", "--file", str(names), "--json")
    there = cli("screen", "--file", str(names), "--json", "--cluster", client.scheduler.address)
    assert here.exit_code == 0, here.output
    assert there.exit_code == 0, there.output
    assert json.loads(there.stdout) == json.loads(here.stdout)
    assert [r["query"] for r in json.loads(there.stdout)] == NAMES
    assert sum(bool(r["matches"]) for r in json.loads(there.stdout)) >= 4

    with open_store(cli.db_url) as store:  # several partitions come back in input order
        seen: list[int] = []
        results = screen_on_cluster(store, NAMES, client, partition=2, progress=seen.append)
        assert results == screen_names(store, NAMES)
    assert seen == [2, 2, 2, 1]


def test_cluster_is_for_names_not_actors(cli: Cli) -> None:
    result = cli("screen", "--actors", "--cluster", "local:1")
    assert result.exit_code == 2
    assert "--cluster screens names" in result.output
