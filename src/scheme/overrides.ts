/**
 * Overrides of any parameter of a raw scheme file, from code or the command line:
 * `layers.critical_illness.components.0.bands.0.from=5000`, `funding.share=0.09`.
 * A path segment selects an array item by index or by its `id`. Setting a value (a number,
 * true/false, a choice) on a param replaces its value and records `source: override` (the
 * old value and source are kept in the note), so reports show what was changed.
 */
import { YibaoError } from '../errors';

export type Overrides = Record<string, number | string | boolean>;

/** Parses `a.b.c=value` strings (CLI form) into an Overrides object. */
export function parseOverrideList(items: string[]): Overrides {
  const out: Overrides = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new YibaoError(`override '${item}' is not of the form path=value`, {
        field: 'override',
      });
    }
    const key = item.slice(0, eq).trim();
    const text = item.slice(eq + 1).trim();
    const num = Number(text);
    out[key] =
      text === 'true'
        ? true
        : text === 'false'
          ? false
          : text !== '' && Number.isFinite(num)
            ? num
            : text;
  }
  return out;
}

/** Applies overrides to a deep copy of `raw` and returns it. */
export function applyOverrides<T>(raw: T, overrides: Overrides, file: string): T {
  const copy = structuredClone(raw) as unknown;
  for (const [path, value] of Object.entries(overrides)) {
    const segments = path.split('.');
    let node: unknown = copy;
    for (let i = 0; i < segments.length - 1; i++) {
      node = step(node, segments[i], path, file);
    }
    const last = segments[segments.length - 1];
    const container = node as Record<string, unknown>;
    if (container === null || typeof container !== 'object') {
      throw new YibaoError(`cannot override '${path}': its parent is not an object`, {
        file,
        field: path,
      });
    }
    const key = Array.isArray(container) ? indexOf(container, last, path, file) : last;
    const target = (container as Record<string | number, unknown>)[key];
    // a number, a flag or a choice replaces a param's value (the schema then checks its type)
    if (isParam(target)) {
      const before = `${target.value} (${target.source})`;
      (container as Record<string | number, unknown>)[key] = {
        ...target,
        value,
        source: 'override',
        note: `overridden; was ${before}`,
      };
    } else if (target === undefined && !(last in container)) {
      throw new YibaoError(`cannot override '${path}': no such parameter`, { file, field: path });
    } else {
      (container as Record<string | number, unknown>)[key] = value;
    }
  }
  return copy as T;
}

function isParam(x: unknown): x is { value: unknown; source: string } {
  return typeof x === 'object' && x !== null && 'value' in x && 'source' in x;
}

function step(node: unknown, segment: string, path: string, file: string): unknown {
  if (node === null || typeof node !== 'object') {
    throw new YibaoError(`cannot override '${path}': '${segment}' is not inside an object`, {
      file,
      field: path,
    });
  }
  if (Array.isArray(node)) return node[indexOf(node, segment, path, file)];
  const next = (node as Record<string, unknown>)[segment];
  if (next === undefined) {
    throw new YibaoError(`cannot override '${path}': no '${segment}' here`, { file, field: path });
  }
  return next;
}

function indexOf(list: unknown[], segment: string, path: string, file: string): number {
  if (/^\d+$/.test(segment) && Number(segment) < list.length) return Number(segment);
  const byId = list.findIndex(
    (item) =>
      typeof item === 'object' && item !== null && (item as { id?: unknown }).id === segment,
  );
  if (byId < 0) {
    throw new YibaoError(`cannot override '${path}': no item '${segment}' in the list`, {
      file,
      field: path,
    });
  }
  return byId;
}
