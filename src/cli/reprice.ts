/**
 * `yibao reprice`: last year's claims under the current rule and proposed variants, with
 * next year's trend: what each costs the fund, layer by layer, and who gains.
 *
 *   options ─▶ baseline scheme (+ --set), variants (--variant, each a file or overrides)
 *     ─▶ repriceClaims (exact engine, one person at a time) ─▶ CSV | JSON (+ --report DIR)
 */
import * as fs from 'node:fs';
import { loadCalibration } from '../calibration/load';
import { YibaoError } from '../errors';
import { parseEncoding } from '../io/decode';
import { writeReport } from '../report/write';
import { repriceCsv, repriceJson, repriceTables } from '../reprice/output';
import { type RepriceVariant, repriceClaims } from '../reprice/reprice';
import type { Trend } from '../reprice/trend';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { parseCommandArgs, requireOption, wholeOption } from './args';
import type { Command } from './command';

/** `6%` or `0.06` → 0.06; negative trends are allowed (a falling cost or utilisation). */
export function parseShare(name: string, text: string | undefined): number {
  if (text === undefined) return 0;
  const t = text.trim();
  const percent = t.endsWith('%');
  const n = Number(percent ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n))
    throw new YibaoError(`--${name} must be a share such as 6% or 0.06, got '${text}'`);
  const share = percent ? n / 100 : n;
  if (share <= -1 || share > 10)
    throw new YibaoError(`--${name} must be above -100% and at most 1000%, got '${text}'`);
  return share;
}

export const repriceCommand: Command = {
  name: 'reprice',
  help: `yibao reprice --scheme <id|path> --claims <file.csv> --variant <B.yaml | path=value,...> ...
               [--set path=value ...] [--cost-trend 6%] [--utilisation-trend 2%] [--seed N]
               [--insured N] [--calibration <id|path>] [--format csv|json] [--labels codes|zh]
               [--encoding E] [--out FILE] [--report DIR]

Reprices last year's claims (政策调整测算): every person's year settled exactly (decimal.js,
to the fen) under the baseline scheme and under each variant, on the same bills. Writes one
table, a column per scheme and per difference (variant − baseline):
  cost        basic, each layer, aid, the fund in all, out-of-pocket, billed: in yuan, per
              insured and per claimant
  who gains   per group, status and cost band (the calibration's bands of a person's bill):
              persons, out-of-pocket per person, persons paying less and more
  alert       persons whose out-of-pocket is above the alert threshold (10,000 by default)

Next year's trend, if given:
  --cost-trend c         every amount × (1 + c), rounded half-up to the fen
  --utilisation-trend u  each person with claims counts twice with probability u (u < 0:
                         not at all with probability −u), drawn from a hash of (--seed,
                         person_id): the same whatever the file's order; the number of
                         insured is unchanged, so the share with claims grows by u

Options:
  --scheme        the current rule: a shipped scheme id or a scheme .yaml
  --claims        last year's claims CSV (adjudicate format); a person's rows together
  --variant       a proposed rule: a scheme .yaml, or overrides of the baseline as
                  path=value pairs (comma-separated); repeat for several variants
  --set           overrides of the baseline itself (repeatable)
  --insured       insured persons, those without claims included (default: persons in the file)
  --calibration   where the alert threshold and cost bands come from (default: default)
  --seed          seed of the utilisation resampling (default 1)
  --format        csv (default) or json (with what is needed to replay the run)
  --out           write here instead of stdout
  --report        also write DIR/report.html and DIR/report.xlsx
  --labels        codes (default) or zh: name groups and statuses by their Chinese labels
  --encoding      the CSV's text encoding: utf-8 (default), gb18030 or gbk; .xlsx is read as
                  a workbook; codes may be Chinese labels (data/codes/claims.yaml)

Example:
  yibao reprice --scheme guiyang-2023 --claims last-year.csv \\
    --variant "layers.critical_illness.components.0.bands.0.from=5000" --cost-trend 6% --utilisation-trend 2%
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('reprice', args, {
      strings: [
        'scheme',
        'claims',
        'cost-trend',
        'utilisation-trend',
        'seed',
        'insured',
        'calibration',
        'format',
        'out',
        'report',
        'encoding',
        'labels',
      ],
      lists: ['variant', 'set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new YibaoError(`--format must be csv or json, not '${format}'`);
    const schemeId = requireOption('reprice', values.scheme, 'scheme');
    const claims = requireOption('reprice', values.claims, 'claims');
    if (lists.variant.length === 0)
      throw new YibaoError(
        'reprice: --variant is required (a scheme file or path=value overrides)',
      );
    const baseOverrides = parseOverrideList(lists.set);
    const baseline = loadScheme(schemeId, { overrides: baseOverrides });
    const variants: RepriceVariant[] = lists.variant.map((v) => {
      if (/\.ya?ml$/.test(v) && !v.includes('=')) {
        if (!fs.existsSync(v)) throw new YibaoError(`--variant: no such file '${v}'`);
        return { name: v, scheme: loadScheme(v) };
      }
      const overrides = { ...baseOverrides, ...parseOverrideList(v.split(',')) };
      return { name: v, scheme: loadScheme(schemeId, { overrides }) };
    });
    const trend: Trend = {
      cost: parseShare('cost-trend', values['cost-trend']),
      utilisation: parseShare('utilisation-trend', values['utilisation-trend']),
      seed: wholeOption('seed', values.seed, 0) ?? 1,
    };
    if (trend.utilisation < -1 || trend.utilisation > 1)
      throw new YibaoError('--utilisation-trend must lie between -100% and 100%');
    const result = await repriceClaims(
      claims,
      baseline,
      variants,
      loadCalibration(values.calibration ?? 'default'),
      {
        trend,
        insured: wholeOption('insured', values.insured, 0),
        encoding: parseEncoding(values.encoding),
        onProgress: io.interactive
          ? (n) => io.stderr(`\r  ${n.toLocaleString('en')} lines read`)
          : undefined,
      },
    );
    if (io.interactive) io.stderr('\r');
    const replay = {
      scheme: schemeId,
      set: lists.set,
      variants: lists.variant,
      calibration: values.calibration ?? 'default',
    };
    const labels = values.labels ?? 'codes';
    if (labels !== 'codes' && labels !== 'zh')
      throw new YibaoError(`--labels must be codes or zh, not '${labels}'`);
    const text =
      format === 'csv' ? repriceCsv(result, labels) : repriceJson(result, replay, labels);
    const written: string[] = [];
    if (values.report)
      written.push(
        ...(await writeReport(values.report, {
          title: `政策调整测算 Repricing: ${baseline.title.zh}`,
          subtitle: `${claims}; variants: ${lists.variant.join(' | ')}; cost trend ${trend.cost}, utilisation trend ${trend.utilisation}, seed ${trend.seed}`,
          sections: [{ heading: '结果 Result', tables: repriceTables(result, labels) }],
        })),
      );
    if (values.out) fs.writeFileSync(values.out, text);
    else io.stdout(text);
    if (values.out || written.length > 0)
      io.stderr(
        `repriced ${result.personsInFile.toLocaleString('en')} persons (${result.claimants.toLocaleString('en')} claimants after trend) under ${result.schemes.length} schemes${values.out ? ` → ${values.out}` : ''}${written.length > 0 ? `; report: ${written.join(', ')}` : ''}\n`,
      );
    return 0;
  },
};
