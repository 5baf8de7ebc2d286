"""A case's scenario file: candidates, roles, actors, sources and claims as one YAML file.

A scenario is validated whole (unknown keys, predicates, grades, dates and
actors are errors naming the record and field) before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forcevet.documents import parse_yaml, read_text, require_document, validate_all
from forcevet.errors import InputError, InputErrors
from forcevet.model.actors import Actor, ActorKind, require_actor_id
from forcevet.model.claims import ClaimCreate
from forcevet.model.countries import require_country
from forcevet.model.dates import parse_day
from forcevet.model.designations import make_designation
from forcevet.model.sources import make_source
from forcevet.store.actors import resolve_actor, save_actors
from forcevet.store.claims import record_claim
from forcevet.store.designations import save_designations
from forcevet.store.sources import add_source
from forcevet.store.store import Store, now


def _text(value: Any) -> Any:
    """YAML reads 2024-12-08 as a date and 2025 as a number: keep both as text."""
    if isinstance(value, dt.date | int):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def _day(value: Any) -> Any:
    """Check a day written as YYYY-MM-DD against the calendar (2026-02-30 is refused)."""
    if value is None:
        return None
    try:
        return parse_day(_text(value), field="date")
    except InputError as exc:
        raise ValueError(exc.message) from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _actor_id(value: Any) -> Any:
    """Check an actor id against the documented syntax (model.actors.ACTOR_ID)."""
    if value is None:
        return None
    try:
        return require_actor_id(value)
    except InputError as exc:
        raise ValueError(exc.message) from None


class ScenarioActor(_Strict):
    id: str
    kind: str
    name: str
    aliases: list[str] = []
    country: str | None = None
    parent: str | None = None

    _ids = field_validator("id", "parent", mode="before")(_actor_id)


class ScenarioSource(_Strict):
    id: str
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None
    kind: str
    reliability: str
    reliability_note: str | None = None
    text: str = ""

    _dates = field_validator("date", mode="before")(_text)


class ScenarioClaim(_Strict):
    source: str
    subject: str
    predicate: str
    object: str | None = None
    value: str | None = None
    date: str | None = None
    place: str | None = None
    polarity: str = "affirms"
    reported_by: str | None = None
    quote: str
    paraphrase: bool = False
    credibility: int | str

    _dates = field_validator("date", "value", mode="before")(_text)


class ScenarioDesignation(_Strict):
    actor: str
    authority: str
    reference: str | None = None
    listed_on: str | None = None
    delisted_on: str | None = None
    reason: str | None = None
    source_url: str | None = None

    _dates = field_validator("listed_on", "delisted_on", mode="before")(_text)


class ScenarioReview(_Strict):
    """Who reviewed a scenario's claims, and when: they enter the store as reviewed by them."""

    by: str
    date: str
    note: str | None = None

    _date = field_validator("date", mode="before")(_day)


class ScenarioEvidence(_Strict):
    """Actors, sources, claims and listings: in a scenario file or in one of its evidence files."""

    designations: list[ScenarioDesignation] = []
    actors: list[ScenarioActor] = []
    sources: list[ScenarioSource] = []
    claims: list[ScenarioClaim] = []


