"""Export the evidence base as FollowTheMoney JSON lines, for Aleph and OpenSanctions tools.

Beside the FtM file goes its records file: every row of the evidence tables as
stored, for what FtM has no place for (grades, revisions, reviews, hearsay,
listing history), so that an import of both restores the store (docs/ftm.md).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forcevet.errors import InputError
from forcevet.model.actors import ActorStatus
from forcevet.model.ftm import (
    RECORDS_FORMAT,
    RECORDS_VERSION,
    actor_to_entity,
    claim_to_link,
    designation_to_sanction,
    records_path,
    source_to_document,
)
from forcevet.store.actors import load_actors
from forcevet.store.claims import list_claims
from forcevet.store.designations import list_designations
from forcevet.store.records import dump_records
from forcevet.store.sources import list_sources
from forcevet.store.store import Store
from forcevet.store.tables import claims as claims_table


def export_entities(store: Store, *, include_states: bool = True) -> Iterator[dict[str, Any]]:
    """Yield every actor, source, claim between two actors and designation as FtM dicts.

    Claims whose object is a value, not an actor, have no FtM form and are left out,
    as are actors under review (FtM has no place for a review status, and an import
    would accept them) and the claims and listings that name them: the records file
    (``export_ftm``) holds them all.
    """
    unreviewed: set[str] = set()
    for actor in load_actors(store, unreviewed=True):
        if actor.status is not ActorStatus.ACCEPTED:
            unreviewed.add(actor.id)
        elif include_states or actor.kind.value != "state":
            yield actor_to_entity(actor).to_dict()
    sources = {s.id: s for s in list_sources(store)}
    for source in sources.values():
        yield source_to_document(source).to_dict()
    for claim in list_claims(store):
        named = {claim.subject_id, claim.object_id, claim.reported_by_id}
        if claim.object_id is not None and not named & unreviewed:
            yield claim_to_link(claim, sources[claim.source_id]).to_dict()
    for designation in list_designations(store):
        if designation.actor_id not in unreviewed:
            yield designation_to_sanction(designation).to_dict()


def write_ftm(store: Store, handle: Any) -> int:
    """Write the export as JSON lines to an open text file; return how many entities."""
    count = 0
    for entity in export_entities(store):
        handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


@dataclass
class ExportReport:
    """What an export wrote: FtM entities, records, and what is in the records only."""

    path: str
    entities: int
    records_path: str
    records: int
    only_in_records: Counter[str] = field(default_factory=Counter)


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise InputError("is a folder; name a file to write", path=str(out))
    if not out.parent.is_dir():
        raise InputError("the folder does not exist", path=str(out))


def export_ftm(store: Store, out: Path) -> ExportReport:
    """Write the FtM file ``out`` and its records file beside it; return what was written."""
    _check_out(out)
    records = records_path(out)
    digest = hashlib.sha256()
    counts: Counter[str] = Counter()
    try:
        with out.open("wb") as handle:
            for entity in export_entities(store):
                line = (json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n").encode()
                digest.update(line)
                handle.write(line)
                counts[str(entity["schema"])] += 1
        header = {
            "format": RECORDS_FORMAT,
            "version": RECORDS_VERSION,
            "ftm_file": out.name,
            "ftm_sha256": digest.hexdigest(),
            "schema_revision": store.schema_revision(),
        }
        written = 0
        tables: Counter[str] = Counter()
        with records.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(json.dumps(header, sort_keys=True) + "\n")
            for record in dump_records(store):
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                tables[record["table"]] += 1
                written += 1
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=str(exc.filename or out)) from None
    only: Counter[str] = Counter()
    actor_entities = sum(counts[s] for s in ("PublicBody", "Organization", "Person"))
    only["actors under review"] = tables["actors"] - actor_entities
    only["claims"] = tables[claims_table.name] - counts["UnknownLink"]
    only["listings of actors under review"] = tables["designations"] - counts["Sanction"]
    only["claim revisions before the current one"] = (
        tables["claim_revisions"] - tables[claims_table.name]
    )
    only["listing history events"] = tables["designation_history"]
    only["coverage records"] = tables["coverage"]
    only["ACH ratings"] = tables["ach_ratings"]
    return ExportReport(
        path=str(out),
        entities=sum(counts.values()),
        records_path=str(records),
        records=written,
        only_in_records=+only,
    )
