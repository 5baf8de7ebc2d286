"""Import FollowTheMoney JSON lines: actors, sources (Documents), links and sanctions.

Every line is checked before anything is written, so a broken line leaves the
store as it was. Entities of other schemata (addresses, passports, ...) are
counted as skipped, not silently dropped. A Sanction becomes a designation that
keeps the listed entity's names with their quality (``weakAlias`` is a low
quality name, ``previousName`` a former one), nationalities and dates of birth;
importing it again reports what was added, changed and delisted, with history.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from sqlalchemy import Table

from forcevet.errors import InputError
from forcevet.model.actors import Actor, Identifier
from forcevet.model.claims import ClaimCreate
from forcevet.model.countries import get_country
from forcevet.model.dates import parse_time
from forcevet.model.designations import Designation, ListedName, NameQuality
from forcevet.model.ftm import (
    PREDICATE_BY_EDGE,
    RECORDS_FORMAT,
    RECORDS_VERSION,
    document_keywords,
    entity_to_actor,
    first,
    records_path,
    sanction_to_designation,
)
from forcevet.model.sources import Source, make_source
from forcevet.model.vocabulary import load_predicates
from forcevet.store.actors import get_actor, save_actors
from forcevet.store.claims import record_claim
from forcevet.store.designations import sync_designations
from forcevet.store.records import check_record, restore_records
from forcevet.store.sources import add_source
from forcevet.store.store import Store, now

# The identifier scheme of UN Security Council references, as the UN importer writes it.
UN_SCHEME = "un-sc"


@dataclass
class ImportReport:
    """What an FtM import added and what it skipped, by schema."""

    path: str
    actors: int = 0
    sources: int = 0
    claims: int = 0
    designations: int = 0
    listings_added: int = 0
    listings_changed: int = 0
    listings_delisted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    # With a records file (docs/ftm.md): its path, the rows it added by table, and
    # how many of its rows were stored already.
    records: str | None = None
    revisions: int = 0
    coverage: int = 0
    added: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json_line(line: str, *, path: str, number: int) -> object:
    """Return the JSON value of one line, or raise InputError: NaN, Infinity and
    nesting too deep for the parser are refused like any other broken line."""
    try:
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", path=path, line=number, field=f"column {exc.colno}"
        ) from None
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", path=path, line=number) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", path=path, line=number) from None


def read_lines(path: Path) -> list[tuple[int, str]]:
    """Return the non-blank lines of a UTF-8 text file with their numbers, or raise InputError."""
    name = str(path)
    if not path.is_file():
        raise InputError("no such file", path=name)
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a BOM, as some editors write, is no error
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=name, line=line) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", path=name) from None
    return [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _check_date(value: str, *, field: str) -> None:
    """An FtM date is ISO 8601 at any precision, optionally with a time: check the calendar."""
    day, _, clock = value.partition("T")
    span = parse_time(day, field=field)
    if span.start is None or span.start < "0001" or "/" in day:
        raise InputError(f'not a calendar date: "{value}"', field=field)
    if clock:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise InputError(f'not a date and time: "{value}"', field=field) from None


def check_entity(data: object, skipped: Counter[str]) -> EntityProxy:
    """Return the entity a decoded JSON line holds, or raise InputError naming the field.

    Properties the schema does not have are counted in ``skipped``.
    """
    if not isinstance(data, dict):
        raise InputError("an entity is a JSON object", field="schema")
    schema_name = data.get("schema")
    if not schema_name:
        raise InputError("an entity needs a schema", field="schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        raise InputError(f"unknown FtM schema {json.dumps(schema_name)[:60]}", field="schema")
    if not data.get("id"):
        raise InputError("an entity needs an id", field="id")
    if not isinstance(data["id"], str) or data["id"] != data["id"].strip():
        raise InputError("an id is text without surrounding spaces", field="id")
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise InputError("properties are a JSON object", field="properties")
    for name, values in properties.items():
        items = values if isinstance(values, list) else [values]
        if not all(isinstance(v, str) for v in items):
            raise InputError("expected text or a list of texts", field=name)
        prop = schema.get(name)
        if prop is None:
            skipped[f"property {schema.name}.{name}"] += 1
        elif prop.type.name == "date":
            for value in items:
                _check_date(value, field=name)
    try:
        return model.get_proxy({"id": data["id"], "schema": schema.name, "properties": properties})
    except (InvalidData, TypeError, ValueError) as exc:
        raise InputError(str(exc), field="properties") from None


def read_entities(path: Path, skipped: Counter[str] | None = None) -> list[tuple[int, EntityProxy]]:
    """Return every entity of a JSON-lines file with its line number, or raise InputError.

    Two entities with one id are refused (FtM tools write fragments of one entity
    on several lines; `ftm aggregate` merges them).
    """
    name = str(path)
    counts = skipped if skipped is not None else Counter()
    entities = []
    seen: dict[str, int] = {}
    for number, line in read_lines(path):
        data = parse_json_line(line, path=name, number=number)
        try:
            entity = check_entity(data, counts)
        except InputError as exc:
            raise exc.located(path=name, line=number) from None
        if str(entity.id) in seen:
            raise InputError(
                f'the id "{entity.id}" is already on line {seen[str(entity.id)]}; '
                "merge the fragments of an entity first (ftm aggregate)",
                path=name,
                line=number,
                field="id",
            )
        seen[str(entity.id)] = number
        entities.append((number, entity))
    if not entities:
        raise InputError("the file holds no entity", path=name)
    return entities


def read_records(records: Path, ftm_file: Path) -> list[tuple[int, Table, dict[str, Any]]]:
    """Return the checked rows of the records file written with ``ftm_file``, with their
    line numbers, or raise InputError (a records file of another FtM file included)."""
    name = str(records)
    lines = read_lines(records)
    if not lines:
        raise InputError("the records file is empty", path=name)
    number, first_line = lines[0]
    header = parse_json_line(first_line, path=name, number=number)
    if not isinstance(header, dict) or header.get("format") != RECORDS_FORMAT:
        raise InputError(
            f'expected a header {{"format": "{RECORDS_FORMAT}", ...}}',
            path=name,
            line=number,
            field="format",
        )
    if header.get("version") != RECORDS_VERSION:
        raise InputError(
            f"version {json.dumps(header.get('version'))[:20]} of the records format; "
            f"this forcevet reads version {RECORDS_VERSION}",
            path=name,
            line=number,
            field="version",
        )
    digest = hashlib.sha256(ftm_file.read_bytes()).hexdigest()
    if header.get("ftm_sha256") != digest:
        raise InputError(
            f"written with another version of {ftm_file.name} (it changed since the "
            "export); import the FtM file alone with --no-records, or export again",
            path=name,
            line=number,
            field="ftm_sha256",
        )
    rows = []
    for number, line in lines[1:]:
        try:
            table, row = check_record(parse_json_line(line, path=name, number=number))
        except InputError as exc:
            raise exc.located(path=name, line=number) from None
        rows.append((number, table, row))
    return rows


def on_one_line(text: str) -> str:
    """Return ``text`` with line breaks and other control characters escaped, so that an
    error quoting a hostile value stays one line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )


