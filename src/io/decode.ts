/**
 * Strict decoding of the tables a user gives (claims, ledger years, reconciliation
 * histories), from a file or from standard input: bytes ─▶ text, refusing what is not the
 * encoding.
 *
 *   bytes ──TextDecoder(encoding, fatal)──▶ text chunks ──▶ io/lines.ts (bounded lines)
 *       └─ an invalid byte: refused with its line and a hint (never replaced by U+FFFD)
 *
 * UTF-8 is the default, with or without a byte-order mark. A file saved by Excel on a
 * Chinese Windows machine is GB18030 (GBK's superset); `--encoding gb18030` (or `gbk`)
 * reads it. Decoding uses the runtime's WHATWG TextDecoder (ICU, built into Node), so no
 * package is needed; in these encodings the bytes 0x0A and 0x0D are always a line feed
 * and a carriage return, which is how the line of a bad byte is found.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import * as msg from '../messages';

export const ENCODINGS = ['utf-8', 'gb18030', 'gbk'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The file name that means standard input, as in most command-line tools (`--claims -`). */
export const STDIN = '-';

/** `utf8`, `UTF-8`, `GB18030`, `gbk` (`--encoding`) → the decoder's name; anything else refused. */
export function parseEncoding(text: string | undefined): Encoding {
  if (text === undefined) return 'utf-8';
  const name = text
    .trim()
    .toLowerCase()
    .replace(/^utf8$/, 'utf-8');
  if (!(ENCODINGS as readonly string[]).includes(name))
    throw new YibaoError(msg.cli.choice('encoding', ENCODINGS, text));
  return name as Encoding;
}

/** The bytes of a file, or of standard input for `-`, in chunks of up to 1 MiB. */
export function inputBytes(file: string): AsyncIterable<Uint8Array> {
  if (file === STDIN) return process.stdin;
  return fs.createReadStream(file, { highWaterMark: 1 << 20 });
}

/**
 * The text of `bytes`, decoded strictly, chunk by chunk. The first byte that is not valid
 * in `encoding` stops it with a YibaoError naming the file and the line.
 */
export async function* decodedText(
  bytes: AsyncIterable<Uint8Array>,
  file: string,
  encoding: Encoding = 'utf-8',
): AsyncGenerator<string> {
  const decoder = new StrictDecoder(file, encoding);
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A whole small file's bytes as text, decoded strictly (errors as for decodedText). */
export function decodeWhole(bytes: Uint8Array, file: string, encoding: Encoding = 'utf-8'): string {
  const decoder = new StrictDecoder(file, encoding);
  return decoder.decode(bytes) + decoder.end();
}

/**
 * A fatal TextDecoder that keeps count of the lines it has passed, so that a bad byte is
 * refused at its line. A line ends at \n, \r\n or a lone \r, as io/lines.ts reads them.
 */
class StrictDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  /** line ends before `lineStart` */
  private linesBefore = 0;
  /** the bytes since the last line end: a line starts on a character boundary */
  private lineStart: Uint8Array = new Uint8Array(0);
  /** the bytes so far ended in \r (a \n next belongs to that line end) */
  private afterCr = false;

  constructor(
    private readonly file: string,
    private readonly encoding: Encoding,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  decode(bytes: Uint8Array): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      throw this.notDecodable(concat(this.lineStart, bytes));
    }
    const ends = lineEnds(bytes, bytes.length, this.afterCr);
    this.linesBefore += ends.count;
    this.afterCr = bytes.length > 0 ? bytes[bytes.length - 1] === 0x0d : this.afterCr;
    this.lineStart = ends.last >= 0 ? bytes.subarray(ends.last + 1) : concat(this.lineStart, bytes);
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new YibaoError(msg.input.endsInsideCharacter(this.encoding), {
        file: this.file,
        line: this.linesBefore + 1,
      });
    }
  }

  /** The error for `bytes` (from the start of a line to the end of the chunk) not decoding. */
  private notDecodable(bytes: Uint8Array): YibaoError {
    const { start, at } = firstBadCharacter(bytes, this.encoding);
    // the line start is after a line end, so a \n at its head is not one (afterCr false)
    const line = this.linesBefore + lineEnds(bytes, start, false).count + 1;
    const hex = [...bytes.subarray(start, at + 1)].map(
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`,
    );
    return new YibaoError(msg.input.notInEncoding(hex, this.encoding), { file: this.file, line });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The line ends in `bytes[0, end)` — \n, \r\n (one end) or a lone \r — and the index of the
 * last byte of the last one (−1 if none). `afterCr`: the bytes before ended in \r, so a
 * leading \n closes that line end rather than making a new one.
 */
function lineEnds(
  bytes: Uint8Array,
  end: number,
  afterCr: boolean,
): { count: number; last: number } {
  let count = 0;
  let last = -1;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      if (!(i === 0 && afterCr)) count++;
      last = i;
    } else if (b === 0x0d) {
      // \r\n is one line end, counted at its \n; a \r last in the range ends a line
      if (i + 1 < end && bytes[i + 1] === 0x0a) continue;
      if (i + 1 === end && end < bytes.length && bytes[end] === 0x0a) continue;
      count++;
      last = i;
    }
  }
  return { count, last };
}

/**
 * Where the first character that does not decode is: `start`, the first byte of the
 * character, and `at`, the byte at which it stops being valid (a lead byte that a wrong
 * byte follows: E4 B8 41 starts at E4 and fails at 41, and the 41 alone is a valid 'A').
 */
function firstBadCharacter(bytes: Uint8Array, encoding: Encoding): { start: number; at: number } {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // binary search on the longest prefix that decodes (a cut inside a character is fine
  // with stream: true, so only a real error makes a prefix fail)
  let ok = 0;
  let bad = bytes.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (decodes(mid, true)) ok = mid;
    else bad = mid;
  }
  // the prefix may end inside a character (the bytes before the failing one): its start
  // is the last cut at which the prefix decodes whole
  let start = ok;
  while (start > 0 && !decodes(start, false)) start--;
  return { start, at: ok };
}
