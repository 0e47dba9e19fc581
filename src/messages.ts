/**
 * The catalogue of what yibao tells its users: every refusal's wording lives here, as a
 * function returning the text (after vega-lite's src/log/message.ts), so that messages
 * are written alike, reviewed in one place and tested by their words.
 *
 * The place (file, line, column, field) is not part of the text: YibaoError adds it in
 * front (src/errors.ts). A message says what was wrong and what would be right.
 *
 * Sections, one object each, in the order data flows through the tool:
 *
 *   text         quoting what the user gave (escaped, short), "did you mean", sizes and
 *                durations written for people
 *   cli          commands, options, their combinations
 *   option       option values in their unit: whole numbers, rates, ratios, ranges
 *   file         input files and result files: what cannot be read or written, in words;
 *                what is not UTF-8 text; files beyond the size limit
 *   input        decoding the tables a user gives (claims, ledger years, histories): the
 *                encoding, workbooks, the code table of Chinese labels
 *   yaml         reading a YAML data file (scheme, basic rules, calibration, workload)
 *   claims       claims files: amounts, seq and lines beyond the limits (src/model/limits.ts)
 *   scheme       scheme and basic-rules files: schema, rules a schema cannot say, bases
 *   override     `path=value` overrides of a scheme or calibration
 *   calibration  calibration files
 *   table        small tables read whole (ledger years, reconciliation histories): header,
 *                fields, amounts
 *   ledger       `yibao ledger`: the yearly figures and --rate
 *   reconcile    `yibao reconcile`: the county histories and the scheme's rules
 *   alerts       `yibao alerts`: the quarterly list's claims and the scheme's rules
 *   run          simulate, price, compare, report: what is checked before the work starts,
 *                the run's size (memory, time, workers)
 *   replay       `yibao replay`: a result file's run record, its inputs since the run
 *   notebook     a notebook's stated figures against the ones it computes (assertStated)
 *   pdf          `--pdf`: printing the report through headless Chromium
 *
 * A new area gets its own section object below the last, with a line in this list.
 */
import {
  MAX_AMOUNT_YUAN,
  MAX_CLAIMS_LINE,
  MAX_DATA_FILE_BYTES,
  MAX_TABLE_FILE_BYTES,
  MAX_WHOLE_NUMBER,
  MAX_WORKBOOK_BYTES,
} from './model/limits';

// ---------------------------------------------------------------- text

/** Control, format and invisible characters (line break and tab excepted). */
function invisible(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x0a && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

/**
 * `text` with control, format and unpaired-surrogate characters written as `\uXXXX`, so
 * that a message never carries raw bytes of a binary file to the terminal (an escape
 * sequence there can repaint the screen). Line breaks and tabs are kept.
 */
export function escapeInvisible(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const high = code >= 0xd800 && code <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      out += text[i] + text[i + 1];
      i++;
    } else if (invisible(code) || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += text[i];
    }
  }
  return out;
}

export const text = {
  /** What the user gave, quoted: invisible characters escaped, cut to `max` characters. */
  quote(value: unknown, max = 60): string {
    const s = String(value);
    const cut = [...s].length > max ? `${[...s].slice(0, max).join('')}…` : s;
    return `'${escapeInvisible(cut).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'))}'`;
  },
  /**
   * Like `quote`, cut to `max` characters, and saying how long the whole was when it was
   * cut: a 300-digit amount or a binary line is shown as its start and its length.
   */
  quoteCounted(value: unknown, max = 40): string {
    const length = [...String(value)].length;
    const quoted = text.quote(value, max);
    return length > max ? `${quoted} (${length} characters)` : quoted;
  },
  /** ` (did you mean 'x'?)`, or nothing without a suggestion. */
  didYouMean(suggestion: string | undefined): string {
    return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  },
};

const q = text.quote;

