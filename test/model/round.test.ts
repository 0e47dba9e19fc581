import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shareOfFen } from '../../src/model/round';

describe('model/round: shareOfFen rounds half-up exactly', () => {
  it('3% of 150 fen is 4.5 fen → 5; of 149 fen 4.47 → 4; 90% of 38,000 fen is 34,200', () => {
    assert.equal(shareOfFen(0.03, 150), 5);
    assert.equal(shareOfFen(0.03, 149), 4);
    assert.equal(shareOfFen(0.9, 38000), 34200);
    assert.equal(shareOfFen(0.03, 123456789012), 3703703670);
  });
  it('refuses negative or fractional fen', () => {
    assert.throws(() => shareOfFen(0.03, -1), RangeError);
    assert.throws(() => shareOfFen(0.03, 1.5), RangeError);
  });
});
