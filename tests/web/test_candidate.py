"""The candidate page: indicators down to each quote, timeline, listings, records, ACH;
and its API, which answers what the command line's --json prints."""

from __future__ import annotations

import base64
import json
import re
from importlib import resources

from fastapi.testclient import TestClient
from markupsafe import escape

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import store_run
from forcevet.cases.case import get_case, run_params
from forcevet.ingest.records.peacekeeping import import_peacekeeping
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import ClaimCreate
from forcevet.reports.candidate import ach_table, claim_timeline
from forcevet.store.actors import save_actors
from forcevet.store.claims import record_claim
from forcevet.store.store import open_store
from tests.conftest import Cli, source

UNSEARCHED = "security_ties_with_a_side"  # PAK: "not searched" in the fixture's run
FOUND = "reservation_on_disarmament"  # PAK: three claims


def part(page: str, pattern: str) -> str:
    """Return the first piece of ``page`` matching ``pattern`` (DOTALL), or fail."""
    found = re.search(pattern, page, re.DOTALL)
    assert found, f"nothing matches {pattern}"
    return found.group(0)


def test_an_indicator_without_evidence_says_so_never_zero(client: TestClient) -> None:
    page = client.get("/candidates/PAK")
    assert page.status_code == 200
    row = part(page.text, rf'<tr id="row-{UNSEARCHED}">.*?</tr>')
    assert "no evidence" in row
    assert 'class="coverage">not searched<' in row
    assert "0.000" not in row
    assert f'href="#ind-{UNSEARCHED}"' not in row  # nothing to follow


def test_following_an_indicator_reaches_each_claim_s_quote(client: TestClient) -> None:
    page = client.get("/candidates/PAK").text
    row = part(page, rf'<tr id="row-{FOUND}">.*?</tr>')
    assert 'class="coverage">searched, found<' in row
    assert f'href="#ind-{FOUND}"' in row
    section = part(page, rf'<section class="card evidence" id="ind-{FOUND}">.*?</section>')
    explained = client.get(f"/api/candidates/PAK/explain?indicator={FOUND}").json()
    evidence = explained["criteria"][0]["indicators"][0]["evidence"]
    assert len(evidence) == 3
    for item in evidence:
        claim = item["claim"]
        assert str(escape(claim["quote"])) in section
        assert f'href="/sources/{claim["source_id"]}"' in section
        assert str(escape(claim["source"]["publisher"])) in section
    assert "<mark>" in section


def test_the_api_answers_what_the_command_line_prints(client: TestClient, web_url: str) -> None:
    cli = Cli(web_url)
    for path, args in (
        ("/api/candidates/PAK/explain", ("explain", "PAK", "--json")),
        ("/api/candidates/PAK/claims", ("claim", "list", "--actor", "PAK", "--json")),
        ("/api/candidates/PAK/ach", ("ach", "PAK", "--json")),
    ):
        printed = cli(*args)
        assert printed.exit_code == 0, printed.output
        assert client.get(path).json() == json.loads(printed.stdout), path


