import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolders, newFileMode, writeAll, writeFailed } from './output';
import { PRIVATE_FILE_MODE, removeOnExit } from './temp-files';

export interface WriteFilesOptions {
  /**
   * Names of the files an earlier set in `dir` may have that this set supersedes: those
   * not in this set are removed once it is in place, so that the folder holds one set.
   */
  replaces?: readonly string[];
}

/**
 * Writes several files into `dir` (created) all or none: each is written into a staging
 * folder beside them and flushed to disk, and only when all are written are they moved
 * into place (a rename each), then the superseded files of an earlier set removed. A
 * failure (a full disk) leaves the folder as it was and throws with exit status 1; an
 * interrupted run leaves no staging folder. Returns the paths written.
 */
export function writeFilesTogether(
  dir: string,
  files: Record<string, string | Uint8Array>,
  options: WriteFilesOptions = {},
): string[] {
  makeFolders(dir);
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(dir, '.writing-'));
  } catch (e) {
    throw writeFailed(dir, e);
  }
  const remove = removeOnExit(staging);
  try {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(staging, name);
      try {
        const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
        try {
          writeAll(fd, content);
          fs.fsyncSync(fd);
          fs.fchmodSync(fd, newFileMode());
        } finally {
          fs.closeSync(fd);
        }
      } catch (e) {
        throw writeFailed(path.join(dir, name), e);
      }
    }
    // a rename over a folder fails: found before any file is moved, the set stays whole
    for (const name of Object.keys(files))
      if (fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.isDirectory())
        throw writeFailed(path.join(dir, name), { code: 'EISDIR' });
    for (const name of Object.keys(files)) {
      try {
        fs.renameSync(path.join(staging, name), path.join(dir, name));
      } catch (e) {
        throw writeFailed(path.join(dir, name), e);
      }
    }
    for (const name of options.replaces ?? [])
      if (!(name in files)) fs.rmSync(path.join(dir, name), { force: true });
  } finally {
    remove();
  }
  return Object.keys(files).map((name) => path.join(dir, name));
}
