/**
 * `--sort`: the rows of an extract whose persons are not together, ordered by person_id, in
 * bounded memory (an external merge sort):
 *
 *   lines ──runs of RUN_LINES rows, each sorted by (person_id, line) in memory──▶ run files
 *   in a temporary folder ──k-way merge (binary heap)──▶ rows by person, each person's rows
 *   in file order, every row with its original line number
 *
 * A row keeps its line number, so an error still names the line of the file. The runs are
 * health data: they sit in a private temporary folder (mode 0700, files 0600), removed when
 * the rows have been read, when reading stops, at exit and on an interrupt (io/temp-files.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { splitCsvLine } from './csv';
import { writeAll, writeFailed } from './output';
import { PRIVATE_FILE_MODE, privateTempDir } from './temp-files';

/** Rows sorted in memory at a time: about 100 MB of JavaScript strings and records. */
export const RUN_LINES = 400_000;

export interface NumberedLine {
  line: number;
  text: string;
}

interface Row {
  id: string;
  line: number;
  text: string;
}

const byPersonThenLine = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.line - b.line);

/** `line \t id-length \t id text`: ids and rows hold no line feed, so a row is one line. */
function encode(r: Row): string {
  return `${r.line}\t${r.id.length}\t${r.id}${r.text}\n`;
}

function decode(s: string): Row {
  const t1 = s.indexOf('\t');
  const t2 = s.indexOf('\t', t1 + 1);
  const length = Number(s.slice(t1 + 1, t2));
  return {
    line: Number(s.slice(0, t1)),
    id: s.slice(t2 + 1, t2 + 1 + length),
    text: s.slice(t2 + 1 + length),
  };
}

/** The person id of a data row (`column` from the header); '' when the row has none. */
function idOf(text: string, column: number): string {
  return (splitCsvLine(text) ?? [])[column]?.trim() ?? '';
}

/**
 * Sorts the data rows of `lines` (the first non-blank line is the header, given back first)
 * by person id; `idColumn(header)` names the person_id column.
 */
export async function* sortedByPerson(
  lines: AsyncIterable<string> | Iterable<string>,
  idColumn: (header: string) => number,
  runLines = RUN_LINES,
): AsyncGenerator<NumberedLine> {
  const { dir, remove } = privateTempDir('yibao-sort-');
  try {
    const runs: string[] = [];
    let header: NumberedLine | null = null;
    let column = 0;
    let rows: Row[] = [];
    const flush = () => {
      rows.sort(byPersonThenLine);
      const file = path.join(dir, `run-${runs.length}.txt`);
      // a full disk is an error of the system (exit 1), not of the input
      try {
        const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
        try {
          let buffer = '';
          for (const r of rows) {
            buffer += encode(r);
            if (buffer.length > 1 << 20) {
              writeAll(fd, buffer);
              buffer = '';
            }
          }
          writeAll(fd, buffer);
        } finally {
          fs.closeSync(fd);
        }
      } catch (e) {
        throw writeFailed(dir, e);
      }
      runs.push(file);
      rows = [];
    };
    let lineNo = 0;
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === '') continue;
      if (!header) {
        header = { line: lineNo, text };
        column = idColumn(text);
        continue;
      }
      rows.push({ id: idOf(text, column), line: lineNo, text });
      if (rows.length === runLines) flush();
    }
    if (!header) return;
    yield header;
    if (runs.length === 0) {
      // it all fitted in memory: no run files
      rows.sort(byPersonThenLine);
      for (const r of rows) yield { line: r.line, text: r.text };
      return;
    }
    if (rows.length > 0) flush();
    yield* merge(runs);
  } finally {
    remove();
  }
}

/** k-way merge of sorted run files with a binary heap of their current rows. */
async function* merge(runs: string[]): AsyncGenerator<NumberedLine> {
  const readers = runs.map((file) =>
    readline
      .createInterface({
        input: fs.createReadStream(file, { encoding: 'utf8' }),
        crlfDelay: Infinity,
      })
      [Symbol.asyncIterator](),
  );
  const heap: { row: Row; run: number }[] = [];
  const less = (i: number, j: number) => byPersonThenLine(heap[i].row, heap[j].row) < 0;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j], heap[i]];
  };
  const push = (item: { row: Row; run: number }) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const popTop = () => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    return top;
  };
  for (const [run, reader] of readers.entries()) {
    const next = await reader.next();
    if (!next.done) push({ row: decode(next.value), run });
  }
  while (heap.length > 0) {
    const { row, run } = popTop();
    yield { line: row.line, text: row.text };
    const next = await readers[run].next();
    if (!next.done) push({ row: decode(next.value), run });
  }
}
