import { describe, expect, it } from 'vitest';
import { boundedCurves, CURVE_MAX_ERROR, CURVE_POINT_LIMIT } from '../../src/evaluate/boundedCurves.js';
import { rocPoints } from '../../src/evaluate/discrimination.js';
import { precisionRecallCurve } from '../../src/statistics/averagePrecision.js';
import { thinnedIndices } from '../../src/statistics/curveThinning.js';
import { sortScores, weightedRocCurve } from '../../src/statistics/rocCurve.js';
import { generateCalibrationData } from '../statistics/loessGenerator.js';

function curveOf(p: Float64Array, y: Uint8Array) {
  return weightedRocCurve(sortScores(p), y);
}

/** Largest max-coordinate distance from point q to the segment a→b. */
function distanceToSegment(q: [number, number], a: [number, number], b: [number, number]): number {
  // the max-norm distance to a segment is convex in the segment parameter: ternary search
  const at = (t: number): number =>
    Math.max(Math.abs(a[0] + t * (b[0] - a[0]) - q[0]), Math.abs(a[1] + t * (b[1] - a[1]) - q[1]));
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (at(m1) <= at(m2)) hi = m2;
    else lo = m1;
  }
  return at((lo + hi) / 2);
}

describe('boundedCurves', () => {
  it('thins each curve as thinnedIndices does over its points (the same points kept)', () => {
    for (const [kind, n, seed] of [
      ['continuous', 40_000, 3],
      ['ties', 40_000, 4],
    ] as const) {
      const { p, y } = generateCalibrationData(kind, n, seed);
      const curve = curveOf(p, y);
      const keepAt = [0.2, 0.5, 0.9];
      const bounded = boundedCurves(curve, keepAt, { limit: 100 });
      const { thresholds, truePositives: tp, falsePositives: fp, positives, negatives } = curve;
      const count = thresholds.length;
      const keep = (k: number) =>
        keepAt.some((t) => (thresholds[k] as number) >= t && (k === 0 || (thresholds[k - 1] as number) < t));
      const roc = thinnedIndices({
        count,
        x: (k) => 1 - (fp[k] as number) / negatives,
        y: (k) => (tp[k] as number) / positives,
        mustKeep: keep,
        maxError: CURVE_MAX_ERROR,
      });
      const pr = thinnedIndices({
        count,
        x: (j) => (tp[count - 1 - j] as number) / positives,
        y: (j) =>
          (tp[count - 1 - j] as number) / ((tp[count - 1 - j] as number) + (fp[count - 1 - j] as number)),
        mustKeep: (j) => keep(count - 1 - j),
        maxError: CURVE_MAX_ERROR,
      });
      expect(bounded.roc.map((point) => point.threshold)).toEqual(Array.from(roc, (k) => thresholds[k]));
      expect(bounded.precisionRecall.map((point) => point.threshold)).toEqual(
        Array.from(pr, (j) => thresholds[count - 1 - j]),
      );
    }
  });

  it('keeps every point of a small curve, exactly as rocPoints and precisionRecallCurve', () => {
    const { p, y } = generateCalibrationData('ties', 3000, 11);
    const curve = curveOf(p, y);
    const bounded = boundedCurves(curve, [0.5]);
    expect(bounded.thinning).toBeUndefined();
    expect(bounded.roc).toEqual(rocPoints(curve));
    expect(bounded.precisionRecall).toEqual(precisionRecallCurve(p, y));
  });

  const { p, y } = generateCalibrationData('continuous', 60_000, 12);
  const curve = curveOf(p, y);
  const fixed = 0.123456; // not a score: reported at the lowest score above it
  const bounded = boundedCurves(curve, [fixed, p[17] as number, null]);
  const full = rocPoints(curve);
  const fullPr = precisionRecallCurve(p, y);

  it('thins a long curve, keeps the ends and every reported threshold, and records it', () => {
    expect(full.length).toBeGreaterThan(CURVE_POINT_LIMIT);
    expect(bounded.thinning?.roc).toMatchObject({
      points: full.length,
      kept: bounded.roc.length,
      maxError: 1e-4,
    });
    expect(bounded.thinning?.precisionRecall).toMatchObject({
      points: fullPr.length,
      kept: bounded.precisionRecall.length,
    });
    expect(bounded.roc[0]).toEqual(full[0]);
    expect(bounded.roc.at(-1)).toEqual(full.at(-1));
    expect(bounded.precisionRecall[0]).toEqual(fullPr[0]);
    expect(bounded.precisionRecall.at(-1)).toEqual(fullPr.at(-1));
    const lowestAbove = Math.min(...Array.from(p).filter((v) => v >= fixed));
    for (const t of [lowestAbove, p[17] as number]) {
      expect(bounded.roc.some((q) => q.threshold === t)).toBe(true);
      expect(bounded.precisionRecall.some((q) => q.threshold === t)).toBe(true);
    }
    // a monotone curve keeps at most 2/ε + kept thresholds + 2 points
    expect(bounded.roc.length).toBeLessThanOrEqual(2 / CURVE_MAX_ERROR + 4);
    expect(bounded.roc.length).toBeLessThan(full.length / 3);
  });

  it('keeps the full curve within ε of the thinned polyline, in each coordinate', () => {
    const check = (all: [number, number][], keptThresholds: Set<number>, thresholds: number[]): number => {
      let worst = 0;
      let previous = 0;
      for (let k = 0; k < all.length; k++) {
        if (keptThresholds.has(thresholds[k] as number)) {
          previous = k;
          continue;
        }
        let next = k;
        while (!keptThresholds.has(thresholds[next] as number)) next++;
        worst = Math.max(worst, distanceToSegment(all[k]!, all[previous]!, all[next]!));
      }
      return worst;
    };
    const rocWorst = check(
      full.map((q) => [q.specificity, q.sensitivity]),
      new Set(bounded.roc.map((q) => q.threshold)),
      full.map((q) => q.threshold),
    );
    const prWorst = check(
      fullPr.map((q) => [q.recall, q.precision]),
      new Set(bounded.precisionRecall.map((q) => q.threshold)),
      fullPr.map((q) => q.threshold),
    );
    expect(rocWorst).toBeLessThan(CURVE_MAX_ERROR);
    expect(prWorst).toBeLessThan(CURVE_MAX_ERROR);
  });
});

describe('thinnedIndices', () => {
  it('keeps a point ε or more away, drops closer ones, and always keeps the ends', () => {
    const xs = [0, 0.00005, 0.0001, 0.00011, 0.5, 0.50001];
    const kept = thinnedIndices({
      count: xs.length,
      x: (k) => xs[k]!,
      y: () => 0,
      mustKeep: () => false,
      maxError: 1e-4,
    });
    expect(Array.from(kept)).toEqual([0, 2, 4, 5]);
  });
  it('keeps what the caller must keep', () => {
    const kept = thinnedIndices({
      count: 5,
      x: () => 0,
      y: () => 0,
      mustKeep: (k) => k === 2,
      maxError: 1e-4,
    });
    expect(Array.from(kept)).toEqual([0, 2, 4]);
  });
  it('refuses a non-positive ε', () => {
    expect(() =>
      thinnedIndices({ count: 1, x: () => 0, y: () => 0, mustKeep: () => false, maxError: 0 }),
    ).toThrow(RangeError);
  });
});
