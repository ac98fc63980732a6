// Percentile summaries: a port of summarise (src/evaluate/bootstrap/summaries.ts) for the
// percentile interval, and of percentileInterval and selectInPlace
// (src/statistics/resampling/bootstrapIntervals.ts); see bootstrapKernel.ts for what a port
// means here.

import { f64At, setF64 } from './memory';

const TAIL_MINIMUM_VALUES: i32 = 256;
const TAIL_SAMPLE_SIZE: i32 = 128;
const MAX_UNDEFINED_SHARE: f64 = 0.01;

/** selectInPlace: the k-th smallest of the `length` values at `values` (Hoare, median of three). */
function selectInPlace(values: usize, length: i32, k: i32): f64 {
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const mid = <i32>(<u32>(lo + hi) >>> 1);
    let a = f64At(values, lo);
    let b = f64At(values, mid);
    const c = f64At(values, hi);
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    const pivot = c < a ? a : c > b ? b : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (f64At(values, i) < pivot) i++;
      while (f64At(values, j) > pivot) j--;
      if (i <= j) {
        const t = f64At(values, i);
        setF64(values, i, f64At(values, j));
        setF64(values, j, t);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return f64At(values, k);
  }
  return f64At(values, k);
}

/** quantileOfPart: the type-7 quantile at h of n values from a part holding ranks skipped onwards. */
function quantileOfPart(part: usize, length: i32, skipped: i32, h: f64, n: i32): f64 {
  const lo = Math.floor(h);
  const k = <i32>lo - skipped;
  const low = selectInPlace(part, length, k);
  if (lo + 1 >= <f64>n || h === lo) return low;
  let high = Infinity;
  for (let i = k + 1; i < length; i++) if (f64At(part, i) < high) high = f64At(part, i);
  return low + (h - lo) * (high - low);
}

function cutOffRank(depth: f64, n: i32): i32 {
  const expected = (<f64>TAIL_SAMPLE_SIZE * depth) / <f64>n;
  const rank = Math.ceil(expected + 3 * Math.sqrt(expected) + 1);
  return depth <= <f64>n / 8 && rank < <f64>TAIL_SAMPLE_SIZE ? <i32>rank : -1;
}

let lowerBound: f64 = 0;
let upperBound: f64 = 0;

/**
 * percentileInterval of the n values at `values` (rearranged), with `sample` (128 doubles),
 * `lowerTail` and `upperTail` (n doubles each) as working space: to lowerBound, upperBound.
 */
function percentileInterval(
  values: usize,
  n: i32,
  level: f64,
  sample: usize,
  lowerTail: usize,
  upperTail: usize,
): void {
  const alpha = 1 - level;
  const hLower = <f64>(n - 1) * (alpha / 2);
  const hUpper = <f64>(n - 1) * (1 - alpha / 2);
  const lowerDepth = min(<f64>n, Math.floor(hLower) + 2);
  const upperDepth = <f64>n - Math.floor(hUpper);
  const lowerRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(lowerDepth, n);
  const upperRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(upperDepth, n);
  let lowerCount = 0;
  let upperCount = 0;
  if (lowerRank >= 0 || upperRank >= 0) {
    for (let j = 0; j < TAIL_SAMPLE_SIZE; j++) {
      setF64(sample, j, f64At(values, <i32>Math.floor((<f64>j * <f64>n) / <f64>TAIL_SAMPLE_SIZE)));
    }
    const lowerCut = lowerRank >= 0 ? selectInPlace(sample, TAIL_SAMPLE_SIZE, lowerRank) : -Infinity;
    const upperCut =
      upperRank >= 0 ? selectInPlace(sample, TAIL_SAMPLE_SIZE, TAIL_SAMPLE_SIZE - 1 - upperRank) : Infinity;
    for (let i = 0; i < n; i++) {
      const v = f64At(values, i);
      setF64(lowerTail, lowerCount, v);
      lowerCount += <i32>(v <= lowerCut);
      setF64(upperTail, upperCount, v);
      upperCount += <i32>(v >= upperCut);
    }
  }
  lowerBound =
    <f64>lowerCount >= lowerDepth
      ? quantileOfPart(lowerTail, lowerCount, 0, hLower, n)
      : quantileOfPart(values, n, 0, hLower, n);
  upperBound =
    <f64>upperCount >= upperDepth
      ? quantileOfPart(upperTail, upperCount, n - upperCount, hUpper, n)
      : quantileOfPart(values, n, 0, hUpper, n);
}

/**
 * summarise(series [− minus], { level, kind: 'percentile' }) of `total` values, written as
 * summariseBlock writes it: lower, upper, p, undefined share, SD, 1 (or NaN × 5, 0 when the
 * summary is null) to `out`. `hasMinus` 0: no second series. `scratch` holds total doubles,
 * `lowerTail`, `upperTail` as many, `sample` 128.
 */
export function summarise(
  series: usize,
  minus: usize,
  hasMinus: i32,
  total: i32,
  level: f64,
  scratch: usize,
  sample: usize,
  lowerTail: usize,
  upperTail: usize,
  out: usize,
): void {
  const first = total > 0 ? f64At(series, 0) - (hasMinus ? f64At(minus, 0) : 0.0) : 0.0;
  const shift = first - first === 0 ? first : 0.0;
  let count = 0;
  let sum: f64 = 0;
  let squares: f64 = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < total; i++) {
    const v = hasMinus ? f64At(series, i) - f64At(minus, i) : f64At(series, i);
    if (v - v !== 0) continue;
    setF64(scratch, count++, v);
    const d = v - shift;
    sum += d;
    squares += d * d;
    atOrBelow += <i32>(v <= 0);
    atOrAbove += <i32>(v >= 0);
  }
  const undefinedShare = 1 - <f64>count / <f64>total;
  if (count === 0 || undefinedShare > MAX_UNDEFINED_SHARE) {
    for (let f = 0; f < 5; f++) setF64(out, f, NaN);
    setF64(out, 5, 0);
    return;
  }
  // pValueFromCounts
  const p = min(1.0, max(1.0, 2 * <f64>min(atOrBelow, atOrAbove)) / <f64>count);
  percentileInterval(scratch, count, level, sample, lowerTail, upperTail);
  const c = <f64>count;
  const variance = max(0.0, (squares - (sum * sum) / c) / max(1.0, c - 1));
  setF64(out, 0, lowerBound);
  setF64(out, 1, upperBound);
  setF64(out, 2, p);
  setF64(out, 3, undefinedShare);
  setF64(out, 4, Math.sqrt(variance));
  setF64(out, 5, 1);
}
