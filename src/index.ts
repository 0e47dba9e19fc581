/**
 * yibao — the library entry point. Everything a notebook, a test or the CLI needs.
 *
 *   loadScheme ─▶ Scheme ─▶ settlePersonYear (exact) / adjudicateFile (claims CSV)
 */

// Monte Carlo: calibration, generators, fast engine, parallel runs
export { loadCalibration } from './calibration/load';
export type { Calibration } from './calibration/model';
export { BULLETIN_FUNDS, type FundFigures, publishedFigures } from './calibration/published';
// Charts, reports, notebooks
export { renderPng, renderSvg } from './charts/render';
export * from './charts/specs';
export { adjudicateFile } from './engine/adjudicate';
export { explanationData, explanationText } from './engine/explain';
export { compilePlan } from './engine/fast/plan';
export { settleColumns } from './engine/fast/settle-columns';
export {
  type AlertList,
  type AlertListRow,
  alertListFile,
  formatAlertList,
  oopByQuarter,
} from './engine/quarterly-alerts';
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
// Figures and tables for people: one rule per kind of figure
export {
  excelFormat,
  type FigureKind,
  formatFigure,
  formatRate,
  type Label,
  RATE_UNITS,
  storedFigure,
} from './format/numbers';
export {
  type Column,
  type ColumnHints,
  columnsOf,
  htmlTable,
  type Row,
  textTable,
} from './format/table';
export { padText, textWidth } from './format/width';
// Funds over the years: the contract's ledger, cash within the year
export { type CashPosition, cashPositions, settlementOf } from './fund/cash';
export {
  type LedgerOptions,
  type LedgerYear,
  type LedgerYearInput,
  openingBalanceOf,
  rateUnits,
  runLedger,
} from './fund/ledger';
export {
  LEDGER_COLUMNS,
  ledgerCell,
  ledgerCsv,
  ledgerJson,
  ledgerLabel,
  yuanText,
} from './fund/ledger-columns';
export {
  individualContribution,
  type MedicalAidRules,
  medicalAidOf,
  subsidyPerHeadFen,
} from './fund/medical-aid';
export {
  type CountyYear,
  type ReconcileRules,
  type Reconciliation,
  reconcile,
  reconcileRulesOf,
} from './fund/reconcile';
export {
  type FundingRule,
  type FundRules,
  fundingOf,
  fundRulesOf,
  type LossCause,
} from './fund/rules';
export { type ClaimsPerson, readClaims } from './io/claims-csv';
export { readLedgerYears } from './io/ledger-csv';
export { formatReconciliation, readHistory } from './io/reconcile-csv';
export { writeGeneratedClaims } from './io/write-claims';
export * from './model/codes';
export type { Events, Population } from './model/columns';
export {
  assertStated,
  hintsOf,
  NOTEBOOK_COLUMNS,
  notebookTable,
  priceColumns,
  rowsOf,
  show,
  showTable,
  toDataFrame,
} from './notebook';
export { fastExp } from './random/exp';
export * from './random/samplers';
export { BLOCK_SIZE, createStream, Stream } from './random/stream';
export {
  CANDIDATE_COLUMNS,
  candidatesReport,
  candidatesTable,
  runCandidates,
} from './report/candidates';
export { candidatesChart, schemeCharts } from './report/charts';
export { reportHtml } from './report/html';
export type { Report, ReportSection, ReportTable } from './report/model';
export { runInformation } from './report/run-info';
export { reportWorkbook } from './report/workbook';
export { writeReport } from './report/write';
export { type RepriceRow, repriceCsv, repriceRows, repriceTables } from './reprice/output';
export { type RepriceResult, type RepriceVariant, repriceClaims } from './reprice/reprice';
export { type BenefitCut, benefitCuts } from './scheme/benefit-cuts';
export { type LoadOptions, listSchemeIds, loadBasic, loadScheme } from './scheme/load';
export { type Overrides, parseOverrideList } from './scheme/overrides';
export type { BasicRules, Layer, Param, Scheme } from './scheme/types';
export { type AidBudgetYear, aidBudgetReportRows } from './simulate/aid-budget-summary';
export { type Comparison, compareRuns } from './simulate/compare';
export { agreement, type Check } from './simulate/large-pool/agreement';
export {
  DEFAULT_FROM_PERSONS,
  DEFAULT_WORK_RATIO,
  defaultMethod,
  LEAST_PERSONS,
  type Method,
  type MethodInfo,
  MOST_SKEWNESS,
  type YearError,
} from './simulate/large-pool/method';
export {
  gridPersonYears,
  type MethodOptions,
  runByMethod,
  runLargePool,
} from './simulate/large-pool/run';
export {
  deficitAnyYear,
  expectedLossRatio,
  percentileInc,
  type Summary,
  spread,
  summarize,
} from './simulate/metrics';
export {
  formatSummary,
  OUTCOME_FIELDS,
  resultFiles,
  SUMMARY_FIELDS,
  scenarioColumns,
  scenarioRows,
  summaryColumns,
  summaryRows,
  writeResults,
  writeRunFiles,
} from './simulate/output';
export { type PoolingResult, pooling } from './simulate/pooling';
export { type PriceResult, type PriceTarget, price } from './simulate/price';
export { planRun, type RunPlan } from './simulate/resources';
export { type RunRecord, runRecord } from './simulate/run-record';
export { scenarioPaths } from './simulate/scenarios';
export { type SensitivityResult, sensitivity } from './simulate/sensitivity';
export {
  applyContract,
  type ContractOptions,
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
  type YearOutcome,
} from './simulate/simulate';
export {
  forEachSyntheticBlock,
  type SyntheticYear,
  syntheticYear,
  writeSyntheticClaims,
} from './simulate/synthetic';
export {
  checkTender,
  hasBid,
  type ResultSpread,
  type RiskMeasures,
  riskMeasures,
  solveTender,
  type TenderResult,
  type TenderSolution,
  type TenderTarget,
  type TenderTerms,
  type TenderYear,
  tenderResult,
} from './simulate/tender';
