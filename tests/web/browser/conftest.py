"""Fixtures of the browser tests: a real headless Chromium on a real server.

Strategy: one Chromium (Debian's, through Debian's chromedriver; Selenium Manager is
never asked, so nothing downloads) per test module; per test, a fresh copy of the case
store with one account of each role, served by uvicorn in a thread on 127.0.0.1 and a
free port. Each test runs on SQLite and on PostgreSQL (a server the tests start, as
the store tests do; the case store is built once into a template database and copied
per test). Without chromium, chromedriver or PostgreSQL the tests skip, except under
CI=true, where they fail.

``FORCEVET_SCREENSHOTS=1`` writes the screenshots the tests take to docs/screenshots/
(the README shows them); otherwise they go to the test's tmp folder, checked all the same.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
import uvicorn
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.selenium_manager import SeleniumManager
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import Engine

from forcevet.settings import Settings
from forcevet.store.store import open_store
from forcevet.store.users import add_user
from forcevet.web import create_app
from tests.store.conftest import postgres_server
from tests.store.postgres import Server, missing
from tests.web.conftest import ACCOUNTS, PASSWORD, build_case_store

__all__ = ["postgres_server"]  # the store tests' server fixture, used here as well

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
CASE_TEMPLATE = "forcevet_web_case"
DATABASES = itertools.count()
WAIT = 30  # seconds a page may take to show what a test waits for (2 shared cores)
SECRET = "browser-test-secret"


def _required() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """Yield one headless Chromium for the module, with a profile of its own."""
    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not binary.exists():
            missing(f"no {binary} (Debian: apt-get install {package})")
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    # Selenium Manager would download a driver or a browser: make asking it an error.
    refuse = AssertionError("Selenium Manager was asked for a driver; it must not download")
    with (
        mock.patch.dict(os.environ, {"SE_OFFLINE": "true"}),
        mock.patch.object(SeleniumManager, "binary_paths", side_effect=refuse),
    ):
        browser = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
    browser.set_page_load_timeout(WAIT)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="session")
def postgres_case(postgres_server: tuple[Server, Engine]) -> tuple[Server, Engine]:
    """Build the case store once into a template database on the test server."""
    server, admin = postgres_server
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {CASE_TEMPLATE}")
    build_case_store(server.url(CASE_TEMPLATE))
    return server, admin


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Return the URL of this test's own case store, with the ACCOUNTS added."""
    if request.param == "sqlite":
        url: str = request.getfixturevalue("web_url")
        yield _with_accounts(url)
        return
    server, admin = request.getfixturevalue("postgres_case")
    name = f"forcevet_web_{next(DATABASES)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {CASE_TEMPLATE}")
    try:
        yield _with_accounts(server.url(name))
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")


def _with_accounts(url: str) -> str:
    with open_store(url) as store, store.transaction():
        for name, role in ACCOUNTS.items():
            add_user(store, name, role, PASSWORD, by="fixture")
    return url


@dataclass
class Served:
    """A running workspace: its base URL and the store it serves."""

    url: str
    db: str


@pytest.fixture
def served(store_url: str) -> Iterator[Served]:
    """Serve ``create_app`` over the test's store with uvicorn in a thread."""
    app = create_app(Settings(db=store_url, user="local-analyst"), secret_key=SECRET)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the workspace did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", store_url)
    finally:
        server.should_exit = True
        thread.join(WAIT)
        listener.close()


@pytest.fixture
def browser(driver: WebDriver) -> Iterator[WebDriver]:
    """Return the module's Chromium with no cookies from an earlier test (cookies are
    per host, not per port, and every test's server is on 127.0.0.1)."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.set_window_size(1280, 1000)
    yield driver
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def visit(browser: WebDriver, served: Served, path: str) -> None:
    browser.get(served.url + path)


def wait_for(browser: WebDriver, css: str, timeout: float = WAIT) -> object:
    """Return the element matching ``css`` once it is visible."""
    return WebDriverWait(browser, timeout).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


def log_in(browser: WebDriver, served: Served, name: str) -> None:
    """Log in through the login form as ``name``."""
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    visit(browser, served, "/login")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, WAIT).until(lambda b: "/login" not in b.current_url)
    assert f"{name} ·" in browser.find_element(By.TAG_NAME, "body").text


def screenshot(browser: WebDriver, name: str, tmp_path: Path) -> Path:
    """Save a shot of the whole page as ``name``.png and return its path.

    The window is sized to the page (a scrolled shot came out blank here), at most
    4,000 pixels tall. Written to docs/screenshots/ under FORCEVET_SCREENSHOTS=1.
    """
    height = browser.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
    )
    browser.set_window_size(1280, min(max(int(height) + 140, 800), 4000))
    browser.execute_script("window.scrollTo(0, 0)")
    folder = SCREENSHOTS if os.environ.get("FORCEVET_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert browser.save_screenshot(str(path)), f"no screenshot of {name}"
    browser.set_window_size(1280, 1000)
    with Image.open(path) as image:
        grey = image.convert("L")
        counts = grey.histogram()
        commonest = max(counts) / (grey.width * grey.height)
        # 256 colours are plenty for a page of text: a third of the bytes in the repository.
        small = image.convert("RGB").quantize(256)
    small.save(path, optimize=True)
    # A page shows text and tables: no one shade covers nearly all of it (a blank shot does).
    assert commonest < 0.97, f"the screenshot of {name} is blank ({commonest:.1%} one shade)"
    return path
