/**
 * yibao — the library entry point. Everything a notebook, a test or the CLI needs.
 *
 *   loadScheme ─▶ Scheme ─▶ settlePersonYear (exact) / adjudicateFile (claims CSV)
 */

export { adjudicateFile } from './engine/adjudicate';
export { explanationData, explanationText } from './engine/explain';
export {
  type ClaimEvent,
  outputColumns,
  type PersonYear,
  type Settlement,
  type Step,
  settlementRow,
  settlePersonYear,
} from './engine/settle';
export { YibaoError } from './errors';
export { type ClaimsPerson, readClaims } from './io/claims-csv';
export * from './model/codes';
export type { Events, Population } from './model/columns';
export { type LoadOptions, listSchemeIds, loadBasic, loadScheme } from './scheme/load';
export { type Overrides, parseOverrideList } from './scheme/overrides';
export type { BasicRules, Layer, Param, Scheme } from './scheme/types';
