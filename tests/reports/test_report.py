from __future__ import annotations

import re
from pathlib import Path

from forcevet.demo import run_demo
from forcevet.ingest.scenario import read_scenario
from forcevet.model.claims import ClaimCreate
from forcevet.reports.evidence import build_evidence
from forcevet.reports.render import render_html, render_markdown
from forcevet.store.claims import record_claim
from forcevet.store.store import Store
from tests.conftest import source

HOSTILE = '<script>alert("x")</script> | [link](javascript:alert(1))'


def test_source_text_is_escaped_in_html_and_markdown(store: Store) -> None:
    with store.transaction():
        src = source(store, title=HOSTILE, publisher="<b>Wire</b>", url="javascript:alert(1)")
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
    for candidate in read_scenario().candidates:
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
    assert html.count("<svg") == 2 and "no evidence" in html
    indonesia = markdown.split("## Indonesia (IDN)")[1].split("\n## ")[0]
    row = next(line for line in indonesia.splitlines() if "disarming the armed group" in line)
    claim_id = row.split("[")[1].split("]")[0]
    assert f'<a id="idn-{claim_id}"></a>' in indonesia  # the value links to its claim
    assert f'id="IDN-{claim_id}"' in html
