"""Stochastic multicriteria acceptability analysis (SMAA), vectorised with NumPy.

Lahdelma, Hokkanen and Salminen (1998): instead of one weight vector, sample
many, and report how often each candidate takes each rank. Each sample here
draws three things:

1. Criterion weights, uniformly within each criterion's range, normalised.
2. The truth of the evidence, one draw per independent source and sample,
   shared by every indicator and candidate the source informs: source s draws
   u_s ~ U(0, 1) and each of its claims (the strongest per indicator, candidate
   and side) holds when u_s < its weight. One opinion piece feeding eight
   indicators is thus one witness who is right or wrong eight times together,
   not eight independent witnesses. Where one side of an indicator rests on
   more than ``EXACT_LIMIT`` sources, the count of true ones comes from a normal
   approximation that keeps the sharing: each source's Bernoulli is split into
   its projection on the source's shared normal draw, Phi^-1(u_s), and an
   independent remainder.
3. Each indicator's value from its Beta posterior given the drawn evidence,
   Beta(k m + risk, k (1 - m) + against), not its mean: a candidate with no
   evidence is drawn from the rubric's prior and gets the wide interval that
   ignorance deserves. Posteriors with whole counts (up to ``EXACT_LIMIT`` a
   side) are drawn by their exact inverse distribution function, tabulated once
   per prior.

Where a side of an indicator rests on more than ``EXACT_LIMIT`` sources, its
value is drawn from a normal approximation that keeps the sharing: linearised
around the expected counts, each source's truth contributes through its
projection on the source's own normal draw Phi^-1(u_s), and the independent
remainders and the Beta posterior's spread are drawn together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from scipy import sparse, special

from forcevet.assessment.evidence import Evidence
from forcevet.assessment.rubric import Rubric

EXACT_LIMIT = 8
QUANTILES = 128  # equal-probability bins of the tabulated inverse distribution functions
assert QUANTILES & (QUANTILES - 1) == 0 and QUANTILES <= 256  # drawn as masked bytes
DENSE_LOADINGS = 20_000_000  # approximated cell sides x sources kept as a dense matrix
CELLS_PER_CHUNK = 2_000_000  # samples x indicator cells held in memory at once


@dataclass(frozen=True)
class SmaaResult:
    """Per candidate: score mean and 90% interval, rank acceptability, threshold exceedance.

    ``rank_probabilities`` is over the ranked candidates only (rank 0 = lowest
    risk); a row of zeros marks a candidate that is not ranked.
    """

    candidates: tuple[str, ...]
    mean: NDArray[np.float64]
    p05: NDArray[np.float64]
    p95: NDArray[np.float64]
    rank_probabilities: NDArray[np.float64]
    exceeds: NDArray[np.float64]
    samples: int
    seed: int


@dataclass(frozen=True)
class EvidenceUnits:
    """The evidence as arrays: one unit per (candidate, indicator, independent source, side)."""

    cell_side: NDArray[np.int64]  # (candidate * indicators + indicator) * 2 + side (0 risk)
    weight: NDArray[np.float64]
    source: NDArray[np.int64]  # index of the unit's independent source
    sources: int = 0


def make_units(
    rubric: Rubric, candidates: Sequence[str], evidence: Sequence[Evidence]
) -> EvidenceUnits:
    """Return the strongest weight per candidate, indicator, independent source and side."""
    n_ind = len(rubric.indicators)
    cand_index = {c: k for k, c in enumerate(candidates)}
    ind_index = {i.id: k for k, i in enumerate(rubric.indicators)}
    kept = [e for e in evidence if e.candidate in cand_index and e.weight > 0]
    if not kept:
        empty = np.zeros(0, np.int64)
        return EvidenceUnits(empty, np.zeros(0), empty, 0)
    clusters: dict[str, int] = {}
    cand = np.fromiter((cand_index[e.candidate] for e in kept), np.int64, len(kept))
    ind = np.fromiter((ind_index[e.indicator] for e in kept), np.int64, len(kept))
    cluster = np.fromiter(
        (clusters.setdefault(e.cluster, len(clusters)) for e in kept), np.int64, len(kept)
    )
    side = np.fromiter((0 if e.risk else 1 for e in kept), np.int64, len(kept))
    weight = np.fromiter((e.weight for e in kept), np.float64, len(kept))
    cell_side = (cand * n_ind + ind) * 2 + side
    key = cell_side * len(clusters) + cluster
    order = np.lexsort((weight, key))
    key, weight, cell_side, cluster = key[order], weight[order], cell_side[order], cluster[order]
    last = np.r_[key[1:] != key[:-1], True]  # the strongest weight is last within a key
    return EvidenceUnits(cell_side[last], weight[last], cluster[last], len(clusters))


@cache
def _beta_table(a0: float, b0: float) -> NDArray[np.float32]:
    """Return the inverse distribution functions of Beta(a0 + i, b0 + j), i, j <= EXACT_LIMIT,
    at the midpoints of QUANTILES equal-probability bins.

    Shape (EXACT_LIMIT + 1, EXACT_LIMIT + 1, QUANTILES); built once per prior. Drawing a
    bin uniformly and taking its midpoint is inverse-transform sampling to 1/QUANTILES.
    """
    n = EXACT_LIMIT + 1
    midpoints = (np.arange(QUANTILES) + 0.5) / QUANTILES
    i, j, q = np.meshgrid(np.arange(n), np.arange(n), midpoints, indexing="ij")
    return special.betaincinv(a0 + i, b0 + j, q).astype(np.float32)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _Plan:
    """What every chunk of samples reuses: the exact cells' steps, the approximated cells'
    terms."""

    # units of exact cells, in steps: a step holds the k-th unit of each cell's risk (or
    # against) side, so that no cell appears twice in a step: (cells, sources, weights,
    # what a true unit adds to the cell's index in the Beta tables)
    steps: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float32], np.int32]]
    many: NDArray[np.int64]  # cells with a side of more than EXACT_LIMIT units
    value: NDArray[np.float32]  # their posterior mean at the expected counts
    loading: NDArray[np.float32] | sparse.csr_matrix  # [cell, source]: on the shared draws
    spread: NDArray[np.float32]  # the rest of their standard deviation, drawn independently


def _plan(
    units: EvidenceUnits, n_cells: int, a0: NDArray[np.float32], b0: NDArray[np.float32]
) -> _Plan:
    """Split the cells into exact ones and approximated ones and work out each kind's terms.

    An approximated cell's value is linearised around its expected counts: each unit's
    truth [u_s < w] is its projection on the source's normal draw Phi^-1(u_s) plus an
    independent remainder, and the Beta posterior's own spread is added to the remainder.
    """
    counts = np.bincount(units.cell_side, minlength=2 * n_cells)
    big = np.maximum(counts[0::2], counts[1::2]) > EXACT_LIMIT
    exact = ~big[units.cell_side // 2]
    order = np.flatnonzero(exact)
    order = order[np.argsort(units.cell_side[order], kind="stable")]
    cs_sorted = units.cell_side[order]
    starts = np.searchsorted(cs_sorted, cs_sorted)  # where each unit's cell side begins
    rank = np.arange(order.size) - starts
    steps = []
    for k in range(EXACT_LIMIT):
        for side, increment in ((0, (EXACT_LIMIT + 1) * QUANTILES), (1, QUANTILES)):
            chosen = (rank == k) & (cs_sorted % 2 == side)
            if chosen.any():
                steps.append(
                    (
                        cs_sorted[chosen] // 2,
                        units.source[order[chosen]],
                        units.weight[order[chosen]].astype(np.float32)[:, None],
                        np.int32(increment),
                    )
                )
    many = np.flatnonzero(big)
    approx = ~exact
    w = units.weight[approx]
    cell = np.searchsorted(many, units.cell_side[approx] // 2)
    is_risk = units.cell_side[approx] % 2 == 0
    threshold = special.ndtri(np.clip(w, 1e-9, 1 - 1e-9))
    density = np.exp(-0.5 * threshold**2) / np.sqrt(2 * np.pi)
    risk = np.bincount(cell[is_risk], w[is_risk], minlength=many.size)
    against = np.bincount(cell[~is_risk], w[~is_risk], minlength=many.size)
    a, b = a0[many] + risk, b0[many] + against
    total = a + b
    mean = a / total
    slope = np.where(is_risk, b[cell], -a[cell]) / total[cell] ** 2  # d value / d count
    shape = (many.size, max(units.sources, 1))
    matrix = sparse.csr_matrix(
        ((-density * slope).astype(np.float32), (cell, units.source[approx])), shape=shape
    )
    # a dense product is faster while it fits in memory
    loading = matrix.toarray() if shape[0] * shape[1] <= DENSE_LOADINGS else matrix
    remainder = np.bincount(
        cell, slope**2 * np.maximum(w * (1 - w) - density**2, 0), minlength=many.size
    )
    beta = mean * (1 - mean) / (total + 1)
    return _Plan(
        steps=steps,
        many=many,
        value=mean.astype(np.float32),
        loading=loading,
        spread=np.sqrt(remainder + beta).astype(np.float32),
    )


def run_smaa(
    rubric: Rubric,
    candidates: Sequence[str],
    units: EvidenceUnits,
    *,
    samples: int,
    seed: int,
    ranked: Sequence[bool] | None = None,
    score_weights: Sequence[float] | None = None,
) -> SmaaResult:
    """Return the SMAA of the candidates' risk scores; the same seed gives the same result.

    ``ranked`` says which candidates take part in the ranks (all by default);
    ``score_weights`` gives each indicator's weight within its criterion (the
    rubric's by default; 0 keeps an indicator out of the score).
    """
    n_c, n_i = len(candidates), len(rubric.indicators)
    rng = np.random.default_rng(seed)
    crit_of = np.array([k for k, c in enumerate(rubric.criteria) for _ in c.indicators])
    raw = np.array(
        score_weights if score_weights is not None else [i.weight for i in rubric.indicators]
    )
    within = np.zeros(n_i)
    for k in range(len(rubric.criteria)):
        total = raw[crit_of == k].sum()
        if total > 0:
            within[crit_of == k] = raw[crit_of == k] / total
    low = np.array([c.bounds[0] for c in rubric.criteria])
    high = np.array([c.bounds[1] for c in rubric.criteria])
    alive = np.array([within[crit_of == k].sum() > 0 for k in range(len(rubric.criteria))])
    priors = sorted(
        {
            (rubric.prior_strength * i.prior, rubric.prior_strength * (1 - i.prior))
            for i in rubric.indicators
        }
    )
    prior_of = np.array(
        [
            priors.index((rubric.prior_strength * i.prior, rubric.prior_strength * (1 - i.prior)))
            for i in rubric.indicators
        ]
    )
    tables = np.stack([_beta_table(a, b) for a, b in priors]).reshape(-1)
    n_cells = n_c * n_i
    a0 = np.tile(np.array([p[0] for p in priors], np.float32)[prior_of], n_c)
    b0 = np.tile(np.array([p[1] for p in priors], np.float32)[prior_of], n_c)
    base = (np.tile(prior_of, n_c) * (EXACT_LIMIT + 1) ** 2 * QUANTILES).astype(np.int32)
    plan = _plan(units, n_cells, a0, b0)
    many_cells = plan.many
    n_src = max(units.sources, 1)

    # Laid out cells x samples, so that choosing cells picks whole rows.
    scores = np.empty((samples, n_c))
    chunk = max(1, CELLS_PER_CHUNK // max(n_cells, 1))
    for start in range(0, samples, chunk):
        n = min(chunk, samples - start)
        cw = rng.uniform(low, high, size=(n, len(low))) * alive
        cw /= cw.sum(axis=1, keepdims=True)
        weights = (cw[:, crit_of] * within).T.astype(np.float32)  # indicators x samples
        u = rng.random((n_src, n), dtype=np.float32)  # one draw per source and sample
        # a uniform bin per cell and sample (QUANTILES is a power of two: masked bytes)
        bins = np.frombuffer(rng.bytes(n_cells * n), dtype=np.uint8).reshape(n_cells, n)
        index = (bins & np.uint8(QUANTILES - 1)).astype(np.int32)
        index += base[:, None]
        for cells, sources, unit_weights, increment in plan.steps:
            index[cells] += (u[sources] < unit_weights) * increment  # a true unit moves the row
        values = tables[index]
        if many_cells.size:
            z = special.ndtri(np.clip(u, 1e-7, 1 - 1e-7)).astype(np.float32)
            drawn = rng.standard_normal((many_cells.size, n), dtype=np.float32)
            drawn *= plan.spread[:, None]
            drawn += np.asarray(plan.loading @ z, dtype=np.float32)
            drawn += plan.value[:, None]
            values[many_cells] = np.clip(drawn, 0, 1)
        scores[start : start + n] = np.einsum("cin,in->nc", values.reshape(n_c, n_i, n), weights)

    chosen = np.ones(n_c, bool) if ranked is None else np.asarray(ranked, bool)
    acceptability = np.zeros((n_c, n_c))
    columns = np.flatnonzero(chosen)
    if columns.size:
        sub = scores[:, columns]
        # exact ties (candidates with the same evidence) are broken at random, not by list order
        order = np.lexsort((rng.random(sub.shape), sub), axis=1)
        ranks = np.empty_like(order)
        ranks[np.arange(samples)[:, None], order] = np.arange(columns.size)
        m = columns.size
        flat = (ranks + np.arange(m) * m).ravel()
        acceptability[np.ix_(columns, np.arange(m))] = (
            np.bincount(flat, minlength=m * m).reshape(m, m) / samples
        )
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
