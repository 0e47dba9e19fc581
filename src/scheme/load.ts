/**
 * Loading a scheme:
 *
 *   file (id or path) ──read YAML──▶ raw ──overrides──▶ raw' ──schema──▶ valid raw
 *     ──resolve `basic`, parse bases, masks──▶ Scheme
 *
 * Every refusal names the file, the line and the field path.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import { YibaoError } from '../errors';
import { readYamlFile, type YamlFile } from '../io/yaml-file';
import { MAX_AMOUNT_YUAN } from '../model/limits';
import { SCHEMES_DIR } from '../paths';
import { normalizeBasic, normalizeScheme } from './normalize';
import { applyOverrides, type Overrides } from './overrides';
import type { BasicRules, RawFile, Scheme } from './types';

export interface LoadOptions {
  /** parameter overrides, applied before validation (see ./overrides) */
  overrides?: Overrides;
}

type Validator = ((raw: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

/**
 * The schema's validator: the one compiled at build time (scripts/compile-schema.mjs) while
 * the schema file is the one it was built from, else compiled now (running from src/, or
 * after an edit of the schema).
 */
function schemaValidator(): Validator {
  const text = fs.readFileSync(path.join(SCHEMES_DIR, 'scheme.schema.json'), 'utf8');
  const prebuilt = path.join(__dirname, 'scheme-validator.js');
  if (fs.existsSync(prebuilt)) {
    const compiled = require(prebuilt) as Validator & { schemaHash: string };
    if (compiled.schemaHash === createHash('sha256').update(text).digest('hex')) return compiled;
  }
  // loaded here, not at the top: with the prebuilt validator, ajv is not needed at all
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(text)) as Validator;
}

function validate(raw: unknown): boolean {
  validator ??= schemaValidator();
  return validator(raw);
}

/** The ids of the schemes shipped in data/schemes (kind: scheme). */
export function listSchemeIds(): string[] {
  return fs
    .readdirSync(SCHEMES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .filter((id) => readRaw(resolveFile(id)).raw.kind === 'scheme')
    .sort();
}

/** A shipped id (`dazhou-2023`) or a path to a YAML file. */
export function resolveFile(idOrPath: string): string {
  if (/[/\\]|\.ya?ml$/.test(idOrPath)) return path.resolve(idOrPath);
  const file = path.join(SCHEMES_DIR, `${idOrPath}.yaml`);
  if (!fs.existsSync(file)) {
    const known = fs
      .readdirSync(SCHEMES_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    throw new YibaoError(
      `unknown scheme '${idOrPath}' (known: ${known.join(', ')}; or give a path to a .yaml file)`,
    );
  }
  return file;
}

function readRaw(file: string): YamlFile<RawFile> {
  return readYamlFile<RawFile>(file, 'scheme');
}

function checkSchema(raw: unknown, file: string, lineOf: YamlFile<RawFile>['lineOf']): void {
  if (validate(raw)) return;
  const err = (validator!.errors ?? [])[0] as ErrorObject;
  const segments = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  let field = segments.join('.');
  let message = err.message ?? 'is not valid';
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    field = field ? `${field}.${extra}` : extra;
    segments.push(extra);
    message = 'is not a known field';
  } else if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    field = field ? `${field}.${missing}` : missing;
    message = 'is required';
  } else if (err.keyword === 'maximum') {
    const limit = (err.params as { limit: number }).limit;
    message = `must be at most ${limit.toLocaleString('en')}${limit === MAX_AMOUNT_YUAN ? ' (10^12, the largest amount accepted)' : ''}`;
  } else if (err.keyword === 'enum') {
    message = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  throw new YibaoError(message, { file, line: lineOf(segments), field: field || '(top level)' });
}

/** Loads a basic-insurance rules file (kind: basic). */
export function loadBasic(idOrPath: string, options: LoadOptions = {}): BasicRules {
  const file = resolveFile(idOrPath);
  const { raw: original, lineOf } = readRaw(file);
  const raw = options.overrides ? applyOverrides(original, options.overrides, file) : original;
  checkSchema(raw, file, lineOf);
  if (raw.kind !== 'basic') {
    throw new YibaoError(
      `expected a basic-insurance rules file (kind: basic), found kind: ${raw.kind}`,
      {
        file,
        field: 'kind',
        line: lineOf(['kind']),
      },
    );
  }
  return normalizeBasic(raw, file, lineOf);
}

/**
 * Loads a scheme by id (`dazhou-2023`) or path, with optional overrides.
 *
 * @example
 * const scheme = loadScheme('guiyang-2023', {
 *   overrides: { 'layers.critical_illness.components.0.bands.0.from': 5000 },
 * });
 */
export function loadScheme(idOrPath: string, options: LoadOptions = {}): Scheme {
  const file = resolveFile(idOrPath);
  const { raw: original, lineOf } = readRaw(file);
  const schemeOverrides: Overrides = {};
  const basicOverrides: Overrides = {};
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (key.startsWith('basic.')) basicOverrides[key.slice('basic.'.length)] = value;
    else schemeOverrides[key] = value;
  }
  const raw = applyOverrides(original, schemeOverrides, file);
  checkSchema(raw, file, lineOf);
  if (raw.kind !== 'scheme') {
    throw new YibaoError(`expected a scheme file (kind: scheme), found kind: ${raw.kind}`, {
      file,
      field: 'kind',
      line: lineOf(['kind']),
    });
  }
  const basicRef = raw.basic!;
  const basicFile = /[/\\]|\.ya?ml$/.test(basicRef)
    ? path.resolve(path.dirname(file), basicRef)
    : basicRef;
  const basic = loadBasic(basicFile, { overrides: basicOverrides });
  return normalizeScheme(raw, file, basic, lineOf);
}
