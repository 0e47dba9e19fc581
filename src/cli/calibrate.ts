import {
  type CalibrationFit,
  calibrateFromClaims,
  NEAR_POISSON_DISPERSION,
} from '../calibration/fit';
import { YibaoError } from '../errors';
import { checkOutputFile, placeFile, writeAll } from '../io/output';
import * as msg from '../messages';
import { GROUPS, type Group } from '../model/codes';
import { MAX_WHOLE_NUMBER } from '../model/limits';
import { parseCommandArgs, requireOption } from './args';
import type { Command } from './command';

export const calibrateCommand: Command = {
  name: 'calibrate',
  help: `yibao calibrate --claims <file.csv> [--base <id|path>] [--persons employee=N,...] [--out FILE]

Fits, per category and group, from a claims extract in the adjudicate format:
  frequency   events per insured person-year, and the negative-binomial dispersion r by
              the method of moments (allowing for the base's age factors; ${NEAR_POISSON_DISPERSION} when the
              counts vary no more than Poisson); for chronic categories (prevalence in the
              base) the share of persons with an event, keeping the base's events a year
  cost        lognormal mean by group and cv, from the log moments of total − cancer_drug_ooc
  levels      share of events and relative cost by hospital level
  shares      scope / bill (mean, sd), excluded / out-of-scope part, cancer drugs
and writes a complete calibration: the base file with those figures replaced (source
"fitted: <file>, n = <events> events"), everything else and its comments kept. Categories
absent from the extract keep the base's figures. A fit summary goes to stderr.

Persons without claims count in the frequencies: list them as rows with an empty category,
or give the insured persons by group with --persons.

Input columns: person_id, group, status, seq, category, level, total, scope, excluded,
cancer_drug_ooc (any order). Bad input is refused with file, line and column, exit status 2,
and nothing written.

Options:
  --claims   the claims CSV, or - for standard input
  --base     calibration whose unfitted figures are kept: a shipped id or a .yaml path
             (default: default)
  --persons  insured persons by group, e.g. employee=41000,retiree=15000,resident=144000;
             groups not given: the persons listed in the file
  --out      write the calibration here instead of stdout

Example:
  yibao calibrate --claims examples/claims-dazhou.csv --persons employee=2000,retiree=800,resident=7000 --out dazhou.yaml
`,
  async run(args, io) {
    const { values, flags } = parseCommandArgs('calibrate', args, {
      strings: ['claims', 'base', 'persons', 'out'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const claims = requireOption('calibrate', values.claims, 'claims');
    const persons = values.persons === undefined ? undefined : parsePersons(values.persons);
    if (values.out) checkOutputFile(values.out);
    const { yaml, fitted } = await calibrateFromClaims(claims, { base: values.base, persons });
    if (values.out) placeFile(values.out, (fd) => writeAll(fd, yaml));
    else io.stdout(yaml);
    io.stderr(summary(fitted, values.out));
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
export function summary(fit: CalibrationFit, out?: string): string {
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
  if (fit.kept.length > 0) lines.push(`  not in the extract, base kept: ${fit.kept.join(', ')}`);
  if (fit.ignored.length > 0)
    lines.push(`  not in the base calibration, not fitted: ${fit.ignored.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
