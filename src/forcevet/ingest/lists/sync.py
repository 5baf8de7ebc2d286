"""Bringing a designation list into the store: actors, listings and their history.

Each importer reads its format into a ``ReadList`` (every entry checked, nothing
written) and hands it to ``store_list``, which runs inside the caller's one
transaction. A listed actor the list itself created is rewritten from the list;
an actor the list links to (an existing id, or an actor that already carries
the list's identifier) keeps its own name and gains the listed names as aliases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from forcevet.errors import InputError
from forcevet.ingest.lists.changes import (
    ListImportReport as ListImportReport,  # re-exported: importers name it from here
)
from forcevet.ingest.lists.changes import named_changes, record_coverage
from forcevet.model.actors import Actor, ActorKind, Identifier
from forcevet.model.designations import Designation, ListedName, make_designation
from forcevet.model.ids import name_key, slugify
from forcevet.model.sources import Source
from forcevet.store.actors import get_actor, load_actors, save_actors
from forcevet.store.designations import ListScope, sync_designations
from forcevet.store.sources import add_source
from forcevet.store.store import Store, now
from forcevet.store.tables import actor_aliases, actor_identifiers


@dataclass(frozen=True)
class ListEntry:
    """One entry of a designation list as read, before it is stored.

    ``names`` holds every name, the main name first, each with its quality;
    ``actor_id`` links the entry to a given actor instead of one made for it.
    ``authority``, ``authority_actor`` and ``scheme`` override the list's own,
    for a file that gathers several authorities' listings.
    """

    kind: ActorKind
    names: tuple[ListedName, ...]
    reference: str | None
    listed_on: str | None
    line: int | None = None
    delisted_on: str | None = None
    reason: str | None = None
    program: str | None = None
    updated_on: str | None = None
    country: str | None = None
    nationalities: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    gender: str | None = None
    unparsed: tuple[str, ...] = ()
    actor_id: str | None = None
    source_url: str | None = None
    authority: str | None = None
    authority_actor: AuthorityActor | str | None = None
    scheme: str | None = None

    @property
    def name(self) -> str:
        """Return the main name."""
        return self.names[0].name


@dataclass(frozen=True)
class AuthorityActor:
    """The authority as an actor: found by id or name, else created with these fields."""

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class ReadList:
    """A whole list as read: its authority, the document, every entry, and what was skipped.

    ``scopes`` say which stored listings the list is complete for (their absence
    means delisting, and the authority's list is recorded as covered, so that
    "not listed" can be said of the rest); ``scheme`` names the identifier the
    list gives (``un-sc``).
    """

    path: str
    authority: str
    authority_actor: AuthorityActor | None
    document: Source
    entries: tuple[ListEntry, ...]
    scheme: str
    list_date: str | None = None
    scopes: tuple[ListScope, ...] = ()
    skipped: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)


def actor_id_for(scheme: str, entry: ListEntry) -> str:
    """Return the id of the actor a list makes for an entry: ``un-sc-qde-118``."""
    if entry.actor_id:
        return entry.actor_id
    return f"{entry.scheme or scheme}-{slugify(entry.reference or entry.name)}"


def _holders(store: Store, scheme: str, values: list[str]) -> dict[str, str]:
    """Return which stored actor already carries each identifier value of ``scheme``."""
    found: dict[str, str] = {}
    for start in range(0, len(values), 900):
        rows = store.connection.execute(
            actor_identifiers.select().where(
                actor_identifiers.c.scheme == scheme,
                actor_identifiers.c.value.in_(values[start : start + 900]),
            )
        )
        for row in rows:
            found.setdefault(row.value, row.actor_id)
    return found


def resolve_authority(store: Store, authority: AuthorityActor | str | None) -> str | None:
    """Return the id of the authority's actor, creating it when it is described but absent.

    A string is an actor id or an ISO 3166 alpha-3 code and must exist; a
    described authority is found by id or by any of its names first.
    """
    if authority is None:
        return None
    if isinstance(authority, str):
        actor = get_actor(store, authority) or get_actor(store, authority.upper())
        if actor is None:
            raise InputError(
                f'no actor "{authority}"; give an actor id or an ISO 3166 alpha-3 code such '
                "as USA, or leave it empty",
                field="authority_actor",
            )
        return actor.id
    if get_actor(store, authority.id) is not None:
        return authority.id
    keys = [name_key(n) for n in (authority.name, *authority.aliases)]
    ids = sorted(
        set(
            store.connection.scalars(
                actor_aliases.select()
                .with_only_columns(actor_aliases.c.actor_id)
                .where(actor_aliases.c.alias_key.in_(keys))
            )
        )
    )
    if len(ids) == 1:
        return str(ids[0])
    save_actors(
        store,
        [
            Actor(
                id=authority.id,
                kind=authority.kind,
                name=authority.name,
                aliases=authority.aliases,
                country=authority.country,
                parent_id=authority.parent_id,
            )
        ],
    )
    return authority.id


def _actors(store: Store, read: ReadList) -> list[str]:
    """Save the listed actors and return the actor id of each entry, in order."""
    holders: dict[str, dict[str, str]] = {}
    for scheme in {e.scheme or read.scheme for e in read.entries}:
        references = [e.reference for e in read.entries if e.reference]
        holders[scheme] = _holders(store, scheme, references)
    ids = [
        (holders[e.scheme or read.scheme].get(e.reference or "") if not e.actor_id else None)
        or actor_id_for(read.scheme, e)
        for e in read.entries
    ]
    existing = {a.id: a for a in load_actors(store, set(ids))}
    actors: dict[str, Actor] = {}
    for entry, actor_id in zip(read.entries, ids, strict=True):
        names = [n.name for n in entry.names]
        scheme = entry.scheme or read.scheme
        identifiers = (Identifier(scheme, entry.reference),) if entry.reference else ()
        own = actor_id == actor_id_for(read.scheme, entry) and not entry.actor_id
        base = actors.get(actor_id) or existing.get(actor_id)
        if base is not None and not (own and actor_id not in actors):
            # a linked actor keeps its own name and gains the listed names
            actor = Actor(
                id=base.id,
                kind=base.kind,
                name=base.name,
                aliases=(*base.aliases, *names),
                country=base.country or entry.country,
                parent_id=base.parent_id,
                identifiers=tuple(dict.fromkeys((*base.identifiers, *identifiers))),
            )
        else:
            actor = Actor(
                id=actor_id,
                kind=entry.kind,
                name=entry.name,
                aliases=tuple(names[1:]),
                country=entry.country,
                identifiers=identifiers,
            )
        actors[actor_id] = actor
    # an unchanged actor is not written again: rewriting 15,000 actors row by row
    # took minutes when a list was imported a second time
    changed = [a for a in actors.values() if not _same_actor(a, existing.get(a.id))]
    save_actors(store, changed)
    return ids


def _same_actor(actor: Actor, stored: Actor | None) -> bool:
    """Return whether ``stored`` already holds everything ``actor`` would write."""
    if stored is None:
        return False
    return (
        (actor.kind, actor.name, actor.country, actor.parent_id)
        == (stored.kind, stored.name, stored.country, stored.parent_id)
        and set(actor.aliases) == set(stored.aliases)
        and set(actor.identifiers) == set(stored.identifiers)
    )


def store_list(store: Store, read: ReadList, *, by: str, at: str | None = None) -> ListImportReport:
    """Store a list's document, actors and listings, and return what changed.

    Run it inside one transaction: a failure anywhere leaves the store as it was.
    """
    stamp = at or now()
    source, new_document = add_source(store, read.document)
    default_authority = resolve_authority(store, read.authority_actor)
    actor_ids = _actors(store, read)
    listings: list[Designation] = []
    for entry, actor_id in zip(read.entries, actor_ids, strict=True):
        authority = entry.authority or read.authority
        try:
            authority_id = (
                resolve_authority(store, entry.authority_actor)
                if entry.authority_actor
                else default_authority
            )
        except InputError as exc:
            raise exc.located(path=read.path, line=entry.line) from None
        listings.append(
            make_designation(
                actor_id=actor_id,
                authority=authority,
                reference=entry.reference,
                listed_on=entry.listed_on,
                delisted_on=entry.delisted_on,
                reason=entry.reason,
                source_url=entry.source_url or read.document.url,
                authority_id=authority_id,
                program=entry.program,
                source_id=source.id,
                updated_on=entry.updated_on,
                names=entry.names,
                nationalities=entry.nationalities,
                birth_dates=entry.birth_dates,
                birth_places=entry.birth_places,
                positions=entry.positions,
                gender=entry.gender,
                unparsed=entry.unparsed,
            )
        )
    synced = sync_designations(
        store,
        listings,
        source_id=source.id,
        by=by,
        at=stamp,
        scopes=read.scopes,
        delisted_on=read.list_date,
    )
    record_coverage(
        store,
        read.scopes,
        listings,
        path=read.path,
        source_id=source.id,
        list_date=read.list_date,
        default=(read.authority, default_authority),
        by=by,
    )
    report = ListImportReport(
        path=read.path,
        authority=read.authority,
        source_id=source.id,
        new_document=new_document,
        list_date=read.list_date,
        counts=dict(read.counts),
        skipped=dict(read.skipped),
        added=len(synced.added),
        changed=len(synced.changed),
        delisted=len(synced.delisted),
        relisted=len(synced.relisted),
        unchanged=synced.unchanged,
        actors=len(set(actor_ids)),
        changed_ids=synced.changed,
        delisted_ids=synced.delisted,
    )
    (
        report.added_listings,
        report.changed_listings,
        report.delisted_listings,
        report.relisted_listings,
    ) = named_changes(store, listings, synced)
    return report
