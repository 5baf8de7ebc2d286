"""Default grades for new sources, from data/source_grading.yaml: by kind, then publisher."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from forcevet.model.grades import Credibility, Reliability
from forcevet.model.ids import name_key
from forcevet.model.sources import SourceKind


@dataclass(frozen=True)
class Grade:
    """The grade a new source gets, the credibility its claims start from, and why."""

    reliability: Reliability
    credibility: Credibility
    why: str


@cache
def _table() -> dict[str, Any]:
    text = resources.files("forcevet.data").joinpath("source_grading.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def grade_source(kind: SourceKind, publisher: str | None, reliability: str | None = None) -> Grade:
    """Return the default grade for a source of this kind and publisher, or the one given."""
    table = _table()
    by_kind = table["kinds"][kind.value]
    credibility = Credibility(int(by_kind["credibility"]))
    if reliability:
        return Grade(Reliability.parse(reliability), credibility, "set at ingest")
    publishers = {name_key(k): v for k, v in table.get("publishers", {}).items()}
    entry = publishers.get(name_key(publisher or ""))
    if entry is not None:
        return Grade(Reliability(entry["reliability"]), credibility, f"{publisher}: {entry['why']}")
    return Grade(
        Reliability(by_kind["reliability"]),
        credibility,
        f"default for {kind.value.replace('_', ' ')} (data/source_grading.yaml)",
    )
