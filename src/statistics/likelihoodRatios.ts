/**
 * Diagnostic likelihood ratios with log-method confidence intervals
 * (Simel, Samsa & Matchar 1991, J Clin Epidemiol 44:763–770):
 * LR+ = sens / (1 − spec), se(log LR+) = √(1/tp − 1/(tp+fn) + 1/fp − 1/(fp+tn));
 * LR− = (1 − sens) / spec, se(log LR−) = √(1/fn − 1/(tp+fn) + 1/tn − 1/(fp+tn)).
 * A ratio with a zero count in its numerator or denominator has no log-method interval (null).
 */
import { zForLevel } from './distributions.js';
import type { Bounds } from './proportionIntervals.js';

export interface RatioEstimate {
  estimate: number | null;
  ci: Bounds | null;
}

function logRatio(a: number, aTotal: number, b: number, bTotal: number, level: number): RatioEstimate {
  if (aTotal === 0 || bTotal === 0) return { estimate: null, ci: null };
  const estimate = b === 0 ? null : a / aTotal / (b / bTotal);
  if (a === 0 || b === 0 || estimate === null) return { estimate, ci: null };
  const se = Math.sqrt(1 / a - 1 / aTotal + 1 / b - 1 / bTotal);
  const z = zForLevel(level);
  return { estimate, ci: { lower: estimate * Math.exp(-z * se), upper: estimate * Math.exp(z * se) } };
}

export function positiveLikelihoodRatio(tp: number, fp: number, tn: number, fn: number, level: number) {
  return logRatio(tp, tp + fn, fp, fp + tn, level);
}

export function negativeLikelihoodRatio(tp: number, fp: number, tn: number, fn: number, level: number) {
  return logRatio(fn, tp + fn, tn, fp + tn, level);
}
