/**
 * The units people type money figures in, and the range each figure is plausibly in.
 *
 *   text ──read in its unit (0.32% or 0.0032 of payroll; 60 yuan a head; 90% or 0.9)──▶
 *     number ──plausible range of the unit──▶ accepted, or refused unless forced
 *
 * A value outside its range is almost always a slip of the unit (0.32 typed for 0.32%,
 * 9 for 9%, 60% for 60 yuan, 90 for 90%), and would run silently at a rate a hundred
 * times off. The ranges are generous on purpose: they catch slips, not unusual choices,
 * and `--force` runs anyway.
 */
import { type ErrorPlace, YibaoError } from '../errors';
import * as msg from '../messages';
import type { FundingKind } from './rules';

/** Where a figure plausibly lies, and why, for the refusal. */
export interface PlausibleRange {
  min: number;
  max: number;
  why: string;
}

/** How a scheme's funding rate is written and where it plausibly lies. */
export interface FundingUnit {
  zh: string;
  en: string;
  /** the field of the scheme's `funding` block that holds the rate */
  field: 'rate' | 'share' | 'amount';
  /** a share is written 0.32% or 0.0032; an amount in yuan as a plain number */
  share: boolean;
  plausible: PlausibleRange;
}

export const FUNDING_UNITS: Record<FundingKind, FundingUnit> = {
  payroll_rate: {
    zh: '缴费基数的比例',
    en: 'share of the contribution base',
    field: 'rate',
    share: true,
    plausible: {
      min: 0,
      max: 0.05,
      why: "a layer on top of basic insurance is funded with a fraction of a percent of payroll; the employer's whole basic medical-insurance contribution is about 6–8%",
    },
  },
  pool_share: {
    zh: '居民医保筹资总额的比例',
    en: 'share of the resident pool',
    field: 'share',
    share: true,
    plausible: {
      min: 0,
      max: 0.3,
      why: 'a critical-illness layer takes a few percent of the resident pool; beyond 30% the basic insurance it sits on would be starved of funds',
    },
  },
  per_head: {
    zh: '元/人/年',
    en: 'yuan per head per year',
    field: 'amount',
    share: false,
    plausible: {
      min: 0,
      max: 1000,
      why: 'premiums of a layer on top of basic insurance are tens to a few hundred yuan a head; the whole resident funding is about 1,000 yuan a head',
    },
  },
};

/** The targets of `price`, as shares. */
export const TARGET_RANGES = {
  lossRatio: {
    min: 0.1,
    max: 2,
    why: 'a target loss ratio is the share of the premium paid out in claims; tenders ask about 80–95%, and below 10% or above 200% no fund is run',
  },
  deficitProbability: {
    min: 0,
    max: 0.5,
    why: 'a target deficit probability is a small risk accepted, such as 5%; above 50% a deficit is expected more often than not',
  },
} satisfies Record<string, PlausibleRange>;

/** A plain decimal number: no hex, no blanks, no `Infinity` (and, checked apart, not 1e400). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A non-negative number written as a share: `90%` or `0.9`. `what` names the option or
 * field in the refusal.
 */
export function readShare(what: string, text: string, place: ErrorPlace = {}): number {
  const t = text.trim();
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1).trim() : t;
  if (!NUMBER.test(digits) || !Number.isFinite(Number(digits)))
    throw new YibaoError(msg.option.notANumber(what, text, '90% or 0.9'), place);
  const n = Number(digits) / (percent ? 100 : 1);
  if (n < 0) throw new YibaoError(msg.option.negative(what, text), place);
  return n;
}

/** A funding rate written in its unit: `0.32%` or `0.0032` for a share, `60` for yuan. */
export function readRate(
  what: string,
  text: string,
  kind: FundingKind,
  place: ErrorPlace = {},
): number {
  const unit = FUNDING_UNITS[kind];
  if (unit.share) return readShare(what, text, place);
  const t = text.trim();
  if (t.endsWith('%'))
    throw new YibaoError(msg.option.percentForAmount(what, text, unit.en), place);
  if (!NUMBER.test(t) || !Number.isFinite(Number(t)))
    throw new YibaoError(msg.option.notANumber(what, text, '60'), place);
  const n = Number(t);
  if (n < 0) throw new YibaoError(msg.option.negative(what, text), place);
  return n;
}

/** How a value shows in its unit: `900%`, `1,200 yuan per head per year`. */
function shown(value: number, share: boolean, unit?: string): string {
  const figure = share
    ? `${+(value * 100).toPrecision(6)}%`
    : value.toLocaleString('en', { maximumFractionDigits: 2 });
  return unit ? `${figure} (${unit})` : figure;
}

/** A range as people read it: `0%–30%`, `0–1,000`. */
export function rangeText(range: PlausibleRange, share: boolean): string {
  return `${shown(range.min, share)}–${shown(range.max, share)}`;
}

/**
 * Why `value` is implausible for its range, or undefined when it is plausible. `given` is
 * what was typed, for the hint (`9` → write `9%`).
 */
export function implausible(
  what: string,
  value: number,
  range: PlausibleRange,
  share: boolean,
  given: string,
  unit?: string,
): string | undefined {
  if (value >= range.min && value <= range.max) return undefined;
  const hint =
    share && !given.trim().endsWith('%') && value > range.max
      ? `for ${given.trim()} percent write ${given.trim()}%`
      : 'check the unit';
  return msg.option.implausible(
    what,
    shown(value, share, unit),
    rangeText(range, share),
    range.why,
    hint,
  );
}
