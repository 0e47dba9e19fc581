/**
 * The claims generator draws only the persons with events (geometric gaps between
 * candidates, each kept with its own chance), yet every person's count must have the
 * distribution of an independent per-person draw: checked per group (different chances,
 * so the thinning is exercised) by chi-squared against the negative binomial, Poisson and
 * prevalence pmfs; and the events of a claimant come grouped and in date order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as ss from 'simple-statistics';
import {
  type CategoryTables,
  ClaimsDrawer,
  NEGATIVE_BINOMIAL,
  POISSON,
  PREVALENCE,
} from '../../src/generate/claims';
import { MAX_AGE, PopulationBlock } from '../../src/generate/population';
import { BLOCK_SIZE, createStream } from '../../src/random/stream';

const chiSquaredCritical = ss.chiSquaredDistributionTable as unknown as Record<
  number,
  Record<number, number>
>;

/** A category whose rate is the same at every age; `rates` by group. */
function category(kind: number, rates: number[], extra: Partial<CategoryTables> = {}) {
  return {
    category: 0,
    kind,
    dispersion: 0.8,
    fixedEvents: 4,
    bands: 1,
    bandOfAge: new Uint8Array(MAX_AGE + 1),
    rate: Float64Array.from(rates),
    costMu: Float64Array.from([8, 8, 8]),
    costSigma: 1,
    levels: Uint8Array.from([2, 3]),
    levelBelow: Float64Array.from([2 ** 31, 2 ** 32]),
    levelFactor: Float64Array.from([0.8, 1.2]),
    scopeMean: 0.9,
    scopeSd: 0.05,
    excludedShare: 0.3,
    cancerBelow: 0,
    cancerMu: 0,
    cancerSigma: 0,
    ...extra,
  } satisfies CategoryTables;
}

/** Blocks whose persons alternate between groups 0 and 2 (group 1 is absent). */
function population(): PopulationBlock {
  const pop = new PopulationBlock();
  for (let i = 0; i < BLOCK_SIZE; i++) pop.group[i] = i % 2 === 0 ? 0 : 2;
  pop.size = BLOCK_SIZE;
  return pop;
}

function pmf(t: CategoryTables, m: number, k: number): number {
  if (t.kind === PREVALENCE) return k === 0 ? 1 - m : k === t.fixedEvents ? m : 0;
  if (t.kind === POISSON) {
    let p = Math.exp(-m);
    for (let i = 1; i <= k; i++) p *= m / i;
    return p;
  }
  const r = t.dispersion;
  let p = (r / (r + m)) ** r;
  for (let i = 1; i <= k; i++) p *= ((i - 1 + r) / i) * (m / (r + m));
  return p;
}

/** Per group, the number of persons with each count, over `blocks` blocks. */
function countsByGroup(t: CategoryTables, frequency: number, blocks: number) {
  const drawer = new ClaimsDrawer(
    { categories: [t], usesAge: false },
    [true, false, true],
    BLOCK_SIZE,
  );
  const pop = population();
  const counts = [new Map<number, number>(), new Map<number, number>()];
  for (let b = 0; b < blocks; b++) {
    const s = createStream(5, 'claims-test', 0, 0, b);
    drawer.draw(pop, BLOCK_SIZE, 0, { frequency, cost: 1 }, [s]);
    const perClaimant = new Uint32Array(drawer.claimants);
    const ev = drawer.events;
    for (let e = 0; e < ev.count; e++) {
      const j = ev.person[e];
      assert.ok(e === 0 || ev.person[e - 1] <= j, 'events grouped by claimant');
      if (e > 0 && ev.person[e - 1] === j) assert.ok(ev.month[e - 1] <= ev.month[e], 'by month');
      perClaimant[j]++;
    }
    for (let j = 0; j < drawer.claimants; j++) {
      const g = pop.group[drawer.claimant[j]] === 0 ? 0 : 1;
      counts[g].set(perClaimant[j], (counts[g].get(perClaimant[j]) ?? 0) + 1);
    }
    const claimants = drawer.claimants;
    const persons = [BLOCK_SIZE / 2, BLOCK_SIZE / 2];
    for (let j = 0; j < claimants; j++) persons[pop.group[drawer.claimant[j]] === 0 ? 0 : 1]--;
    counts[0].set(0, (counts[0].get(0) ?? 0) + persons[0]);
    counts[1].set(0, (counts[1].get(0) ?? 0) + persons[1]);
  }
  return counts;
}

/** Chi-squared of observed counts against the pmf, cells 0..cells-2 and a tail cell. */
function chiSquared(observed: Map<number, number>, t: CategoryTables, m: number, cells: number) {
  const n = [...observed.values()].reduce((a, b) => a + b, 0);
  let stat = 0;
  let tail = 1;
  for (let k = 0; k < cells; k++) {
    let o = observed.get(k) ?? 0;
    let p = pmf(t, m, k);
    if (k === cells - 1) {
      p = tail;
      for (const [c, x] of observed) if (c > k) o += x;
    }
    tail -= p;
    if (p * n < 1) continue;
    stat += (o - p * n) ** 2 / (p * n);
  }
  return stat;
}

