/**
 * Calibration of predicted probabilities p against binary outcomes y.
 *
 * - Brier score (Brier 1950, Mon Weather Rev 78:1–3): mean (p − y)², scikit-learn's
 *   `brier_score_loss`; scaled Brier 1 − Brier / (ȳ(1 − ȳ)) (Steyerberg et al. 2010,
 *   Epidemiology 21:128–138).
 * - Calibration-in-the-large: the intercept a of `glm(y ~ 1 + offset(logit p), binomial)`;
 *   calibration slope: b of `glm(y ~ logit p, binomial)` (Cox 1958, Biometrika 45:562–565;
 *   Van Calster et al. 2016, J Clin Epidemiol 74:167–176). Wald intervals a ± z·SE, as
 *   R's `confint.default`.
 * - Observed/expected ratio O/E = Σy / Σp with the interval exp(ln(O/E) ± z·SE),
 *   SE(ln O/E) = √((1 − O/N)/O): the binomial variance of O on the log scale (delta
 *   method), as in Debray et al. 2017 (BMJ 356:i6460) and metamisc's `oecalc()` from O, E, N.
 * - Spiegelhalter's (1986, Stat Med 5:421–433) z = Σ(y − p)(1 − 2p) / √Σ(1 − 2p)²p(1 − p),
 *   two-sided normal p-value (rms's `val.prob` "S:z", "S:p").
 * - Grouped calibration: `bins` groups cut at the type-7 quantiles of p (R's
 *   `cut(p, unique(quantile(p, 0:g/g)), include.lowest = TRUE)`; right-closed intervals, so
 *   tied p values always share a group; fewer groups when quantiles coincide; empty groups
 *   dropped) with the mean prediction and the observed proportion with its Wilson interval.
 * - Smoothed calibration curve: loess of y on p (degree 2, tricube, span as given) as R's
 *   `loess(y ~ p)` computes it by default (surface = "interpolate", loessInterpolate.ts), or
 *   optionally by exact evaluation (surface = "direct", loess.ts), at every case's p, and the summaries of
 *   Austin & Steyerberg (2019, Stat Med 38:4051–4065): ICI = mean |ŝ(p) − p|, E50 and E90
 *   = median and 90th percentile of |ŝ(p) − p| (R's quantile type 7), Emax = max. The curve
 *   for plotting is ŝ at 100 evenly spaced points from min p to max p; ŝ is not clipped to
 *   [0, 1].
 *
 * Probabilities of exactly 0 or 1 have an infinite logit. For the two logistic fits they
 * are clamped to [1e-15, 1 − 1e-15] (logit ±34.5) and the number clamped is reported so
 * the caller can warn; everything else uses p unchanged. (rms's `val.prob` instead drops
 * such cases from its logistic fits.)
 *
 * Case weights are bootstrap multiplicities (see caseWeights.ts): every function here
 * gives, for integer weights, the result of duplicating rows.
 *
 * From GROUPED_CALIBRATION_CASES unweighted cases on, `calibrationSummary` and
 * `smoothCalibration` compute the same measures over the distinct values of p with their
 * numbers of cases and events (binaryGroups.ts, calibrationGrouped.ts): equal up to the
 * order of summation.
 */

import { binaryGroups, type BinaryGroups } from './binaryGroups.js';
import {
  groupedBinSums,
  groupedCalibrationFits,
  groupedMeasureSums,
  groupedSmoother,
  groupedSmoothSummary,
} from './calibrationGrouped.js';
import { twoSidedNormalP, zForLevel } from './distributions.js';
import { fitLogistic, isUsableFit, type LogisticFit } from './logisticRegression.js';
import { loessSmoother } from './loess.js';
import { loessInterpolator } from './loessInterpolate.js';
import { wilsonInterval } from './proportionIntervals.js';
import type { SortedScores } from './confusion.js';
import { quantilesOfSorted, quantilesType7 } from './quantile.js';
import { caseWeight, checkCaseWeights, checkLabelled } from './resampling/caseWeights.js';

