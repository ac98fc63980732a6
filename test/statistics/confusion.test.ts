// The confusion-at-thresholds kernel (src/statistics/confusion.ts): its doc example, and the
// counts every reader takes from it agree with counting the cases one by one.
import { describe, expect, it } from 'vitest';
import { confusionAt, sortScores, weightedRocCurve } from '../../src/statistics/confusion.js';
import { decisionCurve, decisionCurveFromCurve } from '../../src/statistics/decisionCurve.js';
import {
  maximumF1,
  maximumF1FromCurve,
  precisionRecallCurve,
  precisionRecallFromCurve,
} from '../../src/statistics/averagePrecision.js';
import { seededUniform } from '../helpers/random.js';

describe('confusion kernel', () => {
  it('gives the counts of its doc example', () => {
    const curve = weightedRocCurve(
      sortScores(Float64Array.of(0.1, 0.4, 0.35, 0.8)),
      Uint8Array.of(0, 0, 1, 1),
    );
    expect([...curve.thresholds]).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect([...curve.truePositives]).toEqual([2, 2, 1, 1]);
    expect(confusionAt(curve, 0.4)).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    // above every score: nobody called positive; below: everybody
    expect(confusionAt(curve, Number.POSITIVE_INFINITY)).toEqual({ tp: 0, fp: 0, tn: 2, fn: 2 });
    expect(confusionAt(curve, 0)).toEqual({ tp: 2, fp: 2, tn: 0, fn: 0 });
  });

  it('counts as a case-by-case count does, at every threshold, with ties', () => {
    const random = seededUniform(11);
    const n = 300;
    const scores = Float64Array.from({ length: n }, () => Math.round(random() * 40) / 40);
    const labels = Uint8Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    const curve = weightedRocCurve(sortScores(scores), labels);
    for (const t of [-1, 0, 0.025, 0.5, 0.51, 1, 2]) {
      const direct = { tp: 0, fp: 0, tn: 0, fn: 0 };
      scores.forEach((s, i) => {
        const called = s >= t;
        if (labels[i] === 1) direct[called ? 'tp' : 'fn']++;
        else direct[called ? 'fp' : 'tn']++;
      });
      expect(confusionAt(curve, t)).toEqual(direct);
    }
    // the readers give the same from a shared curve as from the scores
    expect(precisionRecallFromCurve(curve)).toEqual(precisionRecallCurve(scores, labels));
    expect(maximumF1FromCurve(curve)).toEqual(maximumF1(scores, labels));
    const grid = [0.1, 0.2, 0.5];
    expect(decisionCurveFromCurve(curve, grid)).toEqual(decisionCurve(scores, labels, grid));
  });
});
