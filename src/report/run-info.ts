/**
 * What a report records so that its figures can be replayed and checked: the yibao
 * version (and commit, in a clone), the command, the seed, scenarios, years and persons,
 * the calibration and scheme files with their SHA-256, and every parameter overridden.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FigureKind } from '../format/numbers';
import type { Row } from '../format/table';
import { PACKAGE_ROOT } from '../paths';
import { listParams } from '../scheme/params';
import type { SimulationResult } from '../simulate/simulate';
import type { ReportTable } from './model';

/** What only the caller knows about the run. */
export interface RunContext {
  /** the command line, as typed: 'yibao candidates --scenarios 500' */
  command?: string;
  /** when the report was made (default: now) */
  date?: Date;
}

/** The command line of a `yibao` sub-command, quoted where an argument needs it. */
export function commandLine(name: string, args: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ['yibao', name, ...args].map(quote).join(' ');
}

const sha256 = (file: string) =>
  createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  return String(pkg.version);
}

/** The commit of a clone of yibao itself; undefined for an installed package. */
function commit(): string | undefined {
  const git = (...args: string[]) =>
    spawnSync('git', ['-C', PACKAGE_ROOT, ...args], { encoding: 'utf8' }).stdout?.trim();
  const top = git('rev-parse', '--show-toplevel');
  if (!top || path.resolve(top) !== path.resolve(PACKAGE_ROOT)) return undefined;
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' (with local changes)' : '';
  return `${git('rev-parse', '--short=12', 'HEAD')}${dirty}`;
}

/** The run-information table of a report on one or more simulated schemes. */
export function runInformation(
  results: SimulationResult[],
  calibrationFile: string,
  context: RunContext = {},
): ReportTable {
  const info = results[0].info;
  const rows: Row[] = [];
  const add = (zh: string, en: string, value: Row[string], kind: FigureKind = 'text') =>
    rows.push({ item: `${zh} ${en}`, value, kind });
  add('yibao 版本', 'version', version());
  const at = commit();
  if (at) add('提交', 'commit', at);
  add('命令', 'command', context.command ?? '(called from code)');
  add('日期', 'date', (context.date ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'));
  add('随机种子', 'seed', info.seed, 'index');
  add('情景数', 'scenarios', info.scenarios, 'count');
  add('测算年数', 'years', info.years, 'count');
  add('第1年参保人数', 'insured in year 1', info.persons, 'count');
  add('确定性路径', 'deterministic (scenario factors at their means)', info.deterministic, 'flag');
  if (info.fundingYear !== undefined)
    add('筹资标准年度', 'funding year', info.fundingYear, 'index');
  add('校准', 'calibration', info.calibration);
  add('校准文件 SHA-256', 'calibration file SHA-256', sha256(calibrationFile));
  for (const r of results) {
    const scheme = r.run.scheme;
    add('方案', 'scheme', `${scheme.id}: ${scheme.document.ref} ${scheme.document.title}`);
    add('方案文件 SHA-256', `scheme file SHA-256 (${scheme.id})`, sha256(scheme.file));
    const overridden = [
      ...listParams('basic', scheme.basic.raw),
      ...listParams('', scheme.raw),
    ].filter((p) => p.source === 'override');
    for (const p of overridden)
      add('参数覆盖', `override (${scheme.id})`, `${p.path} = ${p.value}; ${p.note ?? ''}`.trim());
    if (overridden.length === 0) add('参数覆盖', `overrides (${scheme.id})`, '无 none');
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
