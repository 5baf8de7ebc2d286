"""Fixtures: one LocalCluster of two worker processes (one thread each) for the whole
module, since each worker loads spaCy's pipeline (seconds); a folder of real articles
(the test articles and some of the development set's); and a store holding the bundled
scenario, so that the recognizer knows the actors the articles name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.articles.service import IngestOptions
from forcevet.ingest.scenario import load_scenario
from forcevet.store.actors import load_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.setup import init_store
from forcevet.store.sources import list_sources
from forcevet.store.store import Store, open_store

TESTS = Path(__file__).resolve().parents[1]
OPTIONS = IngestOptions(kind="news", date="2026-02-20", by="test")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as opened,
    ):
        yield opened


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Write 14 real articles, one a file; return their paths."""
    folder = tmp_path_factory.mktemp("articles")
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((TESTS / "fixtures" / "articles").glob("*.txt"))
    ]
    for path in sorted((TESTS / "devset").glob("*.yaml")):
        texts += [
            a["text"] for a in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"][:4]
        ]
    paths = []
    for number, text in enumerate(texts[:14]):
        path = folder / f"{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def scenario() -> Iterator[Store]:
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        yield store


@pytest.fixture
def scenario_file(tmp_path: Path) -> str:
    """Return the address of a SQLite file holding the scenario: what is committed there
    is what another connection (the next run) sees."""
    url = f"sqlite:///{tmp_path / 'forcevet.db'}"
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    return url


def records(store: Store) -> dict[str, list[str]]:
    """Return the store's claims, sources and actors, without the times they were written."""
    return {
        "claims": sorted(
            repr(replace(c, recorded_at="", reviewed_at=None))
            for c in list_claims(store, ClaimFilter())
        ),
        "sources": sorted(repr(replace(s, added_at="")) for s in list_sources(store)),
        "actors": sorted(repr(a) for a in load_actors(store, unreviewed=True)),
    }
