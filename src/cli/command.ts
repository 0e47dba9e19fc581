import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import { writeAll } from '../io/output';
import * as msg from '../messages';

/** What every `yibao` sub-command provides; main.ts dispatches on `name`. */
export interface Command {
  name: string;
  /** full help, with at least one example */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Where a command writes: injectable so tests can capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** whether stderr is a terminal (progress bars only there, or when forced) */
  interactive: boolean;
  /**
   * Resolves once everything given to `stdout` so far is written; throws if a write
   * failed. Commands that stream much output await it between chunks, and main awaits it
   * before reporting success.
   */
  flush?: () => Promise<void>;
}

/*
 * Standard output, checked. Into a file or a device (`> out.csv`, `> /dev/full`) it is
 * written synchronously with writeAll, which loops over short writes and throws on a full
 * disk (process.stdout ignores a short write to a file). Into a pipe or a terminal it goes
 * through process.stdout, whose failures arrive later as 'error' events: the first is kept
 * and thrown by the next write or flush. A reader that stops early (`yibao … | head`) is
 * not an error.
 */
let stdoutIsFile: boolean | undefined;
let stdoutFailure: unknown;

function isFileOrDevice(): boolean {
  try {
    const stat = fs.fstatSync(1);
    return stat.isFile() || (stat.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

function failed(error: unknown): YibaoError {
  return new YibaoError(msg.file.standardOutput(msg.ioReason(error)), {}, 1);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  stdoutFailure ??= e;
});

function writeStdout(text: string): void {
  if (stdoutFailure) throw failed(stdoutFailure);
  stdoutIsFile ??= isFileOrDevice();
  if (!stdoutIsFile) {
    process.stdout.write(text);
    return;
  }
  try {
    writeAll(1, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    stdoutFailure = e;
    throw failed(e);
  }
}

function flushStdout(): Promise<void> {
  if (stdoutFailure) return Promise.reject(failed(stdoutFailure));
  if (stdoutIsFile !== false) return Promise.resolve();
  return new Promise((resolve, reject) => {
    process.stdout.write('', (e) => {
      const failure = stdoutFailure ?? e;
      if (failure) reject(failed(failure));
      else resolve();
    });
  });
}

export const processIo: CliIo = {
  stdout: writeStdout,
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  flush: flushStdout,
};
