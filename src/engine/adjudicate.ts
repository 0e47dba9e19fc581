/**
 * `adjudicate`: a claims CSV settled exactly, one output row per person in input order.
 *
 *   read persons ──batch of 4,096──▶ fast engine (float64 fen) ──certain?──▶ row
 *                                                   └─ uncertain ──▶ exact engine ──▶ row
 *
 * The fast engine agrees with the exact one to the fen except where a rounding lands
 * within a hair of a half fen, and it flags exactly those persons (see
 * fast/settle-columns.ts); they are settled again with decimal.js. So every row is the
 * exact engine's, at the fast engine's speed (test/engine/fast-vs-exact-*.test.ts holds
 * the two together).
 *
 * Output goes to a temporary file first and reaches its destination only when the whole
 * input has been read without error, so bad input never leaves partial output. The file
 * holds one row per person (health data): it is private (folder 0700, file 0600) and
 * removed when delivered, on error, at exit and on an interrupt (io/temp-files.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { type ClaimsPerson, readClaims } from '../io/claims-csv';
import { csvField } from '../io/csv';
import type { Encoding } from '../io/decode';
import { writeAll, writeFailed } from '../io/output';
import { PRIVATE_FILE_MODE, privateTempDir } from '../io/temp-files';
import { CATEGORIES, GROUPS, STATUSES } from '../model/codes';
import { allocateEvents } from '../model/columns';
import type { Scheme } from '../scheme/types';
import { compilePlan, type Plan } from './fast/plan';
import { settleColumns } from './fast/settle-columns';
import { outputColumns, type Settlement, settlementRow, settlePersonYear } from './settle';

export const BATCH = 4096;

export type OutputFormat = 'csv' | 'json';

export interface AdjudicateOptions {
  format?: OutputFormat;
  /** called with lines read so far */
  onProgress?: (lines: number) => void;
  /** the claims CSV's text encoding (default UTF-8) */
  encoding?: Encoding;
  /** order the rows by person_id first (output then in that order) */
  sort?: boolean;
}

/** Refuses a person whose group the scheme does not cover. */
export function checkMember(scheme: Scheme, person: ClaimsPerson, file: string): void {
  if (!scheme.members.includes(person.group)) {
    throw new YibaoError(
      `group '${person.group}' is not covered by scheme ${scheme.id} (members: ${scheme.members.join(', ')})`,
      { file, line: person.line, column: 'group' },
    );
  }
}

/** Settles one person read from a claims file (exact), checking the scheme covers their group. */
export function settleClaimsPerson(
  scheme: Scheme,
  person: ClaimsPerson,
  file: string,
  explain = false,
): Settlement {
  checkMember(scheme, person, file);
  return settlePersonYear(
    scheme,
    { group: person.group, status: person.status, events: person.events },
    { explain },
  );
}

/**
 * Adjudicates `claimsFile` and writes the result to `write` (called once, with the path
 * of the finished temporary file). Returns the number of persons.
 */
export async function adjudicateFile(
  scheme: Scheme,
  claimsFile: string,
  deliver: (tmpFile: string) => Promise<void> | void,
  options: AdjudicateOptions = {},
): Promise<{ persons: number; events: number }> {
  const format = options.format ?? 'csv';
  const tmp = privateTempDir('yibao-adjudicate-');
  const tmpFile = path.join(tmp.dir, `out.${format}`);
  let fd: number | undefined;
  const columns = outputColumns(scheme);
  let buffer = '';
  const flush = (force: boolean) => {
    if (force || buffer.length > 1 << 20) {
      try {
        writeAll(fd!, buffer);
      } catch (e) {
        throw writeFailed(`the temporary file ${tmpFile}`, e);
      }
      buffer = '';
    }
  };
  let persons = 0;
  let events = 0;
  try {
    try {
      fd = fs.openSync(tmpFile, 'wx', PRIVATE_FILE_MODE);
    } catch (e) {
      throw writeFailed(`the temporary file ${tmpFile}`, e);
    }
    buffer += format === 'csv' ? `${columns.join(',')}\n` : '[\n';
    const plan = compilePlan(scheme);
    let batch: ClaimsPerson[] = [];
    const settleBatch = () => {
      const rows = settleExactly(scheme, plan, batch, claimsFile);
      for (const [i, values] of rows.entries()) {
        const person = batch[i];
        if (format === 'csv') {
          buffer += `${csvField(person.personId)},${values.join(',')}\n`;
        } else {
          const fields = values.map((v, i) => `${JSON.stringify(columns[i + 1])}:${v}`);
          buffer += `${persons > 0 ? ',\n' : ''}{"person_id":${JSON.stringify(person.personId)},${fields.join(',')}}`;
        }
        persons++;
        events += person.events.length;
      }
      batch = [];
      flush(false);
    };
    for await (const person of readClaims(claimsFile, {
      onProgress: options.onProgress,
      encoding: options.encoding,
      sort: options.sort,
    })) {
      checkMember(scheme, person, claimsFile);
      batch.push(person);
      if (batch.length === BATCH) settleBatch();
    }
    settleBatch();
    if (format === 'json') buffer += '\n]\n';
    flush(true);
    const closing = fd;
    fd = undefined;
    try {
      fs.closeSync(closing);
    } catch (e) {
      throw writeFailed(`the temporary file ${tmpFile}`, e);
    }
    await deliver(tmpFile);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    tmp.remove();
  }
  return { persons, events };
}

/** Fen (a whole number) as yuan with two decimals. */
function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen - whole * 100;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Output values (without person_id) for a batch of persons: the fast engine's where it
 * is certain, the exact engine's elsewhere.
 */
export function settleExactly(
  scheme: Scheme,
  plan: Plan,
  batch: ClaimsPerson[],
  file: string,
): string[][] {
  const n = batch.length;
  const group = new Uint8Array(n);
  const status = new Uint8Array(n);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const person = batch[p];
    group[p] = GROUPS.indexOf(person.group);
    status[p] = STATUSES.indexOf(person.status);
    count += person.events.length;
  }
  const events = allocateEvents(count);
  let e = 0;
  for (let p = 0; p < n; p++) {
    for (const row of batch[p].events) {
      events.person[e] = p;
      events.category[e] = CATEGORIES.indexOf(row.category);
      events.level[e] = row.level;
      events.total[e] = Number(row.total);
      events.scope[e] = Number(row.scope);
      events.excluded[e] = Number(row.excluded);
      events.cancerDrugOoc[e] = Number(row.cancerDrugOoc);
      e++;
    }
  }
  const fast = settleColumns(plan, { persons: n, group, status, events });
  const rows: string[][] = [];
  for (let p = 0; p < n; p++) {
    if (fast.uncertain[p]) {
      rows.push(settlementRow(scheme, settleClaimsPerson(scheme, batch[p], file)));
      continue;
    }
    rows.push([
      yuan(fast.totalFen[p]),
      yuan(fast.basicFen[p]),
      ...plan.columnLayers.map((li) => yuan(fast.layerFen[li][p])),
      yuan(fast.aidFen[p]),
      yuan(fast.oopFen[p]),
      ...fast.alerts.map((a) => (a[p] ? 'true' : 'false')),
    ]);
  }
  return rows;
}
