/**
 * Repricing last year's claims under a proposed rule (政策调整测算), exact engine:
 *
 *   claims file ──one person at a time──▶ trend (amounts × (1 + c); persons resampled by u)
 *     ──▶ settled under the baseline and every variant, in batches, as `adjudicate` does:
 *         the fast engine where it is certain to the fen, the exact engine (decimal.js) elsewhere
 *     ──▶ a row per person in DuckDB (settled-table.ts) ──SQL──▶ sums in whole fen: per
 *         payer (basic, each layer, aid), out-of-pocket, billed; per slice (group, status,
 *         cost band): persons, out-of-pocket, who gains or loses; persons whose
 *         out-of-pocket passes the alert threshold
 *
 * Every variant settles the same persons and the same (trended) bills, so each difference
 * is the rule's alone. Amounts are summed as integer fen (HUGEINT in SQL: exact); per insured and per claimant figures are those sums divided, shown to the fen.
 */
import type { Calibration } from '../calibration/model';
import { BATCH, checkMember, settleExactly } from '../engine/adjudicate';
import { compilePlan } from '../engine/fast/plan';
import { YibaoError } from '../errors';
import { type ClaimsPerson, readClaims } from '../io/claims-csv';
import type { Encoding } from '../io/decode';
import { openDuckDb } from '../io/duckdb';
import * as msg from '../messages';
import { GROUPS, STATUSES } from '../model/codes';
import type { Scheme } from '../scheme/types';
import { SettledTable } from './settled-table';
import { copiesOf, NO_TREND, type Trend, trendedPerson } from './trend';

export interface RepriceVariant {
  /** how the variant is named in the output: the override list or the file */
  name: string;
  scheme: Scheme;
}

export interface RepriceOptions {
  trend?: Trend;
  /** insured persons, those without claims included; default: the persons in the file */
  insured?: number;
  /** called with the lines read so far */
  onProgress?: (lines: number) => void;
  /** the claims CSV's text encoding (default UTF-8) */
  encoding?: Encoding;
}

/** Sums of one scheme (baseline or variant), in fen. */
export interface SchemeSums {
  name: string;
  /** payer id (basic, each layer id, aid) → fen paid */
  paid: Map<string, number>;
  oop: number;
  /** persons whose out-of-pocket is above the alert threshold */
  aboveAlert: number;
}

export interface SliceSums {
  kind: 'group' | 'status' | 'cost band';
  slice: string;
  persons: number;
  /** per scheme: Σ out-of-pocket (fen); persons paying less / more than under the baseline */
  oop: number[];
  gainers: number[];
  losers: number[];
}

export interface RepriceResult {
  claimsFile: string;
  /** schemes[0] is the baseline */
  schemes: SchemeSums[];
  /** payers in output order: basic, the layers of every scheme (union), aid */
  payers: string[];
  /** Σ billed (fen), the same for every scheme */
  billed: number;
  insured: number;
  /** persons in the file, and counted after the utilisation trend */
  personsInFile: number;
  claimants: number;
  slices: SliceSums[];
  alertThreshold: number;
  trend: Trend;
}

/** `1234.56` (two decimals, as settleExactly writes) → 123456 fen, exactly. */
function fenOfText(text: string): number {
  const dot = text.length - 3;
  return Number(text.slice(0, dot)) * 100 + Number(text.slice(dot + 1));
}

/** The cost band of a billed amount (fen): its index among the calibration's edges (yuan). */
function bandOf(edges: number[], billed: number): number {
  let i = edges.length - 1;
  while (i > 0 && billed < edges[i] * 100) i--;
  return i;
}

/** A band's name: `from–to` yuan, or `from+` for the last. */
function bandName(edges: number[], i: number): string {
  return i === edges.length - 1 ? `${edges[i]}+` : `${edges[i]}–${edges[i + 1]}`;
}

/**
 * Reprices `claimsFile` under `baseline` and each of `variants`. The calibration gives the
 * alert threshold and the cost bands (burden block).
 */
