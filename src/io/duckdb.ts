/**
 * DuckDB (@duckdb/node-api), for Parquet extracts and the statistics of `calibrate` and
 * `reprice`, loaded only when one of them asks: every other command starts without it
 * (the native library is some 60 MB; test/cli/simulate.test.ts checks it stays unloaded).
 *
 *   openDuckDb ──one in-memory database for the process: one thread, no extension fetched
 *   or loaded from outside the package, at most DUCKDB_MEMORY_LIMIT, spilling to a private
 *   temporary folder──▶ { connection, close }, a connection of its own
 *
 * One thread: sums of floats are then added in the order the rows were given, so the same
 * file gives the same figures to the last bit, run after run. The spill folder holds health
 * data (claims rows): mode 0700, removed on close, at exit and on an interrupt.
 */
import type * as DuckDB from '@duckdb/node-api';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { DUCKDB_MEMORY_LIMIT } from '../model/limits';
import { privateTempDir } from './temp-files';

export type DuckConnection = DuckDB.DuckDBConnection;
export type DuckModule = typeof DuckDB;

export interface Duck {
  connection: DuckConnection;
  /** the module, for its types and values (chunks, list values) */
  api: DuckModule;
  close(): void;
}

let loaded: DuckModule | undefined;

/** The DuckDB module, required on first use; a refusal in words where it cannot load. */
export function duckModule(): DuckModule {
  if (loaded) return loaded;
  try {
    loaded = require('@duckdb/node-api') as DuckModule;
  } catch (e) {
    throw new YibaoError(msg.input.duckdbMissing(e instanceof Error ? e.message : String(e)));
  }
  return loaded;
}

/** The one database of the process, its spill folder, and the connections open on it. */
interface Shared {
  instance: DuckDB.DuckDBInstance;
  removeSpill: () => void;
}
let shared: Promise<Shared> | undefined;
let users = 0;

async function createShared(api: DuckModule): Promise<Shared> {
  const spill = privateTempDir('yibao-duckdb-');
  try {
    const instance = await api.DuckDBInstance.create(':memory:', {
      threads: '1',
      memory_limit: DUCKDB_MEMORY_LIMIT,
      temp_directory: spill.dir,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    return { instance, removeSpill: spill.remove };
  } catch (e) {
    spill.remove();
    throw e;
  }
}

/**
 * A connection to the process's DuckDB database, created on first use and closed with its
 * last connection. One database, so that its memory limit holds for the process: calibrate
 * over a Parquet file reads the file on one connection and sums on another. Tables are
 * made TEMP (TableWriter): each connection sees its own.
 */
export async function openDuckDb(): Promise<Duck> {
  const api = duckModule();
  // counted before waiting, so a connection closing meanwhile leaves the database open
  users++;
  shared ??= createShared(api);
  let db: Shared;
  try {
    db = await shared;
  } catch (e) {
    shared = undefined;
    users--;
    throw failed(e);
  }
  let connection: DuckConnection;
  try {
    connection = await db.instance.connect();
  } catch (e) {
    release(db);
    throw failed(e);
  }
  let open = true;
  return {
    connection,
    api,
    close() {
      if (!open) return;
      open = false;
      connection.closeSync();
      release(db);
    },
  };
}

function release(db: Shared): void {
  if (--users > 0) return;
  shared = undefined;
  db.instance.closeSync();
  db.removeSpill();
}

/**
 * DuckDB failing on rows the reader accepted (memory, a full disk for its spill folder) is
 * a failure of the system, not of the input: exit status 1.
 */
function failed(e: unknown): YibaoError {
  return new YibaoError(msg.input.duckdbFailed(e instanceof Error ? e.message : String(e)), {}, 1);
}

/** `work()`, with a DuckDB error turned into the refusal above. */
async function guarded<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof YibaoError ? e : failed(e);
  }
}

/** `text` as an SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A file's path as an SQL string for DuckDB's readers, which take `*`, `?` and `[` as a
 * glob: a path holding them would read other files. DuckDB's globs have no backslash
 * escape, so each such character goes in a class of its own (`[*]`), which matches just it.
 */
export function sqlFilePath(file: string): string {
  return sqlString(file.replace(/[*?[]/g, '[$&]'));
}

/** `name` as an SQL identifier. */
export function sqlName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Rows appended to a table a chunk at a time (a call into DuckDB per 2,048 rows, not per
 * value): `set` each column of the row, then `endRow`; `close` appends what is left.
 */
export class TableWriter {
  private readonly columns: (number | null)[][];
  private n = 0;
  private static readonly CHUNK = 2048;

  private constructor(
    private readonly duck: Duck,
    private readonly appender: DuckDB.DuckDBAppender,
    private readonly types: DuckDB.DuckDBType[],
  ) {
    this.columns = types.map(() => new Array(TableWriter.CHUNK));
  }

  /** A writer to `table`, created with `columns` (name and DuckDB type). */
  static async create(
    duck: Duck,
    table: string,
    columns: [string, DuckDB.DuckDBType][],
  ): Promise<TableWriter> {
    const appender = await guarded(async () => {
      await duck.connection.run(
        `CREATE TEMP TABLE ${sqlName(table)} (${columns.map(([n, t]) => `${sqlName(n)} ${t.toString()}`).join(', ')})`,
      );
      return duck.connection.createAppender(table, 'main', 'temp');
    });
    return new TableWriter(
      duck,
      appender,
      columns.map(([, t]) => t),
    );
  }

  set(column: number, value: number | null): void {
    this.columns[column][this.n] = value;
  }

  endRow(): void {
    if (++this.n === TableWriter.CHUNK) this.flush();
  }

  private flush(): void {
    if (this.n === 0) return;
    const chunk = this.duck.api.DuckDBDataChunk.create(this.types, this.n);
    chunk.setColumns(
      this.n === TableWriter.CHUNK ? this.columns : this.columns.map((c) => c.slice(0, this.n)),
    );
    try {
      this.appender.appendDataChunk(chunk);
    } catch (e) {
      throw failed(e);
    }
    this.n = 0;
  }

  close(): void {
    this.flush();
    try {
      this.appender.flushSync();
      this.appender.closeSync();
    } catch (e) {
      throw failed(e);
    }
  }
}

/** The rows of `sql`, each an array of JavaScript values (DOUBLE → number, LIST → array). */
export function sqlRows(duck: Duck, sql: string): Promise<unknown[][]> {
  return guarded(async () => (await duck.connection.runAndReadAll(sql)).getRowsJS() as unknown[][]);
}
