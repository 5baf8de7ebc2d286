"""A case's report for any case and any run: report.md, report.html and report.json.

Everything shown comes from the case (its title, summary, candidates, roles and
composition problem), the run and the store: no mission is named here. The
official records compare each candidate's UN votes with the case's state
parties, the listings cover the armed groups and people the case's roles and
evidence reach, and the force is composed only when the case has requirements
and offers; otherwise the report says that none can be.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from forcevet.assessment.runs import pick_run, require_run, run_label, run_notes, run_risks
from forcevet.composition import Objective, solve_composition, trace_frontier
from forcevet.composition.pareto import Frontier
from forcevet.composition.problem import CompositionProblem
from forcevet.composition.solve import CompositionResult
from forcevet.errors import InputError
from forcevet.ingest.records.unga import BUNDLED_PERIODS
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Status
from forcevet.reports.assessment import AssessmentSection, build_assessment_section
from forcevet.reports.charts import inline_svg
from forcevet.reports.composition import (
    composition_chart_svg,
    composition_record,
    composition_rows,
    frontier_record,
    pareto_chart_svg,
)
from forcevet.reports.evidence import EvidenceReport, build_evidence
from forcevet.reports.ingested import IngestedSource, build_ingested
from forcevet.reports.peacekeeping import peacekeeping_blocks
from forcevet.reports.render import write_reports
from forcevet.reports.voting import voting_blocks
from forcevet.screening.status import ActorListings, listing_status
from forcevet.store.actors import load_actors
from forcevet.store.claims import list_claims
from forcevet.store.sources import list_sources
from forcevet.store.store import Store

if TYPE_CHECKING:
    from forcevet.cases.case import Case

COMPOSE_TIME_LIMIT_S = 20.0
FRONTIER_TIME_LIMIT_S = 30.0
FRONTIER_POINTS = 10
NO_PROBLEM = (
    "This case has no requirements and offers, so no force is composed. Add a "
    "requirements file and an offers file to the case folder (docs/cases.md), load it "
    "again and write the report again."
)
# the ingest paths mark the claims they propose with these method prefixes
INGEST_METHODS = ("parse:", "rules:")
LISTED_KINDS = (ActorKind.ARMED_GROUP, ActorKind.PERSON)


class ReportedCase(Protocol):
    """What a report reads of a case (forcevet.cases.case.Case has these and more)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def candidates(self) -> tuple[str, ...]: ...
    @property
    def roles(self) -> Mapping[str, tuple[str, ...]]: ...
    @property
    def problem(self) -> CompositionProblem | None: ...
    @property
    def origin(self) -> str: ...


@dataclass(frozen=True)
class CaseReport:
    """What `write_case_report` wrote, and from which run."""

    paths: list[Path]  # report.md, report.html, report.json
    run_id: str
    run_label: str
    # "optimal", "feasible" or "infeasible"; None when the case has no requirements and offers
    composition_status: str | None


def _lineage(actors: Mapping[str, Actor], actor_id: str) -> set[str]:
    """Return the actor and every parent above it (a person, their body, its state)."""
    found = {actor_id}
    parent = actors[actor_id].parent_id if actor_id in actors else None
    while parent and parent not in found:
        found.add(parent)
        parent = actors[parent].parent_id if parent in actors else None
    return found


def listing_actors(store: Store, case: ReportedCase, candidates: Sequence[str]) -> list[str]:
    """Return the armed groups and people whose listings the case's report shows.

    Those the case's roles name, those belonging to a candidate or a role's
    member (an official, a group's representative), and those an accepted claim
    ties to one of these: the role members first, in role order, then by kind
    and name. No actor is named here; a store holding several cases shows each
    case its own.
    """
    actors = {a.id: a for a in load_actors(store)}
    roles = [m for members in case.roles.values() for m in members]
    anchors = set(candidates) | set(roles)
    near = {a for a in actors if _lineage(actors, a) & anchors}
    tied = set(near)
    for claim in list_claims(store):
        if claim.status is not Status.ACCEPTED:
            continue
        named = {claim.subject_id, claim.object_id, claim.reported_by_id} - {None}
        if named & near:
            tied |= {a for a in named if a is not None}
    listed = [a.id for a in actors.values() if a.id in tied and a.kind in LISTED_KINDS]
    first = [m for m in dict.fromkeys(roles) if m in listed]
    return first + [a for a in listed if a not in first]