describe('generate/claims: only claimants drawn, each person with the per-person distribution', () => {
  for (const [name, kind, rates, cells] of [
    ['negative binomial (dispersion 0.8)', NEGATIVE_BINOMIAL, [0.4, 0, 1.3], 8],
    ['Poisson', POISSON, [0.15, 0, 0.9], 6],
    ['prevalence × 4 events', PREVALENCE, [0.02, 0, 0.2], 6],
  ] as const) {
    test(`${name}: counts by group against the pmf (chi-squared, 0.5%)`, () => {
      const t = category(kind, [...rates]);
      const frequency = 1.07;
      const counts = countsByGroup(t, frequency, 12);
      for (const [g, rate] of [
        [0, rates[0]],
        [1, rates[2]],
      ] as const) {
        const stat = chiSquared(counts[g], t, rate * frequency, cells);
        assert.ok(
          stat < chiSquaredCritical[cells - 1][0.005],
          `group ${g}: chi-squared ${stat.toFixed(1)} ≥ ${chiSquaredCritical[cells - 1][0.005]}`,
        );
      }
    });
  }

  test('the same stream gives the same claims, and a person does not depend on later ones', () => {
    const t = category(NEGATIVE_BINOMIAL, [0.4, 0, 1.3]);
    const model = { categories: [t], usesAge: false };
    const pop = population();
    const draw = (count: number) => {
      const d = new ClaimsDrawer(model, [true, false, true], BLOCK_SIZE);
      d.draw(pop, count, 0, { frequency: 1, cost: 1 }, [createStream(9, 'claims-test')]);
      return d;
    };
    const whole = draw(BLOCK_SIZE);
    const part = draw(30_000);
    // the claimants below 30,000 are the same persons with the same counts
    const first = Array.from(whole.claimant.subarray(0, whole.claimants)).filter((i) => i < 30_000);
    assert.deepEqual(Array.from(part.claimant.subarray(0, part.claimants)), first);
    assert.deepEqual(
      Array.from(draw(BLOCK_SIZE).events.total.subarray(0, whole.events.count)),
      Array.from(whole.events.total.subarray(0, whole.events.count)),
    );
  });

  test("each event's cost follows its own claimant's group, whatever order claimants are found in", () => {
    // category 0 finds only group-2 persons first; category 1's claimants of group 0 then
    // come after them in claimant order, though earlier in person order
    const first = category(POISSON, [0, 0, 0.6], {
      costSigma: 0.2,
      levels: Uint8Array.from([3]),
      levelBelow: Float64Array.from([2 ** 32]),
      levelFactor: Float64Array.from([1]),
    });
    const second = {
      ...category(POISSON, [0.4, 0, 0.4]),
      category: 1,
      costMu: Float64Array.from([7, 8, 9]),
      costSigma: 0.2,
      levels: Uint8Array.from([3]),
      levelBelow: Float64Array.from([2 ** 32]),
      levelFactor: Float64Array.from([1]),
    };
    const d = new ClaimsDrawer(
      { categories: [first, second], usesAge: false },
      [true, false, true],
      BLOCK_SIZE,
    );
    const pop = population();
    const sums = [0, 0, 0];
    const counts = [0, 0, 0];
    d.draw(pop, BLOCK_SIZE, 0, { frequency: 1, cost: 1 }, [
      createStream(1, 'a'),
      createStream(1, 'b'),
    ]);
    const ev = d.events;
    for (let e = 0; e < ev.count; e++) {
      if (ev.category[e] !== 1) continue;
      const g = pop.group[d.claimant[ev.person[e]]];
      sums[g] += Math.log(ev.total[e]);
      counts[g]++;
    }
    for (const g of [0, 2]) {
      const mean = sums[g] / counts[g];
      assert.ok(Math.abs(mean - second.costMu[g]) < 0.01, `group ${g}: mean log cost ${mean}`);
    }
  });

  test('amounts are whole fen, scope within total, excluded within the rest', () => {
    const t = category(POISSON, [0.5, 0, 0.5], {
      cancerBelow: 2 ** 31,
      cancerMu: 9,
      cancerSigma: 0.5,
    });
    const d = new ClaimsDrawer(
      { categories: [t], usesAge: false },
      [true, false, true],
      BLOCK_SIZE,
    );
    d.draw(population(), BLOCK_SIZE, 0, { frequency: 1, cost: 1.1 }, [createStream(3, 'amounts')]);
    const ev = d.events;
    let cancer = 0;
    for (let e = 0; e < ev.count; e++) {
      for (const x of [ev.total[e], ev.scope[e], ev.excluded[e], ev.cancerDrugOoc[e]])
        assert.equal(Math.round(x * 100), Math.round(x * 100 * 1e6) / 1e6, 'whole fen');
      assert.ok(ev.total[e] >= 0.01 && ev.scope[e] <= ev.total[e]);
      assert.ok(ev.excluded[e] <= ev.total[e] - ev.scope[e] + 1e-9);
      assert.ok([2, 3].includes(ev.level[e]));
      if (ev.cancerDrugOoc[e] > 0) cancer++;
    }
    assert.ok(Math.abs(cancer / ev.count - 0.5) < 0.02, `cancer drug share ${cancer / ev.count}`);
  });
});
