from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import update

from forcevet.cases.folder import read_case_folder
from forcevet.demo import run_demo
from forcevet.model.claims import ClaimCreate
from forcevet.reports.evidence import build_evidence
from forcevet.reports.render import render_html, render_markdown
from forcevet.store.claims import record_claim
from forcevet.store.store import Store
from forcevet.store.tables import sources
from tests.conftest import SHARED, source

HOSTILE = '<script>alert("x")</script> | [link](javascript:alert(1))'


def test_source_text_is_escaped_in_html_and_markdown(store: Store) -> None:
    with store.transaction():
        src = source(store, title=HOSTILE, publisher="<b>Wire</b>", url="https://wire.example/a")
        # as a store written before addresses were checked on input would hold it
        store.connection.execute(
            update(sources).where(sources.c.id == src.id).values(url="javascript:alert(1)")
        )
        record_claim(
            store,
            ClaimCreate(
                source=src.id,
                subject="PAK",
                predicate="endorses",
                value=HOSTILE,
                quote=HOSTILE,
                credibility=3,
            ),
            by="t",
        )
    report = build_evidence(store, ["PAK"], title="<i>t</i>")
    html = render_html(report)
    assert "<script>" not in html and "<b>Wire</b>" not in html and "<i>t</i>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    markdown = render_markdown(report)
    assert "<script>" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)  # only escaped brackets
    row = next(line for line in markdown.splitlines() if "endorses" in line)
    assert row.count(" | ") == 5  # the pipe in the quote does not add a column


def test_a_candidate_without_claims_shows_no_evidence(store: Store) -> None:
    report = build_evidence(store, ["KAZ"], title="t")
    assert "No evidence recorded." in render_markdown(report)
    assert "No evidence recorded." in render_html(report)


def test_the_demo_report_lists_every_candidate_with_sources_and_grades(tmp_path: Path) -> None:
    result = run_demo(tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert result.claims >= 40
    for candidate in read_case_folder("gaza-isf").scenario.candidates:
        assert f"({candidate})" in markdown
        assert f'id="{candidate}"' in html
    assert "Gatestone Institute" in markdown and "(not usually reliable)" in markdown
    assert "*paraphrase:*" in markdown
    pakistan = markdown.split("## Pakistan (PAK)")[1].split("\n## ")[0]
    assert "Hamas" in pakistan and "Anadolu Agency" in pakistan
    again = run_demo(tmp_path)  # a second run starts from an empty store
    assert (again.claims, again.run_id, again.ranking) == (
        result.claims,
        result.run_id,
        result.ranking,
    )


def test_the_demo_report_carries_the_assessment(tmp_path: Path) -> None:
    result = run_demo(tmp_path, samples=1_000)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "## Assessment" in markdown and result.run_id in markdown
    assert markdown.count("| no evidence |") > 12  # shown as such, never as a number
    assert "![Risk score intervals](scores.svg)" in markdown
    assert (tmp_path / "scores.svg").read_text().startswith("<svg")
    # two charts each for the run and the force, and each UN member's records (peacekeeping
    # over time, votes with the state party): 11 of the 12 candidates (Kosovo is no member)
    assert html.count("<svg") == 4 + 2 * 11 and "no evidence" in html
    indonesia = markdown.split("## Indonesia (IDN)")[1].split("\n## ")[0]
    row = next(line for line in indonesia.splitlines() if "disarming the armed group" in line)
    claim_id = row.split("[")[1].split("]")[0]
    assert f'<a id="idn-{claim_id}"></a>' in indonesia  # the value links to its claim
    assert f'id="IDN-{claim_id}"' in html


def test_the_demo_ingests_the_bundled_summary_and_shows_its_quotes(tmp_path: Path) -> None:
    result = run_demo(tmp_path, samples=500)
    assert result.article == "seed-summary.txt" and result.proposed >= 10
    assert result.accepted == 0  # nothing is accepted without a reviewer
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## Ingested articles")[1].split("## Sources")[0]
    assert "| accepted |" not in section and "| proposed |" in section
    assert "**Naji Zaheer, the Hamas representative in Pakistan, attended" in section
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<mark>" in html and "<mark><script" not in html


def test_the_demo_ingests_the_seed_article_when_given(tmp_path: Path) -> None:
    seed = SHARED / "seeds" / "isf-pakistan-opinion.txt"
    if not seed.exists():
        pytest.skip("the seed article lives in ../shared/seeds")
    result = run_demo(tmp_path, article=seed, samples=500)
    assert result.proposed >= 15
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "### Why Israel and Trump Should Be Cautious About Pakistani Troops in Gaza" in markdown


def test_the_demo_report_carries_a_composition_with_its_charts(tmp_path: Path) -> None:
    result = run_demo(tmp_path, samples=500)
    assert result.composition_status in ("optimal", "feasible")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## Force composition")[1].split("\n## ")[0]
    assert "| Indonesia (IDN) |" in section and " * |" in section  # illustrative figures
    assert "Türkiye" not in section  # vetoed by a party
    assert (tmp_path / "composition.svg").read_text().startswith("<svg")
    assert (tmp_path / "pareto.svg").read_text().startswith("<svg")
