"""The composition what-if page: the case's assignment, switches, infeasibility, saved variants,
the frontier job and the composition API, each checked against the library's own answer."""

from __future__ import annotations

import csv
import html
import io
import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from forcevet.composition.casework import CaseInputs, case_inputs, compose_whatif, whatif_record
from forcevet.composition.solve import SolveStatus, solve_composition
from forcevet.composition.variants import list_variants
from forcevet.composition.whatif import apply_whatif, parse_whatif
from forcevet.reports.composition import composition_record, composition_rows
from forcevet.store.store import open_store
from forcevet.store.users import add_token
from forcevet.web.routes.composition import composition_table
from tests.web.conftest import csrf_of, login

# The case needs every offered unit at full coverage, so any veto on a contributor is
# infeasible at min-risk; max-coverage shows the force without it.
VETO_KAZ = {"veto": "USA:KAZ", "objective": "max-coverage"}
VETO_IDN = {"veto_party": "ISR", "veto_country": "IDN"}


def inputs_of(web_url: str) -> CaseInputs:
    with open_store(web_url) as store:
        return case_inputs(store)


def table(page: str, table_id: str) -> list[list[str]]:
    """Return the text of each body row's cells in the table with ``table_id``."""
    found = re.search(rf'<table class="data" id="{table_id}">(.*?)</table>', page, re.S)
    assert found, f"no table {table_id} on the page"
    body = found.group(1).split("<tbody>", 1)[1]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def assigned(page: str, table_id: str = "assignment") -> set[tuple[str, str, int]]:
    """Return (country code, requirement, units) of each row of an assignment table."""
    return {
        (row[0].rsplit("(", 1)[1].rstrip(")"), row[1].rstrip(" *"), int(row[4]))
        for row in table(page, table_id)
    }


def explanation(page: str) -> str:
    found = re.search(r'<p id="explanation">(.*?)</p>', page, re.S)
    assert found, "no explanation on the page"
    return html.unescape(found.group(1)).strip()


def test_the_page_shows_the_librarys_assignment(client: TestClient, web_url: str) -> None:
    inputs = inputs_of(web_url)
    direct = solve_composition(inputs.problem, inputs.risks)
    page = client.get("/compose")
    assert page.status_code == 200
    expected = {(r.country, r.requirement, r.units) for r in composition_rows(direct)}
    assert assigned(page.text) == expected
    assert f"{direct.total_risk:,.1f}" in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text  # the chart, as the CSP allows
    assert inputs.risks_from["run"] in page.text


def test_the_api_answers_as_compose_json(client: TestClient, web_url: str) -> None:
    inputs = inputs_of(web_url)
    expected = composition_record(
        solve_composition(inputs.problem, inputs.risks), inputs.risks_from
    )
    answer = client.get("/api/compose").json()
    assert {k: v for k, v in answer.items() if k != "seconds"} == {
        k: v for k, v in expected.items() if k != "seconds"
    }


def test_a_veto_of_a_contributor_removes_it(client: TestClient) -> None:
    page = client.get("/compose", params=VETO_KAZ).text
    assert "KAZ" in {country for country, _, _ in assigned(page, "baseline")}
    assert "KAZ" not in {country for country, _, _ in assigned(page)}
    changes = [row for row in table(page, "changes") if "(KAZ)" in row[2]]
    assert changes and all(row[3] == "removed" for row in changes)
    # the form keeps the switch, ticked, for the next solve
    assert 'name="veto" value="USA:KAZ" checked' in page


def test_an_infeasible_what_if_shows_the_librarys_explanation(
    client: TestClient, web_url: str
) -> None:
    inputs = inputs_of(web_url)
    whatif = parse_whatif({"constraints": {"vetoes": [{"party": "ISR", "country": "IDN"}]}})
    direct = solve_composition(apply_whatif(inputs.problem, whatif), inputs.risks)
    assert direct.status is SolveStatus.INFEASIBLE and direct.infeasibility is not None
    page = client.get("/compose", params=VETO_IDN)
    assert page.status_code == 200
    assert 'id="infeasible"' in page.text
    assert explanation(page.text) == direct.infeasibility.explanation
    assert "veto on IDN" in explanation(page.text)


