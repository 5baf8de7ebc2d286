"""Bundled scenarios: actors, sources and claims written as one YAML file.

A scenario is validated whole (unknown keys, predicates, grades, dates and
actors are errors naming the record and field) before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from forcevet.documents import parse_yaml, validate
from forcevet.errors import InputError
from forcevet.model.actors import Actor, ActorKind
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

SCENARIOS = "cases"


def _text(value: Any) -> Any:
    """YAML reads 2024-12-08 as a date and 2025 as a number: keep both as text."""
    if isinstance(value, dt.date | int):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioActor(_Strict):
    id: str
    kind: str
    name: str
    aliases: list[str] = []
    country: str | None = None
    parent: str | None = None


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

    _date = field_validator("date", mode="before")(_text)


class Scenario(_Strict):
    """A whole scenario file; ``as_of`` is the day its evidence was compiled.

    Its claims count in assessments as accepted claims only when ``review``
    names who reviewed them; without it they are loaded as proposed.
    """

    id: str
    title: str
    summary: str
    candidates: list[str]
    as_of: str | None = None
    roles: dict[str, list[str]] = {}
    designations: list[ScenarioDesignation] = []
    actors: list[ScenarioActor] = []
    sources: list[ScenarioSource] = []
    claims: list[ScenarioClaim] = []
    review: ScenarioReview | None = None

    _as_of = field_validator("as_of", mode="before")(_text)


@dataclass(frozen=True)
class ScenarioReport:
    """What loading a scenario stored."""

    scenario: Scenario
    actors: int
    sources: int
    claims: int
    source_ids: dict[str, str] = field(default_factory=dict)  # scenario's id -> stored id


def read_scenario(path: Path | None = None, name: str = "gaza-isf") -> Scenario:
    """Return a scenario read from ``path``, or the bundled one called ``name``."""
    if path is None:
        resource = resources.files("forcevet.data").joinpath(SCENARIOS, name, "scenario.yaml")
        label, text = f"{name}.yaml", resource.read_text("utf-8")
    else:
        if not path.is_file():
            raise InputError("no such file", path=str(path))
        label, text = str(path), path.read_text("utf-8")
    scenario = validate(Scenario, parse_yaml(text, path=label), path=label)
    for index, code in enumerate(scenario.candidates):
        try:
            scenario.candidates[index] = require_country(code)
        except InputError as exc:
            raise InputError(exc.message, path=label, field=f"candidates.{index}") from None
    return scenario


def bundled_scenarios() -> list[str]:
    """Return the names of the scenarios that ship with forcevet."""
    folder = resources.files("forcevet.data").joinpath(SCENARIOS)
    return sorted(p.name for p in folder.iterdir() if p.joinpath("scenario.yaml").is_file())


def find_scenario(reference: str) -> Scenario:
    """Return the scenario a file path or a bundled scenario's name refers to."""
    path = Path(reference)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return read_scenario(path)
    if reference not in bundled_scenarios():
        choices = ", ".join(bundled_scenarios())
        raise InputError(
            f'no scenario "{reference}"; give a YAML file or one of: {choices}', field="scenario"
        )
    return read_scenario(name=reference)


def load_scenario(store: Store, scenario: Scenario, *, by: str) -> ScenarioReport:
    """Store a scenario's actors, sources and claims; return the counts stored."""
    label = f"scenario {scenario.id}"
    actors = []
    for index, entry in enumerate(scenario.actors):
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
            raise InputError(exc.message, path=label, field=f"actors.{index}.{exc.field}") from None
    save_actors(store, actors)
    source_ids: dict[str, str] = {}
    for index, item in enumerate(scenario.sources):
        try:
            source, _ = add_source(
                store,
                make_source(
                    title=item.title,
                    publisher=item.publisher,
                    url=item.url,
                    date=item.date,
                    kind=item.kind,
                    reliability=item.reliability,
                    reliability_note=item.reliability_note,
                    text=item.text,
                    graded_by=by,
                    added_at=now(),
                ),
            )
        except InputError as exc:
            raise InputError(
                exc.message, path=label, field=f"sources.{index}.{exc.field}"
            ) from None
        source_ids[item.id] = source.id
    for index, claim in enumerate(scenario.claims):
        if claim.source not in source_ids:
            raise InputError(
                f'no source "{claim.source}" in the scenario',
                path=label,
                field=f"claims.{index}.source",
            )
        try:
            record_claim(
                store,
                ClaimCreate(
                    source=source_ids[claim.source],
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
                    status="accepted" if scenario.review else "proposed",
                    extracted_by=f"scenario:{scenario.id}",
                    reviewed_by=scenario.review.by if scenario.review else None,
                    reviewed_at=scenario.review.date if scenario.review else None,
                ),
                by=by,
            )
        except InputError as exc:
            raise InputError(exc.message, path=label, field=f"claims.{index}.{exc.field}") from None
    designations = []
    for index, listing in enumerate(scenario.designations):
        try:
            actor = resolve_actor(store, listing.actor, field="actor")
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
            raise InputError(
                exc.message, path=label, field=f"designations.{index}.{exc.field}"
            ) from None
    save_designations(store, designations)
    for role, members in scenario.roles.items():
        for index, member in enumerate(members):
            try:
                resolve_actor(store, member, field="actor")
            except InputError as exc:
                raise InputError(exc.message, path=label, field=f"roles.{role}.{index}") from None
    return ScenarioReport(scenario, len(actors), len(source_ids), len(scenario.claims), source_ids)
