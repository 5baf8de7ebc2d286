"""The composition in a report: table rows, JSON records and SVG charts.

Pure functions of a result: the report templates and the CLI call them and
decide the layout. Charts are drawn by matplotlib on its Agg canvas (no
pyplot, no global backend) with a fixed hash salt and no date, so the same
result always gives the same SVG and golden files stay stable.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from forcevet.composition.pareto import Frontier
from forcevet.composition.rules import country_name
from forcevet.composition.solve import CompositionResult

SVG_SETTINGS: dict[RcKeyType, Any] = {
    "svg.hashsalt": "forcevet",
    "svg.fonttype": "none",
    "font.size": 9.0,
}
ILLUSTRATIVE_NOTE = "* illustrative: figures assumed in the case's files, not reported"


@dataclass(frozen=True)
class CompositionRow:
    """One line of the composition table: units of one country filling one requirement."""

    country: str
    country_name: str
    requirement: str
    sector: str
    unit_type: str
    """The unit type in the case's words, plural when more than one unit is used."""
    units: int
    """The offer's units used."""
    slots: int
    """The requirement's slots they fill (one unit each, or several smaller ones combined)."""
    personnel: int
    """Personnel deployed."""
    planned_personnel: int
    """The planned personnel of the slots filled."""
    risk: float
    weighted_risk: float
    assessed: bool
    """False when the country's risk is the default, for lack of an assessment."""
    illustrative: bool


def composition_rows(result: CompositionResult) -> list[CompositionRow]:
    """Return the table rows, largest contributor first, then by sector and requirement."""
    rank = {c.country: index for index, c in enumerate(result.contributions)}
    rows = [
        CompositionRow(
            country=a.country,
            country_name=country_name(a.country),
            requirement=a.requirement_id,
            sector=a.sector,
            unit_type=result.unit_words(a.unit_type, a.units),
            units=a.units,
            slots=a.slots,
            personnel=a.personnel,
            planned_personnel=a.planned_personnel,
            risk=a.risk,
            weighted_risk=a.weighted_risk,
            assessed=a.country not in result.unassessed,
            illustrative=a.illustrative,
        )
        for a in result.assignments
    ]
    return sorted(rows, key=lambda r: (rank[r.country], r.sector, r.requirement))


