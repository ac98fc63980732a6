/**
 * Partial area under the ROC curve over a specificity or a sensitivity range, with the
 * curve drawn as straight segments between its empirical points (pROC's `auc(partial.auc=)`),
 * and McClish's (1989, Med Decis Making 9:190–195) standardisation
 * ½·(1 + (pAUC − min)/(max − min)), where min is the area under the chance diagonal over the
 * range and max the area of the full rectangle, so that 0.5 is chance and 1 perfect.
 * Works on weighted curves and allocates nothing, so the bootstrap can call it per replicate.
 */
import type { RocCurve } from './rocCurve.js';

export type PartialAucFocus = 'specificity' | 'sensitivity';

export interface PartialAuc {
  raw: number;
  /** Null when the curve lies below the diagonal over the range (as pROC, which gives NA). */
  mcclish: number | null;
}

/**
 * Area under the piecewise-linear curve through the ROC points, over x ∈ [from, to], where
 * x is the focus measure and y the other one.
 */
export function partialAreaRaw(curve: RocCurve, focus: PartialAucFocus, from: number, to: number): number {
  const { truePositives, falsePositives, positives, negatives } = curve;
  const groups = truePositives.length;
  // x (the focus measure) and y of point k; point −1 calls everybody positive, point G nobody
  let area = 0;
  let previousX = 0;
  let previousY = 1;
  if (focus === 'specificity') {
    // specificity rises with k: from 0 (k = −1) to 1 (k = G)
    for (let k = 0; k <= groups; k++) {
      const x = k < groups ? 1 - (falsePositives[k] as number) / negatives : 1;
      const y = k < groups ? (truePositives[k] as number) / positives : 0;
      area += segmentArea(previousX, previousY, x, y, from, to);
      if (x >= to) break;
      previousX = x;
      previousY = y;
    }
  } else {
    // sensitivity rises as k falls: from 0 (k = G) to 1 (k = −1)
    previousY = 1;
    for (let k = groups - 1; k >= -1; k--) {
      const x = k >= 0 ? (truePositives[k] as number) / positives : 1;
      const y = k >= 0 ? 1 - (falsePositives[k] as number) / negatives : 0;
      area += segmentArea(previousX, previousY, x, y, from, to);
      if (x >= to) break;
      previousX = x;
      previousY = y;
    }
  }
  return area;
}

/** Area under the straight segment (x0, y0)–(x1, y1) within x ∈ [from, to]. */
export function segmentArea(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  from: number,
  to: number,
): number {
  if (x1 <= x0) return 0; // vertical segment: no area
  const lo = from > x0 ? from : x0;
  const hi = to < x1 ? to : x1;
  if (hi <= lo) return 0;
  const slope = (y1 - y0) / (x1 - x0);
  return ((y0 + slope * (lo - x0) + y0 + slope * (hi - x0)) / 2) * (hi - lo);
}

/**
 * How far from the diagonal's area a raw partial area may be and still count as on the
 * diagonal, relative to the range's width (the scale of the area): the summed trapezoids of a
 * curve lying exactly on the chance line carry rounding errors of a few ulps per segment,
 * which a bare `raw < minimum` read as "below the diagonal" (pROC 1.18 does the same and
 * returns NA for some such curves; see test/reference/partial_auc_chance.R).
 */
const DIAGONAL_TOLERANCE = 1e-10;

/**
 * McClish's standardisation of a raw partial area over [from, to]; NaN when the area is
 * below the diagonal's, where the standardisation is not defined (pROC returns NA); exactly
 * 0.5 for an area on the diagonal within rounding.
 */
export function mcclishStandardised(raw: number, from: number, to: number): number {
  const maximum = to - from;
  // area under the diagonal y = 1 − x between from and to
  const minimum = to - from - (to * to - from * from) / 2;
  if (Math.abs(raw - minimum) <= DIAGONAL_TOLERANCE * maximum) return 0.5;
  if (raw < minimum) return Number.NaN;
  return (1 + (raw - minimum) / (maximum - minimum)) / 2;
}

/** @param range [from, to] of the focus measure, 0 ≤ from < to ≤ 1 */
export function partialAuc(
  curve: RocCurve,
  focus: PartialAucFocus,
  range: readonly [number, number],
): PartialAuc {
  const [from, to] = range;
  const raw = partialAreaRaw(curve, focus, from, to);
  const mcclish = mcclishStandardised(raw, from, to);
  return { raw, mcclish: Number.isNaN(mcclish) ? null : mcclish };
}
