"""Every table the workspace shows, as CSV: a registry of table id -> rows.

A page links its table as ``/exports/csv?table=ID&param=...``; each entry reads its
rows through the library, as the page does. Cells that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) get a leading
apostrophe, OWASP's advice against CSV injection: an article quoting "=HYPERLINK(...)"
stays text in Excel or LibreOffice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forcevet.assessment.explain import explain_candidate
from forcevet.assessment.runs import latest_plain_run, list_runs, run_with_notes
from forcevet.cases.case import get_case
from forcevet.errors import InputError
from forcevet.ingest.review import proposed_claims
from forcevet.model.claims import Claim, parse_status
from forcevet.reports.json import claim_record
from forcevet.store.actors import resolve_actor
from forcevet.store.claims import ClaimFilter, actor_names, claim_counts, list_claims
from forcevet.store.sources import list_sources, require_source
from forcevet.store.store import Store

if TYPE_CHECKING:
    from starlette.requests import Request

    from forcevet.screening.queries import ScreenResult

Params = Mapping[str, Sequence[str]]
Rows = tuple[list[str], list[list[Any]]]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvTable:
    """One exportable table: its id, what it is, the parameters it takes, and its rows."""

    id: str
    title: str
    params: tuple[str, ...]
    rows: Callable[[Store, Params], Rows]
    example: str = ""  # a query string that exports it from the bundled case, for the page
    # the same rows read with what the application keeps (the screening matcher),
    # preferred by /exports/csv when given
    with_app: Callable[[Request, Store, Params], Rows] | None = None


TABLES: dict[str, CsvTable] = {}


def register(table: CsvTable) -> CsvTable:
    """Add a table to the registry (route modules register the tables of their pages)."""
    TABLES[table.id] = table
    return table


def neutralise(value: object) -> object:
    """Return a cell a spreadsheet will read as text, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Return the table as CSV text, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue()


def require_table(table_id: str) -> CsvTable:
    """Return the registered table, or raise InputError listing the known ones."""
    table = TABLES.get(table_id)
    if table is None:
        known = ", ".join(sorted(TABLES))
        raise InputError(f'no table "{table_id}"; export one of: {known}', field="table")
    return table


def one(params: Params, name: str, *, required: bool = False) -> str | None:
    """Return a parameter's single value (None when absent and optional)."""
    values = [v for v in params.get(name, ()) if v.strip()]
    if not values:
        if required:
            raise InputError(f"this table needs {name}=", field=name)
        return None
    return values[0].strip()


def _run(store: Store, params: Params) -> dict[str, Any]:
    run = one(params, "run")
    if run:
        return run_with_notes(store, run)
    case = get_case(store, one(params, "case"))
    return run_with_notes(store, latest_plain_run(store, case.id)["run"]["id"])


def candidates_rows(store: Store, params: Params) -> Rows:
    result = _run(store, params)
    columns = [
        "run", "rank", "id", "name", "coverage", "mean", "p05", "p95", "p_rank_1",
        "exceeds_threshold", "p_exceeds_threshold", "confidence",
    ]  # fmt: skip
    rows = [
        [
            result["run"]["id"],
            c["rank"] if c.get("ranked", True) else None,
            c["id"],
            c["name"],
            (c.get("coverage") or {}).get("share"),
            c["score"]["mean"],
            c["score"]["p05"],
            c["score"]["p95"],
            c["rank_probabilities"][0] if c.get("rank_probabilities") else None,
            c["exceeds_threshold"]["words"],
            c["exceeds_threshold"]["probability"],
            c["confidence"]["level"],
        ]
        for c in result["candidates"]
    ]
    return columns, rows


def runs_rows(store: Store, _: Params) -> Rows:
    runs = list_runs(store)
    columns = sorted({k for r in runs for k, v in r.items() if not isinstance(v, dict | list)})
    return columns, [[r.get(k) for k in columns] for r in runs]


def indicators_rows(store: Store, params: Params) -> Rows:
    result = _run(store, params)
    candidate = one(params, "candidate", required=True)
    assert candidate is not None
    explained = explain_candidate(store, result, resolve_actor(store, candidate).id)
    columns = [
        "run", "candidate", "criterion", "criterion_weight", "indicator", "question", "value",
        "coverage", "no_evidence", "confidence", "weight", "independent_sources", "claims",
    ]  # fmt: skip
    rows = [
        [
            explained["run"],
            explained["id"],
            criterion["id"],
            criterion["weight"],
            item["id"],
            item.get("question"),
            item.get("value"),
            item.get("coverage"),
            item.get("no_evidence"),
            item.get("confidence"),
            item.get("weight"),
            item.get("independent_sources"),
            " ".join(e["claim_id"] for e in item["evidence"] if e.get("claim_id")),
        ]
        for criterion in explained["criteria"]
        for item in criterion["indicators"]
    ]
    return columns, rows


