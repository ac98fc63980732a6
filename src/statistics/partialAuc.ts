/**
 * Partial area under the ROC curve over a specificity or a sensitivity range, with the
 * curve drawn as straight segments between its empirical points (pROC's `auc(partial.auc=)`),
 * and McClish's (1989, Med Decis Making 9:190–195) standardisation
 * ½·(1 + (pAUC − min)/(max − min)), where min is the area under the chance diagonal over the
 * range and max the area of the full rectangle, so that 0.5 is chance and 1 perfect.
 */
import type { RocCurve } from './rocCurve.js';

export type PartialAucFocus = 'specificity' | 'sensitivity';

export interface PartialAuc {
  raw: number;
  mcclish: number;
}

/** Points (x, y) along the curve, x ascending, with x the focus measure. */
function curvePoints(curve: RocCurve, focus: PartialAucFocus): { x: number[]; y: number[] } {
  const { thresholds, truePositives, falsePositives, positives, negatives } = curve;
  const sens: number[] = [];
  const spec: number[] = [];
  for (let k = 0; k < thresholds.length; k++) {
    sens.push((truePositives[k] as number) / positives);
    spec.push(1 - (falsePositives[k] as number) / negatives);
  }
  // above every score nobody is positive
  sens.push(0);
  spec.push(1);
  // lowest threshold: everybody positive (sens 1, spec 0) is the first point already
  // unless the curve starts elsewhere; add the corner explicitly for safety
  sens.unshift(1);
  spec.unshift(0);
  // specificity ascends and sensitivity descends along increasing thresholds
  if (focus === 'specificity') return { x: spec, y: sens };
  return { x: sens.slice().reverse(), y: spec.slice().reverse() };
}

function areaOver(x: number[], y: number[], from: number, to: number): number {
  let area = 0;
  for (let k = 0; k + 1 < x.length; k++) {
    const x0 = x[k] as number;
    const x1 = x[k + 1] as number;
    if (x1 <= x0) continue; // vertical segment: no area
    const lo = Math.max(from, x0);
    const hi = Math.min(to, x1);
    if (hi <= lo) continue;
    const y0 = y[k] as number;
    const slope = ((y[k + 1] as number) - y0) / (x1 - x0);
    const yLo = y0 + slope * (lo - x0);
    const yHi = y0 + slope * (hi - x0);
    area += ((yLo + yHi) / 2) * (hi - lo);
  }
  return area;
}

/**
 * @param range [from, to] of the focus measure, 0 ≤ from < to ≤ 1
 */
export function partialAuc(
  curve: RocCurve,
  focus: PartialAucFocus,
  range: readonly [number, number],
): PartialAuc {
  const [from, to] = range;
  const { x, y } = curvePoints(curve, focus);
  const raw = areaOver(x, y, from, to);
  const maximum = to - from;
  // area under the diagonal y = 1 − x between from and to
  const minimum = to - from - (to * to - from * from) / 2;
  return { raw, mcclish: (1 + (raw - minimum) / (maximum - minimum)) / 2 };
}
