/**
 * `adjudicate`: a claims CSV through the exact engine, one output row per person in input
 * order. Output goes to a temporary file first and reaches its destination only when the
 * whole input has been read without error, so bad input never leaves partial output.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { type ClaimsPerson, readClaims } from '../io/claims-csv';
import { csvField } from '../io/csv';
import type { Scheme } from '../scheme/types';
import { outputColumns, type Settlement, settlementRow, settlePersonYear } from './settle';

export type OutputFormat = 'csv' | 'json';

export interface AdjudicateOptions {
  format?: OutputFormat;
  /** called with lines read so far */
  onProgress?: (lines: number) => void;
}

/** Settles one person read from a claims file, checking the scheme covers their group. */
export function settleClaimsPerson(
  scheme: Scheme,
  person: ClaimsPerson,
  file: string,
  explain = false,
): Settlement {
  if (!scheme.members.includes(person.group)) {
    throw new YibaoError(
      `group '${person.group}' is not covered by scheme ${scheme.id} (members: ${scheme.members.join(', ')})`,
      { file, line: person.line, column: 'group' },
    );
  }
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
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-adjudicate-'));
  const tmpFile = path.join(tmpDir, `out.${format}`);
  const fd = fs.openSync(tmpFile, 'w');
  const columns = outputColumns(scheme);
  let buffer = '';
  const flush = (force: boolean) => {
    if (force || buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  };
  let persons = 0;
  let events = 0;
  try {
    buffer += format === 'csv' ? `${columns.join(',')}\n` : '[\n';
    for await (const person of readClaims(claimsFile, { onProgress: options.onProgress })) {
      const settlement = settleClaimsPerson(scheme, person, claimsFile);
      const values = settlementRow(scheme, settlement);
      if (format === 'csv') {
        buffer += `${csvField(person.personId)},${values.join(',')}\n`;
      } else {
        const fields = values.map((v, i) => `${JSON.stringify(columns[i + 1])}:${v}`);
        buffer += `${persons > 0 ? ',\n' : ''}{"person_id":${JSON.stringify(person.personId)},${fields.join(',')}}`;
      }
      persons++;
      events += person.events.length;
      flush(false);
    }
    if (format === 'json') buffer += '\n]\n';
    flush(true);
    fs.closeSync(fd);
    await deliver(tmpFile);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return { persons, events };
}
