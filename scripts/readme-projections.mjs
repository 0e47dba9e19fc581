#!/usr/bin/env node
/**
 * The README's "Projections of the seed schemes", computed: each seed scheme on its whole
 * insured pool (its file's population block) by the large-pool method, 1,000 scenarios ×
 * 3 years, seed 1, through the built command line. Prints the section; with --write,
 * replaces it in README.md between its markers; with --check, requires the README's text,
 * every cell and every sentence with a figure, to equal what it would write (the timings
 * line aside), and names the first line that differs (test/readme-projections.test.ts).
 *
 * The words are decided here from the numbers (verdictOf, movedSentence), so a text that
 * contradicts its table cannot be written.
 *
 *   npm run build && node scripts/readme-projections.mjs [--write | --check] [--keep DIR | --from DIR]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(ROOT, 'README.md');
const BEGIN = '<!-- projections: begin (node scripts/readme-projections.mjs --write) -->';
const TIMINGS = '<!-- projections: timings (not checked) -->';
const END = '<!-- projections: end -->';

const SCHEMES = ['dazhou-2023', 'guiyang-2023', 'jiaozuo-2022', 'ordos-2018', 'huangshan-2022'];
const SCENARIOS = 1000;
const YEARS = 3;
const SEED = 1;
/** insured persons of each scheme in the table this one replaces */
const SAMPLE = 50_000;

/** The command of one scheme's projection (the pool's size is the scheme's own). */
function commandOf(scheme) {
  return [
    'simulate',
    '--scheme',
    scheme,
    '--scenarios',
    String(SCENARIOS),
    '--years',
    String(YEARS),
    '--seed',
    String(SEED),
    '--method',
    'large-pool',
    '--json',
  ];
}

/**
 * The table before the move to the real pools (README at commit f06f331): brute force on
 * 50,000 insured, 1,000 scenarios × 3 years, seed 1. Loss ratios and P(deficit) in per
 * cent, out-of-pocket in yuan per person, as that table printed them.
 */
const BEFORE = {
  'dazhou-2023': { y3: 42.0, y3p05: 30.0, y3p95: 56.3, deficit: 0.0, oop: 2075 },
  'guiyang-2023': { y3: 60.5, y3p05: 49.0, y3p95: 74.9, deficit: 0.0, oop: 1383 },
  'jiaozuo-2022': { y3: 77.7, y3p05: 53.2, y3p95: 107.1, deficit: 10.8, oop: 2086 },
  'ordos-2018': { y3: 97.9, y3p05: 79.0, y3p95: 123.9, deficit: 20.9, oop: 2027 },
  'huangshan-2022': { y3: 52.5, y3p05: 35.3, y3p95: 76.8, deficit: 0.2, oop: 1606 },
};

