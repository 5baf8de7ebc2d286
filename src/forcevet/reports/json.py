"""JSON records of sources, actors and claims, as every `--json` prints them.

A claim names its subject, object and reporter by both id and name, and its
grades by both code and published meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forcevet.model.actors import Actor
from forcevet.model.claims import Claim
from forcevet.model.designations import Designation
from forcevet.model.sources import Source


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
