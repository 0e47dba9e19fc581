/**
 * Where results go, checked before the work and written so that a failure never looks
 * like success:
 *
 *   checkOutputFile / checkOutputFolder ── before the run: the place can take the result
 *     (one clear refusal, exit 2, instead of a stack trace after minutes of work)
 *   placeFile ── after the run: written beside the target, flushed to disk, renamed over it
 *     (a reader never sees half a file; a full disk is an error, exit 1, target untouched)
 *   makeFolders ── folders made one level at a time
 *
 * Every write goes through writeAll, which loops: fs.writeSync may write fewer bytes than
 * asked (a nearly full disk) and say so only in its return value.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { PRIVATE_FILE_MODE, removeOnExit } from './temp-files';

/** The stats of `file`, or undefined when nothing is there. */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The refusal of an output place (exit 2: the command names a place that cannot take it). */
function refuse(target: string, reason: string): YibaoError {
  return new YibaoError(msg.file.cannotWrite(target, reason));
}

/** The error of a write that failed after the work (exit 1: the system failed, e.g. a full disk). */
export function writeFailed(target: string, error: unknown): YibaoError {
  if (error instanceof YibaoError) return error;
  return new YibaoError(msg.file.cannotWrite(target, msg.ioReason(error)), {}, 1);
}

/** Writes all of `data` to `fd`, looping over short writes. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < buffer.length) {
    offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
  }
}

/** The nearest folder of `target` that exists, and the folders below it that do not. */
function existingAncestor(target: string): { folder: string; missing: string[] } {
  const missing: string[] = [];
  let at = path.resolve(target);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = statOf(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw refuse(target, msg.ioReason(e));
    }
    if (stat) {
      if (!stat.isDirectory()) throw new YibaoError(msg.file.folderIsFile(target, at));
      return { folder: at, missing };
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) throw refuse(target, msg.ioReason({ code: 'ENOENT' }));
    at = up;
  }
}

/**
 * Proves that `folder` (an existing folder) takes a new file, by creating one and removing
 * it: permissions, a read-only file system and pseudo file systems (/proc, /sys) are only
 * known for certain by trying.
 */
function probe(target: string, folder: string): void {
  const file = path.join(folder, `.yibao-probe-${randomBytes(6).toString('hex')}`);
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (e) {
    throw refuse(target, msg.ioReason(e));
  }
  fs.rmSync(file, { force: true });
}

/**
 * Checks, before the work, that `file` can take one output file: a new name in an existing
 * folder that takes files, an existing file there, or a device or pipe that may be written
 * (/dev/stdout). A folder, a missing folder or a read-only place is refused (exit 2).
 */
export function checkOutputFile(file: string): void {
  const stat = outputStat(file);
  if (stat?.isDirectory()) throw new YibaoError(msg.file.outIsFolder(file));
  // a device or a pipe (/dev/stdout) is written directly
  if (stat && !stat.isFile()) {
    mayWrite(file);
    return;
  }
  const { folder, missing } = existingAncestor(path.dirname(path.resolve(file)));
  if (missing.length > 0) throw new YibaoError(msg.file.noSuchFolder(file, missing[0]));
  // the result is written beside the file and renamed over it: the folder must take files
  probe(file, folder);
  if (stat) mayWrite(file);
}

function mayWrite(target: string): void {
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch (e) {
    throw refuse(target, msg.ioReason(e));
  }
}

/**
 * The stats of an output place, or undefined when nothing is there — also when a part of
 * its path is a file (ENOTDIR), which existingAncestor then names.
 */
function outputStat(target: string): fs.Stats | undefined {
  try {
    return statOf(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw refuse(target, msg.ioReason(e));
    return undefined;
  }
}

/**
 * Checks, before the work, that `dir` can take result files: an existing folder that takes
 * files, or one that can be created (tried, then removed again). A file in its place, or a
 * place that cannot be written, is refused (exit 2).
 */
export function checkOutputFolder(dir: string): void {
  const stat = outputStat(dir);
  if (stat && !stat.isDirectory()) throw new YibaoError(msg.file.outIsFile(dir));
  const { folder, missing } = existingAncestor(dir);
  const made: string[] = [];
  try {
    for (const m of missing) {
      fs.mkdirSync(m);
      made.push(m);
    }
    probe(dir, made.length > 0 ? made[made.length - 1] : folder);
  } catch (e) {
    throw e instanceof YibaoError ? e : refuse(dir, msg.ioReason(e));
  } finally {
    for (const m of made.reverse()) fs.rmdirSync(m);
  }
}

/**
 * Creates `dir` and its missing parents, one level at a time: Node's recursive mkdir loops
 * for ever where the kernel answers ENOENT for a folder whose parent exists (/proc/x).
 */
export function makeFolders(dir: string): void {
  const { missing } = existingAncestor(dir);
  for (const m of missing) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(dir, e);
    }
  }
}

/** The mode a new file gets (0666 less the umask), for a result renamed into place. */
export function newFileMode(): number {
  const umask = process.umask(0);
  process.umask(umask);
  return 0o666 & ~umask;
}

/**
 * Writes the file `target` through `write(fd)`, so that it is whole or not there: into a
 * private file beside it (mode 0600), flushed to disk, given the mode the target has (or a
 * new file's), then renamed over it. A device or a pipe (/dev/stdout) is written directly.
 * A failed write leaves the target as it was and throws exit status 1.
 */
export function placeFile(target: string, write: (fd: number) => void): void {
  let stat: fs.Stats | undefined;
  try {
    stat = statOf(target);
  } catch (e) {
    throw writeFailed(target, e);
  }
  if (stat && !stat.isFile()) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(target, 'w');
      write(fd);
    } catch (e) {
      throw writeFailed(target, e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    return;
  }
  // beside the file a symbolic link points to, so that the link stays a link
  const real = stat ? fs.realpathSync(target) : target;
  const staged = path.join(
    path.dirname(real),
    `.${path.basename(real)}.yibao-${randomBytes(6).toString('hex')}`,
  );
  const remove = removeOnExit(staged);
  try {
    const fd = fs.openSync(staged, 'wx', PRIVATE_FILE_MODE);
    try {
      write(fd);
      fs.fsyncSync(fd);
      fs.fchmodSync(fd, stat ? stat.mode & 0o7777 : newFileMode());
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(staged, real);
  } catch (e) {
    throw writeFailed(target, e);
  } finally {
    remove();
  }
}

/** Copies the whole file `from` into `fd`, in chunks of 1 MiB. */
export function copyInto(from: string, fd: number): void {
  const input = fs.openSync(from, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(input, chunk, 0, chunk.length, null);
      if (n === 0) break;
      writeAll(fd, chunk.subarray(0, n));
    }
  } finally {
    fs.closeSync(input);
  }
}
