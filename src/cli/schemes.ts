import { YibaoError } from '../errors';
import * as msg from '../messages';
import { listSchemeIds, loadScheme } from '../scheme/load';
import { parseOverrideList } from '../scheme/overrides';
import { listParams } from '../scheme/params';
import type { Scheme } from '../scheme/types';
import { parseCommandArgs } from './args';
import type { Command } from './command';

export const schemesCommand: Command = {
  name: 'schemes',
  help: `yibao schemes [--json]
yibao schemes show <id|path> [--set path=value …] [--json]

Lists the schemes in data/schemes with their documents, or shows one scheme: every
parameter (basic insurance included) with its value, unit and source (article of the
policy text, or 'assumption' with its note). With --set, the scheme as a run with the same
overrides sees it: each overridden figure cites 'override (--set …)' and its old value.

Examples:
  yibao schemes
  yibao schemes show ordos-2018
  yibao schemes show dazhou-2023 --set layers.large_expense.cap=350000
`,
  async run(args, io) {
    const { flags, positionals, lists } = parseCommandArgs('schemes', args, {
      booleans: ['json'],
      lists: ['set'],
      positionals: true,
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    if (positionals.length === 0 && lists.set.length > 0)
      throw new YibaoError(msg.cli.setOnlyWithShow());
    if (positionals.length === 0) {
      const schemes = listSchemeIds().map((id) => loadScheme(id));
      if (flags.json) {
        io.stdout(`${JSON.stringify(schemes.map(summary), null, 2)}\n`);
      } else {
        for (const s of schemes) {
          io.stdout(`${s.id.padEnd(16)} ${s.title.zh} / ${s.title.en}\n`);
          io.stdout(
            `${''.padEnd(16)} ${s.document.ref}; layers: ${s.layers.map((l) => l.id).join(', ')}\n`,
          );
        }
      }
      return 0;
    }
    if (positionals[0] !== 'show' || positionals.length !== 2) {
      throw new YibaoError(msg.cli.schemesUsage());
    }
    const scheme = loadScheme(positionals[1], { overrides: parseOverrideList(lists.set) });
    const params = [...listParams('basic', scheme.basic.raw), ...listParams('', scheme.raw)];
    if (flags.json) {
      io.stdout(`${JSON.stringify({ ...summary(scheme), parameters: params }, null, 2)}\n`);
      return 0;
    }
    io.stdout(`${scheme.id}: ${scheme.title.zh} / ${scheme.title.en}\n`);
    io.stdout(
      `document: ${scheme.document.ref} — ${scheme.document.title}\nfile: ${scheme.file}\n`,
    );
    io.stdout(
      `basic insurance: ${scheme.basic.id} (${scheme.basic.file}); its parameters are listed as basic.*\n`,
    );
    if (scheme.raw.assumption_note) io.stdout(`assumptions: ${scheme.raw.assumption_note}\n`);
    io.stdout('\n');
    const width = params.reduce((w, p) => Math.max(w, p.path.length), 0);
    for (const p of params) {
      io.stdout(
        `${p.path.padEnd(width)}  ${String(p.value).padStart(10)}${p.unit ? ` ${p.unit}` : ''}  [${p.source}${p.note ? `: ${p.note}` : ''}]\n`,
      );
    }
    return 0;
  },
};

function summary(s: Scheme) {
  return {
    id: s.id,
    title: s.title,
    region: s.region,
    document: s.document,
    basic: s.basic.id,
    members: s.members,
    layers: s.layers.map((l) => ({ id: l.id, label: l.label, source: l.source })),
    file: s.file,
  };
}
