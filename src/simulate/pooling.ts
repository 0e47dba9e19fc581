/**
 * Pooling: the same simulated claims kept as separate county pools or merged into one city
 * pool (the Jiaozuo change). Each pool's account runs over the years at the scheme's rate
 * with its admin share; small pools swing more and fall into deficit more often.
 */
import type { RunInfo, VariantRun } from './simulate';

export interface PoolStats {
  pool: string;
  persons: number;
  /** probability that the pool's account is in deficit at the end of any year */
  deficitProbability: number;
  /** spread of the final balance as a share of the pool's premium over the years */
  balanceRatio: { p05: number; p50: number; p95: number; sd: number };
}

export interface PoolingResult {
  counties: PoolStats[];
  city: PoolStats;
  /** probability that at least one county pool is in deficit at some year end */
  anyCountyDeficit: number;
}

export function pooling(run: VariantRun, info: RunInfo, rate = run.funding.rate): PoolingResult {
  const names = info.counties;
  const perPerson = run.funding.kind === 'pool_share' || run.funding.kind === 'per_head';
  const counties = names.length;
  // balances[c][s] over the years; c = counties is the city
  const deficit = new Array(counties + 1).fill(0);
  const ratios: number[][] = Array.from({ length: counties + 1 }, () => []);
  const persons = new Array(counties + 1).fill(0);
  let anyCounty = 0;
  run.agg.forEach((years, s) => {
    const balance = new Array(counties + 1).fill(run.fund.openingBalance);
    const premiumSum = new Array(counties + 1).fill(0);
    const inDeficit = new Array(counties + 1).fill(false);
    years.forEach((a, y) => {
      const perHeadBase = perPerson && a.persons > 0 ? run.fundingBase[s][y] / a.persons : 0;
      for (let c = 0; c <= counties; c++) {
        const slices = c < counties ? [a.byCounty[c]] : a.byCounty;
        const heads = slices.reduce((t, x) => t + x.persons, 0);
        const base = perPerson
          ? heads * perHeadBase
          : slices.reduce((t, x) => t + x.fundingBase, 0);
        const premium = rate * base;
        const claims = slices.reduce((t, x) => t + x.insured, 0) / 100;
        balance[c] += premium * (1 - run.fund.adminShare) - claims;
        premiumSum[c] += premium;
        if (balance[c] < 0) inDeficit[c] = true;
        if (y === 0 && s === 0) persons[c] = heads;
      }
    });
    for (let c = 0; c <= counties; c++) {
      if (inDeficit[c]) deficit[c]++;
      ratios[c].push(balance[c] / premiumSum[c]);
    }
    if (inDeficit.slice(0, counties).some(Boolean)) anyCounty++;
  });
  const S = run.agg.length;
  const stats = (c: number, pool: string): PoolStats => {
    const r = [...ratios[c]].sort((a, b) => a - b);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const at = (p: number) => r[Math.min(r.length - 1, Math.floor(p * r.length))];
    return {
      pool,
      persons: persons[c],
      deficitProbability: deficit[c] / S,
      balanceRatio: {
        p05: at(0.05),
        p50: at(0.5),
        p95: at(0.95),
        sd: Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(r.length - 1, 1)),
      },
    };
  };
  return {
    counties: names.map((n, c) => stats(c, n)),
    city: stats(counties, '全市 city pool'),
    anyCountyDeficit: anyCounty / S,
  };
}
