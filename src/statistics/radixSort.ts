/**
 * Stable LSD radix sort of case indices by the values of a double array (Knuth, TAOCP vol. 3,
 * §5.2.5: a stable distribution pass per digit, least significant first, gives the order of the
 * whole key). The IEEE-754 bits are made order-preserving (negative: all bits flipped;
 * positive: sign bit set; −0 as +0) and sorted 16 bits per pass. The four digit histograms
 * are counted in one pass, and a pass whose digit is the same for every case is skipped.
 * O(n), no comparator: at 10⁶ cases about ten times faster than `Uint32Array.sort` with a
 * comparator.
 */

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/**
 * Below this many cases a comparator sort is quicker: the radix sort's four histograms are
 * 4 × 65,536 counters (1 MB) to clear and sum whatever n is, which at the example's 743 cases
 * cost more than the sort itself in a one-shot run (the same cut as ranks.ts's RADIX_FROM).
 */
export const RADIX_FROM = 4096;

/** `sortByDouble` for few cases: the same stable permutation from a comparator sort of positions. */
function comparatorSort(order: Uint32Array, values: ArrayLike<number>, scratch: Uint32Array): void {
  const n = order.length;
  const keys = new Float64Array(n);
  const positions = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    keys[p] = values[order[p] as number] as number;
    positions[p] = p;
  }
  // a difference of 0 or NaN (−0 and +0, or equal infinities) is a tie: position decides
  positions.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  for (let p = 0; p < n; p++) scratch[p] = order[positions[p] as number] as number;
  order.set(scratch.subarray(0, n));
}

/**
 * Sorts `order` stably by `values[order[k]]` (finite or infinite, not NaN; −0 equals +0).
 * The keys are gathered once into position order and move with the indices, so that every
 * pass reads them sequentially.
 */
export function sortByDouble(
  order: Uint32Array,
  values: ArrayLike<number>,
  scratch: Uint32Array = new Uint32Array(order.length),
): void {
  const n = order.length;
  if (n < RADIX_FROM) {
    comparatorSort(order, values, scratch);
    return;
  }
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  const counts = new Uint32Array(4 * BUCKETS);
  const cell = new Float64Array(1);
  const bits = new Uint32Array(cell.buffer);
  for (let p = 0; p < n; p++) {
    const v = values[order[p] as number] as number;
    cell[0] = v === 0 ? 0 : v;
    let lo = bits[0] as number;
    let hi = bits[1] as number;
    if (hi >>> 31 === 1) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    high[p] = hi;
    low[p] = lo;
    const d0 = lo & DIGIT_MASK;
    const d1 = BUCKETS + (lo >>> DIGIT_BITS);
    const d2 = 2 * BUCKETS + (hi & DIGIT_MASK);
    const d3 = 3 * BUCKETS + (hi >>> DIGIT_BITS);
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
    counts[d3] = (counts[d3] as number) + 1;
  }
  let current = order;
  let next = scratch;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BUCKETS;
    // exclusive prefix sums: the first position of each digit; a digit holding every case
    // means the pass would change nothing
    let start = 0;
    let trivial = false;
    for (let b = base; b < base + BUCKETS; b++) {
      const count = counts[b] as number;
      if (count === n) {
        trivial = true;
        break;
      }
      counts[b] = start;
      start += count;
    }
    if (trivial) continue;
    const keys = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : DIGIT_BITS;
    for (let p = 0; p < n; p++) {
      const digit = base + (((keys[p] as number) >>> shift) & DIGIT_MASK);
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
