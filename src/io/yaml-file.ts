/**
 * Reads a YAML data file (scheme, basic rules, calibration) keeping the positions of its
 * nodes, so that a refusal can name the line of the offending field.
 *
 *   file ──readDataFile (size limit; UTF-8 text only)──▶ text ──parse──▶ document
 *     ──toJS (aliases bounded: a bomb refused in words)──▶ raw
 */
import { LineCounter, parseDocument } from 'yaml';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { readDataFile } from './input-file';

export type FieldPath = (string | number)[];

export interface YamlFile<T> {
  file: string;
  raw: T;
  /** line of a field path (or of its nearest present ancestor), for error messages */
  lineOf: (segments: FieldPath) => number | undefined;
}

/** `what` names the kind of file in the message when it cannot be read. */
export function readYamlFile<T>(file: string, what: string): YamlFile<T> {
  const text = readDataFile(file, what);
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
