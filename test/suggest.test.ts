import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closest, editDistance } from '../src/suggest';

describe('suggest', () => {
  test('edit distance counts insertions, deletions, substitutions and swaps', () => {
    assert.equal(editDistance('simluate', 'simulate'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
  });

  test('closest names the near one, or none when nothing is near', () => {
    const commands = ['simulate', 'schemes', 'price', 'compare', 'adjudicate'];
    assert.equal(closest('simluate', commands), 'simulate');
    assert.equal(closest('pirce', commands), 'price');
    assert.equal(closest('dazhou2023', ['dazhou-2023', 'guiyang-2023']), 'dazhou-2023');
    assert.equal(closest('Dazhou_2023', ['dazhou-2023', 'guiyang-2023']), 'dazhou-2023');
    assert.equal(closest('atlantis-2030', ['dazhou-2023', 'guiyang-2023']), undefined);
    assert.equal(closest('x', commands), undefined);
  });
});
