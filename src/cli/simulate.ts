/**
 * `yibao simulate`, `yibao price` and `yibao compare`: Monte Carlo over the fund, sharing
 * one set of run options.
 */
import * as fs from 'node:fs';
import { loadCalibration } from '../calibration/load';
import { YibaoError } from '../errors';
import { type FigureKind, formatFigure, RATE_UNITS } from '../format/numbers';
import { type Column, type Row, textTable } from '../format/table';
import { type FundingKind, fundingOf } from '../fund/rules';
import {
  FUNDING_UNITS,
  implausible,
  rangeText,
  readRate,
  readShare,
  TARGET_RANGES,
} from '../fund/units';
import { checkOutputFile, checkOutputFolder } from '../io/output';
import * as msg from '../messages';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { compareRuns, type Difference } from '../simulate/compare';
import { type MethodOptions, runByMethod } from '../simulate/large-pool/run';
import { summarize } from '../simulate/metrics';
import {
  formatSummary,
  poolLabel,
  resultFiles,
  summaryJson,
  writeRunFiles,
} from '../simulate/output';
import { price } from '../simulate/price';
import { isLarge } from '../simulate/resources';
import { runRecord } from '../simulate/run-record';
import {
  type ContractOptions,
  prepareRun,
  resultAt,
  runPrepared,
  type SchemeRef,
} from '../simulate/simulate';
import { type ScenarioYearRef, writeSyntheticClaims } from '../simulate/synthetic';
import {
  choiceOption,
  type ParsedArgs,
  parseCommandArgs,
  requireOption,
  wholeOption,
  workersOption,
} from './args';
import type { CliIo, Command } from './command';
import { METHOD_HELP, methodNote, methodOption, methodText } from './method';
import { progressBar } from './progress';

export const RUN_OPTIONS = `Run options:
  --scheme       a shipped scheme id (see 'yibao schemes') or a path to a scheme .yaml
  --set          override a scheme parameter, path=value (repeatable); the funding rate
                 in its unit, as --rate
  --years        years to project (default: the contract's years)
  --scenarios    scenarios (default 200)
  --persons      insured persons in year 1 (default: the scheme's pool, its population
                 block; a smaller number draws a sample of it)
  --seed         random seed (default 1); same seed, same numbers, whatever --workers
  --workers      worker threads (default: every core; at most the cores unless --force)
  --calibration  calibration id or path (default 'default')
${METHOD_HELP}
  --deterministic  one best-estimate path (scenario factors at their means)
  --progress     show the progress bar even when stderr is not a terminal (a run estimated
                 at over a minute or a GiB says so on stderr before it starts)
  --json         print the result as one JSON document on stdout, nothing else
  --contract-change  when_needed (default: the contract is amended whenever the loss ratio
                 reaches the rate rule's threshold) or never
  --loss-cause   the cause of the years' losses, policy or insurer (default insurer): a
                 contract may share only policy losses
  --force        run anyway: start more --workers than the machine has cores, run a
                 run estimated at over a day, or run
                 although a rate or target is outside its plausible range, which is
                 otherwise refused as a probable slip of the unit: a rate of
                 ${rangeText(FUNDING_UNITS.payroll_rate.plausible, true)} of payroll, ${rangeText(FUNDING_UNITS.pool_share.plausible, true)} of the pool, ${rangeText(FUNDING_UNITS.per_head.plausible, false)} yuan a head;
                 a target loss ratio of ${rangeText(TARGET_RANGES.lossRatio, true)}, deficit probability of ${rangeText(TARGET_RANGES.deficitProbability, true)}`;

/** The run options' names (besides the flags and --set): every Monte Carlo command takes them. */
export const RUN_STRINGS = [
  'scheme',
  'years',
  'scenarios',
  'persons',
  'seed',
  'workers',
  'calibration',
  'contract-change',
  'loss-cause',
  'method',
] as const;
const COMMON_BOOLEANS = ['json', 'deterministic', 'progress', 'force'] as const;
/** The run options of any Monte Carlo command (`yibao tender` takes them too). */
export type RunArgs = ParsedArgs<
  (typeof RUN_STRINGS)[number],
  'deterministic' | 'progress' | 'force',
  'set'
