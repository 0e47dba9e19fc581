#!/usr/bin/env python3
"""
Independent, vectorised numpy implementation of the benchmark workloads W1
`dazhou-employee` and W2 `guiyang-resident` (bench/workloads/*.yaml).

It serves two purposes: the TypeScript engine's results should agree with these within
Monte Carlo error, and its persons/second on the same machine is the speed comparator.
Standard library + numpy only; written for this repository, used by no test and no CI.

    python3 bench/reference/numpy_workloads.py dazhou-employee --persons 10000000 --repeat 3
    python3 bench/reference/numpy_workloads.py guiyang-resident --seeds 1..40 --persons 2000000
    python3 bench/reference/numpy_workloads.py dazhou-employee --check

How it is vectorised
--------------------
Persons are processed in chunks of CHUNK (memory stays bounded). Within a chunk, persons
are exchangeable, so they are relabelled in decreasing order of their admission count:
then the persons with at least j+1 admissions are a *prefix* of the claimants, and the
year is settled "rank by rank": step j settles every claimant's (j+1)-th admission at
once, on prefix slices (views, no gathering). The Python loop runs over the admission
rank (about 10 steps), never over persons or events. Because each person's state is
updated in event order, this is the sequential rule itself (cap left, running layer
bases, what the layer has paid so far), including the clamps, with no need to rebuild
running sums from a global cumsum.

Exact money
-----------
Money is integer fen. `covered = basic / share` and friends are not rounded (the rules
say so); they are rationals with denominator share's numerator (17 for 0.85, 7 for 0.70),
so the layer bases are carried exactly as integers in units of 1/numerator fen, and
"round half-up to the fen" (floor(x + 1/2)) is applied to the exact rational by integer
floor division. The result is what exact decimal arithmetic gives; a float
floor(x + 0.5) would sometimes land on the wrong side of an exact half fen. The --check
mode compares against a slow per-event loop in `fractions.Fraction`.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np

CHUNK = 2_000_000
"""Persons per chunk: peak memory is set by this, not by --persons."""

QUANTILES = (Fraction(95, 100), Fraction(99, 100))


# ---------------------------------------------------------------------------------------
# Workload definitions (money in fen)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """Marginal band: rate × (min(base, to) − from)⁺ ; `to` None means no upper end."""

    from_fen: int
    to_fen: int | None
    rate: Fraction


@dataclass(frozen=True)
class Component:
    """A year-accumulated base (one ledger quantity summed over events) and its bands."""

    quantity: str  # 'coinsurance' | 'above_cap' | 'personal_scope'
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Workload:
    name: str
    admissions_mean: float  # Poisson λ per person-year
    cost_mean: float  # yuan, lognormal
    cost_cv: float
    deductible_fen: int  # per admission
    share: Fraction  # basic fund share
    basic_cap_fen: int  # annual
    components: tuple[Component, ...]
    layer_cap_fen: int
    premium_per_head_fen: int | None = None
    # payroll premium: contribution base lognormal (yuan) × rate
    base_mean: float | None = None
    base_cv: float | None = None
    payroll_rate: float | None = None


WORKLOADS = {
    "dazhou-employee": Workload(
        name="dazhou-employee",
        admissions_mean=0.15,
        cost_mean=12_000.0,
        cost_cv=1.5,
        deductible_fen=80_000,
        share=Fraction(85, 100),
        basic_cap_fen=10_000_000,
        components=(
            Component("coinsurance", (Band(400_000, None, Fraction(75, 100)),)),
            Component("above_cap", (Band(0, None, Fraction(85, 100)),)),
        ),
        layer_cap_fen=30_000_000,
        base_mean=60_000.0,
        base_cv=0.5,
        payroll_rate=0.0032,
    ),
    "guiyang-resident": Workload(
        name="guiyang-resident",
        admissions_mean=0.18,
        cost_mean=8_000.0,
        cost_cv=1.6,
        deductible_fen=60_000,
        share=Fraction(70, 100),
        basic_cap_fen=15_000_000,
        components=(
            Component(
                "personal_scope",
                (
                    Band(700_000, 6_000_000, Fraction(60, 100)),
                    Band(6_000_000, 9_000_000, Fraction(65, 100)),
                    Band(9_000_000, None, Fraction(70, 100)),
                ),
            ),
        ),
        layer_cap_fen=20_000_000,
        premium_per_head_fen=8_160,
    ),
}


# ---------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------


@dataclass
class Chunk:
    persons: int
    premium_fen: int
    # claimants_by_rank[j] = number of persons with more than j admissions (non-increasing)
    claimants_by_rank: np.ndarray
    # admission costs in fen, rank-major: rank j's costs are costs[offsets[j]:offsets[j+1]],
    # the i-th of them belonging to the i-th claimant (claimants in decreasing count order)
    costs_fen: np.ndarray
    offsets: np.ndarray


def lognormal_fen(rng: np.random.Generator, mean: float, cv: float, n: int) -> np.ndarray:
    """n lognormal amounts with the given mean and CV (yuan), rounded half-up to whole fen
    (float64 holding whole numbers)."""
    sigma2 = math.log1p(cv * cv)
    x = rng.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2), n)
    x *= 100
    x += 0.5
    return np.floor(x, out=x)


def premium_fen(rng: np.random.Generator, wl: Workload, n: int) -> int:
    if wl.premium_per_head_fen is not None:
        return wl.premium_per_head_fen * n
    base = lognormal_fen(rng, wl.base_mean, wl.base_cv, n)
    # floor(base_fen × 0.0032 + 0.5) in floats is exact here: base_fen × 32/10000 has
    # fractional part k/625, never 1/2 and at least 0.0008 away from it, far beyond the
    # float error (a few 1e-10 at these magnitudes).
    base *= wl.payroll_rate
    base += 0.5
    np.floor(base, out=base)
    return int(base.sum(dtype=np.float64))  # whole numbers < 2^53: the sum is exact


def draw_chunk(rng: np.random.Generator, wl: Workload, n: int) -> Chunk:
    """One chunk's random inputs: admission counts, premium, admission costs."""
    counts = rng.poisson(wl.admissions_mean, n)
    histogram = np.bincount(counts)
    # number of persons with more than j admissions, j = 0 .. max count − 1
    claimants_by_rank = (n - np.cumsum(histogram))[:-1].astype(np.int64)
    del counts  # only the histogram matters: persons are exchangeable
    premium = premium_fen(rng, wl, n)
    offsets = np.concatenate(([0], np.cumsum(claimants_by_rank)))
    # The costs are i.i.d., so drawing them in rank-major order is as good as any order.
    costs = lognormal_fen(rng, wl.cost_mean, wl.cost_cv, int(offsets[-1])).astype(np.int64)
    return Chunk(n, premium, claimants_by_rank, costs, offsets)


