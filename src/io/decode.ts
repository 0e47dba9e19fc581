/**
 * Strict decoding of a text input file: bytes ─▶ text, refusing what is not the encoding.
 *
 *   file bytes ──TextDecoder(encoding, fatal)──▶ text chunks ──▶ readline
 *            └─ an invalid byte: refused with its line and a hint (never replaced by U+FFFD)
 *
 * UTF-8 is the default, with or without a byte-order mark. A file saved by Excel on a
 * Chinese Windows machine is GB18030 (GBK's superset); `--encoding gb18030` (or `gbk`)
 * reads it. Decoding uses the runtime's WHATWG TextDecoder (ICU, built into Node), so no
 * package is needed; in both encodings a byte 0x0A is always a line feed, which is how the
 * line of a bad byte is found.
 */
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { YibaoError } from '../errors';

export const ENCODINGS = ['utf-8', 'gb18030', 'gbk'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** `utf8`, `UTF-8`, `GB18030`, `gbk` → the decoder's name; anything else refused. */
export function parseEncoding(text: string | undefined): Encoding {
  if (text === undefined) return 'utf-8';
  const name = text
    .trim()
    .toLowerCase()
    .replace(/^utf8$/, 'utf-8');
  if (!(ENCODINGS as readonly string[]).includes(name))
    throw new YibaoError(`--encoding must be utf-8, gb18030 or gbk, not '${text}'`);
  return name as Encoding;
}

/** Where the first byte that does not decode is, found by decoding ever shorter prefixes. */
function firstBadByte(bytes: Uint8Array, encoding: Encoding): number {
  // binary search on the longest prefix that decodes (a cut inside a character is fine
  // with stream: true, so only a real error makes a prefix fail)
  let ok = 0;
  let bad = bytes.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      ok = mid;
    } catch {
      bad = mid;
    }
  }
  return ok;
}

function countLines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/**
 * The file's text as a stream of strings, decoded strictly. The first byte that is not
 * valid in `encoding` stops the stream with a YibaoError naming the file and the line.
 */
export function decodedText(file: string, encoding: Encoding = 'utf-8'): Readable {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let linesBefore = 0;
  // the bytes since the last line feed: a line starts on a character boundary, so a bad
  // byte is searched for from there
  let lineStart: Buffer = Buffer.alloc(0);
  async function* chunks(): AsyncGenerator<string> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw notDecodable(file, encoding, Buffer.concat([lineStart, bytes]), linesBefore);
      }
      linesBefore += countLines(bytes, bytes.length);
      const lf = bytes.lastIndexOf(0x0a);
      lineStart = lf >= 0 ? bytes.subarray(lf + 1) : Buffer.concat([lineStart, bytes]);
      yield text;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new YibaoError(
        `the file ends inside a character: it is not valid ${encoding.toUpperCase()}`,
        { file, line: linesBefore + 1 },
      );
    }
  }
  return Readable.from(chunks());
}

/** The error for `bytes` (from the start of a line to the end of the chunk) not decoding. */
function notDecodable(
  file: string,
  encoding: Encoding,
  bytes: Uint8Array,
  linesBefore: number,
): YibaoError {
  const at = firstBadByte(bytes, encoding);
  const line = linesBefore + countLines(bytes, at) + 1;
  const byte = bytes[at]?.toString(16).toUpperCase().padStart(2, '0');
  const hint =
    encoding === 'utf-8'
      ? "; a file saved by Excel on a Chinese Windows machine is usually GB18030: give --encoding gb18030 (or save it as 'CSV UTF-8')"
      : `; check the file's encoding (utf-8, gb18030 or gbk)`;
  return new YibaoError(
    `byte 0x${byte} is not valid ${encoding.toUpperCase()}: the file is not in that encoding${hint}`,
    { file, line },
  );
}
