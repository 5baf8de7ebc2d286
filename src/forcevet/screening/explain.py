"""Explanations of screening matches: which names met, how, and after which normalisation.

logic-v2 explains each feature it scored (yente's ``explanations``): for the
names, the two names it compared and each part's alignment, such as
``['محمد'≈'mohammad' symbolMatch [NAME:Q19729917]: 0.90, weight 1.00]``.
An Explanation keeps those features and adds what forcevet's own layer did.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from forcevet.screening.names import FOLDS, fold_letters

if TYPE_CHECKING:
    from nomenklatura.matching.types import MatchingResult

# The features that decide a match, in the order an explanation names them.
MAIN_FEATURES = ("name_match", "weak_alias_match", "identifier_match")


def describe_features(result: MatchingResult) -> dict[str, dict[str, Any]]:
    """Return logic-v2's explanations as plain JSON: score, detail and the names compared."""
    return {
        name: {
            "score": round(feature.score, 4),
            "detail": feature.detail,
            "query": feature.query,
            "candidate": feature.candidate,
        }
        for name, feature in result.explanations.items()
    }


@dataclass(frozen=True)
class Explanation:
    """Why a query matched a listing: the score, the method, the names, the features."""

    score: float
    method: str
    text: str
    query_name: str | None = None
    listed_name: str | None = None
    features: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    quality: str = "good"

    @classmethod
    def of_logic(
        cls, result: MatchingResult, method: str, *, extra: str | None = None
    ) -> Explanation:
        """Return the explanation of a logic-v2 result: the deciding feature's names and
        detail, then any qualifier that moved the score (other country, birth dates)."""
        features = describe_features(result)
        deciding = max(
            (f for f in MAIN_FEATURES if f in features),
            key=lambda f: features[f]["score"],
            default=None,
        )
        parts = [extra] if extra else []
        query_name = listed_name = None
        if deciding is not None:
            feature = features[deciding]
            query_name, listed_name = feature["query"], feature["candidate"]
            if query_name and listed_name:
                parts.append(f"'{query_name}' ≈ '{listed_name}'")
            if feature["detail"]:
                parts.append(str(feature["detail"]))
        for name, feature in features.items():
            if name not in MAIN_FEATURES and feature["score"] > 0 and feature["detail"]:
                parts.append(f"{name}: {feature['detail']}")
        return cls(
            score=result.score,
            method=method,
            text="; ".join(parts) or "no name match",
            query_name=query_name,
            listed_name=listed_name,
            features=features,
        )

    def with_context(self, **changes: Any) -> Explanation:
        """Return the explanation with fields replaced (score, names, notes, quality)."""
        return dataclasses.replace(self, **changes)


def fold_note(names: tuple[str, ...], matched: str | None) -> tuple[str, ...]:
    """Return a note saying which Urdu or Persian letters were folded, if the name that
    matched is the folded form of one of the query's names."""
    folded_from = [n for n in names if n != matched and fold_letters(n) == matched]
    if matched is None or not folded_from:
        return ()
    letters = sorted({c for c in folded_from[0] if c in FOLDS})
    folded = ", ".join(f"{c}→{FOLDS[c]}" for c in letters)
    return (f"Urdu/Persian letters folded to Arabic before matching: {folded}",)