# ---------------------------------------------------------------------------------------
# Vectorised settlement
# ---------------------------------------------------------------------------------------


@dataclass
class Settled:
    """Per claimant (claimants in decreasing count order), fen."""

    cost: np.ndarray
    basic: np.ndarray
    layer: np.ndarray


def half_up_quotient(numerator: np.ndarray, denominator: int) -> np.ndarray:
    """floor(numerator / denominator + 1/2) for integer arrays, exactly."""
    return (2 * numerator + denominator) // (2 * denominator)


def rate_denominator(wl: Workload) -> int:
    """The lcm of the band rates' denominators: raw × k × this is an integer."""
    lcm = 1
    for component in wl.components:
        for band in component.bands:
            lcm = math.lcm(lcm, band.rate.denominator)
    return lcm


def base_increment(wl: Workload, quantity: str, eligible, basic, cost):
    """One event's ledger quantity × share numerator k (an integer; share = k/m):
    covered = basic·m/k, coinsurance = (1 − share)·covered = (m − k)·basic / k,
    above_cap = eligible − covered = (k·eligible − m·basic) / k,
    personal_scope = scope − basic (scope = cost: everything is policy-scope)."""
    k, m = wl.share.numerator, wl.share.denominator
    if quantity == "coinsurance":
        return (m - k) * basic
    if quantity == "above_cap":
        return k * eligible - m * basic
    if quantity == "personal_scope":
        return k * (cost - basic)
    raise ValueError(quantity)


