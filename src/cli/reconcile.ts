/**
 * `yibao reconcile`: county pools' histories reconciled at their merger into the city pool.
 *
 *   --scheme ─▶ reconciliation rules ─┐
 *   --out checked ─▶ --history CSV ─decode (--encoding), check every field─▶ county-years
 *                                     └─▶ reconcile, to the fen ─▶ CSV or JSON, a row a county
 *                                         and a total row, written whole or not at all
 */
import { reconcile, reconcileRulesOf } from '../fund/reconcile';
import { parseEncoding } from '../io/decode';
import { checkOutputFile, placeFile, writeAll } from '../io/output';
import { formatReconciliation, readHistory } from '../io/reconcile-csv';
import { loadScheme } from '../scheme/load';
import { parseCommandArgs, requireOption, tableFormatOption } from './args';
import type { Command } from './command';

export const reconcileCommand: Command = {
  name: 'reconcile',
  help: `yibao reconcile --scheme <id|path> --history <file.csv> [--encoding E] [--format csv|json] [--out FILE]

The reconciliation of county pools as they merge into one city pool (Jiaozuo: 焦医保〔2022〕62号
part 4, as of 2022-06-30), exactly, to the fen. Per county:

  admitted cost    = Σ years min(operating cost, 3% of the year's premium)
  balance          = Σ premium − Σ compliant claims − admitted cost − compliant claims due but unpaid
  to_city          = the balance when positive: 上解 to the city account
  policy_overspend = minus the balance when negative: 政策性超支, made good by later policy
  insurer_bears    = non-compliant claims + operating cost above the ceiling: 违规支出
  arrears_receivable = employer arrears, still to be collected (继续催缴), not income

Input, one row per county and year (any column order; amounts in yuan with at most two
decimals, 0 for none): county, year, premium, compliant_claims, non_compliant_claims,
operating_cost, employer_arrears, compliant_due_unpaid (compliant claims due but not yet
paid at the reconciliation date).
Output, one row per county and a total row: county, years, premium, compliant_claims,
non_compliant_claims, operating_cost, admitted_cost, excess_operating_cost,
compliant_due_unpaid, balance, to_city, policy_overspend, insurer_bears, arrears_receivable.
Bad input is refused with file, line and column, exit status 2, and nothing written; --out
is checked before the work, and a write that fails (a full disk) is exit status 1 with the
file left as it was.

Options:
  --scheme   a shipped scheme id or a path to a scheme .yaml with a reconciliation block
  --history  the counties' yearly figures (CSV, at most 1 MiB)
  --encoding the CSV's text encoding: utf-8 (default, with or without BOM), gb18030 or gbk;
             a file that does not decode is refused with its line
  --format   csv (default) or json
  --out      write here instead of stdout

Example:
  yibao reconcile --scheme jiaozuo-2022 --history examples/jiaozuo-history.csv
`,
  async run(args, io) {
    const { values, flags } = parseCommandArgs('reconcile', args, {
      strings: ['scheme', 'history', 'format', 'out', 'encoding'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = tableFormatOption(values.format);
    const encoding = parseEncoding(values.encoding);
    const scheme = loadScheme(requireOption('reconcile', values.scheme, 'scheme'));
    const rules = reconcileRulesOf(scheme);
    const historyFile = requireOption('reconcile', values.history, 'history');
    if (values.out) checkOutputFile(values.out);
    const history = readHistory(historyFile, rules, { encoding });
    const { counties, total } = reconcile(rules, history);
    const text = formatReconciliation([...counties, total], format);
    if (values.out) {
      placeFile(values.out, (fd) => writeAll(fd, text));
      io.stderr(
        `reconciled ${counties.length} counties as of ${rules.asOf}: to the city account ${(total.toCity / 100).toFixed(2)}, policy overspend ${(total.policyOverspend / 100).toFixed(2)}, insurer bears ${(total.insurerBears / 100).toFixed(2)} → ${values.out}\n`,
      );
    } else io.stdout(text);
    return 0;
  },
};
