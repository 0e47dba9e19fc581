/**
 * Are a person's rows together? Checked in bounded memory, whatever the number of persons:
 *
 *   each new run of rows ──Bloom filter of the ids seen (fixed size)──▶ new for sure, or
 *   "perhaps seen" ──kept as a suspect (id, line)──▶ after the file: one more pass over the
 *   person ids settles every suspect; a real reappearance is refused at its line
 *
 * A Set of every id grows with the file (1 GB at 6 million persons, and it cannot hold more
 * than 2^24); the filter is sized from the file (at most 64 MB) so that it rarely suspects a
 * new person (see BITS_PER_PERSON), and a suspect only costs the check at the end: a second
 * read of the person ids. Used by readClaims (src/io/claims-csv.ts). Input that cannot be
 * read twice (standard input, a pipe) keeps its runs' ids in a private temporary file
 * instead (RunLog), which the last pass reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { writeAll, writeFailed } from './output';
import { PRIVATE_FILE_MODE, privateTempDir } from './temp-files';

const MIN_BITS = 1 << 20;
const MAX_BITS = 2 ** 29; // 64 MB
/**
 * Bits per row of the file's size bound; a file's persons are fewer than its rows, so in
 * practice more. With 10 hashes, at 48 bits a person a new person is wrongly suspected with
 * probability (1 − e^(−10/48))^10 ≈ 6 × 10^-8, at 67 (8 million persons in the 64 MB filter)
 * 3 × 10^-9; past about 20 million persons suspects appear and the last pass is needed.
 */
const BITS_PER_PERSON = 48;
const HASHES = 10;

/** Two independent 32-bit hashes of a string (FNV-1a; and a multiplicative one). */
function hashes(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  return [a >>> 0, (b | 1) >>> 0];
}

export class PersonOrder {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  /** ids that may have been seen before, with the line where they started again */
  readonly suspects = new Map<string, number>();

  /**
   * `fileBytes`: the size of the input, which bounds the number of persons (undefined for
   * a pipe: the largest filter); `bits` sets the filter's size instead (a power of two;
   * tests use a small one to force suspects)
   */
  constructor(fileBytes: number | undefined, bits?: number) {
    // persons ≤ rows ≤ bytes / 10 (a row is at least that long)
    let size = bits ?? MIN_BITS;
    const wanted = fileBytes === undefined ? MAX_BITS : (fileBytes / 10) * BITS_PER_PERSON;
    while (bits === undefined && size < wanted && size < MAX_BITS) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Records the start of a run of rows of `id` at `line`; remembers it if perhaps seen. */
  start(id: string, line: number): void {
    const [h1, h2] = hashes(id);
    let seen = true;
    for (let k = 0; k < HASHES; k++) {
      const bit = (h1 + Math.imul(k, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word] & flag) === 0) {
        seen = false;
        this.bits[word] |= flag;
      }
    }
    if (seen && !this.suspects.has(id)) this.suspects.set(id, line);
  }
}

/**
 * Settles the suspects on a second pass over the runs of person ids (`runs`: each run's
 * id and first line, in file order). Returns the first real reappearance, or null.
 */
export async function firstReappearance(
  suspects: Map<string, number>,
  runs: AsyncIterable<{ id: string; line: number }>,
): Promise<{ id: string; line: number; first: number } | null> {
  const firstRun = new Map<string, number>();
  let found: { id: string; line: number; first: number } | null = null;
  for await (const { id, line } of runs) {
    if (!suspects.has(id)) continue;
    const first = firstRun.get(id);
    if (first === undefined) firstRun.set(id, line);
    else if (!found || line < found.line) found = { id, line, first };
  }
  return found;
}

/**
 * The runs of rows (person id, first line) of an input that cannot be read twice, kept in
 * a private temporary file (mode 0600, removed when done, at exit or on an interrupt) for
 * firstReappearance: one line a run, `line<TAB>id` (an id holds no line break).
 */
export class RunLog {
  private readonly temp = privateTempDir('yibao-runs-');
  private readonly file = path.join(this.temp.dir, 'runs.txt');
  private readonly fd = fs.openSync(this.file, 'wx', PRIVATE_FILE_MODE);
  private buffer = '';
  private open = true;

  add(id: string, line: number): void {
    this.buffer += `${line}\t${id}\n`;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    try {
      writeAll(this.fd, this.buffer);
    } catch (e) {
      throw writeFailed(this.temp.dir, e);
    }
    this.buffer = '';
  }

  /** The runs logged, in order. */
  async *runs(): AsyncGenerator<{ id: string; line: number }> {
    this.flush();
    const lines = readline.createInterface({
      input: fs.createReadStream(this.file, { encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const text of lines) {
      const tab = text.indexOf('\t');
      yield { id: text.slice(tab + 1), line: Number(text.slice(0, tab)) };
    }
  }

  /** Closes and removes the file (again: nothing). */
  remove(): void {
    if (!this.open) return;
    this.open = false;
    fs.closeSync(this.fd);
    this.temp.remove();
  }
}
