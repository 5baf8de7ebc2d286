"""An analyst's day in a real browser: log in, run an assessment, follow the evidence."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.web.browser.conftest import Served, log_in, screenshot, visit, wait_for


def test_log_in_and_see_the_latest_run(browser: WebDriver, served: Served, tmp_path: Path) -> None:
    visit(browser, served, "/")
    assert "/login" in browser.current_url  # accounts exist: the page asks to log in first
    log_in(browser, served, "vic")
    table = wait_for(browser, "table#candidates")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")  # type: ignore[attr-defined]
    assert len(rows) >= 3
    assert "Run " in browser.find_element(By.ID, "run-label").text
    shot = screenshot(browser, "candidates", tmp_path)
    assert shot.stat().st_size > 10_000
