/**
 * `yibao reprice`: last year's claims under the current rule and proposed variants, with
 * next year's trend: what each costs the fund, layer by layer, and who gains.
 *
 *   options ─▶ baseline scheme (+ --set), variants (--variant, each a file or overrides)
 *     ─▶ repriceClaims (exact engine, one person at a time) ─▶ CSV | JSON (+ --report DIR)
 */
import { loadCalibration } from '../calibration/load';
import { YibaoError } from '../errors';
import { parseEncoding, STDIN } from '../io/decode';
import { checkOutputFile, checkOutputFolder, placeFile, writeAll } from '../io/output';
import * as msg from '../messages';
import { writeReport } from '../report/write';
import { repriceCsv, repriceJson, repriceTables } from '../reprice/output';
import { type RepriceVariant, repriceClaims } from '../reprice/reprice';
import type { Trend } from '../reprice/trend';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { fileHash, runRecord } from '../simulate/run-record';
import {
  choiceOption,
  parseCommandArgs,
  requireOption,
  shareOption,
  tableFormatOption,
  wholeOption,
} from './args';
import type { Command } from './command';
import { variantRef } from './simulate';

/**
 * A trend (`6%` or `0.06`; 0 when not given), above −100% and at most `max`: a cost or a
 * utilisation cannot fall by all of it, and growth beyond that is a slip of the unit.
 */
function trendOption(option: string, text: string | undefined, max: number, range: string): number {
  const share = shareOption(option, text) ?? 0;
  if (share <= -1 || share > max) throw new YibaoError(msg.option.shareRange(option, range, text!));
  return share;
}

export const repriceCommand: Command = {
  name: 'reprice',
  help: `yibao reprice --scheme <id|path> --claims <file.csv|file.xlsx|file.parquet|-> --variant <B.yaml | path=value,...> ...
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

The sums (cost per payer, out-of-pocket, who gains, alerts) are computed in SQL by DuckDB
over a row per settled person, in whole fen; settlement itself is the exact engine's.

Next year's trend, if given:
  --cost-trend c         every amount × (1 + c), rounded half-up to the fen
  --utilisation-trend u  each person with claims counts twice with probability u (u < 0:
                         not at all with probability −u), drawn from a hash of (--seed,
                         person_id): the same whatever the file's order; the number of
                         insured is unchanged, so the share with claims grows by u

Options:
  --scheme        the current rule: a shipped scheme id or a scheme .yaml
  --claims        last year's claims, CSV, .xlsx or .parquet (adjudicate format), or - for
                  a CSV on standard input; a person's rows together
  --variant       a proposed rule: a scheme .yaml, or overrides of the baseline as
                  path=value pairs (comma-separated); repeat for several variants
  --set           overrides of the baseline itself (repeatable)
  --insured       insured persons, those without claims included (default: persons in the file)
  --calibration   where the alert threshold and cost bands come from (default: default)
  --seed          seed of the utilisation resampling (default 1)
  --format        csv (default) or json (with what is needed to replay the run: the command,
                  each input file with its SHA-256, the claims extract's included)
  --out           write here instead of stdout
  --report        also write DIR/report.html and DIR/report.xlsx
  --labels        codes (default) or zh: name groups and statuses by their Chinese labels
  --encoding      the CSV's text encoding: utf-8 (default), gb18030 or gbk; .xlsx is read as
                  a workbook, .parquet through DuckDB; codes may be Chinese labels
                  (data/codes/claims.yaml)

Example:
  yibao reprice --scheme dazhou-2023 --claims examples/claims-dazhou.csv --variant "layers.large_expense.components.0.bands.0.from=3000" --cost-trend 6% --utilisation-trend 2%
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
    const format = tableFormatOption(values.format);
    const labels = choiceOption('labels', ['codes', 'zh'] as const, values.labels) ?? 'codes';
    const schemeId = requireOption('reprice', values.scheme, 'scheme');
    const claims = requireOption('reprice', values.claims, 'claims');
    if (lists.variant.length === 0)
      throw new YibaoError(msg.cli.missingOption('reprice', 'variant'));
    const trend: Trend = {
      cost: trendOption('--cost-trend', values['cost-trend'], 10, 'above -100% and at most 1000%'),
      utilisation: trendOption(
        '--utilisation-trend',
        values['utilisation-trend'],
        1,
        'above -100% and at most 100%',
      ),
      seed: wholeOption('seed', values.seed, 0) ?? 1,
    };
    const encoding = parseEncoding(values.encoding);
    const base = { scheme: schemeId, overrides: parseOverrideList(lists.set) };
    const baseline = loadScheme(schemeId, { overrides: base.overrides });
    const refs = lists.variant.map((v) => variantRef(v, base));
    const variants: RepriceVariant[] = refs.map((ref, i) => ({
      name: lists.variant[i],
      scheme: loadScheme(ref.scheme, { overrides: ref.overrides }),
    }));
    const calibration = loadCalibration(values.calibration ?? 'default');
    if (values.out) checkOutputFile(values.out);
    if (values.report) checkOutputFolder(values.report);
    const result = await repriceClaims(claims, baseline, variants, calibration, {
      trend,
      insured: wholeOption('insured', values.insured, 0),
      encoding,
      onProgress: io.interactive
        ? (n) => io.stderr(`\r  ${n.toLocaleString('en')} lines read`)
        : undefined,
    });
    if (io.interactive) io.stderr('\r');
    const replay = {
      // the claims extract is an input too: its hash says whether a replay reads the same rows
      claims_sha256: claims === STDIN ? null : fileHash(claims),
      scheme: schemeId,
      set: lists.set,
      variants: lists.variant,
      calibration: values.calibration ?? 'default',
      // the files the run read, with their hashes, as every result file records them
      run: runRecord({
        command: ['reprice', ...args],
        seed: trend.seed,
        schemes: [
          { scheme: baseline, overrides: base.overrides },
          ...refs.map((ref, i) => ({ scheme: variants[i].scheme, overrides: ref.overrides })),
        ],
        calibration: { ref: values.calibration ?? 'default', id: calibration.id },
      }),
    };
    const text =
      format === 'csv' ? repriceCsv(result, labels) : repriceJson(result, replay, labels);
    const written = values.report
      ? await writeReport(values.report, {
          title: `政策调整测算 Repricing: ${baseline.title.zh}`,
          subtitle: `${claims}; variants: ${lists.variant.join(' | ')}; cost trend ${trend.cost}, utilisation trend ${trend.utilisation}, seed ${trend.seed}`,
          sections: [{ heading: '结果 Result', tables: repriceTables(result, labels) }],
        }).then((w) => w.files)
      : [];
    if (values.out) placeFile(values.out, (fd) => writeAll(fd, text));
    else io.stdout(text);
    if (values.out || written.length > 0)
      io.stderr(
        `repriced ${result.personsInFile.toLocaleString('en')} persons (${result.claimants.toLocaleString('en')} claimants after trend) under ${result.schemes.length} schemes${values.out ? ` → ${values.out}` : ''}${written.length > 0 ? `; report: ${written.join(', ')}` : ''}\n`,
      );
    return 0;
  },
};
