/**
 * The node flags the `yibao` command runs with (its shebang line): benchmarks run with
 * them too, so that their figures are the CLI's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLI_NODE_FLAGS: string[] = fs
  .readFileSync(path.join(__dirname, '..', 'bin', 'yibao.js'), 'utf8')
  .split('\n')[0]
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
