/**
 * `yibao tender`: for an insurer's tender team, the distribution of its result under the
 * contract for a bid, and the bid (or, without one, the rate) that meets a target.
 *
 *   --scheme (+ --set) ─▶ fund rules ─▶ the terms and target checked, before any simulation
 *     ─▶ one simulation (run options) ─▶ the ledger per scenario at the bid, or per trial
 *        bid of the solve ─▶ table (or JSON): per year and over the cooperation period
 */
import { YibaoError } from '../errors';
import { formatRate } from '../format/numbers';
import { fundRulesOf } from '../fund/rules';
import { loadScheme } from '../scheme/load';
import { runByMethod } from '../simulate/large-pool/run';
import { poolLabel } from '../simulate/output';
import {
  checkTender,
  type ResultSpread,
  type RiskMeasures,
  solveTender,
  type TenderInputNames,
  type TenderResult,
  type TenderSolution,
  type TenderTarget,
  type TenderTerms,
  tenderResult,
} from '../simulate/tender';
import { parseCommandArgs, shareOption } from './args';
import type { Command } from './command';
import { methodNote, methodText } from './method';
import {
  checkScheme,
  contractOptions,
  RUN_OPTIONS,
  RUN_STRINGS,
  rateOption,
  runOptions,
  schemeRef,
} from './simulate';

const OPTIONS: TenderInputNames = {
  bid: '--bid',
  rate: '--rate',
  contractChange: '--contract-change',
  lossCause: '--loss-cause',
  margin: '--target-margin',
  lossProbability: '--target-loss-probability',
};

const yuan = (v: number) => Math.round(v).toLocaleString('en');
const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)}%`;

function measureRow(label: string, premium: string, m: RiskMeasures, f: (v: number) => string) {
  return [
    label,
    premium,
    f(m.mean),
    f(m.standardError),
    pct(m.lossProbability, 1),
    f(m.var95),
    f(m.tvar95),
    f(m.var99),
    f(m.tvar99),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))))
    .map((r) => `  ${r.join('  ')}`)
    .join('\n');
}

function resultText(t: TenderResult, kind: Parameters<typeof formatRate>[0]): string {
  const header = [
    '',
    'premium 保费',
    'mean 均值',
    's.e.',
    'P(loss)',
    'VaR95',
    'TVaR95',
    'VaR99',
    'TVaR99',
  ];
  const p = t.period;
  const periodLabel = `period 合作期 (${p.projectedYears} of ${p.contractYears} years)`;
  const rows = (f: (v: number) => string, pick: (s: ResultSpread) => RiskMeasures) => [
    header,
    ...t.years.map((y) => measureRow(`year ${y.year}`, yuan(y.premium), pick(y), f)),
    measureRow(periodLabel, yuan(p.premium), pick(p), f),
  ];
  const rates = t.years.map((y) => formatRate(kind, y.rate)).join(', ');
  const refunds = t.years.map((y) => yuan(y.refund)).join(', ');
  const lines = [
    `  rate 费率 ${formatRate(kind, t.rate)} (${t.unit.en})${t.bid === null ? '; no bid in this contract' : `; bid 中标净赔付率 ${pct(t.bid, 4)}`}; contract change ${t.contractChange}; loss cause ${t.lossCause}`,
    // what the bid changes: the refund below it, and the rate the art. 21 rule aims at
    ...(t.bid === null
      ? []
      : [`  mean rate by year ${rates}; mean refund below the bid by year ${refunds} yuan`]),
    '',
    '  承办机构经营结果 insurer result, yuan 元:',
    table(rows(yuan, (s) => s.yuan)),
    '',
    '  as a share of premium 占保费比例 (each scenario over its own premium):',
    table(
      rows(
        (v) => pct(v),
        (s) => s.share,
      ),
    ),
    '',
    `  VaR/TVaR: the loss of the k-th worst scenario / the mean loss of the k worst (k = 5% or 1% of ${t.scenarios}); negative: a profit even there.`,
  ];
  if (p.endedEarly > 0)
    lines.push(
      `  A re-tender ended the cooperation period early in ${pct(p.endedEarly, 1)} of scenarios.`,
    );
  return lines.join('\n');
}

function solutionText(s: TenderSolution, kind: Parameters<typeof formatRate>[0]): string {
  const f = (v: number) => (s.solvedFor === 'bid' ? pct(v, 4) : formatRate(kind, v));
  const goal =
    'margin' in s.target
      ? `expected margin over the period ≥ ${pct(s.target.margin)}`
      : `P(loss over the period) ≤ ${pct(s.target.lossProbability)}`;
  const achieved =
    'margin' in s.target
      ? `expected margin ${pct(s.achieved, 4)}`
      : `P(loss) ${pct(s.achieved, 1)}`;
  return `  target 目标: ${goal}
  ${s.solvedFor === 'bid' ? 'bid 中标净赔付率' : 'rate 费率'}: ${f(s.value)}, the ${s.solvedFor === 'bid' ? 'highest bid' : 'lowest rate'} that meets it (standard error ${f(s.standardError)}, 90% interval ${f(s.low)}–${f(s.high)}); at it, ${achieved}`;
}

export const tenderCommand: Command = {
  name: 'tender',
  help: `yibao tender --scheme <id|path> [--bid B] [--rate R] [--target-margin M | --target-loss-probability P] [run options] [--json]

