/**
 * Pooling: the same simulated claims kept as separate county pools or merged into one city
 * pool (the Jiaozuo change). Each pool runs the scheme's one ledger over the years, at the
 * same rate, on its own premium and claims, from its own opening balance:
 *
 *   county slices of each (scenario, year) ─▶ funding base, claims per pool
 *     ─▶ opening balance per pool (fund.county_opening_balance) ─▶ ledger ─▶ statistics
 *
 * Small pools swing more: their scheme money falls into deficit more often.
 */
import { YibaoError } from '../errors';
import { mulDivRound } from '../fund/exact';
import { type LedgerYear, type LedgerYearInput, openingBalanceOf, runLedger } from '../fund/ledger';
import type { FundRules } from '../fund/rules';
import { type Spread, spread } from './metrics';
import type { ContractOptions, RunInfo, VariantRun } from './simulate';

export interface PoolStats {
  pool: string;
  /** insured in year 1 of the first scenario */
  persons: number;
  /** the pool's opening balance, yuan (mean over scenarios) */
  openingBalance: number;
  /** probability that the pool's scheme money is in deficit in some year */
  deficitProbability: number;
  /** probability that the pool's balance (基金结余) is below 0 at some year end */
  poolDeficitProbability: number;
  /** Σ claims / Σ premium over the projection, per scenario (null: no premium somewhere) */
  lossRatio: (Spread & { sd: number }) | null;
}

export interface PoolingResult {
  counties: PoolStats[];
  city: PoolStats;
  /** probability that at least one county's scheme money is in deficit in some year */
  anyCountyDeficit: number;
}

/**
 * A county's part of the scheme's opening balance, fen: its share of the first year's
 * premium or of the insured (the scheme's `fund.county_opening_balance`), to the fen.
 */
function openingShare(
  rules: FundRules,
  opening: number,
  part: LedgerYear,
  whole: LedgerYear,
  heads: [number, number],
): number {
  if (opening === 0) return 0;
  if (!rules.countyOpeningBalance)
    throw new YibaoError(
      "pooling needs a rule for each county pool's part of the opening balance: set fund.county_opening_balance (premium_share or insured_share)",
      { field: 'fund.county_opening_balance' },
    );
  const [num, den] =
    rules.countyOpeningBalance === 'premium_share' ? [part.premium, whole.premium] : heads;
  if (den === 0)
    throw new YibaoError(
      `cannot split the opening balance by ${rules.countyOpeningBalance}: the city's is 0`,
      { field: 'fund.county_opening_balance' },
    );
  return mulDivRound(opening, num, den);
}

export function pooling(
  run: VariantRun,
  info: RunInfo,
  rate = run.funding.rate,
  contract: ContractOptions = {},
): PoolingResult {
  const names = info.counties;
  const counties = names.length;
  const perPerson = run.funding.kind === 'pool_share' || run.funding.kind === 'per_head';
  // ledgers[c][s]; c = counties is the city
  const ledgers: LedgerYear[][][] = Array.from({ length: counties + 1 }, () => []);
  const opening: number[][] = Array.from({ length: counties + 1 }, () => []);
  const persons = new Array(counties + 1).fill(0);
  run.agg.forEach((years, s) => {
    const inputs = (c: number): LedgerYearInput[] =>
      years.map((a, y) => {
        const slices = c < counties ? [a.byCounty[c]] : a.byCounty;
        const heads = slices.reduce((t, x) => t + x.persons, 0);
        const perHead = perPerson && a.persons > 0 ? run.fundingBase[s][y] / a.persons : 0;
        return {
          fundingBase: perPerson ? heads * perHead : slices.reduce((t, x) => t + x.fundingBase, 0),
          claims: slices.reduce((t, x) => t + x.insured, 0),
          ...(contract.lossCause && { lossCause: contract.lossCause }),
        };
      });
    const city = runLedger(run.fund, rate, inputs(counties), contract);
    const cityOpening = openingBalanceOf(run.fund);
    ledgers[counties].push(city);
    opening[counties].push(cityOpening);
    for (let c = 0; c < counties; c++) {
      // the county's first-year premium, for its share of the opening balance
      const first = runLedger(run.fund, rate, inputs(c).slice(0, 1), contract);
      const own = openingShare(run.fund, cityOpening, first[0], city[0], [
        years[0].byCounty[c].persons,
        years[0].persons,
      ]);
      ledgers[c].push(runLedger(run.fund, rate, inputs(c), { ...contract, openingBalance: own }));
      opening[c].push(own);
    }
    if (s === 0) {
      for (let c = 0; c < counties; c++) persons[c] = years[0].byCounty[c].persons;
      persons[counties] = years[0].persons;
    }
  });
  const S = run.agg.length;
  const inDeficit = (l: LedgerYear[]) => l.some((y) => y.schemeMoney < 0);
  const stats = (c: number, pool: string): PoolStats => {
    const ratios = ledgers[c].map((l) => {
      const premium = l.reduce((t, y) => t + y.premium, 0);
      return premium > 0 ? l.reduce((t, y) => t + y.claims, 0) / premium : null;
    });
    let lossRatio: PoolStats['lossRatio'] = null;
    if (!ratios.includes(null)) {
      const r = ratios as number[];
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(r.length - 1, 1));
      lossRatio = { ...spread(r), sd };
    }
    return {
      pool,
      persons: persons[c],
      openingBalance: opening[c].reduce((a, b) => a + b, 0) / S / 100,
      deficitProbability: ledgers[c].filter(inDeficit).length / S,
      poolDeficitProbability: ledgers[c].filter((l) => l.some((y) => y.poolBalance < 0)).length / S,
      lossRatio,
    };
  };
  const anyCounty = run.agg.filter((_, s) =>
    ledgers.slice(0, counties).some((l) => inDeficit(l[s])),
  ).length;
  return {
    counties: names.map((n, c) => stats(c, n)),
    city: stats(counties, '全市 city pool'),
    anyCountyDeficit: anyCounty / S,
  };
}
