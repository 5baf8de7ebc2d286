"""`forcevet ingest` and `forcevet review` through the CLI, on the scenario's actors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.scenario import load_scenario
from forcevet.store.store import open_store
from tests.conftest import Cli

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture
def cli(cli: Cli) -> Cli:
    with open_store(cli.db_url) as store, store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    return cli


def ingest(cli: Cli, *args: str) -> dict:
    result = cli("ingest", *args, "--json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_ingest_prints_sources_and_claims_with_names_and_offsets(cli: Cli) -> None:
    out = ingest(cli, str(ARTICLES / "wire-veto.txt"), "--kind", "wire", "--date", "2026-01-15")
    assert len(out["sources"]) == 1 and out["sources"][0]["reliability"] == "B"
    # the body's sentence (the headline's claim carries the publication date)
    veto = next(c for c in out["claims"] if c["predicate"] == "vetoes" and "vetoed" in c["quote"])
    assert veto["subject"] == {"id": "ISR", "name": "Israel"}
    assert veto["object"] == {"id": "TUR", "name": "Türkiye"}
    assert veto["date"] == {
        "text": "2026-01-14",
        "start": "2026-01-14",
        "end": "2026-01-14",
        "precision": "day",
    }
    assert veto["status"] == "proposed" and veto["extracted_by"].split(":")[1] == "vetoes"
    assert 0 < veto["confidence"] <= 1 and veto["quote_end"] > veto["quote_start"]


def test_the_same_text_twice_is_reported_not_duplicated(cli: Cli, tmp_path: Path) -> None:
    ingest(cli, str(ARTICLES / "wire-veto.txt"), "--date", "2026-01-15")
    copy = tmp_path / "copy.txt"
    copy.write_bytes((ARTICLES / "wire-veto.txt").read_bytes())
    again = ingest(cli, str(copy))
    assert again["sources"] == [] and again["duplicates"][0]["label"] == str(copy)


def test_a_near_duplicate_is_one_underlying_report(cli: Cli, tmp_path: Path) -> None:
    first = ingest(cli, str(ARTICLES / "wire-indonesia.txt"), "--publisher", "Wire One")
    text = (ARTICLES / "wire-indonesia.txt").read_text() + "\nMore reporting by Wire Two.\n"
    other = tmp_path / "other-site.txt"
    other.write_text(text)
    second = ingest(cli, str(other), "--publisher", "Wire Two")
    assert second["sources"][0]["near_duplicate_of"] == first["sources"][0]["id"]


def test_folders_and_standard_input(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("wire-veto.txt", "wire-indonesia.txt"):
        (folder / name).write_bytes((ARTICLES / name).read_bytes())
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a text suffix: left alone
    assert len(ingest(cli, str(folder))["sources"]) == 2
    result = cli(
        "ingest",
        "-",
        "--json",
        "--publisher",
        "Desk",
        input="Kazakhstan pledged medical units to the ISF, officials said.\n",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"][0]["subject"]["id"] == "KAZ"


def test_review_accept_reject_edit_and_history(cli: Cli) -> None:
    claims = ingest(cli, str(ARTICLES / "wire-veto.txt"), "--date", "2026-01-15")["claims"]
    listed = json.loads(cli("review", "list", "--json").stdout)
    assert {c["id"] for c in listed} == {c["id"] for c in claims}
    veto = next(c for c in claims if c["predicate"] == "vetoes" and "vetoed" in c["quote"])
    accepted_veto, *rest = [c for c in claims if c["id"] != veto["id"]]
    assert cli("review", "accept", veto["id"], "--by", "alice").exit_code == 0
    assert cli("review", "reject", rest[0]["id"], "--note", "misread").exit_code == 0
    edited = cli("review", "edit", accepted_veto["id"], "--date", "2026-01", "--json")
    assert json.loads(edited.stdout)["date"]["text"] == "2026-01"
    history = cli("claim", "history", veto["id"]).stdout
    assert "status: proposed -> accepted" in history and "alice" in history
    shown = json.loads(cli("review", "show", veto["id"], "--json").stdout)
    assert "vetoed" in shown["context"]["quote"] and shown["corroborated_by"] == []
    again = cli("review", "accept", veto["id"], "--by", "alice")
    assert again.exit_code == 2 and "already accepted by alice" in again.stderr
    assert shown["review"]["reviewed_by"] == "alice"


def test_accept_above_a_confidence(cli: Cli) -> None:
    out = ingest(cli, str(ARTICLES / "wire-veto.txt"), "--accept-above", "0.75")
    statuses = {c["id"]: c["status"] for c in out["claims"]}
    unreviewed = {a["id"] for a in out["proposed_actors"]}  # their claims wait for a reviewer
    for claim in out["claims"]:
        named = {(claim[k] or {}).get("id") for k in ("subject", "object", "reported_by")}
        confident = claim["confidence"] >= 0.75 and not named & unreviewed
        assert (claim["status"] == "accepted") == confident
    assert "accepted" in statuses.values() and "proposed" in statuses.values()
    result = cli("review", "accept", "--above", "0.5", "--json")
    assert result.exit_code == 0
    assert all(c["status"] == "accepted" for c in json.loads(result.stdout))


def test_corroboration_links_independent_sources(cli: Cli, tmp_path: Path) -> None:
    ingest(cli, str(ARTICLES / "wire-veto.txt"), "--publisher", "Wire One")
    other = tmp_path / "b.txt"
    other.write_text(
        "Officials confirm the row.\n\nThe United States accepted the veto on "
        "Turkey, a second newspaper reported independently.\n"
    )
    ingest(cli, str(other), "--publisher", "Paper Two")
    listed = json.loads(cli("review", "list", "--json").stdout)
    accepts = [c for c in listed if c["predicate"] == "accepts_veto"]
    assert len(accepts) == 2
    shown = json.loads(cli("review", "show", accepts[0]["id"], "--json").stdout)
    assert accepts[1]["id"] in shown["corroborated_by"]  # the other paper
    scenario = json.loads(
        cli("claim", "list", "--predicate", "accepts_veto", "--status", "accepted", "--json").stdout
    )
    assert {c["id"] for c in scenario} <= set(shown["corroborated_by"])  # and the scenario's


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "a binary file"),
        (b"Turkey \xff vetoed", "not UTF-8 text"),
    ],
)
def test_bad_files_exit_2_and_store_nothing(
    cli: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    good = tmp_path / "a-good.txt"
    good.write_bytes((ARTICLES / "wire-veto.txt").read_bytes())
    bad = tmp_path / "b-bad.txt"
    bad.write_bytes(content)
    before = cli.snapshot()
    result = cli("ingest", str(good), str(bad))
    assert result.exit_code == 2, result.output
    assert "b-bad.txt" in result.stderr and message in result.stderr
    assert cli.snapshot() == before  # the good file before it is not kept either


def test_bad_options_exit_2(cli: Cli, tmp_path: Path) -> None:
    assert "no such file or folder" in cli("ingest", str(tmp_path / "nope.txt")).stderr
    result = cli("ingest", str(ARTICLES / "wire-veto.txt"), "--date", "15 January")
    assert result.exit_code == 2 and "date" in result.stderr
    assert cli("ingest", str(ARTICLES / "wire-veto.txt"), "--kind", "gossip").exit_code == 2
