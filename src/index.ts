/**
 * yibao — the library entry point. Everything a notebook, a test or the CLI needs.
 *
 *   loadScheme ─▶ Scheme ─▶ settlePersonYear (exact) / adjudicateFile (claims CSV)
 */

// Monte Carlo: calibration, generators, fast engine, parallel runs
export { loadCalibration } from './calibration/load';
export type { Calibration } from './calibration/model';
// Charts, reports, notebooks
export { renderPng, renderSvg } from './charts/render';
export * from './charts/specs';
export { adjudicateFile } from './engine/adjudicate';
export { explanationData, explanationText } from './engine/explain';
export { compilePlan } from './engine/fast/plan';
export { settleColumns } from './engine/fast/settle-columns';
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
// Funds over the years
export { runContract, type YearInput, type YearOutcome } from './fund/contract';
export { type FundingRule, type FundRules, formatRate, fundingOf, fundRulesOf } from './fund/rules';
export { type ClaimsPerson, readClaims } from './io/claims-csv';
export * from './model/codes';
export type { Events, Population } from './model/columns';
export { rowsOf, show, showTable, toDataFrame } from './notebook';
export { fastExp } from './random/exp';
export * from './random/samplers';
export { BLOCK_SIZE, createStream, Stream } from './random/stream';
export { candidatesReport, candidatesTable, runCandidates } from './report/candidates';
export { candidatesChart, schemeCharts } from './report/charts';
export { reportHtml, reportWorkbook, writeReport } from './report/write';
export { type LoadOptions, listSchemeIds, loadBasic, loadScheme } from './scheme/load';
export { type Overrides, parseOverrideList } from './scheme/overrides';
export type { BasicRules, Layer, Param, Scheme } from './scheme/types';
export { type Comparison, compareRuns } from './simulate/compare';
export { type Summary, spread, summarize } from './simulate/metrics';
export { formatSummary, scenarioRows, summaryRows, writeResults } from './simulate/output';
export { type PoolingResult, pooling } from './simulate/pooling';
export { type PriceResult, type PriceTarget, price } from './simulate/price';
export { scenarioPaths } from './simulate/scenarios';
export { type SensitivityResult, sensitivity } from './simulate/sensitivity';
export {
  applyContract,
  contractInputs,
  type PreparedRun,
  type Progress,
  prepareRun,
  type RunInfo,
  resultAt,
  runVariants,
  type SchemeRef,
  type SimulateOptions,
  type SimulationResult,
  simulate,
  type VariantRun,
} from './simulate/simulate';
export {
  forEachSyntheticBlock,
  type SyntheticYear,
  syntheticYear,
  writeSyntheticClaims,
} from './simulate/synthetic';
