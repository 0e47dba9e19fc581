/**
 * The workbook read back as an analyst's spreadsheet would: exceljs (and openpyxl, another
 * reader) see numbers with number formats, frozen filtered headers, full names, the run's
 * settings, every assumption, every scenario and year, and summary formulas whose cached
 * values are yibao's figures and which recompute to them from the scenario sheet.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { loadCalibration } from '../../src/calibration/load';
import { storedFigure } from '../../src/format/numbers';
import { textWidth } from '../../src/format/width';
import { candidatesReport, runCandidates } from '../../src/report/candidates';
import { writeReport } from '../../src/report/write';
import { isAssumed, listParams } from '../../src/scheme/params';
import { SUMMARY_FIELDS, summaryRows } from '../../src/simulate/output';
import { runRecord } from '../../src/simulate/run-record';

const OPTIONS = { scenarios: 16, persons: 3000, years: 2, seed: 7, workers: 1 };
const COMMAND = ['candidates', '--schemes', 'dazhou-2023,ordos-2018', '--scenarios', '16'];

type Items = Awaited<ReturnType<typeof runCandidates>>;
let items: Items;
let dir: string;
let file: string;
const wb = new ExcelJS.Workbook();

before(async () => {
  items = await runCandidates(['dazhou-2023', 'ordos-2018'], OPTIONS);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-workbook-'));
  const record = runRecord({
    command: COMMAND,
    seed: OPTIONS.seed,
    schemes: items.map(({ result }) => ({ scheme: result.run.scheme })),
    calibration: { ref: 'default', id: items[0].result.info.calibration },
  });
  const report = candidatesReport(items, 'default', record);
  file = (await writeReport(dir, report)).files[1];
  await wb.xlsx.readFile(file);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const sheet = (name: string) => {
  const s = wb.getWorksheet(name);
  assert.ok(s, `sheet '${name}' in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return s;
};

/** Column number of the header whose text starts with `zh`. */
function columnOf(ws: ExcelJS.Worksheet, zh: string): number {
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (!at && String(c.value).split('\n')[0] === zh) at = n;
  });
  assert.ok(at, `column '${zh}' in ${ws.name}`);
  return at;
}

/** The values of a formula's ranges, read from the workbook. */
function rangeValues(ref: string): number[] {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(ref);
  assert.ok(m, `a range reference: ${ref}`);
  const ws = sheet(m[1].replace(/''/g, "'"));
  const out: number[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) {
    const value: ExcelJS.CellValue = ws.getCell(`${m[2]}${r}`).value;
    assert.equal(typeof value, 'number', `${ref} row ${r} holds a number`);
    out.push(value as number);
  }
  return out;
}

/** Excel's PERCENTILE.INC as its documentation defines it, written here independently. */
function percentileInc(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
}

/** Half the unit a figure of each kind is stored to (the fen for yuan, 1e-8 for shares). */
const HALF_UNIT: Record<string, number> = {
  yuan: 0.005,
  wan: 5e-7,
  percent: 5e-9,
  probability: 5e-9,
  rate: 5e-7,
  headcount: 5e-5,
};

/** Evaluates the few formulas the workbook writes, from the cells they reference. */
function evaluate(formula: string): number {
  const REF = "('(?:[^']|'')+'![$A-Z0-9:]+)";
  const calls: [RegExp, (...a: string[]) => number][] = [
    [
      new RegExp(`_xlfn\\.PERCENTILE\\.INC\\(${REF},([\\d.]+)\\)`, 'g'),
      (r, p) => percentileInc(rangeValues(r), Number(p)),
    ],
    [
      new RegExp(`AVERAGE\\(${REF}\\)`, 'g'),
      (r) => {
        const v = rangeValues(r);
        return v.reduce((a, b) => a + b, 0) / v.length;
      },
    ],
    [
      new RegExp(`COUNTIF\\(${REF},"<0"\\)`, 'g'),
      (r) => rangeValues(r).filter((v) => v < 0).length,
    ],
    [new RegExp(`COUNT\\(${REF}\\)`, 'g'), (r) => rangeValues(r).length],
    [new RegExp(`SUM\\(${REF}\\)`, 'g'), (r) => rangeValues(r).reduce((a, b) => a + b, 0)],
  ];
  let expr = formula;
  for (const [re, f] of calls) expr = expr.replace(re, (_, ...groups) => String(f(...groups)));
  assert.match(expr, /^[\d.e+\-*/()]+$/, `nothing left but arithmetic: ${expr}`);
  return Function(`return ${expr}`)();
}

