"""Stochastic multicriteria acceptability analysis (SMAA), vectorised with NumPy.

Lahdelma, Hokkanen and Salminen (1998): instead of one weight vector, sample
many, and report how often each candidate takes each rank. Here each sample
also draws the truth of the evidence: every independent source's strongest
claim on a side of an indicator is true with probability equal to its weight,
and only the number of true sources matters. Where an indicator's side rests
on at most ``EXACT_LIMIT`` sources, that number is drawn exactly from its
Poisson-binomial distribution (computed once); beyond that, from its normal
approximation (same mean and variance), which keeps 500,000 claims within
seconds. Criterion weights
are drawn uniformly within each criterion's range and normalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.rubric import Rubric

EXACT_LIMIT = 8
CELLS_PER_CHUNK = 4_000_000  # samples x indicator cells held in memory at once


@dataclass(frozen=True)
class SmaaResult:
    """Per candidate: score mean and 90% interval, rank acceptability, threshold exceedance."""

    candidates: tuple[str, ...]
    mean: NDArray[np.float64]
    p05: NDArray[np.float64]
    p95: NDArray[np.float64]
    rank_probabilities: NDArray[np.float64]  # [candidate, rank], rank 0 = lowest risk
    exceeds: NDArray[np.float64]
    samples: int
    seed: int


@dataclass(frozen=True)
class EvidenceUnits:
    """The evidence as arrays: one unit per (candidate, indicator, source, side)."""

    cell_side: NDArray[np.int64]  # (candidate * indicators + indicator) * 2 + side (0 risk)
    weight: NDArray[np.float64]


def make_units(
    rubric: Rubric, candidates: Sequence[str], evidence: Sequence[Evidence]
) -> EvidenceUnits:
    """Return the strongest weight per candidate, indicator, independent source and side."""
    n_ind = len(rubric.indicators)
    if not evidence:
        return EvidenceUnits(np.zeros(0, np.int64), np.zeros(0))
    cand_index = {c: k for k, c in enumerate(candidates)}
    ind_index = {i.id: k for k, i in enumerate(rubric.indicators)}
    clusters: dict[str, int] = {}
    kept = [e for e in evidence if e.candidate in cand_index]
    cand = np.fromiter((cand_index[e.candidate] for e in kept), np.int64, len(kept))
    ind = np.fromiter((ind_index[e.indicator] for e in kept), np.int64, len(kept))
    cluster = np.fromiter(
        (clusters.setdefault(e.cluster, len(clusters)) for e in kept), np.int64, len(kept)
    )
    side = np.fromiter((0 if e.risk else 1 for e in kept), np.int64, len(kept))
    weight = np.fromiter((e.weight for e in kept), np.float64, len(kept))
    cell_side = (cand * n_ind + ind) * 2 + side
    key = cell_side * max(len(clusters), 1) + cluster
    order = np.lexsort((weight, key))
    key, weight, cell_side = key[order], weight[order], cell_side[order]
    last = np.r_[key[1:] != key[:-1], True]  # the strongest weight is last within a key
    return EvidenceUnits(cell_side[last], weight[last])


def _count_distributions(
    cell_side: NDArray[np.int64], weight: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Return each cell side's cumulative distribution of how many of its sources are true.

    Row k of the result holds P(count <= j) for j = 0..EXACT_LIMIT - 1 (the last
    bin is implied), built by adding one source at a time to every cell side at
    once; each cell side has at most EXACT_LIMIT sources.
    """
    sides, position = np.unique(cell_side, return_inverse=True)
    pmf = np.zeros((sides.size, EXACT_LIMIT + 1))
    pmf[:, 0] = 1.0
    order = np.argsort(position, kind="stable")
    ranks = np.empty_like(order)
    starts = np.searchsorted(position[order], np.arange(sides.size))
    ranks[order] = np.arange(order.size) - starts[position[order]]
    for step in range(EXACT_LIMIT):
        chosen = ranks == step
        rows, p = position[chosen], weight[chosen][:, None]
        shifted = np.zeros_like(pmf[rows])
        shifted[:, 1:] = pmf[rows][:, :-1]
        pmf[rows] = pmf[rows] * (1 - p) + shifted * p
    cdf = np.cumsum(pmf, axis=1)[:, :-1].astype(np.float32)
    return sides, cdf


