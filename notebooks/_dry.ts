import * as yibao from '../dist';
async function main() {

const lpSize = { persons: 300000, scenarios: 100, years: 3, seed: 1 };
const lpMc = await yibao.runByMethod(['guiyang-2023'], { ...lpSize, method: 'mc' });
const lpLp = await yibao.runByMethod(['guiyang-2023'], { ...lpSize, method: 'large-pool' });
// the same scenario factors in both methods, scenario by scenario
if (JSON.stringify(lpMc.info.paths) !== JSON.stringify(lpLp.info.paths)) throw new Error('the two methods ran different scenarios');
const lpMcResult = yibao.resultAt(lpMc.runs[0], lpMc.info);
const lpLpResult = yibao.resultAt(lpLp.runs[0], lpLp.info);
const lpAgreement = yibao.agreement(lpMcResult, lpLpResult);
console.table(
  lpAgreement.checks.map((c) => ({
    check: c.name,
    year: c.year ?? 'all',
    mc: c.mc,
    large_pool: c.largePool,
    difference: c.difference,
    tolerance: c.tolerance,
    holds: c.holds,
  })),
);
const lpFailed = lpAgreement.checks.filter((c) => !c.holds);
`${lpAgreement.checks.length} checks, ${lpFailed.length} failed; brute force ${lpMc.info.seconds.toFixed(0)} s, large-pool ${lpLp.info.seconds.toFixed(0)} s`;

if (lpFailed.length !== 0) throw new Error(`checks failed: ${JSON.stringify(lpFailed)}`);
const lpLast = lpSize.years - 1;
const lpPairs = lpMcResult.outcomes.map((o, s) => ({
  mc: o[lpLast].lossRatio!,
  large_pool: lpLpResult.outcomes[s][lpLast].lossRatio!,
}));
void ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: 'Final-year loss ratio per scenario: large-pool against brute force, same scenarios',
  width: 420,
  height: 360,
  background: 'white',
  layer: [
    {
      data: { values: [{ x: 0.35, y: 0.35 }, { x: 0.75, y: 0.75 }] },
      mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    },
    {
      data: { values: lpPairs },
      mark: { type: 'point', filled: true, size: 22 },
      encoding: {
        x: { field: 'mc', type: 'quantitative', title: 'brute force', scale: { zero: false } },
        y: { field: 'large_pool', type: 'quantitative', title: 'large-pool', scale: { zero: false } },
      },
    },
  ],
} as any);
const lpErrors = lpLp.info.method!.largePool!.errors;
console.table(lpErrors.map((e) => ({ year: e.year, process_share: e.processShare, own_skewness: e.ownSkewness, skewness_left_out: e.skewness, grid_sampling: e.sampling, sampling_to_process: e.samplingToProcess, interpolation: e.interpolation })));

const lpYear = lpErrors[lpLast];
const lpK = (1 / lpYear.processShare - 1) / lpSize.persons;
const lpGamma1 = lpYear.ownSkewness * Math.sqrt(lpSize.persons);
const lpAt = (n: number) => {
  const share = 1 / (1 + n * lpK);
  const grid = lpLp.info.method!.largePool!;
  const toProcess = Math.sqrt(n / (grid.replicates * grid.personsPerReplicate));
  return {
    insured: n,
    process_share: share,
    skewness_left_out: (lpGamma1 / Math.sqrt(n)) * share ** 1.5,
    // the grid's error relative to the whole spread of the year's claims over the scenarios
    grid_error_over_spread: toProcess * Math.sqrt(share),
  };
};
const lpScaling = [100000, 300000, 1000000, 4000000, 40000000].map(lpAt);
console.table(lpScaling);
const lpStated = { share4m: lpAt(4000000).process_share, share100k: lpAt(100000).process_share, grid4m: lpAt(4000000).grid_error_over_spread };
lpStated;

let lpRefusal = '';
try {
  await yibao.runByMethod(['guiyang-2023'], { persons: 50000, scenarios: 10, years: 1, method: 'large-pool' });
} catch (e) {
  lpRefusal = (e as Error).message;
}
if (!/at least 100,000 insured/.test(lpRefusal)) throw new Error(`expected a refusal, got '${lpRefusal}'`);
lpRefusal;

console.log(JSON.stringify(lpStated), JSON.stringify(lpScaling), JSON.stringify(lpErrors));
}
main();
