/**
 * What a report is made of, before it is written as HTML (./html.ts) or as a workbook
 * (./workbook.ts): sections of text, tables and charts, and the tables only a workbook
 * holds (the scenario rows the summaries are computed from).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Column, Row } from '../format/table';
import type { RunRecord } from '../simulate/run-record';
import type { Sentence } from './sentences';

export interface ReportTable {
  /** heading, Chinese first: '达州 汇总 dazhou-2023 summary' */
  title: string;
  /** workbook sheet name (Excel allows 31 characters); default the title */
  sheet?: string;
  columns: Column[];
  rows: Row[];
  /**
   * The table each row here summarises: its rows whose `by` equals this row's `by` (the
   * scenarios of a year). A workbook writes the columns with an `aggregate` as formulas over
   * them; the detail rows must come grouped by `by`.
   */
  detail?: { table: ReportTable; by: string };
  /** on the page only: the workbook holds its rows in another table (one sheet for several) */
  pageOnly?: boolean;
}

export interface ReportSection {
  heading: string;
  /** a paragraph, or several */
  text?: string | string[];
  /** printed from the top of a page (a scheme's charts and tables) */
  newPage?: boolean;
  /** the charts before the tables (a small chart that sums up a long table) */
  chartsFirst?: boolean;
  tables?: ReportTable[];
  charts?: TopLevelSpec[];
}

/** The first page: per candidate, the answer in sentences built from its figures. */
export interface ReportAnswer {
  heading: string;
  text: string;
  /** the candidates at a glance, a row each, above their sentences */
  glance: { columns: Column[]; rows: Row[] };
  items: { title: string; sentences: Sentence[] }[];
}

export interface Report {
  title: string;
  subtitle: string;
  answer?: ReportAnswer;
  sections: ReportSection[];
  /** tables for the workbook only: too long to read in a page */
  sheets?: ReportTable[];
  /** the run's record, written beside the report as run.json (what replays it) */
  run?: RunRecord;
  /**
   * When the report was made and how long its runs took: all a replay does not reproduce,
   * so kept apart (the page's timing section, the workbook's timing sheet).
   */
  timing?: { label: string; value: string | number }[];
}
