"""Exports: every table as CSV with formula injection neutralised, and the report."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from forcevet.web.csv import TABLES, neutralise, write_csv
from tests.web.test_review import propose

HOSTILE_CELLS = {
    '=HYPERLINK("https://evil.example","click")': '\'=HYPERLINK("https://evil.example","click")',
    "+1+cmd|' /C calc'!A0": "'+1+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "plain text": "plain text",
    "a = b": "a = b",
}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("cell", "expected"), HOSTILE_CELLS.items())
def test_cells_a_spreadsheet_would_run_are_neutralised(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected
    (row,) = list(csv.reader(io.StringIO(write_csv(["value"], [[cell]]))))[1:]
    assert row == [expected]


def test_numbers_stay_numbers() -> None:
    assert neutralise(-0.5) == -0.5
    assert write_csv(["a", "b"], [[-1, None]]).splitlines()[1] == "-1,"


def test_a_hostile_quote_in_the_review_queue_exports_as_text(
    client: TestClient, web_url: str
) -> None:
    claim = propose(web_url, by="ana", quote='=HYPERLINK("https://evil.example")', value="@SUM(1)")
    answer = client.get("/exports/csv", params={"table": "review"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="review.csv"' in answer.headers["content-disposition"]
    (row,) = rows_of(answer.text)
    assert row["id"] == claim.id and row["recorded_by"] == "ana"
    assert row["quote"] == '\'=HYPERLINK("https://evil.example")' and row["value"] == "'@SUM(1)"


def test_the_candidates_and_indicators_of_the_latest_run(client: TestClient) -> None:
    latest = client.get("/api/runs/latest").json()
    candidates = rows_of(client.get("/exports/csv", params={"table": "candidates"}).text)
    assert [r["id"] for r in candidates] == [c["id"] for c in latest["candidates"]]
    assert {r["run"] for r in candidates} == {latest["run"]["id"]}
    first = latest["candidates"][0]
    indicators = rows_of(
        client.get(
            "/exports/csv",
            params={"table": "indicators", "candidate": first["id"], "run": latest["run"]["id"]},
        ).text
    )
    expected = [i["id"] for c in first["criteria"] for i in c["indicators"]]
    assert [r["indicator"] for r in indicators] == expected


def test_sources_claims_and_screening_tables(client: TestClient, web_url: str) -> None:
    claim = propose(web_url, by="ana")
    sources = rows_of(client.get("/exports/csv?table=sources").text)
    mine = next(r for r in sources if r["id"] == claim.source_id)
    assert (mine["claims"], mine["proposed"]) == ("1", "1")
    wanted = {"table": "source-claims", "source": claim.source_id}
    of_source = rows_of(client.get("/exports/csv", params=wanted).text)
    assert [r["id"] for r in of_source] == [claim.id]
    pak = rows_of(client.get("/exports/csv?table=claims&actor=PAK&status=accepted").text)
    assert pak and all(r["status"] == "accepted" for r in pak)
    screened = rows_of(
        client.get("/exports/csv", params={"table": "screening", "name": "Lashkar e Toiba"}).text
    )
    assert screened[0]["reference"] == "QDe.118" and screened[0]["explanation"]


def test_bad_export_requests_are_400(client: TestClient) -> None:
    unknown = client.get("/exports/csv?table=nope")
    assert unknown.status_code == 400 and "candidates" in unknown.text
    assert client.get("/exports/csv?table=source-claims").status_code == 400
    assert client.get("/exports/report.exe").status_code == 400


def test_the_exports_page_lists_every_table_and_report(client: TestClient) -> None:
    page = client.get("/exports")
    assert page.status_code == 200
    for table_id in TABLES:
        assert f"<code>{table_id}</code>" in page.text
    assert "/exports/report.json?case=gaza-isf" in page.text


def test_the_report_downloads_as_the_command_line_writes_it(client: TestClient) -> None:
    latest = client.get("/api/runs/latest").json()
    answer = client.get("/exports/report.json", params={"case": "gaza-isf"})
    assert answer.status_code == 200, answer.text
    assert "attachment" in answer.headers["content-disposition"]
    report = json.loads(answer.content)
    assert report["run"]["id"] == latest["run"]["id"]
    assert [c["id"] for c in report["assessment"]["candidates"]] == [
        c["id"] for c in latest["candidates"]
    ]
    markdown = client.get("/exports/report.md", params={"run": latest["run"]["id"]})
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert report["case"]["title"] in markdown.text
    assert client.get("/exports/report.md", params={"run": "run-nothere"}).status_code == 404
