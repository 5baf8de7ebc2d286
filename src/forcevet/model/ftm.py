"""Actors, claims and designations as FollowTheMoney entities, and back.

An actor keeps its kind in the ``keywords`` property (``forcevet:kind=...``)
and in FtM topics where one fits, so that Aleph and OpenSanctions tools read
the schema while forcevet reads its own kind back without loss.
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import model
from followthemoney.proxy import EntityProxy

from forcevet.errors import InputError
from forcevet.model.actors import Actor, ActorKind, Identifier
from forcevet.model.claims import Claim
from forcevet.model.countries import get_country, load_countries
from forcevet.model.designations import Designation, make_designation
from forcevet.model.sources import Source

KIND_KEYWORD = "forcevet:kind="

# The records file an FtM export writes beside its FtM file: every row of the
# evidence tables, for what FtM has no place for (docs/ftm.md).
RECORDS_FORMAT = "forcevet-records"
RECORDS_VERSION = 1
RECORDS_SUFFIX = ".forcevet.jsonl"


def records_path(ftm_file: Path) -> Path:
    """Return the path of the records file that goes with an FtM file."""
    return ftm_file.with_name(ftm_file.name + RECORDS_SUFFIX)


SCHEMA_BY_KIND = {
    ActorKind.STATE: "PublicBody",
    ActorKind.STATE_BODY: "PublicBody",
    ActorKind.PARTY: "Organization",
    ActorKind.ARMED_GROUP: "Organization",
    ActorKind.IGO: "Organization",
    ActorKind.PERSON: "Person",
    ActorKind.ORGANIZATION: "Organization",
}

TOPIC_BY_KIND = {
    ActorKind.STATE: "gov.national",
    ActorKind.STATE_BODY: "gov",
    ActorKind.PARTY: "pol.party",
    ActorKind.IGO: "gov.igo",
}

# Edge schemata whose meaning maps onto one predicate of the vocabulary.
PREDICATE_BY_EDGE = {"Membership": "member_of", "Representation": "represents"}


def first(entity: EntityProxy, *props: str) -> str | None:
    """Return the first value of the first of ``props`` that has one, or None."""
    for prop in props:
        values = entity.get(prop)
        if values:
            return str(values[0])
    return None


def country_code(alpha_3: str) -> str:
    """Return FtM's country code (lowercase alpha-2) for an alpha-3 code."""
    return load_countries()[alpha_3].alpha_2.lower()


def actor_to_entity(actor: Actor) -> EntityProxy:
    """Return the FtM entity of an actor, with the actor's id as the entity id."""
    entity = model.make_entity(SCHEMA_BY_KIND[actor.kind])
    entity.id = actor.id
    entity.add("name", actor.name)
    entity.add("alias", list(actor.aliases))
    if actor.country:
        entity.add("country", country_code(actor.country))
    if actor.parent_id:
        entity.add("parent", actor.parent_id)
    if actor.kind in TOPIC_BY_KIND:
        entity.add("topics", TOPIC_BY_KIND[actor.kind])
    entity.add("keywords", KIND_KEYWORD + actor.kind.value)
    entity.add("idNumber", [f"{i.scheme}:{i.value}" for i in actor.identifiers])
    return entity


def _kind_of(entity: EntityProxy) -> ActorKind:
    for keyword in entity.get("keywords"):
        if keyword.startswith(KIND_KEYWORD):
            return ActorKind.parse(keyword[len(KIND_KEYWORD) :], field="keywords")
    topics = set(entity.get("topics"))
    if entity.schema.is_a("Person"):
        return ActorKind.PERSON
    if "gov.national" in topics and entity.schema.is_a("PublicBody"):
        return ActorKind.STATE
    if entity.schema.is_a("PublicBody") or "gov" in topics:
        return ActorKind.STATE_BODY
    if "pol.party" in topics:
        return ActorKind.PARTY
    if "gov.igo" in topics:
        return ActorKind.IGO
    return ActorKind.ORGANIZATION


