// The fast midrank kernels (Sun & Xu 2014) against brute-force O(n²) definitions of the AUC
// and of DeLong et al.'s (1988) placements and covariance, on random inputs with and
// without ties. pROC agreement is checked in discrimination.reference.test.ts.
import { describe, expect, it } from 'vitest';
import { delongCovariance, delongPlacements, delongVariance } from '../../src/statistics/delong.js';
import { aucFromCurve, rocCurve, sortScores, weightedRocCurve } from '../../src/statistics/rocCurve.js';
import { randomScores, seededUniform } from '../helpers/random.js';

const kernel = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);

function bruteForcePlacements(positives: Float64Array, negatives: Float64Array) {
  const v10 = Array.from(
    positives,
    (x) => negatives.reduce((s, y) => s + kernel(x, y), 0) / negatives.length,
  );
  const v01 = Array.from(
    negatives,
    (y) => positives.reduce((s, x) => s + kernel(x, y), 0) / positives.length,
  );
  const auc = v10.reduce((s, v) => s + v, 0) / positives.length;
  return { auc, v10, v01 };
}

function covariance(a: number[], b: number[]) {
  const meanA = a.reduce((s, v) => s + v, 0) / a.length;
  const meanB = b.reduce((s, v) => s + v, 0) / b.length;
  return a.reduce((s, v, i) => s + (v - meanA) * ((b[i] as number) - meanB), 0) / (a.length - 1);
}

describe('AUC and DeLong kernels agree with brute force', () => {
  for (const [seed, m, n, decimals] of [
    [1, 30, 50, undefined],
    [2, 7, 90, 1],
    [3, 120, 40, 2],
    [4, 3, 3, 0],
    [5, 200, 300, 1],
  ] as const) {
    it(`seed ${seed}: ${m} positives, ${n} negatives${decimals === undefined ? '' : `, ${decimals} decimals`}`, () => {
      const a = randomScores(seed, m, n, decimals);
      const b = randomScores(seed + 100, m, n, decimals);
      const bruteA = bruteForcePlacements(a.positives, a.negatives);
      const bruteB = bruteForcePlacements(b.positives, b.negatives);
      const fastA = delongPlacements(a.positives, a.negatives);
      const fastB = delongPlacements(b.positives, b.negatives);
      expect(fastA.auc).toBeCloseTo(bruteA.auc, 12);
      const labels = new Uint8Array(m + n).fill(0, m).fill(1, 0, m);
      const scores = new Float64Array(m + n);
      scores.set(a.positives, 0);
      scores.set(a.negatives, m);
      expect(aucFromCurve(rocCurve(scores, labels))).toBeCloseTo(bruteA.auc, 12);
      Array.from(fastA.positives).forEach((v, i) => expect(v).toBeCloseTo(bruteA.v10[i] as number, 12));
      Array.from(fastA.negatives).forEach((v, j) => expect(v).toBeCloseTo(bruteA.v01[j] as number, 12));
      const bruteVariance = covariance(bruteA.v10, bruteA.v10) / m + covariance(bruteA.v01, bruteA.v01) / n;
      expect(delongVariance(fastA)).toBeCloseTo(bruteVariance, 14);
      const bruteCovariance = covariance(bruteA.v10, bruteB.v10) / m + covariance(bruteA.v01, bruteB.v01) / n;
      expect(delongCovariance(fastA, fastB)).toBeCloseTo(bruteCovariance, 14);
    });
  }

  it('weighted curve equals physically duplicated cases', () => {
    const uniform = seededUniform(9);
    const n = 60;
    const scores = Float64Array.from({ length: n }, () => Math.round(uniform() * 10) / 10);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const weights = Float64Array.from({ length: n }, () => Math.floor(uniform() * 3));
    const duplicatedScores: number[] = [];
    const duplicatedLabels: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        duplicatedScores.push(scores[i] as number);
        duplicatedLabels.push(labels[i] as number);
      }
    });
    const expected = rocCurve(Float64Array.from(duplicatedScores), Uint8Array.from(duplicatedLabels));
    const weighted = weightedRocCurve(sortScores(scores), labels, weights);
    expect(aucFromCurve(weighted)).toBeCloseTo(aucFromCurve(expected), 12);
  });
});
