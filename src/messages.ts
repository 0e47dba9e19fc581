/**
 * The catalogue of user-facing messages: every refusal and warning yibao prints is worded
 * here, one section per topic, so that the wording is consistent and can be reviewed in one
 * place. A message says what was wrong and what would be right; where it happened (file,
 * line, field) is added by YibaoError (src/errors.ts).
 */
import {
  MAX_AMOUNT_YUAN,
  MAX_CLAIMS_LINE,
  MAX_DATA_FILE_BYTES,
  MAX_WHOLE_NUMBER,
} from './model/limits';

/** A user's text in a message: quoted, and cut short when long (a 300-digit amount, a binary line). */
export function quoted(text: string, max = 40): string {
  return text.length <= max ? `'${text}'` : `'${text.slice(0, max)}…' (${text.length} characters)`;
}

/** A size in bytes for people: KiB, MiB or GiB. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 40) return `${Math.round(n / 2 ** 40).toLocaleString('en')} TiB`;
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${Math.round(n / 2 ** 20)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}

// ── files and output ─────────────────────────────────────────────────────────────────────

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'device or resource busy',
  ETXTBSY: 'text file busy',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EPIPE: 'the reader closed the pipe',
};

/** Why a file operation failed, in words, from a system error (`ENOSPC` → 'no space left on device'). */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message.split('\n')[0]}` : message.split('\n')[0];
}

/** Whether `error` is a system error (a failed read, write, open …) as Node throws them. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

export const fileMessages = {
  cannotRead: (what: string, reason: string) => `cannot read the ${what} file: ${reason}`,
  notAFile: (what: string, kind: string) =>
    `cannot read the ${what} file: it is ${kind}, not a file`,
  tooLarge: (what: string) =>
    `cannot read the ${what} file: it is larger than ${formatBytes(MAX_DATA_FILE_BYTES)}, the most a ${what} file may have (the shipped ones are a few tens of kilobytes); is it the right file?`,
  cannotWrite: (target: string, reason: string) => `cannot write to ${target}: ${reason}`,
  noSuchFolder: (target: string, folder: string) =>
    `cannot write to ${target}: there is no folder ${folder} (create it first)`,
  folderIsFile: (target: string, file: string) =>
    `cannot write to ${target}: ${file} is a file, not a folder`,
  outIsFolder: (target: string) =>
    `cannot write to ${target}: it is a folder; give a file name (e.g. ${target.replace(/\/+$/, '')}/out.csv)`,
  outIsFile: (target: string) =>
    `cannot write to ${target}: it is a file; --out takes a folder for the result files`,
  standardOutput: (reason: string) => `cannot write to standard output: ${reason}`,
  systemError: (error: NodeJS.ErrnoException & { dest?: string }) =>
    `${error.syscall ?? 'file operation'}${error.path ? ` ${error.path}` : ''}${error.dest ? ` → ${error.dest}` : ''} failed: ${ioReason(error)}`,
};

/** What kind of thing a non-regular path is, for `notAFile`. */
export function kindOfPath(stat: {
  isDirectory(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
  isFIFO(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSocket()) return 'a socket';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isCharacterDevice()) return 'a device';
  if (stat.isFIFO()) return 'a pipe';
  return 'not a regular file';
}

// ── claims files: amounts, seq, lines ────────────────────────────────────────────────────

export const claimsMessages = {
  amountTooLarge: (text: string) =>
    `${quoted(text)} is more than the largest amount accepted, ${MAX_AMOUNT_YUAN.toLocaleString('en')} yuan (10^12)`,
  personTotalTooLarge: (personId: string) =>
    `person ${quoted(personId)}: the year's total is more than the largest amount accepted, ${MAX_AMOUNT_YUAN.toLocaleString('en')} yuan (10^12)`,
  seqTooLarge: (text: string) =>
    `${quoted(text)} is more than the largest seq accepted, ${MAX_WHOLE_NUMBER} (2^53 − 1; larger whole numbers are not exact in a float64)`,
  lineTooLong: () =>
    `the line is longer than ${MAX_CLAIMS_LINE.toLocaleString('en')} characters, the most a claims line may have (a claims row has about a hundred); is it a claims CSV?`,
};

// ── replay ───────────────────────────────────────────────────────────────────────────────

export const replayMessages = {
  noRecord: () =>
    'has no run record (a summary.json or run.json written by yibao simulate, report or candidates has one)',
  badRecord: (field: string) => `the run record's '${field}' is missing or not what yibao writes`,
  notReplayable: (command: string) =>
    `'${command}' is not a command whose run can be replayed (simulate, report, candidates)`,
  inputChanged: (file: string, was: string, now: string) =>
    `${file} has changed since the run (sha256 ${was.slice(0, 12)}… then, ${now.slice(0, 12)}… now): the replay would not be the same run; restore the file, or --force to replay anyway`,
  inputMissing: (file: string) =>
    `${file} is not there any more: the replay would not be the same run; restore it, or --force to replay anyway`,
  otherVersion: (was: string, now: string) =>
    `note: the run was made by yibao ${was}, this is ${now}; the figures may differ`,
  failed: (code: number) => `the replayed command failed (exit status ${code})`,
};

// ── run size and resources ───────────────────────────────────────────────────────────────

/** A duration for people: seconds, minutes, hours or days, rounded. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400).toLocaleString('en')} days`;
}

interface PlanFigures {
  scenarios: number;
  years: number;
  variants: number;
  blocksPerScenario: number;
  threads: number;
  bytes: number;
  heapBytes: number;
  heapLimit: number;
  memoryLimit: number;
  seconds?: number;
}

const runShape = (p: PlanFigures) =>
  `${p.scenarios.toLocaleString('en')} scenarios × ${p.years} years × ${p.blocksPerScenario.toLocaleString('en')} block${p.blocksPerScenario === 1 ? '' : 's'} of 65,536 persons${p.variants > 1 ? ` × ${p.variants} variants` : ''}`;

export const resourceMessages = {
  doesNotFit: (p: PlanFigures) =>
    `this run would need about ${formatBytes(p.bytes)} of memory, ${formatBytes(p.heapBytes)} of it for the sums of ${runShape(p)} kept until the end; this machine gives ${formatBytes(p.memoryLimit)}, and the heap ${formatBytes(p.heapLimit)} (node --max-old-space-size sets it): give fewer --persons or --scenarios`,
  largeRun: (p: PlanFigures) =>
    `a large run: ${runShape(p)} on ${p.threads} thread${p.threads === 1 ? '' : 's'}; about ${formatBytes(p.bytes)} of memory${p.seconds !== undefined ? ` and about ${formatDuration(p.seconds)}` : ''}`,
  tooManyWorkers: (workers: number, cores: number) =>
    `--workers ${workers} is more than the ${cores} cores of this machine: threads beyond the cores only add memory (each is a fresh isolate of about 100 MB) and contention; give at most ${cores}, or --force to start them anyway`,
};
