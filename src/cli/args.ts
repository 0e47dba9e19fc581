import { type ParseArgsConfig, parseArgs } from 'node:util';
import { YibaoError } from '../errors';

/**
 * node:util parseArgs with yibao's error wording: an unknown or malformed option is a
 * YibaoError (exit 2) that names the option and points at --help.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new YibaoError(
      `${(e as Error).message.replace(/\. To specify.*$/s, '')} (see 'yibao ${command} --help')`,
    );
  }
}

export function requireOption(command: string, value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new YibaoError(`missing --${name} (see 'yibao ${command} --help')`);
  }
  return value;
}
