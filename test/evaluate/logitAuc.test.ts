// The logit-transformed DeLong interval of the AUC against test/reference/logit_auc.R.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { splitByClass } from '../../src/evaluate/casesByClass.js';
import { aucResult } from '../../src/evaluate/discrimination.js';
import { parseCsv } from '../../src/load/csv.js';

const reference = JSON.parse(readFileSync('test/reference/expected/logit_auc.json', 'utf8')) as {
  cases: { dataset: string; model: string; level: number; auc: number; se: number; ci: [number, number] }[];
};

it.each(reference.cases)('$dataset/$model at level $level', (c) => {
  const table = parseCsv(readFileSync(`test/reference/data/${c.dataset}.csv`, 'utf8'), c.dataset);
  const column = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)] as string);
  const labels = Uint8Array.from(column('y'), Number);
  const scores = Float64Array.from(column(c.model), Number);
  const { auc } = aucResult(splitByClass(scores, labels), { level: c.level, method: 'delong-logit' });
  expect(auc.estimate).toBeCloseTo(c.auc, 12);
  expect(auc.ci?.method).toContain('logit');
  expect(auc.ci?.lower).toBeCloseTo(c.ci[0], 10);
  expect(auc.ci?.upper).toBeCloseTo(c.ci[1], 10);
});
