import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { readYamlFile } from '../../src/io/yaml-file';
import { aliasBombYaml } from './alias-bomb';

function file(bytes: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-yaml-'));
  const f = path.join(dir, 'f.yaml');
  fs.writeFileSync(f, bytes);
  return f;
}

function refusal(bytes: Buffer | string): YibaoError {
  try {
    readYamlFile(file(bytes), 'scheme');
  } catch (e) {
    assert.ok(e instanceof YibaoError, `expected a YibaoError, got ${e}`);
    return e;
  }
  assert.fail('accepted');
}

describe('io/yaml-file: what is not UTF-8 YAML text is refused, saying what it is', () => {
  test('an alias bomb is refused before it grows, not with a ReferenceError', () => {
    assert.match(refusal(aliasBombYaml(10)).message, /aliases \(\*name\) expand to more than/);
  });

  test('a few aliases are read as usual', () => {
    const { raw } = readYamlFile<{ b: number[] }>(file('a: &a 1\nb: [*a, *a]\n'), 'scheme');
    assert.deepEqual(raw.b, [1, 1]);
  });

  const cases: [what: string, bytes: Buffer, message: RegExp][] = [
    ['binary bytes with NUL', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x1b]), /is binary/],
    [
      'UTF-16 little-endian with its mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: x\n', 'utf16le')]),
      /is UTF-16 text/,
    ],
    [
      'UTF-16 big-endian with its mark',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('id: x\n', 'utf16le').swap16()]),
      /is UTF-16 text/,
    ],
    ['UTF-16 without a mark', Buffer.from('id: x\nkind: scheme\n', 'utf16le'), /is UTF-16 text/],
    ['GB18030 (not UTF-8)', Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xd6, 0xd0, 0x0a]), /offset 4/],
  ];
  for (const [what, bytes, message] of cases) {
    test(`refuses ${what} without echoing its bytes`, () => {
      const e = refusal(bytes);
      assert.match(e.message, message);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that there are none
      assert.doesNotMatch(e.message, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
    });
  }

  test('a UTF-8 file with a byte-order mark and Chinese text is read', () => {
    const { raw } = readYamlFile<{ title: string }>(file('\ufefftitle: 达州\n'), 'scheme');
    assert.equal(raw.title, '达州');
  });
});
