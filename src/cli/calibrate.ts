import { figurePath } from '../calibration/figures';
import {
  type CalibrationResult,
  calibrateFromClaims,
  NEAR_POISSON_DISPERSION,
} from '../calibration/fit';
import { calibrationReport } from '../calibration/report';
import { YibaoError } from '../errors';
import { parseEncoding } from '../io/decode';
import { checkOutputFile, checkOutputFolder, placeFile, writeAll } from '../io/output';
import * as msg from '../messages';
import { GROUPS, type Group } from '../model/codes';
import { MAX_WHOLE_NUMBER } from '../model/limits';
import { writeReport } from '../report/write';
import { choiceOption, parseCommandArgs, requireOption, wholeOption } from './args';
import type { Command } from './command';

export const calibrateCommand: Command = {
  name: 'calibrate',
  help: `yibao calibrate --claims <file.csv|file.xlsx|file.parquet|-> [--base <id|path>] [--persons employee=N,...]
                [--min-events N] [--below-min refuse|base] [--report DIR] [--out FILE]

Fits, per category and group, from a claims extract in the adjudicate format:
  frequency   events per insured person-year, and the negative-binomial dispersion r by
              the method of moments (allowing for the base's age factors; ${NEAR_POISSON_DISPERSION} when the
              counts vary no more than Poisson); for chronic categories (prevalence in the
              base) the share of persons with an event, keeping the base's events a year
  cost        lognormal mean by group and cv, from the log moments of total − cancer_drug_ooc
  levels      share of events and relative cost by hospital level
  shares      scope / bill (mean, sd), excluded / out-of-scope part, cancer drugs
and writes a complete calibration: the base file with those figures replaced, everything
else and its comments kept. Categories absent from the extract keep the base's figures.

Each figure's source gives the events and persons behind it and its standard error. A
figure from fewer events than the minimum (the base's credibility.min_events, 30 by
default) is refused: nothing is written, unless --below-min base keeps the base's figure
for it. The others are blended with the base by limited-fluctuation credibility,
Z = min(1, k·estimate / (z_p·standard error)), written = Z·fitted + (1 − Z)·base (p and k in
the base's credibility block; docs/calibration.md). A fit summary, with every figure
below full credibility, goes to stderr.

Persons without claims count in the frequencies: list them as rows with an empty category,
or give the insured persons by group with --persons.

Input columns: person_id, group, status, seq, category, level, total, scope, excluded,
cancer_drug_ooc (any order). Bad input is refused with file, line (a .parquet file: row)
and column, exit status 2, and nothing written. The rows go, checked, into DuckDB, which
computes the statistics in SQL and spills to a private temporary folder past 256 MB of
buffers (20 million rows: a peak of about 700 MB).

Options:
  --claims   the claims CSV, .xlsx workbook or .parquet file, or - for a CSV on standard input
  --base     calibration whose unfitted figures are kept: a shipped id or a .yaml path
             (default: default)
  --persons  insured persons by group, e.g. employee=41000,retiree=15000,resident=144000;
             groups not given: the persons listed in the file
  --min-events  the fewest events a figure may be fitted from (default: the base's)
  --below-min   refuse (default): stop and list the figures below the minimum;
                base: keep the base's figure for them and say so
  --report   write DIR/report.html and DIR/report.xlsx: every figure with its events,
             persons, standard error and credibility; the severity tails (lognormal body,
             Pareto tail, Kolmogorov–Smirnov distance) with a QQ chart per category
  --out      write the calibration here instead of stdout
  --encoding the CSV's text encoding: utf-8 (default, with or without BOM), gb18030 or gbk;
             a file that does not decode is refused with its line. An .xlsx is read as a
             workbook, sheet by sheet; a .parquet file through DuckDB, its errors at the
             row. Group, status, category and level may be codes or their Chinese labels
             (data/codes/claims.yaml: 职工, 特困, 住院, 三级 …)

Example:
  yibao calibrate --claims examples/claims-dazhou.csv --persons employee=2000,retiree=800,resident=7000 --below-min base --report out/calibration --out mycity.yaml
  yibao calibrate --claims examples/claims-chinese.parquet --below-min base --out fitted.yaml
`,
  async run(args, io) {
    const { values, flags } = parseCommandArgs('calibrate', args, {
      strings: [
        'claims',
        'base',
        'persons',
        'out',
        'min-events',
        'below-min',
        'report',
        'encoding',
      ],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const claims = requireOption('calibrate', values.claims, 'claims');
    const persons = values.persons === undefined ? undefined : parsePersons(values.persons);
    const belowMinimum =
      choiceOption('below-min', ['refuse', 'base'] as const, values['below-min']) ?? 'refuse';
    const minEvents = wholeOption('min-events', values['min-events'], 0);
    const encoding = parseEncoding(values.encoding);
    if (values.out) checkOutputFile(values.out);
    if (values.report) checkOutputFolder(values.report);
    const result = await calibrateFromClaims(claims, {
      base: values.base,
      persons,
      belowMinimum,
      encoding,
      credibility: minEvents === undefined ? {} : { minEvents },
    });
    const written = values.report
      ? (await writeReport(values.report, calibrationReport(result))).files
      : [];
    if (values.out) placeFile(values.out, (fd) => writeAll(fd, result.yaml));
    else io.stdout(result.yaml);
    io.stderr(summary(result, values.out));
    if (written.length > 0) io.stderr(`report: ${written.join(', ')}\n`);
    return 0;
  },
};

/** `employee=41000,resident=144000` → counts by group. */
export function parsePersons(text: string): Partial<Record<Group, number>> {
  const persons: Partial<Record<Group, number>> = {};
  for (const part of text.split(',')) {
    const [group, count, extra] = part.split('=').map((s) => s.trim());
    if (!(GROUPS as readonly string[]).includes(group))
      throw new YibaoError(msg.cli.personsUnknownGroup(group, GROUPS));
    if (extra !== undefined || count === undefined || !/^\d+$/.test(count))
      throw new YibaoError(msg.cli.personsNotGroupCount(part));
    if (Number(count) > MAX_WHOLE_NUMBER)
      throw new YibaoError(msg.option.beyondSafeInteger('persons', part));
    if (persons[group as Group] !== undefined) throw new YibaoError(msg.cli.personsTwice(group));
    persons[group as Group] = Number(count);
  }
  return persons;
}

const fmt = (x: number | null, digits: number): string =>
  x === null ? '—' : x.toLocaleString('en', { maximumFractionDigits: digits });

/** A few lines per category: what a reader checks before using the file. */
export function summary(result: CalibrationResult, out?: string): string {
  const fit = result.fitted;
  const lines = [
    `fitted ${fit.events.toLocaleString('en')} events of ${fit.persons.reduce((a, b) => a + b, 0).toLocaleString('en')} insured persons (${GROUPS.map((g, i) => `${g} ${fit.persons[i].toLocaleString('en')}`).join(', ')}) on base '${fit.base}'${out ? ` → ${out}` : ''}`,
    `  ${'category'.padEnd(20)} ${'events'.padStart(9)}  frequency by group (${GROUPS.join('/')})  r  cost mean by group  cv`,
  ];
  for (const f of fit.categories) {
    const freq = f.frequency.map((x) => fmt(x, 4)).join('/');
    const r = f.dispersion
      ? f.dispersion.capped
        ? '≥1000'
        : String(Number(f.dispersion.value.toPrecision(3)))
      : '—';
    const cost = f.costMean.map((x) => fmt(x, 0)).join('/');
    lines.push(
      `  ${f.category.padEnd(20)} ${f.events.toLocaleString('en').padStart(9)}  ${f.kind === 'prevalence' ? 'prevalence ' : ''}${freq}  r ${r}  cost ${cost}  cv ${fmt(f.costCv, 2)}`,
    );
  }
  const below = result.figures.filter((f) => f.written === null);
  const partial = result.figures.filter((f) => f.written !== null && f.z < 1);
  if (below.length > 0)
    lines.push(
      `warning: ${below.length} figure(s) from fewer than ${result.standard.minEvents} events, the base's kept: ${below.map((f) => `${figurePath(f)} (${f.events})`).join(', ')}`,
    );
  if (partial.length > 0) {
    lines.push(
      `warning: ${partial.length} figure(s) below full credibility, blended with the base:`,
    );
    for (const f of partial)
      lines.push(
        `  ${figurePath(f)}: n = ${f.events}, fitted ${Number(f.fitted.toPrecision(4))}, Z = ${f.z.toFixed(3)} → ${Number(f.written!.toPrecision(4))} (base ${f.base === null ? '—' : Number(f.base.toPrecision(4))})`,
      );
  }
  if (fit.kept.length > 0) lines.push(`  not in the extract, base kept: ${fit.kept.join(', ')}`);
  if (fit.ignored.length > 0)
    lines.push(`  not in the base calibration, not fitted: ${fit.ignored.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
