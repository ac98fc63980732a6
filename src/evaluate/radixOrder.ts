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

/** 10^0 … 10^9: the decimal scales tried for fixed-point keys. */
const DECIMAL_SCALES = Array.from({ length: 10 }, (_, d) => 10 ** d);

/**
 * Scratch arrays of n entries shared by the sorting passes: at 10⁶ cases, fresh memory costs
 * more than the passes that fill it (page faults), so the passes reuse these.
 */
export class SortWorkspace {
  readonly scratch: Uint32Array;
  readonly key: Uint32Array;
  readonly nextKey: Uint32Array;

  constructor(readonly n: number) {
    this.scratch = new Uint32Array(n);
    this.key = new Uint32Array(n);
    this.nextKey = new Uint32Array(n);
  }
}

/**
 * Order-preserving integer keys of doubles that are all decimal fixed-point numbers: when
 * for one scale p = 10^d (d ≤ 9) every value v has k = round(v·p) with k / p === v, and the
 * keys span less than 2^32. Then k is strictly increasing in v (p·v and round are
 * non-decreasing, and k / p === v makes equal keys equal values; −0 and +0 share the key 0),
 * so a stable sort by k is the stable sort by v, in two or three 11-bit counting passes
 * instead of the four 16-bit passes over all 64 bits of each double. Scores written with a
 * fixed number of decimals (e.g. six, as most exports round them) qualify; full-precision
 * doubles do not.
 *
 * Writes `into[p]` = the key of `values[order[p]]` (less the smallest key) and returns the
 * number of possible keys (span + 1), or 0 when the values are not so (then sort the doubles).
 */
export function fixedPointKeys(values: ArrayLike<number>, order: Uint32Array, into: Uint32Array): number {
  const n = order.length;
  let d = 0;
  let p = 1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    while (Math.round(v * p) / p !== v) {
      if (++d >= DECIMAL_SCALES.length) return 0;
      p = DECIMAL_SCALES[d] as number;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const low = Math.round(min * p);
  const span = Math.round(max * p) - low;
  if (!(span < 2 ** 32 - 1)) return 0;
  // a value that passed at a smaller scale is checked again at the final one
  for (let i = 0; i < n; i++) {
    const v = values[order[i] as number] as number;
    const k = Math.round(v * p);
    if (k / p !== v) return 0;
    into[i] = k - low;
  }
  return span + 1;
}

const KEY_DIGIT_BITS = 11;

/**
 * Sorts `order` stably by `key` (integers below `count`, in position order: key[p] belongs
 * to order[p]; overwritten): LSD counting passes of at most 11 bits (2,048 buckets, so the
 * scattered writes stay in cache), the keys moved with the indices.
 */
export function sortByKey(
  order: Uint32Array,
  key: Uint32Array,
  count: number,
  workspace: SortWorkspace,
): void {
  const n = order.length;
  let bits = 1;
  while (bits < 32 && 2 ** bits < count) bits++;
  const passes = Math.ceil(bits / KEY_DIGIT_BITS);
  const digitBits = Math.ceil(bits / passes);
  const mask = 2 ** digitBits - 1;
  let current = order;
  let next = workspace.scratch;
  let keys = key;
  let nextKeys = key === workspace.nextKey ? workspace.key : workspace.nextKey;
  const counts = new Uint32Array(mask + 1);
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * digitBits;
    counts.fill(0);
    for (let p = 0; p < n; p++) {
      const digit = ((keys[p] as number) >>> shift) & mask;
      counts[digit] = (counts[digit] as number) + 1;
    }
    let start = 0;
    let trivial = false;
    for (let b = 0; b <= mask; b++) {
      const c = counts[b] as number;
      if (c === n) trivial = true;
      counts[b] = start;
      start += c;
    }
    if (trivial) continue;
    for (let p = 0; p < n; p++) {
      const k = keys[p] as number;
      const digit = (k >>> shift) & mask;
      const to = counts[digit] as number;
      counts[digit] = to + 1;
      next[to] = current[p] as number;
      nextKeys[to] = k;
    }
    [current, next] = [next, current];
    [keys, nextKeys] = [nextKeys, keys];
  }
  if (current !== order) order.set(current);
}

/**
 * Sorts `order` stably by the doubles `values[order[k]]` (finite, −0 as +0): by fixed-point
 * keys when the values allow it, else by the doubles' bits (statistics/radixSort.ts). The
 * same permutation either way.
 */
export function sortByScore(order: Uint32Array, values: Float64Array, workspace: SortWorkspace): void {
  const count = fixedPointKeys(values, order, workspace.key);
  if (count > 0) sortByKey(order, workspace.key, count, workspace);
  else sortByDouble(order, values, workspace.scratch);
}

/** The stable ascending order of finite `values` (as ranks.ts' ascendingOrder gives it). */
export function ascendingScoreOrder(
  values: Float64Array,
  workspace: SortWorkspace = new SortWorkspace(values.length),
): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  sortByScore(order, values, workspace);
  return order;
}
