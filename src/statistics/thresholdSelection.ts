/**
 * Data-driven operating-point thresholds, chosen on an empirical ROC curve by the rules of
 * the dxreport contract. Candidates are the distinct score values (never midpoints), plus
 * "above every score" (nobody called positive), reported as `Infinity`, used only when no
 * score value satisfies a constraint.
 *
 * - minSensitivity s: the highest threshold whose sensitivity is ≥ s (which has the highest
 *   specificity among those).
 * - minSpecificity s: the lowest threshold whose specificity is ≥ s (highest sensitivity
 *   among those; ties resolved to the lowest threshold, as the conformance suite states).
 * - youden: maximises J = sensitivity + specificity − 1, compared exactly in integer
 *   arithmetic (J·m·n = tp·n − fp·m); ties go to the highest threshold (fewest cases called
 *   positive), so that the rule is deterministic.
 */
import type { RocCurve } from './rocCurve.js';

export function thresholdForMinimumSensitivity(curve: RocCurve, minimum: number): number {
  const { thresholds, truePositives, positives } = curve;
  for (let k = thresholds.length - 1; k >= 0; k--) {
    if ((truePositives[k] as number) / positives >= minimum) return thresholds[k] as number;
  }
  return thresholds[0] ?? Number.NEGATIVE_INFINITY;
}

export function thresholdForMinimumSpecificity(curve: RocCurve, minimum: number): number {
  const { thresholds, falsePositives, negatives } = curve;
  for (let k = 0; k < thresholds.length; k++) {
    if ((negatives - (falsePositives[k] as number)) / negatives >= minimum) return thresholds[k] as number;
  }
  return Number.POSITIVE_INFINITY;
}

export function thresholdForYouden(curve: RocCurve): number {
  const { thresholds, truePositives, falsePositives, positives, negatives } = curve;
  let best = Number.NEGATIVE_INFINITY;
  let bestThreshold = thresholds[0] ?? Number.NEGATIVE_INFINITY;
  for (let k = 0; k < thresholds.length; k++) {
    const scaledJ = (truePositives[k] as number) * negatives - (falsePositives[k] as number) * positives;
    if (scaledJ >= best) {
      best = scaledJ;
      bestThreshold = thresholds[k] as number;
    }
  }
  return bestThreshold;
}
