/**
 * `yibao ledger`: the contract's settlement of given yearly figures, exactly.
 *
 *   --scheme (+ --set) ─▶ fund rules, funding rate ─┐
 *   --years CSV ─read, check every field─▶ years ───┴─▶ ledger ─▶ CSV or JSON, one row a year
 */
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { runLedger } from '../fund/ledger';
import { ledgerCsv, ledgerJson } from '../fund/ledger-columns';
import { fundingOf, fundRulesOf } from '../fund/rules';
import { readLedgerYears } from '../io/ledger-csv';
import { writeFilesTogether } from '../io/write-files';
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
  if (!m || decimals > 8)
    throw new YibaoError(
      `--rate must be a number ≥ 0 with at most 8 decimals (0.0032 or 0.32%), got '${text}'`,
    );
  return Number((Number(digits) / (percent ? 100 : 1)).toFixed(decimals));
}

export const ledgerCommand: Command = {
  name: 'ledger',
  help: `yibao ledger --scheme <id|path> --years <file.csv> [--rate R] [--set path=value]… [--format csv|json] [--out FILE]

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
Bad input is refused with file, line and column, exit status 2, and nothing written.

Options:
  --scheme   a shipped scheme id (see 'yibao schemes') or a path to a scheme .yaml
  --years    the yearly figures, CSV
  --rate     the first-year rate in the funding rule's unit (default the scheme's)
  --set      override a scheme parameter, path=value (repeatable)
  --format   csv (default) or json
  --out      write here instead of stdout

Example:
  yibao ledger --scheme ordos-2018 --years examples/ledger-ordos.csv
`,
  async run(args, io) {
    const { values, flags, lists } = parseCommandArgs('ledger', args, {
      strings: ['scheme', 'years', 'rate', 'format', 'out'],
      lists: ['set'],
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const format = tableFormatOption(values.format);
    const scheme = loadScheme(requireOption('ledger', values.scheme, 'scheme'), {
      overrides: parseOverrideList(lists.set),
    });
    const rules = fundRulesOf(scheme);
    const rate = values.rate === undefined ? fundingOf(scheme).rate : ledgerRate(values.rate);
    const years = readLedgerYears(requireOption('ledger', values.years, 'years'), {
      assessmentScore: rules.holdback !== undefined,
      contractChange: rules.rateAdjustment !== undefined,
      lossCause: rules.lossSharing !== undefined,
    });
    const ledger = runLedger(rules, rate, years);
    const text = format === 'csv' ? ledgerCsv(ledger) : ledgerJson(ledger);
    if (values.out) {
      writeFilesTogether(path.dirname(values.out), { [path.basename(values.out)]: text });
      io.stderr(`settled ${ledger.length} years → ${values.out}\n`);
    } else io.stdout(text);
    return 0;
  },
};
