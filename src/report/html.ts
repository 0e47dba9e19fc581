/**
 * The report as one self-contained HTML file: charts inline as SVG, no script, no
 * stylesheet or font fetched from anywhere, so it opens offline and can be attached. It
 * prints to A4 (./pdf.ts): the first page is the answer, each scheme starts a page, tables
 * are laid out to the page's width (./layout.ts) and nothing is wider than the page.
 */
import { renderSvg } from '../charts/render';
import { htmlTable } from '../format/table';
import { pageTables } from './layout';
import type { Report, ReportAnswer, ReportSection, ReportTable } from './model';

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
  t.rows.length === 0
    ? ''
    : `<h3>${escapeHtml(t.title)}</h3>${pageTables(t.columns, t.rows)
        .map((p) =>
          p.turned
            ? `<div class="turned">${htmlTable(p.columns, p.rows)}</div>`
            : htmlTable(p.columns, p.rows),
        )
        .join('')}`;

const figures = (svgs: string[]) => svgs.map((svg) => `<figure>${svg}</figure>`).join('');

const paragraphs = (text: ReportSection['text']) =>
  (text === undefined ? [] : Array.isArray(text) ? text : [text])
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');

/** The answer: the candidates at a glance, then each one's sentences, Chinese on the left and English beside. */
function answerSection(a: ReportAnswer): string {
  const items = a.items
    .map(
      (item) =>
        `<div class="candidate"><h3>${escapeHtml(item.title)}</h3><table class="sentences"><tbody>${item.sentences
          .map(
            (s) =>
              `<tr data-key="${escapeHtml(s.key)}"><td lang="zh-CN">${escapeHtml(s.zh)}</td><td lang="en">${escapeHtml(s.en)}</td></tr>`,
          )
          .join('')}</tbody></table></div>`,
    )
    .join('');
  return `<section class="answer"><h2>${escapeHtml(a.heading)}</h2><p>${escapeHtml(a.text)}</p>${htmlTable(a.glance.columns, a.glance.rows)}${items}</section>`;
}

// Screen: a readable column. Print: A4 portrait, the answer on page 1, a scheme a page;
// tables never scroll (a scrolling table is cut off on paper), charts scale to the width;
// words break only in a table's last column (notes, paths, hashes), where they must.
const STYLE = `
body { font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2em auto; max-width: 1000px; color: #222; font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 0.3em; } h2 { font-size: 18px; border-bottom: 2px solid #4c78a8; padding-bottom: 4px; margin-top: 1.2em; }
h3 { font-size: 15px; margin: 1em 0 0.3em; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 12px; font-variant-numeric: tabular-nums; width: 100%; }
th, td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; overflow-wrap: break-word; }
td:last-child { overflow-wrap: anywhere; }
th { background: #f3f3f3; font-weight: 600; }
td[style*="right"] { white-space: nowrap; }
thead { display: table-header-group; }
/* a turned table: its labels take 45% of the page, its figures share the rest */
.turned td:first-child, .turned th:first-child { width: 45%; }
table.sentences { width: 100%; font-size: 13px; table-layout: fixed; }
table.sentences td { border: none; border-top: 1px solid #e3e3e3; padding: 4px 8px 4px 0; }
.candidate { break-inside: avoid; }
figure { margin: 0.8em 0; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
tr { break-inside: avoid; } h2, h3 { break-after: avoid; }
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 12px; }
  table, table.sentences { font-size: 11px; } th, td { padding: 1px 5px; } table.sentences td { padding: 2px 8px 2px 0; }
  section.answer { break-after: page; }
  section.newpage { break-before: page; }
}
`;

export async function reportHtml(report: Report): Promise<string> {
  const parts: string[] = [];
  for (const s of report.sections) {
    const charts = await Promise.all((s.charts ?? []).map(renderSvg));
    parts.push(
      `<section${s.newPage ? ' class="newpage"' : ''}><h2>${escapeHtml(s.heading)}</h2>${paragraphs(s.text)}${s.chartsFirst ? figures(charts) : ''}${(s.tables ?? []).map(table).join('')}${s.chartsFirst ? '' : figures(charts)}</section>`,
    );
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(report.title)}</h1><p>${escapeHtml(report.subtitle)}</p>
${report.answer ? answerSection(report.answer) : ''}
${parts.join('\n')}
${timingSection(report)}
</body></html>
`;
}