/** Probabilities are clamped to [PROBABILITY_CLAMP, 1 − PROBABILITY_CLAMP] before the logit. */
export const PROBABILITY_CLAMP = 1e-15;

/**
 * Unweighted studies of at least this many cases fit the logistic calibration fits and the
 * loess smoother over the distinct predicted probabilities with their case and event counts
 * (calibrationGrouped.ts): the same statistics, summed in another order (last digits differ,
 * ≤ 1e-12 relative), about 3–5× faster at 10⁶ cases. Below it the per-case computations keep
 * every smaller study's results bit for bit as before.
 */
export const GROUPED_CALIBRATION_CASES = 50_000;

/** The cases grouped by distinct p when they are to be (see GROUPED_CALIBRATION_CASES). */
function groupsFor(
  p: Float64Array,
  y: Uint8Array,
  options: { weights?: Float64Array; sorted?: SortedScores; groupedFrom?: number },
): BinaryGroups | null {
  if (options.weights !== undefined || p.length < (options.groupedFrom ?? GROUPED_CALIBRATION_CASES))
    return null;
  return binaryGroups(p, y, options.sorted);
}

/** Relative deviance change at which the calibration fits stop (see logisticRegression.ts). */
const FIT_TOLERANCE = 1e-14;

/** The methods of this module's intervals and tests, by the keys the results name them by. */
export type CalibrationMethod =
  'wald' | 'oe-log-normal' | 'spiegelhalter' | 'wilson' | 'loess' | 'loess-direct';

export interface CalibrationInterval {
  lower: number;
  upper: number;
  level: number;
  method: CalibrationMethod;
}

export interface CalibrationEstimate {
  estimate: number | null;
  se?: number | null;
  ci?: CalibrationInterval | null;
}

export interface CalibrationTest {
  statistic: number | null;
  p: number | null;
  method: CalibrationMethod;
}

export interface CalibrationBin {
  bin: number;
  n: number;
  meanPredicted: number;
  observed: CalibrationEstimate & { numerator: number; denominator: number };
}

export interface CalibrationCurvePoint {
  predicted: number;
  observed: number;
}

export interface SmoothCalibration {
  method: CalibrationMethod;
  span: number;
  degree: number;
  points: CalibrationCurvePoint[];
  ici: number;
  e50: number;
  e90: number;
  emax: number;
}

export interface CalibrationSummary {
  brier: number;
  scaledBrier: number | null;
  intercept: CalibrationEstimate & { converged: boolean };
  slope: CalibrationEstimate & { converged: boolean };
  observedExpectedRatio: CalibrationEstimate;
  spiegelhalter: CalibrationTest;
  bins: CalibrationBin[];
  smooth: SmoothCalibration | null;
}

/**
 * The input `calibrationSummary` is working on, checked once: the measures it calls skip
 * their own check of the same arrays (each is a pass over the cases; at 10⁶ cases seven of
 * them cost more than the Brier score, O/E and Spiegelhalter's test together).
 */
let checkedInput: { p: Float64Array; y: Uint8Array; weights: Float64Array | undefined } | null = null;

function checkProbabilities(
  p: Float64Array,
  y: Uint8Array,
  weights: Float64Array | undefined,
  what: string,
): void {
  if (
    checkedInput !== null &&
    checkedInput.p === p &&
    checkedInput.y === y &&
    checkedInput.weights === weights
  )
    return;
  checkLabelled(p, y, what);
  checkCaseWeights(weights, p.length);
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    if (!(value >= 0 && value <= 1))
      throw new RangeError(`${what}: probability ${i} is ${value}, outside [0, 1]`);
  }
}

/** logit p with p clamped to [1e-15, 1 − 1e-15], and how many cases were clamped. */
export function clampedLogits(p: Float64Array): { logits: Float64Array; clamped: number } {
  let clamped = 0;
  const logits = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    let q = p[i] as number;
    if (q < PROBABILITY_CLAMP) {
      q = PROBABILITY_CLAMP;
      clamped++;
    } else if (q > 1 - PROBABILITY_CLAMP) {
      q = 1 - PROBABILITY_CLAMP;
      clamped++;
    }
    logits[i] = Math.log(q / (1 - q));
  }
  return { logits, clamped };
}