/** A size in bytes for people: KiB, MiB or GiB. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 40) return `${Math.round(n / 2 ** 40).toLocaleString('en')} TiB`;
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${Math.round(n / 2 ** 20)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}

/** A duration for people: seconds, minutes, hours or days, rounded. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400).toLocaleString('en')} days`;
}

// ---------------------------------------------------------------- cli

export const cli = {
  seeHelp: (command: string) => `see 'yibao ${command} --help'`,
  unknownCommand: (name: string, suggestion?: string) =>
    `unknown command ${q(name)}${text.didYouMean(suggestion)}`,
  unknownOption: (command: string, option: string, suggestion?: string) =>
    `unknown option ${q(option)}${text.didYouMean(suggestion)} (${cli.seeHelp(command)})`,
  /** node:util parseArgs's own wording for other malformed options, with the help pointer */
  badOptions: (command: string, detail: string) => `${detail} (${cli.seeHelp(command)})`,
  forgotValue: (detail: string) => `${detail}: did you forget its value?`,
  missingOption: (command: string, name: string) => `missing --${name} (${cli.seeHelp(command)})`,
  choice: (name: string, choices: readonly string[], got: string) =>
    `--${name} must be ${choices.join(' or ')}, not ${q(got)}`,
  setOnlyWithShow: () =>
    `--set changes one scheme: give it with 'yibao schemes show <id|path>' (${cli.seeHelp('schemes')})`,
  schemesUsage: () =>
    `expected 'yibao schemes' or 'yibao schemes show <id|path>' (${cli.seeHelp('schemes')})`,
  personNotInFile: (id: string) => `person ${q(id)} is not in the file`,
  badClaimsAt: (pair: string) =>
    `--claims-at takes scenario:year pairs from 1, e.g. 1:1,3:2, got ${q(pair)}`,
  claimsAtWithoutOut: () =>
    '--claims-at chooses the scenario-years of --claims-out: give --claims-out FILE',
  claimsAtBeyond: (scenario: number, year: number, scenarios: number, years: number) =>
    `--claims-at ${scenario}:${year} is beyond the run's ${scenarios} scenarios × ${years} years`,
  oneWorkload: () =>
    `give one workload, e.g. bench/workloads/w2-guiyang-resident (${cli.seeHelp('workload')})`,
  noWorkload: (prefix: string, missing: string) =>
    `no workload ${q(prefix)}: ${missing} is missing (a workload is a pair <name>.scheme.yaml and <name>.calibration.yaml)`,
  oneTarget: () =>
    `give one of --target-loss-ratio or --target-deficit-probability (${cli.seeHelp('price')})`,
  noSuchVariantFile: (file: string) => `--variant: no such file ${q(file)}`,
  personsUnknownGroup: (group: string, groups: readonly string[]) =>
    `--persons: unknown group ${q(group)} (known: ${groups.join(', ')}; write group=N,…)`,
  personsNotGroupCount: (part: string) => `--persons: ${q(part)} is not group=<whole number>`,
  personsTwice: (group: string) => `--persons: ${group} is given twice`,
  insuredBelowListed: (insured: number, listed: number) =>
    `--insured ${insured} is less than the ${listed} persons listed in the claims file`,
};

// ---------------------------------------------------------------- option

export const option = {
  wholeNumber: (name: string, min: number, got: string) =>
    `--${name} must be a whole number ≥ ${min}, got ${q(got)}`,
  beyondSafeInteger: (name: string, got: string) =>
    `--${name} ${q(got)} is beyond 2^53 − 1 = ${Number.MAX_SAFE_INTEGER}, the largest whole number held exactly (a larger one would silently become a neighbour); give a smaller one`,
  notANumber: (what: string, got: string, example: string) =>
    `${what} must be a number like ${example}, got ${q(got)}`,
  notAShare: (option: string, got: string) =>
    `${option} must be a number (0.9 or 90%), got ${q(got)}`,
  /** a share outside [low, high], both as percentages in the text */
  shareRange: (option: string, range: string, got: string) =>
    `${option} must be ${range}, got ${q(got)}`,
  negative: (what: string, got: string) => `${what} must not be negative, got ${q(got)}`,
  above: (what: string, bound: number, got: string) =>
    `${what} must be above ${bound}, got ${q(got)}`,
  below: (what: string, bound: number, got: string) =>
    `${what} must be below ${bound}, got ${q(got)}`,
  percentForAmount: (what: string, got: string, unit: string) =>
    `${what} is in ${unit}, not a percentage: write the amount (e.g. ${got.replace(/\s*%\s*$/, '')}), got ${q(got)}`,
  /** a value outside its plausible range: almost always a slip of the unit */
  implausible: (what: string, shown: string, range: string, why: string, hint: string) =>
    `${what} is ${shown}, outside the plausible range ${range} (${why}); ${hint}, or add --force to run anyway`,
};

