/**
 * Reading the claims CSV of `adjudicate` (its columns: README.md, "The command line"), streaming:
 *
 *   file, .xlsx or - ──io/claims-source.ts (strict decoding, bounded lines, --sort)──▶
 *   lines ──split, check every field, Chinese labels to codes──▶ rows ──group by person
 *   (a person's rows together, checked in bounded memory: io/person-order.ts)──▶
 *   person-years, in input order
 *
 * Every refusal names the file, the line and the column. Amounts are kept as the
 * decimal strings the user wrote, so nothing is changed by a binary float; they and `seq`
 * are bounded (model/limits.ts), and so is the length of a line.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import {
  CATEGORIES,
  type Category,
  GROUPS,
  type Group,
  type Level,
  STATUSES,
  type Status,
} from '../model/codes';
import { isIsoDate } from '../model/dates';
import { MAX_AMOUNT_FEN, MAX_WHOLE_NUMBER } from '../model/limits';
import { type ClaimsSource, openClaimsSource } from './claims-source';
import { type CodedColumn, codeOf } from './codes-table';
import { splitCsvLine } from './csv';
import type { Encoding } from './decode';
import { firstReappearance, PersonOrder, RunLog } from './person-order';

export const CLAIMS_COLUMNS = [
  'person_id',
  'group',
  'status',
  'seq',
  'category',
  'level',
  'total',
  'scope',
  'excluded',
  'cancer_drug_ooc',
] as const;

/** Optional columns: `date`, the event's date (ISO YYYY-MM-DD), for the quarterly alert list. */
export const OPTIONAL_CLAIMS_COLUMNS = ['date'] as const;

/** One event as read: amounts as exact decimal strings, also as numbers for checks. */
export interface ClaimRow {
  line: number;
  seq: number;
  category: Category;
  level: Level;
  total: string;
  scope: string;
  excluded: string;
  cancerDrugOoc: string;
  /** YYYY-MM-DD, when the file has a date column */
  date?: string;
}

export interface ClaimsPerson {
  personId: string;
  group: Group;
  status: Status;
  /** first line of the person in the file */
  line: number;
  /** events sorted by seq; empty for a person listed with no event */
  events: ClaimRow[];
}

const MONEY = /^(?:\d+)(?:\.\d{1,2})?$/;
const SEQ = /^\d+$/;

/** Money in fen as an integer, for exact comparisons without decimal.js. */
function fen(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) return Number(text) * 100;
  const frac = text.slice(dot + 1);
  return Number(text.slice(0, dot)) * 100 + Number(frac.length === 1 ? `${frac}0` : frac);
}

export interface ReadClaimsOptions {
  /** called with the number of lines read so far, every 100,000 lines */
  onProgress?: (lines: number) => void;
  /** text encoding of a CSV (default UTF-8, strictly); .xlsx files are read as workbooks */
  encoding?: Encoding;
  /** order the rows by person_id first (an external sort), instead of refusing them apart */
  sort?: boolean;
}

/**
 * Reads a claims CSV and yields one person at a time, in input order.
 * Throws YibaoError on the first bad line.
 */