interface Totals {
  n: number;
  observed: number;
  expected: number;
}

function totals(p: Float64Array, y: Uint8Array, weights?: Float64Array): Totals {
  let n = 0;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    n += w;
    observed += w * (y[i] as number);
    expected += w * (p[i] as number);
  }
  return { n, observed, expected };
}

/** Brier score Σ w(p − y)² / Σ w. */
export function brierScore(p: Float64Array, y: Uint8Array, weights?: Float64Array): number {
  checkProbabilities(p, y, weights, 'Brier score');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    sum += w * ((p[i] as number) - (y[i] as number)) ** 2;
    n += w;
  }
  if (n === 0) throw new RangeError('Brier score: no case has a positive weight');
  return sum / n;
}

/** Scaled Brier score 1 − Brier / (ȳ(1 − ȳ)); null when only one outcome class is present. */
export function scaledBrier(p: Float64Array, y: Uint8Array, weights?: Float64Array): number | null {
  return scaledFrom(brierScore(p, y, weights), totals(p, y, weights));
}

function scaledFrom(brier: number, { n, observed }: Totals): number | null {
  const prevalence = observed / n;
  if (prevalence <= 0 || prevalence >= 1) return null;
  return 1 - brier / (prevalence * (1 - prevalence));
}

/** A calibration coefficient with its Wald interval and the state of its logistic fit. */
export interface CalibrationCoefficient extends CalibrationEstimate {
  converged: boolean;
  separation: boolean;
  /** Why there is no estimate, when there is none. */
  message: string | null;
}

function waldInterval(estimate: number, se: number, level: number): CalibrationInterval {
  const z = zForLevel(level);
  return { lower: estimate - z * se, upper: estimate + z * se, level, method: 'wald' };
}

function coefficientFrom(fit: LogisticFit, index: number, level: number): CalibrationCoefficient {
  const state = { converged: fit.converged, separation: fit.separation };
  if (!isUsableFit(fit)) {
    return { estimate: null, se: null, ci: null, ...state, message: fit.message ?? 'the fit is not usable' };
  }
  const estimate = (fit.coefficients as number[])[index] as number;
  const se = (fit.standardErrors as number[])[index] as number;
  return { estimate, se, ci: waldInterval(estimate, se, level), ...state, message: null };
}

/** Calibration-in-the-large: intercept of glm(y ~ 1 + offset(logit p)), with a Wald interval. */
export function calibrationIntercept(
  p: Float64Array,
  y: Uint8Array,
  level: number,
  weights?: Float64Array,
): CalibrationCoefficient {
  checkProbabilities(p, y, weights, 'calibration intercept');
  return interceptFromLogits(clampedLogits(p).logits, y, level, weights);
}

function interceptFromLogits(
  logits: Float64Array,
  y: Uint8Array,
  level: number,
  weights?: Float64Array,
): CalibrationCoefficient {
  const fit = fitLogistic({
    columns: [],
    outcome: y,
    offset: logits,
    intercept: true,
    weights,
    tolerance: FIT_TOLERANCE,
  });
  return coefficientFrom(fit, 0, level);
}

/** Calibration slope: the coefficient of logit p in glm(y ~ logit p), with a Wald interval. */
export function calibrationSlope(
  p: Float64Array,
  y: Uint8Array,
  level: number,
  weights?: Float64Array,
): CalibrationCoefficient {
  checkProbabilities(p, y, weights, 'calibration slope');
  return slopeFromLogits(clampedLogits(p).logits, y, level, weights);
}

function slopeFromLogits(
  logits: Float64Array,
  y: Uint8Array,
  level: number,
  weights?: Float64Array,
): CalibrationCoefficient {
  const fit = fitLogistic({
    columns: [logits],
    outcome: y,
    intercept: true,
    weights,
    tolerance: FIT_TOLERANCE,
  });
  return coefficientFrom(fit, 1, level);
}

