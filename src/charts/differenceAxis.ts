/** The forest plots' difference axis: round ticks with zero among them. */
import { round } from './data.js';

/**
 * A difference axis from `lo` to `hi` (zero included) ending on round ticks: at most five
 * ticks at a step of 1, 2, 2.5 or 5 × 10^k, and the format that shows them.
 */
export function differenceAxis(
  lo: number,
  hi: number,
): { domain: [number, number]; ticks: { values: number[]; format: string } } {
  const span = Math.max(hi - lo, 1e-3);
  const power = 10 ** Math.floor(Math.log10(span / 4));
  const step = ([1, 2, 2.5, 5, 10].find((m) => span / (m * power) <= 4) ?? 10) * power;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) values.push(round(v, 10));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) + (step / power === 2.5 ? 1 : 0);
  return { domain: [round(start, 10), round(end, 10)], ticks: { values, format: `.${decimals}f` } };
}
