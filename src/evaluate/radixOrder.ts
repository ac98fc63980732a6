/**
 * Stable LSD radix sorting of case indices by typed keys (Knuth, TAOCP vol. 3, §5.2.5: a
 * stable distribution pass per digit, least significant key first, gives the lexicographic
 * order). Doubles are sorted by their IEEE-754 bits made order-preserving (negative: all bits
 * flipped; positive: sign bit set; −0 as +0), 16 bits per pass. O(n) per key, no comparator.
 */

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

/**
 * Sorts `order` stably by the values of a Float64Array (all finite; −0 equals +0). The keys
 * are gathered once into position order and move with the indices, so that every pass reads
 * them sequentially (one random access per case instead of one per pass).
 */
export function sortByDouble(order: Uint32Array, values: Float64Array, scratch: Uint32Array): void {
  const n = order.length;
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  const cell = new Float64Array(1);
  const bits = new Uint32Array(cell.buffer);
  for (let p = 0; p < n; p++) {
    const v = values[order[p] as number] as number;
    cell[0] = v === 0 ? 0 : v;
    const lo = bits[0] as number;
    const hi = bits[1] as number;
    const negative = hi >>> 31 === 1;
    high[p] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    low[p] = negative ? ~lo >>> 0 : lo;
  }
  let current = order;
  let next = scratch;
  const counts = new Uint32Array(BUCKETS + 1);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let p = 0; p < n; p++) {
      const slot = (((keys[p] as number) >>> shift) & 0xffff) + 1;
      counts[slot] = (counts[slot] as number) + 1;
    }
    let same = false;
    for (let b = 1; b <= BUCKETS && !same; b++) same = counts[b] === n;
    if (same) continue;
    for (let b = 1; b <= BUCKETS; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    for (let p = 0; p < n; p++) {
      const digit = ((keys[p] as number) >>> shift) & 0xffff;
      const to = counts[digit] as number;
      counts[digit] = to + 1;
      next[to] = current[p] as number;
      nextHigh[to] = high[p] as number;
      nextLow[to] = low[p] as number;
    }
    [current, next] = [next, current];
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
  }
  if (current !== order) order.set(current);
}

/** Codes of text values: rank of each value among the distinct values in code-unit order. */
export function textCodes(values: readonly string[]): { codes: Uint32Array; count: number } {
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(distinct.map((value, index) => [value, index]));
  return { codes: Uint32Array.from(values, (v) => rank.get(v) as number), count: distinct.length };
}
