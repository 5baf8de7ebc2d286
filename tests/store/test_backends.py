"""SQLite and PostgreSQL hold the same evidence and give the same run.

The bundled case goes through what `forcevet demo` does to a store (case load
with its actors, sources, claims and designations; the designation lists; UN
peacekeeping records and General Assembly votes; an assessment saved as a run,
a note on it, an ACH rating and a coverage record) once in SQLite and once in a
PostgreSQL database, and every reading of it must agree: the one place the two
dialects differ (store.py, votes' parameter markers, aggregate_strings) is
exercised end to end.
"""

from __future__ import annotations

from typing import Any

from forcevet.assessment.engine import assess
from forcevet.assessment.runs import (
    NoteKind,
    add_run_note,
    latest_plain_run,
    list_runs,
    run_notes,
    save_run,
)
from forcevet.cases.case import get_case, load_case, run_params
from forcevet.ingest.lists.bundled import import_designation_lists
from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.ingest.records.unga import import_bundled_votes
from forcevet.store.ach import list_ach_ratings, rate_claim
from forcevet.store.actors import load_actors
from forcevet.store.cases import stored_cases
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.designations import designation_history_of, list_designations
from forcevet.store.peacekeeping import peacekeeping_summary
from forcevet.store.setup import init_store
from forcevet.store.sources import list_sources
from forcevet.store.store import Store, open_store
from forcevet.store.votes import agreements, count_votes

BY = "backend test"


def build(store: Store) -> None:
    """Fill the store as the demo does, then rate a claim and note the run."""
    with store.transaction():
        loaded = load_case(store, "gaza-isf", by=BY)
        import_designation_lists(store, by=BY)
        import_bundled_peacekeeping(store, by=BY)
        import_bundled_votes(store, by=BY, parties=loaded.case.state_parties())
    case = get_case(store)
    with store.transaction():
        params = run_params(case, case.rubric, samples=300, seed=7)
        result = assess(store, case.rubric, params, by=BY)
        save_run(store, result)
        add_run_note(store, result["run"]["id"], NoteKind.SIGN_OFF, by=BY)
        rate_claim(
            store,
            case.rubric,
            claim_id=list_claims(store)[0].id,
            hypothesis=case.rubric.hypotheses[0].id,
            rating="I",
            note="rated on both backends",
            by=BY,
        )


def reading(store: Store) -> dict[str, Any]:
    """Return what the commands would show, in a form two stores can be compared by."""
    case = get_case(store)
    run = latest_plain_run(store, case.id)
    designations = list_designations(store)
    return {
        "actors": sorted(a.id for a in load_actors(store, unreviewed=True)),
        "sources": sorted((s.id, s.title) for s in list_sources(store)),
        "claims": sorted((c.id, c.revision, c.status.value) for c in list_claims(store)),
        "pak claims": len(list_claims(store, ClaimFilter(actor_id="PAK"))),
        "designations": sorted(d.id for d in designations),
        "history": [
            (e.event, e.source_id, e.changes, e.listing)
            for e in designation_history_of(store, designations[0].id)
        ],
        "cases": [(c.id, c.is_default, c.definition) for c in stored_cases(store)],
        "run candidates": run["candidates"],
        "runs": len(list_runs(store)),
        "notes": [(n.kind, n.recorded_by) for n in run_notes(store, run["run"]["id"])],
        "ach": [(r.claim_id, r.hypothesis) for r in list_ach_ratings(store)],
        "peacekeeping": peacekeeping_summary(store, "PAK"),
        "votes": count_votes(store),
        "agreements": agreements(store, "ISR", country="PAK"),
    }


def test_the_bundled_case_reads_the_same_in_sqlite_and_postgresql(postgres_url: str) -> None:
    with open_store("sqlite://", require_schema=False) as sqlite:
        with sqlite.transaction():
            init_store(sqlite)
        build(sqlite)
        expected = reading(sqlite)
    with open_store(postgres_url) as postgres:
        build(postgres)
        found = reading(postgres)
    assert expected["claims"] and expected["designations"] and expected["agreements"]
    assert [key for key, value in expected.items() if found[key] != value] == []


def test_undated_records_sort_the_same_on_both(store: Store) -> None:
    """SQLite sorts NULL first ascending and PostgreSQL last: the store says which it wants."""
    from forcevet.model.claims import ClaimCreate
    from forcevet.store.claims import record_claim
    from tests.conftest import source

    with store.transaction():
        dated = source(store, title="dated", date="2025-01-02")
        undated = source(store, title="undated")
        for date in ("2024-05", None, "2023"):
            record_claim(
                store,
                ClaimCreate(
                    source=dated.id,
                    subject="PAK",
                    predicate="recognizes",
                    object="ISR",
                    polarity="denies",
                    quote=f"dated {date}",
                    date=date,
                    credibility=3,
                ),
                by=BY,
            )
    assert [s.id for s in list_sources(store)] == [dated.id, undated.id]
    assert [c.time.text if c.time else None for c in list_claims(store)] == [
        None,
        "2023",
        "2024-05",
    ]