/** Runs one scheme's projection with the bench's probe (wall time, peak RSS). */
function runProjection(scheme) {
  const r = spawnSync(
    process.execPath,
    [
      '-r',
      path.join(ROOT, 'bench', 'probe.cjs'),
      path.join(ROOT, 'bin', 'yibao.js'),
      ...commandOf(scheme),
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0)
    throw new Error(`yibao ${commandOf(scheme).join(' ')}: exit ${r.status}\n${r.stderr}`);
  const probe = /^probe (.*)$/m.exec(r.stderr);
  return {
    result: JSON.parse(r.stdout),
    wallSeconds: probe ? JSON.parse(probe[1]).wall_seconds : Number.NaN,
    peakRssMb: probe ? JSON.parse(probe[1]).peak_rss_mb : Number.NaN,
  };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const pctNumber = (x) => Number((100 * x).toFixed(1));
const grouped = (x) => Math.round(x).toLocaleString('en-US');
const wan = (yuan) => (Math.round(yuan / 10000) === 0 ? '0' : `${grouped(yuan / 10000)}万`);
const range = (a, b) => `${(100 * a).toFixed(1)}–${(100 * b).toFixed(1)}%`;
const persons = (n) => n.toLocaleString('en-US');

/** Whether the scheme file gives its funding figure as an assumption. */
function fundingAssumed(result) {
  const scheme = YAML.parse(fs.readFileSync(result.run.schemes[0].file, 'utf8'));
  const f = scheme.funding;
  return [f.rate, f.share, f.amount].some((v) => v && v.source === 'assumption');
}

/** The rate in the words of its unit. */
function rateOf(result) {
  const assumed = fundingAssumed(result) ? ' (assumed)' : '';
  const trimmed = (x) => String(Number((100 * x).toFixed(4)));
  switch (result.rateLabel) {
    case 'share of the contribution base':
      return `${trimmed(result.rate)}% of payroll${assumed}`;
    case 'share of the resident pool':
      return `${trimmed(result.rate)}% of the pool${assumed}`;
    case 'yuan per head per year':
      return `${result.rate} yuan a head${assumed}`;
    default:
      throw new Error(`no words for the rate unit '${result.rateLabel}'`);
  }
}

/** The large-pool method's printed error of the final year. */
const lastError = (r) => r.method.largePool.errors[r.method.largePool.errors.length - 1];

/**
 * The rate's verdict, by a rule stated in the section: ample when no more than 1% of the
 * scenarios have a deficit in some year and the year-3 loss ratio stays under 90% in 95%
 * of them; tight when 5% or more have a deficit; adequate in between.
 */
function verdictOf(result) {
  const last = result.years[result.years.length - 1];
  if (result.deficitAnyTime <= 0.01 && last.lossRatio.p95 < 0.9) return 'ample';
  if (result.deficitAnyTime >= 0.05) return 'tight';
  return 'adequate';
}

function tableOf(results) {
  const lines = [
    '| scheme | insured | rate | loss ratio, year 1 p50 | year 3 p50 (90% interval) | P(deficit in some year) | scheme money, year 3 p50 | insurer result, 3 years, mean | pool balance, end p50 | OOP per person, year 3 | grid sampling error, year 3 | verdict |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const first = r.years[0];
    const last = r.years[r.years.length - 1];
    lines.push(
      `| \`${r.scheme}\` | ${persons(r.persons)} | ${rateOf(r)} | ${pct(first.lossRatio.p50)} | ${pct(last.lossRatio.p50)} (${range(last.lossRatio.p05, last.lossRatio.p95)}) | ${pct(r.deficitAnyTime)} | ${wan(last.schemeMoney.p50)} | ${wan(r.insurer.mean)} | ${wan(r.pool.finalBalance.p50)} | ${grouped(last.burden.oopMeanPerPerson)} | ${pct(lastError(r).sampling)} | ${verdictOf(r)} |`,
    );
  }
  return lines.join('\n');
}

/** The loss ratio's spread, and the medians, against the 50,000-person table. */
function movedOf(results) {
  const lines = [
    '| scheme | year 3 loss ratio p50 | its 90% interval | P(deficit in some year) | OOP per person, year 3 |',
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    const b = BEFORE[r.scheme];
    const last = r.years[r.years.length - 1];
    lines.push(
      `| \`${r.scheme}\` | ${b.y3.toFixed(1)}% → ${pct(last.lossRatio.p50)} | ${b.y3p05.toFixed(1)}–${b.y3p95.toFixed(1)}% → ${range(last.lossRatio.p05, last.lossRatio.p95)} | ${b.deficit.toFixed(1)}% → ${pct(r.deficitAnyTime)} | ${grouped(b.oop)} → ${grouped(last.burden.oopMeanPerPerson)} |`,
    );
  }
  return lines.join('\n');
}

/** What the move to the real pools did, in words that the numbers decide. */
function movedSentence(results) {
  const widths = results.map((r) => {
    const b = BEFORE[r.scheme];
    const last = r.years[r.years.length - 1];
    return {
      scheme: r.scheme,
      before: b.y3p95 - b.y3p05,
      after: pctNumber(last.lossRatio.p95) - pctNumber(last.lossRatio.p05),
    };
  });
  const narrower = widths.filter((w) => w.after < w.before);
  const shifts = results.map((r) =>
    Math.abs(pctNumber(r.years[r.years.length - 1].lossRatio.p50) - BEFORE[r.scheme].y3),
  );
  const largest = Math.max(...shifts);
  const oopShifts = results.map((r) => {
    const now = r.years[r.years.length - 1].burden.oopMeanPerPerson;
    return Math.abs(now / BEFORE[r.scheme].oop - 1);
  });
  const times = results.map((r) => r.persons / SAMPLE);
  const everyNarrower = narrower.length === widths.length;
  const spread = everyNarrower
    ? 'The 90% interval of the year-3 loss ratio is narrower on every scheme'
    : `The 90% interval of the year-3 loss ratio is narrower on ${narrower.length} of the ${widths.length} schemes (${narrower.map((w) => `\`${w.scheme}\``).join(', ') || 'none'})`;
  const shares = results.map((r) => lastError(r).processShare);
  if (Math.max(...shares) >= 0.5)
    throw new Error('the persons’ randomness is half the variance or more: reword');
  const why = everyNarrower
    ? `: on pools ${Math.min(...times)} to ${Math.max(...times)} times the sample, the persons' own randomness, which falls as 1/√N, ` +
      `is a smaller part of each scenario's claims (${pct(Math.min(...shares))}–${pct(Math.max(...shares))} of the year-3 variance on the real pools, as the method prints it), ` +
      "and what is left is mostly the scenarios' cost and utilisation factors"
    : '';
  const medians = `The medians move by at most ${largest.toFixed(1)} percentage points`;
  return `${spread}${why}. ${medians}, and the mean out-of-pocket per person by at most ${(100 * Math.max(...oopShifts)).toFixed(1)}%.`;
}