/**
 * O/E = Σy / Σp with the log-normal interval exp(ln(O/E) ± z·√((1 − O/N)/O)) (Debray et
 * al. 2017). `se` is that of O/E itself, (O/E)·√((1 − O/N)/O). With no events the ratio
 * is 0 and has no interval; with Σp = 0 it is undefined (null).
 */
export function observedExpectedRatio(
  p: Float64Array,
  y: Uint8Array,
  level: number,
  weights?: Float64Array,
): CalibrationEstimate {
  checkProbabilities(p, y, weights, 'observed/expected ratio');
  return ratioFromTotals(totals(p, y, weights), level);
}

function ratioFromTotals({ n, observed, expected }: Totals, level: number): CalibrationEstimate {
  if (!(expected > 0)) return { estimate: null, se: null, ci: null };
  const ratio = observed / expected;
  if (observed === 0) return { estimate: 0, se: null, ci: null };
  const logSe = Math.sqrt((1 - observed / n) / observed);
  const z = zForLevel(level);
  return {
    estimate: ratio,
    se: ratio * logSe,
    ci: {
      lower: Math.exp(Math.log(ratio) - z * logSe),
      upper: Math.exp(Math.log(ratio) + z * logSe),
      level,
      method: 'oe-log-normal',
    },
  };
}

/** Spiegelhalter's (1986) z test of calibration; statistic and p null when every p is 0, ½ or 1. */
export function spiegelhalterTest(p: Float64Array, y: Uint8Array, weights?: Float64Array): CalibrationTest {
  checkProbabilities(p, y, weights, 'Spiegelhalter test');
  let numerator = 0;
  let variance = 0;
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    const q = p[i] as number;
    numerator += w * ((y[i] as number) - q) * (1 - 2 * q);
    variance += w * (1 - 2 * q) ** 2 * q * (1 - q);
  }
  return spiegelhalterFrom(numerator, variance);
}

/** Spiegelhalter's z and p from Σ(y − p)(1 − 2p) and Σ(1 − 2p)²p(1 − p). */
export function spiegelhalterFrom(numerator: number, variance: number): CalibrationTest {
  const method = 'spiegelhalter';
  if (!(variance > 0)) return { statistic: null, p: null, method };
  const z = numerator / Math.sqrt(variance);
  return { statistic: z, p: twoSidedNormalP(z), method };
}

/**
 * Groups of roughly equal size by predicted probability: cut at the type-7 quantiles
 * k/bins (k = 0…bins) of p, right-closed with the lowest value included, duplicate cut
 * points merged and empty groups dropped; `bin` numbers the remaining groups from 1.
 */
export function calibrationBins(
  p: Float64Array,
  y: Uint8Array,
  bins: number,
  level: number,
  weights?: Float64Array,
  sorted?: SortedScores,
): CalibrationBin[] {
  checkProbabilities(p, y, weights, 'calibration bins');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`calibration bins: ${bins} groups`);
  const probabilities = Array.from({ length: bins + 1 }, (_, k) => k / bins);
  const quantiles =
    weights === undefined && sorted?.order.length === p.length
      ? quantilesOfSorted(sorted, probabilities)
      : quantilesType7(p, probabilities, weights);
  const cuts = [...new Set(quantiles)];
  const groups = Math.max(1, cuts.length - 1);
  const n = new Float64Array(groups);
  const predicted = new Float64Array(groups);
  const events = new Float64Array(groups);
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    if (w === 0) continue;
    const value = p[i] as number;
    // first cut ≥ value; the lowest value belongs to the first group
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cuts[mid] as number) >= value) hi = mid;
      else lo = mid + 1;
    }
    const group = Math.min(groups, Math.max(1, lo)) - 1;
    n[group] = (n[group] as number) + w;
    predicted[group] = (predicted[group] as number) + w * value;
    events[group] = (events[group] as number) + w * (y[i] as number);
  }
  return binsFrom({ n, predicted, events }, level);
}

