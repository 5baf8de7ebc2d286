"""A report for any case: a small made-up mission with its own gang, mission, candidates
and force plan; nothing of the bundled Gaza case may appear in what it writes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from forcevet.assessment.engine import AssessmentParams, assess
from forcevet.assessment.rubric import load_rubric
from forcevet.assessment.runs import (
    latest_plain_run,
    list_runs,
    pick_run,
    run_label,
    save_run,
)
from forcevet.composition.problem import CompositionProblem
from forcevet.errors import NotFoundError
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import ClaimCreate
from forcevet.reports.case_report import NO_PROBLEM, listing_actors, write_case_report
from forcevet.store.actors import save_actors
from forcevet.store.claims import record_claim
from forcevet.store.store import Store
from tests.composition.factories import offer, problem, requirement
from tests.conftest import source

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report-json.md"
# words of the bundled case that a report of another case must not contain
GAZA_WORDS = ("Gaza", "Hamas", "hamas", "ISF", "Israel", "ISR", "Palestin", "Board of Peace")


@dataclass(frozen=True)
class HarborCase:
    """The parts of a case a report reads (forcevet.cases.case.Case has more)."""

    id: str = "harbor-watch"
    title: str = "Harbor Watch Mission"
    summary: str = "A made-up coastal security mission with three possible contributors."
    candidates: tuple[str, ...] = ("KEN", "JAM", "BHS")
    roles: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "state_party": ("HTI",),
            "armed_group": ("dock-gang",),
            "mission": ("harbor-watch",),
        }
    )
    as_of: str | None = "2026-02-01"
    problem: CompositionProblem | None = None
    origin: str = "tests"


def harbor_problem() -> CompositionProblem:
    return problem(
        [requirement("infantry_battalion", count=1), requirement("engineer_company", count=1)],
        [offer("KEN", "infantry_battalion"), offer("JAM", "engineer_company")],
    )


def harbor_store(store: Store) -> str:
    """Store the mission's actors and a few claims about its candidates; return the
    source's id."""
    with store.transaction():
        save_actors(
            store,
            [
                Actor("dock-gang", ActorKind.ARMED_GROUP, "Dock Gang"),
                Actor("harbor-watch", ActorKind.IGO, "Harbor Watch"),
                Actor("gang-boss", ActorKind.PERSON, "Gang Boss", parent_id="dock-gang"),
                Actor("far-away-group", ActorKind.ARMED_GROUP, "Unrelated Group"),
            ],
        )
        wire = source(store, title="Harbor briefing", publisher="Coast Wire").id
        for subject, predicate, target in (
            ("KEN", "offers_units", "harbor-watch"),
            ("JAM", "has_links_to", "dock-gang"),
            ("BHS", "endorses", "harbor-watch"),
        ):
            record_claim(
                store,
                ClaimCreate(
                    source=wire,
                    subject=subject,
                    predicate=predicate,
                    quote=f"{subject} and the harbor",
                    credibility=2,
                    status="accepted",
                    object=target,
                ),
                by="test",
            )
    return wire


def harbor_run(
    store: Store, case: HarborCase, *, plain: bool = True, **extra: Any
) -> dict[str, Any]:
    """Assess the case and store the run, marked plain or not as the lead's assess does."""
    values: dict[str, Any] = {
        "candidates": case.candidates,
        "roles": case.roles,
        "as_of": case.as_of,
        "samples": 300,
        "seed": 1,
        "scenario": case.id,
    }
    params = AssessmentParams(**(values | extra))
    with store.transaction():
        result = assess(store, load_rubric(), params, by="test")
        result["run"]["params"]["plain"] = plain
        # a later run gets a later time, as runs made one after the other do
        result["run"]["created_at"] = f"2026-03-0{2 if not plain else 1}T10:00:00+00:00"
        save_run(store, result)
    return result


