// The statistics of a replicate: a port of writeModelStatistics in src/evaluate/bootstrap/kernel.ts,
// with the partial AUCs of src/statistics/partialAuc.ts and weightedRocPass.ts (see
// bootstrapKernel.ts for what a port means here).

import { f64At, i32At } from './memory';
import { AUC, AVERAGE_PRECISION, MAXIMUM_F1, NEGATIVES, NEGATIVE_STEPS, POSITIVES } from './rocPass';

@inline function ratio(a: f64, b: f64): f64 {
  return b === 0 ? NaN : a / b;
}

/**
 * Writes AUC, average precision, maximum F1 (statistics 0–2), the seven measures of each of
 * `points` operating points (from statistic `pointBase`, at the distinct-value indices
 * `pointIndices`) and the net benefit at each of `gridCount` decision thresholds (from
 * statistic `gridBase`, at `gridIndices`, exchange rates `odds`) of the curve just passed;
 * statistic s to out + s·stride bytes.
 */
export function writeStatistics(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  result: usize,
  pointIndices: usize,
  points: i32,
  pointBase: i32,
  gridIndices: usize,
  gridCount: i32,
  gridBase: i32,
  odds: usize,
  out: usize,
  stride: i32,
): void {
  const P = f64At(result, POSITIVES);
  const Nn = f64At(result, NEGATIVES);
  const st = <usize>stride;
  store<f64>(out, f64At(result, AUC));
  store<f64>(out + st, f64At(result, AVERAGE_PRECISION));
  store<f64>(out + 2 * st, f64At(result, MAXIMUM_F1));
  let at = out + <usize>pointBase * st;
  for (let j = 0; j < points; j++) {
    const index = i32At(pointIndices, j);
    const tp = index < groups ? f64At(truePositives, index) : 0.0;
    const fp = index < groups ? f64At(falsePositives, index) : 0.0;
    const fn = P - tp;
    const tn = Nn - fp;
    const sensitivity = ratio(tp, P);
    const specificity = ratio(tn, Nn);
    store<f64>(at, sensitivity);
    store<f64>(at + st, specificity);
    store<f64>(at + 2 * st, ratio(tp, tp + fp));
    store<f64>(at + 3 * st, ratio(tn, tn + fn));
    store<f64>(at + 4 * st, ratio(tp + tn, P + Nn));
    store<f64>(at + 5 * st, ratio(2 * tp, 2 * tp + fp + fn));
    store<f64>(at + 6 * st, sensitivity + specificity - 1);
    at += 7 * st;
  }
  const total = P + Nn;
  at = out + <usize>gridBase * st;
  for (let g = 0; g < gridCount; g++) {
    const index = i32At(gridIndices, g);
    const tp = index < groups ? f64At(truePositives, index) : 0.0;
    const fp = index < groups ? f64At(falsePositives, index) : 0.0;
    store<f64>(at, (tp - fp * f64At(odds, g)) / total);
    at += st;
  }
}

// Partial AUCs (partialAuc.ts: segmentArea, partialAreaRaw, mcclishStandardised; and
// specificityPartialArea in weightedRocPass.ts)

@inline function segmentArea(x0: f64, y0: f64, x1: f64, y1: f64, from: f64, to: f64): f64 {
  if (x1 <= x0) return 0;
  const lo = from > x0 ? from : x0;
  const hi = to < x1 ? to : x1;
  if (hi <= lo) return 0;
  const slope = (y1 - y0) / (x1 - x0);
  return ((y0 + slope * (lo - x0) + y0 + slope * (hi - x0)) / 2) * (hi - lo);
}

/** specificityPartialArea: over the horizontal steps (from entry `groups` of `steps`). */
function specificityPartialArea(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  steps: usize,
  negativeStepCount: i32,
  positives: f64,
  negatives: f64,
  from: f64,
  to: f64,
): f64 {
  let count = 0;
  while (count < negativeStepCount) {
    const above = i32At(steps, groups + count) + 1;
    if ((above < groups ? 1 - f64At(falsePositives, above) / negatives : 1.0) <= from) break;
    count++;
  }
  let area: f64 = 0;
  for (let i = count - 1; i >= 0; i--) {
    const j = i32At(steps, groups + i);
    const x0 = 1 - f64At(falsePositives, j) / negatives;
    const y0 = f64At(truePositives, j) / positives;
    const x1 = j + 1 < groups ? 1 - f64At(falsePositives, j + 1) / negatives : 1.0;
    const y1 = j + 1 < groups ? f64At(truePositives, j + 1) / positives : 0.0;
    area += segmentArea(x0, y0, x1, y1, from, to);
  }
  return area;
}

/** partialAreaRaw(curve, 'sensitivity', from, to). */
function sensitivityPartialArea(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  positives: f64,
  negatives: f64,
  from: f64,
  to: f64,
): f64 {
  let area: f64 = 0;
  let previousX: f64 = 0;
  let previousY: f64 = 1;
  for (let k = groups - 1; k >= -1; k--) {
    const x = k >= 0 ? f64At(truePositives, k) / positives : 1.0;
    const y = k >= 0 ? 1 - f64At(falsePositives, k) / negatives : 0.0;
    area += segmentArea(previousX, previousY, x, y, from, to);
    if (x >= to) break;
    previousX = x;
    previousY = y;
  }
  return area;
}

/** mcclishStandardised (DIAGONAL_TOLERANCE 1e-10). */
@inline function mcclishStandardised(raw: f64, from: f64, to: f64): f64 {
  const maximum = to - from;
  const minimum = to - from - (to * to - from * from) / 2;
  if (Math.abs(raw - minimum) <= 1e-10 * maximum) return 0.5;
  if (raw < minimum) return NaN;
  return (1 + (raw - minimum) / (maximum - minimum)) / 2;
}

/**
 * The partial AUCs of the curve just passed, as writeModelStatistics writes them: `count`
 * ranges at `ranges`, 5 doubles each (focus: 0 specificity, 1 sensitivity; from; to; the raw
 * and the McClish statistic's index), statistic s to out + s·stride bytes.
 */
export function writePartialAucs(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  steps: usize,
  result: usize,
  ranges: usize,
  count: i32,
  out: usize,
  stride: i32,
): void {
  const positives = f64At(result, POSITIVES);
  const negatives = f64At(result, NEGATIVES);
  const negativeStepCount = <i32>f64At(result, NEGATIVE_STEPS);
  for (let r = 0; r < count; r++) {
    const range = ranges + <usize>(40 * r);
    const from = f64At(range, 1);
    const to = f64At(range, 2);
    let raw: f64 = NaN;
    if (positives > 0 && negatives > 0) {
      raw =
        f64At(range, 0) === 0
          ? specificityPartialArea(
              truePositives,
              falsePositives,
              groups,
              steps,
              negativeStepCount,
              positives,
              negatives,
              from,
              to,
            )
          : sensitivityPartialArea(truePositives, falsePositives, groups, positives, negatives, from, to);
    }
    store<f64>(out + <usize>(<i32>f64At(range, 3) * stride), raw);
    store<f64>(out + <usize>(<i32>f64At(range, 4) * stride), mcclishStandardised(raw, from, to));
  }
}