/** The bins with their Wilson intervals from each group's cases, Σ p and events (empty groups dropped). */
export function binsFrom(
  sums: { n: Float64Array; predicted: Float64Array; events: Float64Array },
  level: number,
): CalibrationBin[] {
  const { n, predicted, events } = sums;
  const result: CalibrationBin[] = [];
  for (let g = 0; g < n.length; g++) {
    const size = n[g] as number;
    if (size === 0) continue;
    const x = events[g] as number;
    const bounds = wilsonInterval(x, size, level);
    result.push({
      bin: result.length + 1,
      n: size,
      meanPredicted: (predicted[g] as number) / size,
      observed: {
        estimate: x / size,
        numerator: x,
        denominator: size,
        ci: { ...bounds, level, method: 'wilson' },
      },
    });
  }
  return result;
}

/** Number of evenly spaced points on which the smoothed curve is reported for plotting. */
export const SMOOTH_CURVE_POINTS = 100;

/**
 * How the loess is evaluated: `interpolate` (R's default: exact local fits at the k-d tree
 * vertices, cubic Hermite interpolation between them; see loessInterpolate.ts) or `direct`
 * (an exact local fit at every distinct predicted probability; O(n²)).
 */
export type LoessSurface = 'interpolate' | 'direct';

export interface SmoothCalibrationOptions {
  span: number;
  /** Default `interpolate`, as R's `loess()` and CalibrationCurves. */
  surface?: LoessSurface;
  weights?: Float64Array;
  /** The cases sorted by p (`sortScores`), when the caller has that sort: no further sort of p. */
  sorted?: SortedScores;
  /** Cases from which unweighted data are smoothed by distinct p (default GROUPED_CALIBRATION_CASES). */
  groupedFrom?: number;
  /** The cases grouped by p, when the caller has grouped them. */
  groups?: BinaryGroups | null;
}

/** The calibration method key of each surface (results/methods.ts words them). */
const SMOOTH_METHODS = { interpolate: 'loess', direct: 'loess-direct' } as const satisfies Record<
  LoessSurface,
  CalibrationMethod
>;

/** The fitted curve p ↦ loess(y ~ p)(p) for the chosen surface. */
function smootherOf(
  p: Float64Array,
  y: Uint8Array,
  options: SmoothCalibrationOptions,
): (value: number) => number {
  const { span, weights, sorted } = options;
  const loessOptions = { span, degree: 2 as const, weights, sorted };
  if ((options.surface ?? 'interpolate') === 'interpolate') {
    return loessInterpolator(p, Float64Array.from(y), loessOptions).predict;
  }
  // direct fits cost O(n) each: evaluate each distinct probability once
  const smoother = loessSmoother(p, Float64Array.from(y), loessOptions);
  const cache = new Map<number, number>();
  return (value: number): number => {
    let s = cache.get(value);
    if (s === undefined) {
      s = smoother.predict(value);
      cache.set(value, s);
    }
    return s;
  };
}

/**
 * Loess calibration curve and Austin & Steyerberg's (2019) ICI, E50, E90 and Emax: the
 * mean, median, 0.9 quantile (type 7) and maximum of |loess(p) − p| over the cases. Throws
 * a RangeError when the loess cannot be computed (span too small, degenerate neighbourhood).
 */
export function smoothCalibration(
  p: Float64Array,
  y: Uint8Array,
  options: SmoothCalibrationOptions,
): SmoothCalibration {
  const { span, weights } = options;
  checkProbabilities(p, y, weights, 'smoothed calibration');
  const groups = options.groups ?? groupsFor(p, y, options);
  if (groups) return smoothOfGroups(groups, options);
  const smoothAt = smootherOf(p, y, options);
  const differences = new Float64Array(p.length);
  let sum = 0;
  let total = 0;
  let emax = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    if (w === 0) continue;
    const value = p[i] as number;
    const difference = Math.abs(smoothAt(value) - value);
    differences[i] = difference;
    sum += w * difference;
    total += w;
    emax = Math.max(emax, difference);
    minimum = Math.min(minimum, value);
    maximum = Math.max(maximum, value);
  }
  const [e50, e90] = quantilesType7(differences, [0.5, 0.9], weights) as [number, number];
  return {
    method: SMOOTH_METHODS[options.surface ?? 'interpolate'],
    span,
    degree: 2,
    points: curvePoints(minimum, maximum, smoothAt),
    ici: sum / total,
    e50,
    e90,
    emax,
  };
}

