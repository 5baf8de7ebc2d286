"""The peacekeeping block of the report: a chart and lines computed from stored records.

Rendered through the generic per-candidate ``records`` slot of both templates.
"""

from __future__ import annotations

from pathlib import Path

from forcevet.ingest.records.peacekeeping import import_bundled_peacekeeping
from forcevet.reports.evidence import build_evidence
from forcevet.reports.peacekeeping import peacekeeping_blocks
from forcevet.reports.render import write_reports
from forcevet.store.store import Store

HOSTILE = '<script>alert("x")</script> | [x](javascript:alert(1))'


def test_blocks_come_from_the_stored_records(store: Store) -> None:
    with store.transaction():
        import_bundled_peacekeeping(store, by="test")
    blocks = peacekeeping_blocks(store, ["PAK", "XKX"])
    pakistan, kosovo = blocks["PAK"], blocks["XKX"]
    assert pakistan["title"] == "UN peacekeeping record"
    assert pakistan["svg"].startswith("<svg") and "uniformed personnel" in pakistan["svg"]
    assert pakistan["lines"][0].startswith("Peak: 11,135 uniformed personnel in 2008-12")
    # the bundled ranking is cut to the candidates: the rank is stated without "of 122"
    assert any(line.startswith("Rank 6 (from a subset") for line in pakistan["lines"])
    assert kosovo["svg"] == ""
    assert kosovo["lines"] == ["No UN peacekeeping contribution recorded in the imported datasets."]
    assert peacekeeping_blocks(store, ["PAK"])["PAK"]["svg"] == pakistan["svg"]  # deterministic


def test_the_records_slot_renders_under_each_candidate(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        import_bundled_peacekeeping(store, by="test")
    report = build_evidence(store, ["PAK"], title="t")
    block = peacekeeping_blocks(store, ["PAK"])["PAK"]
    other = {"title": HOSTILE, "svg": "", "lines": [HOSTILE]}
    write_reports(report, tmp_path, records={"PAK": [block, other]})
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "<h3>UN peacekeeping record</h3>" in html and "<figure><svg" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "### UN peacekeeping record" in markdown
    assert "![UN peacekeeping record](pak-un-peacekeeping-record.svg)" in markdown
    assert (tmp_path / "pak-un-peacekeeping-record.svg").read_text().startswith("<svg")
    assert "<script>" not in markdown and "\\[x\\](javascript" in markdown
