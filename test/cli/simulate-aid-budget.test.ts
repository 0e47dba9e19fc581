import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

describe('yibao simulate: the medical-aid fund', () => {
  it('prints the aid budget and the quarterly list, and writes them to the tables', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-aid-'));
    try {
      const r = await runCli([
        'simulate',
        '--scheme',
        'huangshan-2022',
        ...['--scenarios', '4', '--persons', '2000', '--years', '2', '--workers', '1'],
        '--out',
        dir,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /救助支出合计 均值 aid budget mean \(万元\)/);
      for (const q of [1, 2, 3, 4])
        assert.match(r.stdout, new RegExp(`第${q}季度预警名单 均值 alert list Q${q} mean +\\d`));
      const csvRows = (name: string) =>
        fs
          .readFileSync(path.join(dir, name), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split(','));
      const [head, ...rows] = csvRows('scenarios.csv');
      for (const row of rows) {
        const v = (c: string) => Number(row[head.indexOf(c)]);
        assert.ok(Math.abs(v('aid_budget') - v('aid') - v('aid_subsidy')) < 0.005);
        assert.ok(v('alert_list_q1') <= v('alert_list_q4'));
      }
      const [sumHead] = csvRows('summary.csv');
      for (const c of [
        'aid_benefit_mean',
        'aid_subsidy_mean',
        'aid_budget_mean',
        'alert_list_q4_mean',
      ])
        assert.ok(sumHead.includes(c), c);
      const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
      assert.ok(summary.years[0].medicalAid.subsidy.mean > 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
