"""Reviewing proposed claims: list, show in context, accept, reject, edit; corroboration.

Accepting or rejecting writes a new revision, so the history shows who
decided and when; only accepted claims feed assessments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forcevet.assessment.evidence import independent_source
from forcevet.errors import InputError
from forcevet.model.claims import Claim, Status
from forcevet.model.sources import Source
from forcevet.store.claims import ClaimFilter, edit_claim, list_claims, require_claim
from forcevet.store.sources import list_sources
from forcevet.store.store import Store

CONTEXT = 160  # characters shown either side of a quote


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


def proposed_claims(
    store: Store, *, source_id: str | None = None, min_confidence: float | None = None
) -> list[Claim]:
    """Return claims awaiting review, most confident first."""
    claims = list_claims(store, ClaimFilter(status=Status.PROPOSED, source_id=source_id))
    if min_confidence is not None:
        claims = [c for c in claims if (c.confidence or 0) >= min_confidence]
    return sorted(claims, key=lambda c: (-(c.confidence or 0), c.id))


def decide(
    store: Store, claim_ids: Sequence[str], status: Status, *, by: str, note: str | None = None
) -> list[Claim]:
    """Accept or reject claims (each a new revision); return them as revised."""
    if not claim_ids:
        raise InputError("name at least one claim id, or use --above", field="claim")
    revised = []
    for claim_id in claim_ids:
        claim = require_claim(store, claim_id)
        if claim.status is status:
            raise InputError(f"{claim.id} is already {status.value}", field="claim")
        revised.append(edit_claim(store, claim.id, by=by, note=note, status=status.value))
    return revised


def accept_above(store: Store, threshold: float, *, by: str) -> list[Claim]:
    """Accept every proposed claim whose extraction confidence is at least ``threshold``."""
    if not 0 <= threshold <= 1:
        raise InputError(f"expected a confidence between 0 and 1, got {threshold}", field="above")
    chosen = [c.id for c in proposed_claims(store, min_confidence=threshold)]
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
