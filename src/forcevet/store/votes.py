"""UN General Assembly roll calls and votes: writing them fast, reading them back.

The tables hold one edition of Erik Voeten's dataset at a time (roll calls,
their issue codes, every recorded vote); ``un_roll_calls`` names the files the
edition was read from. Votes are written through the DBAPI cursor's
``executemany`` with plain tuples, several rows per statement: SQLAlchemy's
per-row dictionaries would cost more than SQLite's own work on 869,937 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import String, Table, case, cast, delete, func, select, update

from forcevet.model.votes import DEFAULT_PERIODS, Agreement, Period, agreement_from_counts
from forcevet.store.store import Store
from forcevet.store.tables import un_roll_call_issues, un_roll_calls, un_votes

VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain"}
# Rows per INSERT statement: 300 x 3 parameters stays under SQLite's oldest limit
# of 999 bound variables; one statement per 300 rows instead of per row roughly
# halves SQLite's share of the import.
ROWS_PER_STATEMENT = 300


@dataclass(frozen=True)
class RollCall:
    """One recorded vote of the General Assembly, as the dataset describes it."""

    rcid: int
    date: str | None
    session: int | None
    resolution: str | None
    short: str | None
    description: str | None
    important: bool | None = None
    amendment: bool | None = None
    paragraph: bool | None = None
    issues: tuple[str, ...] = ()


@dataclass(frozen=True)
class CastVote:
    """How one country voted on one roll call: ``yes``, ``no`` or ``abstain``."""

    rcid: int
    country: str
    vote: str
    date: str | None
    resolution: str | None
    short: str | None


@dataclass(frozen=True)
class Edition:
    """The source ids of the three files the stored votes were read from."""

    roll_calls: str
    votes: str
    issues: str


def stored_edition(store: Store) -> Edition | None:
    """Return the files the stored roll calls, votes and issues came from, or None if empty."""
    pairs = store.connection.execute(
        select(un_roll_calls.c.source_id, un_roll_calls.c.votes_source_id).distinct()
    ).all()
    issues = store.connection.scalars(select(un_roll_call_issues.c.source_id).distinct()).all()
    if len(pairs) != 1 or len(issues) > 1:
        return None
    return Edition(str(pairs[0][0]), str(pairs[0][1]), str(issues[0]) if issues else "")


def clear_votes(store: Store) -> None:
    """Delete every stored vote, issue code and roll call (before another edition)."""
    for table in (un_votes, un_roll_call_issues, un_roll_calls):
        store.connection.execute(delete(table))


def insert_roll_calls(store: Store, rows: Sequence[dict[str, Any]]) -> int:
    """Insert roll-call rows (un_roll_calls columns as keys); return how many."""
    return _insert_plain(store, un_roll_calls, rows)


def insert_issues(store: Store, rows: Sequence[dict[str, Any]]) -> int:
    """Insert issue-code rows (un_roll_call_issues columns as keys); return how many."""
    return _insert_plain(store, un_roll_call_issues, rows)


def _insert_plain(store: Store, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows with one DBAPI executemany of tuples: for 12,000 rows, SQLAlchemy's
    per-row parameter processing cost more than SQLite's insert (0.2 s against 0.03 s)."""
    if not rows:
        return 0
    columns = list(rows[0])
    mark = _placeholder(store)
    statement = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "  # names from the table, not from input
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    store.connection.exec_driver_sql(statement, [tuple(r[c] for c in columns) for r in rows])
    return len(rows)


def _placeholder(store: Store) -> str:
    """Return the DBAPI driver's parameter marker: ``?`` (sqlite3) or ``%s`` (psycopg)."""
    return "?" if store.connection.dialect.paramstyle == "qmark" else "%s"


def insert_votes(store: Store, rows: Sequence[tuple[int, str, str]]) -> None:
    """Insert (rcid, alpha-3, Y/N/A) rows with the DBAPI cursor's executemany.

    Raises the driver's IntegrityError (wrapped by SQLAlchemy) on a repeated
    (rcid, country); the caller finds the line.
    """
    mark = _placeholder(store)
    one = f"({mark}, {mark}, {mark})"
    head = "INSERT INTO un_votes (rcid, country, vote) VALUES "
    full = len(rows) - len(rows) % ROWS_PER_STATEMENT
    if full:
        many = head + ", ".join([one] * ROWS_PER_STATEMENT)
        params = [
            tuple(chain.from_iterable(rows[start : start + ROWS_PER_STATEMENT]))
            for start in range(0, full, ROWS_PER_STATEMENT)
        ]
        store.connection.exec_driver_sql(many, params)
    if full < len(rows):
        store.connection.exec_driver_sql(head + one, list(rows[full:]))


def move_to_serbia(store: Store, since: str = "2000-11-01") -> int:
    """Move the votes stored as YUG on roll calls from ``since`` on to SRB; return how many.

    Voeten codes Yugoslavia and its successor seat alike (YU); the FR Yugoslavia
    was admitted on 2000-11-01 and Serbia continues its seat. One statement
    after the load costs less than a date check on each of 869,937 rows.
    """
    later = select(un_roll_calls.c.rcid).where(un_roll_calls.c.date >= since)
    result = store.connection.execute(
        update(un_votes)
        .where(un_votes.c.country == "YUG", un_votes.c.rcid.in_(later))
        .values(country="SRB")
    )
    return int(result.rowcount)


def count_votes(store: Store) -> int:
    """Return how many votes are stored."""
    return int(store.connection.execute(select(func.count()).select_from(un_votes)).scalar_one())


