"""Rendering reports from Jinja templates: HTML autoescaped, Markdown with HTML neutralised.

Text from sources is untrusted; nothing is computed in a template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from forcevet.model.ids import slugify
from forcevet.reports.assessment import AssessmentSection
from forcevet.reports.evidence import EvidenceReport


def _markdown_text(value: object) -> str:
    """Return text safe inside a Markdown table cell: no raw HTML, no broken rows."""
    text = "" if value is None else str(value)
    for raw, safe in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("[", "\\["),
        ("]", "\\]"),
        ("\n", " "),
    ):
        text = text.replace(raw, safe)
    return text


def _href(value: object) -> str:
    """Return a link target only if it is a web address; anything else (javascript:) is dropped."""
    text = "" if value is None else str(value).strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("forcevet.reports", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_text
    env.filters["href"] = _href
    return env


def render_markdown(
    report: EvidenceReport, assessment: AssessmentSection | None = None, **extra: Any
) -> str:
    """Return the report as Markdown (charts are linked as scores.svg and ranks.svg)."""
    template = _environment(False).get_template("report.md.j2")
    extra.setdefault("records", {})
    extra.setdefault("ingested", [])
    extra.setdefault("composition", None)
    extra.setdefault("listings", [])
    extra.setdefault("composition_note", "")
    extra.setdefault("run_label", "")
    return template.render(report=report, assessment=assessment, **extra)


def render_html(
    report: EvidenceReport, assessment: AssessmentSection | None = None, **extra: Any
) -> str:
    """Return the report as one self-contained HTML page, charts inline."""
    template = _environment(True).get_template("report.html.j2")
    extra.setdefault("records", {})
    extra.setdefault("ingested", [])
    extra.setdefault("composition", None)
    extra.setdefault("listings", [])
    extra.setdefault("composition_note", "")
    extra.setdefault("run_label", "")
    return template.render(report=report, assessment=assessment, **extra)


def _record_files(records: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Return the records blocks, each with the file its chart is written to for Markdown."""
    named: dict[str, list[dict[str, Any]]] = {}
    for actor_id, blocks in records.items():
        named[actor_id] = [
            {**block, "file": f"{slugify(actor_id)}-{slugify(block['title'])}.svg"}
            for block in blocks
        ]
    return named


def write_reports(
    report: EvidenceReport,
    out_dir: Path,
    assessment: AssessmentSection | None = None,
    records: dict[str, list[dict[str, Any]]] | None = None,
    **extra: Any,
) -> list[Path]:
    """Write report.md, report.html and the Markdown's charts into ``out_dir``; return the
    paths of the two reports.

    ``records`` holds per candidate id the blocks shown under it, each
    ``{"title", "svg", "lines"}`` (its official records: peacekeeping, votes).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    extra["records"] = _record_files(records or {})
    for blocks in extra["records"].values():
        for block in blocks:
            if block.get("svg"):
                (out_dir / block["file"]).write_text(block["svg"], encoding="utf-8")
    paths = [out_dir / "report.md", out_dir / "report.html"]
    paths[0].write_text(render_markdown(report, assessment, **extra), encoding="utf-8")
    paths[1].write_text(render_html(report, assessment, **extra), encoding="utf-8")
    if assessment is not None:
        (out_dir / "scores.svg").write_text(assessment.intervals_svg, encoding="utf-8")
        if assessment.ranks_svg:  # no chart when no candidate has enough evidence to rank
            (out_dir / "ranks.svg").write_text(assessment.ranks_svg, encoding="utf-8")
    composition = extra.get("composition")
    if composition:
        (out_dir / "composition.svg").write_text(composition["chart_svg"], encoding="utf-8")
        (out_dir / "pareto.svg").write_text(composition["pareto_svg"], encoding="utf-8")
    return paths
