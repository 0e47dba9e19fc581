import { type PersonYear, settlePersonYear } from '../../src/engine/settle';
import { loadScheme } from '../../src/scheme/load';
import type { Scheme } from '../../src/scheme/types';

const cache = new Map<string, Scheme>();

export function scheme(id: string): Scheme {
  if (!cache.has(id)) cache.set(id, loadScheme(id));
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
