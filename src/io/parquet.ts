/**
 * Claims in a Parquet file, read through DuckDB, as CSV lines for the claims reader: the
 * same columns, the same checks, the same code table as a CSV, with errors placed at the
 * row (`file.parquet:row 7: column 'scope': …`):
 *
 *   read_parquet ──each column as DuckDB writes it as text (a DOUBLE 55000 as 55000.0, a
 *   DECIMAL(12,2) as 55000.00, a DATE as 2024-03-01, NULL as empty)──▶ one CSV line per
 *   row, in the file's row order; --sort: ORDER BY person_id, then row (DuckDB sorts, and
 *   spills to disk past its memory limit)
 *
 * Nothing is rounded on the way: an amount stored as a float with more than two decimals
 * is refused by the reader with its row, as in a CSV. Unsorted, the persons' order is
 * checked as a CSV's is (io/person-order.ts): a person whose rows are apart is refused at
 * the row where they come back.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import type { ClaimsSource } from './claims-source';
import { csvField } from './csv';
import { type Duck, openDuckDb, sqlFilePath, sqlName } from './duckdb';
import { checkReadable } from './input-file';

/** Row numbers of the sorted rows kept back, for lineOf (as io/claims-source.ts). */
const RECENT = 1 << 20;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function isParquet(file: string): boolean {
  return /\.parquet$/i.test(file);
}

/**
 * The rows of a Parquet claims file as CSV lines: line 1 is the header (the file's column
 * names), and the reader's line n is the file's row lineOf(n); places name the row.
 */
export async function openParquetClaims(file: string, sort: boolean): Promise<ClaimsSource> {
  checkReadable(file, 'claims');
  const stat = fs.statSync(file);
  if (!stat.isFile())
    throw new YibaoError(msg.file.notAFile('claims', msg.kindOfPath(stat)), { file });
  const duck = await openDuckDb();
  const from = `read_parquet(${sqlFilePath(file)}, file_row_number = true)`;
  let columns: string[];
  let types: string[];
  let rows: number;
  try {
    const described = await duck.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
    const fields = described.getRowObjectsJS().filter((r) => r.column_name !== 'file_row_number');
    columns = fields.map((r) => String(r.column_name));
    types = fields.map((r) => String(r.column_type));
    const counted = await duck.connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${from}`);
    rows = Number(counted.getRowsJS()[0][0]);
  } catch (e) {
    duck.close();
    throw new YibaoError(msg.input.notParquet(errorText(e)), { file });
  }
  // each row as its CSV line, built in SQL: one string a row crosses into JavaScript
  const select = `concat_ws(',', ${columns.map((c, i) => csvFieldSql(`CAST(${sqlName(c)} AS VARCHAR)`, types[i])).join(', ')})`;
  const byPerson = sort && columns.includes('person_id');
  const sql = `SELECT file_row_number::DOUBLE, ${select} FROM ${from}${
    byPerson ? ' ORDER BY trim(CAST(person_id AS VARCHAR)), file_row_number' : ''
  }`;
  const rowOf = new Float64Array(RECENT);
  const place = (line: number, column?: string) => ({
    file,
    cell: line === 0 ? 'header' : `row ${line}`,
    column,
  });
  return {
    lines: rowLines(duck, sql, columns, rowOf, file),
    place,
    lineName: (line) => (line === 0 ? 'the header' : `row ${line}`),
    // line 1 is the header (row 0); sorted, a line is the row it had in the file
    lineOf: byPerson ? (n) => (n === 1 ? 0 : rowOf[n % RECENT]) : (n) => n - 1,
    // persons ≤ rows, and the order check sizes its filter as if a row were 10 bytes
    bytes: (rows + 1) * 10,
    grouped: byPerson,
  };
}

/** Types whose text never holds a comma, a quote or a line break: no quoting to check. */
const PLAIN =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\)|DATE|BOOLEAN)$/;

/**
 * As io/csv.ts csvField, in SQL: NULL is an empty field; text with a comma, a quote or a
 * line break is quoted (`contains` is several times cheaper than a regular expression).
 */
function csvFieldSql(value: string, type: string): string {
  if (PLAIN.test(type)) return `coalesce(${value}, '')`;
  const special = [`','`, `'"'`, 'chr(10)', 'chr(13)'].map((c) => `contains(${value}, ${c})`);
  return `CASE WHEN ${value} IS NULL THEN '' WHEN ${special.join(' OR ')} THEN '"' || replace(${value}, '"', '""') || '"' ELSE ${value} END`;
}

async function* rowLines(
  duck: Duck,
  sql: string,
  columns: string[],
  rowOf: Float64Array,
  file: string,
): AsyncGenerator<string> {
  try {
    yield columns.map(csvField).join(',');
    let n = 1;
    let result: Awaited<ReturnType<Duck['connection']['stream']>>;
    try {
      result = await duck.connection.stream(sql);
    } catch (e) {
      throw new YibaoError(msg.input.notParquet(errorText(e)), { file });
    }
    for (;;) {
      let chunk: Awaited<ReturnType<typeof result.fetchChunk>>;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw new YibaoError(msg.input.notParquet(errorText(e)), { file });
      }
      if (!chunk || chunk.rowCount === 0) break;
      const [rowNumbers, lines] = chunk.getColumns() as [number[], string[]];
      for (let r = 0; r < chunk.rowCount; r++) {
        n++;
        rowOf[n % RECENT] = rowNumbers[r] + 1;
        yield lines[r];
      }
    }
  } finally {
    duck.close();
  }
}
