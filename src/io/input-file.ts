/**
 * The files a user names as input (claims, scheme, calibration, workload): a refusal in
 * words for what cannot be read — no such file, a folder, no permission — before any
 * reading starts, and data files read with a size limit, so that a device given by mistake
 * (/dev/zero) is refused at once instead of read without end.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import { fileMessages, ioReason, kindOfPath } from '../messages';
import { MAX_DATA_FILE_BYTES } from '../model/limits';

/**
 * Checks that `file` can be read as a stream of text: it exists, is not a folder or a
 * socket, and may be read. Pipes and devices pass (`--claims <(zcat x.csv.gz)`); the
 * reader's own limits (line length) bound what they can send.
 */
export function checkReadable(file: string, what: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    throw new YibaoError(fileMessages.cannotRead(what, ioReason(e)), { file });
  }
  if (stat.isDirectory() || stat.isSocket())
    throw new YibaoError(fileMessages.notAFile(what, kindOfPath(stat)), { file });
}

/** Reads a data file as UTF-8 text, refusing a folder and anything above MAX_DATA_FILE_BYTES. */
export function readDataFile(file: string, what: string): string {
  checkReadable(file, what);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_DATA_FILE_BYTES + 1 - size));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
      if (size > MAX_DATA_FILE_BYTES) throw new YibaoError(fileMessages.tooLarge(what), { file });
    }
    return Buffer.concat(chunks, size).toString('utf8');
  } catch (e) {
    if (e instanceof YibaoError) throw e;
    throw new YibaoError(fileMessages.cannotRead(what, ioReason(e)), { file });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
