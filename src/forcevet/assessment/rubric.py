"""Rubrics: criteria and indicators as a validated, hashed YAML document.

A rubric names no actor: it speaks of roles (the candidate's state, bodies and
officials; the parties, the group to disarm, the mission, listed groups), and
the scenario says who plays them. The hash of the rubric's text is stored with
every run, so a result can be traced to the exact rubric that produced it.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forcevet.documents import parse_yaml, read_text, require_document, validate
from forcevet.errors import InputError
from forcevet.model.vocabulary import load_predicates

DEFAULT_RUBRIC = "stabilization-force"

# Roles on the candidate's side of a claim, relative to the candidate.
CANDIDATE_ROLES = frozenset({"state", "body", "official"})
# Roles on the other side: computed ones, and those a scenario defines.
COMPUTED_ROLES = frozenset({"listed_group", "any"})


class Rating(StrEnum):
    """Heuer's consistency of a piece of evidence with a hypothesis."""

    CC = "CC"
    C = "C"
    N = "N"
    I = "I"  # noqa: E741  # Heuer's own letter for "inconsistent"
    II = "II"

    @property
    def score(self) -> int:
        """Return the rating as a number: CC 2, C 1, N 0, I -1, II -2."""
        return {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}[self.value]

    def mirrored(self) -> Rating:
        """Return the rating of the opposite evidence (C becomes I, CC becomes II)."""
        return {
            Rating.CC: Rating.II,
            Rating.C: Rating.I,
            Rating.N: Rating.N,
            Rating.I: Rating.C,
            Rating.II: Rating.CC,
        }[self]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(_Strict):
    """Which claims answer an indicator."""

    predicates: list[str]
    subject: list[str] = ["state"]
    object: list[str] = ["any"]
    value_contains: list[str] = []
    # kinds of reservation the case's vocabulary declares, with the words that show them
    reservations: list[str] = []
    within_years: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_side_is_the_candidate(self) -> Match:
        vocabulary = load_predicates()
        unknown = [p for p in self.predicates if p not in vocabulary]
        if unknown:
            raise ValueError(f"unknown predicate {unknown[0]!r}")
        sides = [
            bool(set(self.subject) & CANDIDATE_ROLES),
            bool(set(self.object) & CANDIDATE_ROLES),
        ]
        if sides.count(True) != 1:
            raise ValueError(
                "exactly one of subject and object must name the candidate's "
                "roles (state, body, official)"
            )
        for side in (self.subject, self.object):
            if set(side) & CANDIDATE_ROLES and not set(side) <= CANDIDATE_ROLES:
                raise ValueError("do not mix the candidate's roles with other roles")
        return self

    @property
    def candidate_is_subject(self) -> bool:
        """Return whether the candidate's side of the claim is its subject."""
        return bool(set(self.subject) & CANDIDATE_ROLES)


class Absence(_Strict):
    """What "searched, nothing found" says: a claim of this polarity from the searched source.

    Only a search recorded for the candidate (an imported dataset that covers it,
    or an analyst's recorded search) counts, and only when no claim answers the
    indicator at all.
    """

    polarity: Literal["affirmed", "denied"]
    credibility: int = Field(default=2, ge=1, le=6)


class Indicator(_Strict):
    """One question about a candidate, answered by the claims that match it.

    ``caveat`` marks a stated caveat (a reservation or a condition the candidate
    states openly): it is counted once, as a constraint in composition, and is
    shown and rated in the analysis of competing hypotheses, but it adds nothing
    to the risk score unless the rubric sets ``caveats_as_risk``.
    """

    id: str
    question: str
    match: Match
    risk_if: Literal["affirmed", "denied"]
    weight: float = Field(gt=0)
    prior: float = Field(default=0.5, gt=0, lt=1)
    half_life_years: float | None = Field(default=None, gt=0)
    consistency: dict[str, Rating] = {}
    caveat: bool = False
    absence: Absence | None = None


