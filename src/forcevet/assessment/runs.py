"""Stored assessment runs: inputs and result, so a run can be shown again identically."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from forcevet.errors import NotFoundError
from forcevet.store.store import Store
from forcevet.store.tables import assessment_runs


def save_run(store: Store, result: dict[str, Any]) -> bool:
    """Store a run's result unless a run with the same id exists; return whether it was new."""
    run = result["run"]
    exists = store.connection.execute(
        select(assessment_runs.c.id).where(assessment_runs.c.id == run["id"])
    ).first()
    if exists:
        return False
    store.connection.execute(
        assessment_runs.insert().values(
            id=run["id"],
            created_at=run["created_at"],
            created_by=run["created_by"],
            rubric_id=run["rubric"]["id"],
            rubric_hash=run["rubric"]["hash"],
            params=json.dumps(run["params"], sort_keys=True),
            result=json.dumps(result, sort_keys=True),
        )
    )
    return True


def get_run(store: Store, run_id: str | None = None) -> dict[str, Any] | None:
    """Return a stored run's result by id or unique prefix, or the latest run, or None."""
    query = select(assessment_runs.c.result)
    if run_id:
        query = query.where(assessment_runs.c.id.like(f"{run_id}%")).limit(2)
    else:
        query = query.order_by(
            assessment_runs.c.created_at.desc(), assessment_runs.c.id.desc()
        ).limit(1)
    rows = store.connection.execute(query).all()
    if len(rows) != 1:
        return None
    result: dict[str, Any] = json.loads(rows[0][0])
    return result


def require_run(store: Store, run_id: str | None = None) -> dict[str, Any]:
    """Return a stored run (the latest if no id is given), or raise NotFoundError."""
    result = get_run(store, run_id)
    if result is None:
        if run_id:
            raise NotFoundError(f'no assessment run "{run_id}"', field="run")
        raise NotFoundError("no assessment run yet; run `forcevet assess` first", field="run")
    return result


def list_runs(store: Store) -> list[dict[str, str]]:
    """Return every stored run's id, date, author and rubric, newest first."""
    query = select(
        assessment_runs.c.id,
        assessment_runs.c.created_at,
        assessment_runs.c.created_by,
        assessment_runs.c.rubric_id,
    ).order_by(assessment_runs.c.created_at.desc())
    return [dict(row._mapping) for row in store.connection.execute(query)]


def run_risks(result: dict[str, Any]) -> dict[str, float]:
    """Return each candidate's mean risk score in a run, by id: the composition's risks."""
    return {c["id"]: float(c["score"]["mean"]) for c in result["candidates"]}
