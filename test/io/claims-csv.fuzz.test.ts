/**
 * A property-based fuzz test of the claims reader (fast-check): on any file — well-formed
 * rows, rows with one field spoilt, arbitrary text, any line endings — reading either gives
 * persons, or refuses with a YibaoError naming the file and the line; through `adjudicate`,
 * a refusal is exit 2 with one line on stderr and nothing on stdout. Never another
 * exception, never a hang (each case has a time limit), never partial output. The number
 * of cases is fixed, and so is the seed, so that it runs in seconds and the same way in CI.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { YibaoError } from '../../src/errors';
import { CLAIMS_COLUMNS, readClaims } from '../../src/io/claims-csv';
import { CATEGORIES, STATUSES } from '../../src/model/codes';
import { runCli } from '../cli/run-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-fuzz-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** One person's rows, well-formed: events with distinct seq, amounts that add up. */
const person = (id: string) =>
  fc
    .record({
      group: fc.constantFrom('employee', 'retiree'),
      status: fc.constantFrom(...STATUSES),
      events: fc.array(
        fc.record({
          category: fc.constantFrom(...CATEGORIES),
          level: fc.constantFrom('1', '2', '3'),
          total: fc.integer({ min: 0, max: 50_000_000 }),
          parts: fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
        }),
        { maxLength: 4 },
      ),
    })
    .map(({ group, status, events }) => {
      if (events.length === 0)
        return [
          {
            person_id: id,
            group,
            status,
            seq: '',
            category: '',
            level: '',
            total: '',
            scope: '',
            excluded: '',
            cancer_drug_ooc: '',
          },
        ];
      return events.map((e, i) => {
        const scope = Math.floor(e.total * e.parts[0]);
        const excluded = Math.floor((e.total - scope) * e.parts[1]);
        const cdo = Math.floor((e.total - scope - excluded) * e.parts[2]);
        return {
          person_id: id,
          group,
          status,
          seq: String(events.length - i),
          category: e.category,
          level: e.level,
          total: yuan(e.total),
          scope: yuan(scope),
          excluded: yuan(excluded),
          cancer_drug_ooc: yuan(cdo),
        };
      });
    });

/** What a spoilt field may become: a plausible mistake, or any text at all. */
const badValue = fc.oneof(
  fc.constantFrom(
    '',
    '-5',
    '1.005',
    '1e3',
    'abc',
    '9'.repeat(309),
    '1000000000000.01',
    '9007199254740993',
    'farmer',
    'surgery',
    '4',
    '"open',
    'a,b',
  ),
  fc.string({ maxLength: 12, unit: 'binary' }),
);

/**
 * A claims file: a header (the columns in any order, sometimes one missing, extra or
 * repeated), well-formed persons, then — in most files — one thing spoilt: a field, or a
 * line of junk put in; any line ending, with or without a BOM and a last line break.
 */
const claimsFile = fc
  .record({
    columns: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.shuffledSubarray([...CLAIMS_COLUMNS], { minLength: 10, maxLength: 10 }),
      },
      {
        weight: 1,
        arbitrary: fc.shuffledSubarray([...CLAIMS_COLUMNS, 'colour', 'total'], { minLength: 8 }),
      },
    ),
    persons: fc
      .integer({ min: 0, max: 6 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(`P${i + 1}`)))),
    spoil: fc.option(
      fc.record({
        at: fc.nat(),
        column: fc.constantFrom(...CLAIMS_COLUMNS),
        value: badValue,
        junk: fc.oneof(fc.constant(null), fc.string({ maxLength: 30, unit: 'binary' })),
      }),
      { freq: 2 },
    ),
    end: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    last: fc.boolean(),
  })
  .map(({ columns: chosen, persons, spoil, end, bom, last }) => {
    const columns: string[] = chosen;
    const records: Record<string, string>[] = persons.flat();
    const rows = records.map((r) => columns.map((c) => (c in r ? r[c] : 'x')));
    if (spoil && rows.length > 0) {
      const at = spoil.at % rows.length;
      if (spoil.junk !== null) rows.splice(at, 0, [spoil.junk]);
      else {
        const c = columns.indexOf(spoil.column);
        if (c >= 0) rows[at][c] = spoil.value;
      }
    }
    return { columns, rows: rows.map((r) => r.join(',')), end, bom, last };
  });

function write(f: {
  columns: string[];
  rows: string[];
  end: string;
  bom: boolean;
  last: boolean;
}): string {
  const file = path.join(dir, `claims-${fileNo++}.csv`);
  const text = [f.columns.join(','), ...f.rows].join(f.end) + (f.last ? f.end : '');
  fs.writeFileSync(file, (f.bom ? '\uFEFF' : '') + text);
  return file;
}

/** Rejects when `promise` takes more than `ms`: a hang is a failure, not a stuck test run. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: a hang`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const RUNS = { numRuns: 250, seed: 14, endOnFailure: true };

describe('io/claims-csv (fuzz): a result, or a refusal naming file and line, nothing else', () => {
  test('readClaims gives persons or a YibaoError with the file and a line', async () => {
    await fc.assert(
      fc.asyncProperty(claimsFile, async (f) => {
        const file = write(f);
        try {
          await within(
            (async () => {
              const lines = f.rows.length + 1;
              for await (const person of readClaims(file)) {
                assert.ok(person.personId !== '');
                assert.ok(person.line >= 2 && person.line <= lines);
                for (const e of person.events) assert.ok(Number.isSafeInteger(e.seq));
              }
            })(),
            5000,
          );
        } catch (e) {
          if (!(e instanceof YibaoError)) throw e;
          assert.equal(e.place.file, file);
          assert.ok(Number.isInteger(e.place.line) && e.place.line! >= 1, e.message);
          assert.ok(e.message.startsWith(`${file}:${e.place.line}: `), e.message);
        }
      }),
      RUNS,
    );
  });

  test('adjudicate: exit 0 with one row per person, or exit 2 with one line and nothing on stdout', async () => {
    await fc.assert(
      fc.asyncProperty(claimsFile, async (f) => {
        const file = write(f);
        const r = await within(
          runCli(['adjudicate', '--scheme', 'ordos-2018', '--claims', file]),
          5000,
        );
        if (r.code === 0) {
          const out = r.stdout.trim().split('\n');
          assert.match(out[0], /^person_id,total,basic,/);
          let persons = 0;
          for await (const _ of readClaims(file)) persons++;
          assert.equal(out.length - 1, persons, 'one row per person');
          for (const line of out.slice(1)) assert.doesNotMatch(line, /NaN|Infinity|undefined/);
        } else {
          assert.equal(r.code, 2, r.stderr);
          assert.equal(r.stdout, '');
          assert.ok(r.stderr.startsWith(`yibao adjudicate: ${file}:`), r.stderr);
          assert.equal(r.stderr.indexOf('\n'), r.stderr.length - 1, `one line: ${r.stderr}`);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});
