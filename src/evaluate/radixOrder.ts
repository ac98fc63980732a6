/**
 * Stable LSD radix sorting of case indices by typed keys (Knuth, TAOCP vol. 3, §5.2.5: a
 * stable distribution pass per digit, least significant key first, gives the lexicographic
 * order). Doubles: statistics/radixSort.ts. O(n) per key, no comparator.
 */
import { sortByDouble } from '../statistics/radixSort.js';

export { sortByDouble };

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/** One stable counting pass: `order` rearranged by `digit(index)` in [0, buckets). */
function countingPass(
  order: Uint32Array,
  scratch: Uint32Array,
  digitOf: (index: number) => number,
  buckets: number,
): boolean {
  const counts = new Uint32Array(buckets + 1);
  const n = order.length;
  for (let i = 0; i < n; i++) {
    const slot = digitOf(order[i] as number) + 1;
    counts[slot] = (counts[slot] as number) + 1;
  }
  // a pass where every case has the same digit changes nothing
  for (let b = 1; b <= buckets; b++) if (counts[b] === n) return false;
  for (let b = 1; b <= buckets; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
  for (let i = 0; i < n; i++) {
    const index = order[i] as number;
    const digit = digitOf(index);
    scratch[counts[digit] as number] = index;
    counts[digit] = (counts[digit] as number) + 1;
  }
  order.set(scratch);
  return true;
}

/** Sorts `order` stably by small non-negative integer keys (`key[index]` < buckets). */
export function sortByCode(
  order: Uint32Array,
  key: ArrayLike<number>,
  buckets: number,
  scratch: Uint32Array,
): void {
  if (buckets <= BUCKETS) {
    countingPass(order, scratch, (i) => key[i] as number, Math.max(1, buckets));
    return;
  }
  countingPass(order, scratch, (i) => (key[i] as number) & (BUCKETS - 1), BUCKETS);
  countingPass(order, scratch, (i) => (key[i] as number) >>> DIGIT_BITS, Math.ceil(buckets / BUCKETS));
}

/** Codes of text values: rank of each value among the distinct values in code-unit order. */
export function textCodes(values: readonly string[]): { codes: Uint32Array; count: number } {
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((value, index) => [value, index]));
  return { codes: Uint32Array.from(values, (v) => rank.get(v) as number), count: distinct.length };
}
