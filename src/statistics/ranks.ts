/**
 * Sorting helpers shared by the ROC and DeLong kernels.
 */
import { sortByDouble } from './radixSort.js';

/** Below this many values a comparator sort is quicker than the radix sort's 4 × 65,536 buckets. */
const RADIX_FROM = 4096;

/**
 * Indices that sort `values` ascending (stable, so equal values keep input order; −0 equals
 * +0): a radix sort of the values' bits (radixSort.ts) for large arrays without NaN, a
 * comparator sort otherwise — the same permutation either way.
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let hasNaN = false;
  for (let i = 0; i < n && !hasNaN; i++) hasNaN = Number.isNaN(values[i] as number);
  if (n >= RADIX_FROM && !hasNaN) sortByDouble(order, values);
  else order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  return order;
}

/**
 * Midranks (average ranks, 1-based) of `values`: tied values share the mean of the ranks
 * they occupy. O(n log n).
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = ascendingOrder(values);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    const v = values[order[i] as number] as number;
    while (j + 1 < n && values[order[j + 1] as number] === v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}
