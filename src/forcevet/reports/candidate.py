"""One candidate's file: its explanation with each quote in its source's text, the
timeline of its claims, its listings and its official records.

What the workspace's candidate page shows, each part a JSON-ready value built from
the same library calls as the command line (`forcevet explain`, `forcevet claim
list`, `forcevet actor show`, the report's official records).
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import matplotlib.pyplot as plt

from forcevet.assessment.explain import explain_candidate
from forcevet.ingest.review import quote_in_context
from forcevet.model.actors import Actor
from forcevet.model.claims import Status
from forcevet.model.sources import Source
from forcevet.reports.case_report import LISTED_KINDS, ReportedCase, _lineage, official_records

# importing charts sets the house style: Agg backend, fixed SVG hash salt, text as text
from forcevet.reports.charts import _svg
from forcevet.reports.json import claim_record
from forcevet.screening.status import ActorListings, listing_status
from forcevet.store.actors import load_actors
from forcevet.store.claims import (
    ClaimFilter,
    actors_tied,
    get_revisions,
    list_claims,
    subject_timeline,
)
from forcevet.store.sources import get_sources
from forcevet.store.store import Store


def explain_in_context(
    store: Store, result: dict[str, Any], candidate: str, indicator: str | None = None
) -> dict[str, Any]:
    """Return ``explain_candidate``'s record with each claim's quote in its source's text.

    Each evidence item's claim gains ``context``: {"before", "quote", "after"}, the
    quote as it stands in the source at the revision the run used (empty before and
    after for a paraphrase or a quote without offsets).
    """
    explained = explain_candidate(store, result, candidate, indicator)
    keys = [
        (e["claim_id"], e["revision"])
        for c in explained["criteria"]
        for i in c["indicators"]
        for e in i["evidence"]
        if not e.get("absence")
    ]
    claims = get_revisions(store, keys)
    sources = _sources(store, {c.source_id for c in claims.values()})
    for criterion in explained["criteria"]:
        for item in criterion["indicators"]:
            for e in item["evidence"]:
                claim = claims.get((e["claim_id"], e["revision"]))
                source = sources.get(claim.source_id) if claim else None
                if claim is None or source is None:
                    continue
                found = quote_in_context(claim, source)
                e["claim"]["context"] = {
                    "before": found.before,
                    "quote": found.quote,
                    "after": found.after,
                }
    return explained


def actor_claims(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """Return the current claims naming the actor as subject or object, by date then id,
    as `forcevet claim list --actor ID --json` prints them."""
    claims = list_claims(store, ClaimFilter(actor_id=actor_id))
    ids = {a for c in claims for a in (c.subject_id, c.object_id, c.reported_by_id) if a}
    names = {a.id: a.name for a in load_actors(store, ids)}
    return [claim_record(c, names) for c in claims]


def claim_timeline(store: Store, candidate: str, limit: int | None = None) -> dict[str, Any]:
    """Return the current claims naming ``candidate`` as their subject, any status, as
    claim records with their source: {"dated": [...] by the start of their time (its
    end when only that is known),
    "undated": [...], "total_dated": n, "total_undated": m}.

    With ``limit``, only the latest ``limit`` dated claims and the first ``limit``
    undated ones are kept (a page need not carry thousands of rows; the totals say
    how many there are).
    """
    dated, undated, total_dated, total_undated = subject_timeline(store, candidate, limit=limit)
    totals = {"total_dated": total_dated, "total_undated": total_undated}
    shown = dated + undated
    ids = {a for c in shown for a in (c.subject_id, c.object_id, c.reported_by_id) if a}
    names = {a.id: a.name for a in load_actors(store, ids)}
    sources = _sources(store, {c.source_id for c in shown})
    return {
        "dated": [claim_record(c, names, sources.get(c.source_id)) for c in dated],
        "undated": [claim_record(c, names, sources.get(c.source_id)) for c in undated],
        **totals,
    }


def _sources(store: Store, ids: set[str]) -> dict[str, Source]:
    """Return the sources with these ids (a store may hold thousands; a page needs few)."""
    return get_sources(store, sorted(ids))


def candidate_listing_actors(store: Store, candidate: str) -> list[str]:
    """Return the candidate, then the armed groups and people whose listings bear on it:
    those belonging to it (its bodies, its officials) and those an accepted claim ties
    to one of these, by kind and name.

    The report's ``listing_actors`` for one candidate, without the case's roles,
    and reading only the claims that name the candidate's own actors.
    """
    actors: Mapping[str, Actor] = {a.id: a for a in load_actors(store)}
    near = {a for a in actors if candidate in _lineage(actors, a)}
    tied = set(near) | actors_tied(store, sorted(near), status=Status.ACCEPTED)
    listed = sorted(
        (a for a in actors.values() if a.id in tied and a.kind in LISTED_KINDS),
        key=lambda a: (a.kind.value, a.name, a.id),
    )
    return [candidate, *(a.id for a in listed if a.id != candidate)]


def candidate_listings(store: Store, candidate: str) -> list[ActorListings]:
    """Return who lists the candidate and the groups and people tied to it (``listing_status``)."""
    return listing_status(store, candidate_listing_actors(store, candidate))


# matplotlib's pyplot keeps global state: a page served on several threads draws its
# charts one at a time.
_CHARTS = threading.Lock()


def svg_data_uri(svg: str) -> str:
    """Return SVG text as a data: URI, so a page with a strict style policy can show it
    as an image (the chart's own styles then apply inside the image only)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def candidate_records(store: Store, case: ReportedCase, candidate: str) -> list[dict[str, Any]]:
    """Return the candidate's official-record blocks as the case report shows them (UN
    peacekeeping, UN General Assembly votes beside the case's state parties), each with
    its chart also as a data: URI (``image``); empty when the store holds none."""
    with _CHARTS:
        blocks = official_records(store, case, [candidate]).get(candidate, [])
    return [b | {"image": svg_data_uri(b["svg"]) if b["svg"] else ""} for b in blocks]


def ach_table(ach: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Return an ACH record's matrix as one row per claim: its indicator, side, weight,
    independent source, rating against each hypothesis and diagnosticity."""
    hypotheses = list(ach["hypotheses"])
    columns = ["claim", "indicator", "side", "weight", "source", *hypotheses, "diagnosticity"]
    rows = [
        [
            row["claim_id"],
            row["indicator"],
            row["side"],
            row["weight"],
            row.get("independent_source", ""),
            *(row["ratings"][h] for h in hypotheses),
            row["diagnosticity"],
        ]
        for row in ach["matrix"]
    ]
    return columns, rows


STATUS_COLOURS = {"accepted": "#1f3b73", "proposed": "#d08c2a", "rejected": "#9aa3ad"}


def timeline_svg(timeline: dict[str, Any]) -> str:
    """Return a chart of a timeline's dated claims: one mark per claim at the start of its
    time, one row per predicate, coloured by review status; "" when none is dated."""
    points: tuple[tuple[str, str, str], ...] = tuple(
        (str(r["date"]["start"] or r["date"]["end"]), _predicate_words(r), str(r["status"]))
        for r in timeline["dated"]
    )
    return _timeline_chart(points) if points else ""


def _predicate_words(record: dict[str, Any]) -> str:
    return ("not " if record["polarity"] == "denies" else "") + str(record["predicate"])


@lru_cache(maxsize=256)  # the same claims draw the same chart; matplotlib is slow
def _timeline_chart(points: tuple[tuple[str, str, str], ...]) -> str:
    rows = sorted({p for _, p, _ in points})
    with _CHARTS:
        figure, axes = plt.subplots(figsize=(7.5, 0.28 * len(rows) + 1.0))
        for status, colour in STATUS_COLOURS.items():
            chosen = [(date.fromisoformat(d), rows.index(p)) for d, p, s in points if s == status]
            if chosen:
                days, ys = zip(*chosen, strict=True)
                axes.plot(days, ys, "o", color=colour, markersize=4, alpha=0.8, label=status)
        axes.set_yticks(range(len(rows)), rows, fontsize=7)
        axes.set_ylim(-0.7, len(rows) - 0.3)
        axes.tick_params(axis="x", labelsize=7)
        axes.grid(axis="x", alpha=0.3)
        axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure)