/** ŝ at SMOOTH_CURVE_POINTS evenly spaced points from the smallest p to the largest. */
function curvePoints(
  minimum: number,
  maximum: number,
  smoothAt: (value: number) => number,
): CalibrationCurvePoint[] {
  const points: CalibrationCurvePoint[] = [];
  const count = maximum > minimum ? SMOOTH_CURVE_POINTS : 1;
  for (let k = 0; k < count; k++) {
    const predicted = count === 1 ? minimum : minimum + ((maximum - minimum) * k) / (count - 1);
    points.push({ predicted, observed: smoothAt(predicted) });
  }
  return points;
}

/** `smoothCalibration` over the distinct p (calibrationGrouped.ts). */
function smoothOfGroups(groups: BinaryGroups, options: SmoothCalibrationOptions): SmoothCalibration {
  const surface = options.surface ?? 'interpolate';
  const smoother = groupedSmoother(groups, { span: options.span, surface });
  const smoothAt = smoother.predict;
  const { values } = groups;
  return {
    method: SMOOTH_METHODS[surface],
    span: options.span,
    degree: 2,
    points: curvePoints(values[0] as number, values[values.length - 1] as number, smoothAt),
    ...groupedSmoothSummary(groups, smoother),
  };
}

export interface CalibrationWarning {
  code:
    | 'probabilities-clamped'
    | 'single-outcome-class'
    | 'calibration-intercept-unavailable'
    | 'calibration-slope-unavailable'
    | 'smooth-calibration-unavailable';
  message: string;
}

export interface CalibrationSummaryOptions {
  level: number;
  bins: number;
  span: number;
  /** How the loess is evaluated (default `interpolate`). */
  surface?: LoessSurface;
  weights?: Float64Array;
  /** The cases sorted by p (`sortScores`), when the caller has that sort. */
  sorted?: SortedScores;
  /** Cases from which unweighted data are fitted by distinct p (default GROUPED_CALIBRATION_CASES). */
  groupedFrom?: number;
  /** Receives each condition the caller should report as a warning. */
  onWarning?: (warning: CalibrationWarning) => void;
}

/** The measures of the summary besides the fits and the smoother. */
interface SimpleMeasures {
  /** Cases whose p the logit clamps. */
  clamped: number;
  brier: number;
  totals: Totals;
  spiegelhalter: CalibrationTest;
  bins: CalibrationBin[];
}

function measuresOfCases(p: Float64Array, y: Uint8Array, options: CalibrationSummaryOptions): SimpleMeasures {
  const { weights, level } = options;
  // the cases clampedLogits clamps, counting only cases in use (a plain loop: at 10⁶ cases
  // building an array from an array-like object cost seconds)
  let clamped = 0;
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    if (caseWeight(weights, i) > 0 && (value < PROBABILITY_CLAMP || value > 1 - PROBABILITY_CLAMP)) clamped++;
  }
  return {
    clamped,
    brier: brierScore(p, y, weights),
    totals: totals(p, y, weights),
    spiegelhalter: spiegelhalterTest(p, y, weights),
    bins: calibrationBins(p, y, options.bins, level, weights, options.sorted),
  };
}

/** The same measures over the distinct p (calibrationGrouped.ts; sums in another order). */
function measuresOfGroups(groups: BinaryGroups, options: CalibrationSummaryOptions): SimpleMeasures {
  if (!Number.isInteger(options.bins) || options.bins < 1)
    throw new RangeError(`calibration bins: ${options.bins} groups`);
  const sums = groupedMeasureSums(groups, PROBABILITY_CLAMP);
  return {
    clamped: sums.clamped,
    brier: sums.brierSum / sums.n,
    totals: { n: sums.n, observed: sums.observed, expected: sums.expected },
    spiegelhalter: spiegelhalterFrom(sums.spiegelhalterNumerator, sums.spiegelhalterVariance),
    bins: binsFrom(groupedBinSums(groups, options.bins), options.level),
  };
}

