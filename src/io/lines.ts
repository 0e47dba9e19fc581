/**
 * The lines of a text stream, with a bound on their length: a line ends at \n, \r\n or a
 * lone \r (as node:readline reads them), and a line longer than `maxLength` characters is
 * refused as soon as it passes the bound, without holding more of it — a file with no line
 * breaks (/dev/zero, a binary file) costs one chunk of memory, not all of it.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { decodedText, type Encoding, inputBytes, STDIN } from './decode';
import { checkReadable } from './input-file';

export interface LineOptions {
  /** named in refusals */
  file: string;
  /** what the file is, for a read error ('claims') */
  what: string;
  maxLength: number;
  /** the message for a line that is too long */
  tooLong: () => string;
}

/** Yields the lines of `input`, in order. */
export async function* readLines(
  input: AsyncIterable<string>,
  options: LineOptions,
): AsyncGenerator<string> {
  for await (const batch of lineBatches(input, options)) for (const line of batch) yield line;
}

/** The lines in batches, one per chunk read: the line numbers run on across batches from 1. */
async function* lineBatches(
  input: AsyncIterable<string>,
  options: LineOptions,
): AsyncGenerator<string[]> {
  const { file, maxLength } = options;
  let lineNo = 0;
  let pending = '';
  // the previous chunk ended in \r: a \n starting this one belongs to that line end
  let afterCr = false;
  const tooLong = (): never => {
    throw new YibaoError(options.tooLong(), { file, line: lineNo + 1 });
  };
  try {
    for await (const chunk of input) {
      const batch: string[] = [];
      let i = afterCr && chunk.charCodeAt(0) === 10 ? 1 : 0;
      afterCr = false;
      let nl = chunk.indexOf('\n', i);
      let cr = chunk.indexOf('\r', i);
      for (;;) {
        if (nl >= 0 && nl < i) nl = chunk.indexOf('\n', i);
        if (cr >= 0 && cr < i) cr = chunk.indexOf('\r', i);
        const end = cr < 0 ? nl : nl < 0 ? cr : Math.min(nl, cr);
        if (end < 0) {
          if (pending.length + chunk.length - i > maxLength) tooLong();
          pending += chunk.slice(i);
          break;
        }
        const line = pending === '' ? chunk.slice(i, end) : pending + chunk.slice(i, end);
        pending = '';
        if (line.length > maxLength) tooLong();
        batch.push(line);
        lineNo++;
        if (end === cr) {
          if (end + 1 === chunk.length) afterCr = true;
          i = chunk.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        } else i = end + 1;
      }
      if (batch.length > 0) yield batch;
    }
  } catch (e) {
    if (e instanceof YibaoError) throw e;
    throw new YibaoError(msg.file.cannotRead(options.what, msg.ioReason(e)), { file });
  }
  if (pending !== '') yield [pending];
}

/**
 * The lines of a table a user gives — a file, or standard input for `-` — decoded strictly
 * (io/decode.ts) and bounded in length: the one way claims are read, whatever their source.
 * The file is checked before any reading starts (io/input-file.ts).
 */
export function inputLines(
  file: string,
  options: LineOptions & { encoding?: Encoding },
): AsyncGenerator<string> {
  if (file !== STDIN) checkReadable(file, options.what);
  return readLines(decodedText(inputBytes(file), file, options.encoding), options);
}

/**
 * The lines of a whole text, ending as readLines ends them (\n, \r\n or a lone \r), for the
 * small tables read whole (io/input-file.ts readTableText).
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