CLAIM_COLUMNS = [
    "id", "revision", "status", "subject_id", "subject", "predicate", "polarity", "object_id",
    "object", "value", "date", "place", "quote", "paraphrase", "credibility", "confidence",
    "reported_by", "reported", "source_id", "recorded_by", "recorded_at", "reviewed_by",
    "reviewed_at", "note",
]  # fmt: skip


def claim_rows(store: Store, claims: Sequence[Claim]) -> Rows:
    """Return claims as CLAIM_COLUMNS rows (their JSON records, flattened)."""
    names = actor_names(store, claims)
    rows = []
    for claim in claims:
        r = claim_record(claim, names)
        flat = r | {
            "subject_id": r["subject"]["id"],
            "subject": r["subject"]["name"],
            "object_id": r["object"]["id"] if r["object"] else None,
            "object": r["object"]["name"] if r["object"] else None,
            "date": r["date"]["text"] if r["date"] else None,
            "reported_by": r["reported_by"]["name"] if r["reported_by"] else None,
        }
        rows.append([flat[c] for c in CLAIM_COLUMNS])
    return CLAIM_COLUMNS, rows


def claims_rows(store: Store, params: Params) -> Rows:
    actor, status = one(params, "actor"), one(params, "status")
    where = ClaimFilter(
        actor_id=resolve_actor(store, actor).id if actor else None,
        status=parse_status(status) if status else None,
    )
    return claim_rows(store, list_claims(store, where))


def review_rows(store: Store, params: Params) -> Rows:
    return claim_rows(store, proposed_claims(store, source_id=one(params, "source")))


def source_claims_rows(store: Store, params: Params) -> Rows:
    source = require_source(store, one(params, "source", required=True) or "")
    return claim_rows(store, list_claims(store, ClaimFilter(source_id=source.id)))


def sources_rows(store: Store, _: Params) -> Rows:
    counts = claim_counts(store)
    columns = [
        "id", "date", "publisher", "title", "url", "kind", "reliability", "reliability_note",
        "claims", "accepted", "proposed", "rejected", "added_at",
    ]  # fmt: skip
    rows = [
        [
            s.id,
            s.date,
            s.publisher,
            s.title,
            s.url,
            s.kind.value,
            s.reliability.value,
            s.reliability_note,
            sum(counts.get(s.id, {}).values()),
            *(counts.get(s.id, {}).get(k, 0) for k in ("accepted", "proposed", "rejected")),
            s.added_at,
        ]  # fmt: skip
        for s in list_sources(store)
    ]
    return columns, rows


def screening_rows(store: Store, params: Params) -> Rows:
    """Return the screening table, building a matcher for it (seconds)."""
    from forcevet.screening.screen import screen_names  # loads the matcher: only here

    names = [n for n in params.get("name", ()) if n.strip()]
    results = screen_names(
        store,
        names,
        schema=one(params, "schema"),
        country=one(params, "country"),
        authority=one(params, "authority"),
    )
    return screening_table(results)


def screening_table(results: Sequence[ScreenResult]) -> Rows:
    """Return screening results as a table: one row per match, or per name without one."""
    columns = [
        "query", "score", "name", "authority", "reference", "program", "listed_on",
        "delisted_on", "actor_id", "method", "explanation", "matched_name",
    ]  # fmt: skip
    rows = [
        [result.query, *(record.get(c) for c in columns[1:])]
        for result in results
        for record in ([m.to_json() for m in result.matches] or [{}])
    ]
    return columns, rows


for _table in (
    CsvTable("candidates", "The candidates of a run", ("case", "run"), candidates_rows),
    CsvTable("runs", "Every stored run", (), runs_rows),
    CsvTable(
        "indicators",
        "A candidate's criteria and indicators in a run",
        ("candidate", "case", "run"),
        indicators_rows,
        "candidate=PAK",
    ),
    CsvTable(
        "claims", "Current claims (of an actor, of a status)", ("actor", "status"), claims_rows
    ),
    CsvTable("review", "The review queue: proposed claims", ("source",), review_rows),
    CsvTable("sources", "Sources with grades and claim counts", (), sources_rows),
    CsvTable("source-claims", "The claims of one source", ("source",), source_claims_rows),
    CsvTable(
        "screening",
        "Names screened against the lists",
        ("name", "schema", "country", "authority"),
        screening_rows,
        "name=Lashkar+e+Toiba",
    ),
):
    register(_table)
