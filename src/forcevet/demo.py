"""The bundled Gaza ISF scenario from an empty store to a report, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forcevet.assessment.engine import AssessmentParams, assess
from forcevet.assessment.rubric import load_rubric
from forcevet.assessment.runs import save_run
from forcevet.ingest.scenario import load_scenario, read_scenario
from forcevet.reports.assessment import build_assessment_section
from forcevet.reports.evidence import build_evidence
from forcevet.reports.render import write_reports
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
    ranking: list[str]


def run_demo(
    out_dir: Path, *, by: str = "forcevet demo", samples: int = 10_000, seed: int = 0
) -> DemoResult:
    """Build a fresh store in ``out_dir`` from the bundled scenario, assess every candidate,
    and write the reports.

    An older demo store in the folder is replaced, so the demo always starts empty;
    the assessment is as of the scenario's date with a fixed seed, so it is the
    same every time.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "forcevet.db"
    db_path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    scenario = read_scenario()
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_scenario(store, scenario, by=by)
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
    paths = write_reports(report, out_dir, build_assessment_section(result))
    ranking = [c["id"] for c in result["candidates"]]
    return DemoResult(
        url,
        paths,
        len(scenario.candidates),
        loaded.sources,
        loaded.claims,
        result["run"]["id"],
        ranking,
    )
