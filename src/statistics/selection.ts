/**
 * Order statistics without a full sort: Hoare's FIND (quickselect; Hoare 1961, CACM 4:321;
 * Knuth, TAOCP vol. 3, §5.3.3) with a median-of-three pivot, expected O(n) per statistic.
 * The k-th smallest value is unique, so the result equals reading a sorted copy; a range
 * that fails to shrink after many rounds, and any NaN, fall back to the typed sort.
 */

const INSERTION_BELOW = 16;
const MAX_ROUNDS = 64;

function insertionSort(a: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const value = a[i] as number;
    let j = i - 1;
    while (j >= left && (a[j] as number) > value) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = value;
  }
}

/**
 * Rearranges a[left..right] so that a[k] holds its (k − left)-th smallest value, with no larger
 * value before it and no smaller one after it.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  for (let round = 0; right - left >= INSERTION_BELOW; round++) {
    if (round === MAX_ROUNDS) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    const x = a[left] as number;
    const y = a[mid] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // a[left..j] ≤ pivot, a[j+1..i−1] = pivot, a[i..right] ≥ pivot
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  insertionSort(a, left, right);
}

/**
 * The values at 0-based positions `positions` of `values` sorted ascending, keyed by position.
 * `values` is used as scratch (reordered).
 */
export function orderStatistics(values: Float64Array, positions: readonly number[]): Map<number, number> {
  const n = values.length;
  const wanted = [...new Set(positions)].sort((a, b) => a - b);
  for (const k of wanted) {
    if (!(Number.isInteger(k) && k >= 0 && k < n))
      throw new RangeError(`order statistic ${k} of ${n} values`);
  }
  let hasNaN = false;
  for (let i = 0; i < n && !hasNaN; i++) hasNaN = Number.isNaN(values[i] as number);
  if (hasNaN) values.sort();
  const found = new Map<number, number>();
  let left = 0;
  for (const k of wanted) {
    if (!hasNaN) select(values, k, left, n - 1);
    found.set(k, values[k] as number);
    left = k;
  }
  return found;
}
