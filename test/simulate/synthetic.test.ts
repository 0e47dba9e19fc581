/**
 * Simulate is held to the exact engine: the synthetic people and events of chosen
 * scenario-years, written as an `adjudicate` claims CSV and settled again by adjudicate
 * (decimal.js where a rounding is close), give the very totals per layer, and the very
 * out-of-pocket percentiles, that simulate reported for those scenario-years — to the fen.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { adjudicateFile } from '../../src/engine/adjudicate';
import { BLOCK_SIZE } from '../../src/random/stream';
import { loadScheme } from '../../src/scheme/load';
import { summarize } from '../../src/simulate/metrics';
import { prepareRun, resultAt, runVariants } from '../../src/simulate/simulate';
import { syntheticYear, writeSyntheticClaims } from '../../src/simulate/synthetic';

const fen = (yuan: string) => Math.round(Number(yuan) * 100);

/** Adjudicate's output CSV as columns of fen (or flags). */
async function adjudicated(scheme: string, claims: string) {
  let text = '';
  await adjudicateFile(loadScheme(scheme), claims, (tmp) => {
    text = fs.readFileSync(tmp, 'utf8');
  });
  const [header, ...rows] = text.trim().split('\n');
  const columns = header.split(',');
  return { columns, rows: rows.map((r) => r.split(',')) };
}

function typeOneQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(Number((q * sorted.length).toPrecision(15)))) - 1];
}

for (const scheme of ['dazhou-2023', 'huangshan-2022']) {
  describe(`simulate --claims-out, settled by adjudicate (${scheme})`, () => {
    test('per scenario-year: every layer, basic, aid and out-of-pocket to the fen; percentiles', async () => {
      // a block and a bit, one scenario of two years: the summary's percentiles per year
      // are then those of the scenario-year
      const options = { persons: BLOCK_SIZE + 777, scenarios: 1, years: 2, seed: 21, workers: 1 };
      const { runs, info } = await runVariants([scheme], options);
      const run = runs[0];
      const summary = summarize(resultAt(run, info));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-claims-out-'));
      try {
        for (const year of [0, 1]) {
          const file = path.join(dir, `year${year}.csv`);
          const written = writeSyntheticClaims(
            prepareRun([scheme], options),
            [{ scenario: 0, year }],
            file,
          );
          const a = run.agg[0][year];
          assert.equal(written.persons, a.persons);
          assert.equal(written.claimants, a.claimants);
          assert.equal(written.events, a.events);
          const { columns, rows } = await adjudicated(scheme, file);
          assert.equal(rows.length, a.persons, 'one row per person, with or without events');
          const total = (name: string) => {
            const c = columns.indexOf(name);
            return rows.reduce((t, r) => t + fen(r[c]), 0);
          };
          assert.equal(total('total'), a.total, 'total');
          assert.equal(total('basic'), a.basic, 'basic');
          assert.equal(total('aid'), a.aid, 'aid');
          assert.equal(total('oop'), a.oop, 'out-of-pocket');
          run.scheme.layers.forEach((layer, i) => {
            if (layer.tier === 'supplementary')
              assert.equal(total(layer.id), a.layers[i], layer.id);
          });
          const oop = rows.map((r) => fen(r[columns.indexOf('oop')])).sort((x, y) => x - y);
          const { perPerson } = summary.years[year].burden;
          assert.deepEqual(
            [perPerson.p50, perPerson.p90, perPerson.p95, perPerson.p99],
            [0.5, 0.9, 0.95, 0.99].map((q) => typeOneQuantile(oop, q) / 100),
            'out-of-pocket percentiles',
          );
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('syntheticYear', () => {
  test('is the scenario-year simulate settles: the same persons, events and totals', async () => {
    const options = { persons: 30_000, scenarios: 2, years: 2, seed: 4, workers: 1 };
    const year = syntheticYear('ordos-2018', { ...options, scenario: 1, year: 1 });
    const { runs } = await runVariants(['ordos-2018'], options);
    const a = runs[0].agg[1][1];
    assert.equal(year.persons, a.persons);
    assert.equal(year.events.count, a.events);
    let totalFen = 0;
    for (let e = 0; e < year.events.count; e++) {
      totalFen += Math.round(year.events.total[e] * 100);
      if (e > 0) assert.ok(year.events.person[e - 1] <= year.events.person[e], 'sorted by person');
    }
    assert.equal(totalFen, a.total);
  });
});
