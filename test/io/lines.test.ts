import assert from 'node:assert/strict';
import * as readline from 'node:readline';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { YibaoError } from '../../src/errors';
import { readLines } from '../../src/io/lines';

const OPTIONS = { file: 'f.csv', what: 'claims', maxLength: 50, tooLong: () => 'too long' };

async function collect(chunks: string[], maxLength = 1000): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(Readable.from(chunks), { ...OPTIONS, maxLength }))
    lines.push(line);
  return lines;
}

async function byReadline(text: string): Promise<string[]> {
  const lines: string[] = [];
  const rl = readline.createInterface({
    input: Readable.from([text]),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of rl) lines.push(line);
  return lines;
}

describe('io/lines: the lines of a stream, bounded in length', () => {
  test('the same lines as node:readline, however the text is cut into chunks', async () => {
    const text = fc.array(fc.constantFrom('a', 'b,', '"', '\n', '\r', '\r\n', 'é', ''), {
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(40), { maxLength: 6 }), async (parts, cuts) => {
        const whole = parts.join('');
        const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => whole.slice(from, at[i] ?? whole.length));
        assert.deepEqual(await collect(chunks.filter((c) => c !== '')), await byReadline(whole));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  test('a line longer than the limit is refused with its number, before it is read whole', async () => {
    let served = 0;
    // an endless line: it must stop after about one chunk past the limit
    const endless = (async function* () {
      for (;;) {
        served++;
        yield 'x'.repeat(30);
      }
    })();
    const lines: string[] = [];
    await assert.rejects(
      async () => {
        for await (const line of readLines(Readable.from(['ok\nfine\n']), OPTIONS))
          lines.push(line);
        for await (const line of readLines(endless, OPTIONS)) lines.push(line);
      },
      (e: unknown) =>
        e instanceof YibaoError &&
        e.place.file === 'f.csv' &&
        e.place.line === 1 &&
        /too long/.test(e.message),
    );
    assert.deepEqual(lines, ['ok', 'fine']);
    assert.ok(served <= 3, `${served} chunks read`);
    await assert.rejects(collect(['ok\n', 'y'.repeat(51), '\n'], 50), /f\.csv:2: too long/);
    assert.deepEqual(await collect(['ok\n', 'y'.repeat(50), '\n'], 50), ['ok', 'y'.repeat(50)]);
  });
});
