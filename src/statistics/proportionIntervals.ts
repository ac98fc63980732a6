/**
 * Confidence intervals for a binomial proportion x/n.
 * Brown, Cai & DasGupta (2001), "Interval estimation for a binomial proportion", Stat Sci 16:101–133.
 */
import { betaQuantile, zForLevel } from './distributions.js';

export interface Bounds {
  lower: number;
  upper: number;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/**
 * Wilson (1927) score interval without continuity correction, the textbook form
 * (equal to R's `prop.test(x, n, correct = FALSE)$conf.int`).
 */
export function wilsonInterval(x: number, n: number, level: number): Bounds {
  const z = zForLevel(level);
  const z2 = z * z;
  const p = x / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    lower: x === 0 ? 0 : clamp01(centre - half),
    upper: x === n ? 1 : clamp01(centre + half),
  };
}

/** Clopper & Pearson (1934) exact interval from beta quantiles (R's `binom.test()$conf.int`). */
export function clopperPearsonInterval(x: number, n: number, level: number): Bounds {
  const alpha = 1 - level;
  return {
    lower: x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
    upper: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x),
  };
}

/** Jeffreys interval: equal-tailed Beta(x + ½, n − x + ½) posterior quantiles (Brown et al. 2001). */
export function jeffreysInterval(x: number, n: number, level: number): Bounds {
  const alpha = 1 - level;
  return {
    lower: x === 0 ? 0 : betaQuantile(alpha / 2, x + 0.5, n - x + 0.5),
    upper: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 0.5, n - x + 0.5),
  };
}

export type ProportionMethod = 'wilson' | 'clopper-pearson' | 'jeffreys';

export function proportionInterval(method: ProportionMethod, x: number, n: number, level: number): Bounds {
  switch (method) {
    case 'wilson':
      return wilsonInterval(x, n, level);
    case 'clopper-pearson':
      return clopperPearsonInterval(x, n, level);
    case 'jeffreys':
      return jeffreysInterval(x, n, level);
  }
}
