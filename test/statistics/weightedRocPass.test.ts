// The bootstrap's fused pass against the single-purpose kernels it replaces in the hot loop,
// and the selection-based percentile interval against a full sort, on random tied data.
import { describe, expect, it } from 'vitest';
import { percentileInterval, quantileSorted } from '../../src/statistics/resampling/bootstrapIntervals.js';
import { partialAreaRaw } from '../../src/statistics/partialAuc.js';
import {
  aucFromCurve,
  averagePrecisionFromCurve,
  sortScores,
  weightedRocCurve,
} from '../../src/statistics/rocCurve.js';
import {
  planRocPass,
  rocPassOutput,
  specificityPartialArea,
  weightedRocPass,
} from '../../src/statistics/weightedRocPass.js';
import { seededUniform } from '../helpers/random.js';

describe('weightedRocPass', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`matches the curve kernels exactly (seed ${seed})`, () => {
      const uniform = seededUniform(seed);
      const n = 50 + Math.floor(uniform() * 300);
      const decimals = seed % 3;
      const labels = Uint8Array.from({ length: n }, () => (uniform() < 0.3 ? 1 : 0));
      const scores = Float64Array.from(labels, (y) =>
        Number((0.4 * y + 0.6 * uniform()).toFixed(decimals + 1)),
      );
      const weights = Int32Array.from({ length: n }, () => Math.floor(uniform() * 3));
      const sorted = sortScores(scores);
      const plan = planRocPass(sorted, labels);
      const out = rocPassOutput(plan);
      weightedRocPass(plan, weights, out);
      const curve = weightedRocCurve(sorted, labels, Float64Array.from(weights));
      expect(Array.from(out.curve.truePositives)).toEqual(Array.from(curve.truePositives));
      expect(Array.from(out.curve.falsePositives)).toEqual(Array.from(curve.falsePositives));
      expect(out.auc).toBe(aucFromCurve(curve));
      expect(out.averagePrecision).toBe(averagePrecisionFromCurve(curve));
      let best = 0;
      for (let k = 0; k < curve.thresholds.length; k++) {
        const tp = curve.truePositives[k] as number;
        best = Math.max(best, (2 * tp) / (tp + (curve.falsePositives[k] as number) + curve.positives));
      }
      expect(out.maximumF1).toBe(best);
      for (const [from, to] of [
        [0.8, 1],
        [0, 1],
        [0.5, 0.9],
      ] as const) {
        expect(specificityPartialArea(out, from, to)).toBeCloseTo(
          partialAreaRaw(curve, 'specificity', from, to),
          14,
        );
      }
    });
  }
});

describe('percentileInterval', () => {
  it('equals type-7 quantiles of the sorted values', () => {
    const uniform = seededUniform(77);
    for (let trial = 0; trial < 200; trial++) {
      const b = 20 + Math.floor(uniform() * 3000);
      const values = Float64Array.from({ length: b }, () => Math.round(uniform() * 50) / 50);
      const sorted = Float64Array.from(values).sort();
      for (const level of [0.95, 0.9, 0.5]) {
        const interval = percentileInterval(Float64Array.from(values), level);
        expect(interval.lower).toBe(quantileSorted(sorted, (1 - level) / 2));
        expect(interval.upper).toBe(quantileSorted(sorted, 1 - (1 - level) / 2));
      }
    }
  });
});

describe('weightedRocPass without horizontal steps', () => {
  it('gives the same curve and summaries, and refuses the specificity partial AUC', () => {
    const uniform = seededUniform(11);
    const n = 200;
    const labels = Uint8Array.from({ length: n }, () => (uniform() < 0.4 ? 1 : 0));
    const scores = Float64Array.from(labels, (y) => Number((0.3 * y + 0.7 * uniform()).toFixed(2)));
    const weights = Int32Array.from({ length: n }, () => Math.floor(uniform() * 3));
    const sorted = sortScores(scores);
    const full = rocPassOutput(planRocPass(sorted, labels));
    const lean = rocPassOutput(planRocPass(sorted, labels, { negativeSteps: false }));
    weightedRocPass(planRocPass(sorted, labels), weights, full);
    weightedRocPass(planRocPass(sorted, labels, { negativeSteps: false }), weights, lean);
    expect(Array.from(lean.curve.truePositives)).toEqual(Array.from(full.curve.truePositives));
    expect(Array.from(lean.curve.falsePositives)).toEqual(Array.from(full.curve.falsePositives));
    expect([lean.auc, lean.averagePrecision, lean.maximumF1]).toEqual([
      full.auc,
      full.averagePrecision,
      full.maximumF1,
    ]);
    expect(() => specificityPartialArea(lean, 0.8, 1)).toThrow(/without negative steps/);
  });
});
