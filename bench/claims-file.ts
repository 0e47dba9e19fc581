/**
 * Writes a synthetic claims CSV in the adjudicate format, for benchmarks: persons with
 * 1 + a geometric number of events (1.4 rows a person by default), heavy-tailed totals,
 * every category and status, seeded.
 */
import * as fs from 'node:fs';
import seedrandom from 'seedrandom';
import { CATEGORIES, type Group, STATUSES, type Status } from '../src/model/codes';

export function writeClaimsFile(
  file: string,
  rows: number,
  groups: Group[],
  seed = 'bench',
  rowsPerPerson = 1.4,
): void {
  const rng = seedrandom(seed);
  // events = 1 + floor(scale × Exp(1)), whose mean is 1 + 1 / (e^(1/scale) − 1)
  const scale = 1 / Math.log(1 + 1 / (rowsPerPerson - 1));
  // residents: six draws in eleven without a status, one for each assisted status
  const statuses: Status[] = [...new Array<Status>(6).fill('none'), ...STATUSES.slice(1)];
  const fd = fs.openSync(file, 'w');
  let buffer = 'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc\n';
  let written = 0;
  let person = 0;
  while (written < rows) {
    person++;
    const group = groups[Math.floor(rng() * groups.length)];
    const status = group === 'resident' ? statuses[Math.floor(rng() * statuses.length)] : 'none';
    const events = Math.min(1 + Math.floor(-Math.log(1 - rng()) * scale), rows - written);
    for (let seq = 1; seq <= events; seq++) {
      const category = CATEGORIES[Math.floor(rng() * CATEGORIES.length)];
      const level = 1 + Math.floor(rng() * 3);
      // lognormal body, median ~6,000, with a long tail
      const totalFen = Math.round(Math.exp(Math.log(600000) + 1.3 * normal(rng)));
      const scopeFen = Math.round(totalFen * (0.7 + 0.3 * rng()));
      const outside = totalFen - scopeFen;
      const excludedFen = Math.round(outside * 0.4 * rng());
      const cancerFen =
        category === 'chemo_radiotherapy' || rng() < 0.05
          ? Math.round((outside - excludedFen) * rng())
          : 0;
      buffer += `P${person},${group},${status},${seq},${category},${level},${yuan(totalFen)},${yuan(scopeFen)},${yuan(excludedFen)},${yuan(cancerFen)}\n`;
      written++;
    }
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
