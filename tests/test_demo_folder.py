"""`forcevet demo --out DIR` never destroys what it did not write.

The pipeline itself is replaced by a stub that writes a store and a report
(``fake_pipeline``), so each test takes milliseconds; the real demo's rerun in
its own folder is covered by tests/reports/test_report.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from forcevet import demo
from forcevet.cli import app
from forcevet.demo import MARKER, prepare_demo_folder, read_demo_files
from forcevet.errors import InputError


def fake_pipeline(out_dir: Path, url: str, *_: Any, **__: Any) -> Any:
    """Write what the demo writes (a store, a report, a chart), as the demo would."""
    assert url.endswith(str(out_dir / "forcevet.db"))
    (out_dir / "forcevet.db").write_bytes(b"demo store")
    (out_dir / "report.md").write_text("# demo report\n", encoding="utf-8")
    (out_dir / "scores.svg").write_text("<svg/>", encoding="utf-8")
    return "done"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "_run_in", fake_pipeline)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["demo", *args])


@pytest.mark.usefixtures("fake")
def test_a_new_folder_is_created_and_its_files_listed(tmp_path: Path) -> None:
    out = tmp_path / "new" / "demo"
    assert demo.run_demo(out) == "done"  # type: ignore[comparison-overlap]
    assert read_demo_files(out) == {"forcevet.db", "report.md", "scores.svg"}
    assert (out / MARKER).read_text(encoding="utf-8").startswith("# Files written by")


def test_a_folder_with_the_users_store_is_refused_even_with_force(tmp_path: Path) -> None:
    """The report's case: `demo --out .` beside the analyst's own forcevet.db."""
    (tmp_path / "forcevet.db").write_bytes(b"the analyst's store")
    (tmp_path / "report.md").write_text("my notes", encoding="utf-8")
    before = contents(tmp_path)
    for extra in ([], ["--force"]):
        result = run("--out", str(tmp_path), *extra)
        assert result.exit_code == 2, result.output
        line = result.output.strip()
        assert "\n" not in line and str(tmp_path / "forcevet.db") in line
        assert contents(tmp_path) == before  # nothing written, nothing removed


def test_sqlite_files_beside_a_foreign_store_count_as_a_store(tmp_path: Path) -> None:
    (tmp_path / "forcevet.db-wal").write_bytes(b"wal")
    with pytest.raises(InputError, match="store the demo did not create"):
        prepare_demo_folder(tmp_path, force=True)


def test_a_folder_with_other_files_is_refused_without_force(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {tmp_path / 'notes.txt'}: the folder holds 1 file(s) the demo did not write; "
        "choose an empty or new --out folder, or pass --force to write beside them"
    )
    assert contents(tmp_path) == {"notes.txt": b"mine"}


def test_a_subfolder_is_not_the_demos_either(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(InputError, match="did not write"):
        prepare_demo_folder(tmp_path)


@pytest.mark.usefixtures("fake")
def test_force_writes_beside_other_files_and_leaves_them(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "report.md").write_text("my old report", encoding="utf-8")
    demo.run_demo(tmp_path, force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    # report.md is the demo's now (--force said so); notes.txt is still the user's
    assert read_demo_files(tmp_path) == {"forcevet.db", "report.md", "scores.svg"}
    with pytest.raises(InputError, match="notes.txt"):
        prepare_demo_folder(tmp_path)  # a later run without --force still refuses


@pytest.mark.usefixtures("fake")
def test_a_second_run_replaces_only_its_own_files(tmp_path: Path) -> None:
    demo.run_demo(tmp_path)
    (tmp_path / "forcevet.db").write_bytes(b"changed by the analyst since")
    stale = tmp_path / "old-chart.svg"
    stale.write_text("<svg/>", encoding="utf-8")
    marker = tmp_path / MARKER
    marker.write_text(marker.read_text(encoding="utf-8") + "old-chart.svg\n", encoding="utf-8")
    demo.run_demo(tmp_path)
    assert contents(tmp_path)["forcevet.db"] == b"demo store"  # started from an empty store
    assert not stale.exists()  # the earlier run's chart, listed, is gone
    assert read_demo_files(tmp_path) == {"forcevet.db", "report.md", "scores.svg"}


@pytest.mark.usefixtures("fake")
def test_a_marker_cannot_point_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    (out / MARKER).write_text(f"../precious.txt\n{outside}\n.hidden\n", encoding="utf-8")
    assert read_demo_files(out) == set()
    demo.run_demo(out)
    assert outside.read_text(encoding="utf-8") == "keep"


def test_a_failed_run_still_lists_what_it_wrote(tmp_path: Path, monkeypatch: Any) -> None:
    def failing(out_dir: Path, *_: Any, **__: Any) -> Any:
        (out_dir / "forcevet.db").write_bytes(b"half")
        raise InputError("the article is not text")

    monkeypatch.setattr(demo, "_run_in", failing)
    with pytest.raises(InputError):
        demo.run_demo(tmp_path)
    assert read_demo_files(tmp_path) == {"forcevet.db"}  # so the next run may replace it


def test_out_naming_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        prepare_demo_folder(target)


def test_links_are_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "precious.md"
    outside.write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").symlink_to(outside)
    with pytest.raises(InputError, match="a link"):
        prepare_demo_folder(out, force=True)
    (out / "report.md").unlink()
    (out / MARKER).symlink_to(outside)  # the list of files itself
    with pytest.raises(InputError, match="a link"):
        prepare_demo_folder(out, force=True)
    assert outside.read_text(encoding="utf-8") == "keep"