// ---------------------------------------------------------------- file

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'device or resource busy',
  ETXTBSY: 'text file busy',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EPIPE: 'the reader closed the pipe',
};

/** Why a file operation failed, in words, from a system error (`ENOSPC` → 'no space left on device'). */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message.split('\n')[0]}` : message.split('\n')[0];
}

/** Whether `error` is a system error (a failed read, write, open …) as Node throws them. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

export const file = {
  cannotRead: (what: string, reason: string) => `cannot read the ${what} file: ${reason}`,
  /** `format` is what the file should be: YAML for data files, JSON for result files */
  binary: (what: string, format: 'YAML' | 'JSON') =>
    `is binary (it holds NUL bytes), not a ${format} ${what} file; give the .${format.toLowerCase()} text file`,
  utf16: (what: string) => `is UTF-16 text; save the ${what} file as UTF-8 and try again`,
  notUtf8: (what: string, offset: number) =>
    `is not UTF-8 text (a byte at offset ${offset} is not UTF-8); save the ${what} file as UTF-8`,
  notAFile: (what: string, kind: string) =>
    `cannot read the ${what} file: it is ${kind}, not a file`,
  tooLarge: (what: string) =>
    `cannot read the ${what} file: it is larger than ${formatBytes(MAX_DATA_FILE_BYTES)}, the most a ${what} file may have (the shipped ones are a few tens of kilobytes); is it the right file?`,
  tableTooLarge: (what: string) =>
    `cannot read the ${what} file: it is larger than ${formatBytes(MAX_TABLE_FILE_BYTES)}, the most a ${what} file may have (it has a line a year); is it the right file?`,
  workbookTooLarge: () =>
    `cannot read the claims workbook: it is larger than ${formatBytes(MAX_WORKBOOK_BYTES)}, the most a workbook is read whole; save the extract as CSV, which is read line by line`,
  cannotWrite: (target: string, reason: string) => `cannot write to ${target}: ${reason}`,
  noSuchFolder: (target: string, folder: string) =>
    `cannot write to ${target}: there is no folder ${folder} (create it first)`,
  folderIsFile: (target: string, file: string) =>
    `cannot write to ${target}: ${file} is a file, not a folder`,
  outIsFolder: (target: string) =>
    `cannot write to ${target}: it is a folder; give a file name (e.g. ${target.replace(/\/+$/, '')}/out.csv)`,
  outIsFile: (target: string) =>
    `cannot write to ${target}: it is a file; --out takes a folder for the result files`,
  standardOutput: (reason: string) => `cannot write to standard output: ${reason}`,
  systemError: (error: NodeJS.ErrnoException & { dest?: string }) =>
    `${error.syscall ?? 'file operation'}${error.path ? ` ${error.path}` : ''}${error.dest ? ` → ${error.dest}` : ''} failed: ${ioReason(error)}`,
};

/** What kind of thing a non-regular path is, for `notAFile`. */
export function kindOfPath(stat: {
  isDirectory(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
  isFIFO(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSocket()) return 'a socket';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isCharacterDevice()) return 'a device';
  if (stat.isFIFO()) return 'a pipe';
  return 'not a regular file';
}

// ---------------------------------------------------------------- input

export const input = {
  /**
   * a character that does not decode: `bytes` are its bytes as far as they go, from its
   * first to the one that fails; `encoding` is the one tried
   */
  notInEncoding: (bytes: string[], encoding: string) =>
    `${bytes.length > 1 ? `bytes ${bytes.join(' ')} are` : `byte ${bytes.join('')} is`} not valid ${encoding.toUpperCase()}: the file is not in that encoding${
      encoding === 'utf-8'
        ? "; a file saved by Excel on a Chinese Windows machine is usually GB18030: give --encoding gb18030 (or save it as 'CSV UTF-8')"
        : "; check the file's encoding (utf-8, gb18030 or gbk)"
    }`,
  endsInsideCharacter: (encoding: string) =>
    `the file ends inside a character: it is not valid ${encoding.toUpperCase()}`,
  notAWorkbook: (detail: string) =>
    `cannot read the workbook: it is not an .xlsx file exceljs can open (${escapeInvisible(detail.split('\n')[0])}); save it from Excel as .xlsx, or as CSV`,
  notParquet: (detail: string) =>
    `cannot read the Parquet file: DuckDB cannot open it (${escapeInvisible(detail.split('\n')[0])}); give a .parquet file, or the extract as CSV`,
  parquetValue: (detail: string) =>
    `a value cannot be read as text (${escapeInvisible(detail.split('\n')[0])})`,
  duckdbMissing: (detail: string) =>
    `reading Parquet and computing statistics need DuckDB (@duckdb/node-api), which cannot be loaded here (${escapeInvisible(detail.split('\n')[0])}); reinstall yibao with npm, on a platform DuckDB ships a build for`,
  duckdbFailed: (detail: string) =>
    `DuckDB failed while computing the statistics (${escapeInvisible(detail.split('\n')[0])})`,
  sheetHeaderDiffers: (names: readonly string[], first: readonly string[]) =>
    `the header of this sheet (${names.join(', ')}) differs from the first sheet's (${first.join(', ')}); every sheet holds the same columns`,
  // the code table (data/codes/*.yaml)
  codesNotAMapping: () => 'must map each code to its labels',
  notACode: (column: string, codes: readonly (string | number)[]) =>
    `is not a ${column} code (${codes.join(', ')})`,
  labelsNotAList: () => 'must be a list of labels',
  labelTwice: (label: string, column: string, other: string) =>
    `label ${q(label)} also names ${column} '${other}': a label must name one code`,
};

