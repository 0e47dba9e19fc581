import { parseArgs } from 'node:util';
import { YibaoError } from '../errors';
import { resourceMessages } from '../messages';
import { defaultWorkers } from '../parallel/pool';

export interface ParsedArgs<S extends string, B extends string, L extends string> {
  values: Partial<Record<S, string>>;
  flags: Record<B | 'help', boolean>;
  lists: Record<L, string[]>;
  positionals: string[];
}

/**
 * node:util parseArgs with yibao's error wording: an unknown or malformed option is a
 * YibaoError (exit 2) that names the option and points at --help.
 * `strings` take a value, `booleans` are flags, `lists` may repeat.
 */
export function parseCommandArgs<
  S extends string,
  B extends string = never,
  L extends string = never,
>(
  command: string,
  args: string[],
  spec: {
    strings?: readonly S[];
    booleans?: readonly B[];
    lists?: readonly L[];
    positionals?: boolean;
  },
): ParsedArgs<S, B, L> {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
  > = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of spec.strings ?? []) options[name] = { type: 'string' };
  for (const name of spec.booleans ?? []) options[name] = { type: 'boolean' };
  for (const name of spec.lists ?? []) options[name] = { type: 'string', multiple: true };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options,
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (e) {
    throw new YibaoError(
      `${(e as Error).message.replace(/\. To specify.*$/s, '')} (see 'yibao ${command} --help')`,
    );
  }
  const raw = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const values: Partial<Record<string, string>> = {};
  const flags: Record<string, boolean> = { help: raw.help === true };
  const lists: Record<string, string[]> = {};
  for (const name of spec.strings ?? [])
    if (typeof raw[name] === 'string') values[name] = raw[name] as string;
  for (const name of spec.booleans ?? []) flags[name] = raw[name] === true;
  for (const name of spec.lists ?? []) lists[name] = (raw[name] as string[] | undefined) ?? [];
  return {
    values: values as Partial<Record<S, string>>,
    flags: flags as Record<B | 'help', boolean>,
    lists: lists as Record<L, string[]>,
    positionals: parsed.positionals,
  };
}

export function requireOption(command: string, value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new YibaoError(`missing --${name} (see 'yibao ${command} --help')`);
  }
  return value;
}

/** An optional whole-number option (`--scenarios 500`), at least `min`. */
export function wholeOption(name: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new YibaoError(`--${name} must be a whole number ≥ ${min}, got '${text}'`);
  return n;
}

/**
 * `--workers K`: a whole number ≥ 1, and at most the machine's cores unless `force`: more
 * threads than cores only cost memory and contention (100 threads took 2.2 GB and ran ten
 * times slower).
 */
export function workersOption(text: string | undefined, force: boolean): number | undefined {
  const workers = wholeOption('workers', text);
  const cores = defaultWorkers();
  if (workers !== undefined && workers > cores && !force)
    throw new YibaoError(resourceMessages.tooManyWorkers(workers, cores));
  return workers;
}
