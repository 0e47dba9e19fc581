/**
 * Claims extracts in Parquet (io/parquet.ts): the fixtures are written here with DuckDB's
 * COPY … TO 'x.parquet' from the CSV they must match, with typed columns (integers, floats,
 * decimals) as a bureau's export would have them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { assertRefused, runCli, scratchDir } from '../cli/run-cli';

const ROOT = path.join(__dirname, '..', '..');
const CSV = path.join(ROOT, 'test', 'fixtures', 'sql-golden', 'claims-2000.csv');
const EXAMPLES = path.join(ROOT, 'examples');
const VARIANT = 'layers.critical_illness.components.0.bands.0.from=10000';

/** The claims CSV's columns as a typed Parquet table would hold them. */
const TYPED_COLUMNS: [string, string][] = [
  ['person_id', 'person_id'],
  ['group', '"group"'],
  ['status', 'status'],
  ['seq', 'TRY_CAST(seq AS BIGINT)'],
  ['category', 'category'],
  ['level', 'TRY_CAST("level" AS TINYINT)'],
  ['total', 'TRY_CAST(total AS DOUBLE)'],
  ['scope', 'TRY_CAST(scope AS DECIMAL(14, 2))'],
  ['excluded', 'TRY_CAST(excluded AS DOUBLE)'],
  ['cancer_drug_ooc', 'TRY_CAST(cancer_drug_ooc AS DECIMAL(14, 2))'],
];
const typed = (columns = TYPED_COLUMNS) => columns.map(([n, e]) => `${e} AS "${n}"`).join(', ');
const TYPED = typed();
/** A person with an event, whose row the bad files spoil. */
const SPOILT = 's1-y1-p2';

/** Writes `SELECT <select> FROM <the CSV> <rest>` to `file` as Parquet. */
async function writeParquet(file: string, select: string, rest = '', csv = CSV): Promise<string> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT ${select} FROM read_csv('${csv}', all_varchar = true, header = true) ${rest}) TO '${file}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  return file;
}

describe('io/parquet: a Parquet extract reads as the same CSV', () => {
  const dir = scratchDir();
  const parquet = path.join(dir, 'claims-2000.parquet');
  before(async () => {
    await writeParquet(parquet, TYPED);
  });

  test('adjudicate settles a typed Parquet file to the same rows as the CSV', async () => {
    const args = ['adjudicate', '--scheme', 'huangshan-2022', '--claims'];
    const csv = await runCli([...args, CSV]);
    assert.equal(csv.code, 0, csv.stderr);
    const pq = await runCli([...args, parquet]);
    assert.equal(pq.code, 0, pq.stderr);
    assert.equal(pq.stdout, csv.stdout);
    assert.equal(csv.stdout.trim().split('\n').length, 2001);
  });

  test('a path with glob characters reads that one file, not the files its pattern matches', async () => {
    // a decoy the unescaped pattern claims[1]*.parquet would match, with other rows
    const named = path.join(dir, 'claims[1]*.parquet');
    await writeParquet(named, TYPED);
    await writeParquet(path.join(dir, 'claims1x.parquet'), TYPED, 'LIMIT 10');
    const args = ['adjudicate', '--scheme', 'huangshan-2022', '--claims'];
    const csv = await runCli([...args, CSV]);
    const pq = await runCli([...args, named]);
    assert.equal(pq.code, 0, pq.stderr);
    assert.equal(pq.stdout, csv.stdout);
  });

  test('calibrate fits the same calibration from the Parquet file as from the CSV', async () => {
    const args = ['calibrate', '--below-min', 'base', '--claims'];
    const csv = await runCli([...args, CSV]);
    assert.equal(csv.code, 0, csv.stderr);
    const pq = await runCli([...args, parquet]);
    assert.equal(pq.code, 0, pq.stderr);
    // the file's name is in the title and sources: the rest is the same to the character
    assert.equal(pq.stdout.replaceAll('claims-2000.parquet', 'claims-2000.csv'), csv.stdout);
    assert.equal(pq.stderr, csv.stderr);
  });

  test('reprice gives the same table from the Parquet file as from the CSV', async () => {
    const args = ['reprice', '--scheme', 'huangshan-2022', '--variant', VARIANT, '--claims'];
    const trend = ['--cost-trend', '6%', '--utilisation-trend', '2%'];
    const csv = await runCli([...args, CSV, ...trend]);
    assert.equal(csv.code, 0, csv.stderr);
    const pq = await runCli([...args, parquet, ...trend]);
    assert.equal(pq.code, 0, pq.stderr);
    assert.equal(pq.stdout, csv.stdout);
  });

  test('Chinese labels in a Parquet file go through the code table (examples/claims-chinese.parquet)', async () => {
    const args = ['adjudicate', '--scheme', 'dazhou-2023', '--claims'];
    const codes = await runCli([...args, path.join(EXAMPLES, 'claims-codes-utf8.csv')]);
    const pq = await runCli([...args, path.join(EXAMPLES, 'claims-chinese.parquet')]);
    assert.equal(pq.code, 0, pq.stderr);
    assert.equal(pq.stdout, codes.stdout);
    assert.match(pq.stdout, /^person_id,total,basic,large_expense,aid,oop\n张三,55000\.00,/);
  });

  test('rows of a person apart are refused at the row where the person comes back; --sort orders them', async () => {
    const shuffled = await writeParquet(
      path.join(dir, 'shuffled.parquet'),
      TYPED,
      'ORDER BY hash(person_id, seq)',
    );
    await assertRefused(
      ['adjudicate', '--scheme', 'huangshan-2022', '--claims', shuffled],
      /shuffled\.parquet:row \d+: column 'person_id': rows of person '[^']+' are not together/,
    );
    const sorted = await runCli([
      'adjudicate',
      '--scheme',
      'huangshan-2022',
      '--sort',
      '--claims',
      shuffled,
    ]);
    assert.equal(sorted.code, 0, sorted.stderr);
    const csv = await runCli(['adjudicate', '--scheme', 'huangshan-2022', '--claims', CSV]);
    const rows = (t: string) => t.trim().split('\n').slice(1);
    assert.deepEqual(rows(sorted.stdout), rows(csv.stdout).sort(byPersonId));
  });
});

