import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YibaoError } from '../src/errors';
import { escapeInvisible, text } from '../src/messages';

describe('messages', () => {
  test('invisible characters are escaped; Chinese, line breaks and pairs are kept', () => {
    assert.equal(escapeInvisible('a\u001b[2Jb'), 'a\\u001b[2Jb');
    assert.equal(escapeInvisible('\u0000\u009b\u202e\ufeff'), '\\u0000\\u009b\\u202e\\ufeff');
    assert.equal(escapeInvisible('达州 😀\n\t'), '达州 😀\n\t');
    assert.equal(escapeInvisible('x\ud800y'), 'x\\ud800y');
  });

  test('a quote is escaped and cut to a short excerpt', () => {
    assert.equal(text.quote('a\nb'), "'a\\nb'");
    assert.equal(text.quote('x'.repeat(100), 10), `'${'x'.repeat(10)}…'`);
  });

  test('a YibaoError never carries raw control characters, wherever they came from', () => {
    const e = new YibaoError('bad \u001b]0;title\u0007', {
      file: 'a\u0000.yaml',
      field: 'f\u009b',
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that there are none
    assert.doesNotMatch(e.message, /[\u0000-\u001f\u007f-\u009f]/);
    assert.match(e.message, /\\u001b\]0;title\\u0007/);
  });
});
