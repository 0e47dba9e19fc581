/**
 * Reads a YAML data file (scheme, basic rules, calibration) keeping the positions of its
 * nodes, so that a refusal can name the line of the offending field.
 */
import * as fs from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { YibaoError } from '../errors';
import * as msg from '../messages';

export type FieldPath = (string | number)[];

export interface YamlFile<T> {
  file: string;
  raw: T;
  /** line of a field path (or of its nearest present ancestor), for error messages */
  lineOf: (segments: FieldPath) => number | undefined;
}

/**
 * The file's text, refusing what is not UTF-8 text with a message that says what it is
 * (binary, UTF-16) instead of echoing its bytes.
 */
function readText(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new YibaoError(msg.yaml.cannotRead(what, (e as Error).message), { file });
  }
  const bom = bytes.subarray(0, 2).toString('hex');
  if (bom === 'fffe' || bom === 'feff' || looksUtf16(bytes))
    throw new YibaoError(msg.yaml.utf16(what), { file });
  if (bytes.includes(0)) throw new YibaoError(msg.yaml.binary(what), { file });
  const text = bytes.toString('utf8');
  const bad = text.indexOf('\ufffd');
  if (bad >= 0 && !Buffer.from(text, 'utf8').equals(bytes))
    throw new YibaoError(msg.yaml.notUtf8(what, Buffer.byteLength(text.slice(0, bad))), { file });
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

/** `what` names the kind of file in the message when it cannot be read. */
export function readYamlFile<T>(file: string, what: string): YamlFile<T> {
  const text = readText(file, what);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new YibaoError(msg.yaml.invalid(err.message.split('\n')[0]), { file, line });
  }
  const lineOf = (segments: FieldPath): number | undefined => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as
        | { range?: [number, number] }
        | undefined;
      if (node && typeof node === 'object' && node.range)
        return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let raw: T;
  try {
    raw = doc.toJS() as T;
  } catch (e) {
    // the yaml package refuses an alias expansion beyond its limit with a ReferenceError
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      throw new YibaoError(msg.yaml.tooManyAliases(), { file });
    throw new YibaoError(msg.yaml.invalid((e as Error).message), { file });
  }
  return { file, raw, lineOf };
}
