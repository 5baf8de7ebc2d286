"""Reading and writing claims: a head row per claim and an append-only list of revisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, update

from forcevet.errors import InputError, NotFoundError
from forcevet.model.actors import Actor, ActorStatus
from forcevet.model.claims import (
    Claim,
    ClaimCreate,
    Polarity,
    Status,
    changed_fields,
    check_claim,
    make_claim_id,
    parse_polarity,
    parse_status,
    revise,
)
from forcevet.model.dates import Precision, TimeSpan, parse_time
from forcevet.model.grades import Credibility
from forcevet.model.ids import key_prefix_pattern
from forcevet.model.vocabulary import require_predicate
from forcevet.store.actors import load_actors, resolve_actor, set_actor_status
from forcevet.store.batches import insert_rows
from forcevet.store.sources import require_source
from forcevet.store.store import Store, now
from forcevet.store.tables import claim_revisions, claims

_CURRENT = claims.join(
    claim_revisions,
    and_(claim_revisions.c.claim_id == claims.c.id, claim_revisions.c.revision == claims.c.head),
)


def revision_row(claim: Claim) -> dict[str, Any]:
    """Return the claim_revisions-table row of one revision."""
    time = claim.time
    return {
        "claim_id": claim.id,
        "revision": claim.revision,
        "subject_id": claim.subject_id,
        "predicate": claim.predicate,
        "object_id": claim.object_id,
        "value": claim.value,
        "date_text": time.text if time else None,
        "date_start": time.start if time else None,
        "date_end": time.end if time else None,
        "date_precision": time.precision.value if time else None,
        "place": claim.place,
        "polarity": claim.polarity.value,
        "quote": claim.quote,
        "quote_start": claim.quote_start,
        "quote_end": claim.quote_end,
        "paraphrase": claim.paraphrase,
        "credibility": int(claim.credibility),
        "status": claim.status.value,
        "extracted_by": claim.extracted_by,
        "reported_by_id": claim.reported_by_id,
        "reported": claim.reported,
        "recorded_by": claim.recorded_by,
        "recorded_at": claim.recorded_at,
        "note": claim.note,
        "confidence": claim.confidence,
        "reviewed_by": claim.reviewed_by,
        "reviewed_at": claim.reviewed_at,
    }


def from_row(row: Any) -> Claim:
    """Return the Claim a joined claims/claim_revisions row holds."""
    m = row._mapping
    time = None
    if m["date_text"] is not None:
        time = TimeSpan(
            m["date_text"], m["date_start"], m["date_end"], Precision(m["date_precision"])
        )
    return Claim(
        id=m["claim_id"],
        revision=m["revision"],
        source_id=m["source_id"],
        subject_id=m["subject_id"],
        predicate=m["predicate"],
        object_id=m["object_id"],
        value=m["value"],
        time=time,
        place=m["place"],
        polarity=Polarity(m["polarity"]),
        quote=m["quote"],
        quote_start=m["quote_start"],
        quote_end=m["quote_end"],
        paraphrase=bool(m["paraphrase"]),
        credibility=Credibility(m["credibility"]),
        status=Status(m["status"]),
        extracted_by=m["extracted_by"],
        reported_by_id=m["reported_by_id"],
        reported=bool(m["reported"]),
        recorded_by=m["recorded_by"],
        recorded_at=m["recorded_at"],
        note=m["note"],
        confidence=m["confidence"],
        reviewed_by=m["reviewed_by"],
        reviewed_at=m["reviewed_at"],
    )


_COLUMNS = [claims.c.source_id, *claim_revisions.c]


def insert_claims(store: Store, items: Sequence[Claim], *, new_sources: bool = False) -> int:
    """Insert first revisions of new claims in batches; return how many were written.

    Claims whose id is already stored are skipped: the same claim imported twice
    is one claim. ``new_sources`` says every claim comes from a source stored in
    this transaction, so none can be stored already (a claim's id includes its
    source's) and the lookup is spared.
    """
    known: set[str] = set()
    ids = [] if new_sources else [c.id for c in items]
    for start in range(0, len(ids), 900):
        known.update(
            store.connection.scalars(
                select(claims.c.id).where(claims.c.id.in_(ids[start : start + 900]))
            )
        )
    fresh = [c for c in {c.id: c for c in items}.values() if c.id not in known]
    insert_rows(
        store,
        claims,
        [
            {
                "id": c.id,
                "source_id": c.source_id,
                "head": c.revision,
                "created_by": c.recorded_by,
                "created_at": c.recorded_at,
            }
            for c in fresh
        ],
    )
    insert_rows(store, claim_revisions, [revision_row(c) for c in fresh])
    return len(fresh)


def append_revision(store: Store, claim: Claim) -> Claim:
    """Append a new revision of a stored claim and make it current."""
    store.connection.execute(claim_revisions.insert().values(**revision_row(claim)))
    store.connection.execute(
        update(claims).where(claims.c.id == claim.id).values(head=claim.revision)
    )
    return claim


def get_claim(store: Store, claim_id: str) -> Claim | None:
    """Return the current revision of a claim by id or unique id prefix, or None."""
    ref = claim_id.strip()
    row = store.connection.execute(
        select(*_COLUMNS).select_from(_CURRENT).where(claims.c.id == ref)
    ).first()
    pattern = key_prefix_pattern(ref)
    if row is None and len(ref) >= 6 and pattern is not None:
        rows = store.connection.execute(
            select(*_COLUMNS).select_from(_CURRENT).where(claims.c.id.like(pattern)).limit(2)
        ).all()
        row = rows[0] if len(rows) == 1 else None
    return None if row is None else from_row(row)


def require_claim(store: Store, claim_id: str) -> Claim:
    """Return the current revision of a claim, or raise NotFoundError."""
    claim = get_claim(store, claim_id)
    if claim is None:
        raise NotFoundError(
            f'no claim "{claim_id}" (forcevet claim list shows them)', field="claim"
        )
    return claim


def claim_history(store: Store, claim_id: str) -> list[Claim]:
    """Return every revision of a claim, oldest first."""
    claim = require_claim(store, claim_id)
    query = (
        select(*_COLUMNS)
        .select_from(claims.join(claim_revisions, claim_revisions.c.claim_id == claims.c.id))
        .where(claims.c.id == claim.id)
        .order_by(claim_revisions.c.revision)
    )
    return [from_row(row) for row in store.connection.execute(query)]


@dataclass(frozen=True)
class ClaimFilter:
    """Which current claims to list; every field narrows the list."""

    actor_id: str | None = None
    predicate: str | None = None
    status: Status | None = None
    since: str | None = None
    until: str | None = None
    source_id: str | None = None
    min_confidence: float | None = None  # extraction confidence; none recorded counts as 0


def _filtered(query: Select[Any], where: ClaimFilter) -> Select[Any]:
    r = claim_revisions.c
    if where.actor_id:
        query = query.where(or_(r.subject_id == where.actor_id, r.object_id == where.actor_id))
    if where.predicate:
        query = query.where(r.predicate == where.predicate)
    if where.status:
        query = query.where(r.status == where.status.value)
    if where.source_id:
        query = query.where(claims.c.source_id == where.source_id)
    if where.since:
        query = query.where(
            r.date_text.is_not(None), or_(r.date_end.is_(None), r.date_end >= where.since)
        )
    if where.until:
        query = query.where(
            r.date_text.is_not(None), or_(r.date_start.is_(None), r.date_start <= where.until)
        )
    if where.min_confidence is not None:
        query = query.where(func.coalesce(r.confidence, 0.0) >= where.min_confidence)
    return query


def list_claims(
    store: Store,
    where: ClaimFilter = ClaimFilter(),
    *,
    most_confident: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[Claim]:
    """Return current claims matching the filter, by date then id (or most confident
    first), ``limit`` of them from ``offset`` if given.

    An actor matches as subject or object; a time window matches claims whose
    time overlaps it (claims with no time are left out of a windowed list). The
    order and the page are the database's: a page of a large store reads one page.
    """
    r = claim_revisions.c
    query = _filtered(select(*_COLUMNS).select_from(_CURRENT), where)
    if most_confident:
        # the bare column, not coalesce(): an index on (status, confidence) then serves a
        # page of the queue without sorting it all; claims with no confidence come last
        query = query.order_by(r.confidence.desc().nulls_last(), claims.c.id)
    else:
        # NULLS FIRST spelled out: SQLite's default, and PostgreSQL's is the opposite
        query = query.order_by(r.date_start.asc().nulls_first(), claims.c.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [from_row(row) for row in store.connection.execute(query)]


def count_claims(
    store: Store, where: ClaimFilter = ClaimFilter(), *, cap: int | None = None
) -> int:
    """Return how many current claims match the filter, counting no further than ``cap``
    if given (a page saying "more than 1,000" need not count 100,000)."""
    if cap is None:
        query = _filtered(select(func.count()).select_from(_CURRENT), where)
    else:
        found = _filtered(select(claims.c.id).select_from(_CURRENT), where).limit(cap).subquery()
        query = select(func.count()).select_from(found)
    return int(store.connection.scalar(query) or 0)


def claim_counts(store: Store) -> dict[str, dict[str, int]]:
    """Return, by source id, how many current claims it holds of each status."""
    r = claim_revisions.c
    query = (
        select(claims.c.source_id, r.status, func.count())
        .select_from(_CURRENT)
        .group_by(claims.c.source_id, r.status)
    )
    found: dict[str, dict[str, int]] = {}
    for source_id, status, count in store.connection.execute(query):
        found.setdefault(source_id, {})[status] = int(count)
    return found


def actor_names(store: Store, items: Sequence[Claim]) -> dict[str, str]:
    """Return the names of the actors the claims name, by id."""
    ids = {i for c in items for i in (c.subject_id, c.object_id, c.reported_by_id) if i}
    return {a.id: a.name for a in load_actors(store, ids)}


def record_claim(store: Store, entry: ClaimCreate, *, by: str, at: str | None = None) -> Claim:
    """Resolve a written claim against the store, check it, store it and return it.

    The same claim recorded twice is stored once and returned as it is stored. It may
    name actors under review; recorded as accepted, it accepts them.
    """
    source = require_source(store, entry.source)
    subject = resolve_actor(store, entry.subject, field="subject", unreviewed=True)
    target = (
        resolve_actor(store, entry.object, field="object", unreviewed=True)
        if entry.object
        else None
    )
    reporter = (
        resolve_actor(store, entry.reported_by, field="reported_by", unreviewed=True)
        if entry.reported_by
        else None
    )
    time = parse_time(entry.date) if entry.date not in (None, "") else None
    polarity = parse_polarity(entry.polarity)
    value = entry.value.strip() if entry.value and entry.value.strip() else None
    quote = entry.quote.strip()
    predicate = require_predicate(entry.predicate).id
    reviewed = bool(entry.reviewed_by) and parse_status(entry.status) is Status.ACCEPTED
    claim = check_claim(
        Claim(
            id=make_claim_id(
                source.id,
                subject.id,
                predicate,
                target.id if target else None,
                value,
                time,
                polarity,
                quote,
            ),
            revision=1,
            source_id=source.id,
            subject_id=subject.id,
            predicate=predicate,
            object_id=target.id if target else None,
            value=value,
            time=time,
            place=entry.place or None,
            polarity=polarity,
            quote=quote,
            quote_start=entry.quote_start,
            quote_end=entry.quote_end,
            paraphrase=entry.paraphrase,
            credibility=Credibility.parse(entry.credibility),
            status=parse_status(entry.status),
            extracted_by=entry.extracted_by,
            reported_by_id=reporter.id if reporter else None,
            reported=entry.reported,
            recorded_by=by,
            recorded_at=at or now(),
            confidence=entry.confidence,
            reviewed_by=entry.reviewed_by if reviewed else None,
            reviewed_at=(entry.reviewed_at or at or now()) if reviewed else None,
        )
    )
    if claim.quote_end is not None and claim.quote_end > len(source.text):
        raise InputError(
            f"the quote ends at {claim.quote_end}, past the source's {len(source.text)} characters",
            field="quote_end",
        )
    if insert_claims(store, [claim]) == 0:
        return require_claim(store, claim.id)
    accept_named_actors(store, [claim])
    return claim


def edit_claim(
    store: Store, claim_id: str, *, by: str, note: str | None = None, **changes: Any
) -> Claim:
    """Write the next revision of a claim with ``changes`` (written as on the command line).

    Accepts subject, object, reported_by (actor references), predicate, value,
    date, place, polarity, quote, credibility, status and reported (a bool). Actors
    under review may be named; an accepted revision accepts them.
    """
    claim = require_claim(store, claim_id)
    fields: dict[str, Any] = {}
    for name, raw in changes.items():
        if raw is None:
            continue
        if name in ("subject", "quote") and not raw.strip():  # every claim has both
            raise InputError(f"a claim needs a {name}: give one, or leave it out", field=name)
        if name in ("subject", "object", "reported_by"):
            fields[f"{name}_id"] = (
                resolve_actor(store, raw, field=name, unreviewed=True).id if raw else None
            )
        elif name == "predicate":
            fields[name] = require_predicate(raw).id
        elif name == "date":
            fields["time"] = parse_time(raw) if raw else None
        elif name == "polarity":
            fields[name] = parse_polarity(raw)
        elif name == "credibility":
            fields[name] = Credibility.parse(raw)
        elif name == "status":
            fields[name] = parse_status(raw)
        elif name == "reported":
            fields[name] = bool(raw)
        else:
            fields[name] = raw or None
    revised = revise(claim, by=by, at=now(), note=note, **fields)
    if not changed_fields(claim, revised):
        raise InputError("nothing to change: give at least one new value", field="claim")
    accept_named_actors(store, [revised])
    return append_revision(store, revised)


def get_revisions(store: Store, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Claim]:
    """Return the given (claim id, revision) pairs as claims, keyed by the pair."""
    found: dict[tuple[str, int], Claim] = {}
    ids = sorted({claim_id for claim_id, _ in keys})
    wanted = set(keys)
    for start in range(0, len(ids), 900):
        query = (
            select(*_COLUMNS)
            .select_from(claims.join(claim_revisions, claim_revisions.c.claim_id == claims.c.id))
            .where(claims.c.id.in_(ids[start : start + 900]))
        )
        for row in store.connection.execute(query):
            claim = from_row(row)
            if (claim.id, claim.revision) in wanted:
                found[(claim.id, claim.revision)] = claim
    return found


def actors_in_claims(store: Store) -> set[str]:
    """Return the ids of every actor a claim revision names as subject or object."""
    r = claim_revisions.c
    found: set[str] = set(store.connection.scalars(select(r.subject_id).distinct()))
    found.update(
        store.connection.scalars(select(r.object_id).where(r.object_id.is_not(None)).distinct())
    )
    return found


def claims_naming(
    store: Store, actor_ids: Sequence[str], *, status: Status | None = None
) -> dict[str, list[Claim]]:
    """Return the current claims that name each actor as subject, object or reporter,
    by actor id (an actor named by none is left out), optionally of one status."""
    r = claim_revisions.c
    found: dict[str, dict[str, Claim]] = {}
    ids = sorted(set(actor_ids))
    for start in range(0, len(ids), 300):  # three lists under SQLite's variable limit
        chunk = ids[start : start + 300]
        query = (
            select(*_COLUMNS)
            .select_from(_CURRENT)
            .where(
                or_(r.subject_id.in_(chunk), r.object_id.in_(chunk), r.reported_by_id.in_(chunk))
            )
        )
        if status is not None:
            query = query.where(r.status == status.value)
        wanted = set(chunk)
        for row in store.connection.execute(query.order_by(claims.c.id)):
            claim = from_row(row)
            for actor_id in {claim.subject_id, claim.object_id, claim.reported_by_id} & wanted:
                assert actor_id is not None
                found.setdefault(actor_id, {})[claim.id] = claim
    return {actor_id: list(named.values()) for actor_id, named in found.items()}


def pending_actor_ids(store: Store, items: Sequence[Claim]) -> set[str]:
    """Return the ids of the actors not accepted yet that the claims name."""
    named = {i for c in items for i in (c.subject_id, c.object_id, c.reported_by_id) if i}
    return {a.id for a in load_actors(store, sorted(named)) if a.status is not ActorStatus.ACCEPTED}


def accept_named_actors(store: Store, items: Sequence[Claim]) -> list[Actor]:
    """Accept the actors under review that the accepted claims among ``items`` name; return
    them: an accepted claim names accepted actors only."""
    accepted = [c for c in items if c.status is Status.ACCEPTED]
    if not accepted:
        return []
    pending = load_actors(store, sorted(pending_actor_ids(store, accepted)))
    set_actor_status(store, [a.id for a in pending], ActorStatus.ACCEPTED)
    return [replace(a, status=ActorStatus.ACCEPTED) for a in pending]


def actors_tied(store: Store, actor_ids: Sequence[str], *, status: Status) -> set[str]:
    """Return every actor a current claim of ``status`` names (as subject, object or
    reporter) beside one of ``actor_ids`` as its subject or object: read in SQL, without
    making the claims (a candidate of a large store has thousands)."""
    r = claim_revisions.c
    found: set[str] = set()
    ids = sorted(set(actor_ids))
    for start in range(0, len(ids), 400):  # two lists under SQLite's variable limit
        chunk = ids[start : start + 400]
        query = (
            select(r.subject_id, r.object_id, r.reported_by_id)
            .select_from(_CURRENT)
            .where(or_(r.subject_id.in_(chunk), r.object_id.in_(chunk)))
            .where(r.status == status.value)
            .distinct()
        )
        for row in store.connection.execute(query):
            found |= {a for a in row if a}
    return found


def subject_timeline(
    store: Store, actor_id: str, *, limit: int | None = None
) -> tuple[list[Claim], list[Claim], int, int]:
    """Return the current claims with ``actor_id`` as subject, any status: the latest
    ``limit`` dated ones by the start of their time (its end when only that is known),
    then end, then id; the first ``limit`` undated ones by id; and how many of each
    there are. The database sorts and pages: a candidate's thousands of claims are
    counted, not read."""
    r = claim_revisions.c
    when = func.coalesce(r.date_start, r.date_end)
    mine = select(*_COLUMNS).select_from(_CURRENT).where(r.subject_id == actor_id)
    dated_query = mine.where(when.is_not(None)).order_by(
        when.desc(), func.coalesce(r.date_end, "").desc(), claims.c.id.desc()
    )
    undated_query = mine.where(when.is_(None)).order_by(claims.c.id)
    if limit is not None:
        dated_query, undated_query = dated_query.limit(limit), undated_query.limit(limit)
    dated = [from_row(row) for row in store.connection.execute(dated_query)][::-1]
    undated = [from_row(row) for row in store.connection.execute(undated_query)]

    def count(condition: Any) -> int:
        query = select(func.count()).select_from(_CURRENT).where(r.subject_id == actor_id)
        return int(store.connection.execute(query.where(condition)).scalar() or 0)

    return dated, undated, count(when.is_not(None)), count(when.is_(None))
