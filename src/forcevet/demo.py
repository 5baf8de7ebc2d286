"""The bundled Gaza ISF scenario from an empty store to a report, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forcevet.ingest.scenario import load_scenario, read_scenario
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


def run_demo(out_dir: Path, *, by: str = "forcevet demo") -> DemoResult:
    """Build a fresh store in ``out_dir`` from the bundled scenario and write its reports.

    An older demo store in the folder is replaced, so the demo always starts empty.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "forcevet.db"
    db_path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    scenario = read_scenario()
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_scenario(store, scenario, by=by)
        report = build_evidence(
            store, scenario.candidates, title=scenario.title, summary=scenario.summary
        )
    paths = write_reports(report, out_dir)
    return DemoResult(url, paths, len(scenario.candidates), loaded.sources, loaded.claims)
