/** SCHEMES.md §9: the five worked examples, to the fen. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settled } from './helpers';

describe('engine/settle: SCHEMES.md §9 worked examples', () => {
  test('D1 dazhou-2023: employee, level 3, total 55,000, scope 50,000', () => {
    const r = settled('dazhou-2023', {
      group: 'employee',
      status: 'none',
      events: [{ category: 'inpatient', level: 3, total: 55000, scope: 50000 }],
    });
    assert.equal(r.basic, '41820.00');
    assert.deepEqual(r.layers, { large_expense: '2535.00' });
    assert.equal(r.oop, '10645.00');
  });

  test('G1 guiyang-2023: resident, level 3, total = scope = 120,000', () => {
    const r = settled('guiyang-2023', {
      group: 'resident',
      status: 'none',
      events: [{ category: 'inpatient', level: 3, total: 120000, scope: 120000 }],
    });
    assert.equal(r.basic, '71400.00');
    assert.deepEqual(r.layers, { critical_illness: '24960.00' });
    assert.equal(r.oop, '23640.00');
  });

  test('G2 guiyang-2023: resident, level 3, total = scope = 400,000 (basic cap reached)', () => {
    const r = settled('guiyang-2023', {
      group: 'resident',
      status: 'none',
      events: [{ category: 'inpatient', level: 3, total: 400000, scope: 400000 }],
    });
    assert.equal(r.basic, '150000.00');
    assert.deepEqual(r.layers, { critical_illness: '163300.00' });
    assert.equal(r.oop, '86700.00');
  });

  test('H1 huangshan-2022: resident dibao, level 2, total 90,000, scope 80,000', () => {
    const r = settled('huangshan-2022', {
      group: 'resident',
      status: 'dibao',
      events: [{ category: 'inpatient', level: 2, total: 90000, scope: 80000 }],
    });
    assert.equal(r.basic, '59625.00');
    assert.deepEqual(r.layers, { critical_illness: '8368.75' });
    assert.equal(r.aid, '8404.38');
    assert.deepEqual(r.alerts, { alert: true });
    assert.equal(r.oop, '13601.87');
  });

  test('O1 ordos-2018: employee, level 3, total 90,000, scope 60,000, excluded 2,000, cancer drugs 10,000', () => {
    const r = settled('ordos-2018', {
      group: 'employee',
      status: 'none',
      events: [
        {
          category: 'inpatient',
          level: 3,
          total: 90000,
          scope: 60000,
          excluded: 2000,
          cancerDrugOoc: 10000,
        },
      ],
    });
    assert.equal(r.basic, '50320.00');
    assert.deepEqual(r.layers, {
      large_medical: '0.00',
      supplementary_line1: '0.00',
      supplementary_line2: '2304.00',
      supplementary_line3: '7000.00',
    });
    assert.equal(r.oop, '30376.00');
  });
});