/** The order of `ORDER BY person_id`: by the id's characters (code units here: ASCII ids). */
function byPersonId(a: string, b: string): number {
  const [x, y] = [a.split(',')[0], b.split(',')[0]];
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('io/parquet: a bad Parquet file is refused with its place, exit 2, nothing written', () => {
  const dir = scratchDir();
  const out = path.join(dir, 'fitted.yaml');

  const refusals: [string, () => Promise<string>, RegExp][] = [
    [
      'a missing column',
      () =>
        writeParquet(
          path.join(dir, 'no-scope.parquet'),
          typed(TYPED_COLUMNS.filter(([n]) => n !== 'scope')),
        ),
      /no-scope\.parquet:header: column 'scope': missing column 'scope'/,
    ],
    [
      'a value that is not an amount',
      () =>
        writeParquet(
          path.join(dir, 'bad-total.parquet'),
          `* REPLACE (CASE WHEN person_id = '${SPOILT}' THEN '12x' ELSE total END AS total)`,
        ),
      /bad-total\.parquet:row \d+: column 'total': '12x' is not an amount in yuan with at most two decimals/,
    ],
    [
      'a float amount with more than two decimals',
      () =>
        writeParquet(
          path.join(dir, 'float.parquet'),
          `* REPLACE (CASE WHEN person_id = '${SPOILT}' THEN 100.125 ELSE total::DOUBLE END AS total)`,
        ),
      /float\.parquet:row \d+: column 'total': '100\.125' is not an amount/,
    ],
    [
      'an unknown group',
      () =>
        writeParquet(
          path.join(dir, 'bad-group.parquet'),
          `* REPLACE (CASE WHEN person_id = '${SPOILT}' THEN '学生' ELSE "group" END AS "group")`,
        ),
      /bad-group\.parquet:row \d+: column 'group': unknown group '学生'/,
    ],
    [
      'a file that is not Parquet',
      async () => {
        const file = path.join(dir, 'not.parquet');
        fs.copyFileSync(CSV, file);
        return file;
      },
      /not\.parquet: cannot read the Parquet file: DuckDB cannot open it/,
    ],
  ];

  for (const [what, make, message] of refusals) {
    test(`${what}: calibrate and adjudicate refuse it`, async () => {
      const file = await make();
      await assertRefused(['calibrate', '--claims', file, '--out', out], message);
      assert.ok(!fs.existsSync(out), 'nothing written');
      await assertRefused(['adjudicate', '--scheme', 'huangshan-2022', '--claims', file], message);
    });
  }

  test('the row named is the row of the file', async () => {
    const file = await writeParquet(
      path.join(dir, 'row.parquet'),
      `* REPLACE (CASE WHEN person_id = '${SPOILT}' THEN '-1' ELSE scope END AS scope)`,
    );
    // the CSV's line of that row, less its header line
    const line = fs
      .readFileSync(CSV, 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith(`${SPOILT},`));
    await assertRefused(
      ['reprice', '--scheme', 'huangshan-2022', '--variant', VARIANT, '--claims', file],
      new RegExp(`row\\.parquet:row ${line}: column 'scope': '-1' is negative`),
    );
  });
});
