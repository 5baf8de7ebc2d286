"""Reviewing proposed claims: list, show in context, accept, reject, edit; corroboration;
and the actors ingest proposed with them.

Accepting or rejecting writes a new revision that names the reviewer and the
time (``reviewed_by``, ``reviewed_at``), so the history shows who decided and
when; only accepted claims feed assessments, and under the two-person rule only
those accepted by someone other than the person who recorded them.

An accepted claim names accepted actors only: accepting a claim accepts the
actors under review it names (a reviewer who reads "Ishaq Dar said ..." and
accepts it vouches for Ishaq Dar), and rejecting an actor rejects its proposed
claims. Rejecting a claim leaves its actors as they are, even when it was the
last claim to name one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from forcevet.assessment.evidence import independent_source
from forcevet.errors import InputError
from forcevet.model.actors import Actor, ActorStatus
from forcevet.model.claims import Claim, Status, parse_status, require_confidence, revise
from forcevet.model.sources import Source
from forcevet.reports.json import claim_record
from forcevet.store.actors import find_actors, load_actors, set_actor_status
from forcevet.store.claims import (
    ClaimFilter,
    accept_named_actors,
    append_revision,
    claims_naming,
    count_claims,
    edit_claim,
    list_claims,
    pending_actor_ids,
    require_claim,
)
from forcevet.store.sources import get_sources, list_sources, require_source
from forcevet.store.store import Store, now
from forcevet.store.tables import claims as claims_table

CONTEXT = 160  # characters shown either side of a quote
# Importers of official records review their own claims under this prefix
# ("import peacekeeping"); the dataset, not the person running it, vouches for them.
IMPORTER_PREFIX = "import "


@dataclass(frozen=True)
class QuoteInContext:
    """A claim's quote with the text around it in its source."""

    before: str
    quote: str
    after: str


def quote_in_context(claim: Claim, source: Source, width: int = CONTEXT) -> QuoteInContext:
    """Return the quote and up to ``width`` characters of source text either side."""
    if claim.quote_start is None or claim.quote_end is None or not source.text:
        return QuoteInContext("", claim.quote, "")
    text = source.text
    start, end = claim.quote_start, claim.quote_end
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return QuoteInContext(
        ("..." if start > width else "") + before,
        text[start:end],
        after + ("..." if end + width < len(text) else ""),
    )


def proposed_filter(
    store: Store, *, source_id: str | None = None, min_confidence: float | None = None
) -> ClaimFilter:
    """Return the filter of claims awaiting review, or raise InputError for a bad
    confidence or a source that does not exist (an error, not "no claims")."""
    if min_confidence is not None:
        require_confidence(min_confidence, field="min_confidence")
    if source_id is not None:
        source_id = require_source(store, source_id, field="source").id
    return ClaimFilter(status=Status.PROPOSED, source_id=source_id, min_confidence=min_confidence)


def proposed_claims(
    store: Store,
    *,
    source_id: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Claim]:
    """Return claims awaiting review, most confident first, those without an extraction
    confidence (recorded by hand) last; ``limit`` of them from ``offset`` if given: the
    page is read in SQL, not sliced from the whole queue."""
    where = proposed_filter(store, source_id=source_id, min_confidence=min_confidence)
    return list_claims(store, where, most_confident=True, limit=limit, offset=offset)


def count_proposed(
    store: Store,
    *,
    source_id: str | None = None,
    min_confidence: float | None = None,
    cap: int | None = None,
) -> int:
    """Return how many claims await review (of one source, above a confidence), counting
    no further than ``cap`` if given."""
    where = proposed_filter(store, source_id=source_id, min_confidence=min_confidence)
    return count_claims(store, where, cap=cap)


@dataclass(frozen=True)
class Decision:
    """Claims decided, and the actors under review that accepting them accepted."""

    claims: list[Claim]
    actors: list[Actor]


def decide(
    store: Store, claim_ids: Sequence[str], status: Status, *, by: str, note: str | None = None
) -> list[Claim]:
    """Accept or reject claims (each a new revision naming the reviewer); return them.

    See ``decide_claims``, which also says which actors were accepted with them.
    """
    return decide_claims(store, claim_ids, status, by=by, note=note).claims


