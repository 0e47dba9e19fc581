/**
 * `yibao alerts`: the quarterly alert list of a dated claims file.
 *
 *   --scheme ─▶ its quarterly list ─┐
 *   --out checked ─▶ --claims (file, .xlsx or -) ─decode (--encoding), check every field─▶
 *     persons ─settle exactly─▶ listed per quarter ─▶ CSV or JSON, written whole or not at all
 */
import { alertListFile, formatAlertList } from '../engine/quarterly-alerts';
import { parseEncoding } from '../io/decode';
import { checkOutputFile, placeFile, writeAll } from '../io/output';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { parseCommandArgs, requireOption, tableFormatOption } from './args';
import type { Command } from './command';

export const alertsCommand: Command = {
  name: 'alerts',
  help: `yibao alerts --scheme <id|path> --claims <file.csv|file.xlsx|file.parquet|-> [--set path=value …] [--encoding E] [--format csv|json] [--out FILE]

The quarterly alert list (按季推送), exactly: for each quarter of the claims' year, up to
the quarter of the latest event, every person of the scheme's listed statuses (Huangshan:
tekun and dibao) whatever they spent, and everyone whose out-of-pocket after all tiers,
from 1 January to the quarter's end, is above the alert threshold (Huangshan: 10,000 yuan,
part 4(2)). Rows by quarter, then in input order: quarter, person_id, group, status,
listed_for (status, out_of_pocket or status+out_of_pocket), oop_to_date.

Input: the claims CSV of 'yibao adjudicate' with a date column (YYYY-MM-DD) for every
event, all in one year; a person's dates follow seq. Rows without a category list insured
persons with no event (a tekun or dibao person among them is still listed).
Bad input is refused with file, line and column, exit status 2, and nothing written; --out
is checked before the work, and a write that fails (a full disk) is exit status 1 with the
file left as it was.

Options:
  --scheme   a shipped scheme id or a path to a scheme .yaml with a quarterly list
  --claims   the dated claims CSV, .xlsx workbook or .parquet file, or - for a CSV on
             standard input
  --set      override a scheme parameter, path=value (repeatable), as for adjudicate
  --encoding the CSV's text encoding: utf-8 (default, with or without BOM), gb18030 or gbk;
             a file that does not decode is refused with its line. Group, status, category
             and level may be codes or their Chinese labels (data/codes/claims.yaml)
  --format   csv (default) or json
  --out      write here instead of stdout

Example:
  yibao alerts --scheme huangshan-2022 --claims examples/claims-huangshan-dated.csv
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('alerts', args, {
      strings: ['scheme', 'claims', 'format', 'out', 'encoding'],
      lists: ['set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = tableFormatOption(values.format);
    const encoding = parseEncoding(values.encoding);
    const scheme = loadScheme(requireOption('alerts', values.scheme, 'scheme'), {
      overrides: parseOverrideList(lists.set),
    });
    const claims = requireOption('alerts', values.claims, 'claims');
    if (values.out) checkOutputFile(values.out);
    const list = await alertListFile(scheme, claims, { encoding });
    const text = formatAlertList(list, format);
    if (values.out) placeFile(values.out, (fd) => writeAll(fd, text));
    else io.stdout(text);
    if (values.out || io.interactive) {
      const counts = Array.from({ length: list.quarters }, (_, q) => {
        const quarter = `${list.year}Q${q + 1}`;
        return `${quarter} ${list.rows.filter((r) => r.quarter === quarter).length}`;
      });
      io.stderr(
        `${list.persons} persons read; listed per quarter: ${counts.join(', ')}${values.out ? ` → ${values.out}` : ''}\n`,
      );
    }
    return 0;
  },
};
