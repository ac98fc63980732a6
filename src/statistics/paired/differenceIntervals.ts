/**
 * Confidence intervals for the difference of two paired proportions, p1 − p2, from the
 * paired 2×2 table of one class of cases:
 *   both correct = a, only the first correct = b, only the second correct = c, neither = d.
 * Then p1 = (a + b)/n, p2 = (a + c)/n and p1 − p2 = (b − c)/n.
 */
import { zForLevel } from '../distributions.js';
import { wilsonInterval, type Bounds } from '../proportionIntervals.js';

export interface PairedTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * Newcombe's hybrid score interval (Newcombe 1998, Stat Med 17:2635–2650, method 10):
 * the Wilson intervals of each marginal proportion combined with the phi correlation of
 * the paired table, its numerator A = ad − bc replaced by A − n/2 when A > n/2 and by 0
 * when 0 ≤ A ≤ n/2 (as published; phi is 0 when a margin is empty).
 */
export function newcombePairedInterval(table: PairedTable, level: number): Bounds {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const difference = p1 - p2;
  const w1 = wilsonInterval(a + b, n, level);
  const w2 = wilsonInterval(a + c, n, level);
  const marginProduct = (a + b) * (c + d) * (a + c) * (b + d);
  // Newcombe's continuity-corrected phi numerator: A − n/2 when A > n/2, 0 for 0 ≤ A ≤ n/2
  const numerator = a * d - b * c;
  const corrected = numerator > n / 2 ? numerator - n / 2 : numerator >= 0 ? 0 : numerator;
  const phi = marginProduct === 0 ? 0 : corrected / Math.sqrt(marginProduct);
  const lowerSpread =
    (p1 - w1.lower) ** 2 - 2 * phi * (p1 - w1.lower) * (w2.upper - p2) + (w2.upper - p2) ** 2;
  const upperSpread =
    (w1.upper - p1) ** 2 - 2 * phi * (w1.upper - p1) * (p2 - w2.lower) + (p2 - w2.lower) ** 2;
  return {
    lower: Math.max(-1, difference - Math.sqrt(Math.max(0, lowerSpread))),
    upper: Math.min(1, difference + Math.sqrt(Math.max(0, upperSpread))),
  };
}

/**
 * Tango's (1998, Stat Med 17:891–908) score interval: the set of Δ whose score statistic
 * Z(Δ) = (b − c − nΔ) / √(n(2q̃ + Δ(1 − Δ))) lies within ±z, with q̃ the restricted maximum
 * likelihood estimate of the second discordant cell probability under Δ. Bounds are found
 * by bisection to 1e-12.
 */
export function tangoPairedInterval(table: PairedTable, level: number): Bounds {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  const z = zForLevel(level);
  const score = (delta: number): number => {
    const w = -b - c + (2 * n - b + c) * delta;
    const q = (Math.sqrt(Math.max(0, w * w + 8 * n * c * delta * (1 - delta))) - w) / (4 * n);
    const variance = n * (2 * q + delta * (1 - delta));
    const numerator = b - c - n * delta;
    if (variance <= 0) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
    return numerator / Math.sqrt(variance);
  };
  const estimate = (b - c) / n;
  // Z decreases in Δ: lower bound solves Z(Δ) = z, upper bound Z(Δ) = −z
  const solve = (target: number, lo: number, hi: number): number => {
    if (score(lo) - target <= 0) return lo;
    if (score(hi) - target >= 0) return hi;
    for (let iteration = 0; iteration < 200 && hi - lo > 1e-13; iteration++) {
      const mid = (lo + hi) / 2;
      if (score(mid) - target > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return { lower: solve(z, -1, estimate), upper: solve(-z, estimate, 1) };
}
