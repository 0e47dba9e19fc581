/**
 * Replaying a run from its record (./run-record.ts): which inputs changed since, and
 * whether a replayed result file is the same as the original, timing aside.
 *
 *   record ──inputChanges──▶ files whose SHA-256 differs now (the replay would not be the run)
 *   original file, replayed file ──sameFile──▶ null, or where they first differ
 *
 * What counts as timing is what the writers mark as such: TIMING_FIELDS in JSON, the
 * timing section of the report's HTML, the timing sheet of its workbook.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import * as msg from '../messages';
import { TIMING_CLASS } from '../report/html';
import { TIMING_SHEET } from '../report/workbook';
import { fileHash, type RunRecord, TIMING_FIELDS } from './run-record';

/** Messages for the record's input files that are missing or changed since the run. */
export function inputChanges(record: RunRecord): string[] {
  const files = [...record.schemes.flatMap((s) => [s, s.basic]), record.calibration].filter(
    (f, i, all) => all.findIndex((g) => g.file === f.file) === i,
  );
  const changes: string[] = [];
  for (const f of files) {
    if (!fs.existsSync(f.file)) changes.push(msg.replay.inputMissing(f.file));
    else {
      const now = fileHash(f.file);
      if (now !== f.sha256) changes.push(msg.replay.inputChanged(f.file, f.sha256, now));
    }
  }
  return changes;
}

/** A JSON value without its timing fields, at any depth. */
function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    if (!(TIMING_FIELDS as readonly string[]).includes(k)) out[k] = withoutTiming(v);
  return out;
}

const TIMING_SECTION = new RegExp(`<section class="${TIMING_CLASS}">[\\s\\S]*?</section>`, 'g');

/** The workbook as lines of text, one per row of each sheet, its timing sheet left out. */
async function workbookLines(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  for (const sheet of wb.worksheets) {
    if (sheet.name === TIMING_SHEET) continue;
    lines.push(`sheet ${sheet.name}`);
    sheet.eachRow((row, n) => {
      const values = (row.values as unknown[]).slice(1);
      lines.push(`${sheet.name}!${n}: ${JSON.stringify(values)}`);
    });
  }
  return lines;
}

/** The file as lines to compare, timing set aside, by its kind (its name's extension). */
async function comparableLines(name: string, bytes: Buffer): Promise<string[]> {
  if (name.endsWith('.xlsx')) return workbookLines(bytes);
  const text = bytes.toString('utf8');
  if (name.endsWith('.json'))
    return JSON.stringify(withoutTiming(JSON.parse(text)), null, 2).split('\n');
  if (name.endsWith('.html')) return text.replace(TIMING_SECTION, '<timing>').split('\n');
  return text.split('\n');
}

/** Null when the two versions of a result file are the same, timing aside; else where they first differ. */
export async function sameFile(
  name: string,
  original: Buffer,
  replayed: Buffer,
): Promise<string | null> {
  const a = await comparableLines(name, original);
  const b = await comparableLines(name, replayed);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      const cut = (s: string | undefined) =>
        s === undefined ? '(nothing)' : s.length > 120 ? `${s.slice(0, 120)}…` : s;
      return `line ${i + 1}: ${cut(a[i])}  ≠  ${cut(b[i])}`;
    }
  }
  return null;
}
