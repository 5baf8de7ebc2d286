"""Rendering reports from Jinja templates: HTML autoescaped, Markdown with HTML neutralised,
links percent-encoded and only to http(s) addresses.

Text from sources is untrusted; nothing is computed in a template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from forcevet.errors import InputError
from forcevet.model.ids import slugify
from forcevet.model.urls import SCHEMES
from forcevet.reports.assessment import AssessmentSection
from forcevet.reports.evidence import EvidenceReport


def _markdown_text(value: object) -> str:
    """Return text safe inside a Markdown table cell: no raw HTML, no link, no broken rows."""
    text = "" if value is None else str(value)
    for raw, safe in (
        ("\\", "\\\\"),  # first, so that an escape below cannot be undone
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "\\|"),
        ("[", "\\["),
        ("]", "\\]"),
        ("\r", " "),
        ("\n", " "),
    ):
        text = text.replace(raw, safe)
    return text


def _markdown_code(value: object) -> str:
    """Return text for inside a Markdown code span, which shows it literally: a backtick
    would end the span, so it becomes a quote."""
    return " ".join(("" if value is None else str(value)).replace("`", "'").split())


def _anchor(value: object) -> str:
    """Return ``value`` as an anchor name: lowercase letters, digits, ``-`` and ``_``."""
    return re.sub(r"[^a-z0-9_-]+", "-", ("" if value is None else str(value)).lower())


# Kept as they are in a link (RFC 3986's reserved characters that do not end a Markdown
# link or an HTML attribute); everything else, such as < > ( ) " ' | and spaces, is
# percent-encoded.
_LINK_SAFE = "/:?#@!$&+,;=%~*"


def _href(value: object) -> str:
    """Return an http(s) address percent-encoded for a link, or "" for anything else.

    A stored address could predate the input check (model/urls.py): a ``javascript:``
    one gives no link, and one carrying ``>)<img ...>`` cannot close the link.
    """
    text = "" if value is None else str(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        return ""
    return quote(text, safe=_LINK_SAFE)


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
    env.filters["code"] = _markdown_code
    env.filters["anchor"] = _anchor
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
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder must go, no permission, a name too long
        raise InputError(f"cannot make the folder: {exc.strerror}", path=str(out_dir)) from None
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
