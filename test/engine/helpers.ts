import * as path from 'node:path';
import { type PersonYear, settlePersonYear } from '../../src/engine/settle';
import { loadScheme } from '../../src/scheme/load';
import type { Overrides } from '../../src/scheme/overrides';
import type { Scheme } from '../../src/scheme/types';

/** The basic-insurance rules the hand-worked cases were worked with (see the file). */
export const WORKED_BASIC = path.join(__dirname, '..', 'fixtures', 'basic-worked-examples.yaml');

/** A scheme with the hand-worked cases' basic rules, and any other overrides. */
export function workedScheme(idOrPath: string, overrides: Overrides = {}): Scheme {
  return loadScheme(idOrPath, { overrides: { basic: WORKED_BASIC, ...overrides } });
}

const cache = new Map<string, Scheme>();

export function scheme(id: string): Scheme {
  if (!cache.has(id)) cache.set(id, workedScheme(id));
  return cache.get(id)!;
}

/** Settles and returns every output amount as a two-decimal string, for exact comparisons. */
export function settled(idOrScheme: string | Scheme, person: PersonYear) {
  const s = typeof idOrScheme === 'string' ? scheme(idOrScheme) : idOrScheme;
  const result = settlePersonYear(s, person, { explain: true });
  const layers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.layers)) layers[k] = v.toFixed(2);
  return {
    total: result.total.toFixed(2),
    basic: result.basic.toFixed(2),
    layers,
    aid: result.aid.toFixed(2),
    oop: result.oop.toFixed(2),
    alerts: result.alerts,
    perEvent: result.events.map((e) => ({
      basic: e.basic.toFixed(2),
      paid: e.paid.map((p) => p.toFixed(2)),
    })),
    steps: result.steps,
  };
}