class Criterion(_Strict):
    """A group of indicators with a weight and the range its weight is sampled in."""

    id: str
    label: str
    weight: float = Field(gt=0)
    weight_range: tuple[float, float] | None = None
    indicators: list[Indicator]

    @model_validator(mode="after")
    def _range_holds_weight(self) -> Criterion:
        low, high = self.bounds
        if not 0 <= low <= self.weight <= high:
            raise ValueError("weight_range must contain the weight")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """Return the range the weight is sampled in (default: half to one and a half times)."""
        return self.weight_range or (self.weight * 0.5, self.weight * 1.5)


class Hypothesis(_Strict):
    """One hypothesis of the analysis of competing hypotheses."""

    id: str
    label: str


class Rubric(_Strict):
    """A whole rubric and the hash of the text it was read from."""

    id: str
    version: int
    title: str
    risk_threshold: float = Field(gt=0, lt=1)
    prior_strength: float = Field(default=1.0, gt=0)
    # A candidate is ranked only if searches cover at least this share of the
    # score's weight (searched and found, or searched and nothing found).
    min_coverage: float = Field(default=0.5, ge=0, le=1)
    # No single independent source may supply more than this share of either side
    # of a candidate's evidence (the prior counting as prior_strength of weight);
    # beyond it its claims are scaled down (evidence.cap_source_shares).
    max_source_share: float = Field(default=0.5, gt=0, le=1)
    # A claim with no date whose source has none either is aged as this old.
    undated_age_years: float = Field(default=5.0, ge=0)
    caveats_as_risk: bool = False
    listing_authorities: list[str] = []
    hypotheses: list[Hypothesis]
    criteria: list[Criterion]
    hash: str = ""

    @model_validator(mode="after")
    def _ids_are_unique_and_ratings_complete(self) -> Rubric:
        ids = [i.id for c in self.criteria for i in c.indicators]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"indicator ids must be unique: {sorted(duplicates)[0]!r}")
        hypotheses = {h.id for h in self.hypotheses}
        for indicator in self.indicators:
            if set(indicator.consistency) != hypotheses:
                raise ValueError(
                    f"indicator {indicator.id!r} must rate every hypothesis "
                    f"({', '.join(sorted(hypotheses))})"
                )
        return self

    @property
    def indicators(self) -> list[Indicator]:
        """Return every indicator, criterion by criterion."""
        return [i for c in self.criteria for i in c.indicators]

    def score_weight(self, indicator: Indicator) -> float:
        """Return the indicator's weight in the risk score: 0 for a caveat, unless counted."""
        return 0.0 if indicator.caveat and not self.caveats_as_risk else indicator.weight

    def score_shares(self) -> dict[str, float]:
        """Return each indicator's share of the score at the nominal weights (they sum to 1)."""
        live = [c for c in self.criteria if sum(self.score_weight(i) for i in c.indicators) > 0]
        total = sum(c.weight for c in live)
        shares = {i.id: 0.0 for i in self.indicators}
        for criterion in live:
            inner = sum(self.score_weight(i) for i in criterion.indicators)
            for i in criterion.indicators:
                shares[i.id] = criterion.weight / total * self.score_weight(i) / inner
        return shares

    def roles(self) -> set[str]:
        """Return the scenario roles the rubric refers to."""
        named = {r for i in self.indicators for r in (*i.match.subject, *i.match.object)}
        return named - CANDIDATE_ROLES - COMPUTED_ROLES


def parse_rubric(text: str, *, path: str) -> Rubric:
    """Return the rubric written in ``text``, or raise InputError naming the field."""
    document = parse_yaml(text, path=path)
    require_document(document, path=path, expected="a rubric: id, name, indicators")
    if not isinstance(document, dict):
        raise InputError("a rubric is a mapping", path=path)
    rubric = validate(Rubric, document, path=path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return rubric.model_copy(update={"hash": digest})


def load_rubric(path: Path | None = None) -> Rubric:
    """Return the rubric in ``path``, or the bundled default rubric."""
    if path is None:
        name = f"{DEFAULT_RUBRIC}.yaml"
        text = resources.files("forcevet.data").joinpath("rubrics", name).read_text("utf-8")
        return parse_rubric(text, path=name)
    return parse_rubric(read_text(path), path=str(path))
