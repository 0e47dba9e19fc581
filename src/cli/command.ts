/** What every `yibao` sub-command provides; main.ts dispatches on `name`. */
export interface Command {
  name: string;
  /** full help, with at least one example */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Where a command writes: injectable so tests can capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** whether stderr is a terminal (progress bars only there, or when forced) */
  interactive: boolean;
}

// A reader that stops early (`yibao schemes show x | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};
