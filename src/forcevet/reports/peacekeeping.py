"""Per candidate, its UN peacekeeping record for the report: a small chart and the summary.

The chart and the lines come from ``peacekeeping_summary``, that is from the
stored records, one source per month; nothing is typed in.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import matplotlib.pyplot as plt

# importing charts sets the house style: Agg backend, fixed SVG hash salt, text as text
from forcevet.reports.charts import inline_svg
from forcevet.store.peacekeeping import PeacekeepingSummary, peacekeeping_summary
from forcevet.store.store import Store

TITLE = "UN peacekeeping record"


def _day(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 15)


def peacekeeping_svg(summary: PeacekeepingSummary) -> str:
    """Return a small chart of a country's uniformed personnel in UN operations by month.

    Months no imported dataset reports are gaps, not zeros; a dataset's single
    month (the portal's rankings) is a dot.
    """
    months = tuple((m.month, m.personnel) for m in summary.months)
    peak = (summary.peak.month, summary.peak.personnel) if summary.peak is not None else None
    return _peacekeeping_chart(months, peak)


# Drawn once per series: matplotlib takes about half a second a chart, and a candidate's
# page shows it on every visit. The same series always draws the same SVG.
@lru_cache(maxsize=256)
def _peacekeeping_chart(months: tuple[tuple[str, int], ...], peak: tuple[str, int] | None) -> str:
    figure, axes = plt.subplots(figsize=(6.0, 1.9))
    runs: list[list[Any]] = []
    for month, personnel in months:
        day = _day(month)
        last = runs[-1][-1][0] if runs else None
        if last is None or (day - last).days > 62:  # more than one missing month: a gap
            runs.append([])
        runs[-1].append((day, personnel))
    for run in runs:
        days, counts = zip(*run, strict=True)
        if len(run) == 1:
            axes.plot(days, counts, "o", color="#1f3b73", markersize=4)
        else:
            axes.fill_between(days, counts, step="mid", color="#4c72b0", alpha=0.25)
            axes.step(days, counts, where="mid", color="#1f3b73", linewidth=1)
    if peak is not None:  # marked on the line, named above it where nothing overlaps
        peak_month, peak_personnel = peak
        where: list[Any] = [_day(peak_month)]  # matplotlib plots dates; its stubs say floats
        axes.plot(where, [peak_personnel], "v", color="#b03a2e", markersize=5)
        axes.set_title(f"peak {peak_personnel:,} ({peak_month})", fontsize=8, loc="left")
    axes.set_ylabel("uniformed personnel", fontsize=8)
    axes.set_ylim(bottom=0)
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", alpha=0.3)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return inline_svg(buffer.getvalue())


def peacekeeping_blocks(store: Store, candidates: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Return per candidate its block for the report: {"title", "svg", "lines"}.

    A candidate no imported dataset reports gets its line and no chart.
    """
    blocks: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        summary = peacekeeping_summary(store, candidate)
        blocks[candidate] = {
            "title": TITLE,
            "svg": peacekeeping_svg(summary) if summary.months else "",
            "lines": summary.lines(),
        }
    return blocks
