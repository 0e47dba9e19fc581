/**
 * Every figure of a scheme or calibration file — a `{ value, source }` param — with its
 * dotted path, found by walking the file as read. What `yibao schemes show` lists and what
 * the report's assumption tables are made of.
 */
import type { Param } from './types';

export interface ListedParam extends Omit<Param, 'value'> {
  /** a number, a flag (true/false) or a choice (e.g. profit_cap.excess), as written */
  value: Param['value'] | boolean | string;
  /** dotted path; an array item is named by its `id` where it has one, else its index */
  path: string;
}

/** Every param in a tree, in file order, each with its path under `prefix`. */
export function listParams(prefix: string, node: unknown): ListedParam[] {
  const out: ListedParam[] = [];
  const walk = (n: unknown, at: string) => {
    if (!n || typeof n !== 'object') return;
    const obj = n as Record<string, unknown>;
    // a number, a flag or a choice, with its source
    if (obj.value !== undefined && typeof obj.source === 'string') {
      const p = obj as unknown as ListedParam;
      out.push({ path: at, value: p.value, unit: p.unit, source: p.source, note: p.note });
      return;
    }
    for (const [k, v] of Object.entries(obj)) {
      const id = (v as { id?: unknown })?.id;
      walk(v, at ? `${at}.${typeof id === 'string' ? id : k}` : k);
    }
  };
  walk(node, prefix);
  return out;
}

/** Whether a run changed the param from its file: its source reads `override (origin)`. */
export const isOverridden = (p: { source: string }) => p.source.startsWith('override');

/** Whether a param's source says no publication gave it: an assumption, or an override. */
export const isAssumed = (p: { source: string }) => p.source === 'assumption' || isOverridden(p);
