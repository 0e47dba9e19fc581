import { settleClaimsPerson } from '../engine/adjudicate';
import { explanationData, explanationText } from '../engine/explain';
import { YibaoError } from '../errors';
import { type ClaimsPerson, readClaims } from '../io/claims-csv';
import { parseEncoding } from '../io/decode';
import * as msg from '../messages';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { parseCommandArgs, requireOption } from './args';
import type { Command } from './command';

export const explainCommand: Command = {
  name: 'explain',
  help: `yibao explain --scheme <id|path> --claims <file.csv|file.xlsx|file.parquet|-> --person <id> [--encoding E] [--set path=value …] [--format text|json]

Settles the person exactly and shows every step: for each event, the basic-insurance
deductible, share and cap, then each layer's base, bands, caps and payment, each with
the article it comes from (or [assumption]); then the year's totals and alerts.
The whole file is checked, as for adjudicate: a CSV (UTF-8, or --encoding gb18030|gbk), an
.xlsx workbook or - for standard input, codes or their Chinese labels. --set overrides a
scheme parameter, as for simulate; an overridden figure is cited as 'override (--set …)'.

Example:
  yibao explain --scheme huangshan-2022 --claims examples/claims-worked-examples.csv --person H1
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('explain', args, {
      strings: ['scheme', 'claims', 'person', 'format', 'encoding'],
      lists: ['set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new YibaoError(msg.cli.choice('format', ['text', 'json'], format));
    const scheme = loadScheme(requireOption('explain', values.scheme, 'scheme'), {
      overrides: parseOverrideList(lists.set),
    });
    const claims = requireOption('explain', values.claims, 'claims');
    const personId = requireOption('explain', values.person, 'person');
    let found: ClaimsPerson | undefined;
    for await (const person of readClaims(claims, { encoding: parseEncoding(values.encoding) })) {
      if (person.personId === personId) found = person;
    }
    if (!found)
      throw new YibaoError(msg.cli.personNotInFile(personId), {
        file: claims,
        column: 'person_id',
      });
    const data = explanationData(scheme, found, settleClaimsPerson(scheme, found, claims, true));
    io.stdout(format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : explanationText(data));
    return 0;
  },
};