// ---------------------------------------------------------------- yaml

export const yaml = {
  invalid: (detail: string) => `not valid YAML: ${escapeInvisible(detail)}`,
  tooManyAliases: () =>
    'not accepted: its aliases (*name) expand to more than the 100 copies the reader allows, a guard against files that grow without bound when read; write the values out',
  notAMapping: (what: string) => `must be a mapping of the ${what} fields`,
};

// ---------------------------------------------------------------- claims

export const claims = {
  amountTooLarge: (given: string) =>
    `${text.quoteCounted(given)} is more than the largest amount accepted, ${MAX_AMOUNT_YUAN.toLocaleString('en')} yuan (10^12)`,
  personTotalTooLarge: (personId: string) =>
    `person ${text.quoteCounted(personId)}: the year's total is more than the largest amount accepted, ${MAX_AMOUNT_YUAN.toLocaleString('en')} yuan (10^12)`,
  seqTooLarge: (given: string) =>
    `${text.quoteCounted(given)} is more than the largest seq accepted, ${MAX_WHOLE_NUMBER} (2^53 − 1; larger whole numbers are not exact in a float64)`,
  // `where` names a row as its file does: 'line 12' (CSV), 'Sheet2 row 5' (workbook), 'row 11' (Parquet)
  notTogether: (personId: string, firstWhere: string) =>
    `rows of person ${text.quoteCounted(personId)} are not together (the person's rows began on ${firstWhere}); sort the file by person_id, keeping each person's rows in seq order, or give --sort`,
  seqTwice: (personId: string, seq: number, otherWhere: string) =>
    `person ${text.quoteCounted(personId)} has seq ${seq} twice (also on ${otherWhere}); seq orders a person's events`,
  dateBeforeEarlierSeq: (
    personId: string,
    date: string,
    seq: number,
    before: string,
    beforeSeq: number,
    beforeWhere: string,
  ) =>
    `person ${text.quoteCounted(personId)}: date ${date} (seq ${seq}) is before ${before} of seq ${beforeSeq} (${beforeWhere}); seq orders a person's events by date`,
  dateOtherYear: (
    personId: string,
    date: string,
    seq: number,
    year: string,
    beforeSeq: number,
    beforeWhere: string,
  ) =>
    `person ${text.quoteCounted(personId)}: date ${date} (seq ${seq}) is not in ${year}, the year of seq ${beforeSeq} (${beforeWhere}); a person's rows are one year's events`,
  lineTooLong: () =>
    `the line is longer than ${MAX_CLAIMS_LINE.toLocaleString('en')} characters, the most a claims line may have (a claims row has about a hundred); is it a claims CSV?`,
};

// ---------------------------------------------------------------- scheme

