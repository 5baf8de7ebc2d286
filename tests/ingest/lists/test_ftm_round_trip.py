"""Store to store through an FtM export and its records file: nothing lost, nothing changed.

Store A holds the bundled case plus one of each thing a case alone lacks (a revised
claim, a second reviewer's acceptance, a hearsay claim, a claim naming an actor
under review, a listing with history, a recorded search, an ACH rating); it is
exported and imported into a fresh store B, and every evidence table is compared
row by row. The only columns left out of the comparison are the autoincrement ids
of ``designation_history`` and ``ach_ratings``: they number rows in one store, and
B numbers the rows it receives itself. The tables not carried (runs, cases, the
peacekeeping and UN vote datasets) are listed in ``NOT_CARRIED`` with why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from forcevet.cases.case import get_case, load_case
from forcevet.errors import InputError
from forcevet.ingest.lists.ftm import import_ftm
from forcevet.ingest.review import decide
from forcevet.model.actors import Actor, ActorKind, ActorStatus
from forcevet.model.claims import ClaimCreate, Status
from forcevet.model.designations import make_designation
from forcevet.model.ftm import records_path
from forcevet.reports.ftm_export import export_ftm
from forcevet.store.ach import rate_claim
from forcevet.store.actors import save_actors
from forcevet.store.claims import edit_claim, list_claims, record_claim
from forcevet.store.coverage import record_search
from forcevet.store.designations import sync_designations
from forcevet.store.records import EVIDENCE_TABLES, LOCAL_COLUMNS, NOT_CARRIED, carried_columns
from forcevet.store.setup import init_store
from forcevet.store.sources import list_sources
from forcevet.store.store import Store, open_store
from forcevet.store.tables import metadata
from tests.conftest import Cli, snapshot


def evidence_rows(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """Return every carried row of every evidence table."""
    found = {}
    for table in EVIDENCE_TABLES:
        columns = [table.c[n] for n in carried_columns(table)]
        found[table.name] = {tuple(r) for r in store.connection.execute(select(*columns))}
    return found


def differences(a: Store, b: Store) -> dict[str, int]:
    """Return, per evidence table, how many rows one store has and the other lacks."""
    rows_a, rows_b = evidence_rows(a), evidence_rows(b)
    return {name: len(rows_a[name] ^ rows_b[name]) for name in rows_a}


def fill(store: Store) -> None:
    """The bundled case plus one of each kind of record a case alone does not hold."""
    with store.transaction():
        init_store(store)
        load_case(store, "gaza-isf", by="t")
        claims = list_claims(store)
        value_claim = next(c for c in claims if c.object_id is None)
        edit_claim(
            store,
            value_claim.id,
            by="reviser",
            note="second reading",
            credibility=1 if value_claim.credibility != 1 else 2,
        )
        decide(store, [claims[1].id], Status.ACCEPTED, by="second-analyst")
        source = list_sources(store)[0].id
        record_claim(
            store,
            ClaimCreate(
                source=source,
                subject="PAK",
                predicate="supports",
                object="EGY",
                quote="Pakistan's minister said Egypt backs the force.",
                credibility=4,
                paraphrase=True,
                reported_by="IDN",
                reported=True,
                status="proposed",
                confidence=0.625,
            ),
            by="t",
        )
        save_actors(
            store,
            [
                Actor(
                    "new-militia", ActorKind.ARMED_GROUP, "New Militia", status=ActorStatus.PROPOSED
                )
            ],
        )
        record_claim(
            store,
            ClaimCreate(
                source=source,
                subject="new-militia",
                predicate="has_links_to",
                object="ISR",
                quote="A new militia attacked.",
                credibility=5,
                status="proposed",
                date="2025-03/..",
            ),
            by="t",
        )
        listing = make_designation(
            actor_id="new-militia", authority="Testland", reference="T-1", listed_on="2024-02-29"
        )
        sync_designations(store, [listing], source_id=None, by="t", at="2026-01-01T00:00:00")
        ended = make_designation(
            actor_id="new-militia",
            authority="Testland",
            reference="T-1",
            listed_on="2024-02-29",
            delisted_on="2025-12-31",
        )
        sync_designations(store, [ended], source_id=None, by="t", at="2026-02-01T00:00:00")
        record_search(
            store, actor="PAK", predicate="has_links_to", note="searched ACLED 2020-2025", by="t"
        )
        case = get_case(store)
        rate_claim(
            store,
            case.rubric,
            claim_id=claims[0].id,
            hypothesis=case.rubric.hypotheses[0].id,
            rating="C",
            note="fits",
            by="t",
        )


@pytest.fixture
def filled() -> Any:
    with open_store("sqlite://", require_schema=False) as store:
        fill(store)
        yield store


def test_export_then_import_restores_every_evidence_row(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "evidence.ftm.json"
    report = export_ftm(filled, out)
    # Claims whose object is a value, and one naming an actor under review, have no
    # FtM form: they are in the records only.
    assert report.only_in_records["claims"] == 9
    with open_store("sqlite://", require_schema=False) as b:
        with b.transaction():
            init_store(b)
            imported = import_ftm(b, out, by="someone-else")
        assert imported.records == str(records_path(out))
        assert differences(filled, b) == {t.name: 0 for t in EVIDENCE_TABLES}
        counts = {name: len(rows) for name, rows in evidence_rows(b).items()}
        assert counts["claims"] == 69 and counts["claim_revisions"] == 71
        assert counts["designation_history"] >= 2 and counts["ach_ratings"] == 1
        # Importing the same export again adds nothing and changes nothing.
        before = snapshot(b)
        with b.transaction():
            again = import_ftm(b, out, by="someone-else")
        assert sum(again.added.values()) == 0 and snapshot(b) == before


def test_only_local_counters_and_uncarried_tables_are_left_out() -> None:
    carried = {t.name for t in EVIDENCE_TABLES}
    every = {t.name for t in metadata.sorted_tables}
    assert every == carried | set(NOT_CARRIED)
    assert not carried & set(NOT_CARRIED)
    for name, columns in LOCAL_COLUMNS.items():
        table = metadata.tables[name]
        assert all(table.c[c].autoincrement is True for c in columns)


def test_a_changed_ftm_file_or_a_conflicting_row_is_refused(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "evidence.ftm.json"
    export_ftm(filled, out)
    records = records_path(out)
    lines = records.read_text(encoding="utf-8").splitlines()
    # A row stored with other values: refused, nothing written.
    with open_store("sqlite://", require_schema=False) as b:
        with b.transaction():
            init_store(b)
        index = next(i for i, line in enumerate(lines) if '"table": "claim_revisions"' in line)
        record = json.loads(lines[index])
        record["row"]["credibility"] = 9
        broken = [*lines[:index], json.dumps(record), *lines[index + 1 :]]
        records.write_text("\n".join(broken) + "\n", encoding="utf-8")
        before = snapshot(b)
        refused = pytest.raises(InputError, match="credibility: expected an information credib")
        with refused, b.transaction():
            import_ftm(b, out, by="x")
        assert snapshot(b) == before
        # The FtM file changed after the export: its records no longer describe it.
        records.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with out.open("a", encoding="utf-8") as handle:
            handle.write('{"id": "x", "schema": "Person", "properties": {"name": ["X"]}}\n')
        refused = pytest.raises(InputError, match="ftm_sha256: written with another version")
        with refused, b.transaction():
            import_ftm(b, out, by="x")
        assert snapshot(b) == before


def test_the_commands_say_what_went_where(cli: Cli, tmp_path: Path) -> None:
    assert cli("case", "load", "gaza-isf").exit_code == 0
    out = tmp_path / "ev.ftm.json"
    exported = cli("export", "--format", "ftm", "--out", str(out))
    assert exported.exit_code == 0, exported.output
    assert "records to " in exported.stderr and "(in the records only: 8 claims)" in exported.stderr
    fresh = Cli(f"sqlite:///{tmp_path / 'fresh.db'}")
    fresh("init")
    first = fresh("import", "ftm", str(out))
    assert first.exit_code == 0, first.output
    assert "67 claims (67 revisions)" in first.stdout and " 0 rows added" not in first.stdout
    again = fresh("import", "ftm", str(out))
    assert "; 0 rows added, " in again.stdout
    alone = Cli(f"sqlite:///{tmp_path / 'alone.db'}")
    alone("init")
    result = alone("import", "ftm", str(out), "--no-records")
    assert "59 links" in result.stdout and "no records file" in result.stdout
    to_stdout = cli("export", "--format", "ftm")
    assert "records file with --out" in to_stdout.stderr