/** The verdict sentence: each scheme's word, with the figures the rule reads. */
function verdictSentence(results) {
  const parts = results.map((r) => {
    const last = r.years[r.years.length - 1];
    return `${rateOf(r)} is ${verdictOf(r)} in \`${r.scheme}\` (a deficit in some year in ${pct(r.deficitAnyTime)} of the scenarios, year-3 loss ratio ${pct(last.lossRatio.p50)} at the median and ${pct(last.lossRatio.p95)} at p95)`;
  });
  return `On these defaults ${parts.join('; ')}.`;
}

/** The checked part of the section (everything between BEGIN and TIMINGS). */
function sectionOf(results) {
  for (const r of results)
    if (r.persons !== r.poolPersons)
      throw new Error(`${r.scheme}: ran ${r.persons} of the pool's ${r.poolPersons}`);
  const sizes = results.map((r) => `${persons(r.persons)} (\`${r.scheme}\`)`).join(', ');
  return [
    `\`npx yibao simulate --scheme <id> --scenarios ${SCENARIOS} --years ${YEARS} --seed ${SEED} --method large-pool\`: each seed scheme on its whole insured pool, its file's \`population\` block — ${sizes} insured — by the large-pool method ([docs/large-pool.md](docs/large-pool.md)), default calibration. Generated by \`node scripts/readme-projections.mjs --write\`; \`test/readme-projections.test.ts\` runs the five commands again and requires this text to match them, cell by cell.`,
    '',
    tableOf(results),
    '',
    'A deficit is scheme money (当年基金收支: premium + carry-in − claims) below 0 in a year; ' +
      "the pool balance (基金结余) is the buying fund's: the refunds (Dazhou), excess returned and " +
      'holdback kept, less its loss shares — 0 where the contract has none of these (Jiaozuo, ' +
      'Huangshan: the insurer keeps what the claims leave and bears every loss). The grid sampling ' +
      "error is the large-pool method's own, printed with each run: the standard error of the year's mean claims from the grid's " +
      'person-years, shared by every scenario of the run. The verdict is a rule, ' +
      'not a judgement: **ample** when at most 1% of the scenarios have a deficit in some year and ' +
      'the year-3 loss ratio is under 90% in 95% of them, **tight** from 5% of scenarios with a deficit, ' +
      '**adequate** in between. Read with the assumptions: basic insurance, the Jiaozuo and Huangshan ' +
      'benefits and premiums, and much of the calibration are illustrative (sources in the files).',
    '',
    `${verdictSentence(results)}`,
    '',
    'What moved against the table this one replaces (brute force on a 50,000-person sample of each pool, same calibration, scenarios and seed; before → now):',
    '',
    movedOf(results),
    '',
    movedSentence(results),
  ].join('\n');
}