def gaza_free(text: str) -> list[str]:
    """Return the bundled case's words found in the text (whole words: "Bahamas" is fine)."""
    return [w for w in GAZA_WORDS if re.search(rf"\b{w}", text)]


def test_a_case_without_requirements_gets_a_report_saying_so(store: Store, tmp_path: Path) -> None:
    case = HarborCase()
    harbor_store(store)
    run = harbor_run(store, case)
    written = write_case_report(store, case, run, tmp_path, time_limit_s=5)
    assert [p.name for p in written.paths] == ["report.md", "report.html", "report.json"]
    assert written.composition_status is None
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    record = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert "# Harbor Watch Mission" in markdown and "Kenya (KEN)" in markdown
    assert "This case has no requirements and offers" in markdown
    assert "This case has no requirements and offers" in html
    assert record["composition"] is None and record["composition_note"] == NO_PROBLEM
    documented = re.findall(r"^\| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(documented) == sorted(record)  # docs/report-json.md lists every key
    assert record["case"]["id"] == "harbor-watch"
    assert [c["id"] for c in record["evidence"]] == list(case.candidates)
    assert written.run_label in markdown and run["run"]["id"] in html
    for text in (markdown, html, json.dumps(record)):
        assert gaza_free(text) == []


def test_a_case_with_a_plan_is_composed_from_the_run(store: Store, tmp_path: Path) -> None:
    case = HarborCase(problem=harbor_problem())
    harbor_store(store)
    run = harbor_run(store, case)
    written = write_case_report(store, case, run, tmp_path, time_limit_s=5)
    assert written.composition_status in ("optimal", "feasible")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## Force composition")[1].split("\n## ")[0]
    assert "the case's plan" in section and "| Kenya (KEN) |" in section
    record = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert {c["country"] for c in record["composition"]["contributions"]} == {"KEN", "JAM"}
    assert (tmp_path / "composition.svg").exists()
    for text in (markdown, (tmp_path / "report.html").read_text(encoding="utf-8")):
        assert gaza_free(text) == []


def test_listings_follow_the_case_roles_and_evidence_not_a_fixed_list(store: Store) -> None:
    case = HarborCase()
    harbor_store(store)
    # the role's group first, then those tied to it or to a candidate; never the unrelated one
    assert listing_actors(store, case, case.candidates) == ["dock-gang", "gang-boss"]


def test_the_latest_plain_run_is_used_after_a_newer_what_if(store: Store) -> None:
    case = HarborCase()
    wire = harbor_store(store)
    plain = harbor_run(store, case)
    what_if = harbor_run(store, case, plain=False, without_sources=(wire,))
    assert what_if["run"]["created_at"] > plain["run"]["created_at"]
    assert latest_plain_run(store, case.id)["run"]["id"] == plain["run"]["id"]
    assert pick_run(store, case.id)["run"]["id"] == plain["run"]["id"]
    assert (
        pick_run(store, case.id, what_if["run"]["id"][:10])["run"]["id"] == (what_if["run"]["id"])
    )
    assert run_label(plain) == (
        f"{plain['run']['id']} of case harbor-watch, as of 2026-02-01, plain"
    )
    assert run_label(what_if).endswith(f"what-if without {wire}")
    listed = {r["id"]: (r["case"], r["kind"]) for r in list_runs(store)}
    assert listed == {
        plain["run"]["id"]: ("harbor-watch", "plain"),
        what_if["run"]["id"]: ("harbor-watch", f"what-if without {wire}"),
    }


def test_no_plain_run_is_an_error_naming_the_case_and_the_command(store: Store) -> None:
    case = HarborCase()
    wire = harbor_store(store)
    harbor_run(store, case, plain=False, without_sources=(wire,))
    other = replace(case, id="other-case")
    harbor_run(store, other)  # a plain run of another case does not count
    with pytest.raises(NotFoundError, match="no plain run of case harbor-watch; run `forcevet"):
        latest_plain_run(store, case.id)
