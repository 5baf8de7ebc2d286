"""The evidence tables as JSON records, row by row, and back: the FtM export's companion.

FollowTheMoney has no place for a claim's credibility, its earlier revisions, its
review, hearsay, a source's grade or a listing's history. The FtM export therefore
writes beside its FtM file every row of the evidence tables as it is stored (same
ids, revisions, who and when), and importing that file restores them, so that
export then import loses nothing (docs/ftm.md). A row already stored as it is in
the file is left alone; one stored differently is an error, never overwritten.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from forcevet.assessment.rubric import Rating
from forcevet.errors import InputError
from forcevet.model.actors import ActorKind, ActorStatus
from forcevet.model.claims import Polarity, Status
from forcevet.model.countries import load_countries
from forcevet.model.dates import parse_time
from forcevet.model.designations import NameQuality
from forcevet.model.grades import Credibility, Reliability
from forcevet.model.sources import SourceKind
from forcevet.model.vocabulary import require_predicate
from forcevet.store.store import Store
from forcevet.store.tables import (
    ach_ratings,
    actor_aliases,
    actor_identifiers,
    actors,
    claim_revisions,
    claims,
    coverage,
    designation_history,
    designation_names,
    designations,
    source_minhashes,
    sources,
)

# The evidence tables, referenced tables first: the order of export and restore.
EVIDENCE_TABLES: tuple[Table, ...] = (
    sources,
    source_minhashes,
    actors,
    actor_aliases,
    actor_identifiers,
    claims,
    claim_revisions,
    designations,
    designation_names,
    designation_history,
    coverage,
    ach_ratings,
)

# Columns that only number rows in one store (an autoincrement counter): not carried,
# the importing store numbers the rows itself; such a row is identified by the rest.
LOCAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "designation_history": ("id",),
    "ach_ratings": ("id",),
}

# The tables not carried, and why (docs/ftm.md says the same).
NOT_CARRIED: dict[str, str] = {
    "assessment_runs": "a run is a result computed from the evidence; assess again",
    "run_notes": "sign-offs and dissents on runs, which are not carried",
    "cases": "a case comes from its folder: `forcevet case load`",
    "peacekeeping_contributions": "a dataset: import its files again",
    "un_roll_calls": "a dataset: import its files again",
    "un_roll_call_issues": "a dataset: import its files again",
    "un_votes": "a dataset: import its files again",
    "users": "the accounts of one workspace, with their password hashes: never exported",
    "api_tokens": "scripts' tokens of one workspace (hashes): never exported",
    "composition_variants": "what-ifs saved on the composition page, not evidence",
}

TABLES_BY_NAME = {table.name: table for table in EVIDENCE_TABLES}

ROLLING = ("added", "changed", "delisted", "relisted")


def carried_columns(table: Table) -> list[str]:
    """Return the names of a table's columns that a record carries."""
    local = LOCAL_COLUMNS.get(table.name, ())
    return [c.name for c in table.columns if c.name not in local]


def dump_records(store: Store) -> Iterator[dict[str, Any]]:
    """Yield every row of the evidence tables as ``{"table": name, "row": {...}}``."""
    for table in EVIDENCE_TABLES:
        names = carried_columns(table)
        order = list(table.primary_key.columns)
        statement = select(*(table.c[n] for n in names)).order_by(*order)
        for row in store.connection.execute(statement):
            yield {"table": table.name, "row": dict(zip(names, row, strict=True))}


def _json_text(value: object, *, field: str) -> None:
    try:
        json.loads(str(value))
    except (ValueError, RecursionError):
        raise InputError("expected JSON text", field=field) from None


def _one_of(*allowed: str) -> Callable[..., object]:
    def check(value: object, *, field: str) -> None:
        if value not in allowed:
            raise InputError(f'expected one of {", ".join(allowed)}, got "{value}"', field=field)

    return check


def _exact(parse: Callable[..., Any]) -> Callable[..., object]:
    """Return a check that the value is one of an enum's own values, as stored."""

    def check(value: object, *, field: str) -> None:
        if parse(value, field=field).value != value:
            raise InputError(f'expected the stored form, got "{value}"', field=field)

    return check


