/**
 * The limits of what yibao accepts, stated once (docs/limits.md lists them for users).
 * They are limits of the tool, not rules of a scheme: each keeps the arithmetic exact or
 * the memory and time of a run bounded, and each refusal names the limit it hit.
 */

/**
 * The largest amount accepted anywhere: a claim's total, scope or parts, a person's total
 * for the year, a scheme's parameter, a calibration's figure. 10^12 yuan (1万亿元) is far
 * above any bill or fund, and in fen (10^14) it leaves the fast engine's float64 sums
 * of a person-year whole numbers: a float64 holds every whole number up to 2^53 ≈ 9.0×10^15
 * exactly, so sums of up to 90 such amounts cannot lose a fen.
 */
export const MAX_AMOUNT_YUAN = 1e12;
export const MAX_AMOUNT_FEN = MAX_AMOUNT_YUAN * 100;

/**
 * The largest whole number accepted where one is counted or ordered (a claim's `seq`):
 * 2^53 − 1. Above it, float64 numbers skip whole numbers, so 2^53 and 2^53 + 1 would be
 * read as the same value.
 */
export const MAX_WHOLE_NUMBER = Number.MAX_SAFE_INTEGER;

/**
 * The longest line of a claims file, in characters. A claims row is about a hundred
 * characters; a longer line is not claims data (a binary file, a file without line
 * breaks), and reading it whole would take memory without bound.
 */
export const MAX_CLAIMS_LINE = 65536;

/**
 * The largest YAML data file (scheme, basic rules, calibration, workload): the shipped
 * ones are a few tens of kilobytes. Reading stops there, so that a device such as
 * /dev/zero given by mistake is refused at once instead of read without end.
 */
export const MAX_DATA_FILE_BYTES = 16 * 2 ** 20;

/**
 * The largest table of yearly figures read whole (`yibao ledger --years`, `yibao reconcile
 * --history`): such a table has a line a year, or a county-year, so 1 MiB is thousands of
 * times what one holds, and a device or a claims extract given by mistake is refused.
 */
export const MAX_TABLE_FILE_BYTES = 2 ** 20;

/**
 * The largest .xlsx workbook read (claims as a workbook are read whole, by exceljs): a
 * sheet holds at most 1,048,576 rows, which compress to some tens of MiB; larger extracts
 * come as CSV, which is streamed.
 */
export const MAX_WORKBOOK_BYTES = 256 * 2 ** 20;

/**
 * The longest run accepted without --force, by its estimate before it starts
 * (src/simulate/resources.ts): a day. A longer one is nearly always a slip — 10^12 persons
 * for 10^6, a million scenarios for a thousand — and would hold the machine for days
 * before anyone noticed; the estimate is rough, so the bound is far above any planned run
 * (the largest benchmark, 1.8×10^9 person-years, takes minutes).
 */
export const MAX_RUN_SECONDS = 24 * 3600;

/**
 * The buffers DuckDB may keep in memory (Parquet extracts, the statistics of calibrate and
 * reprice) before it spills to its private temporary folder. It bounds DuckDB's buffers,
 * not everything it allocates: calibrate over 20 million rows peaks at 669–775 MB in all.
 */
export const DUCKDB_MEMORY_LIMIT = '256MB';