def import_ftm(
    store: Store, path: Path, *, by: str, records: Path | None = None, use_records: bool = True
) -> ImportReport:
    """Import a FollowTheMoney JSON-lines file into the store; return what was done.

    With its records file (``records``, by default the one the export wrote beside
    it) the rows the export holds are restored as they were stored, with grades,
    revisions, reviews and history; without one, the FtM entities are read as any
    FtM file (docs/ftm.md says what that leaves at its defaults).
    """
    try:
        return _import_ftm(store, path, by=by, records=records, use_records=use_records)
    except InputError as exc:
        raise InputError(
            on_one_line(exc.message),
            path=on_one_line(exc.path) if exc.path else None,
            line=exc.line,
            field=on_one_line(exc.field) if exc.field else None,
        ) from None


def _import_ftm(
    store: Store, path: Path, *, by: str, records: Path | None, use_records: bool
) -> ImportReport:
    report = ImportReport(path=str(path))
    entities = read_entities(path, report.skipped)
    if use_records:
        if records is None and records_path(path).is_file():
            records = records_path(path)
        if records is not None:
            return _restore(store, path, records, report)
    actors: list[Actor] = []
    for number, entity in entities:
        if entity.schema.is_a("LegalEntity"):
            try:
                actors.append(entity_to_actor(entity))
            except InputError as exc:
                raise exc.located(path=str(path), line=number) from None
    declared = {a.id for a in actors}
    for number, actor in zip(
        (n for n, e in entities if e.schema.is_a("LegalEntity")), actors, strict=True
    ):
        if (
            actor.parent_id
            and actor.parent_id not in declared
            and not get_actor(store, actor.parent_id)
        ):
            raise InputError(
                f'parent "{actor.parent_id}" is neither in the file nor stored',
                path=str(path),
                line=number,
                field="parent",
            )
        if _in_parent_cycle(actor.id, {a.id: a.parent_id for a in actors}):
            raise InputError(
                f'"{actor.id}" would be its own parent, through "{actor.parent_id}"',
                path=str(path),
                line=number,
                field="parent",
            )
    by_id = {str(e.id): e for _, e in entities}
    report.actors = save_actors(store, [_with_un_reference(a, entities) for a in actors])
    documents: dict[str, str] = {}
    for number, entity in entities:
        if entity.schema.is_a("Document"):
            try:
                source, added = add_source(store, _document_source(entity, by))
            except InputError as exc:
                raise exc.located(path=str(path), line=number) from None
            documents[str(entity.id)] = source.id
            report.sources += int(added)
    designations: list[Designation] = []
    for number, entity in entities:
        try:
            if entity.schema.is_a("Sanction"):
                listing = _checked(store, sanction_to_designation(entity), declared)
                designations.append(_with_listed_entity(listing, entity, by_id, report))
            elif entity.schema.edge and not entity.schema.is_a("LegalEntity"):
                report.claims += _import_link(store, entity, documents, path, by=by)
            elif not (entity.schema.is_a("LegalEntity") or entity.schema.is_a("Document")):
                report.skipped[entity.schema.name] += 1
        except InputError as exc:
            raise exc.located(path=str(path), line=number) from None
    synced = sync_designations(store, designations, source_id=None, by=by, at=now())
    report.designations = len(designations)
    report.listings_added = len(synced.added)
    report.listings_changed = len(synced.changed) + len(synced.relisted)
    report.listings_delisted = len(synced.delisted)
    return report


