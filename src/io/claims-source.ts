/**
 * The lines of a claims extract, whatever it came as, and how to name a place in it:
 *
 *   .xlsx ──exceljs, sheet by sheet──▶ CSV lines; places `file.xlsx:Sheet1!F7`
 *   other ──strict decoding (UTF-8, or --encoding gb18030|gbk)──▶ lines; places `file:7`
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { type ErrorPlace, YibaoError } from '../errors';
import { decodedText, type Encoding } from './decode';
import { readWorkbookLines } from './xlsx';

export interface ClaimsSource {
  lines: AsyncIterable<string> | Iterable<string>;
  /** where line `line` (1-based) and, if given, its column are */
  place(line: number, column?: string): ErrorPlace;
  /** about the size of the text in bytes (bounds the number of rows) */
  bytes: number;
}

export async function openClaimsSource(file: string, encoding?: Encoding): Promise<ClaimsSource> {
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