def composition_record(
    result: CompositionResult, risks_from: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the result as a JSON-ready record (the shape ``forcevet compose --json`` prints).

    ``risks_from`` says where the risks came from, such as ``{"run": id}`` or
    ``{"file": path}``; it is printed as given (null when not given).
    """
    reason = result.infeasibility
    return {
        "status": result.status.value,
        "objective": result.objective.value,
        "proven_optimal": result.proven_optimal,
        "gap": result.gap,
        "risks_from": risks_from,
        "total_personnel": result.total_personnel,
        "planned_personnel": result.planned_personnel,
        "covered_personnel": result.covered_personnel,
        "coverage": round(result.coverage, 4),
        "total_risk": round(result.total_risk, 3),
        "mean_risk": round(result.mean_risk, 4),
        "weighted_coverage": round(result.weighted_coverage, 4),
        "units_used": result.units_used,
        "slots_filled": result.slots_filled,
        "slots_short": result.slots_short,
        "contributions": [
            {
                "country": c.country,
                "name": country_name(c.country),
                "units": c.units,
                "personnel": c.personnel,
                "share": round(c.share, 4),
                "risk": c.risk,
                "assessed": c.assessed,
            }
            for c in result.contributions
        ],
        "assignments": [
            {
                "requirement": a.requirement_id,
                "sector": a.sector,
                "unit_type": a.unit_type,
                "offer": a.offer_id,
                "country": a.country,
                "units": a.units,
                "slots": a.slots,
                "personnel": a.personnel,
                "planned_personnel": a.planned_personnel,
                "risk": a.risk,
                "weighted_risk": round(a.weighted_risk, 3),
                "illustrative": a.illustrative,
            }
            for a in result.assignments
        ],
        "shortfalls": [
            {"requirement": s.requirement_id, "sector": s.sector, "unit_type": s.unit_type}
            | {"slots": s.slots, "personnel": s.personnel, "priority": s.priority}
            for s in result.shortfalls
        ],
        "unassessed": list(result.unassessed),
        "default_risk": result.default_risk,
        "illustrative": result.illustrative,
        "infeasibility": None
        if reason is None
        else {
            "explanation": reason.explanation,
            "constraints": list(reason.constraints),
            "keys": list(reason.keys),
            "shortfall": reason.shortfall,
            "total_shortfall": reason.total_shortfall,
            "minimal": reason.minimal,
        },
        "seconds": round(result.seconds, 3),
    }


def frontier_record(frontier: Frontier, risks_from: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the frontier as a JSON-ready record, each composition summarised by country."""
    return {
        "risks_from": risks_from,
        "points": [
            {
                "allowed_shortfall": p.allowed_shortfall,
                "total_risk": round(p.composition.total_risk, 3),
                "coverage": round(p.composition.coverage, 4),
                "weighted_coverage": round(p.composition.weighted_coverage, 4),
                "slots_short": p.composition.slots_short,
                "total_personnel": p.composition.total_personnel,
                "covered_personnel": p.composition.covered_personnel,
                "within_ceiling": p.within_ceiling,
                "proven_optimal": p.composition.proven_optimal,
                "personnel_by_country": {
                    c.country: c.personnel for c in p.composition.contributions
                },
                "short_by_unit_type": _short_by_type(p.composition),
            }
            for p in frontier.points
        ],
        "max_total_risk": frontier.max_total_risk,
        "proven": frontier.proven,
        "solves": frontier.solves,
        "unassessed": list(frontier.unassessed),
        "infeasibility": None
        if frontier.infeasibility is None
        else frontier.infeasibility.explanation,
        "seconds": round(frontier.seconds, 3),
    }


def _short_by_type(result: CompositionResult) -> dict[str, int]:
    short: dict[str, int] = {}
    for shortfall in result.shortfalls:
        short[shortfall.unit_type] = short.get(shortfall.unit_type, 0) + shortfall.slots
    return short


def composition_chart_svg(result: CompositionResult) -> str:
    """Return an SVG bar chart of personnel by country, stacked by unit type.

    Countries with an illustrative figure get a star, and the note says what it means.
    """
    countries = [c.country for c in result.contributions]
    unit_types = sorted({a.unit_type for a in result.assignments})
    with matplotlib.rc_context(SVG_SETTINGS):
        figure = Figure(figsize=(7.0, 0.45 * max(len(countries), 2) + 1.4))
        axes = figure.add_subplot()
        colours = matplotlib.colormaps["tab20"]
        left = [0.0] * len(countries)
        for index, unit_type in enumerate(unit_types):
            widths = [
                float(
                    sum(
                        a.personnel
                        for a in result.assignments
                        if a.country == country and a.unit_type == unit_type
                    )
                )
                for country in countries
            ]
            axes.barh(
                range(len(countries)),
                widths,
                left=left,
                color=colours(index % 20),
                label=result.unit_words(unit_type, 2),
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        starred = {a.country for a in result.assignments if a.illustrative}
        axes.set_yticks(
            range(len(countries)),
            [f"{country_name(c)}{' *' if c in starred else ''}" for c in countries],
        )
        axes.invert_yaxis()
        axes.set_xlabel("personnel")
        axes.set_title("Personnel by contributor and unit type", loc="left")
        if unit_types:
            axes.legend(loc="lower right", fontsize=7, frameon=False)
        if starred:
            figure.text(0.01, 0.01, ILLUSTRATIVE_NOTE, fontsize=7)
        figure.tight_layout(rect=(0, 0.04 if starred else 0, 1, 1))
        return _svg(figure)


def pareto_chart_svg(frontier: Frontier) -> str:
    """Return an SVG chart of the frontier: total risk against priority-weighted coverage."""
    points = sorted(frontier.points, key=lambda p: p.composition.weighted_coverage)
    with matplotlib.rc_context(SVG_SETTINGS):
        figure = Figure(figsize=(7.0, 4.0))
        axes = figure.add_subplot()
        coverage = [100 * p.composition.weighted_coverage for p in points]
        risk = [p.composition.total_risk for p in points]
        # Coverage between two points costs the risk of the next point up: steps-pre.
        axes.plot(coverage, risk, color="#1f77b4", linewidth=1, drawstyle="steps-pre")
        inside = [i for i, p in enumerate(points) if p.within_ceiling]
        outside = [i for i, p in enumerate(points) if not p.within_ceiling]
        axes.scatter(
            [coverage[i] for i in inside],
            [risk[i] for i in inside],
            color="#1f77b4",
            label="composition" if frontier.max_total_risk is None else "within the risk ceiling",
            zorder=3,
        )
        if outside:
            axes.scatter(
                [coverage[i] for i in outside],
                [risk[i] for i in outside],
                color="#d62728",
                marker="x",
                label="above the risk ceiling",
                zorder=3,
            )
        if frontier.max_total_risk is not None:
            axes.axhline(frontier.max_total_risk, color="#d62728", linestyle="--", linewidth=1)
        axes.set_xlabel("requirements covered, weighted by priority (%)")
        axes.set_ylabel("total risk (risk x personnel)")
        axes.set_title("Risk against coverage: the Pareto frontier", loc="left")
        if points:
            axes.legend(loc="upper left", fontsize=7, frameon=False)
        figure.tight_layout()
        return _svg(figure)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "forcevet"})
    return buffer.getvalue()
