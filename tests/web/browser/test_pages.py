"""Deciding in a real browser: compare candidates side by side, and a what-if composition
that turns infeasible, with the reason in plain words."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from tests.web.browser.conftest import Served, log_in, screenshot, visit, wait_for


def test_compare_three_candidates(browser: WebDriver, served: Served, tmp_path: Path) -> None:
    log_in(browser, served, "vic")
    visit(browser, served, "/compare")
    form = wait_for(browser, "form#compare-form")
    assert isinstance(form, WebElement)
    for candidate in ("PAK", "IDN", "AZE"):
        form.find_element(By.CSS_SELECTOR, f"input[name=c][value={candidate}]").click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    table = wait_for(browser, "table#compare")
    assert isinstance(table, WebElement)
    heads = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead tr:first-child th")]
    assert [h.rsplit("(", 1)[-1].rstrip(")") for h in heads[1:]] == ["PAK", "IDN", "AZE"]
    assert table.find_elements(By.CSS_SELECTOR, "tbody tr[id^=cmp-]")
    screenshot(browser, "compare", tmp_path)


def test_a_what_if_turns_infeasible_and_says_why(
    browser: WebDriver, served: Served, tmp_path: Path
) -> None:
    log_in(browser, served, "ana")
    visit(browser, served, "/compose")
    wait_for(browser, "table#assignment")  # the case's own composition solves
    screenshot(browser, "composition", tmp_path)
    form = wait_for(browser, "form#whatif-form")
    assert isinstance(form, WebElement)
    fewest = form.find_element(By.NAME, "min_contributors")
    fewest.clear()
    fewest.send_keys("40")  # far more countries than offer units
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    box = wait_for(browser, "#infeasible")
    assert isinstance(box, WebElement)
    why = box.find_element(By.ID, "explanation").text
    assert "40" in why and "contributing countries" in why, why
    blamed = [li.text for li in box.find_elements(By.CSS_SELECTOR, "ul li")]
    assert any("40 contributing countries" in words for words in blamed), blamed
    summary = browser.find_element(By.CSS_SELECTOR, "table#summary").text
    assert "infeasible" in summary
    screenshot(browser, "composition-infeasible", tmp_path)