/** The unchecked timings line: this machine, today. */
function timingsOf(runs) {
  const load = os.loadavg()[0].toFixed(1);
  const each = runs
    .map((r) => `\`${r.result.scheme}\` ${r.wallSeconds.toFixed(1)} s, ${persons(r.peakRssMb)} MB`)
    .join('; ');
  return `Measured ${new Date().toISOString().slice(0, 10)} on this 2-core machine (load average ${load} at the end), wall time and peak RSS of each command: ${each}.`;
}

/** The README's checked part of the section, or undefined when its markers are missing. */
function checkedPartOf(readme) {
  const begin = readme.indexOf(BEGIN);
  const timings = readme.indexOf(TIMINGS);
  if (begin < 0 || timings < begin) return undefined;
  return readme.slice(begin + BEGIN.length, timings).trim();
}

/** The first line where the README's checked part differs from `section`, or undefined. */
function firstDifference(readme, section) {
  const have = checkedPartOf(readme);
  if (have === undefined) return `README.md has no ${BEGIN} … ${TIMINGS} block`;
  const want = section.split('\n');
  const lines = have.split('\n');
  for (let i = 0; i < Math.max(want.length, lines.length); i++)
    if (lines[i] !== want[i])
      return `README projections, line ${i + 1} of the block:\n  README: ${lines[i] ?? '(nothing)'}\n  now:    ${want[i] ?? '(nothing)'}`;
  return undefined;
}

/**
 * The five runs; with --keep DIR each run's record is kept there as JSON, and with
 * --from DIR the text is made again from such records without running anything.
 */
function runs() {
  const option = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const from = option('--from');
  const keep = option('--keep');
  return SCHEMES.map((scheme) => {
    if (from) return JSON.parse(fs.readFileSync(path.join(from, `${scheme}.json`), 'utf8'));
    process.stderr.write(`yibao ${commandOf(scheme).join(' ')}\n`);
    const run = runProjection(scheme);
    if (keep) {
      fs.mkdirSync(keep, { recursive: true });
      fs.writeFileSync(path.join(keep, `${scheme}.json`), JSON.stringify(run));
    }
    return run;
  });
}

function main() {
  const done = runs();
  const section = sectionOf(done.map((r) => r.result));
  const readme = fs.readFileSync(README, 'utf8');
  if (process.argv.includes('--check')) {
    const difference = firstDifference(readme, section);
    if (difference) {
      process.stderr.write(
        `${difference}\nregenerate with 'node scripts/readme-projections.mjs --write'\n`,
      );
      process.exit(1);
    }
    process.stderr.write('README.md: projections as computed\n');
    return;
  }
  const block = `${BEGIN}\n\n${section}\n\n${TIMINGS}\n\n${timingsOf(done)}\n\n${END}`;
  if (!process.argv.includes('--write')) {
    process.stdout.write(`${block}\n`);
    return;
  }
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  fs.writeFileSync(README, readme.slice(0, begin) + block + readme.slice(end + END.length));
  process.stderr.write('README.md: projections written\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
