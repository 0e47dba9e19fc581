/**
 * The files a user names as input (claims, scheme, calibration, workload, result): a
 * refusal in words for what cannot be read — no such file, a folder, no permission —
 * before any reading starts, and data files read with a size limit, so that a device given
 * by mistake (/dev/zero) is refused at once instead of read without end.
 *
 *   readDataFile: checkReadable ──▶ bytes, at most MAX_DATA_FILE_BYTES ──▶ UTF-8 text
 *                 (binary, UTF-16 and other encodings refused, saying what they are)
 *   readTableText: checkReadable ──▶ bytes, at most MAX_TABLE_FILE_BYTES ──▶ text decoded
 *                 strictly in the given encoding (io/decode.ts, as claims are)
 *
 * Claims extracts, which can be gigabytes, are streamed instead (io/lines.ts inputLines).
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { MAX_DATA_FILE_BYTES, MAX_TABLE_FILE_BYTES } from '../model/limits';
import { decodeWhole, type Encoding } from './decode';

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
    throw new YibaoError(msg.file.cannotRead(what, msg.ioReason(e)), { file });
  }
  if (stat.isDirectory() || stat.isSocket())
    throw new YibaoError(msg.file.notAFile(what, msg.kindOfPath(stat)), { file });
}

/**
 * Reads a data file as UTF-8 text, refusing a folder, anything above MAX_DATA_FILE_BYTES,
 * and what is not UTF-8 text (binary, UTF-16) with a message that says what it is instead
 * of echoing its bytes. `format` is what the file should hold, for that message.
 */
export function readDataFile(file: string, what: string, format: 'YAML' | 'JSON' = 'YAML'): string {
  return decodeText(
    readBytes(file, what, MAX_DATA_FILE_BYTES, () => msg.file.tooLarge(what)),
    file,
    what,
    format,
  );
}

/**
 * Reads a small table a user gives (yearly figures of a ledger, a reconciliation history)
 * whole, as text in `encoding` (UTF-8 by default), decoded strictly: a byte that is not
 * of the encoding is refused at its line (io/decode.ts). At most MAX_TABLE_FILE_BYTES.
 */
export function readTableText(file: string, what: string, encoding?: Encoding): string {
  return decodeWhole(
    readBytes(file, what, MAX_TABLE_FILE_BYTES, () => msg.file.tableTooLarge(what)),
    file,
    encoding,
  );
}

/** The bytes of an input file, refusing a folder and anything above `limit` bytes (`tooLarge`). */
function readBytes(file: string, what: string, limit: number, tooLarge: () => string): Buffer {
  checkReadable(file, what);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - size));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
      if (size > limit) throw new YibaoError(tooLarge(), { file });
    }
    return Buffer.concat(chunks, size);
  } catch (e) {
    if (e instanceof YibaoError) throw e;
    throw new YibaoError(msg.file.cannotRead(what, msg.ioReason(e)), { file });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `bytes` as UTF-8 text, or a refusal saying what they are instead (binary, UTF-16). */
function decodeText(bytes: Buffer, file: string, what: string, format: 'YAML' | 'JSON'): string {
  const bom = bytes.subarray(0, 2).toString('hex');
  if (bom === 'fffe' || bom === 'feff' || looksUtf16(bytes))
    throw new YibaoError(msg.file.utf16(what), { file });
  if (bytes.includes(0)) throw new YibaoError(msg.file.binary(what, format), { file });
  const text = bytes.toString('utf8');
  const bad = text.indexOf('\ufffd');
  if (bad >= 0 && !Buffer.from(text, 'utf8').equals(bytes))
    throw new YibaoError(msg.file.notUtf8(what, Buffer.byteLength(text.slice(0, bad))), { file });
  return text;
}

/** UTF-16 without a byte-order mark: in ASCII-range text every other byte is NUL. */
function looksUtf16(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 64);
  if (head.length < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? oddNul++ : evenNul++;
  const half = head.length / 2;
  return (evenNul === 0 && oddNul >= half * 0.9) || (oddNul === 0 && evenNul >= half * 0.9);
}
