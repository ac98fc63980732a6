// What reads a model's one sort (sortScores) instead of sorting again must give the same bits:
// order statistics by selection, quantiles read off the sorted groups, the loess smoother's
// sorted cases and the whole calibration summary.
import { describe, expect, it } from 'vitest';
import { calibrationSummary } from '../../src/statistics/calibration.js';
import { sortScores } from '../../src/statistics/confusion.js';
import { loessInterpolator } from '../../src/statistics/loessInterpolate.js';
import { quantilesOfSorted, quantilesType7 } from '../../src/statistics/quantile.js';
import { orderStatistics } from '../../src/statistics/selection.js';
import { seededUniform } from '../helpers/random.js';

function probabilities(n: number, seed: number, decimals: number): { p: Float64Array; y: Uint8Array } {
  const uniform = seededUniform(seed);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = Number((uniform() ** 2).toFixed(decimals));
    p[i] = value;
    y[i] = uniform() < value * 0.9 + 0.05 ? 1 : 0;
  }
  return { p, y };
}

describe('order statistics by selection', () => {
  it.each([
    [1, 5000, 1],
    [2, 5000, 4],
    [3, 40, 2],
    [4, 1, 3],
  ])('seed %i, %i values with %i decimals: the sorted copy at every asked position', (seed, n, decimals) => {
    const { p } = probabilities(n, seed, decimals);
    const sorted = Float64Array.from(p).sort();
    const positions = [0, n - 1, Math.floor(n / 2), Math.floor(n / 3), Math.floor((9 * n) / 10)];
    const found = orderStatistics(Float64Array.from(p), positions);
    for (const k of positions) expect(found.get(k)).toBe(sorted[k]);
  });

  it('already sorted, reversed and constant input', () => {
    const n = 3000;
    const ascending = Float64Array.from({ length: n }, (_, i) => i / n);
    for (const values of [ascending, ascending.slice().reverse(), new Float64Array(n).fill(0.5)]) {
      const sorted = Float64Array.from(values).sort();
      const found = orderStatistics(Float64Array.from(values), [0, 1, 1499, 1500, 2999]);
      for (const [k, value] of found) expect(value).toBe(sorted[k]);
    }
  });
});

describe("reading the model's sort", () => {
  const grid = Array.from({ length: 21 }, (_, k) => k / 20);
  it.each([
    [5, 8000, 2],
    [6, 8000, 6],
    [7, 300, 1],
  ])('seed %i, %i cases, %i decimals: quantiles, loess and calibration unchanged', (seed, n, decimals) => {
    const { p, y } = probabilities(n, seed, decimals);
    const sorted = sortScores(p);
    expect(quantilesOfSorted(sorted, grid)).toEqual(quantilesType7(p, grid));
    const plain = loessInterpolator(p, Float64Array.from(y), { span: 0.75 });
    const reusing = loessInterpolator(p, Float64Array.from(y), { span: 0.75, sorted });
    expect(reusing.vertices).toEqual(plain.vertices);
    expect(reusing.values).toEqual(plain.values);
    expect(reusing.slopes).toEqual(plain.slopes);
    const options = { level: 0.95, bins: 10, span: 0.75 };
    expect(calibrationSummary(p, y, { ...options, sorted })).toEqual(calibrationSummary(p, y, options));
  });
});
