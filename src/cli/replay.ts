/**
 * `yibao replay <result file>`: runs a result's command again and compares.
 *
 *   summary.json / run.json ──run record──▶ inputs unchanged? (SHA-256; else refuse)
 *     ──the recorded command, in its folder, --out a new folder──▶ new set of files
 *     ──file by file, timing aside──▶ same / where it differs
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { readDataFile } from '../io/input-file';
import { checkOutputFolder } from '../io/output';
import { privateTempDir } from '../io/temp-files';
import * as msg from '../messages';
import { RUN_FILES } from '../simulate/output';
import { inputChanges, sameFile } from '../simulate/replay';
import { type RunRecord, yibaoVersion } from '../simulate/run-record';
import { parseCommandArgs } from './args';
import type { CliIo, Command } from './command';

const REPLAYABLE = ['simulate', 'report', 'candidates'];

/** The run record in a result file: summary.json carries it as `run`, run.json is it. */
function recordOf(file: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(readDataFile(file, 'result', 'JSON'));
  } catch (e) {
    if (e instanceof YibaoError) throw e;
    throw new YibaoError(`not JSON: ${(e as Error).message}`, { file });
  }
  const record = ((json as { run?: unknown })?.run ?? json) as Partial<RunRecord>;
  if (!record || typeof record !== 'object' || !('command' in record))
    throw new YibaoError(msg.replay.noRecord(), { file });
  const check = (ok: boolean, field: string) => {
    if (!ok) throw new YibaoError(msg.replay.badRecord(field), { file });
  };
  check(
    Array.isArray(record.command) &&
      record.command.length > 0 &&
      record.command.every((a) => typeof a === 'string'),
    'command',
  );
  check(typeof record.cwd === 'string', 'cwd');
  check(typeof record.yibao?.version === 'string', 'yibao');
  check(Array.isArray(record.schemes), 'schemes');
  for (const s of record.schemes ?? [])
    check(typeof s?.file === 'string' && typeof s?.basic?.file === 'string', 'schemes');
  check(typeof record.calibration?.file === 'string', 'calibration');
  if (!REPLAYABLE.includes(record.command![0]))
    throw new YibaoError(msg.replay.notReplayable(record.command![0]), { file });
  return record as RunRecord;
}

/** Runs `argv` (a command and its arguments) in `cwd`, its stdout kept out of ours. */
async function runIn(cwd: string, argv: string[], io: CliIo): Promise<number> {
  const { COMMANDS } = require('./main') as typeof import('./main');
  const command = COMMANDS.find((c) => c.name === argv[0])!;
  const here = process.cwd();
  if (fs.existsSync(cwd)) process.chdir(cwd);
  try {
    return await command.load().run(argv.slice(1), {
      stdout: () => {},
      stderr: (text) => io.stderr(text.replace(/^/gm, '  ')),
      interactive: io.interactive,
    });
  } finally {
    process.chdir(here);
  }
}

export const replayCommand: Command = {
  name: 'replay',
  help: `yibao replay <summary.json | run.json> [--out DIR] [--force]

Runs the command that made a result file again, as the file's run record says: the same
command and arguments, in the folder it ran in, after checking that the scheme, basic
rules and calibration files are the same (SHA-256). The new files go to DIR (default a
temporary folder, removed afterwards) and are compared with the original set beside the
given file, one by one, timing aside (the run's seconds, the report's date).

Exit status 0 when every file is the same, 1 when one differs (where it first differs is
shown), 2 when an input file has changed since the run (--force replays anyway).

Options:
  --out    keep the replayed files in this folder
  --force  replay even though an input file has changed

Example:
  yibao simulate --scheme dazhou-2023 --scenarios 50 --out out/dazhou
  yibao replay out/dazhou/summary.json
`,
  async run(args, io) {
    const { values, flags, positionals } = parseCommandArgs('replay', args, {
      strings: ['out'],
      booleans: ['force'],
      positionals: true,
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    if (positionals.length !== 1)
      throw new YibaoError(
        "give one result file, e.g. out/dazhou/summary.json (see 'yibao replay --help')",
      );
    const file = positionals[0];
    const record = recordOf(file);
    const changes = inputChanges(record);
    if (changes.length > 0 && !flags.force) throw new YibaoError(changes[0]);
    for (const c of changes) io.stderr(`note: ${c.replace(/; restore.*$/, '')}\n`);
    const now = yibaoVersion();
    const was = `${record.yibao.version}${record.yibao.commit ? ` (${record.yibao.commit.slice(0, 12)})` : ''}`;
    const is = `${now.version}${now.commit ? ` (${now.commit.slice(0, 12)})` : ''}`;
    if (was !== is) io.stderr(`${msg.replay.otherVersion(was, is)}\n`);

    if (values.out) checkOutputFolder(values.out);
    const temp = values.out ? undefined : privateTempDir('yibao-replay-');
    const out = path.resolve(values.out ?? temp!.dir);
    try {
      io.stderr(`replaying: yibao ${record.command.join(' ')}\n`);
      const code = await runIn(record.cwd, [...record.command, '--out', out], io);
      if (code !== 0) throw new YibaoError(msg.replay.failed(code), {}, 1);
      // the original set is the run's files beside the given one; a lone JSON document
      // (simulate --json) is the summary
      const folder = path.dirname(path.resolve(file));
      // report.pdf is report.html printed, its timing page and creation date included:
      // the HTML is compared for it
      const pairs: [string, string, string][] = RUN_FILES.filter(
        (name) => name !== 'report.pdf' && fs.existsSync(path.join(folder, name)),
      ).map((name) => [name, path.join(folder, name), path.join(out, name)]);
      if (!RUN_FILES.includes(path.basename(file) as (typeof RUN_FILES)[number]))
        pairs.splice(0, pairs.length, [path.basename(file), file, path.join(out, 'summary.json')]);
      let differ = 0;
      for (const [name, original, replayed] of pairs) {
        const difference = fs.existsSync(replayed)
          ? await sameFile(name, fs.readFileSync(original), fs.readFileSync(replayed))
          : 'the replay did not write it';
        if (difference) differ++;
        io.stdout(`  ${name.padEnd(14)} ${difference ? `differs: ${difference}` : 'same'}\n`);
      }
      io.stdout(
        differ === 0
          ? `replayed: ${pairs.length} files the same as the original, timing aside${values.out ? ` (the replay is in ${values.out})` : ''}\n`
          : `replayed: ${differ} of ${pairs.length} files differ from the original\n`,
      );
      return differ === 0 ? 0 : 1;
    } finally {
      temp?.remove();
    }
  },
};
