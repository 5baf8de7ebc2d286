"""Charts as SVG text, drawn with matplotlib's Agg backend (no screen needed).

Output is deterministic: the SVG ids are salted with a fixed string and no
creation date is written, so the same run draws the same file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  # the backend must be chosen first

plt.rcParams["svg.hashsalt"] = "forcevet"
plt.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, small


def inline_svg(text: str) -> str:
    """Return SVG text without its XML prologue, so that it can sit inside HTML."""
    return text[text.index("<svg") :] if "<svg" in text else text


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue so it can sit inside HTML


def score_intervals_svg(
    names: Sequence[str],
    mean: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    threshold: float,
) -> str:
    """Return a chart of each candidate's mean risk score and 90% interval, lowest risk on top."""
    count = len(names)
    figure, axes = plt.subplots(figsize=(7.5, 0.38 * count + 1.2))
    rows = list(range(count))[::-1]
    axes.hlines(rows, low, high, color="#4c72b0", linewidth=3, alpha=0.6)
    axes.plot(mean, rows, "o", color="#1f3b73")
    axes.axvline(threshold, color="#b03a2e", linestyle="--", linewidth=1)
    axes.text(threshold, count - 0.4, f" threshold {threshold}", color="#b03a2e", fontsize=8)
    axes.set_yticks(rows, names)
    axes.set_xlabel("risk score (mean and 90% interval)")
    axes.set_xlim(0, min(1.0, max(threshold * 1.5, *high) + 0.05))
    axes.grid(axis="x", alpha=0.3)
    return _svg(figure)


def rank_probabilities_svg(names: Sequence[str], probabilities: Sequence[Sequence[float]]) -> str:
    """Return a heat map of the probability of each candidate taking each rank."""
    count = len(names)
    figure, axes = plt.subplots(figsize=(0.42 * count + 2.6, 0.38 * count + 1.2))
    image = axes.imshow(probabilities, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axes.set_yticks(range(count), names)
    axes.set_xticks(range(count), [str(k + 1) for k in range(count)])
    axes.set_xlabel("rank (1 = lowest risk)")
    for row, values in enumerate(probabilities):
        for column, value in enumerate(values):
            if value >= 0.05:
                axes.text(
                    column,
                    row,
                    f"{value:.0%}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > 0.5 else "black",
                )
    figure.colorbar(image, ax=axes, fraction=0.04, label="probability")
    return _svg(figure)
