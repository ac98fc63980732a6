/**
 * The calibration statistics of calibration.ts computed over the distinct predicted
 * probabilities (binaryGroups.ts) instead of the cases, for large unweighted studies: the
 * intercept and slope fits (`glm(y ~ 1 + offset(logit p))`, `glm(y ~ logit p)`) as grouped
 * binomial fits (irlsPassesGrouped.ts), and the loess smoother with each distinct p weighted
 * by its number of cases (loess.ts counts neighbourhoods by weight, so this is the smoother of
 * the cases: R's `loess(y ~ p)`), evaluated once per distinct p for ICI, E50, E90 and Emax
 * (Austin & Steyerberg 2019, as in calibration.ts; the quantiles are type 7 of the cases'
 * values, each distinct p's difference counted as often as it has cases).
 *
 * Mathematically these equal the per-case computations; only the order of summation differs,
 * which changes the last digits (≤ 1e-12 relative, tested against the per-case path and R).
 */
import type { BinaryGroups } from './binaryGroups.js';
import { fitGroupedLogistic, type LogisticFit } from './logisticRegression.js';
import { loessSmootherOfSorted } from './loess.js';
import { interpolatorOf } from './loessInterpolate.js';
import { quantilesOfCounts } from './quantile.js';

/** logit p of each distinct p, clamped to [clamp, 1 − clamp] as `clampedLogits` does. */
function groupLogits(values: Float64Array, clamp: number): Float64Array {
  const logits = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    let q = values[k] as number;
    if (q < clamp) q = clamp;
    else if (q > 1 - clamp) q = 1 - clamp;
    logits[k] = Math.log(q / (1 - q));
  }
  return logits;
}

/** The calibration-in-the-large and calibration-slope fits over the groups. */
export function groupedCalibrationFits(
  groups: BinaryGroups,
  options: { clamp: number; tolerance: number },
): { intercept: LogisticFit; slope: LogisticFit } {
  const logits = groupLogits(groups.values, options.clamp);
  const { cases, events } = groups;
  const limits = { tolerance: options.tolerance };
  return {
    intercept: fitGroupedLogistic({ covariate: null, offset: logits, cases, events }, limits),
    slope: fitGroupedLogistic({ covariate: logits, offset: null, cases, events }, limits),
  };
}

/** The loess of y on p over the groups (interpolated as R's default, or direct), as a function of p. */
export function groupedSmoother(
  groups: BinaryGroups,
  options: { span: number; surface: 'interpolate' | 'direct' },
): GroupedSmoother {
  const { values, cases, events } = groups;
  const ys = new Float64Array(values.length);
  let unitWeights = true;
  for (let k = 0; k < values.length; k++) {
    ys[k] = (events[k] as number) / (cases[k] as number);
    if (cases[k] !== 1) unitWeights = false;
  }
  const smoother = loessSmootherOfSorted(
    { xs: values, ys, ws: cases, unitWeights },
    { span: options.span, degree: 2 },
  );
  if (options.surface === 'interpolate') return interpolatorOf(smoother, options.span);
  return {
    predict: smoother.predict,
    predictAscending(at: Float64Array, out: Float64Array): void {
      for (let i = 0; i < at.length; i++) out[i] = smoother.predict(at[i] as number);
    },
  };
}

/** The smoothed curve at one p, and at many in ascending order. */
export interface GroupedSmoother {
  predict(value: number): number;
  predictAscending(at: Float64Array, out: Float64Array): void;
}

/** ICI, E50, E90 and Emax of |ŝ(p) − p| over the cases, ŝ evaluated once per distinct p. */
export function groupedSmoothSummary(
  groups: BinaryGroups,
  smoother: GroupedSmoother,
): { ici: number; e50: number; e90: number; emax: number } {
  const { values, cases } = groups;
  const differences = new Float64Array(values.length);
  smoother.predictAscending(values, differences);
  let sum = 0;
  let emax = 0;
  for (let k = 0; k < values.length; k++) {
    const value = values[k] as number;
    const difference = Math.abs((differences[k] as number) - value);
    differences[k] = difference;
    sum += (cases[k] as number) * difference;
    emax = Math.max(emax, difference);
  }
  const [e50, e90] = quantilesOfCounts(differences, cases, [0.5, 0.9]) as [number, number];
  return { ici: sum / groups.n, e50, e90, emax };
}
