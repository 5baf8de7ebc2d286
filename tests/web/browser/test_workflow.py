"""A team's day in a real browser: log in, run an assessment, follow an indicator to its
quote, and a reviewer accepting an analyst's claim changes the ranking."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from forcevet.model.claims import ClaimCreate
from forcevet.model.sources import make_source
from forcevet.store.claims import record_claim
from forcevet.store.sources import add_source
from forcevet.store.store import open_store
from tests.web.browser.conftest import WAIT, Served, log_in, screenshot, visit, wait_for

# A claim ingest might propose: Indonesia, not ranked in the case for want of evidence,
# leaking to the armed group the force faces. Accepted, it ranks Indonesia second.
LEAK = (
    "Indonesian officers passed the force's patrol plans to Hamas commanders, two officials said."
)


def rows_by_candidate(browser: WebDriver) -> dict[str, list[str]]:
    """Return the candidates table's cells by candidate id (the id in brackets)."""
    found = {}
    for row in browser.find_elements(By.CSS_SELECTOR, "table#candidates tbody tr"):
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        found[cells[1].rsplit("(", 1)[1].rstrip(")")] = cells
    return found


def api(browser: WebDriver, served: Served, path: str) -> Any:
    """Return the JSON at ``path``, asked with the browser's session."""
    cookie = browser.get_cookie("forcevet_session")
    assert cookie, "not logged in"
    ask = urllib.request.Request(
        served.url + path, headers={"Cookie": f"forcevet_session={cookie['value']}"}
    )
    with urllib.request.urlopen(ask, timeout=WAIT) as answer:
        return json.loads(answer.read())


def run_id_shown(browser: WebDriver) -> str:
    link = browser.find_element(By.CSS_SELECTOR, "#run-label a[href^='/compare']")
    return parse_qs(urlparse(str(link.get_attribute("href"))).query)["run"][0]


def run_assessment(browser: WebDriver, untick: tuple[str, ...] = ()) -> str:
    """Send the candidates page's assessment form; wait for the new run's table and
    return its id."""
    form = wait_for(browser, "form#assess-form")
    assert isinstance(form, WebElement)
    for candidate in untick:
        box = form.find_element(By.CSS_SELECTOR, f"input[name=candidates][value={candidate}]")
        box.click()
        assert not box.is_selected()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # The page polls the job, then goes to the run it made (?run=...).
    WebDriverWait(browser, WAIT * 4).until(lambda b: "run=" in b.current_url)
    wait_for(browser, "table#candidates")
    return parse_qs(urlparse(browser.current_url).query)["run"][0]


def test_log_in_and_run_an_assessment(browser: WebDriver, served: Served, tmp_path: Path) -> None:
    visit(browser, served, "/")
    assert "/login" in browser.current_url  # accounts exist: the page asks to log in first
    log_in(browser, served, "ana")
    wait_for(browser, "table#candidates")
    before = run_id_shown(browser)
    assert "ALB" in rows_by_candidate(browser) and len(rows_by_candidate(browser)) == 12
    screenshot(browser, "candidates", tmp_path)
    new = run_assessment(browser, untick=("ALB",))
    assert new != before
    assert run_id_shown(browser) == new
    shown = rows_by_candidate(browser)
    assert "ALB" not in shown and len(shown) == 11
    assert "by ana" in browser.find_element(By.ID, "run-label").text
    runs = browser.find_element(By.CSS_SELECTOR, "table#runs").text
    assert new in runs and before in runs


def test_follow_an_indicator_to_its_quote(
    browser: WebDriver, served: Served, tmp_path: Path
) -> None:
    log_in(browser, served, "vic")
    visit(browser, served, "/")
    link = browser.find_element(By.CSS_SELECTOR, "table#candidates a[href^='/candidates/PAK']")
    link.click()
    wait_for(browser, "#criteria")
    screenshot(browser, "candidate", tmp_path)
    indicator = browser.find_element(By.CSS_SELECTOR, "table.criterion a[href^='#ind-']")
    target = str(indicator.get_attribute("href")).split("#", 1)[1]
    indicator.click()
    section = wait_for(browser, f"section#{target}")
    assert isinstance(section, WebElement)
    shown = [mark.text for mark in section.find_elements(By.TAG_NAME, "mark")]
    assert shown and all(shown)
    # The quotes are the claims' own, as `forcevet explain PAK --json` gives them.
    explained = api(browser, served, "/api/candidates/PAK/explain")
    quotes = {
        e["claim"]["quote"]
        for c in explained["criteria"]
        for i in c["indicators"]
        if f"ind-{i['id']}" == target
        for e in i["evidence"]
        if "quote" in e.get("claim", {})
    }
    assert set(shown) <= quotes, (shown, quotes)
    # And on to the source the first quote comes from, where it stands in the text.
    source_link = section.find_element(By.CSS_SELECTOR, "a[href^='/sources/']")
    source_link.click()
    WebDriverWait(browser, WAIT).until(lambda b: "/sources/" in b.current_url)
    body = browser.find_element(By.TAG_NAME, "main").text
    assert shown[0] in " ".join(body.split()), "the quote is not on its source's page"


