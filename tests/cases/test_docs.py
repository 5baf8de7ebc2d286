"""docs/cases.md documents every field a case folder may hold (datasette's test_docs habit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from forcevet.cases.vocabulary import Condition, Reservation, Task, UnitType, Vocabulary
from forcevet.composition.problem import Constraints, Offer, RegionalMinimum, Requirement, Veto
from forcevet.ingest.scenario import (
    Scenario,
    ScenarioActor,
    ScenarioClaim,
    ScenarioDesignation,
    ScenarioReview,
    ScenarioSource,
)
from forcevet.model.actors import ActorKind
from forcevet.model.sources import SourceKind

DOC = (Path(__file__).parents[2] / "docs" / "cases.md").read_text("utf-8")
MODELS: list[type[BaseModel]] = [
    Scenario,
    ScenarioActor,
    ScenarioSource,
    ScenarioClaim,
    ScenarioDesignation,
    ScenarioReview,
    Vocabulary,
    UnitType,
    Task,
    Condition,
    Reservation,
    Requirement,
    Offer,
    Constraints,
    Veto,
    RegionalMinimum,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_of_a_case_file_is_documented(model: type[BaseModel]) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in DOC]
    assert not missing, f"{model.__name__}: document {missing} in docs/cases.md"


@pytest.mark.parametrize("kind", [*ActorKind, *SourceKind], ids=str)
def test_every_actor_and_source_kind_is_documented(kind: str) -> None:
    assert f"`{kind}`" in DOC