def settle_chunk(wl: Workload, chunk: Chunk) -> Settled:
    """Settles every claimant's year, one admission rank at a time (see the module doc)."""
    ranks = len(chunk.claimants_by_rank)
    claimants = int(chunk.claimants_by_rank[0]) if ranks else 0
    # Layer bases are integers in units of 1/k fen (k = share's numerator) and raw is kept
    # as raw × d, d = k × lcm(rate denominators), an integer. Magnitudes stay far inside
    # int64 (a year's base of 10^10 fen gives raw × d below 10^14).
    k = wl.share.numerator
    lcm = rate_denominator(wl)
    d = k * lcm
    cost_sum = np.zeros(claimants, np.int64)
    basic_sum = np.zeros(claimants, np.int64)
    paid = np.zeros(claimants, np.int64)
    bases = [np.zeros(claimants, np.int64) for _ in wl.components]

    for j in range(ranks):
        m = int(chunk.claimants_by_rank[j])  # claimants with a (j+1)-th admission: a prefix
        cost = chunk.costs_fen[chunk.offsets[j] : chunk.offsets[j + 1]]

        # basic insurance: deductible, share (half-up, exact), annual cap left
        eligible = np.maximum(cost - wl.deductible_fen, 0)
        basic = half_up_quotient(wl.share.numerator * eligible, wl.share.denominator)
        np.minimum(basic, wl.basic_cap_fen - basic_sum[:m], out=basic)
        basic_sum[:m] += basic
        cost_sum[:m] += cost

        # layer: running bases (units 1/k fen), marginal bands → raw × d (an integer)
        raw_d = np.zeros(m, np.int64)
        for component, base in zip(wl.components, bases):
            base[:m] += base_increment(wl, component.quantity, eligible, basic, cost)
            for band in component.bands:
                part = base[:m] - band.from_fen * k
                if band.to_fen is not None:
                    np.minimum(part, (band.to_fen - band.from_fen) * k, out=part)
                np.maximum(part, 0, out=part)
                weight = band.rate.numerator * (lcm // band.rate.denominator)
                raw_d += weight * part
        owed = np.minimum(half_up_quotient(raw_d, d), wl.layer_cap_fen)
        # pay what is owed beyond what was paid; never negative (a rounding residue can
        # make the base dip), never more than the event's cost left after basic (guard)
        pay = owed - paid[:m]
        np.maximum(pay, 0, out=pay)
        np.minimum(pay, cost - basic, out=pay)
        paid[:m] += pay

    return Settled(cost_sum, basic_sum, paid)


# ---------------------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------------------


@dataclass
class Totals:
    persons: int = 0
    admissions: int = 0
    premium_fen: int = 0
    basic_fen: int = 0
    layer_fen: int = 0
    beneficiaries: int = 0
    oop_fen: int = 0
    oop_zeros: int = 0

    def __post_init__(self):
        self.oop_positive: list[np.ndarray] = []

    def add(self, chunk: Chunk, settled: Settled) -> None:
        oop = settled.cost - settled.basic - settled.layer
        positive = oop[oop > 0]
        self.persons += chunk.persons
        self.admissions += int(chunk.offsets[-1])
        self.premium_fen += chunk.premium_fen
        self.basic_fen += int(settled.basic.sum())
        self.layer_fen += int(settled.layer.sum())
        self.beneficiaries += int(np.count_nonzero(settled.layer > 0))
        self.oop_fen += int(oop.sum())
        self.oop_zeros += chunk.persons - len(positive)
        self.oop_positive.append(positive)


def sparse_quantiles(positive: list[np.ndarray], zeros: int, qs) -> list[int]:
    """Type-1 quantiles (the value at rank ceil(q·n), 1-based) of `zeros` zeros and the
    positive values, exactly: a selection on the positives with the rank shifted."""
    values = np.concatenate(positive) if positive else np.zeros(0, np.int64)
    n = len(values) + zeros
    ranks = [max(1, -((-q.numerator * n) // q.denominator)) for q in qs]  # exact ceil
    wanted = sorted({r - zeros - 1 for r in ranks if r > zeros})
    selected = np.partition(values, wanted) if wanted else values
    return [0 if r <= zeros else int(selected[r - zeros - 1]) for r in ranks]


def yuan(fen: float) -> float:
    return round(fen / 100, 2)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------


def run(wl: Workload, persons: int, seed: int) -> dict:
    """Generate, settle and aggregate `persons` person-years; timed end to end."""
    start = time.perf_counter()
    cpu_start = time.process_time()
    rng = np.random.default_rng(seed)
    totals = Totals()
    left = persons
    while left > 0:
        n = min(CHUNK, left)
        chunk = draw_chunk(rng, wl, n)
        totals.add(chunk, settle_chunk(wl, chunk))
        left -= n
    p95, p99 = sparse_quantiles(totals.oop_positive, totals.oop_zeros, QUANTILES)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return {
        "workload": wl.name,
        "persons": persons,
        "admissions": totals.admissions,
        "premium": yuan(totals.premium_fen),
        "basic": yuan(totals.basic_fen),
        "layer": yuan(totals.layer_fen),
        "loss_ratio": round(totals.layer_fen / totals.premium_fen, 4),
        "beneficiaries": totals.beneficiaries,
        "oop_mean": yuan(totals.oop_fen / persons),
        "oop_p95": yuan(p95),
        "oop_p99": yuan(p99),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "persons_per_second": round(persons / max(seconds, 1e-9)),
        "peak_rss_mb": peak_rss_mb(),
        # unrounded figures for --seeds (removed before printing)
        "_layer_fen": totals.layer_fen,
        "_premium_fen": totals.premium_fen,
    }


def public(result: dict) -> dict:
    return {k: v for k, v in result.items() if not k.startswith("_")}


def over_seeds(wl: Workload, persons: int, first: int, last: int) -> None:
    """One run per seed (a line each), then means, SDs and standard errors over seeds."""
    rows = []
    for seed in range(first, last + 1):
        r = run(wl, persons, seed)
        print(json.dumps({"seed": seed, **public(r)}), flush=True)
        rows.append(r)
    n = len(rows)
    per_seed = {
        "loss_ratio": np.array([r["_layer_fen"] / r["_premium_fen"] for r in rows]),
        "oop_mean": np.array([r["oop_mean"] for r in rows]),
        "oop_p95": np.array([r["oop_p95"] for r in rows]),
        "oop_p99": np.array([r["oop_p99"] for r in rows]),
        "admissions_per_person": np.array([r["admissions"] / persons for r in rows]),
        "beneficiaries_per_1000": np.array([1000 * r["beneficiaries"] / persons for r in rows]),
    }
    mean = {k: float(v.mean()) for k, v in per_seed.items()}
    # the loss ratio over seeds is pooled (Σ layer / Σ premium), as one run of n × persons
    mean["loss_ratio"] = sum(r["_layer_fen"] for r in rows) / sum(r["_premium_fen"] for r in rows)
    sd = {k: float(v.std(ddof=1)) if n > 1 else 0.0 for k, v in per_seed.items()}
    se = {k: v / math.sqrt(n) for k, v in sd.items()}
    print(
        json.dumps(
            {
                "mean_over_seeds": {k: round(v, 6) for k, v in mean.items()},
                "sd": {k: round(v, 6) for k, v in sd.items()},
                "se": {k: round(v, 6) for k, v in se.items()},
                "seeds": n,
                "persons_per_seed": persons,
            }
        ),
        flush=True,
    )


# ---------------------------------------------------------------------------------------
# --check: the vectorised settlement against a slow, exact, per-event loop
# ---------------------------------------------------------------------------------------


def half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def settle_person_exact(wl: Workload, costs: list[int]) -> tuple[int, int, dict]:
    """The rules read literally, event by event, in exact rationals. Returns (basic,
    layer paid, notes) for one person-year."""
    share = wl.share
    cap_left = wl.basic_cap_fen
    year = {"coinsurance": Fraction(0), "above_cap": Fraction(0), "personal_scope": Fraction(0)}
    basic_total = paid = 0
    notes = {"basic_cap": False, "layer_cap": False, "clamp": False, "guard": False}
    for cost in costs:
        scope = cost
        eligible = max(scope - wl.deductible_fen, 0)
        basic = min(half_up(share * eligible), cap_left)
        notes["basic_cap"] |= basic < half_up(share * eligible)
        cap_left -= basic
        covered = Fraction(basic) / share
        year["coinsurance"] += (1 - share) * covered
        year["above_cap"] += eligible - covered
        year["personal_scope"] += scope - basic
        raw = Fraction(0)
        for component in wl.components:
            base = year[component.quantity]
            for band in component.bands:
                top = base if band.to_fen is None else min(base, band.to_fen)
                raw += band.rate * max(top - band.from_fen, 0)
        owed = half_up(raw)
        notes["layer_cap"] |= owed > wl.layer_cap_fen
        owed = min(owed, wl.layer_cap_fen)
        pay = owed - paid
        notes["clamp"] |= pay < 0
        pay = max(pay, 0)
        notes["guard"] |= pay > cost - basic
        pay = min(pay, cost - basic)
        paid += pay
        basic_total += basic
    return basic_total, paid, notes


def person_costs(chunk: Chunk) -> list[list[int]]:
    """The rank-major costs regrouped per claimant, in event order."""
    claimants = int(chunk.claimants_by_rank[0]) if len(chunk.claimants_by_rank) else 0
    per = [[] for _ in range(claimants)]
    for j, m in enumerate(chunk.claimants_by_rank):
        for i, c in enumerate(chunk.costs_fen[chunk.offsets[j] : chunk.offsets[j] + m].tolist()):
            per[i].append(c)
    return per


def chunk_of(costs_per_person: list[list[int]], persons: int) -> Chunk:
    """A chunk built from explicit per-person costs (for hand-made cases)."""
    order = sorted(costs_per_person, key=len, reverse=True)
    ranks = max((len(c) for c in order), default=0)
    by_rank = np.array([sum(1 for c in order if len(c) > j) for j in range(ranks)], np.int64)
    offsets = np.concatenate(([0], np.cumsum(by_rank))).astype(np.int64)
    costs = [c[j] for j in range(ranks) for c in order if len(c) > j]
    return Chunk(persons, 0, by_rank, np.array(costs, np.int64), offsets)


def compare(wl: Workload, chunk: Chunk, label: str) -> dict:
    """Asserts per-person equality to the fen; returns counts of the cases exercised."""
    fast = settle_chunk(wl, chunk)
    seen = {"persons": chunk.persons, "claimants": len(fast.basic), "layer_paid": 0}
    for i, costs in enumerate(person_costs(chunk)):
        basic, paid, notes = settle_person_exact(wl, costs)
        assert fast.cost[i] == sum(costs), (label, i)
        assert (fast.basic[i], fast.layer[i]) == (basic, paid), (label, i, costs, basic, paid,
                                                                 int(fast.basic[i]), int(fast.layer[i]))
        seen["layer_paid"] += paid > 0
        for key, hit in notes.items():
            seen[key] = seen.get(key, 0) + hit
    return seen


def check(wl: Workload, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # 1. the workload itself
    plain = compare(wl, draw_chunk(rng, wl, 20_000), "workload")
    # 2. stressed: many large admissions, so both caps, several bands and long years occur
    stressed_wl = replace(wl, admissions_mean=3.0, cost_mean=wl.cost_mean * 8)
    stressed = compare(wl, draw_chunk(rng, stressed_wl, 3_000), "stressed")
    # 3. hand-made rounding cases at the deductible's edge (exact half fens, dips)
    d = wl.deductible_fen
    hand = [[d + 5, d + 5, d + 1], [d + 5, d + 5], [d + 10, d + 30, d + 1, d + 7], [d - 1],
            [d], [d + 1], [0, 0], [10 ** 9, 1, 10 ** 7]]
    hand_seen = compare(wl, chunk_of(hand, len(hand)), "hand")
    if wl.name == "dazhou-employee":
        # above_cap residues: 5 → basic 4 (4.25 rounded), residue 5/17 fen each; two of
        # them make raw exactly 0.5 → 1 fen; the third event's residue −3/17 makes owed
        # drop to 0, and nothing is taken back (pay clamped at 0)
        assert settle_person_exact(wl, hand[0])[1] == 1 and hand_seen["clamp"] >= 1

    # 4. the exact quantile against numpy's inverted_cdf on the full sample
    sample = rng.integers(0, 5, 1000) * rng.integers(1, 10**6, 1000)
    positive = [sample[:400][sample[:400] > 0], sample[400:][sample[400:] > 0]]
    zeros = int(np.count_nonzero(sample == 0))
    ours = sparse_quantiles(positive, zeros, QUANTILES + (Fraction(1, 2), Fraction(1, 1000)))
    theirs = np.quantile(sample, [0.95, 0.99, 0.5, 0.001], method="inverted_cdf")
    assert ours == [int(x) for x in theirs], (ours, theirs)

    print(json.dumps({"workload": wl.name, "plain": plain, "stressed": stressed, "hand": hand_seen}))
    print("check ok")


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="timing repeats, same seed")
    parser.add_argument("--seeds", metavar="A..B", help="one run per seed A..B, then means and SDs")
    parser.add_argument("--check", action="store_true", help="vectorised vs exact loop")
    args = parser.parse_args(argv)
    wl = WORKLOADS[args.workload]
    if args.persons < 1 or args.repeat < 1:
        parser.error("--persons and --repeat must be at least 1")
    if args.check:
        check(wl, args.seed)
    elif args.seeds:
        try:
            first, last = (int(x) for x in args.seeds.split(".."))
        except ValueError:
            parser.error("--seeds takes A..B, e.g. 1..40")
        over_seeds(wl, args.persons, first, last)
    else:
        for _ in range(args.repeat):
            print(json.dumps(public(run(wl, args.persons, args.seed))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
