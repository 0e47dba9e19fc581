/**
 * One person's settlement as readable text (Chinese and English labels, each step citing
 * its article) or as data.
 */
import type { ClaimsPerson } from '../io/claims-csv';
import type { Scheme } from '../scheme/types';
import { outputColumns, type Settlement, type Step, settlementRow } from './settle';

export interface Explanation {
  person_id: string;
  group: string;
  status: string;
  scheme: { id: string; title: { zh: string; en: string }; document: string };
  events: {
    seq: number;
    line: number;
    category: string;
    level: number;
    total: string;
    scope: string;
    excluded: string;
    cancer_drug_ooc: string;
  }[];
  steps: (Step & { citations: string[] })[];
  result: Record<string, string>;
  /** output column → bilingual label */
  layerLabels: Record<string, string>;
  assumptions: string[];
}

/** Turns a step's sources into citations: `达市府规〔2023〕2号 art. 9`, or `assumption`. */
function citations(scheme: Scheme, step: Step): string[] {
  const doc = step.layer === 'basic' ? scheme.basic.document.ref : scheme.document.ref;
  return step.sources.map((s) =>
    s === 'assumption' || s.startsWith('override') ? s : `${doc} ${s}`,
  );
}

export function explanationData(
  scheme: Scheme,
  person: ClaimsPerson,
  settlement: Settlement,
): Explanation {
  const columns = outputColumns(scheme);
  const values = settlementRow(scheme, settlement);
  const result: Record<string, string> = {};
  columns.slice(1).forEach((c, i) => {
    result[c] = values[i];
  });
  const usesAssumption = settlement.steps.some((s) => s.sources.includes('assumption'));
  const assumptions = usesAssumption
    ? [scheme.basic.document.ref, scheme.document.ref].map((ref, i) => {
        const note = i === 0 ? scheme.basic.raw.assumption_note : scheme.raw.assumption_note;
        return `${ref}: ${note ?? 'see the scheme file'}`;
      })
    : [];
  return {
    person_id: person.personId,
    group: person.group,
    status: person.status,
    scheme: { id: scheme.id, title: scheme.title, document: scheme.document.ref },
    events: person.events.map((e) => ({
      seq: e.seq,
      line: e.line,
      category: e.category,
      level: e.level,
      total: e.total,
      scope: e.scope,
      excluded: e.excluded,
      cancer_drug_ooc: e.cancerDrugOoc,
    })),
    steps: settlement.steps.map((s) => ({ ...s, citations: citations(scheme, s) })),
    result,
    layerLabels: Object.fromEntries(
      scheme.layers.map((l) => [l.id, `${l.label.zh} ${l.label.en}`]),
    ),
    assumptions,
  };
}

const money = (text: string) => {
  const [int, frac] = Number(text).toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};

export function explanationText(data: Explanation): string {
  const out: string[] = [];
  out.push(`Person ${data.person_id} · group ${data.group} · status ${data.status}`);
  out.push(
    `Scheme ${data.scheme.id}: ${data.scheme.title.zh} / ${data.scheme.title.en} (${data.scheme.document})`,
  );
  if (data.events.length === 0) out.push('', 'No events this year: nothing billed, nothing paid.');
  data.events.forEach((e, k) => {
    out.push('');
    out.push(
      `Event ${k + 1} (seq ${e.seq}, line ${e.line}): ${e.category}, level ${e.level}, total ${money(e.total)}, scope ${money(e.scope)}, excluded ${money(e.excluded)}, out-of-catalogue cancer drugs ${money(e.cancer_drug_ooc)}`,
    );
    for (const step of data.steps.filter((s) => s.event === k)) {
      out.push(`  ${step.label.zh} ${step.label.en}: ${money(step.amount)}`);
      out.push(`      ${step.detail}`);
      out.push(`      [${step.citations.join('; ')}]`);
    }
  });
  out.push('', 'Year 年度合计');
  const labels: Record<string, string> = {
    total: '费用总额 total',
    basic: '基本医保 basic',
    aid: '医疗救助 aid',
    oop: '个人负担 out-of-pocket',
    ...data.layerLabels,
  };
  for (const [column, value] of Object.entries(data.result)) {
    const shown = value === 'true' || value === 'false' ? value : money(value);
    out.push(`  ${(labels[column] ?? column).padEnd(40)} ${shown.padStart(14)}`);
  }
  for (const step of data.steps.filter((s) => s.event === null)) {
    out.push(
      `  ${step.label.zh} ${step.label.en}: ${step.amount} — ${step.detail} [${step.citations.join('; ')}]`,
    );
  }
  if (data.assumptions.length) {
    out.push('', 'Assumptions (numbers marked [assumption] are not in the policy text):');
    for (const a of data.assumptions) out.push(`  - ${a}`);
  }
  return `${out.join('\n')}\n`;
}
