/**
 * The first page of the report: per candidate, the answer a pricing review asks for, in
 * sentences built from its figures (./review.ts), Chinese first and English beside. Every
 * number in them goes through src/format, by its kind, so the sentence and the tables read
 * the same; nothing here is written without a figure behind it.
 */
import { formatFigure, RATE_UNITS } from '../format/numbers';
import type { Column, Row } from '../format/table';
import type { FundingKind } from '../fund/rules';
import type { PriceResult } from '../simulate/price';
import type { ReviewFigures } from './review';

export interface Sentence {
  /** what the sentence answers: verdict, error, rate_for_loss_target, … */
  key: string;
  zh: string;
  en: string;
}

const pct = (v: number) => formatFigure(v, 'probability');
const share = (v: number) => formatFigure(v, 'percent');
const wan = (v: number) => `${formatFigure(v, 'wan')} 万元`;

/** A rate in its scheme's unit: '0.320% 占缴费基数' / '0.320% of payroll', '60.00 元/人'. */
function rateIn(kind: FundingKind, v: number, lang: 'zh' | 'en'): string {
  const figure = formatFigure(v, 'rate', kind);
  if (kind === 'per_head') return lang === 'zh' ? `${figure}/年` : `${figure} a year`;
  return `${figure} ${RATE_UNITS[kind][lang]}`;
}

/** A rate found by price(), with its bootstrap error and 90% interval. */
function pricedRate(kind: FundingKind, p: PriceResult, lang: 'zh' | 'en'): string {
  const r = (v: number) => formatFigure(v, 'rate', kind);
  // 51.49–54.81 元/人: the unit once, after the interval (a % stays on both ends)
  const low = kind === 'per_head' ? formatFigure(p.low, 'yuan') : r(p.low);
  return lang === 'zh'
    ? `${rateIn(kind, p.rate, 'zh')}（标准误 ${r(p.standardError)}，90% 区间 ${low}–${r(p.high)}）`
    : `${rateIn(kind, p.rate, 'en')} (standard error ${r(p.standardError)}, 90% interval ${low}–${r(p.high)})`;
}

/** The parts of what comes back to the pool that the contract has, in words. */
function returnedParts(f: ReviewFigures, lang: 'zh' | 'en'): string {
  const words = {
    refund: { zh: '低于中标赔付率的返还', en: 'refunds below the bid' },
    excess: { zh: '超过盈利率的结余返还', en: 'excess above the profit cap' },
    holdback: { zh: '扣留的保证金', en: 'holdback kept' },
  };
  const parts = (Object.keys(words) as (keyof typeof words)[])
    .filter((k) => f.returned[k] > 0)
    .map((k) => `${words[k][lang]} ${wan(f.returned[k])}`);
  return parts.join(lang === 'zh' ? '、' : ', ');
}

function verdict(f: ReviewFigures): Sentence {
  const years = f.years;
  const zhAt = `按现行费率 ${rateIn(f.kind, f.rate, 'zh')}，${years}年内任一年当年基金收支出现赤字的概率为 ${pct(f.deficit.value)}`;
  const enAt = `At ${rateIn(f.kind, f.rate, 'en')}, the probability that the scheme money is in deficit in some of the ${years} years is ${pct(f.deficit.value)}`;
  if (f.tolerance === null)
    return {
      key: 'verdict',
      zh: `${zhAt}；方案文件未设可接受的赤字概率（review.deficit_tolerance），不作充足性判断。`,
      en: `${enAt}; the scheme file sets no tolerance (review.deficit_tolerance), so no verdict is given.`,
    };
  const tol = pct(f.tolerance);
  return f.adequate
    ? {
        key: 'verdict',
        zh: `${zhAt}，不高于可接受的 ${tol}：费率充足。`,
        en: `${enAt}, within the tolerance of ${tol}: the rate is adequate.`,
      }
    : {
        key: 'verdict',
        zh: `${zhAt}，高于可接受的 ${tol}：费率不足。`,
        en: `${enAt}, above the tolerance of ${tol}: the rate is not adequate.`,
      };
}

function error(f: ReviewFigures): Sentence {
  const d = f.deficit;
  const n = formatFigure(f.scenarios, 'count');
  const straddles = f.tolerance !== null && d.low <= f.tolerance && f.tolerance < d.high;
  return {
    key: 'error',
    zh: `该概率的蒙特卡洛标准误为 ${pct(d.standardError)}，95% 区间 ${pct(d.low)}–${pct(d.high)}（${n} 个情景）${straddles ? '；区间跨过可接受值，增加情景数可使判断更确定' : ''}。`,
    en: `Its Monte Carlo standard error is ${pct(d.standardError)}, 95% interval ${pct(d.low)}–${pct(d.high)} (${n} scenarios)${straddles ? '; the interval straddles the tolerance, so more scenarios would settle the verdict' : ''}.`,
  };
}

