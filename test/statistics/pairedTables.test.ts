// The paired tables read off the calls table equal those counted case by case (both are counts
// of the same cases; no reference value is involved).
import { describe, expect, it } from 'vitest';
import { pairedCallsTable, pairedTable, pairedTableFromCalls } from '../../src/statistics/paired/tables.js';

describe('pairedTableFromCalls', () => {
  it('gives the counted paired table of either class, for any thresholds and ties', () => {
    let seed = 7;
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(uniform() * 200);
      const labels = Uint8Array.from({ length: n }, () => (uniform() < 0.4 ? 1 : 0));
      // scores on a coarse grid, so that thresholds meet ties
      const scoresA = Float64Array.from({ length: n }, () => Math.round(uniform() * 10) / 10);
      const scoresB = Float64Array.from({ length: n }, () => Math.round(uniform() * 10) / 10);
      const calls = {
        scoresA,
        scoresB,
        labels,
        thresholdA: Math.round(uniform() * 10) / 10,
        thresholdB: Math.round(uniform() * 10) / 10,
      };
      const table = pairedCallsTable(calls);
      for (const positiveClass of [true, false]) {
        expect(pairedTableFromCalls(table, positiveClass)).toEqual(pairedTable({ ...calls, positiveClass }));
      }
    }
  });
});