export const scheme = {
  unknown: (id: string, known: readonly string[], suggestion?: string) =>
    `unknown scheme ${q(id)}${text.didYouMean(suggestion)} (known: ${known.join(', ')}; or give a path to a .yaml file)`,
  noBasicFile: (ref: string) =>
    `names no basic-insurance rules file: ${q(ref)} (a shipped id such as basic-defaults, or a .yaml path relative to this file)`,
  // schema refusals (the rest keep ajv's wording, e.g. 'must be >= 0')
  notAKnownField: () => 'is not a known field',
  isRequired: () => 'is required',
  oneOf: (values: readonly unknown[]) => `must be one of ${values.join(', ')}`,
  notValid: () => 'is not valid',
  atMost: (limit: number) =>
    `must be at most ${limit.toLocaleString('en')}${limit === MAX_AMOUNT_YUAN ? ' (10^12, the largest amount accepted)' : ''}`,
  expectedKind: (want: 'scheme' | 'basic', found: unknown) =>
    want === 'scheme'
      ? `expected a scheme file (kind: scheme), found kind: ${q(found)}`
      : `expected a basic-insurance rules file (kind: basic), found kind: ${q(found)}`,
  // normalize: what a schema cannot say
  assumptionNeedsNote: () =>
    'an assumption needs a note saying why and what to replace it with (or a file-level assumption_note)',
  likeCycle: (chain: readonly string[]) => `'like' forms a cycle (${chain.join(' → ')})`,
  requiredThroughLike: (field: string) => `'${field}' is required (directly or through 'like')`,
  firstEventNeeds: () => "mode first_event_of_year needs 'deductible' and 'share_level'",
  layerIdTwice: (id: string) => `layer id '${id}' is used twice`,
  layerIdReserved: (id: string) => `layer id '${id}' is reserved for an output column`,
  topUpOrBands: () => "a component has either 'top_up' or 'base' and 'bands', not both",
  needsBaseAndBands: () => "a component needs 'base' and 'bands' (or 'top_up')",
  bandsRise: () => 'bands must start at rising amounts',
  coveredNeedsSingleRate: (id: string) =>
    `covered(${id}) needs '${id}' to pay one rate from 0 on one base`,
  alertClash: (id: string) => `alert id '${id}' clashes with another column`,
  fundingPaysUnknown: (id: string) => `funding.pays names no layer of the scheme: ${q(id)}`,
  contractYears: (got: number, source: string) =>
    `must be a whole number of years, at least 1, got ${got} [${source}]`,
  // a layer's base expression
  cannotReadBase: (base: string, why: string) => `cannot read base ${q(base, 120)}: ${why}`,
  unexpectedOperator: (token: string) => `unexpected '${token}'`,
  missingOperator: (token: string) => `missing + or - before ${q(token)}`,
  notATerm: (token: string) => `${q(token)} is not a quantity, paid(layer) or covered(layer)`,
  notAnEarlierLayer: (id: string, earlier: readonly string[]) =>
    `'${id}' is not an earlier layer (earlier: ${earlier.join(', ') || 'none'})`,
  unknownQuantity: (name: string, known: readonly string[]) =>
    `unknown quantity '${name}' (known: ${known.join(', ')})`,
  endsWithOperator: () => 'it ends with an operator',
};

// ---------------------------------------------------------------- override

export const override = {
  notPathValue: (item: string) => `override ${q(item)} is not of the form path=value`,
  /** the source an overridden figure carries from then on */
  source: (origin?: string) => (origin ? `override (${origin})` : 'override'),
  wasNote: (value: unknown, source: string) => `overridden; was ${value} (${source})`,
  // the place (file, field: the path) comes first; `origin` (`--set a.b=5`) ends the text
  refused: (why: string, origin?: string) =>
    `cannot override: ${why}${origin ? ` (${origin})` : ''}`,
  emptySegment: (path: string) =>
    `the path ${q(path)} has an empty part; write field names and list ids or indexes joined by dots, e.g. layers.large_expense.cap`,
  forbiddenSegment: (segment: string) =>
    `'${segment}' is not a parameter name; override paths cannot reach into object internals`,
  noSuchField: (segment: string, suggestion?: string) =>
    `no parameter ${q(segment)} here${text.didYouMean(suggestion)}`,
  noSuchItem: (segment: string, ids: readonly string[]) =>
    `no item ${q(segment)} in the list (${ids.length ? `ids: ${ids.join(', ')}; ` : ''}or an index from 0)`,
  notInside: (segment: string) => `${q(segment)} is not inside a mapping or list`,
  /** the value given does not fit what the path holds */
  expected: (expected: string, got: unknown) => `expected ${expected} at this path, got ${q(got)}`,
  aNumber: (unit: string | undefined, now: number) =>
    `a number${unit ? ` (${unit})` : ''} like ${now}`,
  aBoolean: () => 'true or false',
  aText: () => 'text',
  aFieldBelow: (keys: readonly string[]) =>
    `one of its fields, not a whole ${keys.length ? `block (write ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''} below it)` : 'block'}`,
};

