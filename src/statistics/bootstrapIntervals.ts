/**
 * Summaries of a bootstrap distribution: percentile and BCa intervals (Efron & Tibshirani
 * 1993, chapters 13–14) and a two-sided p-value for "difference = 0" by inverting the
 * percentile interval, min(1, 2·min(P(d* ≤ 0), P(d* ≥ 0))).
 */
import { normalCdf, normalQuantile } from './distributions.js';

/** Sample quantile, R's type 7 (linear interpolation), of ascending `sorted`. */
export function quantileSorted(sorted: Float64Array, probability: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * probability;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The finite replicate values, sorted ascending. */
export function finiteSorted(values: Float64Array): Float64Array {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.sort();
}

export function percentileInterval(sorted: Float64Array, level: number): { lower: number; upper: number } {
  const alpha = 1 - level;
  return { lower: quantileSorted(sorted, alpha / 2), upper: quantileSorted(sorted, 1 - alpha / 2) };
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

/** Two-sided bootstrap p-value for H0: difference = 0, by percentile-interval inversion. */
export function bootstrapPValue(sorted: Float64Array): number {
  const b = sorted.length;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < b; i++) {
    const v = sorted[i] as number;
    if (v <= 0) atOrBelow++;
    if (v >= 0) atOrAbove++;
  }
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / b);
}
