import * as fs from 'node:fs';
import { adjudicateFile, type OutputFormat } from '../engine/adjudicate';
import { parseEncoding } from '../io/decode';
import { checkOutputFile, copyInto, placeFile } from '../io/output';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { parseCommandArgs, requireOption, tableFormatOption } from './args';
import type { CliIo, Command } from './command';

export const adjudicateCommand: Command = {
  name: 'adjudicate',
  help: `yibao adjudicate --scheme <id|path> --claims <file.csv|file.xlsx|file.parquet|-> [--encoding E] [--sort] [--set path=value …] [--format csv|json] [--out FILE]

Settles every person's events, in seq order, through basic insurance and the scheme's
layers with exact decimal arithmetic (to the fen, half-up), and writes one row per
person in input order: person_id, total, basic, <layer columns>, aid, oop[, alerts].

Input columns: person_id, group, status, seq, category, level, total, scope, excluded,
cancer_drug_ooc (any order). A person's rows must be together (or give --sort). A row with an empty
category lists an insured person with no event (they still get a row).
Bad input is refused with file, line and column, exit status 2, and nothing written.

Options:
  --scheme   a shipped scheme id (see 'yibao schemes') or a path to a scheme .yaml
  --claims   the claims CSV, .xlsx workbook or .parquet file, or - for a CSV on standard input
  --set      override a scheme parameter, path=value (repeatable), as for simulate
  --format   csv (default) or json
  --sort     order the rows by person_id first (an external sort in a temporary folder;
             a .parquet file: DuckDB's ORDER BY), for an extract whose persons' rows are
             not together; rows out come in person_id order, errors still name the file's
             lines (rows)
  --encoding the CSV's text encoding: utf-8 (default, with or without BOM), gb18030 or gbk;
             a file that does not decode is refused with its line. An .xlsx is read as a
             workbook, sheet by sheet; a .parquet file through DuckDB, its errors at the
             row. Group, status, category and level may be codes or their Chinese labels
             (data/codes/claims.yaml: 职工, 特困, 住院, 三级 …)
  --out      write here instead of stdout

Example:
  yibao adjudicate --scheme dazhou-2023 --claims examples/claims-dazhou.csv
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('adjudicate', args, {
      strings: ['scheme', 'claims', 'format', 'out', 'encoding'],
      booleans: ['sort'],
      lists: ['set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format: OutputFormat = tableFormatOption(values.format);
    const scheme = loadScheme(requireOption('adjudicate', values.scheme, 'scheme'), {
      overrides: parseOverrideList(lists.set),
    });
    const claims = requireOption('adjudicate', values.claims, 'claims');
    const out = values.out;
    if (out) checkOutputFile(out);
    const started = Date.now();
    const { persons, events } = await adjudicateFile(
      scheme,
      claims,
      async (tmp) => {
        if (out) placeFile(out, (fd) => copyInto(tmp, fd));
        else await pipeToStdout(tmp, io);
      },
      {
        format,
        encoding: parseEncoding(values.encoding),
        sort: flags.sort,
        onProgress: io.interactive
          ? (n) => io.stderr(`\r  ${n.toLocaleString('en')} lines read`)
          : undefined,
      },
    );
    if (io.interactive) io.stderr('\r');
    if (values.out || io.interactive) {
      io.stderr(
        `adjudicated ${persons} persons, ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s${values.out ? ` → ${values.out}` : ''}\n`,
      );
    }
    return 0;
  },
};

/** The finished file to stdout, a chunk at a time, each written before the next is read. */
async function pipeToStdout(file: string, io: CliIo): Promise<void> {
  for await (const chunk of fs.createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  })) {
    io.stdout(chunk as string);
    await io.flush?.();
  }
}
