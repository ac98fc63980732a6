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
import { quantilesOfAscendingCounts, quantilesOfCounts } from './quantile.js';

/**
 * logit p of each distinct p, clamped to [clamp, 1 − clamp] as `clampedLogits` does, and the
 * odds p/(1 − p) it is the log of (e^offset for the intercept fit, with no exponential).
 */
function groupLogits(values: Float64Array, clamp: number): { logits: Float64Array; odds: Float64Array } {
  const logits = new Float64Array(values.length);
  const odds = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    let q = values[k] as number;
    if (q < clamp) q = clamp;
    else if (q > 1 - clamp) q = 1 - clamp;
    const ratio = q / (1 - q);
    odds[k] = ratio;
    logits[k] = Math.log(ratio);
  }
  return { logits, odds };
}

/** The calibration-in-the-large and calibration-slope fits over the groups. */
export function groupedCalibrationFits(
  groups: BinaryGroups,
  options: { clamp: number; tolerance: number },
): { intercept: LogisticFit; slope: LogisticFit } {
  const { logits, odds } = groupLogits(groups.values, options.clamp);
  const { cases, events } = groups;
  const limits = { tolerance: options.tolerance };
  return {
    intercept: fitGroupedLogistic(
      { covariate: null, offset: logits, expOffset: odds, cases, events },
      limits,
    ),
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

/** The sums behind the Brier score, O/E, Spiegelhalter's test and the clamped count, over the groups. */
export interface GroupedMeasureSums {
  n: number;
  observed: number;
  expected: number;
  /** Σ (p − y)² over the cases. */
  brierSum: number;
  /** Σ (y − p)(1 − 2p) and Σ (1 − 2p)²p(1 − p) (Spiegelhalter 1986). */
  spiegelhalterNumerator: number;
  spiegelhalterVariance: number;
  /** Cases with p below `clamp` or above 1 − `clamp`. */
  clamped: number;
}

/** One pass over the groups for the measures of calibration.ts that are sums over the cases. */
export function groupedMeasureSums(groups: BinaryGroups, clamp: number): GroupedMeasureSums {
  const { values, cases, events } = groups;
  const sums: GroupedMeasureSums = {
    n: 0,
    observed: 0,
    expected: 0,
    brierSum: 0,
    spiegelhalterNumerator: 0,
    spiegelhalterVariance: 0,
    clamped: 0,
  };
  let n = 0;
  let observed = 0;
  let expected = 0;
  let brierSum = 0;
  let numerator = 0;
  let variance = 0;
  let clamped = 0;
  for (let k = 0; k < values.length; k++) {
    const q = values[k] as number;
    const count = cases[k] as number;
    const ones = events[k] as number;
    n += count;
    observed += ones;
    expected += count * q;
    brierSum += ones * (1 - q) ** 2 + (count - ones) * q * q;
    numerator += (ones - count * q) * (1 - 2 * q);
    variance += count * (1 - 2 * q) ** 2 * q * (1 - q);
    if (q < clamp || q > 1 - clamp) clamped += count;
  }
  return Object.assign(sums, {
    n,
    observed,
    expected,
    brierSum,
    spiegelhalterNumerator: numerator,
    spiegelhalterVariance: variance,
    clamped,
  });
}

/**
 * The calibration bins' cases, Σ p and events over the groups: cut points at the type-7
 * quantiles k/bins of p (duplicates merged), each group in the right-closed interval of the
 * first cut ≥ its p (the lowest in the first), as `calibrationBins`.
 */
export function groupedBinSums(
  groups: BinaryGroups,
  bins: number,
): { n: Float64Array; predicted: Float64Array; events: Float64Array } {
  const { values, cases, events } = groups;
  const probabilities = Array.from({ length: bins + 1 }, (_, k) => k / bins);
  const cuts = [...new Set(quantilesOfAscendingCounts(values, cases, probabilities))];
  const count = Math.max(1, cuts.length - 1);
  const sums = {
    n: new Float64Array(count),
    predicted: new Float64Array(count),
    events: new Float64Array(count),
  };
  let cut = 0; // the first cut ≥ the value (values ascend, so it only moves up)
  for (let k = 0; k < values.length; k++) {
    const value = values[k] as number;
    while (cut < cuts.length - 1 && (cuts[cut] as number) < value) cut++;
    const bin = Math.min(count, Math.max(1, cut)) - 1;
    sums.n[bin] = (sums.n[bin] as number) + (cases[k] as number);
    sums.predicted[bin] = (sums.predicted[bin] as number) + (cases[k] as number) * value;
    sums.events[bin] = (sums.events[bin] as number) + (events[k] as number);
  }
  return sums;
}
