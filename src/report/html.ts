/**
 * The report as one self-contained HTML file: charts inline as SVG, no script, no
 * stylesheet or font fetched from anywhere, so it opens offline and can be attached.
 */
import { renderSvg } from '../charts/render';
import { htmlTable } from '../format/table';
import type { Report, ReportTable } from './model';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The class of the page's timing section, which a replay sets aside. */
export const TIMING_CLASS = 'timing';

function timingSection(report: Report): string {
  if (!report.timing?.length) return '';
  const rows = report.timing
    .map((t) => `<tr><td>${escapeHtml(t.label)}</td><td>${escapeHtml(String(t.value))}</td></tr>`)
    .join('');
  return `<section class="${TIMING_CLASS}"><h2>用时 Timing</h2><p>When this report was made and how long its runs took: the only part of it a replay does not reproduce.</p><table><tbody>${rows}</tbody></table></section>`;
}

const table = (t: ReportTable) =>
  t.rows.length === 0 ? '' : `<h3>${escapeHtml(t.title)}</h3>${htmlTable(t.columns, t.rows)}`;

export async function reportHtml(report: Report): Promise<string> {
  const parts: string[] = [];
  for (const s of report.sections) {
    const charts = await Promise.all((s.charts ?? []).map(renderSvg));
    parts.push(
      `<section><h2>${escapeHtml(s.heading)}</h2>${s.text ? `<p>${escapeHtml(s.text)}</p>` : ''}${(s.tables ?? []).map(table).join('')}${charts.map((svg) => `<figure>${svg}</figure>`).join('')}</section>`,
    );
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body { font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; display: block; max-width: 100%; overflow-x: auto; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 3px 8px; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
figure { margin: 1em 0; } h2 { border-bottom: 2px solid #4c78a8; padding-bottom: 4px; }
</style></head><body>
<h1>${escapeHtml(report.title)}</h1><p>${escapeHtml(report.subtitle)}</p>
${parts.join('\n')}
${timingSection(report)}
</body></html>
`;
}