def _predicate(value: object, *, field: str) -> None:
    if require_predicate(str(value), field=field).id != value:
        raise InputError(f'expected the stored form of the predicate, got "{value}"', field=field)


def _country(value: object, *, field: str) -> None:
    if value not in load_countries():
        raise InputError(f'unknown ISO 3166 alpha-3 code "{value}"', field=field)


def _date(value: object, *, field: str) -> None:
    parse_time(value, field=field)


def _listing_date(value: object, *, field: str) -> None:
    parse_time(str(value).removeprefix("~"), field=field)


# Checks of the values a column may hold beyond its SQL type: each raises InputError.
CHECKS: dict[tuple[str, str], Callable[..., object]] = {
    ("sources", "kind"): _exact(SourceKind.parse),
    ("sources", "reliability"): _exact(Reliability.parse),
    ("sources", "date"): _date,
    ("actors", "kind"): _exact(ActorKind.parse),
    ("actors", "status"): _exact(ActorStatus.parse),
    ("actors", "country"): _country,
    ("claim_revisions", "predicate"): _predicate,
    ("claim_revisions", "polarity"): _one_of(*(p.value for p in Polarity)),
    ("claim_revisions", "status"): _one_of(*(s.value for s in Status)),
    ("claim_revisions", "credibility"): _exact(Credibility.parse),
    ("claim_revisions", "date_precision"): _one_of("day", "month", "year"),
    ("designations", "listed_on"): _listing_date,
    ("designations", "delisted_on"): _listing_date,
    ("designations", "updated_on"): _listing_date,
    ("designations", "details"): _json_text,
    ("designation_names", "quality"): _one_of(*(q.value for q in NameQuality)),
    ("designation_history", "event"): _one_of(*ROLLING),
    ("designation_history", "changes"): _json_text,
    ("designation_history", "listing"): _json_text,
    ("coverage", "predicate"): _predicate,
    ("coverage", "as_of"): _date,
    ("ach_ratings", "rating"): _one_of(*(r.value for r in Rating)),
}


def _check_type(table: Table, name: str, value: object) -> None:
    column = table.c[name]
    if value is None:
        if not column.nullable or column.primary_key:
            raise InputError("a value is required", field=name)
        return
    kind = column.type
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
        expected = "true or false"
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
        expected = "an integer"
    elif isinstance(kind, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        expected = "a finite number"
    else:
        ok = isinstance(value, str) and "\x00" not in value
        expected = "text"
        length = kind.length if isinstance(kind, String) else None
        if ok and length is not None and len(str(value)) > length:
            raise InputError(f"at most {length} characters, got {len(str(value))}", field=name)
    if not ok:
        raise InputError(f"expected {expected}, got {json.dumps(value)[:40]}", field=name)


def check_record(record: object) -> tuple[Table, dict[str, Any]]:
    """Return the table and row of one record, or raise InputError naming the field."""
    if not isinstance(record, dict) or set(record) != {"table", "row"}:
        raise InputError('expected {"table": ..., "row": {...}}', field="record")
    table = TABLES_BY_NAME.get(record["table"]) if isinstance(record["table"], str) else None
    if table is None:
        raise InputError(
            f"unknown table {json.dumps(record['table'])[:40]}; "
            f"expected one of {', '.join(TABLES_BY_NAME)}",
            field="table",
        )
    row = record["row"]
    if not isinstance(row, dict):
        raise InputError("expected an object of columns", field="row")
    names = carried_columns(table)
    missing = [n for n in names if n not in row]
    extra = sorted(str(n) for n in row if n not in names)
    if missing or extra:
        what = f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(extra)}"
        raise InputError(f"{table.name}: {what}", field="row")
    for name in names:
        _check_type(table, name, row[name])
        check = CHECKS.get((table.name, name))
        if check is not None and row[name] is not None:
            check(row[name], field=name)
    if table is claim_revisions:
        _check_claim_time(row)
    return table, row