>;
/** Each command's own options besides the run options: any other is refused, not ignored. */
const OWN_OPTIONS = {
  simulate: { strings: ['rate', 'out', 'claims-out', 'claims-at'], booleans: ['report'] },
  price: { strings: ['target-loss-ratio', 'target-deficit-probability'], booleans: [] },
  compare: { strings: ['variant'], booleans: [] },
} as const;
type Name = keyof typeof OWN_OPTIONS;
type Args = ParsedArgs<
  (typeof RUN_STRINGS)[number] | (typeof OWN_OPTIONS)[Name]['strings'][number],
  (typeof COMMON_BOOLEANS)[number] | (typeof OWN_OPTIONS)[Name]['booleans'][number],
  'set'
>;

/**
 * Refuses a rate outside its unit's plausible range (see src/fund/units.ts), unless
 * --force: `what` says who gave it (`--rate 9`, `--set funding.share=9`, the file).
 */
function checkPlausibleRate(
  what: string,
  rate: number,
  kind: FundingKind,
  given: string,
  force: boolean,
) {
  const unit = FUNDING_UNITS[kind];
  const why = implausible(what, rate, unit.plausible, unit.share, given, unit.en);
  if (why && !force) throw new YibaoError(why);
}

/** `--rate` read in the scheme's unit and, unless --force, within its plausible range. */
export function rateOption(
  text: string | undefined,
  kind: FundingKind,
  force: boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const rate = readRate('--rate', text, kind);
  checkPlausibleRate(`--rate ${text}`, rate, kind, text, force);
  return rate;
}

/**
 * Loads a scheme as the run will, before the work starts, so that a bad override or an
 * implausible rate (the file's or an override's) is refused at once.
 */
export function checkScheme(ref: SchemeRef, force: boolean): FundingKind {
  const scheme = loadScheme(ref.scheme, { overrides: ref.overrides });
  const { kind, rate } = fundingOf(scheme);
  const field = `funding.${FUNDING_UNITS[kind].field}`;
  const given = ref.overrides?.[field] ?? ref.overrides?.[`${field}.value`];
  if (given !== undefined && typeof given === 'object')
    checkPlausibleRate(given.origin, rate, kind, given.text, force);
  else checkPlausibleRate(`${field} of ${scheme.file}`, rate, kind, String(rate), force);
  return kind;
}

/**
 * A `price` target: a share (`90%` or `0.9`), within its hard bounds (no rate gives a loss
 * ratio of 0; a deficit probability of 1 or more asks nothing) and, unless --force, its
 * plausible range.
 */
function priceTarget(a: Args, name: 'target-loss-ratio' | 'target-deficit-probability') {
  const text = a.values[name];
  if (text === undefined) return undefined;
  const what = `--${name}`;
  const value = readShare(what, text);
  if (name === 'target-loss-ratio' && value <= 0)
    throw new YibaoError(msg.option.above(what, 0, text));
  if (name === 'target-deficit-probability' && value >= 1)
    throw new YibaoError(msg.option.below(what, 1, text));
  const range =
    name === 'target-loss-ratio' ? TARGET_RANGES.lossRatio : TARGET_RANGES.deficitProbability;
  const why = implausible(`${what} ${text}`, value, range, true, text);
  if (why && !a.flags.force) throw new YibaoError(why);
  return value;
}

export function runOptions(a: RunArgs, io: CliIo, label: string): MethodOptions {
  const bar = progressBar(io, label, a.flags.progress);
  return {
    method: methodOption(a.values.method),
    years: wholeOption('years', a.values.years),
    scenarios: wholeOption('scenarios', a.values.scenarios),
    persons: wholeOption('persons', a.values.persons),
    seed: wholeOption('seed', a.values.seed, 0),
    workers: workersOption(a.values.workers, a.flags.force),
    calibration: a.values.calibration,
    deterministic: a.flags.deterministic,
    force: a.flags.force,
    onPlan: (plan) => {
      if (isLarge(plan)) io.stderr(`${label}: ${msg.run.largeRun(plan)}\n`);
    },
    onProgress: (p) => {
      bar.update(p.done, p.total, `${p.scenariosDone}/${p.scenarios} scenarios`);
      if (p.done === p.total) bar.done();
    },
  };
}

/** `--claims-at 1:1,3:2`: scenario:year pairs, 1-based, as 0-based refs. */
function parseClaimsAt(text: string | undefined): ScenarioYearRef[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((pair) => {
    const m = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new YibaoError(msg.cli.badClaimsAt(pair));
    return { scenario: Number(m[1]) - 1, year: Number(m[2]) - 1 };
  });
}

export function contractOptions(a: RunArgs): ContractOptions {
  return {
    contractChange: choiceOption(
      'contract-change',
      ['when_needed', 'never'] as const,
      a.values['contract-change'],
    ),
    lossCause: choiceOption('loss-cause', ['policy', 'insurer'] as const, a.values['loss-cause']),
  };
}