def entity_to_actor(entity: EntityProxy) -> Actor:
    """Return the actor an FtM entity describes, or raise InputError naming the field."""
    names = entity.get("name")
    if not entity.id or not names:
        raise InputError("an actor entity needs an id and a name", field="name")
    countries = []
    for code in entity.get("country"):
        country = get_country(code)
        if country is None:
            raise InputError(f'unknown country code "{code}"', field="country")
        countries.append(country.alpha_3)
    identifiers = []
    for value in entity.get("idNumber"):
        scheme, sep, rest = value.partition(":")
        identifiers.append(Identifier(scheme, rest) if sep else Identifier("id", value))
    kind = _kind_of(entity)
    if kind is ActorKind.STATE and entity.id in load_countries():
        identifiers.append(Identifier("iso3166", entity.id))
    name, *more = names
    aliases = [*more, *entity.get("alias"), *entity.get("weakAlias"), *entity.get("previousName")]
    parents = entity.get("parent")
    return Actor(
        id=entity.id,
        kind=kind,
        name=name,
        aliases=tuple(sorted(dict.fromkeys(a for a in aliases if a != name))),
        country=countries[0] if countries else None,
        parent_id=parents[0] if parents else None,
        identifiers=tuple(sorted(set(identifiers), key=lambda i: (i.scheme, i.value))),
    )


def claim_to_link(claim: Claim, source: Source) -> EntityProxy:
    """Return the FtM UnknownLink of a claim between two actors, its role the predicate."""
    if claim.object_id is None:
        raise ValueError("only a claim between two actors is a link")
    link = model.make_entity("UnknownLink")
    link.id = claim.id
    link.add("subject", claim.subject_id)
    link.add("object", claim.object_id)
    link.add("role", claim.predicate)
    if claim.time is not None:  # FtM dates keep their precision ("2024-01")
        start, slash, end = claim.time.text.partition("/")
        if not slash:
            link.add("date", start)
        else:
            link.add("startDate", None if start in ("", "..") else start)
            link.add("endDate", None if end in ("", "..") else end)
    link.add("summary", claim.quote)
    link.add("description", claim.value)
    link.add("status", claim.polarity.value)
    link.add("proof", source.id)
    return link


def source_to_document(source: Source) -> EntityProxy:
    """Return the FtM Document of a source; kind and grade travel as keywords."""
    document = model.make_entity("Document")
    document.id = source.id
    document.add("title", source.title)
    document.add("publisher", source.publisher)
    document.add("sourceUrl", source.url)
    document.add("publishedAt", source.date)
    document.add("bodyText", source.text or None)
    document.add("contentHash", source.content_hash)
    document.add("summary", source.reliability_note)
    document.add(
        "keywords",
        [
            f"forcevet:source-kind={source.kind.value}",
            f"forcevet:reliability={source.reliability.value}",
        ],
    )
    return document


def document_keywords(document: EntityProxy) -> dict[str, str]:
    """Return the ``forcevet:key=value`` keywords of an entity as a dict."""
    found = {}
    for keyword in document.get("keywords"):
        if keyword.startswith("forcevet:") and "=" in keyword:
            key, _, value = keyword[len("forcevet:") :].partition("=")
            found[key] = value
    return found


def designation_to_sanction(designation: Designation) -> EntityProxy:
    """Return the FtM Sanction entity of a designation."""
    sanction = model.make_entity("Sanction")
    sanction.id = designation.id
    sanction.add("entity", designation.actor_id)
    sanction.add("authority", designation.authority)
    sanction.add("authorityId", designation.reference)
    sanction.add("listingDate", designation.listed_on)
    sanction.add("endDate", designation.delisted_on)
    sanction.add("reason", designation.reason)
    sanction.add("sourceUrl", designation.source_url)
    return sanction


def sanction_to_designation(sanction: EntityProxy) -> Designation:
    """Return the designation an FtM Sanction entity records, or raise InputError."""
    entities = sanction.get("entity")
    if not entities:
        raise InputError("a Sanction needs the entity it lists", field="entity")
    authority = first(sanction, "authority", "publisher") or "unknown authority"
    reference = first(sanction, "unscId", "authorityId", "programId")
    listed = first(sanction, "listingDate", "startDate")
    ended = first(sanction, "endDate")
    return make_designation(
        actor_id=entities[0],
        authority=authority,
        reference=reference,
        listed_on=listed,
        delisted_on=ended,
        reason=first(sanction, "reason"),
        source_url=first(sanction, "sourceUrl"),
    )
