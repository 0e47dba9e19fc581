/** A year of claims generated from a calibration, written in the adjudicate format (tests). */
import * as fs from 'node:fs';
import type { Calibration } from '../../src/calibration/model';
import { claimsSampler } from '../../src/generate/claims';
import { populationSampler } from '../../src/generate/population';
import { CLAIMS_COLUMNS } from '../../src/io/claims-csv';
import { CATEGORIES, GROUPS, type Group, STATUSES } from '../../src/model/codes';
import { BLOCK_SIZE, createStream } from '../../src/random/stream';

/**
 * Generates a year of claims from `cal` and writes them in the adjudicate format. Only
 * persons with events are written; the insured persons by group are returned for --persons.
 */
export function writeClaims(
  cal: Calibration,
  file: string,
  total: number,
  seed = 20240601,
): Record<Group, number> {
  const pop = populationSampler(cal, [...GROUPS]);
  const year = claimsSampler(cal).forYear({ frequency: 1, cost: 1 });
  const persons = { employee: 0, retiree: 0, resident: 0 };
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${CLAIMS_COLUMNS.join(',')}\n`);
  for (let block = 0; block * BLOCK_SIZE < total; block++) {
    const count = Math.min(BLOCK_SIZE, total - block * BLOCK_SIZE);
    const p = pop.draw(seed, block, count);
    const ev = year.draw(p, (category) => createStream(seed, `claims/${category}`, 0, 0, block));
    for (let i = 0; i < p.size; i++) persons[GROUPS[p.group[i]]]++;
    const lines: string[] = [];
    let seq = 0;
    for (let e = 0; e < ev.count; e++) {
      const i = ev.person[e];
      seq = e > 0 && ev.person[e - 1] === i ? seq + 1 : 1;
      lines.push(
        [
          `P${block}-${i}`,
          GROUPS[p.group[i]],
          STATUSES[p.status[i]],
          seq,
          CATEGORIES[ev.category[e]],
          ev.level[e],
          ev.total[e].toFixed(2),
          ev.scope[e].toFixed(2),
          ev.excluded[e].toFixed(2),
          ev.cancerDrugOoc[e].toFixed(2),
        ].join(','),
      );
    }
    fs.writeSync(out, `${lines.join('\n')}\n`);
  }
  fs.closeSync(out);
  return persons;
}