def run_smaa(
    rubric: Rubric, candidates: Sequence[str], units: EvidenceUnits, *, samples: int, seed: int
) -> SmaaResult:
    """Return the SMAA of the candidates' risk scores; the same seed gives the same result."""
    n_c, n_i = len(candidates), len(rubric.indicators)
    n_cs = n_c * n_i * 2
    rng = np.random.default_rng(seed)
    indicators = rubric.indicators
    crit_of = np.array([k for k, c in enumerate(rubric.criteria) for _ in c.indicators])
    within = np.array(
        [
            i.weight / sum(j.weight for j in c.indicators)
            for c in rubric.criteria
            for i in c.indicators
        ]
    )
    low = np.array([c.bounds[0] for c in rubric.criteria])
    high = np.array([c.bounds[1] for c in rubric.criteria])
    a0 = np.tile(
        np.array([rubric.prior_strength * i.prior for i in indicators], dtype=np.float32), n_c
    )
    b0 = np.tile(
        np.array([rubric.prior_strength * (1 - i.prior) for i in indicators], dtype=np.float32), n_c
    )

    counts = np.bincount(units.cell_side, minlength=n_cs)
    exact = counts[units.cell_side] <= EXACT_LIMIT
    exact_cs, cdf = _count_distributions(units.cell_side[exact], units.weight[exact])
    many = np.flatnonzero(counts > EXACT_LIMIT)
    approx = ~exact
    mu = np.bincount(units.cell_side[approx], units.weight[approx], minlength=n_cs)[many]
    sd = np.sqrt(
        np.bincount(
            units.cell_side[approx],
            units.weight[approx] * (1 - units.weight[approx]),
            minlength=n_cs,
        )[many]
    )

    scores = np.empty((samples, n_c))
    chunk = max(1, CELLS_PER_CHUNK // max(n_cs, 1))
    for start in range(0, samples, chunk):
        n = min(chunk, samples - start)
        cw = rng.uniform(low, high, size=(n, len(low)))
        cw /= cw.sum(axis=1, keepdims=True)
        weights = (cw[:, crit_of] * within).astype(np.float32)
        totals = np.zeros((n, n_cs), dtype=np.float32)
        if exact_cs.size:
            uniform = rng.random((n, exact_cs.size), dtype=np.float32)
            drawn = np.zeros((n, exact_cs.size), dtype=np.float32)
            for step in range(cdf.shape[1]):  # count = how many cumulative steps u passes
                drawn += uniform >= cdf[:, step]
            totals[:, exact_cs] = drawn
        if many.size:
            drawn = rng.standard_normal((n, many.size), dtype=np.float32) * sd + mu
            totals[:, many] += np.clip(drawn, 0, counts[many])
        risk, against = totals[:, 0::2], totals[:, 1::2]
        values = (a0 + risk) / (a0 + b0 + risk + against)
        scores[start : start + n] = np.einsum("nci,ni->nc", values.reshape(n, n_c, n_i), weights)

    # Exact ties (candidates with the same evidence) are broken at random, not by list order.
    order = np.lexsort((rng.random(scores.shape), scores), axis=1)
    ranks = np.empty_like(order)
    ranks[np.arange(samples)[:, None], order] = np.arange(n_c)
    flat_ranks = (ranks + np.arange(n_c) * n_c).ravel()
    acceptability = np.bincount(flat_ranks, minlength=n_c * n_c).reshape(n_c, n_c) / samples
    return SmaaResult(
        candidates=tuple(candidates),
        mean=scores.mean(axis=0),
        p05=np.percentile(scores, 5, axis=0),
        p95=np.percentile(scores, 95, axis=0),
        rank_probabilities=acceptability,
        exceeds=(scores > rubric.risk_threshold).mean(axis=0),
        samples=samples,
        seed=seed,
    )