def test_the_timeline_lists_dated_claims_in_order_and_undated_apart(client: TestClient) -> None:
    page = client.get("/candidates/PAK").text
    claims = [
        c for c in client.get("/api/candidates/PAK/claims").json() if c["subject"]["id"] == "PAK"
    ]
    dated = [c for c in claims if c["date"] and (c["date"]["start"] or c["date"]["end"])]
    chart = re.search(r'id="timeline-chart" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert chart and b"states_reservation_on_mandate" in base64.b64decode(chart.group(1))
    timeline = part(page, r'<table class="data" id="timeline">.*?</table>')
    shown = re.findall(r'<time datetime="([^"]+)">', timeline)
    assert len(shown) == len(dated) > 1
    assert shown == sorted(shown)
    assert sorted(shown) == sorted(c["date"]["start"] or c["date"]["end"] for c in dated)
    undated = [c for c in claims if c not in dated]
    if undated:
        apart = part(page, r'<table class="data" id="timeline-undated">.*?</table>')
        assert apart.count("<tr>") == len(undated) + 1


def test_listings_records_and_the_ach_matrix_are_shown(client: TestClient) -> None:
    page = client.get("/candidates/PAK").text
    listings = part(page, r'<table class="data" id="listings">.*?</table>')
    assert "Lashkar-e-Taiba" in listings and "QDe.118" in listings
    assert 'id="no-records"' in page  # the fixture imports no UN records: said, not hidden
    ach = client.get("/api/candidates/PAK/ach").json()
    matrix = part(page, r'<table class="data" id="ach-matrix">.*?</table>')
    assert matrix.count("<tr>") == len(ach["matrix"]) + 1
    columns, rows = ach_table(ach)
    assert columns[-1] == "diagnosticity" and len(rows) == len(ach["matrix"])
    assert all(f"<td>{row[0]}</td>" in matrix or f">{row[0]}</a>" in matrix for row in rows)
    assert str(escape(ach["conclusion"])) in page


def test_unknown_candidates_and_indicators_are_errors(client: TestClient) -> None:
    assert client.get("/candidates/NOPE").status_code == 404
    assert client.get("/api/candidates/PAK/explain?run=run-nothing").status_code == 404
    wrong = client.get("/api/candidates/PAK/explain?indicator=nothing")
    assert wrong.status_code == 400
    assert wrong.json()["field"] == "indicator"


def test_a_stored_script_stays_text(client: TestClient, web_url: str) -> None:
    evil = "<script>alert(1)</script>"
    with open_store(web_url) as store, store.transaction():
        save_actors(store, [Actor(id="evil-group", kind=ActorKind.ARMED_GROUP, name=evil)])
        record_claim(
            store,
            ClaimCreate(
                source="src-483fffffbe",
                subject="PAK",
                predicate="funds",
                object="evil-group",
                quote=f"Pakistan funds them {evil}",
                credibility="2",
                date="2025-06-01",
            ),
            by="tester",
        )
        case = get_case(store, "gaza-isf")
        run = store_run(store, assess(store, case.rubric, run_params(case, case.rubric), by="t"))
    page = client.get(f"/candidates/PAK?run={run['run']['id']}").text
    assert evil not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 2  # the quote and the group's name


def test_imported_peacekeeping_figures_show_as_a_chart_image(
    client: TestClient, web_url: str
) -> None:
    data = resources.files("forcevet.data").joinpath(
        "records", "peacekeeping-ipi-monthly-subset.csv"
    )
    with resources.as_file(data) as path, open_store(web_url) as store, store.transaction():
        import_peacekeeping(store, path, by="tester")
    page = client.get("/candidates/PAK").text
    assert 'id="no-records"' not in page
    image = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    assert image, "no chart"
    assert base64.b64decode(image.group(1)).startswith(b"<svg")
    assert "UN peacekeeping record" in page


def test_a_quote_is_marked_in_its_source_s_text(client: TestClient, web_url: str) -> None:
    before = "The minister spoke in Islamabad on Monday. "
    quote = "Pakistan will fund the group's offices abroad."
    after = " Officials declined to comment further."
    with open_store(web_url) as store, store.transaction():
        stored = source(store, title="Funding report", text=before + quote + after)
        record_claim(
            store,
            ClaimCreate(
                source=stored.id,
                subject="PAK",
                predicate="funds",
                object="hamas",
                quote=quote,
                quote_start=len(before),
                quote_end=len(before) + len(quote),
                credibility="2",
                date="2025-06-01",
            ),
            by="tester",
        )
        case = get_case(store, "gaza-isf")
        run = store_run(store, assess(store, case.rubric, run_params(case, case.rubric), by="t"))
    page = client.get(f"/candidates/PAK?run={run['run']['id']}").text
    section = part(page, r'<section class="card evidence" id="ind-material_support">.*?</section>')
    marked = str(escape(before)) + "<mark>" + str(escape(quote)) + "</mark>" + str(escape(after))
    assert marked in section
    assert f'href="/sources/{stored.id}">Funding report</a>' in section


def test_a_long_timeline_keeps_the_latest_claims_and_says_how_many(web_url: str) -> None:
    with open_store(web_url) as store:
        whole = claim_timeline(store, "PAK")
        cut = claim_timeline(store, "PAK", limit=2)
    assert cut["total_dated"] == whole["total_dated"] == len(whole["dated"]) > 2
    assert cut["dated"] == whole["dated"][-2:]
    assert cut["total_undated"] == len(whole["undated"])


def test_the_ach_matrix_exports_as_csv(client: TestClient) -> None:
    page = client.get("/candidates/PAK").text
    link = re.search(r'href="(/exports/csv\?table=ach[^"]*)"', page)
    assert link, "no CSV link"
    exported = client.get(link.group(1).replace("&amp;", "&"))
    assert exported.status_code == 200, exported.text
    lines = exported.text.strip().splitlines()
    assert len(lines) == 1 + len(client.get("/api/candidates/PAK/ach").json()["matrix"])