def decide_claims(
    store: Store,
    claim_ids: Sequence[str],
    status: Status,
    *,
    by: str,
    note: str | None = None,
    two_person: bool = False,
) -> Decision:
    """Accept or reject claims (each a new revision naming the reviewer); return them with
    the actors under review that accepted claims name, accepted with them.

    The revision is recorded by the reviewer, who is also its ``reviewed_by``, at one
    time that is both its ``recorded_at`` and its ``reviewed_at``. A claim already
    decided the same way may be decided again by another reviewer: that is how a
    second analyst confirms a claim its recorder accepted when adding it.
    ``two_person`` refuses to let anyone accept a claim they recorded themselves
    (see ``counts_for_assessment``): such an acceptance would not count under
    `assess --two-person`, so a workspace enforcing the rule refuses it outright.
    """
    if not claim_ids:
        raise InputError("name at least one claim id, or use --above", field="claim")
    if not by.strip():
        raise InputError("name the reviewer", field="by")
    at = now()
    revised = []
    if two_person and status is Status.ACCEPTED:
        require_another_reviewer(store, [require_claim(store, i) for i in claim_ids], by)
    for claim_id in claim_ids:
        claim = require_claim(store, claim_id)
        if claim.status is status and claim.reviewed_by in (None, by):
            who = f" by {by}" if claim.reviewed_by else ""
            raise InputError(f"{claim.id} is already {status.value}{who}", field="claim")
        revised.append(
            append_revision(
                store,
                revise(
                    claim, by=by, at=at, note=note, status=status, reviewed_by=by, reviewed_at=at
                ),
            )
        )
    return Decision(revised, accept_named_actors(store, revised))


class SelfReview(InputError):
    """Someone tried to accept a claim they recorded, under the two-person rule."""


def require_another_reviewer(store: Store, claims: Sequence[Claim], by: str) -> None:
    """Raise SelfReview if ``by`` recorded any of the claims (the two-person rule)."""
    recorders = claim_recorders(store, [c.id for c in claims])
    own = [c.id for c in claims if recorders.get(c.id) == by]
    if own:
        raise SelfReview(
            f"{by} recorded {', '.join(own)}: under the two-person rule a claim is accepted "
            "by someone other than the person who recorded it; ask another reviewer",
            field="claim",
        )


def edit_reviewed(
    store: Store, claim_id: str, *, by: str, note: str | None = None, **changes: str | None
) -> Claim:
    """Return the next revision of a claim (see ``edit_claim``); a status names ``by`` as
    its reviewer, and a return to proposed clears the reviewer."""
    status = changes.get("status")
    if status is not None:
        decided = parse_status(status) is not Status.PROPOSED
        # "" clears a field in edit_claim
        changes |= {"reviewed_by": by if decided else "", "reviewed_at": now() if decided else ""}
    return edit_claim(store, claim_id, by=by, note=note, **changes)


def accept_above(store: Store, threshold: float, *, by: str) -> list[Claim]:
    """Accept every proposed claim whose extraction confidence is at least ``threshold``
    and that names accepted actors only.

    A claim naming an actor under review waits for a reviewer to accept it by id,
    which accepts the actor too: a threshold vouches for the extraction, not for a
    name nobody has looked at.
    """
    require_confidence(threshold, field="above")
    candidates = proposed_claims(store, min_confidence=threshold)
    pending = pending_actor_ids(store, candidates)
    chosen = [
        c.id for c in candidates if not {c.subject_id, c.object_id, c.reported_by_id} & pending
    ]
    return (
        decide(
            store,
            chosen,
            Status.ACCEPTED,
            by=by,
            note=f"accepted with extraction confidence >= {threshold}",
        )
        if chosen
        else []
    )


def corroborating(store: Store, claim: Claim) -> list[Claim]:
    """Return current claims of other independent sources that say the same thing.

    Same subject, predicate, object and polarity, times that overlap (or either
    undated), from a source that is not the same publisher or underlying report.
    """
    sources = {s.id: s for s in list_sources(store)}
    own = sources[claim.source_id]
    mine = independent_source(own, sources)
    found = []
    for other in list_claims(
        store, ClaimFilter(actor_id=claim.subject_id, predicate=claim.predicate)
    ):
        if other.id == claim.id or other.subject_id != claim.subject_id:
            continue
        if (other.object_id, other.polarity) != (claim.object_id, claim.polarity):
            continue
        source = sources[other.source_id]
        if independent_source(source, sources) == mine:
            continue
        if claim.time and other.time and not other.time.overlaps(claim.time.start, claim.time.end):
            continue
        found.append(other)
    return found


