/**
 * Summaries of a bootstrap distribution: percentile and BCa intervals (Efron & Tibshirani
 * 1993, chapters 13–14) and a two-sided p-value for "difference = 0" by inverting the
 * percentile interval, min(1, 2·min(P(d* ≤ 0), P(d* ≥ 0))).
 */
import { normalCdf, normalQuantile } from '../distributions.js';

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
 * Type-7 quantile at 0-based position h of a sample of n values, from `part` (rearranged in
 * place): the order statistics of rank `skipped` onwards, or at least ranks ⌊h⌋ and ⌊h⌋ + 1
 * of them. Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 */
function quantileOfPart(part: Float64Array, skipped: number, h: number, n: number): number {
  const lo = Math.floor(h);
  const k = lo - skipped;
  const low = selectInPlace(part, k);
  if (lo + 1 >= n || h === lo) return low;
  // the next order statistic is the minimum of the part above k
  let high = Infinity;
  for (let i = k + 1; i < part.length; i++) if ((part[i] as number) < high) high = part[i] as number;
  return low + (h - lo) * (high - low);
}

/** Below this many values the percentile interval selects among all values. */
const TAIL_MINIMUM_VALUES = 256;
const TAIL_SAMPLE_SIZE = 128;
const tailSample = new Float64Array(TAIL_SAMPLE_SIZE);
let lowerTail = new Float64Array(0);
let upperTail = new Float64Array(0);

/**
 * Sample rank of a cut-off beyond which at least `depth` of n values lie, with high
 * probability: about 3 standard errors past the expected TAIL_SAMPLE_SIZE·depth/n; −1 when
 * the cut-off would not leave out enough values to be worth it.
 */
function cutOffRank(depth: number, n: number): number {
  const expected = (TAIL_SAMPLE_SIZE * depth) / n;
  const rank = Math.ceil(expected + 3 * Math.sqrt(expected) + 1);
  return depth <= n / 8 && rank < TAIL_SAMPLE_SIZE ? rank : -1;
}

/**
 * Percentile interval of the replicate values (any order; rearranged in place): the type-7
 * quantiles at α/2 and 1 − α/2. Their order statistics lie in the two tails, so instead of
 * selecting among all values, cut-offs are read from an evenly spaced sample of 128 values
 * (Floyd & Rivest's idea, 1975, Commun ACM 18:165–172) and one pass copies the values at or
 * below the lower cut-off and those at or above the upper one: every other value lies
 * strictly beyond all of a tail's values, so order statistics within the tail keep their
 * rank. A tail that misses its order statistics (an unlucky sample) is selected among all
 * values instead.
 */
export function percentileInterval(values: Float64Array, level: number): { lower: number; upper: number } {
  const alpha = 1 - level;
  const n = values.length;
  if (n === 0) return { lower: Number.NaN, upper: Number.NaN };
  const hLower = (n - 1) * (alpha / 2);
  const hUpper = (n - 1) * (1 - alpha / 2);
  // how many of the smallest (largest) values hold the order statistics each quantile needs
  const lowerDepth = Math.min(n, Math.floor(hLower) + 2);
  const upperDepth = n - Math.floor(hUpper);
  const lowerRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(lowerDepth, n);
  const upperRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(upperDepth, n);
  let lowerCount = 0;
  let upperCount = 0;
  if (lowerRank >= 0 || upperRank >= 0) {
    for (let j = 0; j < TAIL_SAMPLE_SIZE; j++) {
      tailSample[j] = values[Math.floor((j * n) / TAIL_SAMPLE_SIZE)] as number;
    }
    const lowerCut = lowerRank >= 0 ? selectInPlace(tailSample, lowerRank) : -Infinity;
    const upperCut = upperRank >= 0 ? selectInPlace(tailSample, TAIL_SAMPLE_SIZE - 1 - upperRank) : Infinity;
    if (lowerTail.length < n) {
      lowerTail = new Float64Array(n);
      upperTail = new Float64Array(n);
    }
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      // appended without branching: which values pass is unpredictable
      lowerTail[lowerCount] = v;
      lowerCount += +(v <= lowerCut);
      upperTail[upperCount] = v;
      upperCount += +(v >= upperCut);
    }
  }
  return {
    lower:
      lowerCount >= lowerDepth
        ? quantileOfPart(lowerTail.subarray(0, lowerCount), 0, hLower, n)
        : quantileOfPart(values, 0, hLower, n),
    upper:
      upperCount >= upperDepth
        ? quantileOfPart(upperTail.subarray(0, upperCount), n - upperCount, hUpper, n)
        : quantileOfPart(values, 0, hUpper, n),
  };
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
  return pValueFromCounts(atOrBelow, atOrAbove, b);
}

/** `bootstrapPValue` from the counts of the b replicate values at or below 0 and at or above 0. */
export function pValueFromCounts(atOrBelow: number, atOrAbove: number, b: number): number {
  return Math.min(1, Math.max(1, 2 * Math.min(atOrBelow, atOrAbove)) / b);
}
