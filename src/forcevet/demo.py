"""The bundled Gaza ISF scenario from an empty store to a report, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from forcevet.assessment.engine import AssessmentParams, assess
from forcevet.assessment.rubric import load_rubric
from forcevet.assessment.runs import run_risks, save_run
from forcevet.composition import Objective, load_problem, solve_composition, trace_frontier
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.ingest.records.unga import BUNDLED_PERIODS, import_bundled_votes
from forcevet.ingest.scenario import SCENARIOS, load_scenario, read_scenario
from forcevet.reports.assessment import build_assessment_section
from forcevet.reports.charts import inline_svg
from forcevet.reports.composition import (
    composition_chart_svg,
    composition_rows,
    pareto_chart_svg,
)
from forcevet.reports.evidence import build_evidence
from forcevet.reports.ingested import build_ingested
from forcevet.reports.peacekeeping import peacekeeping_blocks
from forcevet.reports.render import write_reports
from forcevet.reports.voting import voting_blocks
from forcevet.screening.actors import screen_actors
from forcevet.screening.status import listing_status
from forcevet.store.setup import init_store
from forcevet.store.store import open_store


@dataclass(frozen=True)
class DemoResult:
    """Where the demo wrote its store and reports, and what it loaded."""

    db_url: str
    reports: list[Path]
    candidates: int
    sources: int
    claims: int
    run_id: str
    ranking: list[str]  # the ranked candidates, lowest risk first
    composition_status: str
    lists: list[str]
    screening_proposals: int
    article: str
    proposed: int
    accepted: int
    unranked: list[str]  # candidates with insufficient evidence to rank


# The scenario's own record of the seed article, whose text the demo ingests:
# the ingested copy counts as that one source.
SEED_SOURCE = "gatestone-pak-isf"


def run_demo(
    out_dir: Path,
    *,
    article: Path | None = None,
    un_list: Path | None = None,
    by: str = "forcevet demo",
    samples: int = 10_000,
    seed: int = 0,
) -> DemoResult:
    """Build a fresh store in ``out_dir`` from the bundled scenario, assess every candidate,
    and write the reports.

    An older demo store in the folder is replaced, so the demo always starts empty;
    the assessment is as of the scenario's date with a fixed seed, so it is the
    same every time. ``article`` is the seed opinion article to ingest; without
    it, forcevet's own summary of that article (package data) is ingested, its
    claims marked as paraphrases. ``un_list`` is the UN Security Council's
    consolidated list (XML); without it, the bundled excerpt of it is imported.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "forcevet.db"
    db_path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    scenario = read_scenario()
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_scenario(store, scenario, by=by)
        lists = import_designation_lists(store, by=by, un_list=un_list)
        import_bundled_peacekeeping(store, by=by)  # UN records for every candidate
        parties = tuple(scenario.roles.get("state_party", ())) or ("ISR",)
        import_bundled_votes(store, by=by, parties=parties)  # UN votes for every candidate
        screening = screen_actors(store, by=by)  # loads the matcher once, about 6 s
        if article is not None:
            document = read_document(str(article), article.read_bytes())
        else:
            summary = resources.files("forcevet.data").joinpath(
                SCENARIOS, scenario.id, "seed-summary.txt"
            )
            document = read_document("seed-summary.txt", summary.read_bytes())
        ingested = ingest_documents(
            store,
            [document],
            IngestOptions(
                kind="opinion",
                publisher="Gatestone Institute",
                date="2025",
                # nothing is accepted automatically: proposals wait for a reviewer
                paraphrase=article is None,
                by=by,
                copy_of=loaded.source_ids.get(SEED_SOURCE),
            ),
        )
        params = AssessmentParams(
            candidates=tuple(scenario.candidates),
            roles={k: tuple(v) for k, v in scenario.roles.items()},
            as_of=scenario.as_of or date.today().isoformat(),
            samples=samples,
            seed=seed,
            scenario=scenario.id,
        )
        result = assess(store, load_rubric(), params, by=by)
        save_run(store, result)
        report = build_evidence(
            store, scenario.candidates, title=scenario.title, summary=scenario.summary
        )
        articles = build_ingested(store, [s["source"].id for s in ingested.sources])
        records = peacekeeping_blocks(store, scenario.candidates)
        votes = voting_blocks(
            store, scenario.candidates, (*parties, "USA"), periods=BUNDLED_PERIODS
        )
        listed = listing_status(
            store, [a.id for a in scenario.actors if a.kind in ("armed_group", "person")]
        )
    problem = load_problem()  # the bundled Gaza ISF requirements, offers and constraints
    risks = run_risks(result)
    composition = solve_composition(problem, risks, Objective.MIN_RISK, time_limit_s=20.0)
    frontier = trace_frontier(problem, risks, points=10, time_limit_s=30.0)
    paths = write_reports(
        report,
        out_dir,
        build_assessment_section(result),
        records={c: [block, *votes.get(c, [])] for c, block in records.items()},
        ingested=articles,
        listings=listed,
        composition={
            "result": composition,
            "rows": composition_rows(composition),
            "chart_svg": inline_svg(composition_chart_svg(composition))
            if composition.assignments
            else "",
            "pareto_svg": inline_svg(pareto_chart_svg(frontier)) if frontier.points else "",
            "frontier": frontier,
        },
    )
    ranking = [c["id"] for c in result["candidates"] if c["ranked"]]
    return DemoResult(
        url,
        paths,
        len(scenario.candidates),
        loaded.sources,
        loaded.claims,
        result["run"]["id"],
        ranking,
        composition.status.value,
        [r.path for r in lists],
        len(screening.proposals),
        document.label,
        len(ingested.claims),
        sum(c.status.value == "accepted" for c in ingested.claims),
        [c["id"] for c in result["candidates"] if not c["ranked"]],
    )
