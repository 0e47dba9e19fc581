/**
 * The `yibao` command line: dispatches to a sub-command; any YibaoError becomes its
 * message on stderr and exit status 2, with nothing on stdout.
 */
import { YibaoError } from '../errors';
import { adjudicateCommand } from './adjudicate';
import { calibrateCommand } from './calibrate';
import { candidatesCommand, reportCommand } from './candidates';
import { type CliIo, type Command, processIo } from './command';
import { explainCommand } from './explain';
import { schemesCommand } from './schemes';
import { compareCommand, priceCommand, simulateCommand } from './simulate';

export const COMMANDS: Command[] = [
  candidatesCommand,
  adjudicateCommand,
  calibrateCommand,
  explainCommand,
  schemesCommand,
  simulateCommand,
  priceCommand,
  compareCommand,
  reportCommand,
];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`);
  return `yibao — actuarial simulation and policy-impact analysis of medical-insurance funds

Usage: yibao <command> [options]   (yibao <command> --help for its options and an example)

Commands:
${lines.join('\n')}
`;
}

export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (!name) {
    io.stderr(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`yibao: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof YibaoError) {
      io.stderr(`yibao ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
