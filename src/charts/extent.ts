/**
 * The smallest and largest of many numbers by a loop: `Math.min(...values)` passes every value
 * as an argument and overflows the call stack beyond about 10⁵ of them (a score per case).
 */
export function extent(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
