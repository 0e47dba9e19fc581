/**
 * Large-pool against brute force on the same scenarios (issue 10's agreement, held by
 * test/simulate/large-pool/agreement.test.ts and bench/large-pool.ts): each check with the
 * two figures, its tolerance and whether it holds.
 *
 * - per scenario: the loss ratio and the pool's balance differ by no more than the
 *   persons' own randomness allows — the root mean square of the differences within twice
 *   √(2 + r²)·σ, σ the persons' randomness of one scenario (the scenarios' spread of brute
 *   force × √ its share of the variance, as the large-pool run estimates it), r the grid's
 *   sampling error over σ (both methods have σ in each scenario, independently);
 * - P(deficit in any year) and VaR/TVaR 95% of the insurer's result: within two Monte Carlo
 *   standard errors (binomial for the probability, bootstrap for the tail);
 * - out-of-pocket p50/p90/p99, per person and per claimant: within 1%, or within the
 *   grid's own sampling error of the quantile where that is larger — the half-width of the
 *   order-statistic interval Q(q ± 2√(q(1 − q)/n)) of the large-pool distribution, n the
 *   person-years (or claimants) of one grid point;
 * - persons above the alert line and catastrophic spenders: within 2%, or two binomial
 *   standard errors of one grid point's count where that is larger.
 */
import { bootstrapError } from '../bootstrap';
import { type Summary, summarize, tailRisk } from '../metrics';
import type { SimulationResult } from '../simulate';

export interface Check {
  name: string;
  year?: number;
  mc: number;
  largePool: number;
  /** the largest difference allowed (absolute, in the figure's unit) */
  tolerance: number;
  /** the difference measured (absolute) */
  difference: number;
  holds: boolean;
}

function check(
  name: string,
  mc: number,
  largePool: number,
  tolerance: number,
  year?: number,
  difference = Math.abs(largePool - mc),
): Check {
  return { name, year, mc, largePool, tolerance, difference, holds: difference <= tolerance };
}

function sd(values: number[]): number {
  const m = values.reduce((t, v) => t + v, 0) / values.length;
  return Math.sqrt(values.reduce((t, v) => t + (v - m) ** 2, 0) / Math.max(1, values.length - 1));
}

function rms(values: number[]): number {
  return Math.sqrt(values.reduce((t, v) => t + v * v, 0) / values.length);
}

/** The checks of `lp` (large-pool) against `mc` (brute force), run on the same scenarios. */
export function agreement(
  mc: SimulationResult,
  lp: SimulationResult,
): { checks: Check[]; mc: Summary; largePool: Summary } {
  const method = lp.info.method?.largePool;
  if (!method) throw new Error('agreement: the second result is not a large-pool run');
  const { errors } = method;
  const gridPersonYears = method.replicates * method.personsPerReplicate;
  const S = mc.outcomes.length;
  const checks: Check[] = [];
  const sm = summarize(mc);
  const sl = summarize(lp);
  let balanceVariance = 0;
  errors.forEach((e, y) => {
    const allow = 2 * Math.sqrt(2 + e.samplingToProcess ** 2);
    const lr = (r: SimulationResult) => r.outcomes.map((o) => o[y].lossRatio ?? 0);
    const own = sd(lr(mc)) * Math.sqrt(e.processShare);
    const dl = lr(lp).map((v, s) => v - lr(mc)[s]);
    checks.push(check('loss ratio, rms per scenario', 0, 0, allow * own, y + 1, rms(dl)));
    // the balance carries the claims' differences of every year so far
    const claims = mc.outcomes.map((o) => o[y].claims);
    balanceVariance += sd(claims) ** 2 * e.processShare;
    const bal = (r: SimulationResult) => r.outcomes.map((o) => o[y].poolBalance);
    const db = bal(lp).map((v, s) => v - bal(mc)[s]);
    checks.push(
      check(
        'pool balance (fen), rms per scenario',
        0,
        0,
        allow * Math.sqrt(balanceVariance),
        y + 1,
        rms(db),
      ),
    );
    const bm = sm.years[y].burden;
    const bl = sl.years[y].burden;
    const aggs = lp.run.agg.map((x) => x[y]);
    const persons = aggs.reduce((t, x) => t + x.persons, 0);
    const claimants = aggs.reduce((t, x) => t + x.claimants, 0);
    for (const [who, a, b, n] of [
      ['per person', bm.perPerson, bl.perPerson, persons],
      ['per claimant', bm.perClaimant, bl.perClaimant, claimants],
    ] as const)
      for (const [q, level] of [
        ['p50', 0.5],
        ['p90', 0.9],
        ['p99', 0.99],
      ] as const) {
        // one grid point's sample, in the proportion of the run's claimants to persons
        const sample = (gridPersonYears * n) / persons;
        const d = 2 * Math.sqrt((level * (1 - level)) / sample);
        const [lo, hi] = lp.run.oop[y].quantiles([level - d, Math.min(1, level + d)], n);
        const sampling = (hi - lo) / 2 / 100;
        checks.push(
          check(
            `out of pocket ${q} ${who} (yuan)`,
            a[q],
            b[q],
            Math.max(0.01 * a[q], sampling),
            y + 1,
          ),
        );
      }
    // two binomial standard errors of one grid point's count, relative, or the share given
    const countTolerance = (share: number, relative: number) =>
      Math.max(relative, 2 / Math.sqrt(Math.max(share, 1e-12) * gridPersonYears));
    checks.push(
      check(
        'persons above the alert line',
        bm.aboveAlert,
        bl.aboveAlert,
        countTolerance((bm.aboveAlert * S) / persons, 0.02) * bm.aboveAlert,
        y + 1,
      ),
    );
    checks.push(
      check(
        'catastrophic spending share',
        bm.catastrophicCapacityShare,
        bl.catastrophicCapacityShare,
        countTolerance(bm.catastrophicCapacityShare, 0.02) * bm.catastrophicCapacityShare,
        y + 1,
      ),
    );
  });
  const p = (sm.deficitAnyTime + sl.deficitAnyTime) / 2;
  checks.push(
    check(
      'P(deficit in any year)',
      sm.deficitAnyTime,
      sl.deficitAnyTime,
      2 * Math.sqrt((2 * p * (1 - p)) / S),
    ),
  );
  const insurer = mc.outcomes.map((o) => o.reduce((t, y) => t + y.insurerResult, 0) / 100);
  for (const key of ['var95', 'tvar95'] as const) {
    const se = bootstrapError(
      mc.info.seed,
      `agreement-${key}`,
      S,
      (sample) => tailRisk(sample.map((s) => insurer[s]))[key],
    ).standardError;
    checks.push(
      check(
        `${key} of the insurer's result (yuan)`,
        sm.insurer[key],
        sl.insurer[key],
        2 * Math.SQRT2 * se,
      ),
    );
  }
  return { checks, mc: sm, largePool: sl };
}