def _check_claim_time(row: dict[str, Any]) -> None:
    """The stored bounds of a claim's time must be those its text says."""
    parts = ("date_start", "date_end", "date_precision")
    if row["date_text"] is None:
        if any(row[p] is not None for p in parts):
            raise InputError("bounds without a date_text", field="date_start")
        return
    span = parse_time(row["date_text"], field="date_text")
    if (row["date_start"], row["date_end"], row["date_precision"]) != (
        span.start,
        span.end,
        span.precision.value,
    ):
        raise InputError(f'bounds differ from date_text "{span.text}"', field="date_start")


@dataclass
class RestoreReport:
    """Rows a restore added and rows it found stored already, by table."""

    added: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


def _key(table: Table, row: dict[str, Any]) -> list[ColumnElement[bool]]:
    if table.name in LOCAL_COLUMNS:
        return [table.c[n].is_not_distinct_from(row[n]) for n in carried_columns(table)]
    return [c == row[c.name] for c in table.primary_key.columns]


def _label(table: Table, row: dict[str, Any]) -> str:
    if table.name in LOCAL_COLUMNS:
        return table.name
    return f"{table.name} " + "/".join(str(row[c.name]) for c in table.primary_key.columns)


def _parents_first(rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    """Return actor rows ordered so that a parent comes before its children."""
    by_id = {row["id"]: (n, row) for n, row in rows}
    ordered: list[tuple[int, dict[str, Any]]] = []
    placed: set[str] = set()
    for n, row in rows:
        chain: list[tuple[int, dict[str, Any]]] = []
        current: dict[str, Any] | None = row
        while current is not None and current["id"] not in placed:
            if any(current is r for _, r in chain):
                raise InputError("actors whose parents form a cycle", line=n, field="parent_id")
            chain.append(by_id[current["id"]])
            current = by_id.get(current["parent_id"], (0, None))[1]
        for item in reversed(chain):
            placed.add(item[1]["id"])
            ordered.append(item)
    return ordered


def restore_records(
    store: Store, records: Sequence[tuple[int, Table, dict[str, Any]]]
) -> RestoreReport:
    """Write checked records (line, table, row) not stored yet; return what was done.

    Raises InputError located at the record's line when a row is stored with other
    values, or refers to a row neither stored nor restored.
    """
    report = RestoreReport()
    for table in EVIDENCE_TABLES:
        rows = [(n, row) for n, t, row in records if t is table]
        if table is actors:
            rows = _parents_first(rows)
        for number, row in rows:
            try:
                _restore_row(store, table, row, report)
            except InputError as exc:
                raise exc.located(line=number) from None
    _check_heads(store, records)
    return report


def _restore_row(store: Store, table: Table, row: dict[str, Any], report: RestoreReport) -> None:
    names = carried_columns(table)
    stored = store.connection.execute(
        select(*(table.c[n] for n in names)).where(*_key(table, row))
    ).first()
    if stored is not None:
        for name, value in zip(names, stored, strict=True):
            if value != row[name]:
                raise InputError(
                    f"{_label(table, row)} is stored with {json.dumps(value)[:60]}, "
                    f"the file has {json.dumps(row[name])[:60]}; nothing was imported",
                    field=name,
                )
        report.unchanged[table.name] += 1
        return
    for column in table.columns:
        value = row.get(column.name)
        for key in column.foreign_keys:
            target = key.column
            if value is not None and (
                store.connection.execute(select(target).where(target == value)).first() is None
            ):
                raise InputError(
                    f'"{value}" is neither stored nor earlier in the file ({target.table.name})',
                    field=column.name,
                )
    try:
        store.connection.execute(insert(table), [row])
    except IntegrityError as exc:
        raise InputError(f"refused by the store: {exc.orig}", field=table.name) from None
    report.added[table.name] += 1


def _check_heads(store: Store, records: Sequence[tuple[int, Table, dict[str, Any]]]) -> None:
    """Every restored claim's head revision must exist."""
    for number, table, row in records:
        if table is claims:
            found = store.connection.execute(
                select(claim_revisions.c.revision).where(
                    claim_revisions.c.claim_id == row["id"],
                    claim_revisions.c.revision == row["head"],
                )
            ).first()
            if found is None:
                raise InputError(
                    f'claim "{row["id"]}" has no revision {row["head"]}', line=number, field="head"
                )