def test_the_api_solves_a_what_if_with_its_explanation(client: TestClient, web_url: str) -> None:
    body = {"constraints": {"vetoes": [{"party": "ISR", "country": "IDN"}]}}
    token = csrf_of(client.get("/compose").text)
    assert client.post("/api/compose", json=body).status_code == 403  # a session needs its token
    answer = client.post("/api/compose", json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    record = answer.json()
    expected = whatif_record(compose_whatif(inputs_of(web_url), parse_whatif(body)))
    assert record["status"] == "infeasible"
    assert record["infeasibility"] == expected["infeasibility"]
    assert record["what_if"] == body and record["baseline"]["status"] == "optimal"


def test_a_switch_naming_what_the_case_lacks_is_a_400(client: TestClient) -> None:
    page = client.get("/compose", params={"off": "atlantis-infantry"})
    assert page.status_code == 400
    assert "atlantis-infantry" in page.text and "offers_off" in page.text
    token = csrf_of(client.get("/compose").text)
    answer = client.post(
        "/api/compose", json={"objective": "most-fun"}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 400 and "objective" in answer.json()["error"]


def save(client: TestClient, token: str | None, name: str, **switches: Any) -> Any:
    fields = {"case": "gaza-isf", "name": name} | switches
    if token is not None:
        fields["csrf_token"] = token
    return client.post("/compose/variants", data=fields, follow_redirects=False)


@pytest.mark.usefixtures("accounts")
def test_a_saved_variant_reopens_with_its_switches(client: TestClient, web_url: str) -> None:
    token = login(client, "ana")
    saved = save(client, token, "no Kazakh troops", lift="TUR", **VETO_KAZ)
    assert saved.status_code == 303, saved.text
    page = client.get(saved.headers["location"]).text
    assert 'id="variant-name">no Kazakh troops<' in page
    assert 'name="veto" value="USA:KAZ" checked' in page
    assert 'name="lift" value="TUR" checked' in page
    assert '<option value="max-coverage" selected>' in page
    assert "KAZ" not in {country for country, _, _ in assigned(page)}
    assert "no Kazakh troops" in "".join(re.findall(r'<ul id="variants">.*?</ul>', page, re.S))
    with open_store(web_url) as store:
        (variant,) = list_variants(store, "gaza-isf")
    assert variant.saved_by == "ana"
    assert variant.whatif.lift_vetoes == ("TUR",)
    listed = client.get("/api/compose/variants").json()
    assert [v["name"] for v in listed] == ["no Kazakh troops"]
    again = client.get("/api/compose/variants/no Kazakh troops").json()
    assert "KAZ" not in {a["country"] for a in again["assignments"]}
    assert save(client, token, "no Kazakh troops").status_code == 400  # names are unique


@pytest.mark.usefixtures("accounts")
def test_the_api_saves_a_variant(client: TestClient) -> None:
    token = login(client, "ana")
    body = {"name": "cap 30%", "what_if": {"constraints": {"max_country_share": 0.3}}}
    answer = client.post("/api/compose/variants", json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == 201, answer.text
    assert answer.json()["saved_by"] == "ana"
    page = client.get("/compose", params={"variant": "cap 30%"}).text
    assert 'name="max_country_share" min="0.01" max="1" step="0.01" value="0.3"' in page


@pytest.mark.usefixtures("accounts")
def test_a_viewer_cannot_save(client: TestClient, web_url: str) -> None:
    token = login(client, "vic")
    page = client.get("/compose").text
    assert 'id="no-save"' in page and 'id="save-form"' not in page
    assert save(client, token, "mine", **VETO_KAZ).status_code == 403
    with open_store(web_url) as store:
        assert list_variants(store, "gaza-isf") == []


@pytest.mark.usefixtures("accounts")
def test_no_csrf_token_no_save(client: TestClient, web_url: str) -> None:
    login(client, "ana")
    assert save(client, None, "forged", **VETO_KAZ).status_code == 403
    assert save(client, "not-the-token", "forged", **VETO_KAZ).status_code == 403
    with open_store(web_url) as store:
        assert list_variants(store, "gaza-isf") == []


def wait_for(
    client: TestClient, job_id: str, headers: dict[str, str] | None = None, timeout: float = 90.0
) -> dict[str, Any]:
    """Poll the job as the page's script does until it ends; return its last record."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end in {timeout} s")


def test_the_frontier_runs_as_a_job_with_a_lower_time_limit(client: TestClient) -> None:
    token = csrf_of(client.get("/compose").text)
    started = client.post(
        "/compose/frontier",
        data={"csrf_token": token, "case": "gaza-isf", "points": "3", "time_limit_s": "2"},
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    location = started.headers["location"]
    job_id = location.rsplit("/", 1)[1]
    job = wait_for(client, job_id)
    assert job["state"] == "done", job["message"]
    points = job["result"]["frontier"]["points"]
    assert points and max(p["coverage"] for p in points) == 1.0
    page = client.get(location).text
    assert 'id="frontier-points"' in page and 'id="frontier-chart"' in page
    bad = client.post(
        "/compose/frontier", data={"csrf_token": token, "time_limit_s": "0"}, follow_redirects=False
    )
    assert bad.status_code == 400


def test_the_csv_rows_are_the_pages(client: TestClient, web_url: str) -> None:
    page = client.get("/compose", params=VETO_KAZ).text
    link = re.search(r'id="csv-link" href="([^"]+)"|href="([^"]+)" id="csv-link"', page)
    assert link, "no CSV link on the page"
    url = html.unescape(link.group(1) or link.group(2))
    assert url.startswith("/exports/csv?table=composition&case=gaza-isf")
    exported = client.get(url)
    assert exported.status_code == 200, exported.text
    lines = list(csv.reader(io.StringIO(exported.text)))
    columns, rows = lines[0], lines[1:]
    assert columns[:3] == ["country", "country_name", "requirement"]
    units = columns.index("units")
    assert {(r[0], r[2], int(r[units])) for r in rows} == assigned(page)
    with open_store(web_url) as store:
        _, direct = composition_table(
            store, {"case": ["gaza-isf"]} | {k: [v] for k, v in VETO_KAZ.items()}
        )
    assert len(direct) == len(rows)


@pytest.mark.usefixtures("accounts")
def test_a_script_traces_a_what_ifs_frontier_with_a_token(client: TestClient, web_url: str) -> None:
    with open_store(web_url) as store, store.transaction():
        _, token = add_token(store, "vic", label="script")
    headers = {"authorization": f"Bearer {token}"}
    body = {"what_if": {"offers_off": ["tur-infantry"]}, "points": 3, "time_limit_s": 2}
    started = client.post("/api/compose/frontier", json=body, headers=headers)
    assert started.status_code == 202, started.text
    job = wait_for(client, started.json()["id"], headers)
    assert job["state"] == "done", job["message"]
    assert job["result"]["what_if"] == {"offers_off": ["tur-infantry"]}
    bad = client.post("/api/compose/frontier", json={"points": 1}, headers=headers)
    assert bad.status_code == 400 and "points" in bad.json()["error"]
    # a viewer's token may trace and solve, not save
    saved = client.post("/api/compose/variants", json={"name": "x"}, headers=headers)
    assert saved.status_code == 403
