"""A store holding the bundled scenario's actors, for ingest tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.scenario import load_scenario
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store


@pytest.fixture
def scenario_store() -> Iterator[Store]:
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        yield store
