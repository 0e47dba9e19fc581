import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { codeTable } from '../../src/io/codes-table';
import { columnLetter } from '../../src/io/xlsx';
import { runCli, tempFile } from '../cli/run-cli';

/** The example extracts: one set of claims as a UTF-8 code file, a GB18030 CSV and an .xlsx. */
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const HEADER = 'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc';

async function adjudicate(file: string, ...extra: string[]) {
  return runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', file, ...extra]);
}

/** A claims sheet in `wb`: the header, then `rows`. */
function claimsSheet(wb: ExcelJS.Workbook, name: string, rows: unknown[][]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name);
  sheet.addRow(HEADER.split(','));
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

/** `wb` written to a scratch file named `name`, and settled. */
async function adjudicateWorkbook(wb: ExcelJS.Workbook, name: string) {
  const file = tempFile(name, '');
  await wb.xlsx.writeFile(file);
  return adjudicate(file);
}

describe('io/decode, io/xlsx, data/codes: bureau extracts as they come', () => {
  test('a GB18030 CSV and an .xlsx with Chinese codes settle to the same numbers as the UTF-8 code file', async () => {
    const utf8 = await adjudicate(path.join(EXAMPLES, 'claims-codes-utf8.csv'));
    assert.equal(utf8.code, 0, utf8.stderr);
    assert.match(utf8.stdout, /^person_id,total,basic,large_expense,aid,oop\n张三,55000\.00,/);
    const gbk = await adjudicate(
      path.join(EXAMPLES, 'claims-chinese-gb18030.csv'),
      '--encoding',
      'gb18030',
    );
    assert.equal(gbk.code, 0, gbk.stderr);
    assert.equal(gbk.stdout, utf8.stdout);
    const asGbk = await adjudicate(
      path.join(EXAMPLES, 'claims-chinese-gb18030.csv'),
      '--encoding',
      'GBK',
    );
    assert.equal(asGbk.stdout, utf8.stdout);
    const xlsx = await adjudicate(path.join(EXAMPLES, 'claims-chinese.xlsx'));
    assert.equal(xlsx.code, 0, xlsx.stderr);
    assert.equal(xlsx.stdout, utf8.stdout);
    // five persons, each once: nobody merged
    assert.equal(utf8.stdout.trim().split('\n').length, 6);
  });

  test('a file that is not UTF-8 is refused without --encoding, at its line, with a hint', async () => {
    const r = await adjudicate(path.join(EXAMPLES, 'claims-chinese-gb18030.csv'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /claims-chinese-gb18030\.csv:2: bytes? 0x[0-9A-F]{2}( 0x[0-9A-F]{2})* (is|are) not valid UTF-8/,
    );
    assert.match(r.stderr, /--encoding gb18030/);
    // the issue's two-person file: refused, not merged into one person
    const twoPersons = Buffer.concat([
      Buffer.from(`${HEADER}\n`),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from(',employee,none,1,inpatient,3,55000,50000,1200,0\n'),
      Buffer.from([0xc0, 0xee, 0xcb, 0xc4]),
      Buffer.from(',employee,none,2,inpatient,3,55000,50000,1200,0\n'),
    ]);
    const file = tempFile('g.csv', '');
    fs.writeFileSync(file, twoPersons);
    const refused = await adjudicate(file);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /g\.csv:2: /);
    const read = await adjudicate(file, '--encoding', 'gb18030');
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(
      read.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
      ['张三', '李四'],
    );
  });

  test('a bad byte deep in a large file is placed at its line; a BOM is fine', async () => {
    const good = 'P,employee,none,1,inpatient,3,1000,900,0,0\n';
    const lines = [HEADER];
    for (let i = 0; i < 60_000; i++) lines.push(`P${i},employee,none,1,inpatient,3,1000,900,0,0`);
    const file = tempFile('big.csv', '');
    // line 1 header, persons from line 2: the bad byte is on line 50,002, past the first 1 MB chunk
    const before = Buffer.from(`\uFEFF${lines.slice(0, 50_001).join('\n')}\n`);
    const bad = Buffer.from('X');
    fs.writeFileSync(
      file,
      Buffer.concat([
        before,
        bad,
        Buffer.from([0xff]),
        Buffer.from(good.slice(1)),
        Buffer.from(`${lines.slice(50_002).join('\n')}\n`),
      ]),
    );
    const r = await adjudicate(file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /big\.csv:50002: byte 0xFF is not valid UTF-8/);
    const bom = tempFile('bom.csv', `\uFEFF${HEADER}\nA,职工,无,1,住院,三级,1000,900,0,0\n`);
    const ok = await adjudicate(bom);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^person_id,/);
  });

  test('a character cut short is named from its first byte, on the line where it starts', async () => {
    // 中 is E4 B8 AD: its first two bytes, then an ASCII letter (valid alone) or a line end
    const cut = (after: number[]) =>
      Buffer.concat([
        Buffer.from(`${HEADER}\nA`),
        Buffer.from([0xe4, 0xb8, ...after]),
        Buffer.from(',x\n'),
      ]);
    const letter = tempFile('cut.csv', '');
    fs.writeFileSync(letter, cut([0x41]));
    const r = await adjudicate(letter);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cut\.csv:2: bytes 0xE4 0xB8 0x41 are not valid UTF-8/);
    const lineEnd = tempFile('cut-line.csv', '');
    fs.writeFileSync(lineEnd, cut([0x0a]));
    const r2 = await adjudicate(lineEnd);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /cut-line\.csv:2: bytes 0xE4 0xB8 0x0A are not valid UTF-8/);
  });

  test('a bad cell of a workbook is placed at its sheet and cell', async () => {
    const wb = new ExcelJS.Workbook();
    claimsSheet(wb, '明细', [
      ['A', '职工', '无', 1, '住院', '三级', 1000, 900, 0, 0],
      ['B', '职工', '无', 1, '住院', '三级', 1000, 1200, 0, 0],
    ]);
    const r = await adjudicateWorkbook(wb, 'bad.xlsx');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad\.xlsx:明细!H3: column 'scope': scope 1200 is more than total 1000/);
    // a second sheet continues the table; a different header is refused
    const two = wb.addWorksheet('Sheet2');
    two.addRow(['person_id', 'group']);
    const r2 = await adjudicateWorkbook(wb, 'two.xlsx');
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /two\.xlsx:Sheet2!A1: the header of this sheet/);
    assert.equal(columnLetter(1), 'A');
    assert.equal(columnLetter(28), 'AB');
  });

  test('a message that names another row names it by its sheet and row, as the cell is', async () => {
    const wb = new ExcelJS.Workbook();
    claimsSheet(wb, '一月', [
      ['A', '职工', '无', 1, '住院', '三级', 1000, 900, 0, 0],
      ['B', '职工', '无', 1, '住院', '三级', 1000, 900, 0, 0],
    ]);
    const second = claimsSheet(wb, '二月', [
      ['C', '职工', '无', 1, '住院', '三级', 1000, 900, 0, 0],
      ['C', '职工', '无', 1, '住院', '三级', 500, 400, 0, 0],
    ]);
    const r = await adjudicateWorkbook(wb, 'twice.xlsx');
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /twice\.xlsx:二月!D3: column 'seq': person 'C' has seq 1 twice \(also on 二月 row 2\)/,
    );
    // a person back on a later sheet: where the person's rows began, in the first sheet
    second.getRow(3).getCell(1).value = 'A';
    second.getRow(3).getCell(4).value = 2;
    const r2 = await adjudicateWorkbook(wb, 'apart.xlsx');
    assert.equal(r2.code, 2);
    assert.match(
      r2.stderr,
      /apart\.xlsx:二月!A3: column 'person_id': rows of person 'A' are not together \(the person's rows began on 一月 row 2\)/,
    );
  });

  test('an unknown label is refused with the codes; --encoding must be one it knows', async () => {
    const file = tempFile('x.csv', `${HEADER}\nA,职员,无,1,住院,三级,1000,900,0,0\n`);
    const r = await adjudicate(file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /x\.csv:2: column 'group': unknown group '职员'/);
    const e = await adjudicate(file, '--encoding', 'latin1');
    assert.equal(e.code, 2);
    assert.match(e.stderr, /--encoding must be utf-8 or gb18030 or gbk, not 'latin1'/);
  });

  test('reprice and calibrate read the same extract from every format', async () => {
    const run = (file: string, ...extra: string[]) =>
      runCli([
        'reprice',
        '--scheme',
        'dazhou-2023',
        '--claims',
        path.join(EXAMPLES, file),
        '--variant',
        'layers.large_expense.components.0.bands.0.from=3000',
        ...extra,
      ]);
    const utf8 = await run('claims-codes-utf8.csv');
    assert.equal(utf8.code, 0, utf8.stderr);
    assert.equal((await run('claims-chinese.xlsx')).stdout, utf8.stdout);
    assert.equal(
      (await run('claims-chinese-gb18030.csv', '--encoding', 'gb18030')).stdout,
      utf8.stdout,
    );
    // the output can use either: codes by default, Chinese labels on request
    const zh = await run('claims-codes-utf8.csv', '--labels', 'zh');
    assert.match(zh.stdout, /who gains,group: 在职职工,persons,4,4,0/);
    assert.match(zh.stdout, /who gains,status: 特困,persons,0,0,0/);
    assert.match(utf8.stdout, /who gains,group: employee,persons,4,4,0/);
    const cal = await runCli([
      'calibrate',
      '--claims',
      path.join(EXAMPLES, 'claims-chinese-gb18030.csv'),
      '--encoding',
      'gb18030',
      '--min-events',
      '0',
    ]);
    assert.equal(cal.code, 0, cal.stderr);
    assert.match(cal.stderr, /fitted 7 events of 5 insured persons/);
  });

  test('the code table: every label names one code', () => {
    const t = codeTable();
    assert.equal(t.toCode.group.get('职工'), 'employee');
    assert.equal(t.toCode.level.get('三级'), '3');
    assert.equal(t.toCode.category.get('门诊慢特病'), 'special_outpatient');
    assert.equal(t.label.status.get('tekun'), '特困');
    const twice = tempFile(
      'codes.yaml',
      'id: x\nkind: codes\ngroup:\n  employee: [职工]\n  retiree: [职工]\nstatus: {}\ncategory: {}\nlevel: {}\n',
    );
    assert.throws(
      () => codeTable(twice),
      /codes\.yaml:5: field 'group\.retiree': label '职工' also names group 'employee'/,
    );
  });
});
