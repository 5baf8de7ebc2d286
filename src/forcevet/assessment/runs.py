"""Stored assessment runs: inputs and result, so a run can be shown again identically.

A run also carries who ran it (``created_by``) and appended notes: sign-offs, one
per person, and dissents, each with its text, so a disagreement stays beside the
judgment it disputes instead of being lost (ICD 203 asks for differing views to
be stated).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from forcevet.errors import InputError, NotFoundError
from forcevet.model.ids import key_prefix_pattern
from forcevet.store.store import Store, now
from forcevet.store.tables import assessment_runs
from forcevet.store.tables import run_notes as run_notes_table


class NoteKind(StrEnum):
    """What a note on a run says."""

    SIGN_OFF = "sign_off"
    DISSENT = "dissent"


@dataclass(frozen=True)
class RunNote:
    """One sign-off or dissent on one run."""

    run_id: str
    kind: NoteKind
    text: str
    recorded_by: str
    recorded_at: str

    def to_dict(self) -> dict[str, str]:
        """Return the JSON record of the note."""
        return {
            "kind": self.kind.value,
            "text": self.text,
            "by": self.recorded_by,
            "at": self.recorded_at,
        }


def note_words(note: dict[str, Any]) -> str:
    """Return a run note's JSON record in words, as reports and summaries print it."""
    day = str(note["at"])[:10]
    if note["kind"] == NoteKind.SIGN_OFF.value:
        return f"Signed off by {note['by']} on {day}"
    return f"Dissent ({note['by']}, {day}): {note['text']}"


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
        pattern = key_prefix_pattern(run_id)
        if pattern is None:
            return None
        query = query.where(assessment_runs.c.id.like(pattern)).limit(2)
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


def latest_plain_run(store: Store, case_id: str) -> dict[str, Any]:
    """Return the case's newest plain run, or raise NotFoundError.

    A run is plain when its params say ``plain: true``: it covers all the case's
    candidates, leaves out no source and is as of the case's assessment day. A
    what-if (``--without-source``) is never picked here, however new; runs stored
    before runs said whether they were plain count as not plain.
    """
    t = assessment_runs.c
    query = select(t.id, t.params).order_by(t.created_at.desc(), t.id.desc())
    for row in store.connection.execute(query):
        params = json.loads(row.params)
        if params.get("scenario") == case_id and params.get("plain") is True:
            return require_run(store, row.id)
    raise NotFoundError(
        f"no plain run of case {case_id}; run `forcevet assess --case {case_id}`", field="run"
    )


def pick_run(store: Store, case_id: str, run_id: str | None = None) -> dict[str, Any]:
    """Return the run a command should use: ``run_id`` (id or unique prefix) when given,
    else the case's latest plain run; never simply the newest run."""
    return require_run(store, run_id) if run_id else latest_plain_run(store, case_id)


def run_label(result: dict[str, Any]) -> str:
    """Return one line naming a run: its id, case, as-of day, and plain or what-if, e.g.
    "run-0d0580c2455a of case gaza-isf, as of 2026-03-01, plain".

    Every command that uses a run prints it, so that a figure can be traced to its run.
    """
    run = result["run"]
    params = run["params"]
    case = params.get("scenario") or "none"
    return f"{run['id']} of case {case}, as of {params.get('as_of')}, {run_kind(params)}"


def run_kind(params: dict[str, Any]) -> str:
    """Return what kind of run its params make: "plain", "what-if without src-...", or
    "not plain (...)" for a run of other candidates, day or rubric."""
    left_out = list(params.get("without_sources") or [])
    if params.get("plain") is True:
        kind = "plain"
    elif left_out:
        kind = "what-if without " + ", ".join(left_out)
    else:
        kind = "not plain (its own candidates, as-of day or rubric)"
    if params.get("two_person"):
        kind += ", two-person review only"
    return kind


