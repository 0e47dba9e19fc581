/**
 * A year's aggregate as a vector of numbers and back. Every number a YearAggregate holds is
 * a sum over persons (money in fen, counts, bases), so a scenario's aggregate is made as a
 * vector — mean per person × persons + noise — and read back into the same shape. The
 * order is the aggregate's own key order, the same for every aggregate of a run.
 */
import type { YearAggregate } from '../aggregate';

/** Where the funding bases lie: they grow with wages, not with claims. */
export interface VectorShape {
  length: number;
  /** 1 at each `fundingBase` number */
  fundingBase: Uint8Array;
  /** the index of each number at the top level (`persons`, `insured`, …) */
  index: Record<string, number>;
  /** where the insured payments by month lie: [from, to) */
  months: [number, number];
}

type Tree = number | Tree[] | { [key: string]: Tree };

function walk(
  tree: Tree,
  visit: (value: number, key: string, depth: number) => void,
  key = '',
  depth = 0,
): void {
  if (typeof tree === 'number') visit(tree, key, depth);
  else if (Array.isArray(tree)) for (const t of tree) walk(t, visit, key, depth + 1);
  else for (const k of Object.keys(tree)) walk(tree[k], visit, k, depth + 1);
}

export function shapeOf(a: YearAggregate): VectorShape {
  const marks: number[] = [];
  const index: Record<string, number> = {};
  const months: [number, number] = [0, 0];
  walk(a as unknown as Tree, (_, key, depth) => {
    if (depth === 1) index[key] = marks.length;
    if (key === 'monthlyInsured' && depth === 2) {
      if (months[1] === 0) months[0] = marks.length;
      months[1] = marks.length + 1;
    }
    marks.push(key === 'fundingBase' ? 1 : 0);
  });
  return { length: marks.length, fundingBase: Uint8Array.from(marks), index, months };
}

/** The aggregate's numbers, in order, into `out` at `at`. */
export function toVector(a: YearAggregate, out: Float64Array, at = 0): void {
  let i = at;
  walk(a as unknown as Tree, (v) => {
    out[i++] = v;
  });
}

/** An aggregate of the shape of `template` with the numbers of `values` from `at`. */
export function fromVector(
  template: YearAggregate,
  values: ArrayLike<number>,
  at = 0,
): YearAggregate {
  let i = at;
  const build = (t: Tree): Tree => {
    if (typeof t === 'number') return values[i++];
    if (Array.isArray(t)) return t.map(build);
    const o: { [key: string]: Tree } = {};
    for (const k of Object.keys(t)) o[k] = build(t[k]);
    return o;
  };
  return build(template as unknown as Tree) as unknown as YearAggregate;
}
