/**
 * Summaries of a bootstrap distribution: percentile and BCa intervals (Efron & Tibshirani
 * 1993, chapters 13–14) and a two-sided p-value for "difference = 0" by inverting the
 * percentile interval, min(1, 2·min(P(d* ≤ 0), P(d* ≥ 0))).
 */
import { normalCdf, normalQuantile } from './distributions.js';

/**
 * The k-th smallest value (0-based) of `values`, rearranging them in place
 * (Hoare's selection with median-of-three pivots; O(n) on average).
 */
export function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let a = values[lo] as number;
    let b = values[mid] as number;
    const c = values[hi] as number;
    if (a > b) [a, b] = [b, a];
    const pivot = c < a ? a : c > b ? b : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}

/**
 * Type-7 quantile of `values` (any order; rearranged in place) by selection instead of a
 * full sort: the bootstrap summarises hundreds of series per run.
 */
export function quantileBySelection(values: Float64Array, probability: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * probability;
  const lo = Math.floor(h);
  const low = selectInPlace(values, lo);
  if (lo + 1 >= n || h === lo) return low;
  // the next order statistic is the minimum of the part above lo
  let high = Infinity;
  for (let i = lo + 1; i < n; i++) if ((values[i] as number) < high) high = values[i] as number;
  return low + (h - lo) * (high - low);
}

/** Sample quantile, R's type 7 (linear interpolation), of ascending `sorted`. */
export function quantileSorted(sorted: Float64Array, probability: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * probability;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The finite values of `values`, moved to its front in place (a view of them is returned). */
export function finiteValues(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v === 0) values[count++] = v; // finite: Infinity − Infinity and NaN − NaN are NaN
  }
  return values.subarray(0, count);
}

/** Percentile interval of the replicate values (any order; rearranged in place). */
export function percentileInterval(values: Float64Array, level: number): { lower: number; upper: number } {
  const alpha = 1 - level;
  return { lower: quantileBySelection(values, alpha / 2), upper: quantileBySelection(values, 1 - alpha / 2) };
}

/**
 * Bias-corrected and accelerated interval. `estimate` is the full-sample value, `jackknife`
 * the leave-one-out values that give the acceleration a = Σ(θ̄ − θᵢ)³ / (6·(Σ(θ̄ − θᵢ)²)^{3/2}).
 * The bias correction counts replicates equal to the estimate as one half, so that discrete
 * statistics are not pushed to one side.
 */
export function bcaInterval(
  sorted: Float64Array,
  estimate: number,
  jackknife: Float64Array,
  level: number,
): { lower: number; upper: number } | null {
  const b = sorted.length;
  if (b === 0) return null;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < b; i++) {
    const v = sorted[i] as number;
    if (v < estimate) below++;
    else if (v === estimate) equal++;
  }
  const proportion = (below + equal / 2) / b;
  if (proportion <= 0 || proportion >= 1) return null;
  const z0 = normalQuantile(proportion);
  let mean = 0;
  let count = 0;
  for (const v of jackknife) {
    if (Number.isFinite(v)) {
      mean += v;
      count++;
    }
  }
  mean /= count;
  let squares = 0;
  let cubes = 0;
  for (const v of jackknife) {
    if (!Number.isFinite(v)) continue;
    const d = mean - v;
    squares += d * d;
    cubes += d * d * d;
  }
  const acceleration = squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
  const adjust = (probability: number) => {
    const z = normalQuantile(probability);
    return normalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
  };
  const alpha = 1 - level;
  return {
    lower: quantileSorted(sorted, adjust(alpha / 2)),
    upper: quantileSorted(sorted, adjust(1 - alpha / 2)),
  };
}

/**
 * Two-sided bootstrap p-value for H0: difference = 0, by percentile-interval inversion,
 * min(1, 2·min(P(d* ≤ 0), P(d* ≥ 0))), never below 1/B: B replicates cannot resolve less.
 */
export function bootstrapPValue(values: Float64Array): number {
  const b = values.length;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < b; i++) {
    const v = values[i] as number;
    if (v <= 0) atOrBelow++;
    if (v >= 0) atOrAbove++;
  }
  return Math.min(1, Math.max(1, 2 * Math.min(atOrBelow, atOrAbove)) / b);
}
