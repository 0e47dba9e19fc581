/**
 * Reports: one self-contained HTML file (charts inline as SVG, no script, no network) and
 * an Excel workbook of the tables, for bureaus and insurers who work in Excel. Both end
 * with the run's record (what replays it) and its timing, marked as such.
 */
import ExcelJS from 'exceljs';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../charts/render';
import { writeRunFiles } from '../simulate/output';
import { type RunRecord, recordRows } from '../simulate/run-record';

export interface ReportTable {
  title: string;
  /** null: an undefined figure (a ratio without denominator), shown as '—' */
  rows: Record<string, string | number | boolean | null | undefined>[];
}

export interface ReportSection {
  heading: string;
  text?: string;
  tables?: ReportTable[];
  charts?: TopLevelSpec[];
}

export interface Report {
  title: string;
  subtitle: string;
  sections: ReportSection[];
  /** the run's record: the last section of the page, the 'run' sheet of the workbook */
  run?: RunRecord;
  /** when the report was made and how long its runs took: all a replay does not reproduce */
  timing?: { label: string; value: string }[];
}

/** Marks a report's timing values in the HTML, so that a replay can set them aside. */
export const TIMING_CLASS = 'timing';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const UNDEFINED = '—';

function cell(v: string | number | boolean | null | undefined): string {
  if (v === undefined) return '';
  if (v === null) return UNDEFINED;
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? v.toLocaleString('en')
      : v.toLocaleString('en', { maximumFractionDigits: 4 });
  return escapeHtml(String(v));
}

function htmlTable(t: ReportTable): string {
  if (t.rows.length === 0) return '';
  const keys = Object.keys(t.rows[0]);
  return `<h3>${escapeHtml(t.title)}</h3><table><thead><tr>${keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${keys.map((k) => `<td>${cell(r[k])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The run's record and timing, as the report's last section. */
function runSection(report: Report): string {
  const rows = report.run ? recordRows(report.run) : [];
  const cells = [
    ...rows.map((r) => `<tr><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.value)}</td></tr>`),
    ...(report.timing ?? []).map(
      (t) =>
        `<tr><td>${escapeHtml(t.label)}</td><td><span class="${TIMING_CLASS}">${escapeHtml(t.value)}</span></td></tr>`,
    ),
  ];
  if (cells.length === 0) return '';
  return `<section><h2>运行记录 Run record</h2><p>What replays this report: <code>yibao replay summary.json</code> in its folder, or the command below with the same files (their SHA-256).</p><table class="run"><tbody>${cells.join('')}</tbody></table></section>`;
}

export async function reportHtml(report: Report): Promise<string> {
  const parts: string[] = [];
  for (const s of report.sections) {
    const charts = await Promise.all((s.charts ?? []).map(renderSvg));
    parts.push(
      `<section><h2>${escapeHtml(s.heading)}</h2>${s.text ? `<p>${escapeHtml(s.text)}</p>` : ''}${(s.tables ?? []).map(htmlTable).join('')}${charts.map((svg) => `<figure>${svg}</figure>`).join('')}</section>`,
    );
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body { font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
figure { margin: 1em 0; } h2 { border-bottom: 2px solid #4c78a8; padding-bottom: 4px; }
table.run td { text-align: left; word-break: break-all; }
</style></head><body>
<h1>${escapeHtml(report.title)}</h1><p>${escapeHtml(report.subtitle)}</p>
${parts.join('\n')}
${runSection(report)}
</body></html>
`;
}

export async function reportWorkbook(report: Report): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yibao';
  const used = new Set<string>();
  for (const s of report.sections)
    for (const t of s.tables ?? []) {
      if (t.rows.length === 0) continue;
      // Excel sheet names: at most 31 characters, unique, none of []:*?/\
      let name = t.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
      for (let i = 2; used.has(name); i++) name = `${t.title.slice(0, 27)} ${i}`;
      used.add(name);
      const sheet = wb.addWorksheet(name);
      const keys = Object.keys(t.rows[0]);
      sheet.columns = keys.map((k) => ({ header: k, key: k, width: Math.max(12, k.length + 2) }));
      for (const r of t.rows)
        sheet.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? UNDEFINED])));
      sheet.getRow(1).font = { bold: true };
    }
  if (report.run || report.timing) {
    const sheet = wb.addWorksheet('run');
    sheet.columns = [
      { header: 'field', key: 'field', width: 24 },
      { header: 'value', key: 'value', width: 100 },
      { header: 'timing', key: 'timing', width: 8 },
    ];
    for (const r of report.run ? recordRows(report.run) : []) sheet.addRow(r);
    for (const t of report.timing ?? [])
      sheet.addRow({ field: t.label, value: t.value, timing: 'yes' });
    sheet.getRow(1).font = { bold: true };
  }
  return wb;
}

/** The report's files, report.html and report.xlsx, for a run's set of files. */
export async function reportFiles(report: Report): Promise<Record<string, string | Uint8Array>> {
  const html = await reportHtml(report);
  const wb = await reportWorkbook(report);
  return { 'report.html': html, 'report.xlsx': new Uint8Array(await wb.xlsx.writeBuffer()) };
}

/**
 * Writes report.html and report.xlsx (and the run's record, run.json) into `dir` as one
 * set: all or none, replacing an earlier run's files there.
 */
export async function writeReport(dir: string, report: Report): Promise<string[]> {
  const files = await reportFiles(report);
  if (report.run) files['run.json'] = `${JSON.stringify(report.run, null, 2)}\n`;
  return writeRunFiles(dir, files);
}