def propose_leak(url: str) -> str:
    """Record the LEAK claim as proposed by the analyst ana, as ingest would; return its id."""
    with open_store(url) as store, store.transaction():
        source, _ = add_source(
            store,
            make_source(
                title="Officials describe leaked patrol plans",
                publisher="Wire",
                kind="wire",
                reliability="B",
                graded_by="ana",
                added_at="2026-02-20",
                date="2026-02-20",
                text=f"Gaza, 20 February. {LEAK} The ministry denied it.",
            ),
        )
        claim = record_claim(
            store,
            ClaimCreate(
                source=source.id,
                subject="IDN",
                predicate="leaks_intelligence_to",
                object="hamas",
                quote=LEAK,
                credibility=2,
                date="2026-02-20",
                status="proposed",
                extracted_by="ingest",
                confidence=0.9,
            ),
            by="ana",
        )
    return claim.id


def test_a_second_user_accepts_a_claim_and_the_ranking_changes(
    browser: WebDriver, served: Served, tmp_path: Path
) -> None:
    claim_id = propose_leak(served.db)
    log_in(browser, served, "rita")
    visit(browser, served, "/")
    before = rows_by_candidate(browser)["IDN"]
    assert before[0] == "–", "Indonesia should start unranked (insufficient evidence)"
    visit(browser, served, "/review")
    item = wait_for(browser, f"section#claim-{claim_id}")
    assert isinstance(item, WebElement)
    assert LEAK in item.find_element(By.TAG_NAME, "mark").text
    assert "recorded by ana" in item.text
    screenshot(browser, "review", tmp_path)
    item = wait_for(browser, f"section#claim-{claim_id}")
    assert isinstance(item, WebElement)
    item.find_element(By.CSS_SELECTOR, "form[action$='/accept'] button[type=submit]").click()
    WebDriverWait(browser, WAIT).until(
        lambda b: not b.find_elements(By.CSS_SELECTOR, f"section#claim-{claim_id}")
    )
    visit(browser, served, f"/claims/{claim_id}")
    assert "reviewed by rita" in browser.find_element(By.TAG_NAME, "main").text
    visit(browser, served, "/")
    run_assessment(browser)
    after = rows_by_candidate(browser)["IDN"]
    assert after[0] != "–" and int(after[0]) >= 1, after  # ranked now
    assert float(after[3]) > float(before[3]), (before, after)  # a higher risk score


ARTICLE = (
    "Islamabad, 3 March 2026. Pakistan's foreign minister said on Tuesday that Pakistan will "
    "not send troops to disarm Hamas in Gaza."
)


def test_an_ingested_claim_needs_a_second_reviewer(browser: WebDriver, served: Served) -> None:
    log_in(browser, served, "ana")
    visit(browser, served, "/ingest")
    form = wait_for(browser, "main form")
    assert isinstance(form, WebElement)
    form.find_element(By.NAME, "text").send_keys(ARTICLE)
    form.find_element(By.NAME, "publisher").send_keys("Wire")
    form.find_element(By.NAME, "date").send_keys("2026-03-03")
    form.find_element(By.CSS_SELECTOR, "input[name=fast]").click()  # rules only: seconds
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    proposals = wait_for(browser, "table#proposals")
    assert isinstance(proposals, WebElement)
    claim_link = proposals.find_element(By.CSS_SELECTOR, "a[href^='/claims/']")
    claim_id = claim_link.text
    assert "Pakistan" in proposals.text and "proposed" in proposals.text
    # Its recorder may not accept it: the two-person rule.
    browser.find_element(By.CSS_SELECTOR, "a[href^='/review?source=']").click()
    item = wait_for(browser, f"section#claim-{claim_id}")
    assert isinstance(item, WebElement)
    assert "another reviewer must accept it" in item.text or not item.find_elements(
        By.CSS_SELECTOR, "form[action$='/accept']"
    )
    log_in(browser, served, "rita")
    visit(browser, served, f"/claims/{claim_id}")
    accept = browser.find_element(By.CSS_SELECTOR, "form[action$='/accept'] button[type=submit]")
    assert accept.is_enabled()
    accept.click()
    WebDriverWait(browser, WAIT).until(
        lambda b: "reviewed by rita" in b.find_element(By.TAG_NAME, "main").text
    )
    assert "recorded by ana" in browser.find_element(By.TAG_NAME, "main").text
