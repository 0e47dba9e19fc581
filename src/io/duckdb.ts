/**
 * DuckDB (@duckdb/node-api), for Parquet extracts and the statistics of `calibrate` and
 * `reprice`, loaded only when one of them asks: every other command starts without it
 * (the native library is some 60 MB; test/cli/simulate.test.ts checks it stays unloaded).
 *
 *   openDuckDb ──in-memory database: one thread, no extension fetched or loaded from outside
 *   the package, at most DUCKDB_MEMORY_LIMIT, spilling to a private temporary folder──▶
 *   { connection, close }
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

export async function openDuckDb(): Promise<Duck> {
  const api = duckModule();
  const spill = privateTempDir('yibao-duckdb-');
  let instance: DuckDB.DuckDBInstance | undefined;
  try {
    instance = await api.DuckDBInstance.create(':memory:', {
      threads: '1',
      memory_limit: DUCKDB_MEMORY_LIMIT,
      temp_directory: spill.dir,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    const db = instance;
    return {
      connection,
      api,
      close() {
        connection.closeSync();
        db.closeSync();
        spill.remove();
      },
    };
  } catch (e) {
    instance?.closeSync();
    spill.remove();
    throw new YibaoError(msg.input.duckdbFailed(e instanceof Error ? e.message : String(e)));
  }
}

/** `text` as an SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `name` as an SQL identifier. */
export function sqlName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
