"""`forcevet report`: a case written as files alone, loaded, assessed and reported, with
the run it used named; a newer what-if never replaces the latest plain run."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

from tests.conftest import Cli

# words of the bundled case that a report of another case must not contain (whole words)
GAZA_WORDS = ("Gaza", "Hamas", "ISF", "Israel", "ISR", "Palestin", "Board of Peace")

SCENARIO = """\
id: harbor-watch
title: Harbor Watch Mission
summary: A made-up coastal security mission with three possible contributors.
candidates: [KEN, JAM, BHS]
as_of: 2026-02-01
roles:
  state_party: [HTI]
  armed_group: [dock-gang]
  mission: [harbor-watch]
actors:
  - {id: harbor-watch, kind: igo, name: Harbor Watch}
  - {id: dock-gang, kind: armed_group, name: Dock Gang}
  - {id: gang-boss, kind: person, name: Gang Boss, parent: dock-gang}
sources:
  - {id: brief, title: Harbor briefing, publisher: Coast Wire, date: 2026-01-10,
     kind: news, reliability: B}
  - {id: column, title: Harbor column, publisher: Port Post, date: 2026-01-12,
     kind: opinion, reliability: D}
claims:
  - {source: brief, subject: KEN, predicate: offers_units, object: harbor-watch,
     quote: Kenya offers a battalion to the harbor mission, paraphrase: true, credibility: 2}
  - {source: column, subject: JAM, predicate: has_links_to, object: dock-gang,
     quote: Jamaica is said to know the dock gang, paraphrase: true, credibility: 4}
  - {source: brief, subject: BHS, predicate: endorses, object: harbor-watch,
     quote: The Bahamas back the harbor mission, paraphrase: true, credibility: 2}
"""


def harbor_case(tmp_path: Path) -> Path:
    """Write the case folder: its scenario and the blank template's vocabulary."""
    folder = tmp_path / "harbor-watch"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    template = resources.files("forcevet.data").joinpath("case-template", "vocabulary.yaml")
    with resources.as_file(template) as vocabulary:
        shutil.copy(vocabulary, folder / "vocabulary.yaml")
    return folder


def ok(cli: Cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def gaza_words(text: str) -> list[str]:
    return [w for w in GAZA_WORDS if re.search(rf"\b{w}", text)]


def test_report_of_a_case_from_files_alone_has_no_gaza_text(cli: Cli, tmp_path: Path) -> None:
    ok(cli, "case", "load", str(harbor_case(tmp_path)))
    plain = json.loads(ok(cli, "assess", "--samples", "300", "--json"))
    out = tmp_path / "report"
    printed = ok(cli, "report", "--out", str(out))
    assert f"using:   {plain['run']['id']} of case harbor-watch" in printed
    assert "no (the case has no requirements and offers)" in printed
    files = {p.name for p in out.iterdir()}
    assert {"report.md", "report.html", "report.json"} <= files
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "# Harbor Watch Mission" in markdown and "## Kenya (KEN)" in markdown
    assert "This case has no requirements and offers" in markdown
    assert "Dock Gang (dock-gang)" in markdown  # the case's own armed group is screened
    for name in ("report.md", "report.html", "report.json"):
        assert gaza_words((out / name).read_text(encoding="utf-8")) == [], name


def test_report_uses_the_latest_plain_run_after_a_newer_what_if(cli: Cli, tmp_path: Path) -> None:
    ok(cli, "case", "load", str(harbor_case(tmp_path)))
    plain = json.loads(ok(cli, "assess", "--samples", "300", "--json"))
    column = next(
        s["id"]
        for s in json.loads(ok(cli, "source", "list", "--json"))
        if s["title"] == "Harbor column"
    )
    what_if = json.loads(
        ok(cli, "assess", "--samples", "300", "--without-source", column, "--json")
    )
    assert what_if["run"]["id"] != plain["run"]["id"]
    written = json.loads(ok(cli, "report", "--out", str(tmp_path / "plain"), "--json"))
    assert written["run"] == plain["run"]["id"]
    assert written["run_label"].endswith(", plain")
    record = json.loads((tmp_path / "plain" / "report.json").read_text(encoding="utf-8"))
    assert record["run"]["id"] == plain["run"]["id"]
    # ach and explain, too, keep to the plain run and name it
    ach = json.loads(ok(cli, "ach", "KEN", "--json"))
    assert (ach["run"], ach["run_label"]) == (plain["run"]["id"], written["run_label"])
    assert f"using {written['run_label']}" in ok(cli, "ach", "show", "KEN")
    assert json.loads(ok(cli, "explain", "KEN", "--json"))["run"] == plain["run"]["id"]
    # --run reports the what-if, and says so
    printed = ok(cli, "report", "--run", what_if["run"]["id"], "--out", str(tmp_path / "w"))
    assert f"what-if without {column}" in printed
    assert f"what-if without {column}" in (tmp_path / "w" / "report.md").read_text("utf-8")


def test_report_without_a_plain_run_says_how_to_make_one(cli: Cli, tmp_path: Path) -> None:
    ok(cli, "case", "load", str(harbor_case(tmp_path)))
    result = cli("report", "--out", str(tmp_path / "none"))
    assert result.exit_code == 2  # not found: the input names nothing to report
    assert "no plain run of case harbor-watch; run `forcevet assess --case harbor-watch`" in (
        result.output
    )
    assert not (tmp_path / "none" / "report.md").exists()