def list_runs(store: Store) -> list[dict[str, Any]]:
    """Return every stored run's id, date, author, rubric, case, kind (``run_kind``) and
    notes, newest first."""
    query = select(
        assessment_runs.c.id,
        assessment_runs.c.created_at,
        assessment_runs.c.created_by,
        assessment_runs.c.rubric_id,
        assessment_runs.c.params,
    ).order_by(assessment_runs.c.created_at.desc(), assessment_runs.c.id.desc())
    notes: dict[str, list[dict[str, str]]] = {}
    for row in store.connection.execute(
        select(run_notes_table).order_by(run_notes_table.c.recorded_at, run_notes_table.c.id)
    ):
        notes.setdefault(row.run_id, []).append(_note(row).to_dict())
    runs = []
    for row in store.connection.execute(query):
        record = dict(row._mapping)
        params = json.loads(record.pop("params"))
        runs.append(
            record
            | {"case": params.get("scenario"), "kind": run_kind(params)}
            | {"notes": notes.get(row.id, [])}
        )
    return runs


def run_risks(result: dict[str, Any]) -> dict[str, float]:
    """Return each candidate's mean risk score in a run, by id: the composition's risks."""
    return {c["id"]: float(c["score"]["mean"]) for c in result["candidates"]}


def run_notes(store: Store, run_id: str) -> list[RunNote]:
    """Return a run's sign-offs and dissents, oldest first."""
    t = run_notes_table.c
    query = select(run_notes_table).where(t.run_id == run_id).order_by(t.recorded_at, t.id)
    return [_note(row) for row in store.connection.execute(query)]


def _note(row: Any) -> RunNote:
    return RunNote(row.run_id, NoteKind(row.kind), row.text, row.recorded_by, row.recorded_at)


def add_run_note(
    store: Store, run_id: str, kind: NoteKind, *, by: str, text: str = "", at: str | None = None
) -> RunNote:
    """Append a sign-off or a dissent to a stored run (id or unique prefix) and return it.

    A dissent needs its text; a person signs a run off once.
    """
    run = require_run(store, run_id)["run"]["id"]
    text = text.strip()
    if not by.strip():
        raise InputError("name who writes the note", field="by")
    if kind is NoteKind.DISSENT and not text:
        raise InputError("a dissent needs its text: say what you disagree with", field="dissent")
    if kind is NoteKind.SIGN_OFF and any(
        n.kind is NoteKind.SIGN_OFF and n.recorded_by == by for n in run_notes(store, run)
    ):
        raise InputError(f"{by} has already signed off run {run}", field="sign_off")
    note = RunNote(run, kind, text, by, at or now())
    store.connection.execute(
        run_notes_table.insert().values(
            run_id=note.run_id,
            kind=note.kind.value,
            text=note.text,
            recorded_by=note.recorded_by,
            recorded_at=note.recorded_at,
        )
    )
    return note


def run_with_notes(store: Store, run_id: str | None = None) -> dict[str, Any]:
    """Return a stored run (the latest if no id is given) with its ``notes`` added."""
    result = require_run(store, run_id)
    return result | {"notes": [n.to_dict() for n in run_notes(store, result["run"]["id"])]}


def store_run(store: Store, result: dict[str, Any], *, sign_off: bool = False) -> dict[str, Any]:
    """Store a run (unless stored already), sign it off for its runner if asked, and
    return it with its notes.

    The same inputs give the same run id, so a run may be stored already; its
    runner's sign-off is then added unless it is there.
    """
    save_run(store, result)
    run = result["run"]
    if sign_off and not any(
        n.kind is NoteKind.SIGN_OFF and n.recorded_by == run["created_by"]
        for n in run_notes(store, run["id"])
    ):
        add_run_note(store, run["id"], NoteKind.SIGN_OFF, by=run["created_by"])
    return result | {"notes": [n.to_dict() for n in run_notes(store, run["id"])]}


def note_kind(*, dissent: str | None, sign_off: bool) -> tuple[NoteKind, str]:
    """Return the kind and text of a note given as `run note` options, or raise InputError."""
    if sign_off and dissent is not None:
        raise InputError("give --sign-off or --dissent TEXT, not both", field="note")
    if dissent is not None:
        return NoteKind.DISSENT, dissent
    if sign_off:
        return NoteKind.SIGN_OFF, ""
    raise InputError("say what the note is: --sign-off or --dissent TEXT", field="note")
