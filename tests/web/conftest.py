"""Fixtures of the web workspace's tests.

A store holding the bundled Gaza ISF case and one plain run of it is built once per
session (about 6 s) and copied for each test, so each test writes to its own store.
``client`` is a TestClient of ``create_app`` on that copy; ``accounts`` adds one
account of each role, and ``login`` logs a client in as one of them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import store_run
from forcevet.cases.case import load_case, run_params
from forcevet.model.users import Role
from forcevet.settings import Settings
from forcevet.store.setup import init_store
from forcevet.store.store import open_store
from forcevet.store.users import add_user
from forcevet.web import create_app

PASSWORD = "correct horse battery"
# One account of each role, and a second reviewer for the two-person rule.
ACCOUNTS = {
    "vic": Role.VIEWER,
    "ana": Role.ANALYST,
    "rev": Role.REVIEWER,
    "rita": Role.REVIEWER,
    "adm": Role.ADMIN,
}
LOCAL_USER = "local-analyst"


def build_case_store(url: str) -> None:
    """Load the bundled Gaza ISF case into a new store at ``url`` and store a plain run."""
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        case = load_case(store, "gaza-isf", by="fixture").case
        store_run(store, assess(store, case.rubric, run_params(case, case.rubric), by="fixture"))


@pytest.fixture(scope="session")
def case_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-template") / "forcevet.db"
    build_case_store(f"sqlite:///{path}")
    return path


@pytest.fixture
def web_url(case_store_file: Path, tmp_path: Path) -> str:
    """Return the URL of this test's own copy of the case store."""
    copy = tmp_path / "forcevet.db"
    shutil.copyfile(case_store_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def web_settings(web_url: str) -> Settings:
    return Settings(db=web_url, user=LOCAL_USER)


@pytest.fixture
def client(web_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings, secret_key="test-secret")) as test_client:
        yield test_client


@pytest.fixture
def accounts(web_url: str) -> dict[str, Role]:
    """Add one account of each role (ACCOUNTS, password PASSWORD) to the test's store."""
    with open_store(web_url) as store, store.transaction():
        for name, role in ACCOUNTS.items():
            add_user(store, name, role, PASSWORD, by="fixture")
    return ACCOUNTS


def csrf_of(html: str) -> str:
    """Return the CSRF token a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(
        r'data-csrf="([^"]+)"', html
    )
    assert found, "the page carries no CSRF token"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Log ``client`` in as ``name``; return the session's CSRF token for its writes."""
    page = client.get("/login")
    answer = client.post(
        "/login",
        data={"name": name, "password": password, "next": "/", "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return csrf_of(client.get("/").text)
