/**
 * The record a result file carries so that its run can be replayed exactly: the command
 * as typed (less where its files went), the folder it ran in, the yibao version and git
 * commit, and every input file with its content hash (schemes, their basic rules, the
 * calibration) and the overrides applied to it. `yibao replay` runs the command again
 * after checking the files are the same, and compares the new files with the old.
 *
 * The run's timing (TIMING_FIELDS in JSON, the timing marks in a report) is the one thing
 * a replay does not reproduce.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveCalibrationFile } from '../calibration/load';
import { PACKAGE_ROOT } from '../paths';
import type { Overrides } from '../scheme/overrides';
import type { Scheme } from '../scheme/types';

/** Fields of the JSON result files that hold the run's timing, not its results. */
export const TIMING_FIELDS = ['seconds'] as const;

export interface InputFileRecord {
  /** the id the file gives itself */
  id: string;
  /** absolute path when the run read it */
  file: string;
  /** SHA-256 of its bytes */
  sha256: string;
}

export interface SchemeRecord extends InputFileRecord {
  /** the basic-insurance rules the scheme points at */
  basic: InputFileRecord;
  overrides: Overrides;
}

export interface RunRecord {
  /** the yibao command and its arguments as typed, without the output folder or file (--out) */
  command: string[];
  /** the working folder, against which relative paths in `command` are read */
  cwd: string;
  yibao: {
    version: string;
    /** git commit of the yibao code, when it runs from a git checkout */
    commit: string | null;
    /** whether that checkout had uncommitted changes (the commit alone does not say the code) */
    modified: boolean | null;
  };
  seed: number;
  schemes: SchemeRecord[];
  calibration: InputFileRecord & { overrides: Overrides };
}

/** SHA-256 of a file's bytes, hex. */
export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

let codeVersion: RunRecord['yibao'] | undefined;

/** The version in package.json and, from a git checkout, the commit and whether it is modified. */
export function yibaoVersion(): RunRecord['yibao'] {
  if (codeVersion) return codeVersion;
  const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  let commit: string | null = null;
  let modified: boolean | null = null;
  if (fs.existsSync(path.join(PACKAGE_ROOT, '.git'))) {
    const git = (args: string[]) =>
      execFileSync('git', ['-C', PACKAGE_ROOT, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      }).trim();
    try {
      commit = git(['rev-parse', 'HEAD']);
      modified = git(['status', '--porcelain', '--untracked-files=no', '--', 'src', 'data']) !== '';
    } catch {
      // no git on this machine, or not a checkout after all: the version alone
    }
  }
  codeVersion = { version, commit, modified };
  return codeVersion;
}

function inputFile(id: string, file: string): InputFileRecord {
  return { id, file, sha256: fileHash(file) };
}

/** Drops `--out X` / `--out=X` from a command's arguments: where the files went is not the run. */
export function withoutOutput(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') i++;
    else if (!args[i].startsWith('--out=')) out.push(args[i]);
  }
  return out;
}

export interface RecordInput {
  /** the command's name and its arguments as typed */
  command: string[];
  seed: number;
  schemes: { scheme: Scheme; overrides?: Overrides }[];
  calibration: { ref: string; id: string; overrides?: Overrides };
}

/** The record of a run, for its result files. */
export function runRecord(input: RecordInput): RunRecord {
  return {
    command: withoutOutput(input.command),
    cwd: process.cwd(),
    yibao: yibaoVersion(),
    seed: input.seed,
    schemes: input.schemes.map(({ scheme, overrides }) => ({
      ...inputFile(scheme.id, scheme.file),
      basic: inputFile(scheme.basic.id, scheme.basic.file),
      overrides: overrides ?? {},
    })),
    calibration: {
      ...inputFile(input.calibration.id, resolveCalibrationFile(input.calibration.ref)),
      overrides: input.calibration.overrides ?? {},
    },
  };
}

/** A command as a shell line: each argument quoted where the shell would read it otherwise. */
export function shellLine(command: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ['yibao', ...command].map(quote).join(' ');
}

/** The record as rows of (field, value), Chinese first, for a report's table and sheet. */
export function recordRows(record: RunRecord): { field: string; value: string | number }[] {
  const rows: { field: string; value: string | number }[] = [
    { field: '命令 command', value: shellLine(record.command) },
    { field: '工作目录 working folder', value: record.cwd },
    { field: 'yibao 版本 version', value: record.yibao.version },
  ];
  if (record.yibao.commit)
    rows.push({
      field: '提交 commit',
      value: `${record.yibao.commit}${record.yibao.modified ? ' (with local changes)' : ''}`,
    });
  rows.push({ field: '随机种子 seed', value: record.seed });
  const file = (f: InputFileRecord) => `${f.file} (SHA-256 ${f.sha256})`;
  for (const s of record.schemes) {
    rows.push({ field: `方案文件 scheme file (${s.id})`, value: file(s) });
    rows.push({ field: `基本医保文件 basic file (${s.basic.id})`, value: file(s.basic) });
    if (Object.keys(s.overrides).length > 0)
      rows.push({ field: `覆盖 overrides of ${s.id}`, value: JSON.stringify(s.overrides) });
  }
  const c = record.calibration;
  rows.push({ field: '校准 calibration', value: c.id });
  rows.push({ field: '校准文件 calibration file', value: file(c) });
  if (Object.keys(c.overrides).length > 0)
    rows.push({ field: '校准覆盖 calibration overrides', value: JSON.stringify(c.overrides) });
  return rows;
}