/** The intercept and slope fits over the cases (the logits once for both). */
function calibrationFitsOfCases(
  p: Float64Array,
  y: Uint8Array,
  level: number,
  weights: Float64Array | undefined,
): { intercept: CalibrationCoefficient; slope: CalibrationCoefficient } {
  const { logits } = clampedLogits(p);
  return {
    intercept: interceptFromLogits(logits, y, level, weights),
    slope: slopeFromLogits(logits, y, level, weights),
  };
}

/** The intercept and slope fits over the distinct p (calibrationGrouped.ts). */
function calibrationFitsOfGroups(
  groups: BinaryGroups,
  level: number,
): { intercept: CalibrationCoefficient; slope: CalibrationCoefficient } {
  const fits = groupedCalibrationFits(groups, { clamp: PROBABILITY_CLAMP, tolerance: FIT_TOLERANCE });
  return {
    intercept: coefficientFrom(fits.intercept, 0, level),
    slope: coefficientFrom(fits.slope, 1, level),
  };
}

/** Every calibration measure above (evaluate names its methods for results.json). */
export function calibrationSummary(
  p: Float64Array,
  y: Uint8Array,
  options: CalibrationSummaryOptions,
): CalibrationSummary {
  const { weights } = options;
  checkProbabilities(p, y, weights, 'calibration');
  checkedInput = { p, y, weights };
  try {
    return checkedSummary(p, y, options);
  } finally {
    checkedInput = null;
  }
}

function checkedSummary(
  p: Float64Array,
  y: Uint8Array,
  options: CalibrationSummaryOptions,
): CalibrationSummary {
  const { level, span, weights } = options;
  const warn = options.onWarning ?? ((): void => undefined);
  const groups = groupsFor(p, y, options);
  const measures = groups ? measuresOfGroups(groups, options) : measuresOfCases(p, y, options);
  const { clamped, brier } = measures;
  if (clamped > 0) {
    warn({
      code: 'probabilities-clamped',
      message:
        `${clamped} predicted probabilit${clamped === 1 ? 'y is' : 'ies are'} exactly 0 or 1; ` +
        `clamped to [1e-15, 1 − 1e-15] for the calibration intercept and slope`,
    });
  }
  const scaled = scaledFrom(brier, measures.totals);
  if (scaled === null) {
    warn({
      code: 'single-outcome-class',
      message: 'only one outcome class is present; calibration is limited',
    });
  }
  const { intercept, slope } = groups
    ? calibrationFitsOfGroups(groups, level)
    : calibrationFitsOfCases(p, y, level, weights);
  if (intercept.estimate === null) {
    warn({
      code: 'calibration-intercept-unavailable',
      message: `calibration intercept: ${intercept.message}`,
    });
  }
  if (slope.estimate === null) {
    warn({ code: 'calibration-slope-unavailable', message: `calibration slope: ${slope.message}` });
  }
  let smooth: SmoothCalibration | null = null;
  try {
    smooth = smoothCalibration(p, y, {
      span,
      weights,
      surface: options.surface,
      sorted: options.sorted,
      groups,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    warn({ code: 'smooth-calibration-unavailable', message: `smoothed calibration curve: ${error.message}` });
  }
  const strip = ({
    estimate,
    se,
    ci,
    converged,
  }: CalibrationCoefficient): CalibrationEstimate & { converged: boolean } => ({
    estimate,
    se,
    ci,
    converged,
  });
  return {
    brier,
    scaledBrier: scaled,
    intercept: strip(intercept),
    slope: strip(slope),
    observedExpectedRatio: ratioFromTotals(measures.totals, level),
    spiegelhalter: measures.spiegelhalter,
    bins: measures.bins,
    smooth,
  };
}