For an insurer's tender team: simulates once, then runs the contract's ledger in every
scenario and gives the distribution of the insurer's result (承办机构经营结果) — mean with
its standard error, P(loss), VaR and TVaR at 95% and 99% — per year and over the first
cooperation period, in yuan and as a share of premium.

With a target, solves (by bisection, re-running the ledger on the same simulation) for the
highest bid net loss ratio at which the expected margin over the period (mean over
scenarios of result / premium) is at least M, or the probability of a loss over the period
at most P; where the contract has no rule the bid acts on (no refund below the bid, no
art. 21 rate rule), for the lowest first-year rate instead. The Monte Carlo error is the
spread of the answer over bootstrap resamples of the scenarios.

  --bid                      the bid net loss ratio, 0.9 or 90% (default the scheme's)
  --rate                     the first-year rate in the scheme's unit (default its own)
  --target-margin            M, a share of premium (0.02 or 2%)
  --target-loss-probability  P, in [0, 1) (0.05 or 5%)

${RUN_OPTIONS}

Example:
  yibao tender --scheme dazhou-2023 --target-margin 2% --scenarios 100 --persons 10000
`,
  async run(args, io) {
    const a = parseCommandArgs('tender', args, {
      strings: [...RUN_STRINGS, 'bid', 'rate', 'target-margin', 'target-loss-probability'],
      booleans: ['json', 'deterministic', 'progress', 'force'],
      lists: ['set'],
    });
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const ref = schemeRef('tender', a);
    const kind = checkScheme(ref, a.flags.force);
    const contract = contractOptions(a);
    const terms: TenderTerms = {
      bid: shareOption('--bid', a.values.bid),
      rate: rateOption(a.values.rate, kind, a.flags.force),
      contractChange: contract.contractChange,
      lossCause: contract.lossCause,
    };
    const margin = shareOption('--target-margin', a.values['target-margin']);
    const lossProbability = shareOption(
      '--target-loss-probability',
      a.values['target-loss-probability'],
    );
    if (margin !== undefined && lossProbability !== undefined)
      throw new YibaoError(
        "give one of --target-margin or --target-loss-probability (see 'yibao tender --help')",
      );
    const target: TenderTarget | undefined =
      margin !== undefined
        ? { margin }
        : lossProbability !== undefined
          ? { lossProbability }
          : undefined;
    // refuse what the contract cannot take before simulating
    const scheme = loadScheme(ref.scheme, { overrides: ref.overrides });
    checkTender({ id: scheme.id, fund: fundRulesOf(scheme) }, terms, target, OPTIONS);

    const { runs, info } = await runByMethod([ref], runOptions(a, io, 'tender'));
    io.stderr(methodNote('tender', info));
    const run = runs[0];
    const solution = target && solveTender(run, info, target, terms);
    const result = solution?.result ?? tenderResult(run, info, terms);
    const { periodResults: _, ...figures } = result;
    if (a.flags.json) {
      const { paths: __, ...replay } = info;
      io.stdout(
        `${JSON.stringify({
          run: { ...replay, set: a.lists.set },
          ...(solution && { solution: { ...solution, result: undefined } }),
          result: figures,
        })}\n`,
      );
      return 0;
    }

    io.stdout(
      [
        `${run.scheme.title.zh} ${run.scheme.title.en} (${run.scheme.id})`,
        `  ${info.scenarios} scenarios × ${info.years} years, ${poolLabel(info)}, seed ${info.seed}, ${info.seconds.toFixed(1)} s`,
        ...(solution ? [solutionText(solution, kind)] : []),
        resultText(result, kind),
        '',
      ].join('\n') + methodText(info.method),
    );
    return 0;
  },
};