def _in_parent_cycle(actor_id: str, parents: dict[str, str | None]) -> bool:
    """Return True when following parents from ``actor_id`` comes back to it."""
    seen = {actor_id}
    current = parents.get(actor_id)
    while current is not None:
        if current in seen:
            return current == actor_id
        seen.add(current)
        current = parents.get(current)
    return False


def _restore(store: Store, path: Path, records: Path, report: ImportReport) -> ImportReport:
    rows = read_records(records, path)
    try:
        restored = restore_records(store, rows)
    except InputError as exc:
        raise exc.located(path=str(records)) from None
    totals = Counter(t.name for _, t, _ in rows)
    report.records = str(records)
    report.actors = totals["actors"]
    report.sources = totals["sources"]
    report.claims = totals["claims"]
    report.revisions = totals["claim_revisions"]
    report.designations = totals["designations"]
    report.coverage = totals["coverage"]
    report.listings_added = restored.added["designations"]
    report.added = restored.added
    report.unchanged = sum(restored.unchanged.values())
    return report


def _with_un_reference(actor: Actor, entities: list[tuple[int, EntityProxy]]) -> Actor:
    """Return the actor with the UN reference (``unscId``) of its Sanctions as an identifier,
    so that a later import of the UN list finds it."""
    references = [
        Identifier(UN_SCHEME, value)
        for _, entity in entities
        if entity.schema.is_a("Sanction") and actor.id in entity.get("entity")
        for value in entity.get("unscId", quiet=True)
    ]
    if not references:
        return actor
    found = sorted({*actor.identifiers, *references}, key=lambda i: (i.scheme, i.value))
    return dataclasses.replace(actor, identifiers=tuple(found))


