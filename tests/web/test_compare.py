"""The compare pages: candidates side by side in one run, and two runs side by side."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi.testclient import TestClient

from forcevet.assessment.compare import side_by_side
from forcevet.assessment.diff import diff_runs
from forcevet.assessment.runs import latest_plain_run, require_run
from forcevet.cases.assess import AssessmentRequest, assess_case
from forcevet.model.actors import Actor, ActorKind
from forcevet.store.actors import save_actors
from forcevet.store.store import open_store

LEFT_OUT = "src-92468d47c0"  # three of PAK's claims, one of them on reservation_on_disarmament
GAP = "endorses_armed_group"  # PAK: searched, found; IDN: not searched


def row(page: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}">.*?</tr>', page, re.DOTALL)
    assert found, f"no row {row_id}"
    return found.group(0)


def what_if(web_url: str, **options: Any) -> tuple[str, str]:
    """Store a run with ``options`` through the library; return (plain run id, its id)."""
    with open_store(web_url) as store, store.transaction():
        plain = latest_plain_run(store, "gaza-isf")["run"]["id"]
        run = assess_case(store, AssessmentRequest(samples=500, **options), by="tester")
    return plain, run["run"]["id"]


def test_two_candidates_side_by_side_mark_an_indicator_without_evidence(
    client: TestClient,
) -> None:
    page = client.get("/compare?c=PAK&c=idn")
    assert page.status_code == 200
    gap = row(page.text, f"cmp-{GAP}")
    cells = re.findall(r"<td>.*?</td>", gap, re.DOTALL)[1:]
    assert len(cells) == 2
    assert "no evidence" not in cells[0] and "searched, found" in cells[0]
    assert f"#ind-{GAP}" in cells[0]  # its claims, on PAK's page
    assert "no evidence" in cells[1] and "not searched" in cells[1]
    assert "0.000" not in cells[1]
    assert "/exports/csv?table=compare" in page.text


def test_the_compare_api_is_the_library_s_side_by_side(client: TestClient, web_url: str) -> None:
    answer = client.get("/api/compare?c=PAK&c=IDN&c=KAZ")
    assert answer.status_code == 200
    with open_store(web_url) as store:
        expected = side_by_side(latest_plain_run(store, "gaza-isf"), ["PAK", "IDN", "KAZ"])
    assert answer.json() == expected


def test_one_or_four_candidates_or_an_unassessed_one_are_refused(client: TestClient) -> None:
    assert 'id="compare"' not in client.get("/compare?c=PAK").text  # the form waits for more
    assert client.get("/api/compare?c=PAK").status_code == 400
    assert client.get("/compare?c=PAK&c=IDN&c=KAZ&c=EGY").status_code == 400
    assert client.get("/api/compare?c=PAK&c=ISR").status_code == 404  # a state party


def test_comparing_runs_names_the_left_out_source_as_the_cause(
    client: TestClient, web_url: str
) -> None:
    plain, without = what_if(web_url, without_sources=(LEFT_OUT,))
    page = client.get(f"/compare/runs?a={plain}&b={without}")
    assert page.status_code == 200
    causes = re.search(r'<ul id="causes">.*?</ul>', page.text, re.DOTALL)
    assert causes and f"source {LEFT_OUT} left out" in causes.group(0)
    pak = row(page.text, "diff-PAK")
    assert "reservation_on_disarmament" in pak
    assert f'href="/sources/{LEFT_OUT}"' in pak
    assert "without</span> clm-0a35b4812e47" in pak
    with open_store(web_url) as store:
        expected = diff_runs(require_run(store, plain), require_run(store, without))
    assert client.get(f"/api/runs/{plain}/diff/{without}").json() == expected
    pak_change = next(c for c in expected["candidates"] if c["id"] == "PAK")["mean_change"]
    assert f"{pak_change:+.3f}" in pak


def test_comparing_unknown_runs_is_404(client: TestClient) -> None:
    assert client.get("/compare/runs?a=run-nothing&b=run-nothing").status_code == 404
    assert client.get("/api/runs/run-nothing/diff/run-nothing").status_code == 404
    assert 'id="runs-form"' in client.get("/compare/runs").text


def test_a_stored_script_in_a_candidate_s_name_stays_text(client: TestClient, web_url: str) -> None:
    evil = "<script>alert(1)</script>"
    with open_store(web_url) as store, store.transaction():
        save_actors(store, [Actor(id="EVL", kind=ActorKind.STATE, name=f"{evil} Land")])
    plain, odd = what_if(web_url, candidates=("PAK", "EVL"))
    for path in (f"/compare?c=PAK&c=EVL&run={odd}", f"/compare/runs?a={plain}&b={odd}"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert evil not in page.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Land" in page.text, path


def test_the_compare_and_run_diff_tables_export_as_csv(client: TestClient, web_url: str) -> None:
    page = client.get("/compare?c=PAK&c=IDN").text
    link = re.search(r'href="(/exports/csv\?table=compare[^"]*)"', page)
    assert link, "no CSV link"
    exported = client.get(link.group(1).replace("&amp;", "&"))
    assert exported.status_code == 200, exported.text
    lines = list(csv.reader(io.StringIO(exported.text)))
    compared = client.get("/api/compare?c=PAK&c=IDN").json()
    indicators = sum(len(c["indicators"]) for c in compared["criteria"])
    assert lines[0][:3] == ["criterion", "indicator", "candidate"]
    assert len(lines) == 1 + 2 * indicators
    plain, without = what_if(web_url, without_sources=(LEFT_OUT,))
    diff = client.get(f"/exports/csv?table=run-diff&a={plain}&b={without}")
    assert diff.status_code == 200, diff.text
    rows = {r[0]: r for r in csv.reader(io.StringIO(diff.text))}
    assert "reservation_on_disarmament" in rows["PAK"][-1]
