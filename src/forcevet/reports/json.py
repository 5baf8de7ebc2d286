"""JSON records of sources, actors and claims, as every `--json` prints them.

A claim names its subject, object and reporter by both id and name, and its
grades by both code and published meaning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from forcevet.model.actors import Actor
from forcevet.model.claims import Claim, changed_fields
from forcevet.model.designations import Designation
from forcevet.model.sources import Source

if TYPE_CHECKING:  # the ingest service loads spaCy: only its types are needed here
    from forcevet.ingest.articles.service import IngestReport, PendingActor


def source_record(source: Source, *, with_text: bool = False) -> dict[str, Any]:
    """Return the JSON record of a source (its full text only if asked)."""
    record: dict[str, Any] = {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": source.date,
        "kind": source.kind.value,
        "reliability": source.reliability.value,
        "reliability_meaning": source.reliability.meaning,
        "reliability_by": source.reliability_by,
        "reliability_note": source.reliability_note,
        "content_hash": source.content_hash,
        "added_at": source.added_at,
        "report_id": source.report_id,
        "characters": len(source.text),
    }
    if with_text:
        record["text"] = source.text
    return record


def actor_record(actor: Actor, designations: list[Designation] | None = None) -> dict[str, Any]:
    """Return the JSON record of an actor."""
    record: dict[str, Any] = {
        "id": actor.id,
        "kind": actor.kind.value,
        "name": actor.name,
        "aliases": list(actor.aliases),
        "country": actor.country,
        "parent_id": actor.parent_id,
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in actor.identifiers],
    }
    if designations is not None:
        record["designations"] = [designation_record(d) for d in designations]
    return record


def designation_record(designation: Designation) -> dict[str, Any]:
    """Return the JSON record of a designation."""
    return {
        "id": designation.id,
        "actor_id": designation.actor_id,
        "authority": designation.authority,
        "reference": designation.reference,
        "listed_on": designation.listed_on,
        "delisted_on": designation.delisted_on,
        "reason": designation.reason,
        "source_url": designation.source_url,
    }


def _named(actor_id: str | None, names: Mapping[str, str]) -> dict[str, str] | None:
    if actor_id is None:
        return None
    return {"id": actor_id, "name": names.get(actor_id, actor_id)}


def claim_record(
    claim: Claim, names: Mapping[str, str], source: Source | None = None
) -> dict[str, Any]:
    """Return the JSON record of a claim; ``names`` maps actor ids to names."""
    time = claim.time
    record: dict[str, Any] = {
        "id": claim.id,
        "revision": claim.revision,
        "source_id": claim.source_id,
        "subject": _named(claim.subject_id, names),
        "predicate": claim.predicate,
        "object": _named(claim.object_id, names),
        "value": claim.value,
        "date": None
        if time is None
        else {
            "text": time.text,
            "start": time.start,
            "end": time.end,
            "precision": time.precision.value,
        },
        "place": claim.place,
        "polarity": claim.polarity.value,
        "quote": claim.quote,
        "quote_start": claim.quote_start,
        "quote_end": claim.quote_end,
        "paraphrase": claim.paraphrase,
        "credibility": int(claim.credibility),
        "credibility_meaning": claim.credibility.meaning,
        "status": claim.status.value,
        "extracted_by": claim.extracted_by,
        "confidence": claim.confidence,
        "reported_by": _named(claim.reported_by_id, names),
        "reported": claim.reported,  # hearsay: reported_by states a third party's position
        "recorded_by": claim.recorded_by,
        "recorded_at": claim.recorded_at,
        "reviewed_by": claim.reviewed_by,
        "reviewed_at": claim.reviewed_at,
        "note": claim.note,
    }
    if source is not None:
        # the date of the report, beside the date of the event (``date``)
        record["reported_on"] = source.date
        record["source"] = {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "date": source.date,
            "reliability": source.reliability.value,
        }
    return record


def shown_value(value: object) -> str:
    """Return a claim field's value as history shows it: a date's or an enum's text."""
    text = getattr(value, "text", None) or getattr(value, "value", None)
    return str(text if text is not None else value)


def history_records(revisions: Sequence[Claim], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Return every revision of a claim with the fields it changed, as
    `forcevet claim history --json` prints them: {..., "changes": {field: [old, new]}}."""
    steps = [(None, revisions[0])] + list(zip(revisions, revisions[1:], strict=False))
    return [
        claim_record(after, names)
        | {
            "changes": {
                k: [None if v is None else shown_value(v) for v in pair]
                for k, pair in (changed_fields(before, after).items() if before else [])
            }
        }
        for before, after in steps
    ]


def pending_record(pending: PendingActor) -> dict[str, Any]:
    """Return the JSON of an actor under review that an ingest's claims name."""
    actor = pending.actor
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "parent_id": actor.parent_id,
        "aliases": list(actor.aliases),
        "status": actor.status.value,
        "new": pending.new,
        "claims": pending.claims,
    }


def ingest_report_record(report: IngestReport, names: Mapping[str, str]) -> dict[str, Any]:
    """Return the JSON of an ingest, as `forcevet ingest --json` prints it:
    {"sources": [...], "claims": [...], ...}.

    ``proposed_actors`` are the actors under review the claims name (stored as
    proposed, with how many claims name each); ``names_without_claims`` the other
    names the recognizer met, which no claim needed and nothing stored.
    """
    stored = {p.actor.name for p in report.pending_actors.values()}
    return {
        "sources": [
            source_record(s["source"])
            | {
                "file": s["label"],
                "claims": s["claims"],
                "near_duplicate_of": s["near_duplicate_of"],
            }
            for s in report.sources
        ],
        "duplicates": report.duplicates,
        "claims": [claim_record(c, names) for c in report.claims],
        "proposed_actors": [pending_record(p) for p in report.pending_actors.values()],
        "names_without_claims": [
            {"name": a.name, "kind": a.kind.value, "parent_id": a.parent_id, "context": a.context}
            for a in report.proposed_actors
            if a.name not in stored
        ],
        "skipped": report.skipped,
    }