// ---------------------------------------------------------------- calibration

export const calibration = {
  unknown: (id: string, known: readonly string[], suggestion?: string) =>
    `unknown calibration ${q(id)}${text.didYouMean(suggestion)} (known: ${known.join(', ')}; or give a path to a .yaml file)`,
  isRequired: () => 'is required',
  mustBeMapping: () => 'must be a mapping',
  nonEmptyList: () => 'must be a non-empty list',
  mustBeNumber: () => 'must be a number',
  between: (min: number, max: number, got: number) =>
    `must be between ${min} and ${max}, got ${got}`,
  sourceRequired: () => "is required: the article or publication, or 'assumption'",
  notAGroup: (groups: readonly string[]) => `is not a group (${groups.join(', ')})`,
  notACategory: (categories: readonly string[]) => `is not a category (${categories.join(', ')})`,
  mustBeAge: () => 'must be an age',
  levelOneTwoThree: () => 'must be 1, 2 or 3',
  atMostOne: () => 'must be at most 1',
  mustBeName: () => 'must be a name',
  notAFigure: (path: unknown) => `${q(path)} is not a figure of this file`,
  firstEdgeZero: () => 'the first edge must be 0',
  edgesIncrease: () => 'edges must increase',
  kind: () => "must be 'calibration'",
  ages: () => "needs ages 'from' ≤ 'to' ≤ 120",
  sharesAboveOne: () => 'shares add up to more than 1',
  // fitting (yibao calibrate)
  belowMinimum: (minEvents: number, thin: readonly { figure: string; events: number }[]) =>
    `${thin.length} figure(s) would be fitted from fewer than ${minEvents} events:\n${thin
      .slice(0, 12)
      .map((t) => `  ${t.figure}: ${t.events} events`)
      .join(
        '\n',
      )}${thin.length > 12 ? `\n  … and ${thin.length - 12} more` : ''}\nkeep the base's figures for them with --below-min base, or lower the minimum with --min-events N (figures are then blended with the base by credibility)`,
  personsBelowListed: (group: string, given: number, listed: number) =>
    `--persons ${group}=${given} must be a whole number at least the ${listed} ${group} persons listed in the claims file`,
  noEvents: () => 'the claims file has no events to fit',
  noCredibility: () => "the default calibration has no 'credibility' block",
};

// ---------------------------------------------------------------- table

/** The columns a table takes, for its header's refusals. */
interface TableColumns {
  required: readonly string[];
  optional: readonly string[];
}

const expectedColumns = (c: TableColumns) =>
  `expected: ${c.required.join(', ')}${c.optional.length ? `; optional: ${c.optional.join(', ')}` : ''}`;

export const table = {
  quoteNotClosed: () => 'a quoted field is not closed on this line',
  unknownColumn: (name: string, columns: TableColumns) =>
    `unknown column ${q(name)} (${expectedColumns(columns)})`,
  columnTwice: (name: string) => `column ${q(name)} appears twice`,
  missingColumn: (name: string, columns: TableColumns) =>
    `missing column '${name}' (${expectedColumns(columns)})`,
  fieldCount: (expected: number, found: number) => `expected ${expected} fields, found ${found}`,
  empty: () => 'the file is empty: expected a header line',
  emptyAmount: () => 'is empty (write 0 for none)',
  negative: (given: string) => `${text.quoteCounted(given)} is negative`,
  notAnAmount: (given: string) =>
    `${text.quoteCounted(given)} is not an amount in yuan with at most two decimals`,
  amountTooLarge: (given: string) => claims.amountTooLarge(given),
};

// ---------------------------------------------------------------- ledger

