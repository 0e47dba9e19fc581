/**
 * Reading a small CSV table whole (the yearly figures of `yibao ledger`, the county
 * histories of `yibao reconcile`; not claims extracts, which are streamed): a header of
 * known columns in any order, then rows of trimmed fields, each with its line. Amounts are
 * read as exact whole fen from the text the user wrote.
 *
 *   file ──checked, at most MAX_TABLE_FILE_BYTES, decoded strictly (UTF-8, or --encoding
 *   gb18030|gbk; io/input-file.ts)──▶ lines ──▶ header (known, required, once each)
 *   ──▶ rows { line, field(column) }
 *
 * Every refusal names the file, the line and, where there is one, the column.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { MAX_AMOUNT_YUAN } from '../model/limits';
import { splitCsvLine } from './csv';
import type { Encoding } from './decode';
import { readTableText } from './input-file';
import { splitLines } from './lines';

export interface TableRow {
  line: number;
  /** the trimmed field of a column ('' for an optional column the file does not have) */
  field(column: string): string;
}

export interface Table {
  file: string;
  /** the header's columns, in file order */
  columns: string[];
  rows: TableRow[];
}

export interface TableSpec {
  /** what the file is, in messages ('history': "cannot read the history file") */
  what: string;
  required: readonly string[];
  optional?: readonly string[];
  /** the text encoding (default UTF-8) */
  encoding?: Encoding;
}

/**
 * Reads `file`: `required` columns must all be there, `optional` ones may; any other column
 * is refused.
 */
export function readTable(file: string, spec: TableSpec): Table {
  const text = readTableText(file, spec.what, spec.encoding);
  const known = [...spec.required, ...(spec.optional ?? [])];
  const columnsWanted = { required: spec.required, optional: spec.optional ?? [] };
  let columns: string[] | null = null;
  const rows: TableRow[] = [];
  splitLines(text).forEach((lineText, i) => {
    const line = i + 1;
    if (lineText.trim() === '') return;
    const fields = splitCsvLine(i === 0 ? lineText.replace(/^\uFEFF/, '') : lineText);
    if (!fields) throw new YibaoError(msg.table.quoteNotClosed(), { file, line });
    const trimmed = fields.map((f) => f.trim());
    if (!columns) {
      for (const name of trimmed) {
        if (!known.includes(name))
          throw new YibaoError(msg.table.unknownColumn(name, columnsWanted), {
            file,
            line,
            column: name,
          });
        if (trimmed.indexOf(name) !== trimmed.lastIndexOf(name))
          throw new YibaoError(msg.table.columnTwice(name), { file, line, column: name });
      }
      for (const name of spec.required)
        if (!trimmed.includes(name))
          throw new YibaoError(msg.table.missingColumn(name, columnsWanted), {
            file,
            line,
            column: name,
          });
      columns = trimmed;
      return;
    }
    if (trimmed.length !== columns.length)
      throw new YibaoError(msg.table.fieldCount(columns.length, trimmed.length), { file, line });
    const index = columns;
    rows.push({
      line,
      field: (column) => {
        const at = index.indexOf(column);
        return at < 0 ? '' : trimmed[at];
      },
    });
  });
  if (!columns) throw new YibaoError(msg.table.empty(), { file, line: 1 });
  return { file, columns, rows };
}

const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * A non-negative amount in yuan with at most two decimals, at most MAX_AMOUNT_YUAN, as
 * whole fen; refused otherwise.
 */
export function moneyFen(
  text: string,
  place: { file: string; line: number; column: string },
): number {
  if (text === '') throw new YibaoError(msg.table.emptyAmount(), place);
  if (text.startsWith('-')) throw new YibaoError(msg.table.negative(text), place);
  const m = MONEY.exec(text);
  if (!m) throw new YibaoError(msg.table.notAnAmount(text), place);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_AMOUNT_YUAN * 100) throw new YibaoError(msg.table.amountTooLarge(text), place);
  return fen;
}
