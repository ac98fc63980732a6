// Youden's J and its Wald interval against test/reference/youden.R.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { youdenIndex } from '../../src/statistics/youden.js';

const reference = JSON.parse(readFileSync('test/reference/expected/youden.json', 'utf8')) as {
  cases: {
    tp: number;
    fp: number;
    tn: number;
    fn: number;
    level: number;
    j: number;
    se: number;
    ci: [number, number];
  }[];
};

it.each(reference.cases)('J for tp=$tp fp=$fp tn=$tn fn=$fn', (c) => {
  const result = youdenIndex({ tp: c.tp, fp: c.fp, tn: c.tn, fn: c.fn }, c.level);
  expect(result.estimate).toBeCloseTo(c.j, 12);
  expect(result.se).toBeCloseTo(c.se, 12);
  expect(result.lower).toBeCloseTo(c.ci[0], 12);
  expect(result.upper).toBeCloseTo(c.ci[1], 12);
});
