/**
 * Reading a small CSV table whole (yearly figures, not claims extracts): a header of known
 * columns in any order, then rows of trimmed fields, each with its line. Amounts are read
 * as exact whole fen from the text the user wrote.
 *
 *   file ──lines──▶ header (known, required, once each) ──▶ rows { line, field(column) }
 *
 * Every refusal names the file, the line and, where there is one, the column.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import { splitCsvLine } from './csv';

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

/**
 * Reads `file`: `required` columns must all be there, `optional` ones may; any other column
 * is refused. `what` names the file in messages ('history file').
 */
export function readTable(
  file: string,
  spec: { what: string; required: readonly string[]; optional?: readonly string[] },
): Table {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new YibaoError(
      `cannot read the ${spec.what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file },
    );
  }
  const known = [...spec.required, ...(spec.optional ?? [])];
  const expected = `expected: ${spec.required.join(', ')}${spec.optional?.length ? `; optional: ${spec.optional.join(', ')}` : ''}`;
  let columns: string[] | null = null;
  const rows: TableRow[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((lineText, i) => {
      const line = i + 1;
      if (lineText.trim() === '') return;
      const fields = splitCsvLine(lineText);
      if (!fields)
        throw new YibaoError('a quoted field is not closed on this line', { file, line });
      const trimmed = fields.map((f) => f.trim());
      if (!columns) {
        for (const name of trimmed) {
          if (!known.includes(name))
            throw new YibaoError(`unknown column '${name}' (${expected})`, {
              file,
              line,
              column: name,
            });
          if (trimmed.indexOf(name) !== trimmed.lastIndexOf(name))
            throw new YibaoError(`column '${name}' appears twice`, { file, line, column: name });
        }
        for (const name of spec.required)
          if (!trimmed.includes(name))
            throw new YibaoError(`missing column '${name}' (${expected})`, {
              file,
              line,
              column: name,
            });
        columns = trimmed;
        return;
      }
      if (trimmed.length !== columns.length)
        throw new YibaoError(`expected ${columns.length} fields, found ${trimmed.length}`, {
          file,
          line,
        });
      const index = columns;
      rows.push({
        line,
        field: (column) => {
          const at = index.indexOf(column);
          return at < 0 ? '' : trimmed[at];
        },
      });
    });
  if (!columns)
    throw new YibaoError('the file is empty: expected a header line', { file, line: 1 });
  return { file, columns, rows };
}

const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

/** A non-negative amount in yuan with at most two decimals, as whole fen; refused otherwise. */
export function moneyFen(
  text: string,
  place: { file: string; line: number; column: string },
): number {
  if (text === '') throw new YibaoError('is empty (write 0 for none)', place);
  if (text.startsWith('-')) throw new YibaoError(`'${text}' is negative`, place);
  const m = MONEY.exec(text);
  if (!m)
    throw new YibaoError(`'${text}' is not an amount in yuan with at most two decimals`, place);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new YibaoError(`'${text}' is too large`, place);
  return fen;
}
