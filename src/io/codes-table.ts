/**
 * The code table of the claims columns (data/codes/claims.yaml): each code with the Chinese
 * labels an extract may use for it. Reading maps a label to its code; writing can use the
 * first label (`--labels zh`).
 *
 *   data/codes/claims.yaml ──load once, check every label names one code──▶ CodeTable
 */
import * as path from 'node:path';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { CATEGORIES, GROUPS, LEVELS, STATUSES } from '../model/codes';
import { PACKAGE_ROOT } from '../paths';
import { readYamlFile } from './yaml-file';

export const CODED_COLUMNS = ['group', 'status', 'category', 'level'] as const;
export type CodedColumn = (typeof CODED_COLUMNS)[number];

const CODES: Record<CodedColumn, readonly (string | number)[]> = {
  group: GROUPS,
  status: STATUSES,
  category: CATEGORIES,
  level: LEVELS,
};

export const CODES_FILE = path.join(PACKAGE_ROOT, 'data', 'codes', 'claims.yaml');

export interface CodeTable {
  /** label (or code) → code, per column */
  toCode: Record<CodedColumn, Map<string, string>>;
  /** code → first Chinese label, per column */
  label: Record<CodedColumn, Map<string, string>>;
}

let cached: CodeTable | null = null;

/** Loads and checks the code table (once). */
export function codeTable(file = CODES_FILE): CodeTable {
  if (cached && file === CODES_FILE) return cached;
  const read = readYamlFile<Record<string, unknown>>(file, 'codes');
  const table: CodeTable = {
    toCode: { group: new Map(), status: new Map(), category: new Map(), level: new Map() },
    label: { group: new Map(), status: new Map(), category: new Map(), level: new Map() },
  };
  for (const column of CODED_COLUMNS) {
    const node = read.raw[column] as Record<string, unknown> | undefined;
    const fail = (at: (string | number)[], message: string): never => {
      throw new YibaoError(message, { file, line: read.lineOf(at), field: at.join('.') });
    };
    if (!node || typeof node !== 'object') fail([column], msg.input.codesNotAMapping());
    for (const code of CODES[column]) table.toCode[column].set(String(code), String(code));
    for (const [code, labels] of Object.entries(node as Record<string, unknown>)) {
      if (!CODES[column].map(String).includes(code))
        fail([column, code], msg.input.notACode(column, CODES[column]));
      if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l.trim() === ''))
        fail([column, code], msg.input.labelsNotAList());
      for (const label of labels as string[]) {
        const other = table.toCode[column].get(label);
        if (other !== undefined && other !== code)
          fail([column, code], msg.input.labelTwice(label, column, other));
        table.toCode[column].set(label, code);
      }
      table.label[column].set(code, (labels as string[])[0]);
    }
  }
  if (file === CODES_FILE) cached = table;
  return table;
}

/** The code of a value as written in an extract (a code or a label); undefined if neither. */
export function codeOf(column: CodedColumn, text: string): string | undefined {
  return codeTable().toCode[column].get(text);
}

/** The first Chinese label of a code (the code itself if it has none). */
export function labelOf(column: CodedColumn, code: string): string {
  return codeTable().label[column].get(code) ?? code;
}