export const ledger = {
  rate: (got: string) =>
    `--rate must be a number ≥ 0 with at most 8 decimals (0.0032 or 0.32%), got ${q(got)}`,
  yearOutOfOrder: (expected: number, found: string) =>
    `expected year ${expected} (years are 1, 2, … in order), found ${q(found)}`,
  unusedColumn: (column: string, rule: string) =>
    `the scheme has no ${rule}, so a ${column} would change nothing; leave it empty`,
  notAScore: (given: string) => `${q(given)} is not a score from 0 to 1 (at most 8 decimals)`,
  notABoolean: (given: string) => `${q(given)} is not true or false (empty: when needed)`,
  unknownLossCause: (given: string) => `unknown loss cause ${q(given)} (known: policy, insurer)`,
  noYears: () => 'no years after the header',
};

// ---------------------------------------------------------------- reconcile

export const reconcile = {
  noRules: (scheme: string) =>
    `scheme ${scheme} has no reconciliation block (the rules of a merger of county pools)`,
  emptyCounty: () => 'is empty',
  countyIsTotal: (county: string) =>
    `${q(county)} is the name of the total row; give the county another name`,
  notAYear: (given: string) => `${q(given)} is not a year (four digits)`,
  afterDate: (year: number, asOf: string) => `${year} is after the reconciliation date ${asOf}`,
  yearTwice: (county: string, year: number, line: number) =>
    `county ${q(county)} has ${year} twice (also on line ${line})`,
};

// ---------------------------------------------------------------- alerts

export const alerts = {
  noQuarterlyList: (scheme: string) =>
    `scheme ${scheme} has no quarterly alert list (alerts[].quarterly_list in the scheme file)`,
  needsDates: () => "the quarterly list needs each event's date: add a 'date' column (YYYY-MM-DD)",
  otherYear: (date: string, year: number, line: number) =>
    `date ${date} is not in ${year}, the year of line ${line}: the list is of one year's claims`,
  noEvent: () => 'no event in the file: the year of the list is unknown',
};

// ---------------------------------------------------------------- run

/** The figures of a run's plan (src/simulate/resources.ts) that its messages state. */
interface PlanFigures {
  scenarios: number;
  years: number;
  persons: number;
  variants: number;
  threads: number;
  bytes: number;
  heapBytes: number;
  heapLimit: number;
  memoryLimit: number;
  seconds: number;
}

const runShape = (p: PlanFigures) =>
  `${p.scenarios.toLocaleString('en')} scenarios × ${p.years} years × ${p.persons.toLocaleString('en')} persons${p.variants > 1 ? ` × ${p.variants} variants` : ''}`;

export const run = {
  /** a run size given to the library (years, scenarios, persons) that is not a whole number ≥ min */
  wholeNumber: (name: string, min: number, got: number) =>
    `${name} must be a whole number ≥ ${min}, got ${got}`,
  variantDoesNotCover: (
    variant: string,
    baseline: string,
    groups: readonly string[],
    members: readonly string[],
  ) =>
    `variant scheme ${variant} does not cover ${groups.join(', ')}, whom the baseline ${baseline} insures (the variant's members: ${members.join(', ')}): they would be settled by rules that do not apply to them. Compare variants of the same population`,
  doesNotFit: (p: PlanFigures) =>
    `this run would need about ${formatBytes(p.bytes)} of memory, ${formatBytes(p.heapBytes)} of it for the sums of ${runShape(p)} kept until the end; this machine gives ${formatBytes(p.memoryLimit)}, and the heap ${formatBytes(p.heapLimit)} (node --max-old-space-size sets it): give fewer --scenarios or --years`,
  tooLong: (p: PlanFigures, limitSeconds: number) =>
    `this run would take about ${formatDuration(p.seconds)} on ${p.threads} thread${p.threads === 1 ? '' : 's'} (${runShape(p)}); a run estimated over ${formatDuration(limitSeconds)} is refused as a likely slip: give fewer --persons or --scenarios, or --force to run anyway`,
  largeRun: (p: PlanFigures) =>
    `a large run: ${runShape(p)} on ${p.threads} thread${p.threads === 1 ? '' : 's'}; about ${formatBytes(p.bytes)} of memory and about ${formatDuration(p.seconds)}`,
  tooManyWorkers: (workers: number, cores: number) =>
    `--workers ${workers} is more than the ${cores} cores of this machine: threads beyond the cores only add memory (each is a fresh isolate of about 100 MB) and contention; give at most ${cores}, or --force to start them anyway`,
};

