import { parseArgs } from 'node:util';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { defaultWorkers } from '../parallel/pool';
import { closest } from '../suggest';

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
    const unknown = /^Unknown option '([^']*)'/.exec((e as Error).message);
    if (unknown) {
      const names = Object.keys(options).map((n) => `--${n}`);
      throw new YibaoError(msg.cli.unknownOption(command, unknown[1], closest(unknown[1], names)));
    }
    // node's text runs over several lines ("… is ambiguous.\nDid you forget …"): one line
    const text = (e as Error).message;
    const first = text
      .split('\n')[0]
      .replace(/\. To specify.*$/, '')
      .replace(/\.$/, '');
    const forgot = /Did you forget to specify the option argument/.test(text);
    throw new YibaoError(msg.cli.badOptions(command, forgot ? msg.cli.forgotValue(first) : first));
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
    throw new YibaoError(msg.cli.missingOption(command, name));
  }
  return value;
}

/** Digits, optionally with a decimal exponent: `500`, `1e6`, `2.5e3`. */
const WHOLE = /^\+?(\d+)(?:\.(\d*))?(?:[eE]\+?(\d+))?$/;

/**
 * An optional whole-number option (`--scenarios 500`, `--persons 1e6`), at least `min`
 * and at most 2^53 − 1: beyond it a double cannot hold every whole number, so
 * `--seed 9007199254740993` would silently run as ...992. The digits are checked as
 * written, before any rounding to a double.
 */
export function wholeOption(name: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const exact = exactWhole(text.trim());
  if (exact === undefined || exact < BigInt(min))
    throw new YibaoError(msg.option.wholeNumber(name, min, text));
  if (exact > BigInt(Number.MAX_SAFE_INTEGER))
    throw new YibaoError(msg.option.beyondSafeInteger(name, text));
  return Number(exact);
}

/** The whole number `text` denotes exactly, or undefined if it is not one. */
function exactWhole(text: string): bigint | undefined {
  const m = WHOLE.exec(text);
  if (!m) return undefined;
  const [, int, fraction = '', exponent = '0'] = m;
  const shift = Number(exponent);
  // 1e400 and beyond: far past 2^53, not worth building as a BigInt
  if (shift > 400) return /[1-9]/.test(int + fraction) ? 2n ** 53n : 0n;
  const digits = (int + fraction).replace(/^0+(?=\d)/, '');
  const places = fraction.length - shift;
  if (places <= 0) return BigInt(digits) * 10n ** BigInt(-places);
  // a fraction is left: whole only if the digits it covers are zeros
  if (!/^0*$/.test(digits.slice(-places))) return undefined;
  return BigInt(digits.slice(0, -places) || '0');
}

/**
 * An optional share given as a decimal or a percentage (`0.9` or `90%`; negative allowed:
 * a margin, a falling trend), kept as written: 90.5% is 0.905, not 0.9049999999999999.
 * `option` is its name with the dashes (`--bid`).
 */
export function shareOption(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1).trim() : t;
  if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new YibaoError(msg.option.notAShare(option, text));
  const decimals = (digits.split('.')[1]?.length ?? 0) + (percent ? 2 : 0);
  return Number((Number(digits) / (percent ? 100 : 1)).toFixed(decimals));
}

/** An option that takes one of a few words (`--format csv|json`); undefined when not given. */
export function choiceOption<T extends string>(
  name: string,
  choices: readonly T[],
  text: string | undefined,
): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new YibaoError(msg.cli.choice(name, choices, text));
  return text as T;
}

/** `--format csv|json` of the commands that write a table (csv by default). */
export function tableFormatOption(text: string | undefined): 'csv' | 'json' {
  return choiceOption('format', ['csv', 'json'] as const, text) ?? 'csv';
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
    throw new YibaoError(msg.run.tooManyWorkers(workers, cores));
  return workers;
}