def ingested_sources(store: Store, candidates: Sequence[str]) -> list[str]:
    """Return the sources `forcevet ingest` proposed claims from about the candidates (or
    their bodies and officials), in the order they were added."""
    actors = {a.id: a for a in load_actors(store, unreviewed=True)}
    wanted = set(candidates)
    found: set[str] = set()
    for claim in list_claims(store):
        if not claim.extracted_by.startswith(INGEST_METHODS):
            continue
        named = {claim.subject_id, claim.object_id, claim.reported_by_id} - {None}
        if any(_lineage(actors, a) & wanted for a in named if a is not None):
            found.add(claim.source_id)
    return [s.id for s in list_sources(store) if s.id in found]


def official_records(
    store: Store, case: ReportedCase, candidates: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Return per candidate its record blocks: UN peacekeeping, then UN General Assembly
    votes beside the case's state parties.

    A kind of record is shown only when the store holds some of it for a
    candidate: a store with no peacekeeping or votes imported shows neither, and
    a case without a ``state_party`` role shows no votes.
    """
    blocks: dict[str, list[dict[str, Any]]] = {c: [] for c in candidates}
    peacekeeping = peacekeeping_blocks(store, candidates)
    if any(block["svg"] for block in peacekeeping.values()):
        for candidate, block in peacekeeping.items():
            blocks[candidate].append(block)
    parties = tuple(case.roles.get("state_party", ()))
    if parties:
        votes = voting_blocks(store, candidates, parties, periods=BUNDLED_PERIODS)
        if any(block["svg"] for found in votes.values() for block in found):
            for candidate, found in votes.items():
                blocks[candidate] += found
    return {c: found for c, found in blocks.items() if found}


def compose_case(
    problem: CompositionProblem,
    risks: Mapping[str, float],
    *,
    time_limit_s: float = COMPOSE_TIME_LIMIT_S,
    frontier_time_limit_s: float = FRONTIER_TIME_LIMIT_S,
    points: int = FRONTIER_POINTS,
) -> tuple[CompositionResult, Frontier]:
    """Return the lowest-risk composition of the case's force and its risk-coverage frontier."""
    result = solve_composition(problem, risks, Objective.MIN_RISK, time_limit_s=time_limit_s)
    frontier = trace_frontier(problem, risks, points=points, time_limit_s=frontier_time_limit_s)
    return result, frontier


def _composition_block(result: CompositionResult, frontier: Frontier) -> dict[str, Any]:
    return {
        "result": result,
        "rows": composition_rows(result),
        "chart_svg": inline_svg(composition_chart_svg(result)) if result.assignments else "",
        "pareto_svg": inline_svg(pareto_chart_svg(frontier)) if frontier.points else "",
        "frontier": frontier,
    }


def choose_report_run(
    store: Store, case_name: str | None, run: str | None
) -> tuple[Case, dict[str, Any]]:
    """Return the case and the run a report covers: ``run`` (id or prefix) if given, of its
    own case unless ``case_name`` names one, else the case's latest plain run.

    Raises InputError when the run belongs to another case than the one named.
    """
    from forcevet.cases.case import get_case

    if run is not None and case_name is None:
        # the run names its case
        case_name = require_run(store, run)["run"]["params"].get("scenario")
    case = get_case(store, case_name)
    result = pick_run(store, case.id, run)
    scenario = result["run"]["params"].get("scenario")
    if scenario != case.id:
        raise InputError(
            f"run {result['run']['id']} is of case {scenario}, not {case.id}", field="run"
        )
    return case, result


def write_case_report(
    store: Store,
    case: ReportedCase,
    run_result: dict[str, Any],
    out_dir: Path,
    *,
    ingested_source_ids: Sequence[str] | None = None,
    time_limit_s: float = COMPOSE_TIME_LIMIT_S,
    frontier_time_limit_s: float = FRONTIER_TIME_LIMIT_S,
) -> CaseReport:
    """Write report.md, report.html (with their charts) and report.json for one case and
    one run into ``out_dir``.

    The report covers the run's candidates. ``ingested_source_ids`` are the
    articles whose proposed claims it shows; by default, every source ingest
    proposed claims from about a candidate. The force is composed from the
    run's risks when the case has requirements and offers.
    """
    if "notes" not in run_result:
        notes = run_notes(store, run_result["run"]["id"])
        run_result = run_result | {"notes": [n.to_dict() for n in notes]}
    label = run_label(run_result)
    candidates = list(run_result["run"]["params"]["candidates"])
    evidence = build_evidence(store, candidates, title=case.title, summary=case.summary)
    assessment = build_assessment_section(run_result)
    sources = (
        ingested_sources(store, candidates)
        if ingested_source_ids is None
        else list(ingested_source_ids)
    )
    articles = build_ingested(store, sources)
    records = official_records(store, case, candidates)
    listings = listing_status(store, listing_actors(store, case, candidates))
    composed: tuple[CompositionResult, Frontier] | None = None
    if case.problem is not None:
        composed = compose_case(
            case.problem,
            run_risks(run_result),
            time_limit_s=time_limit_s,
            frontier_time_limit_s=frontier_time_limit_s,
        )
    paths = write_reports(
        evidence,
        out_dir,
        assessment,
        records=records,
        ingested=articles,
        listings=listings,
        composition=_composition_block(*composed) if composed else None,
        composition_note="" if composed else NO_PROBLEM,
        run_label=label,
    )
    record = report_record(
        case,
        run_result,
        evidence,
        assessment,
        records=records,
        listings=listings,
        ingested=articles,
        composed=composed,
    )
    json_path = out_dir / "report.json"
    json_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return CaseReport(
        [*paths, json_path],
        run_result["run"]["id"],
        label,
        composed[0].status.value if composed else None,
    )


def report_record(
    case: ReportedCase,
    run_result: dict[str, Any],
    evidence: EvidenceReport,
    assessment: AssessmentSection,
    *,
    records: Mapping[str, list[dict[str, Any]]],
    listings: Sequence[ActorListings],
    ingested: Sequence[IngestedSource],
    composed: tuple[CompositionResult, Frontier] | None,
) -> dict[str, Any]:
    """Return the report as one JSON-ready record (what report.json holds)."""
    risks_from = {"run": run_result["run"]["id"], "label": run_label(run_result)}
    return {
        "case": {
            "id": case.id,
            "title": case.title,
            "summary": case.summary,
            "origin": case.origin,
            "candidates": list(case.candidates),
            "roles": {k: list(v) for k, v in sorted(case.roles.items())},
        },
        "run": run_result["run"] | {"label": run_label(run_result)},
        "notes": list(run_result.get("notes", [])),
        "assessment": {
            "threshold": assessment.threshold,
            "min_coverage": assessment.min_coverage,
            "key_judgments": assessment.key_judgments,
            "statement": assessment.statement,
            "candidates": [
                {
                    "id": c["id"],
                    "name": c["name"],
                    "rank": c["rank"],
                    "ranked": c["ranked"],
                    "score": c["score"],
                    "exceeds_threshold": c["exceeds_threshold"],
                    "confidence": c["confidence"]["level"],
                    "coverage": c["coverage"]["share"],
                    "leading_hypothesis": assessment.leading[c["id"]],
                }
                for c in assessment.candidates
            ],
            "sensitivity": assessment.sensitivity,
        },
        "evidence": [
            {
                "id": item.actor.id,
                "name": item.actor.name,
                "claims": [
                    {
                        "id": line.claim.id,
                        "statement": line.statement,
                        "when": line.claim.time.text if line.claim.time else None,
                        "quote": line.claim.quote,
                        "paraphrase": line.claim.paraphrase,
                        "credibility": int(line.claim.credibility),
                        "source": line.source.id,
                    }
                    for line in item.lines
                ],
                "datasets": [
                    {
                        "source": d.source.id,
                        "predicate": d.predicate_label,
                        "claims": d.claims,
                        "first": d.first,
                        "last": d.last,
                    }
                    for d in item.datasets
                ],
                "proposed": item.proposed,
                "records": [
                    {"title": block["title"], "lines": list(block["lines"])}
                    for block in records.get(item.actor.id, [])
                ],
            }
            for item in evidence.candidates
        ],
        "listings": [
            {"id": x.actor_id, "name": x.name, "kind": x.kind, "lines": x.lines()} for x in listings
        ],
        "ingested": [
            {
                "source": item.source.id,
                "title": item.source.title,
                "claims": [
                    {"id": c.claim.id, "status": c.claim.status.value, "statement": c.statement}
                    for c in item.claims
                ],
            }
            for item in ingested
        ],
        "composition": (
            composition_record(composed[0], risks_from=risks_from)
            | {"frontier": frontier_record(composed[1], risks_from=risks_from)}
            if composed
            else None
        ),
        "composition_note": "" if composed else NO_PROBLEM,
        "sources": [
            {
                "id": s.id,
                "publisher": s.publisher,
                "title": s.title,
                "url": s.url,
                "date": s.date,
                "kind": s.kind.value,
                "reliability": s.reliability.value,
            }
            for s in evidence.sources
        ],
    }
