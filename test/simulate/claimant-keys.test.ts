/**
 * A claimant's cost band: the last band whose lower edge is at most the year's total cost
 * (edges ascend from 0), found by ClaimantKeys from the bottom; checked against the plain
 * definition on totals at, just below and between the edges.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimsDrawer } from '../../src/generate/claims';
import type { PopulationBlock } from '../../src/generate/population';
import { ClaimantKeys } from '../../src/simulate/aggregate';

test('each claimant gets the last cost band whose edge is at most its total, and its row in that band', () => {
  const edges = Float64Array.from([0, 1000, 5000, 20000, 50000, 100000, 300000], (y) => y * 100);
  const totals: number[] = [];
  for (const e of edges) totals.push(e, e - 1, e + 1, e * 1.5 + 3);
  totals.push(0, 1, 1e12);
  const J = totals.length;
  const claimant = Uint32Array.from({ length: J }, (_, j) => J - 1 - j);
  const combo = Uint16Array.from({ length: J }, (_, i) => (i * 7) % 13);
  const pop = {
    combo,
    baseFen: new Float64Array(J),
    capacityToPay: new Float64Array(J),
    consumption: new Float64Array(J),
  } as unknown as PopulationBlock;
  const claims = { claimants: J, claimant } as unknown as ClaimsDrawer;
  const keys = new ClaimantKeys().gather(claims, pop, Float64Array.from(totals), edges);
  for (let j = 0; j < J; j++) {
    const total = Math.max(totals[j], 0);
    let band = 0;
    for (let b = 0; b < edges.length; b++) if (edges[b] <= total) band = b;
    assert.equal(keys.row[j], combo[claimant[j]] * edges.length + band, `total ${totals[j]} fen`);
  }
});
