"""Two stored runs side by side: each candidate's change, and the inputs that changed.

A run stores its parameters, its rubric's hash, the claim revisions it used and,
per candidate and indicator, the evidence items it weighed (claim, revision,
source). Comparing these says what caused a change in words an analyst can
check: a source left out, a claim revised or added, another rubric or day.
"""

from __future__ import annotations

from typing import Any

from forcevet.assessment.runs import run_label

# The parameters whose change can change the numbers, in the order they are reported.
COMPARED_PARAMS = (
    "candidates",
    "as_of",
    "without_sources",
    "two_person",
    "samples",
    "seed",
    "scenario",
    "roles",
    "reservations",
)

Evidence = dict[tuple[str, int], str]  # (claim id, revision) -> source id
UNORDERED = frozenset({"candidates", "without_sources"})  # lists compared as sets


def _change(name: str, a: Any, b: Any) -> dict[str, Any] | None:
    return None if a == b else {"name": name, "a": a, "b": b}


def param_changes(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parameters, rubric and settings that differ between two runs:
    [{"name", "a", "b"}], parameters first, then the rubric, threshold and settings."""
    pa, pb = a["run"]["params"], b["run"]["params"]
    changes = [
        _change(name, sorted(pa.get(name) or []), sorted(pb.get(name) or []))
        if name in UNORDERED
        else _change(name, pa.get(name), pb.get(name))
        for name in COMPARED_PARAMS
    ]
    ra, rb = a["run"]["rubric"], b["run"]["rubric"]
    changes += [
        _change("rubric", f"{ra['id']} v{ra['version']}", f"{rb['id']} v{rb['version']}"),
        _change("rubric_hash", ra["hash"], rb["hash"]),
        _change("threshold", a.get("threshold"), b.get("threshold")),
        _change("settings", a.get("settings"), b.get("settings")),
        _change("grade_weights", a["run"].get("grade_weights"), b["run"].get("grade_weights")),
    ]
    return [c for c in changes if c is not None]


def _evidence(record: dict[str, Any] | None) -> dict[str, Evidence]:
    """Return per indicator the evidence items a candidate's record weighed:
    {(claim id, revision): source id}."""
    if record is None:
        return {}
    return {
        item["id"]: {(e["claim_id"], e["revision"]): e["source_id"] for e in item["evidence"]}
        for criterion in record["criteria"]
        for item in criterion["indicators"]
    }


def indicator_records(record: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Return a candidate's indicator records from a run, by indicator id."""
    if record is None:
        return {}
    return {
        item["id"]: item for criterion in record["criteria"] for item in criterion["indicators"]
    }


def claim_changes(a: dict[str, Any], b: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Return the claims one run used and the other did not: {"removed", "added",
    "revised"}; removed and added name their source where a candidate's evidence shows it."""
    used_a: dict[str, int] = {c: r for c, r in a["run"]["claims_used"]}  # noqa: C416  # pairs from JSON lists
    used_b: dict[str, int] = {c: r for c, r in b["run"]["claims_used"]}  # noqa: C416
    sources: dict[str, str] = {}
    for result in (a, b):
        for record in result["candidates"]:
            for items in _evidence(record).values():
                sources.update({claim: source for (claim, _), source in items.items()})
    return {
        "removed": [
            {"claim_id": c, "revision": used_a[c], "source_id": sources.get(c)}
            for c in sorted(set(used_a) - set(used_b))
        ],
        "added": [
            {"claim_id": c, "revision": used_b[c], "source_id": sources.get(c)}
            for c in sorted(set(used_b) - set(used_a))
        ],
        "revised": [
            {"claim_id": c, "a": used_a[c], "b": used_b[c]}
            for c in sorted(set(used_a) & set(used_b))
            if used_a[c] != used_b[c]
        ],
    }


def score_record(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return a candidate's score, interval, rank and coverage share from a run (or None)."""
    if record is None:
        return None
    return {
        "mean": record["score"]["mean"],
        "p05": record["score"]["p05"],
        "p95": record["score"]["p95"],
        "rank": record.get("rank"),
        "ranked": record.get("ranked", True),
        "coverage": (record.get("coverage") or {}).get("share"),
    }


def _items(keys: list[tuple[str, int]], sources: Evidence) -> list[dict[str, Any]]:
    return [{"claim_id": c, "revision": r, "source_id": sources[(c, r)]} for c, r in keys]


def _indicator_changes(
    ra: dict[str, Any] | None, rb: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Return the indicators whose value, coverage or evidence differs, with the claims
    that left or joined their evidence."""
    values_a, values_b = indicator_records(ra), indicator_records(rb)
    evidence_a, evidence_b = _evidence(ra), _evidence(rb)
    changes = []
    for indicator in dict.fromkeys([*values_a, *values_b]):
        ia, ib = values_a.get(indicator), values_b.get(indicator)
        ea, eb = evidence_a.get(indicator, {}), evidence_b.get(indicator, {})
        gone = _items([key for key in ea if key not in eb], ea)
        new = _items([key for key in eb if key not in ea], eb)
        fields = ("value", "no_evidence", "coverage")
        same = ia is not None and ib is not None and all(ia[f] == ib[f] for f in fields)
        if same and not gone and not new:
            continue
        changes.append(
            {
                "id": indicator,
                "a": None if ia is None else {f: ia[f] for f in fields},
                "b": None if ib is None else {f: ib[f] for f in fields},
                "claims_removed": gone,
                "claims_added": new,
            }
        )
    return changes


def _causes(params: list[dict[str, Any]], claims: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Return what changed between the runs, in words, parameters first."""
    words = []
    for change in params:
        name, a, b = change["name"], change["a"], change["b"]
        if name == "without_sources":
            left = sorted(set(b or []) - set(a or []))
            back = sorted(set(a or []) - set(b or []))
            words += [f"source {s} left out" for s in left]
            words += [f"source {s} counted again" for s in back]
        elif name == "two_person":
            words.append("two-person rule " + ("on" if b else "off"))
        elif name != "rubric_hash" or not any(c["name"] == "rubric" for c in params):
            words.append(f"{name}: {a} -> {b}")
    by_source: dict[str, int] = {}
    for claim in claims["removed"]:
        by_source[claim["source_id"] or "unknown source"] = (
            by_source.get(claim["source_id"] or "unknown source", 0) + 1
        )
    words += [f"{n} claim(s) from {s} no longer used" for s, n in sorted(by_source.items())]
    if claims["added"]:
        words.append(f"{len(claims['added'])} claim(s) newly used")
    if claims["revised"]:
        words.append(f"{len(claims['revised'])} claim(s) used at another revision")
    return words


def diff_runs(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Return two runs side by side: what changed in their inputs (``params``,
    ``claims``, and ``causes`` in words) and, per candidate, the change of its score and
    rank with the indicators whose value or evidence changed.

    Candidates are listed in run ``b``'s order, then those only in ``a``.
    """
    params = param_changes(a, b)
    claims = claim_changes(a, b)
    records_a = {c["id"]: c for c in a["candidates"]}
    records_b = {c["id"]: c for c in b["candidates"]}
    candidates = []
    for candidate in dict.fromkeys([*records_b, *records_a]):
        ra, rb = records_a.get(candidate), records_b.get(candidate)
        sa, sb = score_record(ra), score_record(rb)
        rank_change = (
            sb["rank"] - sa["rank"]
            if sa and sb and sa["rank"] is not None and sb["rank"] is not None
            else None
        )
        candidates.append(
            {
                "id": candidate,
                "name": (rb or ra or {}).get("name", candidate),
                "a": sa,
                "b": sb,
                "mean_change": round(sb["mean"] - sa["mean"], 6) if sa and sb else None,
                "rank_change": rank_change,
                "indicators": _indicator_changes(ra, rb),
            }
        )
    return {
        "a": {"id": a["run"]["id"], "label": run_label(a)},
        "b": {"id": b["run"]["id"], "label": run_label(b)},
        "params": params,
        "claims": claims,
        "causes": _causes(params, claims),
        "candidates": candidates,
    }


Table = tuple[list[str], list[list[Any]]]  # column names, rows: what a CSV export writes


def diff_table(diff: dict[str, Any]) -> Table:
    """Return ``diff_runs``'s record as one row per candidate: scores, ranks, their change,
    and the indicators that changed."""
    columns = [
        "candidate",
        "name",
        "mean_a",
        "mean_b",
        "mean_change",
        "rank_a",
        "rank_b",
        "rank_change",
        "indicators_changed",
    ]
    rows = [
        [
            c["id"],
            c["name"],
            c["a"]["mean"] if c["a"] else None,
            c["b"]["mean"] if c["b"] else None,
            c["mean_change"],
            c["a"]["rank"] if c["a"] else None,
            c["b"]["rank"] if c["b"] else None,
            c["rank_change"],
            " ".join(i["id"] for i in c["indicators"]),
        ]
        for c in diff["candidates"]
    ]
    return columns, rows
