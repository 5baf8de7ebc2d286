"""Analysts' ratings of claims against hypotheses, overriding the rubric's (Heuer's ACH).

Heuer (*Psychology of Intelligence Analysis*, ch. 8) has the analyst judge each
piece of evidence against each hypothesis; the rubric gives a first rating per
indicator, and an analyst who reads a claim otherwise records a rating with a
note. Ratings are appended, never changed: the newest per (claim, hypothesis)
counts, and the older ones stay as its history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from forcevet.assessment.ach import AchOverride
from forcevet.assessment.rubric import Rating, Rubric
from forcevet.errors import InputError
from forcevet.store.claims import require_claim
from forcevet.store.store import Store, now
from forcevet.store.tables import ach_ratings

RATINGS = ", ".join(r.value for r in Rating)


@dataclass(frozen=True)
class AchRating:
    """One stored rating of a claim against a hypothesis."""

    claim_id: str
    hypothesis: str
    rating: Rating
    note: str
    recorded_by: str
    recorded_at: str

    def to_record(self) -> dict[str, str]:
        """Return the rating as a JSON-ready dict."""
        return {
            "claim_id": self.claim_id,
            "hypothesis": self.hypothesis,
            "rating": self.rating.value,
            "note": self.note,
            "by": self.recorded_by,
            "at": self.recorded_at,
        }

    def as_override(self) -> AchOverride:
        """Return the rating as the analysis of competing hypotheses uses it."""
        return AchOverride(self.rating, self.note, self.recorded_by, self.recorded_at)


def parse_rating(text: str) -> Rating:
    """Return the rating written as CC, C, N, I or II (any case), or raise InputError."""
    try:
        return Rating(text.strip().upper())
    except ValueError:
        raise InputError(f'expected one of {RATINGS}, got "{text}"', field="rating") from None


def rate_claim(
    store: Store,
    rubric: Rubric,
    *,
    claim_id: str,
    hypothesis: str,
    rating: str,
    note: str,
    by: str,
) -> AchRating:
    """Record an analyst's rating of a claim against one of the rubric's hypotheses.

    The claim may be named by a unique id prefix; the note is required, since an
    override without its reason cannot be reviewed.
    """
    parsed = parse_rating(rating)
    known = [h.id for h in rubric.hypotheses]
    if hypothesis not in known:
        raise InputError(
            f'unknown hypothesis "{hypothesis}"; use one of: {", ".join(known)}',
            field="hypothesis",
        )
    if not note.strip():
        raise InputError("say why the rating differs from the rubric's", field="note")
    claim = require_claim(store, claim_id)
    stored = AchRating(claim.id, hypothesis, parsed, note.strip(), by, now())
    store.connection.execute(
        ach_ratings.insert().values(
            claim_id=stored.claim_id,
            hypothesis=stored.hypothesis,
            rating=stored.rating.value,
            note=stored.note,
            recorded_by=stored.recorded_by,
            recorded_at=stored.recorded_at,
        )
    )
    return stored


def list_ach_ratings(store: Store, claim_ids: Sequence[str] | None = None) -> list[AchRating]:
    """Return every stored rating (of the given claims, if any), oldest first."""
    query = select(ach_ratings).order_by(ach_ratings.c.id)
    if claim_ids is not None:
        query = query.where(ach_ratings.c.claim_id.in_(list(claim_ids)))
    return [
        AchRating(
            row.claim_id,
            row.hypothesis,
            Rating(row.rating),
            row.note,
            row.recorded_by,
            row.recorded_at,
        )
        for row in store.connection.execute(query)
    ]


def load_ach_ratings(store: Store) -> dict[tuple[str, str], AchOverride]:
    """Return the rating in force for each (claim id, hypothesis): the newest recorded."""
    return {(r.claim_id, r.hypothesis): r.as_override() for r in list_ach_ratings(store)}
