// The fast midrank kernels (Sun & Xu 2014) against brute-force O(n²) definitions of the AUC
// and of DeLong et al.'s (1988) placements and covariance, on random inputs with and
// without ties. pROC agreement is checked in discrimination.reference.test.ts.
import { describe, expect, it } from 'vitest';
import {
  delongCovariance,
  delongPlacements,
  delongPlacementsOfSorted,
  delongVariance,
} from '../../src/statistics/delong.js';
import { midranks } from '../../src/statistics/ranks.js';
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

/** Sun & Xu's (2014) algorithm as first written: three separate midrank sorts. */
function threeSortPlacements(positiveScores: Float64Array, negativeScores: Float64Array) {
  const m = positiveScores.length;
  const n = negativeScores.length;
  const combined = new Float64Array(m + n);
  combined.set(positiveScores, 0);
  combined.set(negativeScores, m);
  const combinedRanks = midranks(combined);
  const positiveRanks = midranks(positiveScores);
  const negativeRanks = midranks(negativeScores);
  const positives = new Float64Array(m);
  const negatives = new Float64Array(n);
  let rankSum = 0;
  for (let i = 0; i < m; i++) {
    const rz = combinedRanks[i] as number;
    rankSum += rz;
    positives[i] = (rz - (positiveRanks[i] as number)) / n;
  }
  for (let j = 0; j < n; j++) {
    negatives[j] = 1 - ((combinedRanks[m + j] as number) - (negativeRanks[j] as number)) / m;
  }
  return { auc: (rankSum - (m * (m + 1)) / 2) / (m * n), positives, negatives };
}

describe("placements from the model's one sort", () => {
  it.each([
    [11, 300, 700, 2],
    [12, 3000, 7000, 3],
    [13, 2500, 2600, undefined],
    [14, 1, 1, 0],
  ] as const)('seed %i: bit for bit the three-sort placements', (seed, m, n, decimals) => {
    const { positives, negatives } = randomScores(seed, m, n, decimals);
    // the cases interleaved, as in a data file
    const uniform = seededUniform(seed + 50);
    const scores: number[] = [];
    const labels: number[] = [];
    let p = 0;
    let q = 0;
    while (p < m || q < n) {
      if (q >= n || (p < m && uniform() < m / (m + n))) {
        scores.push(positives[p++] as number);
        labels.push(1);
      } else {
        scores.push(negatives[q++] as number);
        labels.push(0);
      }
    }
    const sorted = sortScores(Float64Array.from(scores));
    const labelled = Uint8Array.from(labels);
    const fromSort = delongPlacementsOfSorted(sorted, labelled);
    const expected = threeSortPlacements(positives, negatives);
    expect(fromSort).toEqual(expected);
    // the groups' positives read off the ROC curve of the same sort: the same placements
    expect(delongPlacementsOfSorted(sorted, labelled, weightedRocCurve(sorted, labelled))).toEqual(expected);
    expect(delongPlacements(positives, negatives)).toEqual(expected);
  });
});

describe('paired AUC test with the models’ variances given', () => {
  it('is the test that computes them', async () => {
    const { pairedAucDifference } = await import('../../src/statistics/paired/auc.js');
    const { positives, negatives } = randomScores(7, 400, 600);
    const uniform = seededUniform(8);
    const a = delongPlacements(positives, negatives);
    const b = delongPlacements(
      positives.map((v) => v * 0.5 + uniform() * 0.5),
      negatives.map((v) => v * 0.5 + uniform() * 0.5),
    );
    const given = pairedAucDifference(a, b, 0.95, delongCovariance, {
      a: delongVariance(a),
      b: delongVariance(b),
    });
    expect(given).toEqual(pairedAucDifference(a, b, 0.95));
  });
});