describe('workbook read back', () => {
  test('has the candidates, each scheme summary and scenarios, assumptions, calibration and run sheets', () => {
    const names = wb.worksheets.map((w) => w.name);
    for (const name of [
      '候选费率 Candidates',
      'dazhou-2023 汇总 summary',
      'dazhou-2023 情景 scenarios',
      'ordos-2018 汇总 summary',
      'ordos-2018 情景 scenarios',
      '假设 Assumptions',
      '校准 Calibration',
      '运行信息 Run',
    ])
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  });

  test('every sheet has a frozen header row, a filter over its table and headers in words', () => {
    for (const ws of wb.worksheets) {
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      assert.equal(view.state, 'frozen', ws.name);
      assert.equal(view.ySplit, 1, ws.name);
      const filter = ws.autoFilter as { from: unknown; to: unknown } | string | undefined;
      assert.ok(filter, `${ws.name} has a filter`);
      ws.getRow(1).eachCell((c) => {
        const text = String(c.value);
        assert.doesNotMatch(text, /^[a-z]+(_[a-z0-9]+)+$/, `${ws.name}: header '${text}' is words`);
        assert.match(text, /\n/, `${ws.name}: header '${text}' in Chinese and English`);
      });
    }
  });

  test('no figure is text: every cell that reads as a number is a number', () => {
    for (const ws of wb.worksheets)
      ws.eachRow((row, r) => {
        if (r === 1) return;
        row.eachCell((c) => {
          if (typeof c.value === 'string')
            assert.doesNotMatch(
              c.value,
              /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)? ?(%|元|元\/人|万元)?$/,
              `${ws.name}!${c.address} holds '${c.value}' as text`,
            );
        });
      });
  });

  test('rates are numbers in their unit with a per-cell format; names in full, columns fit them', () => {
    const ws = sheet('候选费率 Candidates');
    const rate = columnOf(ws, '费率');
    const name = columnOf(ws, '名称');
    assert.equal(ws.getRow(2).getCell(rate).value, 0.0032);
    assert.equal(ws.getRow(2).getCell(rate).numFmt, '0.000%');
    assert.equal(ws.getRow(3).getCell(rate).value, 60);
    assert.equal(ws.getRow(3).getCell(rate).numFmt, '#,##0.00" 元/人"');
    const full = items[0].result.scheme.title.zh;
    assert.equal(ws.getRow(2).getCell(name).value, full);
    assert.ok(
      (ws.getColumn(name).width ?? 0) >= textWidth(full),
      `width ${ws.getColumn(name).width} fits '${full}' (${textWidth(full)} digit widths)`,
    );
    const lr = columnOf(ws, '末年净赔付率 中位数');
    assert.equal(ws.getRow(2).getCell(lr).numFmt, '0.0%');
    const balance = columnOf(ws, '期末基金结余 中位数');
    assert.equal(ws.getRow(2).getCell(balance).numFmt, '#,##0.00');
    assert.match(String(ws.getRow(1).getCell(balance).value), /万元/);
  });

  test('the scenario sheet has every scenario and year, money to the fen', () => {
    for (const { result } of items) {
      const ws = sheet(`${result.scheme.id} 情景 scenarios`);
      assert.equal(ws.rowCount, 1 + OPTIONS.scenarios * OPTIONS.years);
      const balance = columnOf(ws, '基金结余');
      assert.equal(ws.getRow(2).getCell(balance).numFmt, '#,##0.00');
      for (let r = 2; r <= ws.rowCount; r++) {
        const v = ws.getRow(r).getCell(balance).value as number;
        assert.equal(typeof v, 'number');
        assert.equal(Math.round(v * 100) / 100, v, `balance ${v} to the fen`);
      }
      const retender = columnOf(ws, '重新招标');
      assert.equal(typeof ws.getRow(2).getCell(retender).value, 'boolean');
    }
  });

  test("summary figures are formulas over the scenario sheet, cached at yibao's figures", () => {
    let formulas = 0;
    const functions = new Set<string>();
    for (const { result, summary } of items) {
      const ws = sheet(`${result.scheme.id} 汇总 summary`);
      const rows = summaryRows(summary);
      SUMMARY_FIELDS.forEach((f, i) => {
        rows.forEach((expected, y) => {
          const cell = ws.getRow(y + 2).getCell(i + 1);
          const stored = storedFigure(expected[f.key], f.kind, result.funding.kind);
          if (!f.aggregate) {
            assert.equal(cell.value, stored, `${ws.name}!${cell.address} ${f.key}`);
            return;
          }
          const v = cell.value as ExcelJS.CellFormulaValue;
          assert.equal(
            typeof v.formula,
            'string',
            `${ws.name}!${cell.address} ${f.key} is a formula`,
          );
          // exceljs's reader drops a cached 0 (<v>0</v>); openpyxl reads it (below)
          assert.equal(v.result ?? 0, stored, `${ws.name}!${cell.address} ${f.key}: cached value`);
          // and the formula itself gives the figure, from the sheet's own cells
          const computed = evaluate(v.formula);
          // the cached value and the scenario cells are each rounded as stored (the fen, 1e-8
          // for shares): within half a unit for each
          const tolerance = 2 * HALF_UNIT[f.kind] + 1e-9 * Math.abs(computed);
          assert.ok(
            Math.abs(computed - (stored as number)) <= tolerance,
            `${ws.name}!${cell.address} ${f.key}: ${v.formula} = ${computed}, yibao ${stored}`,
          );
          for (const m of v.formula.matchAll(/([A-Za-z_.]+)\(/g)) functions.add(m[1]);
          formulas++;
        });
      });
    }
    assert.ok(formulas > 30, `${formulas} formulas`);
    for (const fn of ['AVERAGE', '_xlfn.PERCENTILE.INC', 'COUNTIF', 'SUM'])
      assert.ok(functions.has(fn), `${fn} among ${[...functions].join(', ')}`);
  });

  test('the run sheet records version, command, seed, scenarios, persons and calibration', () => {
    const ws = sheet('运行信息 Run');
    const values = new Map<string, unknown>();
    ws.eachRow((row, r) => {
      if (r > 1) values.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
    );
    assert.equal(values.get('yibao 版本 version'), pkg.version);
    assert.equal(values.get('命令 command'), `yibao ${COMMAND.join(' ')}`);
    assert.equal(values.get('随机种子 seed'), OPTIONS.seed);
    assert.equal(values.get('情景数 scenarios'), OPTIONS.scenarios);
    assert.equal(values.get('第1年参保人数 insured in year 1'), OPTIONS.persons);
    assert.equal(values.get('校准 calibration'), 'default');
    assert.match(String(values.get('校准文件 calibration file')), /\(SHA-256 [0-9a-f]{64}\)$/);
  });

  test('the timing sheet, apart from the figures, says when the report was made', () => {
    const ws = sheet('用时 timing');
    assert.match(String(ws.getRow(2).getCell(2).value), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });

  test('the assumptions sheet lists every assumption of each scheme and the calibration with its note', () => {
    const ws = sheet('假设 Assumptions');
    const listed = new Set<string>();
    ws.eachRow((row, r) => {
      if (r > 1) listed.add(`${row.getCell(1).value} ${row.getCell(2).value}`);
    });
    let expected = 0;
    for (const { result } of items) {
      const s = result.run.scheme;
      for (const p of [...listParams('basic', s.basic.raw), ...listParams('', s.raw)].filter(
        isAssumed,
      )) {
        assert.ok(listed.has(`${s.id} ${p.path}`), `${s.id} ${p.path}`);
        expected++;
      }
    }
    const cal = loadCalibration('default');
    for (const p of listParams('', cal.raw).filter(isAssumed)) {
      assert.ok(listed.has(`校准 calibration ${cal.id} ${p.path}`), p.path);
      expected++;
    }
    assert.equal(ws.rowCount - 1, expected);
    assert.ok(expected > 10);
  });

  test('openpyxl reads the same frozen panes, formats and formulas', (t) => {
    const python = '/usr/bin/python3';
    const probe = spawnSync(python, ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      t.skip('python3-openpyxl is not installed (apt-get install python3-openpyxl)');
      return;
    }
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb:
    out[ws.title] = {
        'freeze': ws.freeze_panes,
        'filter': ws.auto_filter.ref,
        'b2': [ws['B2'].value, ws['B2'].number_format],
    }
cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
for ws in cached:
    out[ws.title]['values'] = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
print(json.dumps(out, ensure_ascii=False))
`;
    const r = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout) as Record<
      string,
      { freeze: string; filter: string; b2: [unknown, string]; values: unknown[][] }
    >;
    for (const [name, s] of Object.entries(seen)) {
      assert.equal(s.freeze, 'B2', name);
      assert.match(s.filter, /^A1:[A-Z]+\d+$/, name);
    }
    const summary = seen['dazhou-2023 汇总 summary'];
    assert.match(
      String(summary.b2[0]),
      // the rate: column D, after scenario, year and cooperation period
      /^=AVERAGE\('dazhou-2023 情景 scenarios'!\$D\$2:\$D\$17\)$/,
    );
    assert.equal(summary.b2[1], '0.000%');
    // the cached values another reader sees are yibao's figures, zeros included
    for (const { result, summary: s } of items) {
      const values = seen[`${result.scheme.id} 汇总 summary`].values;
      for (const [y, row] of summaryRows(s).entries())
        for (const [i, f] of SUMMARY_FIELDS.entries())
          assert.equal(
            values[y][i],
            storedFigure(row[f.key], f.kind, result.funding.kind),
            `${result.scheme.id} ${f.key} year ${y + 1}`,
          );
    }
  });
});
