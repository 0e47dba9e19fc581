/**
 * The `yibao` command line: dispatches to a sub-command; any YibaoError becomes its
 * message on stderr and its exit status (2 for bad input, 1 for a failed write), with
 * nothing on stdout. A system error that no command turned into words (a failed read or
 * write) is still one line, never a stack trace.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { closest } from '../suggest';
import { type CliIo, type Command, processIo } from './command';

/** A command's name and one-line summary, and how to load it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Command;
}

/*
 * Each command's module is loaded only when that command runs: loading them all (charts,
 * reports, the decimal engine, YAML …) took 0.4 s at every start, whatever the command.
 */
export const COMMANDS: CommandEntry[] = [
  {
    name: 'candidates',
    summary: 'the main job: candidate rates side by side, with the HTML and Excel report',
    load: () => (require('./candidates') as typeof import('./candidates')).candidatesCommand,
  },
  {
    name: 'adjudicate',
    summary: 'settle a claims CSV through a scheme, exactly; one row per person',
    load: () => (require('./adjudicate') as typeof import('./adjudicate')).adjudicateCommand,
  },
  {
    name: 'alerts',
    summary: 'the quarterly alert list of a dated claims CSV: who is listed each quarter, and why',
    load: () => (require('./alerts') as typeof import('./alerts')).alertsCommand,
  },
  {
    name: 'calibrate',
    summary: 'fit a calibration (frequencies, costs, levels, shares) to a claims CSV',
    load: () => (require('./calibrate') as typeof import('./calibrate')).calibrateCommand,
  },
  {
    name: 'reprice',
    summary: "last year's claims under proposed rules and next year's trend: cost and who gains",
    load: () => (require('./reprice') as typeof import('./reprice')).repriceCommand,
  },
  {
    name: 'explain',
    summary: "one person's settlement, step by step, with the article behind each number",
    load: () => (require('./explain') as typeof import('./explain')).explainCommand,
  },
  {
    name: 'ledger',
    summary: "the contract's settlement of given yearly figures, exactly; one row a year",
    load: () => (require('./ledger') as typeof import('./ledger')).ledgerCommand,
  },
  {
    name: 'schemes',
    summary: 'list the shipped schemes, or show one with every parameter and its source',
    load: () => (require('./schemes') as typeof import('./schemes')).schemesCommand,
  },
  {
    name: 'simulate',
    summary: "project a scheme's fund over years and scenarios (Monte Carlo)",
    load: () => (require('./simulate') as typeof import('./simulate')).simulateCommand,
  },
  {
    name: 'price',
    summary: 'the rate that meets a target loss ratio or deficit probability',
    load: () => (require('./simulate') as typeof import('./simulate')).priceCommand,
  },
  {
    name: 'tender',
    summary: "the insurer's result for a bid, and the bid that meets a target margin or P(loss)",
    load: () => (require('./tender') as typeof import('./tender')).tenderCommand,
  },
  {
    name: 'compare',
    summary: 'a scheme against a variant on the same people: paired differences',
    load: () => (require('./simulate') as typeof import('./simulate')).compareCommand,
  },
  {
    name: 'reconcile',
    summary:
      "county pools' history reconciled at a merger: to the city, overspend, insurer's share",
    load: () => (require('./reconcile') as typeof import('./reconcile')).reconcileCommand,
  },
  {
    name: 'report',
    summary: 'simulate schemes and write the HTML and Excel report',
    load: () => (require('./candidates') as typeof import('./candidates')).reportCommand,
  },
  {
    name: 'replay',
    summary: "run a result file's command again (its run record) and compare the files",
    load: () => (require('./replay') as typeof import('./replay')).replayCommand,
  },
  {
    name: 'workload',
    summary: 'a benchmark workload through simulate (one scenario-year); one JSON line',
    load: () => (require('./workload') as typeof import('./workload')).workloadCommand,
  },
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
    const suggestion = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.stderr(`yibao: ${msg.cli.unknownCommand(name, suggestion)}\n\n${usage()}`);
    return 2;
  }
  try {
    const code = await command.load().run(rest, io);
    await io.flush?.();
    return code;
  } catch (e) {
    if (e instanceof YibaoError) {
      io.stderr(`yibao ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    if (msg.isSystemError(e)) {
      io.stderr(`yibao ${name}: ${msg.file.systemError(e)}\n`);
      return 1;
    }
    throw e;
  }
}