def issue_label(store: Store, issue: str) -> str | None:
    """Return the label of an issue code (``me`` -> "Palestinian conflict"), or None."""
    found = store.connection.scalar(
        select(un_roll_call_issues.c.label).where(un_roll_call_issues.c.issue == issue).limit(1)
    )
    return None if found is None else str(found)


def get_roll_call(store: Store, rcid: int) -> RollCall | None:
    """Return the roll call with this id and its issue codes, or None."""
    row = store.connection.execute(
        select(un_roll_calls).where(un_roll_calls.c.rcid == rcid)
    ).first()
    if row is None:
        return None
    issues = store.connection.scalars(
        select(un_roll_call_issues.c.issue)
        .where(un_roll_call_issues.c.rcid == rcid)
        .order_by(un_roll_call_issues.c.issue)
    ).all()
    return RollCall(
        rcid=row.rcid,
        date=row.date,
        session=row.session,
        resolution=row.resolution,
        short=row.short,
        description=row.description,
        important=row.important,
        amendment=row.amendment,
        paragraph=row.paragraph,
        issues=tuple(issues),
    )


def votes_on(store: Store, rcid: int) -> dict[str, str]:
    """Return how each country voted on one roll call: alpha-3 -> yes/no/abstain."""
    rows = store.connection.execute(
        select(un_votes.c.country, un_votes.c.vote).where(un_votes.c.rcid == rcid)
    )
    return {country: VOTE_WORDS[vote] for country, vote in rows}


def votes_of(
    store: Store,
    country: str,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[CastVote]:
    """Return a country's recorded votes, oldest first, optionally on one issue and in
    [since, until] (ISO dates or years, compared as text)."""
    v, r = un_votes.c, un_roll_calls.c
    query = (
        select(v.rcid, v.country, v.vote, r.date, r.resolution, r.short)
        .select_from(un_votes.join(un_roll_calls, r.rcid == v.rcid))
        .where(v.country == country)
        .order_by(r.date, v.rcid)
    )
    if issue is not None:
        coded = select(un_roll_call_issues.c.rcid).where(un_roll_call_issues.c.issue == issue)
        query = query.where(v.rcid.in_(coded))
    if since:
        query = query.where(r.date >= since)
    if until:
        query = query.where(r.date <= _end_of(until))
    return [
        CastVote(row.rcid, row.country, VOTE_WORDS[row.vote], row.date, row.resolution, row.short)
        for row in store.connection.execute(query)
    ]


def voters_between(store: Store, issue: str, since: str, until: str) -> set[str]:
    """Return the countries that voted on at least one roll call coded ``issue`` in the span."""
    i, r = un_roll_call_issues.c, un_roll_calls.c
    query = (
        select(un_votes.c.country)
        .distinct()
        .select_from(
            un_roll_call_issues.join(un_roll_calls, r.rcid == i.rcid).join(
                un_votes, un_votes.c.rcid == i.rcid
            )
        )
        .where(i.issue == issue, r.date >= since, r.date <= _end_of(until))
    )
    return {str(c) for c in store.connection.scalars(query)}


def _end_of(until: str) -> str:
    """Return the last day a year or month written as ``until`` covers, for text comparison."""
    return until + "-12-31" if len(until) == 4 else until + "-31" if len(until) == 7 else until


def agreements(
    store: Store,
    party: str,
    *,
    issue: str = "me",
    periods: Sequence[Period] = DEFAULT_PERIODS,
    country: str | None = None,
) -> list[Agreement]:
    """Return every country's (or one country's) agreement with ``party`` on the roll calls
    coded ``issue``, per period, computed from the stored votes (by country, then period).

    The database counts same votes, one abstention and opposite votes per country
    and lists the roll calls (``aggregate_strings``: group_concat in SQLite,
    string_agg in PostgreSQL): a few hundred rows come back instead of every
    pair of votes.
    """
    label = issue_label(store, issue) or issue
    v, p = un_votes.alias("v"), un_votes.alias("p")
    i, r = un_roll_call_issues.c, un_roll_calls.c
    same = v.c.vote == p.c.vote
    half = (v.c.vote != p.c.vote) & ((v.c.vote == "A") | (p.c.vote == "A"))
    found: list[Agreement] = []
    for period in periods:
        query = (
            select(
                v.c.country,
                func.sum(case((same, 1), else_=0)),
                func.sum(case((half, 1), else_=0)),
                func.count(),
                func.aggregate_strings(cast(v.c.rcid, String), ","),
            )
            .select_from(
                un_roll_call_issues.join(un_roll_calls, r.rcid == i.rcid)
                .join(p, (p.c.rcid == i.rcid) & (p.c.country == party))
                .join(v, v.c.rcid == i.rcid)
            )
            .where(
                i.issue == issue,
                r.date >= period.since,
                r.date <= period.until,
                v.c.country != party,
            )
            .group_by(v.c.country)
        )
        if country is not None:
            query = query.where(v.c.country == country)
        for voter, alike, halves, total, rcids in store.connection.execute(query):
            found.append(
                agreement_from_counts(
                    voter,
                    party,
                    issue,
                    label,
                    period,
                    same=int(alike),
                    half=int(halves),
                    opposite=int(total) - int(alike) - int(halves),
                    rcids=sorted(int(n) for n in str(rcids).split(",")),
                )
            )
    found.sort(key=lambda a: (a.country, a.period.start))
    return found


def latest_roll_call(store: Store) -> str | None:
    """Return the date of the newest stored roll call, or None when none is stored."""
    found = store.connection.scalar(select(func.max(un_roll_calls.c.date)))
    return None if found is None else str(found)
