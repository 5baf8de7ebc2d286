"""Fixtures: the matcher loads once per session (seconds, hundreds of MB).

``un_screener`` screens against the real UN list of 2015 and ``un_2020_screener``
against that of 2020 (skipped without ../shared); ``small_screener`` against
tests/fixtures/un-sc-small.xml and the bundled Hamas listings, enough for the weak
spots; ``particles_screener`` against tests/fixtures/un-sc-particles.xml, the names
of 20 listings of the 2020 list.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.screening.listings import Candidate, load_candidates
from forcevet.screening.match import Screener
from forcevet.store.setup import init_store
from forcevet.store.store import open_store
from tests.conftest import SHARED

FIXTURES = Path(__file__).parents[1] / "fixtures"
DATA = Path(__file__).parents[2] / "src" / "forcevet" / "data" / "designations"
UN_2015 = SHARED / "data" / "un-sc" / "consolidated-2015-03-30.xml"
UN_2020 = SHARED / "data" / "un-sc" / "consolidated-2020-03-20.xml"


def candidates_of(*paths: Path) -> list[Candidate]:
    """Return the listings of UN XML files and designation CSVs, imported into a fresh store."""
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            for path in paths:
                if path.suffix == ".xml":
                    import_un_sc(store, path, by="test")
                else:
                    import_designations_csv(store, path, by="test")
        return load_candidates(store)


@pytest.fixture(scope="session")
def small_candidates() -> list[Candidate]:
    return candidates_of(FIXTURES / "un-sc-small.xml", DATA / "hamas-state-listings.csv")


@pytest.fixture(scope="session")
def small_screener(small_candidates: list[Candidate]) -> Screener:
    return Screener(small_candidates)


@pytest.fixture(scope="session")
def un_screener() -> Iterator[Screener]:
    if not UN_2015.is_file():
        pytest.skip("../shared/data is not here")
    yield Screener(candidates_of(UN_2015))


@pytest.fixture(scope="session")
def un_2020_screener() -> Iterator[Screener]:
    if not UN_2020.is_file():
        pytest.skip(f"{UN_2020.name} is not in ../shared/data (the excerpt's tests still run)")
    yield Screener(candidates_of(UN_2020))


@pytest.fixture(scope="session")
def particles_screener() -> Screener:
    return Screener(candidates_of(FIXTURES / "un-sc-particles.xml"))