def reviewed_by_another(claim: Claim, recorder: str) -> bool:
    """Return whether ``claim`` was reviewed by someone other than ``recorder``.

    An importer named as reviewer ("import ...") counts as another: the official
    dataset it reads is the second party. A claim with no reviewer does not.
    """
    reviewer = claim.reviewed_by
    if not reviewer:
        return False
    return reviewer.startswith(IMPORTER_PREFIX) or reviewer != recorder


def counts_for_assessment(claim: Claim, *, two_person: bool, recorder: str | None = None) -> bool:
    """Return whether ``claim`` may enter an assessment.

    Only accepted claims count. Under the two-person rule the reviewer must be
    someone other than the claim's recorder (``recorder``, who wrote its first
    revision; ``claim_recorders`` reads it), or an importer of official records.
    Without ``recorder`` a claim with later revisions cannot be checked and does
    not count under the rule, since its current ``recorded_by`` is its last editor.
    """
    if claim.status is not Status.ACCEPTED:
        return False
    if not two_person:
        return True
    if recorder is None:
        if claim.revision != 1:
            return False
        recorder = claim.recorded_by
    return reviewed_by_another(claim, recorder)


def claim_recorders(store: Store, claim_ids: Iterable[str]) -> dict[str, str]:
    """Return who recorded each claim's first revision, by claim id."""
    ids = sorted(set(claim_ids))
    found: dict[str, str] = {}
    table = claims_table.c
    for start in range(0, len(ids), 900):  # under SQLite's variable limit
        query = select(table.id, table.created_by).where(table.id.in_(ids[start : start + 900]))
        found.update({row.id: row.created_by for row in store.connection.execute(query)})
    return found


def assessable_claims(store: Store, claims: Sequence[Claim], *, two_person: bool) -> list[Claim]:
    """Return the claims that may enter an assessment (see ``counts_for_assessment``)."""
    recorders = claim_recorders(store, [c.id for c in claims]) if two_person else {}
    return [
        c
        for c in claims
        if counts_for_assessment(c, two_person=two_person, recorder=recorders.get(c.id))
    ]


@dataclass(frozen=True)
class ReviewState:
    """Who recorded a claim first and when, who reviewed its current revision and when."""

    recorded_by: str
    recorded_at: str
    reviewed_by: str | None
    reviewed_at: str | None
    by_another: bool  # what the two-person rule asks

    def counts_if_accepted_by(self, name: str) -> bool:
        """Return whether ``name`` accepting the claim would satisfy the two-person rule."""
        return name.startswith(IMPORTER_PREFIX) or name != self.recorded_by

    def words(self) -> str:
        """Return the review in words, as `claim show` prints it."""
        if not self.reviewed_by:
            return "not reviewed"
        who = "" if self.by_another else " (self-reviewed)"
        return f"{self.reviewed_at} by {self.reviewed_by}{who}"

    def to_dict(self) -> dict[str, object]:
        """Return the JSON record of the review."""
        return {
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            "reviewed_by_another": self.by_another,
        }


def review_state(store: Store, claim: Claim) -> ReviewState:
    """Return who recorded ``claim`` first and who reviewed its current revision."""
    return review_states(store, [claim])[claim.id]


def review_states(store: Store, claims: Sequence[Claim]) -> dict[str, ReviewState]:
    """Return the review state of each claim, by id, read in one query per 900 claims."""
    table = claims_table.c
    ids = sorted({c.id for c in claims})
    recorded: dict[str, tuple[str, str]] = {}
    for start in range(0, len(ids), 900):  # under SQLite's variable limit
        query = select(table.id, table.created_by, table.created_at).where(
            table.id.in_(ids[start : start + 900])
        )
        recorded.update(
            {row.id: (row.created_by, row.created_at) for row in store.connection.execute(query)}
        )
    return {
        c.id: ReviewState(
            recorded_by=recorded[c.id][0],
            recorded_at=recorded[c.id][1],
            reviewed_by=c.reviewed_by,
            reviewed_at=c.reviewed_at,
            by_another=reviewed_by_another(c, recorded[c.id][0]),
        )
        for c in claims
    }


