/**
 * The lines of a claims extract, whatever it came as, and how to name a place in it:
 *
 *   .xlsx ──exceljs, sheet by sheet──▶ CSV lines; places `file.xlsx:Sheet1!F7`
 *   other ──strict decoding (UTF-8, or --encoding gb18030|gbk)──▶ lines; places `file:7`
 *   --sort ──either, ordered by person_id (io/sort-claims.ts)──▶ lines; places as in the file
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { type ErrorPlace, YibaoError } from '../errors';
import { splitCsvLine } from './csv';
import { decodedText, type Encoding } from './decode';
import { sortedByPerson } from './sort-claims';
import { readWorkbookLines } from './xlsx';

export interface ClaimsSource {
  lines: AsyncIterable<string> | Iterable<string>;
  /** where line `line` (1-based) and, if given, its column are */
  place(line: number, column?: string): ErrorPlace;
  /** about the size of the text in bytes (bounds the number of rows) */
  bytes: number;
  /** the rows come ordered by person (--sort): no order to check */
  grouped?: boolean;
}

/** Line numbers of the sorted rows kept back: errors name rows of the last ~1M lines. */
const RECENT = 1 << 20;

export async function openClaimsSource(
  file: string,
  encoding?: Encoding,
  sort = false,
): Promise<ClaimsSource> {
  const source = await openUnsorted(file, encoding);
  if (!sort) return source;
  const original = new Uint32Array(RECENT);
  const idColumn = (header: string) =>
    Math.max(
      (splitCsvLine(header.replace(/^\uFEFF/, '')) ?? []).map((f) => f.trim()).indexOf('person_id'),
      0,
    );
  async function* lines(): AsyncGenerator<string> {
    let n = 0;
    for await (const row of sortedByPerson(source.lines, idColumn)) {
      n++;
      original[n % RECENT] = row.line;
      yield row.text;
    }
  }
  return {
    lines: lines(),
    place: (line, column) => source.place(original[line % RECENT], column),
    bytes: source.bytes,
    grouped: true,
  };
}

async function openUnsorted(file: string, encoding?: Encoding): Promise<ClaimsSource> {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (e) {
    throw new YibaoError(
      `cannot read the claims file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file },
    );
  }
  if (/\.xlsx$/i.test(file)) {
    const book = await readWorkbookLines(file);
    return {
      lines: book.lines,
      place: (line, column) => ({ file, cell: book.cellOf(line, column), column }),
      bytes: book.lines.reduce((t, l) => t + l.length + 1, 0),
    };
  }
  const lines = readline.createInterface({
    input: decodedText(file, encoding),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  return {
    lines,
    place: (line, column) => ({ file, line, column }),
    bytes: fs.statSync(file).size,
  };
}
