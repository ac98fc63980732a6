/**
 * Youden's index J = sensitivity + specificity − 1 (Youden 1950, Cancer 3:32–35) with a Wald
 * interval from the binomial variances of the two independent proportions,
 * se(J)² = se(1 − se)/m + sp(1 − sp)/n (Bangdiwala et al. 2008); checked against
 * test/reference/youden.R.
 *
 * @example
 * youdenIndex({ tp: 8, fn: 2, tn: 9, fp: 1 }, 0.95).estimate; // 0.7 (0.8 + 0.9 − 1)
 */
import { zForLevel } from './distributions.js';

export interface YoudenIndex {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
}

export function youdenIndex(
  counts: { tp: number; fp: number; tn: number; fn: number },
  level: number,
): YoudenIndex {
  const m = counts.tp + counts.fn;
  const n = counts.tn + counts.fp;
  const sens = counts.tp / m;
  const spec = counts.tn / n;
  const estimate = sens + spec - 1;
  // sensitivity and specificity come from independent samples (positives, negatives)
  const se = Math.sqrt((sens * (1 - sens)) / m + (spec * (1 - spec)) / n);
  const z = zForLevel(level);
  return { estimate, se, lower: estimate - z * se, upper: estimate + z * se };
}