@dataclass(frozen=True)
class ClaimInReview:
    """A claim as a reviewer reads it: its source, its quote in context, its review so
    far and the actors under review it names (accepting the claim accepts them)."""

    claim: Claim
    source: Source
    context: QuoteInContext
    review: ReviewState
    pending_actors: frozenset[str]

    def to_json(
        self, names: Mapping[str, str], corroborated_by: Sequence[Claim] = ()
    ) -> dict[str, Any]:
        """Return the record `forcevet review show --json` prints."""
        return claim_record(self.claim, names, self.source) | {
            "context": {
                "before": self.context.before,
                "quote": self.context.quote,
                "after": self.context.after,
            },
            "corroborated_by": [o.id for o in corroborated_by],
            "review": self.review.to_dict(),
            "actors_under_review": sorted(self.pending_actors),
        }


def claims_in_review(store: Store, claims: Sequence[Claim]) -> list[ClaimInReview]:
    """Return each claim with what a reviewer reads beside it, in the given order."""
    ids = sorted({c.source_id for c in claims})
    sources: dict[str, Source] = get_sources(store, ids)  # one query for the page
    pending = pending_actor_ids(store, claims)
    states = review_states(store, claims)
    found = []
    for claim in claims:
        source = sources.get(claim.source_id) or require_source(store, claim.source_id)
        named = {claim.subject_id, claim.object_id, claim.reported_by_id}
        found.append(
            ClaimInReview(
                claim,
                source,
                quote_in_context(claim, source),
                states[claim.id],
                frozenset(pending & named),
            )
        )
    return found


@dataclass(frozen=True)
class ActorUnderReview:
    """An actor ingest proposed, with the current claims that name it."""

    actor: Actor
    claims: list[Claim]


def actors_under_review(store: Store) -> list[ActorUnderReview]:
    """Return the proposed actors with the claims that name them, by kind and name."""
    pending = find_actors(store, status=ActorStatus.PROPOSED)
    named = claims_naming(store, [a.id for a in pending])
    return [ActorUnderReview(a, named.get(a.id, [])) for a in pending]


def _require_pending(store: Store, actor_ids: Sequence[str], verb: str) -> list[Actor]:
    if not actor_ids:
        raise InputError("name at least one actor id (forcevet review actors)", field="actor")
    wanted = list(dict.fromkeys(i.strip() for i in actor_ids))
    found = {a.id: a for a in load_actors(store, wanted)}
    for actor_id in wanted:
        actor = found.get(actor_id)
        if actor is None:
            raise InputError(
                f'no actor "{actor_id}"; give the id `forcevet review actors` shows',
                field="actor",
            )
        if actor.status is not ActorStatus.PROPOSED:
            raise InputError(
                f"{actor_id} is {actor.status.value}, not proposed: only actors under review "
                f"can be {verb}",
                field="actor",
            )
    return [found[i] for i in wanted]


def accept_actors(store: Store, actor_ids: Sequence[str]) -> list[Actor]:
    """Accept proposed actors and return them; their claims stay proposed, each to be
    reviewed (forcevet review list)."""
    pending = _require_pending(store, actor_ids, "accepted")
    set_actor_status(store, [a.id for a in pending], ActorStatus.ACCEPTED)
    return [dataclasses.replace(a, status=ActorStatus.ACCEPTED) for a in pending]


def reject_actors(
    store: Store, actor_ids: Sequence[str], *, by: str, note: str | None = None
) -> Decision:
    """Reject proposed actors with the proposed claims that name them; return both.

    A rejected actor stays stored (its rejected claims name it) but is listed nowhere
    and looked for by no later ingest.
    """
    pending = _require_pending(store, actor_ids, "rejected")
    ids = [a.id for a in pending]
    named = claims_naming(store, ids, status=Status.PROPOSED)
    claim_ids = sorted({c.id for claims in named.values() for c in claims})
    why = note or f"names an actor rejected in review ({', '.join(ids)})"
    rejected = decide(store, claim_ids, Status.REJECTED, by=by, note=why) if claim_ids else []
    set_actor_status(store, ids, ActorStatus.REJECTED)
    return Decision(
        rejected, [dataclasses.replace(a, status=ActorStatus.REJECTED) for a in pending]
    )
