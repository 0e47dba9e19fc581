/**
 * What a report records so that its figures can be replayed and checked: the run's record
 * (command, working folder, yibao version and commit, seed, every input file with its
 * SHA-256 and overrides; see simulate/run-record.ts), the run's size (scenarios, years,
 * persons) and every parameter overridden. The run's timing (date, seconds) is set apart
 * in the report's timing table, the one thing a replay does not reproduce.
 */
import type { FigureKind } from '../format/numbers';
import type { Row } from '../format/table';
import { listParams } from '../scheme/params';
import { type RunRecord, recordRows } from '../simulate/run-record';
import type { SimulationResult } from '../simulate/simulate';
import type { ReportTable } from './model';

/** The run-information table of a report on one or more simulated schemes. */
export function runInformation(results: SimulationResult[], record?: RunRecord): ReportTable {
  const info = results[0].info;
  const rows: Row[] = [];
  const add = (item: string, value: Row[string], kind: FigureKind = 'text') =>
    rows.push({ item, value, kind });
  const recorded = record ? recordRows(record) : [{ field: '命令 command', value: '(from code)' }];
  for (const r of recorded) add(r.field, r.value, typeof r.value === 'number' ? 'index' : 'text');
  add('情景数 scenarios', info.scenarios, 'count');
  add('测算年数 years', info.years, 'count');
  add('第1年参保人数 insured in year 1', info.persons, 'count');
  add('确定性路径 deterministic (scenario factors at their means)', info.deterministic, 'flag');
  if (info.fundingYear !== undefined) add('筹资标准年度 funding year', info.fundingYear, 'index');
  for (const r of results) {
    const scheme = r.run.scheme;
    add(`方案 scheme ${scheme.id}`, `${scheme.document.ref} ${scheme.document.title}`);
    const overridden = [
      ...listParams('basic', scheme.basic.raw),
      ...listParams('', scheme.raw),
    ].filter((p) => p.source === 'override');
    for (const p of overridden)
      add(`参数覆盖 override (${scheme.id})`, `${p.path} = ${p.value}; ${p.note ?? ''}`.trim());
    if (overridden.length === 0) add(`参数覆盖 overrides (${scheme.id})`, '无 none');
  }
  return {
    title: '运行信息 Run information',
    sheet: '运行信息 Run',
    columns: [
      { key: 'item', label: { zh: '项目', en: 'item' }, kind: 'text' },
      { key: 'value', label: { zh: '值', en: 'value' }, kind: (row) => row.kind as FigureKind },
    ],
    rows,
  };
}
