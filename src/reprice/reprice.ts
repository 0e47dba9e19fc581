/**
 * Repricing last year's claims under a proposed rule (政策调整测算), exact engine:
 *
 *   claims file ──one person at a time──▶ trend (amounts × (1 + c); persons resampled by u)
 *     ──▶ settled under the baseline and every variant, in batches, as `adjudicate` does:
 *         the fast engine where it is certain to the fen, the exact engine (decimal.js) elsewhere
 *     ──▶ sums in whole fen: per payer (basic, each layer, aid), out-of-pocket, billed;
 *         per slice (group, status, cost band): persons, out-of-pocket, who gains or loses;
 *         persons whose out-of-pocket passes the alert threshold
 *
 * Every variant settles the same persons and the same (trended) bills, so each difference
 * is the rule's alone. Amounts are summed as integer fen (exact below 2^53 fen, 90 trillion
 * yuan); per insured and per claimant figures are those sums divided, shown to the fen.
 */
import type { Calibration } from '../calibration/model';
import { BATCH, checkMember, settleExactly } from '../engine/adjudicate';
import { compilePlan } from '../engine/fast/plan';
import { YibaoError } from '../errors';
import { type ClaimsPerson, readClaims } from '../io/claims-csv';
import type { Encoding } from '../io/decode';
import * as msg from '../messages';
import { GROUPS, STATUSES } from '../model/codes';
import type { Scheme } from '../scheme/types';
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

/** The cost band of a billed amount: `from–to` yuan by the calibration's edges. */
function bandOf(edges: number[], billed: number): string {
  let i = edges.length - 1;
  while (i > 0 && billed < edges[i] * 100) i--;
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
  const sums: SchemeSums[] = schemes.map((s) => ({
    name: s.name,
    paid: new Map(payers.map((p) => [p, 0])),
    oop: 0,
    aboveAlert: 0,
  }));
  const slices = new Map<string, SliceSums>();
  const slice = (kind: SliceSums['kind'], name: string) => {
    const key = `${kind}:${name}`;
    let s = slices.get(key);
    if (!s) {
      s = {
        kind,
        slice: name,
        persons: 0,
        oop: new Array(S).fill(0),
        gainers: new Array(S).fill(0),
        losers: new Array(S).fill(0),
      };
      slices.set(key, s);
    }
    return s;
  };
  // every group, status and band appears, in a fixed order, even when empty
  for (const g of GROUPS) slice('group', g);
  for (const st of STATUSES) slice('status', st);
  const edges = cal.burden.costBands;
  for (let i = 0; i < edges.length; i++) slice('cost band', bandOf(edges, edges[i] * 100));
  const threshold = Math.round(cal.burden.alertThreshold * 100);
  let billed = 0;
  let personsInFile = 0;
  let claimants = 0;
  const plans = schemes.map((s) => compilePlan(s.scheme));
  // each scheme's output columns: total, basic, its layers, aid, oop (then alerts)
  const layerAt = schemes.map((s) => s.scheme.layerColumns.map((id, k) => [id, 2 + k] as const));
  let batch: ClaimsPerson[] = [];
  let copiesOfBatch: number[] = [];

  const settleBatch = () => {
    // fast engine where it is certain, exact elsewhere: adjudicate's rows, to the fen
    const rows = schemes.map((s, v) => settleExactly(s.scheme, plans[v], batch, claimsFile));
    const oop = new Array<number>(S);
    batch.forEach((person, p) => {
      const copies = copiesOfBatch[p];
      const total = fenOfText(rows[0][p][0]);
      billed += copies * total;
      if (person.events.length > 0) claimants += copies;
      for (let v = 0; v < S; v++) {
        const row = rows[v][p];
        const paid = sums[v].paid;
        paid.set('basic', paid.get('basic')! + copies * fenOfText(row[1]));
        for (const [id, k] of layerAt[v]) paid.set(id, paid.get(id)! + copies * fenOfText(row[k]));
        const aidAt = 2 + layerAt[v].length;
        paid.set('aid', paid.get('aid')! + copies * fenOfText(row[aidAt]));
        oop[v] = fenOfText(row[aidAt + 1]);
        sums[v].oop += copies * oop[v];
        if (oop[v] > threshold) sums[v].aboveAlert += copies;
      }
      for (const sl of [
        slice('group', person.group),
        slice('status', person.status),
        slice('cost band', bandOf(edges, total)),
      ]) {
        sl.persons += copies;
        for (let v = 0; v < S; v++) {
          sl.oop[v] += copies * oop[v];
          if (oop[v] < oop[0]) sl.gainers[v] += copies;
          if (oop[v] > oop[0]) sl.losers[v] += copies;
        }
      }
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
  const insured = options.insured ?? personsInFile;
  if (insured < personsInFile)
    throw new YibaoError(msg.cli.insuredBelowListed(insured, personsInFile), { file: claimsFile });
  return {
    claimsFile,
    schemes: sums,
    payers,
    billed,
    insured,
    personsInFile,
    claimants,
    slices: [...slices.values()],
    alertThreshold: cal.burden.alertThreshold,
    trend,
  };
}
