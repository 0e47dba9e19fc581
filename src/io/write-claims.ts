/**
 * A generated claims extract in the `adjudicate` format: a year of synthetic insured and
 * their events (seeded), for trying `calibrate`, `reprice` and `adjudicate` on a file of a
 * real city's size without a real one.
 *
 *   calibration × groups ─▶ persons block by block (generators) ─▶ one row per event,
 *   a row with an empty category for an insured person without any ─▶ CSV file
 */
import * as fs from 'node:fs';
import type { Calibration } from '../calibration/model';
import { claimsSampler } from '../generate/claims';
import { populationSampler } from '../generate/population';
import { CATEGORIES, GROUPS, type Group, STATUSES } from '../model/codes';
import { BLOCK_SIZE, createStream } from '../random/stream';
import { CLAIMS_COLUMNS } from './claims-csv';

export interface GeneratedClaimsOptions {
  /** groups drawn, in the calibration's proportions; default every group */
  groups?: Group[];
  seed?: number;
  /** also write insured persons without events (rows with an empty category); default true */
  everyone?: boolean;
}

/**
 * Writes `persons` insured persons' year of claims to `file`; returns the persons by group
 * and the rows written.
 */
export function writeGeneratedClaims(
  cal: Calibration,
  file: string,
  persons: number,
  options: GeneratedClaimsOptions = {},
): { persons: Record<Group, number>; rows: number } {
  const seed = options.seed ?? 1;
  const everyone = options.everyone ?? true;
  const pop = populationSampler(cal, options.groups ?? [...GROUPS]);
  const year = claimsSampler(cal).forYear({ frequency: 1, cost: 1 });
  const byGroup = { employee: 0, retiree: 0, resident: 0 };
  const out = fs.openSync(file, 'w');
  let rows = 0;
  try {
    fs.writeSync(out, `${CLAIMS_COLUMNS.join(',')}\n`);
    for (let block = 0; block * BLOCK_SIZE < persons; block++) {
      const count = Math.min(BLOCK_SIZE, persons - block * BLOCK_SIZE);
      const p = pop.draw(seed, block, count);
      const ev = year.draw(p, (category) => createStream(seed, `claims/${category}`, 0, 0, block));
      const lines: string[] = [];
      let e = 0;
      for (let i = 0; i < p.size; i++) {
        byGroup[GROUPS[p.group[i]]]++;
        const id = `P${block}-${i}`;
        const head = `${id},${GROUPS[p.group[i]]},${STATUSES[p.status[i]]}`;
        if (e >= ev.count || ev.person[e] !== i) {
          if (everyone) lines.push(`${head},,,,,,,`);
          continue;
        }
        for (let seq = 1; e < ev.count && ev.person[e] === i; seq++, e++)
          lines.push(
            `${head},${seq},${CATEGORIES[ev.category[e]]},${ev.level[e]},${ev.total[e].toFixed(2)},${ev.scope[e].toFixed(2)},${ev.excluded[e].toFixed(2)},${ev.cancerDrugOoc[e].toFixed(2)}`,
          );
      }
      rows += lines.length;
      fs.writeSync(out, `${lines.join('\n')}\n`);
    }
  } finally {
    fs.closeSync(out);
  }
  return { persons: byGroup, rows };
}
