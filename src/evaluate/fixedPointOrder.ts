/**
 * Sorting scores written with a fixed number of decimals by integer keys. When for one scale
 * p = 10^d (d ≤ 9) every value v has k = round(v·p) with k / p === v, and the keys span less
 * than 2^32, k is strictly increasing in v (p·v and round are non-decreasing, and k / p === v
 * makes equal keys equal values; −0 and +0 share a key), so a stable sort by k is the stable
 * sort by v — in two 11-bit counting passes (Knuth, TAOCP vol. 3, §5.2.5) instead of the
 * four 16-bit passes over all 64 bits of each double (statistics/radixSort.ts). Scores
 * rounded to a few decimals, as exports often write them, qualify; full-precision doubles
 * do not, and are sorted by their bits: the same permutation either way.
 */
import { groupSorted, type SortedScores } from '../statistics/confusion.js';
import { sortByDouble } from '../statistics/radixSort.js';

/** 10^0 … 10^9: the decimal scales tried. */
const DECIMAL_SCALES = Array.from({ length: 10 }, (_, d) => 10 ** d);
const KEY_DIGIT_BITS = 11;

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

/** How a column's values map to keys: key = round(v · scale) − low, below `count`. */
export interface FixedPoint {
  count: number;
  scale: number;
  low: number;
  /** A −0 among the values (its key is +0's: the value cannot be had back from the key). */
  negativeZero: boolean;
}

/**
 * Writes `into[p]` = the fixed-point key of `values[order[p]]` and returns the mapping, or
 * null when the values are not fixed-point (then sort the doubles).
 */
export function fixedPointKeys(
  values: ArrayLike<number>,
  order: Uint32Array,
  into: Uint32Array,
): FixedPoint | null {
  const n = order.length;
  let d = 0;
  let p = 1;
  let checkedFrom = 0; // values before this one passed at a smaller scale
  let min = Infinity;
  let max = -Infinity;
  let negativeZero = false;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    while (Math.round(v * p) / p !== v) {
      if (++d >= DECIMAL_SCALES.length) return null;
      p = DECIMAL_SCALES[d] as number;
      checkedFrom = i;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0 && 1 / v < 0) negativeZero = true;
  }
  for (let i = 0; i < checkedFrom; i++) {
    const v = values[i] as number;
    if (Math.round(v * p) / p !== v) return null;
  }
  const low = Math.round(min * p);
  const span = Math.round(max * p) - low;
  if (!(span < 2 ** 31)) return null;
  for (let i = 0; i < n; i++) into[i] = Math.round((values[order[i] as number] as number) * p) - low;
  return { count: span + 1, scale: p, low, negativeZero };
}

/**
 * The value of `key` (exact: key + low is the integer round(v · scale), and that over the
 * scale is v, as fixedPointKeys checked), or null for a column holding −0.
 */
export function valueOfKey(fixed: FixedPoint): ((key: number) => number) | null {
  const { scale, low } = fixed;
  return fixed.negativeZero ? null : (key) => (key + low) / scale;
}

/**
 * Sorts `order` stably by `key` (integers below `count`, in position order: key[p] belongs
 * to order[p]; overwritten): LSD counting passes of at most 11 bits (2,048 buckets, so the
 * scattered writes stay in cache), the keys moved with the indices. Returns the array that
 * holds the sorted keys (`key` or the workspace's other key array).
 */
export function sortByKey(
  order: Uint32Array,
  key: Uint32Array,
  count: number,
  workspace: SortWorkspace,
): Uint32Array {
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
  return keys;
}

/** Keys in sorted order (position order, as `order` ends) and their mapping. */
export interface SortedKeys {
  keys: Uint32Array;
  fixed: FixedPoint;
}

/**
 * Sorts `order` stably by the doubles `values[order[k]]` (finite, −0 as +0) and, when
 * `outcome` is given, by it first (outcome, then score: the canonical order's two keys in
 * one sort, keys outcome · count + score key). Returns the sorted keys when the values were
 * fixed-point (they live in `workspace`: read them before its next use), else null.
 */
export function sortByScore(
  order: Uint32Array,
  values: Float64Array,
  workspace: SortWorkspace,
  outcome?: Uint8Array,
): SortedKeys | null {
  const fixed = fixedPointKeys(values, order, workspace.key);
  if (fixed && outcome) {
    const key = workspace.key;
    const count = fixed.count;
    for (let p = 0; p < order.length; p++)
      key[p] = (key[p] as number) + (outcome[order[p] as number] as number) * count;
    return { keys: sortByKey(order, key, 2 * count, workspace), fixed };
  }
  if (fixed) return { keys: sortByKey(order, workspace.key, fixed.count, workspace), fixed };
  sortByDouble(order, values, workspace.scratch);
  if (outcome) sortByOutcome(order, outcome, workspace.scratch);
  return null;
}

/** One stable pass by a 0/1 outcome. */
function sortByOutcome(order: Uint32Array, outcome: Uint8Array, scratch: Uint32Array): void {
  let zeros = 0;
  for (let p = 0; p < order.length; p++) if (outcome[order[p] as number] === 0) zeros++;
  let a = 0;
  let b = zeros;
  for (let p = 0; p < order.length; p++) {
    const index = order[p] as number;
    if (outcome[index] === 0) scratch[a++] = index;
    else scratch[b++] = index;
  }
  order.set(scratch.subarray(0, order.length));
}

/**
 * The cases sorted by score and grouped by distinct value, as `sortScores`
 * (statistics/confusion.ts) gives them: the stable ascending order, the distinct values (each
 * group's first) and where each group begins. With fixed-point keys the groups are read from
 * the sorted keys, in sequence.
 */
export function sortedByScore(values: Float64Array, workspace: SortWorkspace): SortedScores {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const sorted = sortByScore(order, values, workspace);
  if (!sorted) return groupSorted(values, order);
  const { keys, fixed } = sorted;
  const valueOf = valueOfKey(fixed);
  let groups = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) groups++;
  const distinct = new Float64Array(groups);
  const groupStart = new Uint32Array(groups + 1);
  for (let i = 0, g = 0; i < n; i++) {
    const key = keys[i] as number;
    if (i === 0 || key !== keys[i - 1]) {
      // each group's value from its key, in sequence (no look-up by case) unless −0 is about
      distinct[g] = valueOf ? valueOf(key) : (values[order[i] as number] as number);
      groupStart[g++] = i;
    }
  }
  groupStart[groups] = n;
  return { order, values: distinct, groupStart };
}