function rateForLossTarget(f: ReviewFigures): Sentence {
  const p = f.rateForLossTarget;
  const t = share(f.lossTarget.value);
  const zhTarget =
    f.lossTarget.basis === 'bid'
      ? `中标净赔付率 ${t}`
      : `盈亏平衡赔付率 ${t}（1 − 运营成本占比 ${share(1 - f.lossTarget.value)}，合同未设中标赔付率）`;
  const enTarget =
    f.lossTarget.basis === 'bid'
      ? `the bid net loss ratio of ${t}`
      : `the break-even loss ratio of ${t} (1 − the operating-cost share of ${share(1 - f.lossTarget.value)}; the contract names no bid)`;
  // at the rate of this run (a run at another rate than the scheme's says so in its figures)
  const now = f.lossRatio;
  const zhNow = now === null ? '无保费，赔付率无定义' : `为 ${share(now)}`;
  const enNow = now === null ? 'undefined (no premium)' : `is ${share(now)}`;
  return {
    key: 'rate_for_loss_target',
    zh: `使${f.years}年预期净赔付率等于${zhTarget}的费率为 ${pricedRate(f.kind, p, 'zh')}；现行费率下预期净赔付率${zhNow}。`,
    en: `The rate for an expected net loss ratio over the ${f.years} years equal to ${enTarget} is ${pricedRate(f.kind, p, 'en')}; at the current rate the expected loss ratio ${enNow}.`,
  };
}

function rateForTolerance(f: ReviewFigures): Sentence | null {
  const p = f.rateForTolerance;
  if (p === null || f.tolerance === null) return null;
  const tol = pct(f.tolerance);
  return {
    key: 'rate_for_tolerance',
    zh: `使赤字概率不高于 ${tol} 的最低费率为 ${pricedRate(f.kind, p, 'zh')}。`,
    en: `The lowest rate at which the probability of a deficit is within ${tol} is ${pricedRate(f.kind, p, 'en')}.`,
  };
}

function backToPool(f: ReviewFigures): Sentence {
  const y = f.years;
  const shared =
    f.poolLossShare > 0
      ? {
          zh: `；基金另分担承办机构亏损平均 ${wan(f.poolLossShare)}`,
          en: `; the pool bears ${wan(f.poolLossShare)} of the insurer's losses on average`,
        }
      : { zh: '', en: '' };
  if (f.returnedToPool === 0)
    return {
      key: 'back_to_pool',
      zh: `按现行费率，${y}年内没有资金回到基金（保费平均 ${wan(f.premium)}）${shared.zh}。`,
      en: `At the current rate nothing comes back to the pool over the ${y} years (premium ${wan(f.premium)} on average)${shared.en}.`,
    };
  const of = f.premium > 0 ? share(f.returnedToPool / f.premium) : formatFigure(null, 'percent');
  return {
    key: 'back_to_pool',
    zh: `按现行费率，${y}年合计平均有 ${wan(f.returnedToPool)} 回到基金（${returnedParts(f, 'zh')}），占保费 ${wan(f.premium)} 的 ${of}${shared.zh}。`,
    en: `At the current rate ${wan(f.returnedToPool)} comes back to the pool over the ${y} years on average (${returnedParts(f, 'en')}), ${of} of the premium of ${wan(f.premium)}${shared.en}.`,
  };
}

function insurer(f: ReviewFigures): Sentence {
  const i = f.insurer;
  return {
    key: 'insurer',
    zh: `承办机构${f.years}年合计经营结果期望为 ${wan(i.mean)}（标准误 ${wan(i.standardError)}），亏损概率 ${pct(i.lossProbability)}。`,
    en: `The insurer's expected result over the ${f.years} years is ${wan(i.mean)} (standard error ${wan(i.standardError)}), with a probability of loss of ${pct(i.lossProbability)}.`,
  };
}

/** The first page's sentences for one candidate, in reading order. */
export function reviewSentences(f: ReviewFigures): Sentence[] {
  return [
    verdict(f),
    error(f),
    rateForLossTarget(f),
    rateForTolerance(f),
    backToPool(f),
    insurer(f),
  ].filter((s): s is Sentence => s !== null);
}

/** The verdict in a word, for the table at a glance. */
const verdictWord = (f: ReviewFigures) =>
  f.adequate === null ? '— no tolerance' : f.adequate ? '充足 adequate' : '不足 not adequate';

/**
 * The candidates at a glance, above their sentences: the same figures, a row each, so the
 * first lines of the report compare them.
 */
export function glanceTable(all: ReviewFigures[]): { columns: Column[]; rows: Row[] } {
  const unit = (row: Row) => row.kind as FundingKind;
  return {
    columns: [
      { key: 'name', label: { zh: '方案', en: 'scheme' }, kind: 'text' },
      { key: 'rate', label: { zh: '现行费率', en: 'rate' }, kind: 'rate', rateUnit: unit },
      { key: 'deficit', label: { zh: '赤字概率', en: 'P(deficit)' }, kind: 'probability' },
      { key: 'verdict', label: { zh: '判断', en: 'verdict' }, kind: 'text' },
      {
        key: 'for_loss',
        label: { zh: '目标赔付率费率', en: 'rate for the loss target' },
        kind: 'rate',
        rateUnit: unit,
      },
      {
        key: 'for_tolerance',
        label: { zh: '容忍度费率', en: 'rate for the tolerance' },
        kind: 'rate',
        rateUnit: unit,
      },
      { key: 'insurer', label: { zh: '承办机构结果', en: 'insurer, mean' }, kind: 'wan' },
    ],
    rows: all.map((f) => ({
      name: `${f.scheme.title.zh} ${f.scheme.id}`,
      kind: f.kind,
      rate: f.rate,
      deficit: f.deficit.value,
      verdict: verdictWord(f),
      for_loss: f.rateForLossTarget.rate,
      for_tolerance: f.rateForTolerance?.rate ?? null,
      insurer: f.insurer.mean,
    })),
  };
}
