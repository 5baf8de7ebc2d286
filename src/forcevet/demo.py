"""The bundled Gaza ISF case from an empty store to a report, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import save_run
from forcevet.cases.case import load_case, run_params
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.ingest.records.unga import import_bundled_votes
from forcevet.ingest.scenario import SCENARIOS
from forcevet.reports.case_report import write_case_report
from forcevet.screening.actors import screen_actors
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
    run_label: str = ""  # the run in one line: id, case, as-of day, plain


# The bundled case the demo runs, and its own record of the seed article, whose text
# the demo ingests: the ingested copy counts as that one source.
CASE = "gaza-isf"
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
    """Build a fresh store in ``out_dir`` from the bundled Gaza ISF case, assess every
    candidate, compose the force and write the reports.

    The same library calls as `case load`, `assess`, `compose` and `report`: the
    case is loaded as any case folder is, the run is its plain run (as of the
    case's date, with a fixed seed, so the same every time), and the report is
    the one `forcevet report` writes. An older demo store in the folder is
    replaced, so the demo always starts empty. ``article`` is the seed opinion
    article to ingest; without it, forcevet's own summary of that article
    (package data) is ingested, its claims marked as paraphrases. ``un_list`` is
    the UN Security Council's consolidated list (XML); without it, the bundled
    excerpt of it is imported.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "forcevet.db"
    db_path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_case(store, CASE, by=by)
        case = loaded.case
        lists = import_designation_lists(store, by=by, un_list=un_list)
        import_bundled_peacekeeping(store, by=by)  # UN records for every candidate
        # UN votes for every candidate, beside the case's state parties
        import_bundled_votes(store, by=by, parties=case.state_parties())
        screening = screen_actors(store, by=by)  # loads the matcher once, about 6 s
        if article is not None:
            document = read_document(str(article), article.read_bytes())
        else:
            summary = resources.files("forcevet.data").joinpath(
                SCENARIOS, case.id, "seed-summary.txt"
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
                copy_of=loaded.evidence.source_ids.get(SEED_SOURCE),
            ),
        )
        params = run_params(case, case.rubric, samples=samples, seed=seed)
        result = assess(store, case.rubric, params, by=by)
        save_run(store, result)
        written = write_case_report(
            store,
            case,
            result,
            out_dir,
            ingested_source_ids=[s["source"].id for s in ingested.sources],
        )
    ranking = [c["id"] for c in result["candidates"] if c["ranked"]]
    return DemoResult(
        url,
        written.paths,
        len(case.candidates),
        loaded.evidence.sources,
        loaded.evidence.claims,
        result["run"]["id"],
        ranking,
        written.composition_status or "not composed",
        [r.path for r in lists],
        len(screening.proposals),
        document.label,
        len(ingested.claims),
        sum(c.status.value == "accepted" for c in ingested.claims),
        [c["id"] for c in result["candidates"] if not c["ranked"]],
        written.run_label,
    )
