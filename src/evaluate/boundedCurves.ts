/**
 * The ROC and precision–recall points results.json carries for one model: every point while
 * the curve has at most `CURVE_POINT_LIMIT` points; beyond that the curve thinned to within
 * `CURVE_MAX_ERROR` in each coordinate (see statistics/curveThinning.ts), keeping both ends and
 * the point of every reported threshold, with the thinning recorded. `--full-curves` writes
 * the full-resolution curves as CSV (output/fullCurves.ts).
 */
import type { PrecisionRecallPoint, RocPoint } from './results.js';
import type { RocCurve } from '../statistics/rocCurve.js';
import { CURVE_THINNING_METHOD, type CurveThinning } from '../statistics/curveThinning.js';

/** Curves with more points than this are thinned. */
export const CURVE_POINT_LIMIT = 10_000;
/** ε of the thinning, in sensitivity, specificity, recall and precision. */
export const CURVE_MAX_ERROR = 1e-4;

export interface BoundedCurves {
  roc: RocPoint[];
  precisionRecall: PrecisionRecallPoint[];
  /** Present only when a curve was thinned. */
  thinning?: { roc?: CurveThinning; precisionRecall?: CurveThinning };
}

/**
 * Index of the curve point that a threshold t reports (score ≥ t is positive): the lowest
 * distinct score ≥ t; null above the highest score.
 */
function pointOf(thresholds: Float64Array, t: number): number | null {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((thresholds[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < thresholds.length ? lo : null;
}

/**
 * `thinnedIndices` of the ROC points (x specificity, y sensitivity; j = k, ascending threshold)
 * or of the precision–recall points (x recall, y precision; j = 0 the highest threshold), with
 * the coordinates computed in the loop as boundedCurves' accessors compute them (the same
 * values): at 10⁶ cases the generic walk's three closure calls per point took about 6 ms per
 * curve.
 */
function thinnedCurveIndices(
  curve: RocCurve,
  keep: Uint8Array,
  maxError: number,
  precisionRecall: boolean,
): Uint32Array {
  const { truePositives: tp, falsePositives: fp, positives, negatives } = curve;
  const count = curve.thresholds.length;
  const kept: number[] = [];
  let anchorX = Number.NaN;
  let anchorY = Number.NaN;
  for (let j = 0; j < count; j++) {
    const k = precisionRecall ? count - 1 - j : j;
    const truePositives = tp[k] as number;
    const px = precisionRecall ? truePositives / positives : 1 - (fp[k] as number) / negatives;
    const py = precisionRecall
      ? truePositives / (truePositives + (fp[k] as number))
      : truePositives / positives;
    const keepPoint =
      j === 0 ||
      j === count - 1 ||
      keep[k] === 1 ||
      !(Math.abs(px - anchorX) < maxError) ||
      !(Math.abs(py - anchorY) < maxError);
    if (!keepPoint) continue;
    kept.push(j);
    anchorX = px;
    anchorY = py;
  }
  return Uint32Array.from(kept);
}

/** ROC points (ascending threshold) and PR points (descending threshold) of `curve`, bounded in number. */
export function boundedCurves(
  curve: RocCurve,
  keepThresholds: readonly (number | null | undefined)[],
  options: { limit?: number; maxError?: number } = {},
): BoundedCurves {
  const { limit = CURVE_POINT_LIMIT, maxError = CURVE_MAX_ERROR } = options;
  const { thresholds, truePositives: tp, falsePositives: fp, positives, negatives } = curve;
  const count = thresholds.length;
  const sensitivity = (k: number): number => (tp[k] as number) / positives;
  const specificity = (k: number): number => 1 - (fp[k] as number) / negatives;
  const precision = (k: number): number => (tp[k] as number) / ((tp[k] as number) + (fp[k] as number));
  const rocPoint = (k: number): RocPoint => ({
    threshold: thresholds[k] as number,
    sensitivity: sensitivity(k),
    specificity: specificity(k),
  });
  // PR points run from the highest threshold down; none without positives
  const prCount = positives > 0 ? count : 0;
  const prIndex = (j: number): number => count - 1 - j;
  const prPoint = (j: number): PrecisionRecallPoint => {
    const k = prIndex(j);
    return { threshold: thresholds[k] as number, recall: sensitivity(k), precision: precision(k) };
  };
  if (count <= limit) {
    return {
      roc: Array.from({ length: count }, (_, k) => rocPoint(k)),
      precisionRecall: Array.from({ length: prCount }, (_, j) => prPoint(j)),
    };
  }
  if (!(maxError > 0)) throw new RangeError(`curve thinning: ε must be positive, got ${maxError}`);
  const keep = new Uint8Array(count);
  for (const t of keepThresholds) {
    if (t === null || t === undefined || !Number.isFinite(t)) continue;
    const k = pointOf(thresholds, t);
    if (k !== null) keep[k] = 1;
  }
  const rocKept = thinnedCurveIndices(curve, keep, maxError, false);
  const prKept = prCount > 0 ? thinnedCurveIndices(curve, keep, maxError, true) : new Uint32Array(0);
  const summary = (kept: Uint32Array, points: number): CurveThinning => ({
    points,
    kept: kept.length,
    maxError,
    method: CURVE_THINNING_METHOD,
  });
  return {
    roc: Array.from(rocKept, rocPoint),
    precisionRecall: Array.from(prKept, prPoint),
    thinning: {
      roc: summary(rocKept, count),
      ...(prCount > 0 ? { precisionRecall: summary(prKept, prCount) } : {}),
    },
  };
}