# Name properties of a listed entity, with the quality a listing gives each.
NAME_QUALITY = (
    ("name", NameQuality.GOOD),
    ("alias", NameQuality.GOOD),
    ("previousName", NameQuality.FORMER),
    ("weakAlias", NameQuality.LOW),
)


def _with_listed_entity(
    listing: Designation,
    sanction: EntityProxy,
    by_id: dict[str, EntityProxy],
    report: ImportReport,
) -> Designation:
    """Return the listing with the names, nationalities and births of the entity it lists."""
    listed = by_id.get(listing.actor_id)
    if listed is None:  # listed entity already stored: its names stay with the actor
        return listing
    names: dict[str, ListedName] = {}
    for prop, quality in NAME_QUALITY:
        for value in listed.get(prop, quiet=True):
            names.setdefault(value, ListedName(value, quality))
    nationalities = []
    for code in listed.get("nationality", quiet=True) + listed.get("citizenship", quiet=True):
        country = get_country(code)
        if country is None:
            report.skipped[f"nationality {code}"] += 1
        elif country.alpha_3 not in nationalities:
            nationalities.append(country.alpha_3)
    return dataclasses.replace(
        listing,
        program=first(sanction, "program"),
        names=tuple(names.values()),
        nationalities=tuple(nationalities),
        birth_dates=tuple(listed.get("birthDate", quiet=True)),
        birth_places=tuple(listed.get("birthPlace", quiet=True)),
        positions=tuple(listed.get("position", quiet=True)),
        gender=next(iter(listed.get("gender", quiet=True)), None),
    )


def _checked(store: Store, designation: Designation, declared: set[str]) -> Designation:
    if designation.actor_id not in declared and get_actor(store, designation.actor_id) is None:
        raise InputError(
            f'lists "{designation.actor_id}", which is neither in the file nor stored',
            field="entity",
        )
    return designation


def _document_source(entity: EntityProxy, by: str) -> Source:
    keywords = document_keywords(entity)
    title = first(entity, "title", "fileName") or str(entity.id)
    return make_source(
        title=title,
        publisher=first(entity, "publisher") or "unknown",
        url=first(entity, "sourceUrl"),
        date=first(entity, "publishedAt", "date"),
        text=first(entity, "bodyText") or "",
        kind=keywords.get("source-kind", "dataset"),
        reliability=keywords.get("reliability", "F"),
        reliability_note=first(entity, "summary"),
        graded_by=by,
        added_at=now(),
        source_id=entity.id,
    )


def _import_link(
    store: Store, link: EntityProxy, documents: dict[str, str], path: Path, *, by: str
) -> int:
    schema = link.schema
    sources_ = link.get(schema.edge_source) if schema.edge_source else []
    targets = link.get(schema.edge_target) if schema.edge_target else []
    if not sources_ or not targets:
        raise InputError("a link needs both ends", field=schema.edge_source or "subject")
    role = first(link, "role") or ""
    predicate = (
        role if role in load_predicates() else PREDICATE_BY_EDGE.get(schema.name, "has_links_to")
    )
    proofs = [documents[p] for p in link.get("proof") if p in documents]
    if proofs:
        source_id = proofs[0]
    else:  # a link with no document: its file is the source, graded "cannot be judged"
        file_source, _ = add_source(
            store,
            make_source(
                title=f"FollowTheMoney file {path.name}",
                publisher="unknown",
                url=first(link, "sourceUrl"),
                kind="dataset",
                reliability="F",
                graded_by=by,
                added_at=now(),
            ),
        )
        source_id = file_source.id
    date = first(link, "date")
    start, end = first(link, "startDate"), first(link, "endDate")
    if date is None and (start or end):
        date = f"{start or '..'}/{end or '..'}"
    summary = first(link, "summary")
    status = first(link, "status") or "affirms"
    record_claim(
        store,
        ClaimCreate(
            source=source_id,
            subject=sources_[0],
            object=targets[0],
            predicate=predicate,
            value=first(link, "description"),
            date=date,
            quote=summary or f"{schema.label}: {role or predicate}",
            paraphrase=summary is None,
            polarity=status if status in ("affirms", "denies") else "affirms",
            credibility=6,
            status="proposed",
            extracted_by=f"ftm-import:{link.id}",
        ),
        by=by,
    )
    return 1
