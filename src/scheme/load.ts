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
import type { FundingKind } from '../fund/rules';
import { FUNDING_UNITS, readRate } from '../fund/units';
import { readYamlFile, type YamlFile } from '../io/yaml-file';
import * as msg from '../messages';
import { SCHEMES_DIR } from '../paths';
import { closest } from '../suggest';
import { normalizeBasic, normalizeScheme } from './normalize';
import { applyOverrides, type NumberReader, type Overrides } from './overrides';
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
    // basic-defaults.yaml is shipped beside the schemes but is not one: not offered
    const known = listSchemeIds();
    throw new YibaoError(msg.scheme.unknown(idOrPath, known, closest(idOrPath, known)));
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
  let message = err.message ?? msg.scheme.notValid();
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    field = field ? `${field}.${extra}` : extra;
    segments.push(extra);
    message = msg.scheme.notAKnownField();
  } else if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    field = field ? `${field}.${missing}` : missing;
    message = msg.scheme.isRequired();
  } else if (err.keyword === 'maximum') {
    message = msg.scheme.atMost((err.params as { limit: number }).limit);
  } else if (err.keyword === 'enum') {
    message = msg.scheme.oneOf((err.params as { allowedValues: unknown[] }).allowedValues);
  }
  throw new YibaoError(message, { file, line: lineOf(segments), field: field || '(top level)' });
}

/**
 * Text overrides of the funding rate are read in the rate's unit, as `--rate` is:
 * `funding.share=8%` is 0.08 of the pool, `funding.amount=60%` is refused (yuan a head).
 */
function fundingRateReader(raw: RawFile, file: string): NumberReader | undefined {
  const kind = raw.funding?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FUNDING_UNITS, kind)) return undefined;
  const field = `funding.${FUNDING_UNITS[kind as FundingKind].field}`;
  return (at, text) =>
    at === field || at === `${field}.value`
      ? readRate(at, text, kind as FundingKind, { file, field: at })
      : undefined;
}

/** Loads a basic-insurance rules file (kind: basic). */
export function loadBasic(idOrPath: string, options: LoadOptions = {}): BasicRules {
  const file = resolveFile(idOrPath);
  const { raw: original, lineOf } = readRaw(file);
  const raw = options.overrides ? applyOverrides(original, options.overrides, file) : original;
  checkSchema(raw, file, lineOf);
  if (raw.kind !== 'basic') {
    throw new YibaoError(msg.scheme.expectedKind('basic', raw.kind), {
      file,
      field: 'kind',
      line: lineOf(['kind']),
    });
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
  const raw = applyOverrides(original, schemeOverrides, file, fundingRateReader(original, file));
  checkSchema(raw, file, lineOf);
  if (raw.kind !== 'scheme') {
    throw new YibaoError(msg.scheme.expectedKind('scheme', raw.kind), {
      file,
      field: 'kind',
      line: lineOf(['kind']),
    });
  }
  const basicRef = raw.basic!;
  const basicFile = /[/\\]|\.ya?ml$/.test(basicRef)
    ? path.resolve(path.dirname(file), basicRef)
    : path.join(SCHEMES_DIR, `${basicRef}.yaml`);
  if (!fs.existsSync(basicFile))
    throw new YibaoError(msg.scheme.noBasicFile(basicRef), {
      file,
      line: lineOf(['basic']),
      field: 'basic',
    });
  const basic = loadBasic(basicFile, { overrides: basicOverrides });
  return normalizeScheme(raw, file, basic, lineOf);
}
