/**
 * `yibao ledger`: the contract's settlement of given yearly figures, exactly.
 *
 *   --scheme (+ --set) ─▶ fund rules, funding rate ─┐
 *   --out checked ─▶ --years CSV ─decode (--encoding), check every field─▶ years
 *                                                   └─▶ ledger ─▶ CSV or JSON, one row a year,
 *                                                       written whole or not at all
 */
import { YibaoError } from '../errors';
import { runLedger } from '../fund/ledger';
import { ledgerCsv, ledgerJson } from '../fund/ledger-columns';
import { fundingOf, fundRulesOf } from '../fund/rules';
import { parseEncoding } from '../io/decode';
import { readLedgerYears } from '../io/ledger-csv';
import { checkOutputFile, placeFile, writeAll } from '../io/output';
import * as msg from '../messages';
import { loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { parseCommandArgs, requireOption, tableFormatOption } from './args';
import type { Command } from './command';

/** `--rate`: a number in the funding rule's unit, or a percentage; at most 8 decimals. */
function ledgerRate(text: string): number {
  const t = text.trim();
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1) : t;
  const m = /^\d+(?:\.(\d+))?$/.exec(digits);
  const decimals = (m?.[1]?.length ?? 0) + (percent ? 2 : 0);
  if (!m || decimals > 8) throw new YibaoError(msg.ledger.rate(text));
  return Number((Number(digits) / (percent ? 100 : 1)).toFixed(decimals));
}

export const ledgerCommand: Command = {
  name: 'ledger',
  help: `yibao ledger --scheme <id|path> --years <file.csv> [--rate R] [--set path=value]… [--encoding E] [--format csv|json] [--out FILE]

Settles the given years under the scheme's contract, exactly, in whole fen: premium,
loss ratio, scheme money (premium + carry-in − claims), the refund below the bid, the
profit cap and its excess (carried over, or returned to the pool), loss sharing, the
holdback withheld, the insurer's result, the pool's net cost and balance (基金结余), and
next year's rate under the rate rule of the cooperation period.

Input columns (any order): year (1, 2, … in order), funding_base (Σ contribution bases,
per-capita funding × insured, or heads), claims; optional: operating_cost (default
admin_share × premium), assessment_score (0–1; default the scheme's), contract_change
(true/false; default true when the loss ratio reaches the threshold), loss_cause
(policy/insurer; default insurer). Amounts in yuan with at most two decimals. An optional
column the scheme's contract does not read must be left empty.

Output columns: year, period, rate, premium, claims, loss_ratio, operating_cost, carry_in,
scheme_money, refund, excess, returned_to_pool, carry_over, loss, pool_loss_share,
withheld, insurer_result, pool_net_cost, pool_balance, next_rate, retender. Money with two
decimals, loss_ratio with 6 (empty, or null in JSON, when the premium is 0), rates with 8.
Bad input is refused with file, line and column, exit status 2, and nothing written; --out
is checked before the work, and a write that fails (a full disk) is exit status 1 with the
file left as it was.

Options:
  --scheme   a shipped scheme id (see 'yibao schemes') or a path to a scheme .yaml
  --years    the yearly figures, CSV (at most 1 MiB)
  --rate     the first-year rate in the funding rule's unit (default the scheme's)
  --set      override a scheme parameter, path=value (repeatable)
  --encoding the CSV's text encoding: utf-8 (default, with or without BOM), gb18030 or gbk;
             a file that does not decode is refused with its line
  --format   csv (default) or json
  --out      write here instead of stdout

Example:
  yibao ledger --scheme ordos-2018 --years examples/ledger-ordos.csv
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('ledger', args, {
      strings: ['scheme', 'years', 'rate', 'format', 'out', 'encoding'],
      lists: ['set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = tableFormatOption(values.format);
    const encoding = parseEncoding(values.encoding);
    const scheme = loadScheme(requireOption('ledger', values.scheme, 'scheme'), {
      overrides: parseOverrideList(lists.set),
    });
    const rules = fundRulesOf(scheme);
    const rate = values.rate === undefined ? fundingOf(scheme).rate : ledgerRate(values.rate);
    const yearsFile = requireOption('ledger', values.years, 'years');
    if (values.out) checkOutputFile(values.out);
    const years = readLedgerYears(
      yearsFile,
      {
        assessmentScore: rules.holdback !== undefined,
        contractChange: rules.rateAdjustment !== undefined,
        lossCause: rules.lossSharing !== undefined,
      },
      { encoding },
    );
    const ledger = runLedger(rules, rate, years);
    const text = format === 'csv' ? ledgerCsv(ledger) : ledgerJson(ledger);
    if (values.out) {
      placeFile(values.out, (fd) => writeAll(fd, text));
      io.stderr(`settled ${ledger.length} years → ${values.out}\n`);
    } else io.stdout(text);
    return 0;
  },
};
