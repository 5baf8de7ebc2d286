"""Claims: one statement about the world from one source, graded and reviewed.

A claim is never edited in place: ``revise`` returns the next revision, and the
store keeps every revision with who made it and when.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from forcevet.errors import InputError
from forcevet.model.choices import parse_choice
from forcevet.model.dates import TimeSpan
from forcevet.model.grades import Credibility
from forcevet.model.ids import make_key
from forcevet.model.vocabulary import ObjectKind, require_predicate


class Polarity(StrEnum):
    """Whether the source affirms or denies the statement."""

    AFFIRMS = "affirms"
    DENIES = "denies"


class Status(StrEnum):
    """Where a claim stands in review; only accepted claims feed assessments."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Claim:
    """One revision of one claim.

    ``id`` names the claim across revisions; ``revision`` counts from 1. The quote
    is the exact text of the source between ``quote_start`` and ``quote_end``
    unless ``paraphrase`` says it is a summary in the recorder's words. ``reported``
    marks hearsay: the source reports a speaker (``reported_by_id`` when the speaker
    is an actor) stating a third party's position, not the party itself.
    """

    id: str
    revision: int
    source_id: str
    subject_id: str
    predicate: str
    object_id: str | None
    value: str | None
    time: TimeSpan | None
    place: str | None
    polarity: Polarity
    quote: str
    quote_start: int | None
    quote_end: int | None
    paraphrase: bool
    credibility: Credibility
    status: Status
    extracted_by: str
    reported_by_id: str | None
    recorded_by: str
    recorded_at: str
    note: str | None = None
    confidence: float | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    reported: bool = False


# Fields a revision may change; the source and the id never change.
REVISABLE = (
    "subject_id",
    "predicate",
    "object_id",
    "value",
    "time",
    "place",
    "polarity",
    "quote",
    "quote_start",
    "quote_end",
    "paraphrase",
    "credibility",
    "status",
    "reported_by_id",
    "reported",
    "reviewed_by",
    "reviewed_at",
)


def check_claim(claim: Claim) -> Claim:
    """Return ``claim`` if its predicate, object and quote fit together, else raise InputError."""
    predicate = require_predicate(claim.predicate)
    if predicate.object is ObjectKind.ACTOR and not claim.object_id:
        raise InputError(f'predicate "{predicate.id}" needs an --object actor', field="object")
    if predicate.object is ObjectKind.VALUE and claim.object_id:
        raise InputError(
            f'predicate "{predicate.id}" takes a --value, not an --object', field="object"
        )
    if predicate.object is ObjectKind.NONE and (claim.object_id or claim.value):
        raise InputError(f'predicate "{predicate.id}" takes no object', field="object")
    if not claim.quote.strip():
        raise InputError("a claim needs the quote it rests on", field="quote")
    if (claim.quote_start is None) != (claim.quote_end is None):
        raise InputError("give both quote offsets or neither", field="quote_start")
    if (
        claim.quote_start is not None
        and claim.quote_end is not None
        and not (0 <= claim.quote_start <= claim.quote_end)
    ):
        raise InputError("quote offsets must satisfy 0 <= start <= end", field="quote_start")
    if claim.predicate == predicate.id:
        return claim
    return dataclasses.replace(claim, predicate=predicate.id)


def make_claim_id(
    source_id: str,
    subject_id: str,
    predicate: str,
    object_id: str | None,
    value: str | None,
    time: TimeSpan | None,
    polarity: Polarity,
    quote: str,
) -> str:
    """Return the id of a claim from its key fields, as first recorded."""
    return make_key(
        "clm",
        source_id,
        subject_id,
        predicate,
        object_id,
        value,
        time.text if time else None,
        polarity.value,
        quote,
    )


def make_imported_claim(
    *,
    source_id: str,
    subject_id: str,
    predicate: str,
    object_id: str | None,
    value: str | None,
    time: TimeSpan | None,
    polarity: Polarity,
    quote: str,
    paraphrase: bool,
    credibility: Credibility,
    importer: str,
    by: str,
    at: str,
    note: str | None = None,
) -> Claim:
    """Return a claim an importer of official records states, accepted with the importer
    named as its reviewer (recorded by ``by`` at ``at``); the id derives from its content."""
    return Claim(
        id=make_claim_id(source_id, subject_id, predicate, object_id, value, time, polarity, quote),
        revision=1,
        source_id=source_id,
        subject_id=subject_id,
        predicate=predicate,
        object_id=object_id,
        value=value,
        time=time,
        place=None,
        polarity=polarity,
        quote=quote,
        quote_start=None,
        quote_end=None,
        paraphrase=paraphrase,
        credibility=credibility,
        status=Status.ACCEPTED,
        extracted_by=importer,
        reported_by_id=None,
        recorded_by=by,
        recorded_at=at,
        note=note,
        reviewed_by=importer,
        reviewed_at=at,
    )


def revise(claim: Claim, *, by: str, at: str, note: str | None = None, **changes: Any) -> Claim:
    """Return the next revision of ``claim`` with ``changes`` applied, checked again."""
    unknown = set(changes) - set(REVISABLE)
    if unknown:
        raise InputError(f"cannot change {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    revised = dataclasses.replace(
        claim, revision=claim.revision + 1, recorded_by=by, recorded_at=at, note=note, **changes
    )
    return check_claim(revised)


def changed_fields(before: Claim, after: Claim) -> dict[str, tuple[Any, Any]]:
    """Return the fields that differ between two revisions, as (before, after) pairs."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name in REVISABLE:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes[name] = (old, new)
    return changes


@dataclass(frozen=True)
class ClaimCreate:
    """A claim as a person or an importer writes it: actors by reference, grades as text."""

    source: str
    subject: str
    predicate: str
    quote: str
    credibility: object
    object: str | None = None
    value: str | None = None
    date: str | None = None
    place: str | None = None
    polarity: str = "affirms"
    quote_start: int | None = None
    quote_end: int | None = None
    paraphrase: bool = False
    status: str = "accepted"
    extracted_by: str = "manual"
    reported_by: str | None = None
    confidence: float | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None  # when the reviewer accepted it (default: when recorded)
    reported: bool = False  # hearsay: ``reported_by`` states a third party's position


def require_confidence(value: float, *, field: str) -> float:
    """Return an extraction confidence threshold, or raise InputError unless 0 <= value <= 1.

    NaN fails too: every comparison with it is false, so a threshold of NaN would
    silently select nothing.
    """
    if not 0 <= value <= 1:
        raise InputError(f"expected a confidence between 0 and 1, got {value}", field=field)
    return value


def parse_polarity(text: object) -> Polarity:
    """Return the polarity written in ``text``, or raise InputError."""
    try:
        return Polarity(str(text).strip().lower())
    except ValueError:
        raise InputError(
            f'expected "affirms" or "denies", got "{text}"', field="polarity"
        ) from None


def parse_status(text: object) -> Status:
    """Return the review status written in ``text``, or raise InputError."""
    return parse_choice(Status, text, what="status", field="status")