export async function repriceClaims(
  claimsFile: string,
  baseline: Scheme,
  variants: RepriceVariant[],
  cal: Calibration,
  options: RepriceOptions = {},
): Promise<RepriceResult> {
  const trend = options.trend ?? NO_TREND;
  const schemes = [{ name: 'baseline', scheme: baseline }, ...variants];
  const S = schemes.length;
  const payers = [
    'basic',
    ...new Set(schemes.flatMap((s) => s.scheme.layerColumns.filter((id) => id !== 'aid'))),
    'aid',
  ];
  const edges = cal.burden.costBands;
  const threshold = Math.round(cal.burden.alertThreshold * 100);
  let personsInFile = 0;
  const plans = schemes.map((s) => compilePlan(s.scheme));
  // each scheme's output columns: total, basic, its layers, aid, oop (then alerts), and
  // the payer each is
  const payerAt = schemes.map((s) => [
    [payers.indexOf('basic'), 1],
    ...s.scheme.layerColumns.map((id, k) => [payers.indexOf(id), 2 + k]),
  ]);
  let batch: ClaimsPerson[] = [];
  let copiesOfBatch: number[] = [];
  const duck = await openDuckDb();
  try {
    const table = await SettledTable.create(duck, S, payers.length);
    const oop = new Array<number>(S);
    const paid = schemes.map(() => new Array<number>(payers.length));

    const settleBatch = () => {
      // fast engine where it is certain, exact elsewhere: adjudicate's rows, to the fen
      const rows = schemes.map((s, v) => settleExactly(s.scheme, plans[v], batch, claimsFile));
      batch.forEach((person, p) => {
        const total = fenOfText(rows[0][p][0]);
        for (let v = 0; v < S; v++) {
          const row = rows[v][p];
          paid[v].fill(0);
          for (const [payer, k] of payerAt[v]) paid[v][payer] += fenOfText(row[k]);
          // the aid column follows the layers, and the out-of-pocket follows it
          const aidAt = 2 + schemes[v].scheme.layerColumns.length;
          paid[v][payers.length - 1] += fenOfText(row[aidAt]);
          oop[v] = fenOfText(row[aidAt + 1]);
        }
        table.add(
          {
            copies: copiesOfBatch[p],
            claimant: person.events.length > 0,
            group: GROUPS.indexOf(person.group),
            status: STATUSES.indexOf(person.status),
            band: bandOf(edges, total),
          },
          total,
          oop,
          paid,
        );
      });
      batch = [];
      copiesOfBatch = [];
    };

    for await (const read of readClaims(claimsFile, {
      onProgress: options.onProgress,
      encoding: options.encoding,
    })) {
      personsInFile++;
      for (const s of schemes) checkMember(s.scheme, read, claimsFile);
      const copies = copiesOf(read, trend);
      // dropped by a negative utilisation trend: still insured, with no claim
      batch.push(copies === 0 ? { ...read, events: [] } : trendedPerson(read, trend));
      copiesOfBatch.push(Math.max(copies, 1));
      if (batch.length === BATCH) settleBatch();
    }
    settleBatch();
    table.close();
    const insured = options.insured ?? personsInFile;
    if (insured < personsInFile)
      throw new YibaoError(msg.cli.insuredBelowListed(insured, personsInFile), {
        file: claimsFile,
      });
    const totals = await table.totals(threshold);
    // every group, status and band appears, in a fixed order, even when empty
    const slices: SliceSums[] = [];
    const kinds = [
      ['group', 'g', GROUPS],
      ['status', 'st', STATUSES],
      ['cost band', 'band', edges.map((_, i) => bandName(edges, i))],
    ] as const;
    for (const [kind, column, names] of kinds) {
      const found = new Map((await table.slices(column)).map((s) => [s.index, s]));
      names.forEach((name, i) => {
        const s = found.get(i);
        const none = new Array(S).fill(0);
        slices.push({
          kind,
          slice: name,
          persons: s?.persons ?? 0,
          oop: s?.oop ?? none,
          gainers: s?.gainers ?? none,
          losers: s?.losers ?? none,
        });
      });
    }
    return {
      claimsFile,
      schemes: schemes.map((sc, v) => ({
        name: sc.name,
        paid: new Map(payers.map((p, k) => [p, totals.paid[v][k]])),
        oop: totals.oop[v],
        aboveAlert: totals.aboveAlert[v],
      })),
      payers,
      billed: totals.billed,
      insured,
      personsInFile,
      claimants: totals.claimants,
      slices,
      alertThreshold: cal.burden.alertThreshold,
      trend,
    };
  } finally {
    duck.close();
  }
}
