/**
 * Order statistics of values given with multiplicities (counts): x₍ⱼ₎ of the sample in which
 * value k appears counts[k] times, found by quickselect (Hoare 1961, "Algorithm 65: Find",
 * CACM 4:321) with a three-way partition (Dijkstra's "Dutch national flag", so runs of equal
 * values end the search at once) that carries the counts along: expected O(k) for k values,
 * no sort, no expansion of the sample.
 */

/** Swaps entries i and j of both arrays. */
function swap(values: Float64Array, counts: Float64Array, i: number, j: number): void {
  const value = values[i] as number;
  values[i] = values[j] as number;
  values[j] = value;
  const count = counts[i] as number;
  counts[i] = counts[j] as number;
  counts[j] = count;
}

/** The median of three values (the pivot). */
function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/**
 * x₍ⱼ₎ (1-based, 1 ≤ j ≤ Σ counts) of the counted sample. `values` and `counts` are working
 * copies: they are reordered (any order is a valid input, so several positions can be found
 * one after the other on the same copies). Values must not be NaN.
 */
export function countedOrderStatistic(values: Float64Array, counts: Float64Array, j: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let before = 0; // Σ counts of the entries left of lo (all smaller than those in lo…hi)
  for (;;) {
    if (lo >= hi) return values[lo] as number;
    const pivot = medianOfThree(
      values[lo] as number,
      values[(lo + hi) >>> 1] as number,
      values[hi] as number,
    );
    let lt = lo;
    let i = lo;
    let gt = hi;
    let less = 0;
    let equal = 0;
    while (i <= gt) {
      const value = values[i] as number;
      if (value < pivot) {
        less += counts[i] as number;
        swap(values, counts, lt++, i++);
      } else if (value > pivot) {
        swap(values, counts, i, gt--);
      } else {
        equal += counts[i] as number;
        i++;
      }
    }
    if (j <= before + less) hi = lt - 1;
    else if (j <= before + less + equal) return pivot;
    else {
      before += less + equal;
      lo = gt + 1;
    }
  }
}

/** Buckets of the histogram pass of `countedOrderStatistics`. */
const BUCKETS = 4096;

/**
 * x₍ⱼ₎ for each 1-based position j of the counted sample (the inputs are not modified). One
 * pass bins the values into equal-width buckets between their minimum and maximum (the bucket
 * index is monotone in the value, so a bucket's values lie between its neighbours'), a pass
 * over the counts finds the bucket of each position, and `countedOrderStatistic` finishes
 * inside that bucket's values only: O(k) with two simple passes, which is what matters in a
 * one-shot run, where a quickselect over all k values runs mostly unoptimised.
 */
export function countedOrderStatistics(
  values: Float64Array,
  counts: Float64Array,
  positions: readonly number[],
): number[] {
  const length = values.length;
  let minimum = Infinity;
  let maximum = -Infinity;
  for (let k = 0; k < length; k++) {
    const value = values[k] as number;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  if (!(maximum > minimum)) return positions.map(() => minimum);
  const scale = BUCKETS / (maximum - minimum);
  const histogram = new Float64Array(BUCKETS);
  for (let k = 0; k < length; k++) {
    const b = Math.min(BUCKETS - 1, Math.floor(((values[k] as number) - minimum) * scale));
    histogram[b] = (histogram[b] as number) + (counts[k] as number);
  }
  // the bucket of each position and the count before it
  const wanted = positions.map((j) => {
    let before = 0;
    let bucket = 0;
    while (bucket < BUCKETS - 1 && before + (histogram[bucket] as number) < j)
      before += histogram[bucket++] as number;
    return { j, bucket, before };
  });
  // one pass gathers the values of every bucket a position falls in
  const members = new Map<number, { values: number[]; counts: number[] }>();
  for (const { bucket } of wanted) members.set(bucket, { values: [], counts: [] });
  const isWanted = new Uint8Array(BUCKETS);
  for (const { bucket } of wanted) isWanted[bucket] = 1;
  for (let k = 0; k < length; k++) {
    const value = values[k] as number;
    const b = Math.min(BUCKETS - 1, Math.floor((value - minimum) * scale));
    if (isWanted[b] === 0) continue;
    const member = members.get(b) as { values: number[]; counts: number[] };
    member.values.push(value);
    member.counts.push(counts[k] as number);
  }
  return wanted.map(({ j, bucket, before }) => {
    const member = members.get(bucket) as { values: number[]; counts: number[] };
    return countedOrderStatistic(
      Float64Array.from(member.values),
      Float64Array.from(member.counts),
      j - before,
    );
  });
}