export function schemeRef(command: string, a: RunArgs): SchemeRef {
  return {
    scheme: requireOption(command, a.values.scheme, 'scheme'),
    overrides: parseOverrideList(a.lists.set),
  };
}

/**
 * A `--variant` of the baseline `base`: a scheme file (`B.yaml`), or overrides of the
 * baseline as comma-separated path=value pairs, on top of the baseline's own --set.
 */
export function variantRef(text: string, base: SchemeRef): SchemeRef {
  if (/\.ya?ml$/.test(text) && !text.includes('=')) {
    if (!fs.existsSync(text)) throw new YibaoError(msg.cli.noSuchVariantFile(text));
    return { scheme: text };
  }
  return {
    scheme: base.scheme,
    overrides: { ...base.overrides, ...parseOverrideList(text.split(','), '--variant') },
  };
}

function parse(command: Name, args: string[]): Args {
  return parseCommandArgs(command, args, {
    strings: [...RUN_STRINGS, ...OWN_OPTIONS[command].strings],
    booleans: [...COMMON_BOOLEANS, ...OWN_OPTIONS[command].booleans],
    lists: ['set'],
  }) as Args;
}

export const simulateCommand: Command = {
  name: 'simulate',
  help: `yibao simulate --scheme <id|path> [--rate R] [run options] [--out DIR] [--json]

Generates the insured population and its claims, settles them through the scheme, and
applies the funding and the contract's ledger year by year. Prints a summary (loss ratio;
scheme money, its deficit and cash-shortfall probabilities; the insurer's result; the
pool's net cost and balance; out-of-pocket burden); with --out, writes scenarios.csv,
summary.csv, summary.json and run.json there, as one set (all or none, replacing an
earlier run's files). Every result file records how to replay the run:
'yibao replay DIR/summary.json' runs it again and compares.

  --rate   the first-year rate in the scheme's unit: 0.32% (or 0.0032) of payroll, 8% (or
           0.08) of the pool, 60 (yuan per head; 60% is refused); default the scheme's own
  --out    folder for the result files (checked before the run starts)
  --report also write report.html (self-contained) and report.xlsx there, in the same set
           (default folder out/)
  --claims-out FILE  write the synthetic persons and events of chosen scenario-years as a
           claims CSV for 'yibao adjudicate' (the very draws this run settled; persons
           without events on a row of their own)
  --claims-at S:Y[,S:Y…]  the scenario-years of --claims-out, 1-based (default 1:1)

${RUN_OPTIONS}

Example:
  yibao simulate --scheme dazhou-2023 --scenarios 500 --years 3 --out out/dazhou
  yibao simulate --scheme dazhou-2023 --persons 50000 --claims-out claims.csv --claims-at 1:1
`,
  async run(args, io) {
    const a = parse('simulate', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const dir = a.values.out ?? (a.flags.report ? 'out' : undefined);
    if (dir) checkOutputFolder(dir);
    const ref = schemeRef('simulate', a);
    const kind = checkScheme(ref, a.flags.force);
    const rate = rateOption(a.values.rate, kind, a.flags.force);
    const contract = contractOptions(a);
    const claimsOut = a.values['claims-out'];
    const claimsAt = parseClaimsAt(a.values['claims-at']);
    if (claimsAt && !claimsOut) throw new YibaoError(msg.cli.claimsAtWithoutOut());
    if (claimsOut) checkOutputFile(claimsOut);
    const options = runOptions(a, io, 'simulate');
    let ran: Awaited<ReturnType<typeof runByMethod>>;
    if (claimsOut) {
      // the persons and events written are the brute-force run's own draws
      if (options.method === 'large-pool') throw new YibaoError(msg.method.noClaimsOut());
      const prepared = prepareRun([ref], options);
      const at = claimsAt ?? [{ scenario: 0, year: 0 }];
      const { scenarios, years } = prepared.args;
      for (const { scenario, year } of at)
        if (scenario >= scenarios || year >= years)
          throw new YibaoError(msg.cli.claimsAtBeyond(scenario + 1, year + 1, scenarios, years));
      const done = await runPrepared(prepared, options);
      ran = {
        ...done,
        info: { ...done.info, method: { method: 'mc', given: options.method === 'mc' } },
      };
      const written = writeSyntheticClaims(prepared, at, claimsOut);
      io.stderr(
        `wrote ${claimsOut}: ${formatFigure(written.persons, 'count')} persons, ${formatFigure(written.claimants, 'count')} with ${formatFigure(written.events, 'count')} events (${at.map((x) => `scenario ${x.scenario + 1} year ${x.year + 1}`).join(', ')})\n`,
      );
    } else ran = await runByMethod([ref], options);
    const { runs, info } = ran;
    io.stderr(methodNote('simulate', info));
    const result = resultAt(runs[0], info, rate, contract);
    const summary = summarize(result);
    const record = runRecord({
      command: ['simulate', ...args],
      seed: info.seed,
      schemes: [{ scheme: runs[0].scheme, overrides: ref.overrides }],
      calibration: { ref: a.values.calibration ?? 'default', id: info.calibration },
    });
    if (dir) {
      const files: Record<string, string | Uint8Array> = resultFiles(result, summary, record);
      if (a.flags.report) {
        // the report writer (charts, exceljs) is loaded only when a report is asked for
        const { candidatesReport } =
          require('../report/candidates') as typeof import('../report/candidates');
        const { reportFiles } = require('../report/write') as typeof import('../report/write');
        const report = candidatesReport([{ result, summary }], a.values.calibration, record);
        Object.assign(files, await reportFiles(report));
      }
      io.stderr(`wrote ${writeRunFiles(dir, files).join(', ')}\n`);
    }
    io.stdout(
      a.flags.json
        ? summaryJson(summary, record)
        : `${formatSummary(summary, result, loadCalibration(a.values.calibration).burden)}${methodText(info.method)}`,
    );
    return 0;
  },
};

export const priceCommand: Command = {
  name: 'price',
  help: `yibao price --scheme <id|path> (--target-loss-ratio X | --target-deficit-probability P) [run options] [--json]

Simulates once, then finds (by bisection, re-applying the contract rules) the first-year
rate in the scheme's own unit at which the expected loss ratio over the projection is X,
or the probability that the scheme money is in deficit in some year is at most P. X and P
are shares: 0.9 or 90%, 0.05 or 5% (90 is refused: it would mean 9000%). The Monte Carlo
error is the spread of the answer over bootstrap resamples of the scenarios.

${RUN_OPTIONS}

Example:
  yibao price --scheme dazhou-2023 --target-loss-ratio 90% --scenarios 500
`,
  async run(args, io) {
    const a = parse('price', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const lr = priceTarget(a, 'target-loss-ratio');
    const dp = priceTarget(a, 'target-deficit-probability');
    if ((lr === undefined) === (dp === undefined)) throw new YibaoError(msg.cli.oneTarget());
    const ref = schemeRef('price', a);
    checkScheme(ref, a.flags.force);
    const contract = contractOptions(a);
    const { runs, info } = await runByMethod([ref], runOptions(a, io, 'price'));
    io.stderr(methodNote('price', info));
    const target = lr !== undefined ? { lossRatio: lr } : { deficitProbability: dp! };
    const p = price(runs[0], info, target, contract);
    const kind = runs[0].funding.kind;
    if (a.flags.json) {
      io.stdout(
        `${JSON.stringify({ scheme: runs[0].scheme.id, unit: runs[0].funding.unit.en, ...p, method: info.method })}\n`,
      );
    } else {
      const measure =
        lr !== undefined
          ? { zh: '预期赔付率', en: 'expected loss ratio', value: lr }
          : {
              zh: '任一年当年基金收支赤字概率',
              en: 'P(deficit in any year: scheme money < 0)',
              value: dp!,
            };
      const unit = RATE_UNITS[kind];
      const rate = (v: number) => formatFigure(v, 'rate', kind);
      const share = (v: number) => formatFigure(v, 'percent');
      io.stdout(`${runs[0].scheme.title.zh} ${runs[0].scheme.title.en}
  目标 target: ${measure.zh} ${measure.en} ${lr !== undefined ? '=' : '≤'} ${share(measure.value)}
  费率 rate: ${rate(p.rate)} ${unit.zh} ${unit.en}; standard error ${rate(p.standardError)}; 90% interval ${rate(p.low)} – ${rate(p.high)}
  at the current rate ${rate(p.currentRate)}: ${measure.en} ${p.atCurrentRate === null ? '— (undefined: no premium)' : share(p.atCurrentRate)}
  ${formatFigure(info.scenarios, 'count')} scenarios × ${info.years} years, ${poolLabel(info)}, ${info.seconds.toFixed(1)} s
${methodText(info.method)}`);
    }
    return 0;
  },
};

export const compareCommand: Command = {
  name: 'compare',
  help: `yibao compare --scheme A (--variant B.yaml | --variant "path=value,path=value") [run options] [--json]

Runs the baseline and the variant on the same synthetic people, scenarios and events,
and reports the paired differences (variant − baseline) with 95% confidence intervals:
cost to the fund, loss ratio, scheme money, the insurer's result, the pool's net cost and
balance, out-of-pocket burden, people above the alert and catastrophic thresholds, and who
gains, by group, status and consumption decile. A variant that raises a deductible or
lowers a payment rate is named first, flagged where the scheme forbids it within a
cooperation period (Dazhou art. 14).

  --variant  a scheme file covering the baseline's groups, or overrides of the baseline as
             path=value pairs

${RUN_OPTIONS}

Example:
  yibao compare --scheme guiyang-2023 --variant "layers.critical_illness.components.0.bands.0.from=5000"
`,
  async run(args, io) {
    const a = parse('compare', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const base = schemeRef('compare', a);
    const v = requireOption('compare', a.values.variant, 'variant');
    const variant = variantRef(v, base);
    checkScheme(base, a.flags.force);
    checkScheme(variant, a.flags.force);
    const contract = contractOptions(a);
    const { runs, info } = await runByMethod([base, variant], runOptions(a, io, 'compare'));
    io.stderr(methodNote('compare', info));
    const c = compareRuns(runs[0], runs[1], info, contract);
    if (a.flags.json) {
      io.stdout(`${JSON.stringify({ ...c, method: info.method })}\n`);
      return 0;
    }
    io.stdout(
      `${comparisonText(c, `${runs[0].scheme.title.zh}: baseline vs variant (${v}); ${formatFigure(info.scenarios, 'count')} scenarios, ${poolLabel(info)}`, runs[0].scheme.document.ref)}\n${methodText(info.method)}`,
    );
    return 0;
  },
};

const DIFFERENCE_COLUMNS: Column[] = [
  { key: 'measure', label: { zh: '', en: '' }, kind: 'text' },
  ...(
    [
      ['baseline', '基准', 'baseline'],
      ['variant', '方案', 'variant'],
      ['difference', '差额', 'difference'],
      ['low', '95%置信下限', 'CI low'],
      ['high', '95%置信上限', 'CI high'],
    ] as const
  ).map(([key, zh, en]) => ({
    key,
    label: { zh, en },
    kind: (row: Row) => row.kind as FigureKind,
  })),
];

/** The paired differences as text tables: per year, then who gains. */
/** The comparison as text tables; `document` is the baseline's policy document, for a cut's rule. */
function comparisonText(c: ReturnType<typeof compareRuns>, head: string, document: string): string {
  // a null difference (a loss ratio without premium) reads "—" in every cell
  const row = (measure: string, kind: FigureKind, d: Difference | null): Row => ({
    measure,
    kind,
    ...(d ?? {}),
  });
  const cuts = c.benefitCuts.map(
    (cut) =>
      `${c.flagged ? '⚠ ' : ''}${cut.kind}: ${cut.parameter} ${cut.baseline} → ${cut.variant}${c.benefitCutRule ? ` — not allowed within a cooperation period (${document} ${c.benefitCutRule.source})` : ''}\n`,
  );
  const years = c.years.flatMap((y) => [
    { measure: `第${y.year}年 year ${y.year}`, kind: 'text' },
    row('  赔付 claims (万元)', 'wan', y.claims),
    row('  净赔付率 loss ratio (Δ in points)', 'percent', y.lossRatio),
    row('  当年基金收支 scheme money (万元)', 'wan', y.schemeMoney),
    row('  承办机构经营结果 insurer result (万元)', 'wan', y.insurerResult),
    row('  基金净支出 pool net cost (万元)', 'wan', y.poolNetCost),
    row('  基金结余 pool balance (万元)', 'wan', y.poolBalance),
    row('  人均自付 out of pocket per person (元)', 'yuan', y.oopMean),
    row('  超预警线人数 persons above the alert line', 'headcount', y.aboveAlert),
  ]);
  const gains = [...c.byGroup, ...c.byStatus, ...c.byDecile]
    .filter((s) => s.persons > 0)
    .map((s) => row(`  ${s.slice}`, 'yuan', s.oopPerPerson));
  return `${head}
${cuts.join('')}${textTable(DIFFERENCE_COLUMNS, years)}

受益人群 who gains: out of pocket per person-year (元), by group, status and consumption decile
${textTable(DIFFERENCE_COLUMNS, gains)}`;
}