export async function* readClaims(
  file: string,
  options: ReadClaimsOptions = {},
): AsyncGenerator<ClaimsPerson> {
  const source = await openClaimsSource(file, options.encoding, options.sort);
  const { place, grouped } = source;
  // the line of the file: with --sort, the line the row had before sorting
  const lineOf = source.lineOf ?? ((n: number) => n);
  /** lines read, and the line of the file that is (the same unless sorted) */
  let lineNo = 0;
  let line = 0;
  let index: number[] | null = null;
  let fieldCount = 0;
  let current: ClaimsPerson | null = null;
  /** the current person's total so far, in fen */
  let personTotal = 0;
  // a person's rows must be together: checked in bounded memory (io/person-order.ts);
  // input that cannot be read twice keeps its runs for the last check
  const order = new PersonOrder(source.bytes);
  const runs = grouped || source.again ? null : new RunLog();

  const fail = (message: string, column?: string): never => {
    throw new YibaoError(message, place(line, column));
  };
  // a code, or a label of it in data/codes/claims.yaml (职工, 住院, 三级 …)
  const coded = (column: CodedColumn, text: string) => codeOf(column, text) ?? text;

  try {
    for await (const rawLine of source.lines) {
      lineNo++;
      line = lineOf(lineNo);
      if (options.onProgress && lineNo % 100000 === 0) options.onProgress(lineNo);
      const text = lineNo === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (text.trim() === '') continue;
      const fields = splitCsvLine(text);
      if (!fields) fail('a quoted field is not closed on this line');
      if (!index) {
        index = parseHeader(fields!, fail);
        fieldCount = fields!.length;
        continue;
      }
      if (fields!.length !== fieldCount) {
        fail(`expected ${fieldCount} fields, found ${fields!.length}`);
      }
      const get = (c: number) => fields![index![c]].trim();
      const personId = get(0);
      if (personId === '') fail('is empty', 'person_id');
      const group = coded('group', get(1)) as Group;
      if (!GROUPS.includes(group))
        fail(`unknown group '${group}' (known: ${GROUPS.join(', ')})`, 'group');
      const status = coded('status', get(2)) as Status;
      if (!STATUSES.includes(status))
        fail(`unknown status '${status}' (known: ${STATUSES.join(', ')})`, 'status');

      if (!current || current.personId !== personId) {
        if (current) yield finish(current, source);
        if (!grouped) {
          order.start(personId, line);
          runs?.add(personId, line);
        }
        current = { personId, group, status, line, events: [] };
        personTotal = 0;
      } else if (current.group !== group) {
        fail(
          `person '${personId}' has group '${current.group}' on line ${current.line} and '${group}' here`,
          'group',
        );
      } else if (current.status !== status) {
        fail(
          `person '${personId}' has status '${current.status}' on line ${current.line} and '${status}' here`,
          'status',
        );
      }

      const category = coded('category', get(4));
      const amounts = [get(6), get(7), get(8), get(9)];
      const date = index[10] < 0 ? undefined : get(10);
      if (category === '') {
        // A person listed with no event: every event field must be empty or zero.
        if (
          get(3) !== '' ||
          get(5) !== '' ||
          (date !== undefined && date !== '') ||
          amounts.some((a) => a !== '' && !/^0+(\.0+)?$/.test(a))
        ) {
          fail(
            'a row without a category lists an insured person with no event: seq, level, date and amounts must be empty or 0',
            'category',
          );
        }
        continue;
      }
      if (!(CATEGORIES as readonly string[]).includes(category)) {
        fail(`unknown category '${category}' (known: ${CATEGORIES.join(', ')})`, 'category');
      }
      const seqText = get(3);
      if (!SEQ.test(seqText)) fail(`'${seqText}' is not a whole number`, 'seq');
      const seq = Number(seqText);
      if (seq > MAX_WHOLE_NUMBER) fail(msg.claims.seqTooLarge(seqText), 'seq');
      const levelText = coded('level', get(5));
      if (levelText !== '1' && levelText !== '2' && levelText !== '3')
        fail(`unknown level '${levelText}' (known: 1, 2, 3)`, 'level');
      const names = ['total', 'scope', 'excluded', 'cancer_drug_ooc'];
      amounts.forEach((a, i) => {
        if (a === '') fail('is empty (write 0 for none)', names[i]);
        if (a.startsWith('-')) fail(`'${a}' is negative`, names[i]);
        if (!MONEY.test(a))
          fail(`'${a}' is not an amount in yuan with at most two decimals`, names[i]);
      });
      if (date === '') fail('is empty: with a date column, every event needs its date', 'date');
      if (date !== undefined && !isIsoDate(date))
        fail(`'${date}' is not a date written YYYY-MM-DD`, 'date');
      const [total, scope, excluded, cdo] = amounts.map(fen);
      [total, scope, excluded, cdo].forEach((f, i) => {
        if (f > MAX_AMOUNT_FEN) fail(msg.claims.amountTooLarge(amounts[i]), names[i]);
      });
      if (scope > total) fail(`scope ${amounts[1]} is more than total ${amounts[0]}`, 'scope');
      if (excluded + cdo > total - scope) {
        fail(
          `excluded ${amounts[2]} + cancer_drug_ooc ${amounts[3]} is more than total − scope (${((total - scope) / 100).toFixed(2)}); both are parts of the out-of-scope cost`,
          excluded > total - scope ? 'excluded' : 'cancer_drug_ooc',
        );
      }
      personTotal += total;
      if (personTotal > MAX_AMOUNT_FEN) fail(msg.claims.personTotalTooLarge(personId), 'total');
      current!.events.push({
        line,
        seq,
        category: category as Category,
        level: Number(levelText) as Level,
        total: amounts[0],
        scope: amounts[1],
        excluded: amounts[2],
        cancerDrugOoc: amounts[3],
        date,
      });
    }
    if (!index)
      throw new YibaoError('the file is empty: expected a header line', { file, line: 1 });
    if (current) yield finish(current, source);
    if (order.suspects.size > 0) {
      const back = await firstReappearance(
        order.suspects,
        runs ? runs.runs() : personRuns(source.again!(), index[0]),
      );
      if (back)
        throw new YibaoError(
          msg.claims.notTogether(back.id, source.lineName(back.first)),
          place(back.line, 'person_id'),
        );
    }
  } finally {
    runs?.remove();
  }
}

