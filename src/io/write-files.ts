import * as fs from 'node:fs';
import * as path from 'node:path';
import { YibaoError } from '../errors';

/**
 * Writes several files into `dir` (created) all or none: each is written into a temporary
 * folder beside them first and moved into place once all are written, so a failure leaves
 * no partial output. Returns the paths written.
 */
export function writeFilesTogether(
  dir: string,
  files: Record<string, string | Uint8Array>,
): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dir, '.writing-'));
  try {
    for (const [name, content] of Object.entries(files))
      fs.writeFileSync(path.join(staging, name), content);
    for (const name of Object.keys(files))
      fs.renameSync(path.join(staging, name), path.join(dir, name));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return Object.keys(files).map((name) => path.join(dir, name));
}

/** Writes one output file (`--out`), refusing with a YibaoError naming it when it cannot. */
export function writeOutputFile(file: string, content: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, content);
  } catch (e) {
    throw new YibaoError(
      `cannot write the output: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file },
    );
  }
}