class Scenario(ScenarioEvidence):
    """A whole scenario file; ``as_of`` is the day the case is assessed as of by default.

    Its claims count in assessments as accepted claims only when ``review``
    names who reviewed them; without it they are loaded as proposed. ``rubric``
    names a bundled rubric or a rubric file beside the scenario; ``evidence``
    lists more files of actors, sources, claims and listings beside it.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    title: str
    summary: str
    candidates: list[str]
    as_of: str | None = None
    roles: dict[str, list[str]] = {}
    rubric: str | None = None
    evidence: list[str] = []
    review: ScenarioReview | None = None

    _as_of = field_validator("as_of", mode="before")(_day)

    @field_validator("rubric", "evidence")
    @classmethod
    def _beside_the_scenario(cls, value: Any) -> Any:
        """A file the scenario names lies in its folder: no absolute path, no ``..``."""
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and (
                name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/")
            ):
                raise ValueError(f'"{name}" is not a file in the case folder; name one beside it')
        return value

    def merged(self, more: ScenarioEvidence) -> Scenario:
        """Return the scenario with the records of an evidence file added after its own."""
        return self.model_copy(
            update={
                name: [*getattr(self, name), *getattr(more, name)]
                for name in ("designations", "actors", "sources", "claims")
            }
        )


@dataclass(frozen=True)
class ScenarioReport:
    """What loading a scenario stored."""

    scenario: Scenario
    actors: int
    sources: int
    claims: int
    source_ids: dict[str, str] = field(default_factory=dict)  # scenario's id -> stored id


def parse_scenario(text: str, *, path: str) -> tuple[Scenario | None, list[InputError]]:
    """Return the scenario in ``text`` and no errors, or None and every error found."""
    try:
        document = require_document(
            parse_yaml(text, path=path), path=path, expected="a scenario: id, title, candidates"
        )
    except InputError as exc:
        return None, [exc]
    scenario, errors = validate_all(Scenario, document, path=path)
    if scenario is None:
        return None, errors
    for index, code in enumerate(scenario.candidates):
        try:
            scenario.candidates[index] = require_country(code)
        except InputError as exc:
            errors.append(InputError(exc.message, path=path, field=f"candidates.{index}"))
    return (scenario if not errors else None), errors


def parse_evidence(text: str, *, path: str) -> tuple[ScenarioEvidence | None, list[InputError]]:
    """Return the actors, sources, claims and listings of an evidence file, or every error."""
    try:
        document = require_document(
            parse_yaml(text, path=path),
            path=path,
            expected="any of actors, sources, claims, designations",
        )
    except InputError as exc:
        return None, [exc]
    return validate_all(ScenarioEvidence, document, path=path)


def read_scenario(path: Path) -> Scenario:
    """Return the scenario in the YAML file ``path`` (a case folder's is read by cases/)."""
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    label = str(path)
    scenario, errors = parse_scenario(read_text(path), path=label)
    if scenario is None:
        raise errors[0] if len(errors) == 1 else InputErrors(errors, what=label)
    return scenario


def load_scenario(store: Store, scenario: Scenario, *, by: str) -> ScenarioReport:
    """Store a scenario's actors, sources and claims; return the counts stored.

    Every record is tried, so that one call reports every bad one (InputErrors,
    each naming its record and field); the caller's transaction then stores nothing.
    """
    loader = _Loader(store, scenario, by=by)
    loader.load()
    if len(loader.errors) == 1:
        raise loader.errors[0]
    if loader.errors:
        raise InputErrors(loader.errors, what=f"scenario {scenario.id}")
    return ScenarioReport(
        scenario,
        len(scenario.actors),
        len(loader.source_ids),
        len(scenario.claims),
        loader.source_ids,
    )


class _Loader:
    """Stores a scenario record by record and keeps every error, located."""

    def __init__(self, store: Store, scenario: Scenario, *, by: str) -> None:
        self.store, self.scenario, self.by = store, scenario, by
        self.label = f"scenario {scenario.id}"
        self.errors: list[InputError] = []
        self.source_ids: dict[str, str] = {}

    def _error(self, exc: InputError, where: str) -> None:
        field = f"{where}.{exc.field}" if exc.field else where
        self.errors.append(InputError(exc.message, path=self.label, field=field))

    def load(self) -> None:
        self._actors()
        self._sources()
        self._claims()
        self._designations()
        self._roles()

    def _actors(self) -> None:
        actors = []
        for index, entry in enumerate(self.scenario.actors):
            try:
                actors.append(
                    Actor(
                        id=entry.id,
                        kind=ActorKind.parse(entry.kind),
                        name=entry.name,
                        aliases=tuple(entry.aliases),
                        country=require_country(entry.country) if entry.country else None,
                        parent_id=entry.parent,
                    )
                )
            except InputError as exc:
                self._error(exc, f"actors.{index}")
        save_actors(self.store, actors)  # the valid ones, so claims on them are checked too

    def _sources(self) -> None:
        for index, item in enumerate(self.scenario.sources):
            try:
                source, _ = add_source(
                    self.store,
                    make_source(
                        title=item.title,
                        publisher=item.publisher,
                        url=item.url,
                        date=item.date,
                        kind=item.kind,
                        reliability=item.reliability,
                        reliability_note=item.reliability_note,
                        text=item.text,
                        graded_by=self.by,
                        added_at=now(),
                    ),
                )
            except InputError as exc:
                self._error(exc, f"sources.{index}")
                continue
            self.source_ids[item.id] = source.id

    def _claims(self) -> None:
        scenario, review = self.scenario, self.scenario.review
        known = {item.id for item in scenario.sources}
        for index, claim in enumerate(scenario.claims):
            if claim.source not in self.source_ids:
                if claim.source not in known:
                    self.errors.append(
                        InputError(
                            f'no source "{claim.source}" in the scenario',
                            path=self.label,
                            field=f"claims.{index}.source",
                        )
                    )
                continue
            try:
                record_claim(
                    self.store,
                    ClaimCreate(
                        source=self.source_ids[claim.source],
                        subject=claim.subject,
                        predicate=claim.predicate,
                        object=claim.object,
                        value=claim.value,
                        date=claim.date,
                        place=claim.place,
                        polarity=claim.polarity,
                        quote=claim.quote,
                        paraphrase=claim.paraphrase,
                        credibility=claim.credibility,
                        reported_by=claim.reported_by,
                        status="accepted" if review else "proposed",
                        extracted_by=f"scenario:{scenario.id}",
                        reviewed_by=review.by if review else None,
                        reviewed_at=review.date if review else None,
                    ),
                    by=self.by,
                )
            except InputError as exc:
                self._error(exc, f"claims.{index}")

    def _designations(self) -> None:
        designations = []
        for index, listing in enumerate(self.scenario.designations):
            try:
                actor = resolve_actor(self.store, listing.actor, field="actor")
                designations.append(
                    make_designation(
                        actor_id=actor.id,
                        authority=listing.authority,
                        reference=listing.reference,
                        listed_on=parse_day(listing.listed_on, field="listed_on")
                        if listing.listed_on
                        else None,
                        delisted_on=parse_day(listing.delisted_on, field="delisted_on")
                        if listing.delisted_on
                        else None,
                        reason=listing.reason,
                        source_url=listing.source_url,
                    )
                )
            except InputError as exc:
                self._error(exc, f"designations.{index}")
        save_designations(self.store, designations)

    def _roles(self) -> None:
        for role, members in self.scenario.roles.items():
            for index, member in enumerate(members):
                try:
                    resolve_actor(self.store, member, field="actor")
                except InputError as exc:
                    self.errors.append(
                        InputError(exc.message, path=self.label, field=f"roles.{role}.{index}")
                    )
