/**
 * The sums of `yibao reprice`, in SQL (DuckDB): each person's settled year is a row of a
 * table, and the fund's cost, the out-of-pocket, the alerts and who gains are aggregates
 * of it:
 *
 *   person (copies by the utilisation trend, group, status, cost band, billed, and per
 *   scheme: out-of-pocket and what each payer paid, all in whole fen) ──appended a chunk
 *   at a time──▶ settled ──SQL──▶ totals per scheme and payer; per group, status and cost
 *   band: persons, out-of-pocket, persons paying less and more than under the baseline
 *
 * Amounts are whole fen, multiplied by the copies and summed as integers (HUGEINT): exact
 * whatever the size of the extract. The rows spill to DuckDB's private temporary folder
 * past its memory limit (io/duckdb.ts).
 */
import { type Duck, sqlRows, TableWriter } from '../io/duckdb';

export interface SettledTotals {
  billed: number;
  claimants: number;
  /** per scheme: Σ out-of-pocket, persons above the alert threshold, Σ paid per payer */
  oop: number[];
  aboveAlert: number[];
  paid: number[][];
}

export interface SettledSlice {
  /** the slice's index in its kind (GROUPS, STATUSES, the cost bands) */
  index: number;
  persons: number;
  oop: number[];
  gainers: number[];
  losers: number[];
}

export class SettledTable {
  private constructor(
    private readonly duck: Duck,
    private readonly writer: TableWriter,
    private readonly schemes: number,
    private readonly payers: number,
  ) {}

  static async create(duck: Duck, schemes: number, payers: number): Promise<SettledTable> {
    const { DOUBLE, UTINYINT, USMALLINT } = duck.api;
    const columns: Parameters<typeof TableWriter.create>[2] = [
      ['copies', DOUBLE],
      ['claimant', UTINYINT],
      ['g', UTINYINT],
      ['st', UTINYINT],
      ['band', USMALLINT],
      ['billed', DOUBLE],
    ];
    for (let v = 0; v < schemes; v++) {
      columns.push([`oop_${v}`, DOUBLE]);
      for (let p = 0; p < payers; p++) columns.push([`paid_${v}_${p}`, DOUBLE]);
    }
    return new SettledTable(
      duck,
      await TableWriter.create(duck, 'settled', columns),
      schemes,
      payers,
    );
  }

  /** One person's year: `oop[v]` and `paid[v][p]` in fen for each scheme v and payer p. */
  add(
    person: { copies: number; claimant: boolean; group: number; status: number; band: number },
    billed: number,
    oop: number[],
    paid: number[][],
  ): void {
    const w = this.writer;
    w.set(0, person.copies);
    w.set(1, person.claimant ? 1 : 0);
    w.set(2, person.group);
    w.set(3, person.status);
    w.set(4, person.band);
    w.set(5, billed);
    let c = 6;
    for (let v = 0; v < this.schemes; v++) {
      w.set(c++, oop[v]);
      for (let p = 0; p < this.payers; p++) w.set(c++, paid[v][p]);
    }
    w.endRow();
  }

  close(): void {
    this.writer.close();
  }

  private each(f: (v: number) => string[]): string {
    return Array.from({ length: this.schemes }, (_, v) => f(v).join(', ')).join(', ');
  }

  async totals(threshold: number): Promise<SettledTotals> {
    const exact = (x: string) => `sum((copies * ${x})::BIGINT)::DOUBLE`;
    const sql = `SELECT ${exact('billed')}, coalesce(sum(copies) FILTER (claimant = 1), 0), ${this.each(
      (v) => [
        exact(`oop_${v}`),
        `coalesce(sum(copies) FILTER (oop_${v} > ${threshold}), 0)`,
        ...Array.from({ length: this.payers }, (_, p) => exact(`paid_${v}_${p}`)),
      ],
    )} FROM settled`;
    const row = ((await sqlRows(this.duck, sql))[0] as (number | null)[]).map((x) => x ?? 0);
    const totals: SettledTotals = {
      billed: row[0],
      claimants: row[1],
      oop: [],
      aboveAlert: [],
      paid: [],
    };
    let c = 2;
    for (let v = 0; v < this.schemes; v++) {
      totals.oop.push(row[c++]);
      totals.aboveAlert.push(row[c++]);
      totals.paid.push(row.slice(c, c + this.payers));
      c += this.payers;
    }
    return totals;
  }

  /** Persons, out-of-pocket and who gains, by `column` (g, st or band). */
  async slices(column: 'g' | 'st' | 'band'): Promise<SettledSlice[]> {
    const sql = `SELECT ${column}, sum(copies), ${this.each((v) => [
      `sum((copies * oop_${v})::BIGINT)::DOUBLE`,
      `coalesce(sum(copies) FILTER (oop_${v} < oop_0), 0)`,
      `coalesce(sum(copies) FILTER (oop_${v} > oop_0), 0)`,
    ])} FROM settled GROUP BY ${column}`;
    return (await sqlRows(this.duck, sql)).map((r) => {
      const row = r as number[];
      const s: SettledSlice = { index: row[0], persons: row[1], oop: [], gainers: [], losers: [] };
      for (let v = 0; v < this.schemes; v++) {
        s.oop.push(row[2 + 3 * v]);
        s.gainers.push(row[3 + 3 * v]);
        s.losers.push(row[4 + 3 * v]);
      }
      return s;
    });
  }
}
