/**
 * Overrides of any parameter of a raw scheme or calibration file, from code, the command
 * line or another file: `layers.critical_illness.components.0.bands.0.from=5000`,
 * `funding.share=0.09`.
 *
 *   path=value ──split──▶ segments ──walk own fields (an item by index or id)──▶ target
 *     ──value of the target's type──▶ set; a figure's source becomes `override (origin)`
 *
 * A path reaches only the file's own fields: `__proto__`, `constructor` and `prototype`
 * are refused, so an override can never change Object.prototype or any other shared
 * object. The value must be of the kind the path holds (a number for a figure, true or
 * false, text); a text value (command line) is read as that kind. Setting a figure, or
 * its `value`, records `source: override (<origin>)` and keeps the old value and source in
 * the note, so that explain, `schemes show` and reports say what was changed and by whom.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { closest } from '../suggest';

export type OverrideValue = number | string | boolean;

/** A value as written on the command line or in a file, and where: `--set a.b=5`. */
export interface TextOverride {
  text: string;
  origin: string;
}

/** By path: a value given in code, or a text override with its origin. */
export type Overrides = Record<string, OverrideValue | TextOverride>;

/**
 * Reads the number a text override gives at `path`; undefined leaves it to the plain
 * reading. The scheme loader reads the funding rate in its unit here (`8%`).
 */
export type NumberReader = (path: string, text: string) => number | undefined;

/** Segments that would reach the prototype chain instead of the file's own fields. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain decimal number: no hex, no blanks, no `Infinity`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses `path=value` items (command-line form) into text overrides, each remembering
 * the option that gave it (`--set layers.x.cap=5`).
 */
export function parseOverrideList(items: string[], option = '--set'): Overrides {
  const out: Overrides = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0 || item.slice(0, eq).trim() === '')
      throw new YibaoError(msg.override.notPathValue(item), { field: option });
    const path = item.slice(0, eq).trim();
    out[path] = { text: item.slice(eq + 1).trim(), origin: `${option} ${item.trim()}` };
  }
  return out;
}

function isText(v: OverrideValue | TextOverride): v is TextOverride {
  return typeof v === 'object' && v !== null;
}

/** A figure, flag or choice of the file, with its source. */
interface Param {
  value: OverrideValue;
  source: string;
  note?: string;
  unit?: string;
}

function isParam(x: unknown): x is Param {
  return (
    typeof x === 'object' &&
    x !== null &&
    Object.hasOwn(x, 'value') &&
    ['number', 'boolean', 'string'].includes(typeof (x as Param).value) &&
    Object.hasOwn(x, 'source')
  );
}

/**
 * Applies overrides to a deep copy of `raw` and returns it (`raw` is untouched).
 * `readNumber` reads unit-specific numbers of text overrides (see NumberReader).
 */
export function applyOverrides<T>(
  raw: T,
  overrides: Overrides,
  file: string,
  readNumber?: NumberReader,
): T {
  const copy = structuredClone(raw) as unknown;
  for (const [path, given] of Object.entries(overrides)) {
    const origin = isText(given) ? given.origin : undefined;
    const refuse: Refuse = (why) => {
      throw new YibaoError(msg.override.refused(why, origin), { file, field: path || '(empty)' });
    };
    const segments = path.split('.');
    if (segments.includes('')) refuse(msg.override.emptySegment(path));
    for (const segment of segments)
      if (FORBIDDEN.has(segment)) refuse(msg.override.forbiddenSegment(segment));
    let node: unknown = copy;
    for (const segment of segments.slice(0, -1)) node = step(node, segment, refuse);
    const last = segments[segments.length - 1];
    if (node === null || typeof node !== 'object') refuse(msg.override.notInside(last));
    const container = node as Record<string | number, unknown>;
    const key = Array.isArray(container) ? indexOf(container, last, refuse) : last;
    if (!Object.hasOwn(container, key))
      refuse(msg.override.noSuchField(last, closest(last, Object.keys(container))));
    const target = container[key];
    const read = (current: unknown) => valueAs(current, given, path, refuse, readNumber);
    if (isParam(target)) {
      // a figure: its value, and the figure now cites the override
      container[key] = overridden(target, read(target), origin);
    } else if (key === 'value' && isParam(container)) {
      Object.assign(container, overridden(container, read(container.value), origin));
    } else {
      container[key] = read(target);
    }
  }
  return copy as T;
}

function overridden(param: Param, value: OverrideValue, origin: string | undefined): Param {
  return {
    ...param,
    value,
    source: msg.override.source(origin),
    note: msg.override.wasNote(param.value, param.source),
  };
}

/** Throws the refusal of an override, at its path. */
type Refuse = (why: string) => never;

/** The override's value as the kind of value `target` is, or a refusal saying that kind. */
function valueAs(
  target: unknown,
  given: OverrideValue | TextOverride,
  path: string,
  refuseWhy: Refuse,
  readNumber?: NumberReader,
): OverrideValue {
  const shown = isText(given) ? given.text : given;
  const refuse = (expected: string): never => refuseWhy(msg.override.expected(expected, shown));
  const current = isParam(target) ? target.value : target;
  if (typeof current === 'number') {
    const expected = msg.override.aNumber(isParam(target) ? target.unit : undefined, current);
    if (!isText(given)) return Number.isFinite(given) ? (given as number) : refuse(expected);
    const number = readNumber?.(path, given.text);
    if (number !== undefined) return number;
    return NUMBER.test(given.text) && Number.isFinite(Number(given.text))
      ? Number(given.text)
      : refuse(expected);
  }
  if (typeof current === 'boolean') {
    if (!isText(given)) return typeof given === 'boolean' ? given : refuse(msg.override.aBoolean());
    if (given.text === 'true' || given.text === 'false') return given.text === 'true';
    return refuse(msg.override.aBoolean());
  }
  if (typeof current === 'string') {
    if (!isText(given)) return typeof given === 'string' ? given : refuse(msg.override.aText());
    return given.text;
  }
  // a mapping or a list: only its fields can be set, one at a time
  return refuse(
    msg.override.aFieldBelow(
      current !== null && typeof current === 'object' ? Object.keys(current) : [],
    ),
  );
}

/** One step down the path, through own fields only. */
function step(node: unknown, segment: string, refuse: Refuse): unknown {
  if (node === null || typeof node !== 'object') refuse(msg.override.notInside(segment));
  if (Array.isArray(node)) return node[indexOf(node, segment, refuse)];
  if (!Object.hasOwn(node as object, segment))
    refuse(msg.override.noSuchField(segment, closest(segment, Object.keys(node as object))));
  return (node as Record<string, unknown>)[segment];
}

/** A list item by index or by its `id`. */
function indexOf(list: unknown[], segment: string, refuse: Refuse): number {
  if (/^\d+$/.test(segment) && Number(segment) < list.length) return Number(segment);
  const ids = list.flatMap((item) => {
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : null;
    return typeof id === 'string' ? [id] : [];
  });
  const byId = list.findIndex(
    (item) =>
      item !== null && typeof item === 'object' && (item as { id?: unknown }).id === segment,
  );
  if (byId < 0) refuse(msg.override.noSuchItem(segment, ids));
  return byId;
}
