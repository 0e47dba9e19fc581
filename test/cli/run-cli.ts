import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

/** Runs the CLI in-process and captures what it writes. */
export async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    interactive: false,
  });
  return { code, stdout, stderr };
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export const HEADER =
  'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc';
