/**
 * The lines of a claims extract, whatever it came as, and how to name a place in it:
 *
 *   .xlsx ──exceljs, sheet by sheet──▶ CSV lines; places `file.xlsx:Sheet1!F7`
 *   .parquet ──DuckDB, in row order (io/parquet.ts)──▶ CSV lines; places `file.parquet:row 7`
 *   other, or - (standard input) ──strict decoding (UTF-8, or --encoding gb18030|gbk),
 *         lines bounded in length (io/lines.ts)──▶ lines; places `file:7`
 *   --sort ──CSV or .xlsx ordered by person_id (io/sort-claims.ts), Parquet by DuckDB's
 *         ORDER BY──▶ lines; places as in the file
 */
import * as fs from 'node:fs';
import { type ErrorPlace, YibaoError } from '../errors';
import * as msg from '../messages';
import { MAX_CLAIMS_LINE, MAX_WORKBOOK_BYTES } from '../model/limits';
import { splitCsvLine } from './csv';
import { type Encoding, STDIN } from './decode';
import { checkReadable } from './input-file';
import { inputLines } from './lines';
import { isParquet, openParquetClaims } from './parquet';
import { sortedByPerson } from './sort-claims';
import { readWorkbookLines } from './xlsx';

export interface ClaimsSource {
  lines: AsyncIterable<string> | Iterable<string>;
  /** where line `line` (1-based, of the file) and, if given, its column are */
  place(line: number, column?: string): ErrorPlace;
  /** line `line` named as its file names it in a message: 'line 12', 'Sheet2 row 5', 'row 11' */
  lineName(line: number): string;
  /**
   * the line of the file the n-th line read was (--sort); the same number when undefined.
   * Asked as the lines are read: only the last ~1M are kept.
   */
  lineOf?: (n: number) => number;
  /** about the size of the text in bytes (bounds the number of rows); undefined for a pipe */
  bytes?: number;
  /** the rows come ordered by person (--sort): no order to check */
  grouped?: boolean;
  /** the same lines read again, from the start; undefined where they cannot be (a pipe) */
  again?: () => AsyncIterable<string> | Iterable<string>;
}

/** Line numbers of the sorted rows kept back, for lineOf. */
const RECENT = 1 << 20;

export async function openClaimsSource(
  file: string,
  encoding?: Encoding,
  sort = false,
): Promise<ClaimsSource> {
  if (file !== STDIN && isParquet(file)) return openParquetClaims(file, sort);
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
    place: source.place,
    lineName: source.lineName,
    lineOf: (n) => original[n % RECENT],
    bytes: source.bytes,
    grouped: true,
  };
}

async function openUnsorted(file: string, encoding?: Encoding): Promise<ClaimsSource> {
  if (file !== STDIN && /\.xlsx$/i.test(file)) {
    checkReadable(file, 'claims');
    const size = fs.statSync(file);
    // a workbook is read whole: a device or a huge file named .xlsx is refused first
    if (!size.isFile())
      throw new YibaoError(msg.file.notAFile('claims', msg.kindOfPath(size)), { file });
    if (size.size > MAX_WORKBOOK_BYTES) throw new YibaoError(msg.file.workbookTooLarge(), { file });
    const book = await readWorkbookLines(file);
    return {
      lines: book.lines,
      place: (line, column) => ({ file, cell: book.cellOf(line, column), column }),
      lineName: book.rowName,
      bytes: book.lines.reduce((t, l) => t + l.length + 1, 0),
      again: () => book.lines,
    };
  }
  const read = () =>
    inputLines(file, {
      file,
      what: 'claims',
      encoding,
      maxLength: MAX_CLAIMS_LINE,
      tooLong: msg.claims.lineTooLong,
    });
  const lines = read();
  const stat = file === STDIN ? undefined : fs.statSync(file);
  const regular = stat?.isFile() ?? false;
  return {
    lines,
    place: (line, column) => ({ file, line, column }),
    lineName: (line) => `line ${line}`,
    bytes: regular ? stat!.size : undefined,
    again: regular ? read : undefined,
  };
}
