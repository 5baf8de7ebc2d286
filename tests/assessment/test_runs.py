"""Run notes: sign-offs and dissents appended to a stored run, and read back with it.

Runs here are minimal stored results (no assessment is computed), what the notes
need being a row in assessment_runs, except for the report, which renders a run
of the hand-made evidence base of conftest.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from forcevet.assessment.engine import assess
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.runs import (
    NoteKind,
    add_run_note,
    list_runs,
    note_kind,
    note_words,
    run_notes,
    run_with_notes,
    save_run,
    store_run,
)
from forcevet.errors import InputError, NotFoundError
from forcevet.reports.assessment import build_assessment_section
from forcevet.reports.evidence import build_evidence
from forcevet.reports.render import render_html, render_markdown
from forcevet.store.store import Store
from tests.assessment.conftest import params
from tests.conftest import snapshot


def result(run_id: str = "run-0123456789", by: str = "alice") -> dict[str, Any]:
    """Return the smallest result save_run stores."""
    return {
        "run": {
            "id": run_id,
            "created_at": "2026-03-01T10:00:00+00:00",
            "created_by": by,
            "rubric": {"id": "small", "hash": "abc"},
            "params": {"seed": 0},
        },
        "candidates": [],
    }


def test_notes_round_trip_in_order_with_the_run(store: Store) -> None:
    with store.transaction():
        save_run(store, result())
        add_run_note(store, "run-0123", NoteKind.SIGN_OFF, by="alice", at="2026-03-02T09:00:00")
        add_run_note(
            store,
            "run-0123456789",
            NoteKind.DISSENT,
            by="bob",
            text="  PAK rests on one opinion piece ",
            at="2026-03-03T09:00:00",
        )
    notes = run_notes(store, "run-0123456789")
    assert [(n.kind, n.recorded_by, n.text) for n in notes] == [
        (NoteKind.SIGN_OFF, "alice", ""),
        (NoteKind.DISSENT, "bob", "PAK rests on one opinion piece"),
    ]
    shown = run_with_notes(store, "run-0123")
    assert shown["run"]["id"] == "run-0123456789"
    assert shown["notes"] == [n.to_dict() for n in notes]
    assert [note_words(n) for n in shown["notes"]] == [
        "Signed off by alice on 2026-03-02",
        "Dissent (bob, 2026-03-03): PAK rests on one opinion piece",
    ]
    assert list_runs(store)[0]["notes"] == shown["notes"]


def test_store_run_signs_off_for_its_runner_once(store: Store) -> None:
    with store.transaction():
        first = store_run(store, result(), sign_off=True)
        again = store_run(store, result(), sign_off=True)  # same inputs, same run
        unsigned = store_run(store, result("run-other"))
    assert [n["by"] for n in first["notes"]] == ["alice"]
    assert again["notes"] == first["notes"]
    assert unsigned["notes"] == []


@pytest.mark.parametrize(
    ("run_id", "kind", "by", "text", "error", "message"),
    [
        ("run-nope", NoteKind.SIGN_OFF, "bob", "", NotFoundError, 'no assessment run "run-nope"'),
        ("run-0123", NoteKind.DISSENT, "bob", "   ", InputError, "a dissent needs its text"),
        ("run-0123", NoteKind.SIGN_OFF, "alice", "", InputError, "already signed off"),
        ("run-0123", NoteKind.DISSENT, " ", "why", InputError, "name who writes the note"),
    ],
)
def test_a_refused_note_changes_nothing(
    store: Store,
    run_id: str,
    kind: NoteKind,
    by: str,
    text: str,
    error: type[Exception],
    message: str,
) -> None:
    with store.transaction():
        store_run(store, result(), sign_off=True)
    before = snapshot(store)
    with pytest.raises(error, match=message), store.transaction():
        add_run_note(store, run_id, kind, by=by, text=text)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("dissent", "sign_off", "expected"),
    [
        ("too few sources", False, (NoteKind.DISSENT, "too few sources")),
        (None, True, (NoteKind.SIGN_OFF, "")),
        ("", False, (NoteKind.DISSENT, "")),  # refused by add_run_note, which names the field
    ],
)
def test_note_kind_from_options(
    dissent: str | None, sign_off: bool, expected: tuple[NoteKind, str]
) -> None:
    assert note_kind(dissent=dissent, sign_off=sign_off) == expected


@pytest.mark.parametrize(("dissent", "sign_off"), [(None, False), ("why", True)])
def test_note_kind_needs_exactly_one_option(dissent: str | None, sign_off: bool) -> None:
    with pytest.raises(InputError, match="--sign-off"):
        note_kind(dissent=dissent, sign_off=sign_off)


def test_the_report_prints_the_runner_sign_offs_and_dissents(
    hand_store: Store, small_rubric: Rubric
) -> None:
    hostile = "<script>x</script> rests on one source"
    with hand_store.transaction():
        stored = store_run(
            hand_store, assess(hand_store, small_rubric, params(), by="alice"), sign_off=True
        )
        run_id = stored["run"]["id"]
        add_run_note(hand_store, run_id, NoteKind.DISSENT, by="bob", text=hostile)
    section = build_assessment_section(run_with_notes(hand_store, run_id))
    day = stored["run"]["created_at"][:10]
    assert section.notes[0] == f"Signed off by alice on {day}"
    assert section.notes[1].startswith("Dissent (bob, ") and section.notes[1].endswith(hostile)
    report = build_evidence(hand_store, ["PAK", "IDN"], title="t")
    markdown, html = render_markdown(report, section), render_html(report, section)
    for text in (markdown, html):
        assert f"Run by alice on {day}" in text and f"Signed off by alice on {day}" in text
        assert "Dissent (bob, " in text
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; rests on one source" in html
