"""Explanations: a run's numbers down to the quotes and sources behind them."""

from __future__ import annotations

from typing import Any

from forcevet.errors import InputError, NotFoundError
from forcevet.model.sources import Source
from forcevet.reports.json import claim_record, source_record
from forcevet.store.actors import load_actors
from forcevet.store.claims import get_revisions
from forcevet.store.sources import get_sources
from forcevet.store.store import Store


def explain_candidate(
    store: Store, result: dict[str, Any], candidate: str, indicator: str | None = None
) -> dict[str, Any]:
    """Return a candidate's record from a run with every evidence item's claim and source.

    With ``indicator``, only that indicator's criterion and the indicator itself
    are kept. Claims are shown at the revision the run used.
    """
    record = next((c for c in result["candidates"] if c["id"] == candidate), None)
    if record is None:
        listed = ", ".join(c["id"] for c in result["candidates"])
        raise NotFoundError(
            f'"{candidate}" is not a candidate of run {result["run"]["id"]} ({listed})',
            field="candidate",
        )
    criteria = record["criteria"]
    if indicator is not None:
        criteria = [
            {**c, "indicators": [i for i in c["indicators"] if i["id"] == indicator]}
            for c in criteria
        ]
        criteria = [c for c in criteria if c["indicators"]]
        if not criteria:
            known = ", ".join(i["id"] for c in record["criteria"] for i in c["indicators"])
            raise InputError(
                f'unknown indicator "{indicator}"; use one of: {known}', field="indicator"
            )
    keys = [
        (e["claim_id"], e["revision"])
        for c in criteria
        for i in c["indicators"]
        for e in i["evidence"]
    ]
    claims = get_revisions(store, keys)
    actor_ids = {
        a
        for claim in claims.values()
        for a in (claim.subject_id, claim.object_id, claim.reported_by_id)
        if a
    }
    names = {a.id: a.name for a in load_actors(store, actor_ids)}
    # only the sources cited: a store may hold thousands, each with its full text
    sources = get_sources(
        store,
        [e["source_id"] for c in criteria for i in c["indicators"] for e in i["evidence"]]
        + [claim.source_id for claim in claims.values()],
    )
    explained = []
    for criterion in criteria:
        indicators = []
        for item in criterion["indicators"]:
            evidence = []
            for e in item["evidence"]:
                claim = claims.get((e["claim_id"], e["revision"]))
                if e.get("absence"):
                    detail = _absence_record(e, sources)
                elif claim:
                    detail = claim_record(claim, names, sources.get(claim.source_id))
                else:
                    detail = {"missing": "this claim revision is no longer stored"}
                evidence.append({**e, "claim": detail})
            indicators.append({**item, "evidence": evidence})
        explained.append({**criterion, "indicators": indicators})
    return {
        **record,
        "criteria": explained,
        "run": result["run"]["id"],
        "threshold": result["threshold"],
    }


def _absence_record(item: dict[str, Any], sources: dict[str, Source]) -> dict[str, Any]:
    """Return "searched, nothing found" as an explanation reads it: what was searched, where."""
    source = sources.get(item["source_id"])
    where = f"{source.publisher}: {source.title}" if source else item["source_id"]
    return {
        "absence": True,
        "coverage_id": item["claim_id"],
        "quote": f"searched, nothing found in {where}",
        "paraphrase": True,
        "source": source_record(source) if source else None,
    }
