import { describe, it, expect } from 'vitest';
import { averagePrecision, maximumF1, precisionRecallCurve } from '../../src/statistics/averagePrecision.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  maxAbsDifference,
  readCalibrationSet,
  readExpected,
} from './calibrationReferenceData.js';

interface SklearnMeasures {
  average_precision: number;
  curve: { thresholds: number[]; precision: number[]; recall: number[] };
  maximum_f1: { f1: number; threshold: number; precision: number; recall: number };
}

interface PrecisionRecallExpected {
  generated_by: string;
  versions: { sklearn: string };
  unweighted: SklearnMeasures;
  weighted: SklearnMeasures;
}

const TOLERANCE = 1e-9;

describe.each(CALIBRATION_SETS)('precision–recall on calibration_%s against scikit-learn', (name) => {
  const set = readCalibrationSet(name);
  const expected = readExpected<PrecisionRecallExpected>(`pr_${name}.json`);

  it.each([
    ['unweighted', undefined],
    ['weighted', set.w],
  ] as const)('%s: average precision, curve and maximum F1', (kind, weights) => {
    const reference = expected[kind];
    expect(averagePrecision(set.p, set.y, weights)).toBeCloseTo(reference.average_precision, 12);

    // scikit-learn lists thresholds ascending; ours are descending
    const curve = precisionRecallCurve(set.p, set.y, weights);
    const thresholds = [...reference.curve.thresholds].reverse();
    expect(curve.map((point) => point.threshold)).toEqual(thresholds);
    expect(
      maxAbsDifference(
        curve.map((point) => point.precision),
        [...reference.curve.precision].reverse(),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(
      maxAbsDifference(
        curve.map((point) => point.recall),
        [...reference.curve.recall].reverse(),
      ),
    ).toBeLessThan(TOLERANCE);

    const best = maximumF1(set.p, set.y, weights);
    expect(best).not.toBeNull();
    expect(best?.threshold).toBe(reference.maximum_f1.threshold);
    expect(best?.f1).toBeCloseTo(reference.maximum_f1.f1, 12);
    expect(best?.precision).toBeCloseTo(reference.maximum_f1.precision, 12);
    expect(best?.recall).toBeCloseTo(reference.maximum_f1.recall, 12);
  });

  it('integer weights equal duplicated rows exactly', () => {
    const duplicated = duplicateRows(set);
    expect(averagePrecision(set.p, set.y, set.w)).toBe(averagePrecision(duplicated.p, duplicated.y));
    expect(precisionRecallCurve(set.p, set.y, set.w)).toEqual(
      precisionRecallCurve(duplicated.p, duplicated.y),
    );
    expect(maximumF1(set.p, set.y, set.w)).toEqual(maximumF1(duplicated.p, duplicated.y));
  });

  it('all-ones weights equal no weights', () => {
    const ones = new Float64Array(set.p.length).fill(1);
    expect(averagePrecision(set.p, set.y, ones)).toBe(averagePrecision(set.p, set.y));
    expect(precisionRecallCurve(set.p, set.y, ones)).toEqual(precisionRecallCurve(set.p, set.y));
    expect(maximumF1(set.p, set.y, ones)).toEqual(maximumF1(set.p, set.y));
  });
});

describe('precision–recall edge cases', () => {
  it('a small hand-checkable example with ties (score >= t is positive)', () => {
    const scores = Float64Array.from([0.9, 0.8, 0.8, 0.5, 0.2]);
    const labels = Uint8Array.from([1, 0, 1, 1, 0]);
    // t = 0.9: TP 1 FP 0; t = 0.8: TP 2 FP 1; t = 0.5: TP 3 FP 1; t = 0.2: TP 3 FP 2
    expect(precisionRecallCurve(scores, labels)).toEqual([
      { threshold: 0.9, recall: 1 / 3, precision: 1 },
      { threshold: 0.8, recall: 2 / 3, precision: 2 / 3 },
      { threshold: 0.5, recall: 1, precision: 3 / 4 },
      { threshold: 0.2, recall: 1, precision: 3 / 5 },
    ]);
    expect(averagePrecision(scores, labels)).toBeCloseTo(
      (1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 4),
      15,
    );
    // F1 at 0.5 = 6/7 is the maximum
    expect(maximumF1(scores, labels)).toEqual({ f1: 6 / 7, threshold: 0.5, precision: 3 / 4, recall: 1 });
  });

  it('tied F1 values go to the highest threshold', () => {
    // t = 0.9: TP 1, FP 0, P 2 → F1 = 2/3; t = 0.5: TP 2, FP 2 → F1 = 4/6 = 2/3
    const scores = Float64Array.from([0.9, 0.5, 0.5, 0.5]);
    const labels = Uint8Array.from([1, 1, 0, 0]);
    expect(maximumF1(scores, labels)?.threshold).toBe(0.9);
  });

  it('cases of weight zero do not create thresholds', () => {
    const scores = Float64Array.from([0.9, 0.7, 0.3]);
    const labels = Uint8Array.from([1, 0, 1]);
    const curve = precisionRecallCurve(scores, labels, Float64Array.from([1, 0, 1]));
    expect(curve.map((point) => point.threshold)).toEqual([0.9, 0.3]);
  });

  it('no positives: empty curve, null average precision and F1', () => {
    const scores = Float64Array.from([0.1, 0.2]);
    const labels = Uint8Array.from([0, 0]);
    expect(precisionRecallCurve(scores, labels)).toEqual([]);
    expect(averagePrecision(scores, labels)).toBeNull();
    expect(maximumF1(scores, labels)).toBeNull();
  });

  it('rejects mismatched lengths, bad labels and negative weights', () => {
    const scores = Float64Array.from([0.1, 0.2]);
    expect(() => averagePrecision(scores, Uint8Array.from([1]))).toThrow(RangeError);
    expect(() => averagePrecision(scores, Uint8Array.from([1, 2]))).toThrow(RangeError);
    expect(() => averagePrecision(scores, Uint8Array.from([1, 0]), Float64Array.from([1, -1]))).toThrow(
      RangeError,
    );
  });
});
