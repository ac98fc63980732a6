/**
 * Thinning of a long curve (ROC, precision–recall) for results.json and the charts, with a
 * stated error bound: walking the points in curve order, a point is kept when it is the first
 * or the last, when the caller must keep it (an operating point), or when it lies at least
 * ε from the last kept point in one coordinate; every other point is dropped. So
 *
 * - every dropped point lies within ε, in each coordinate, of the kept point before it;
 * - the polyline through the kept points is within ε of the full polyline in each
 *   coordinate (Hausdorff distance in the max-coordinate norm): between kept points a and
 *   b, the full curve runs from a through dropped points q (|q − a| < ε) to b, and the
 *   segment q→b differs from a→b by at most |q − a| at every fraction of its length;
 * - a corner of the full curve is dropped only when it is within ε of a kept point, so
 *   every corner that changes the drawing by ε or more is kept.
 *
 * On a monotone curve (ROC: sensitivity and 1 − specificity both move one way) each kept
 * point advances by ε in one coordinate, so at most 2/ε + (points the caller keeps) + 2
 * points remain whatever the number of cases. Precision is not monotone in recall; its
 * random wiggle at small counts keeps more points there.
 */

/** A curve's length and how it was thinned, as recorded in results.json. */
export interface CurveThinning {
  /** Points of the full-resolution curve. */
  points: number;
  /** Points kept. */
  kept: number;
  /** ε: the largest distance, in each coordinate, between the full and the thinned curve. */
  maxError: number;
  method: string;
}

export const CURVE_THINNING_METHOD =
  'greedy: a point is kept when ≥ ε from the last kept point in either coordinate, plus both ends and every reported operating point';

export interface ThinningInput {
  /** Number of points, visited in curve order 0 … count − 1. */
  count: number;
  /** The two coordinates of point k. */
  x: (k: number) => number;
  y: (k: number) => number;
  /** Points kept whatever their distance (operating points). */
  mustKeep: (k: number) => boolean;
  maxError: number;
}

/** The kept points' positions in curve order (0 … count − 1). */
export function thinnedIndices(input: ThinningInput): Uint32Array {
  const { count, x, y, mustKeep, maxError } = input;
  if (!(maxError > 0)) throw new RangeError(`curve thinning: ε must be positive, got ${maxError}`);
  const kept: number[] = [];
  let anchorX = Number.NaN;
  let anchorY = Number.NaN;
  for (let k = 0; k < count; k++) {
    const px = x(k);
    const py = y(k);
    const keep =
      k === 0 ||
      k === count - 1 ||
      mustKeep(k) ||
      !(Math.abs(px - anchorX) < maxError) ||
      !(Math.abs(py - anchorY) < maxError);
    if (!keep) continue;
    kept.push(k);
    anchorX = px;
    anchorY = py;
  }
  return Uint32Array.from(kept);
}