// ---------------------------------------------------------------- method

/** `--method mc|large-pool` (docs/large-pool.md): the choice, its refusals, its figures. */
export const method = {
  noClaimsOut: () =>
    `--claims-out writes the persons and events a brute-force run settled; --method large-pool settles a grid instead: give --method mc (or leave --method out) with --claims-out`,
  tooSmall: (persons: number, least: number) =>
    `--method large-pool needs a pool of at least ${least.toLocaleString('en')} insured; this run has ${persons.toLocaleString('en')}: at that size the persons' own randomness is a large part of the risk and a normal sum does not stand for its shape. Use --method mc (brute force) for this pool`,
  tooSkewed: (skewness: number, most: number, persons: number) =>
    `--method large-pool refused: at ${persons.toLocaleString('en')} insured the persons' own randomness would add an estimated skewness of ${skewness.toFixed(3)} to a year's claims, above the ${most} a normal sum may leave out (an uncapped heavy-tailed layer shows here first); the tail measures (VaR, TVaR, P(deficit)) would be understated. Use --method mc (brute force)`,
  chosen: (
    method: 'mc' | 'large-pool',
    given: boolean,
    rule: { persons: number; ratio: number },
  ) =>
    given
      ? `method ${method} (--method)`
      : `method ${method} (chosen by size: large-pool for a pool of at least ${rule.persons.toLocaleString('en')} insured when brute force would settle more than ${rule.ratio} times the grid's person-years; --method mc|large-pool to choose)`,
  grid: (replicates: number, persons: number, personYears: number) =>
    `grid: 3 utilisation × 3 cost factors a year, each settled as ${replicates} replicates of ${persons.toLocaleString('en')} persons (${personYears.toLocaleString('en')} person-years in all)`,
  error: (
    year: number,
    interpolation: number,
    sampling: number,
    samplingToProcess: number,
    processShare: number,
    skewness: number,
  ) =>
    `year ${year}: claims' approximation error — interpolation ≤ ${(interpolation * 100).toFixed(3)}%, grid sampling ${(sampling * 100).toFixed(3)}% (${samplingToProcess.toFixed(2)} × the persons' own randomness of one scenario, which is ${(processShare * 100).toFixed(1)}% of the claims' variance), skewness left out ${skewness.toFixed(3)}`,
};

// ---------------------------------------------------------------- replay

export const replay = {
  noRecord: () =>
    'has no run record (a summary.json or run.json written by yibao simulate, report or candidates has one)',
  badRecord: (field: string) => `the run record's '${field}' is missing or not what yibao writes`,
  notReplayable: (command: string) =>
    `'${command}' is not a command whose run can be replayed (simulate, report, candidates)`,
  inputChanged: (file: string, was: string, now: string) =>
    `${file} has changed since the run (sha256 ${was.slice(0, 12)}… then, ${now.slice(0, 12)}… now): the replay would not be the same run; restore the file, or --force to replay anyway`,
  inputMissing: (file: string) =>
    `${file} is not there any more: the replay would not be the same run; restore it, or --force to replay anyway`,
  otherVersion: (was: string, now: string) =>
    `note: the run was made by yibao ${was}, this is ${now}; the figures may differ`,
  failed: (code: number) => `the replayed command failed (exit status ${code})`,
};

// ---------------------------------------------------------------- notebook

export const notebook = {
  notAFigure: (stated: string) =>
    `assertStated: ${q(stated)} is not a figure like 0.12%, 1,111 or 463.5万`,
  contradicts: (what: string, stated: string, computed: number) =>
    `${what}: the text says ${stated}, the notebook computes ${computed}`,
};

// ---------------------------------------------------------------- pdf

export const pdf = {
  noChromium: (files: string[], given?: string) =>
    `--pdf: no headless Chromium to print report.pdf with (${given ? `YIBAO_CHROMIUM=${q(given)} is not an executable file` : "install Debian's 'chromium', or set YIBAO_CHROMIUM to a Chromium or Chrome executable"}); the other files were written: ${files.join(', ')}`,
  printFailed: (chromium: string, detail: string) =>
    `--pdf: ${chromium} could not print the report (${detail}); the other files were written`,
};