/** The runs of rows of one person: each run's person id and first line. */
async function* personRuns(
  lines: AsyncIterable<string> | Iterable<string>,
  column: number,
): AsyncGenerator<{ id: string; line: number }> {
  let lineNo = 0;
  let header = false;
  let previous: string | null = null;
  for await (const raw of lines) {
    lineNo++;
    if (raw.trim() === '') continue;
    if (!header) {
      header = true;
      continue;
    }
    const id = (splitCsvLine(raw) ?? [])[column]?.trim() ?? '';
    if (id !== previous) yield { id, line: lineNo };
    previous = id;
  }
}

/** Field index of each of CLAIMS_COLUMNS, then of OPTIONAL_CLAIMS_COLUMNS (−1 when absent). */
function parseHeader(fields: string[], fail: (m: string, c?: string) => never): number[] {
  const names = fields.map((f) => f.trim());
  const known: readonly string[] = [...CLAIMS_COLUMNS, ...OPTIONAL_CLAIMS_COLUMNS];
  for (const name of names) {
    if (!known.includes(name)) {
      fail(
        `unknown column '${name}' (expected: ${CLAIMS_COLUMNS.join(', ')}; optional: ${OPTIONAL_CLAIMS_COLUMNS.join(', ')})`,
        name,
      );
    }
    if (names.indexOf(name) !== names.lastIndexOf(name))
      fail(`column '${name}' appears twice`, name);
  }
  return [
    ...CLAIMS_COLUMNS.map((c) => {
      const i = names.indexOf(c);
      if (i < 0) fail(`missing column '${c}' (expected: ${CLAIMS_COLUMNS.join(', ')})`, c);
      return i;
    }),
    ...OPTIONAL_CLAIMS_COLUMNS.map((c) => names.indexOf(c)),
  ];
}

/** Orders a person's events by seq; a repeated seq is ambiguous and refused. */
function finish(
  person: ClaimsPerson,
  source: Pick<ClaimsSource, 'place' | 'lineName'>,
): ClaimsPerson {
  const events = person.events;
  let sorted = true;
  for (let i = 1; i < events.length; i++) if (events[i].seq < events[i - 1].seq) sorted = false;
  if (!sorted) events.sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < events.length; i++) {
    const [before, event] = [events[i - 1], events[i]];
    const id = person.personId;
    if (event.seq === before.seq)
      throw new YibaoError(
        msg.claims.seqTwice(id, event.seq, source.lineName(Math.min(event.line, before.line))),
        source.place(Math.max(event.line, before.line), 'seq'),
      );
    // Dates, when given, must follow seq and stay within one year (a row is a person-year).
    if (event.date === undefined || before.date === undefined) continue;
    const earlier = source.lineName(before.line);
    const year = before.date.slice(0, 4);
    const clash =
      event.date < before.date
        ? msg.claims.dateBeforeEarlierSeq(
            id,
            event.date,
            event.seq,
            before.date,
            before.seq,
            earlier,
          )
        : event.date.slice(0, 4) !== year
          ? msg.claims.dateOtherYear(id, event.date, event.seq, year, before.seq, earlier)
          : undefined;
    if (clash) throw new YibaoError(clash, source.place(event.line, 'date'));
  }
  return person;
}
