/**
 * Sample quantiles by R's default definition, `quantile(x, probs, type = 7)` (Hyndman & Fan
 * 1996, "Sample quantiles in statistical packages", Am Stat 50:361–365, definition 7):
 * with the values sorted, x₍₁₎ ≤ … ≤ x₍ₙ₎, and index h = 1 + (n − 1)·prob,
 * Q(prob) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌈h⌉₎ − x₍⌊h⌋₎), computed as R does it
 * ((1 − f)·lo + f·hi, and exactly lo when the two order statistics are equal).
 *
 * With case weights (bootstrap multiplicities) the quantile is that of the data with each
 * value repeated `weight` times: n becomes Σ weights and x₍ⱼ₎ is the value whose cumulative
 * weight first reaches j. Integer weights therefore reproduce duplicated rows exactly.
 */
import type { SortedScores } from './confusion.js';
import { ascendingOrder } from './ranks.js';
import { caseWeight, checkCaseWeights } from './resampling/caseWeights.js';
import { countedOrderStatistics } from './countedSelection.js';
import { orderStatistics } from './selection.js';

/** Type-7 quantiles of `values` at each of `probabilities` (each in [0, 1]). */
export function quantilesType7(
  values: ArrayLike<number>,
  probabilities: readonly number[],
  weights?: Float64Array,
): number[] {
  checkCaseWeights(weights, values.length);
  if (weights === undefined) {
    const n = values.length;
    if (n === 0) throw new RangeError('quantile of an empty sample');
    const wanted = probabilities.flatMap((probability) => {
      if (!(probability >= 0 && probability <= 1))
        throw new RangeError(`quantile: probability ${probability}`);
      const index = 1 + Math.max(n - 1, 0) * probability;
      return [Math.floor(index) - 1, Math.ceil(index) - 1];
    });
    const selected = orderStatistics(Float64Array.from(values), wanted);
    return unweightedQuantiles(n, (j) => selected.get(j) as number, probabilities);
  }
  const order = ascendingOrder(values);
  const sorted: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const w = caseWeight(weights, i);
    if (w === 0) continue;
    total += w;
    sorted.push(values[i] as number);
    cumulative.push(total);
  }
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  // x₍ⱼ₎ (1-based) of the expanded sample: the first value whose cumulative weight reaches j
  const orderStatistic = (j: number): number => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) >= j) hi = mid;
      else lo = mid + 1;
    }
    return sorted[lo] as number;
  };
  return probabilities.map((probability) => {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`quantile: probability ${probability}`);
    const index = 1 + Math.max(total - 1, 0) * probability;
    const lower = Math.floor(index);
    const upper = Math.ceil(index);
    const atLower = orderStatistic(lower);
    const atUpper = orderStatistic(upper);
    if (index > lower && atUpper !== atLower) {
      const fraction = index - lower;
      return (1 - fraction) * atLower + fraction * atUpper;
    }
    return atLower;
  });
}

/** One type-7 quantile. */
export function quantileType7(
  values: ArrayLike<number>,
  probability: number,
  weights?: Float64Array,
): number {
  return quantilesType7(values, [probability], weights)[0] as number;
}

/**
 * Type-7 quantiles of the scores a model's cases were sorted by (`sortScores`), all of weight
 * 1: the order statistics are read off the sorted groups, with no further sort.
 */
export function quantilesOfSorted(sorted: SortedScores, probabilities: readonly number[]): number[] {
  const { values, groupStart } = sorted;
  // x₍ⱼ₊₁₎: the value of the group holding position j
  const at = (j: number): number => {
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((groupStart[mid] as number) <= j) lo = mid;
      else hi = mid - 1;
    }
    return values[lo] as number;
  };
  return unweightedQuantiles(sorted.order.length, at, probabilities);
}

/**
 * Type-7 quantiles of values given with positive multiplicities (`counts`), equal to
 * `quantilesType7(values, probabilities, counts)` — the sample with value k repeated counts[k]
 * times — by selection instead of a sort (countedSelection.ts).
 */
export function quantilesOfCounts(
  values: Float64Array,
  counts: Float64Array,
  probabilities: readonly number[],
): number[] {
  let total = 0;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k] as number;
    if (!(count > 0) || !Number.isFinite(values[k] as number))
      throw new RangeError(`quantile: value ${k} of count ${count}`);
    total += count;
  }
  if (total === 0) throw new RangeError('quantile of an empty sample');
  // the order statistics the type-7 quantiles read (0-based positions, as unweightedQuantiles asks)
  const positions = probabilities.flatMap((probability) => {
    const index = 1 + Math.max(total - 1, 0) * probability;
    return [Math.floor(index) - 1, Math.ceil(index) - 1].filter((j) => j >= 0 && j < total);
  });
  const found = countedOrderStatistics(
    values,
    counts,
    positions.map((j) => j + 1),
  );
  const at = (j: number): number => found[positions.indexOf(j)] as number;
  return unweightedQuantiles(total, at, probabilities);
}

/**
 * `quantilesOfCounts` for values already ascending (e.g. the distinct scores of a sort): the
 * order statistics are read off the cumulative counts, with no selection.
 */
export function quantilesOfAscendingCounts(
  values: Float64Array,
  counts: Float64Array,
  probabilities: readonly number[],
): number[] {
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k] as number;
    if (!(count > 0) || (k > 0 && !((values[k] as number) > (values[k - 1] as number))))
      throw new RangeError(`quantile: value ${k} of count ${count} is not ascending`);
    cumulative[k] = total += count;
  }
  // x₍ⱼ₊₁₎: the first value whose cumulative count exceeds j
  const at = (j: number): number => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > j) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as number;
  };
  return unweightedQuantiles(total, at, probabilities);
}

/**
 * Type-7 quantiles of n values of weight 1, given x₍ⱼ₊₁₎ (0-based j) for the positions
 * needed (same arithmetic as above).
 */
function unweightedQuantiles(
  n: number,
  orderStatistic: (j: number) => number,
  probabilities: readonly number[],
): number[] {
  if (n === 0) throw new RangeError('quantile of an empty sample');
  return probabilities.map((probability) => {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`quantile: probability ${probability}`);
    const index = 1 + Math.max(n - 1, 0) * probability;
    const lower = Math.floor(index);
    const upper = Math.ceil(index);
    const atLower = orderStatistic(lower - 1);
    const atUpper = orderStatistic(upper - 1);
    if (index > lower && atUpper !== atLower) {
      const fraction = index - lower;
      return (1 - fraction) * atLower + fraction * atUpper;
    }
    return atLower;
  });
}
