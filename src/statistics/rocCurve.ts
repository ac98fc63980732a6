/**
 * Summaries of a (weighted) ROC curve from the confusion kernel (confusion.ts): the AUC and
 * average precision. The kernel's names are re-exported here.
 */
import type { RocCurve } from './confusion.js';

export * from './confusion.js';

/** AUC from a (weighted) curve: Σ_k TP-weight at k × (negatives below k + ½ negatives at k) / (P·N). */
export function aucFromCurve(curve: RocCurve): number {
  const { truePositives, falsePositives, positives, negatives } = curve;
  const groups = truePositives.length;
  let sum = 0;
  for (let k = 0; k < groups; k++) {
    const positivesHere =
      (truePositives[k] as number) - (k + 1 < groups ? (truePositives[k + 1] as number) : 0);
    if (positivesHere === 0) continue;
    const negativesHere =
      (falsePositives[k] as number) - (k + 1 < groups ? (falsePositives[k + 1] as number) : 0);
    const negativesBelow = negatives - (falsePositives[k] as number);
    sum += positivesHere * (negativesBelow + negativesHere / 2);
  }
  return sum / (positives * negatives);
}

/**
 * Average precision from a (weighted) curve: Σ (R_k − R_{k−1})·P_k over distinct
 * thresholds from the highest down (scikit-learn's `average_precision_score`).
 */
export function averagePrecisionFromCurve(curve: RocCurve): number {
  const { truePositives, falsePositives, positives } = curve;
  let sum = 0;
  let previousRecall = 0;
  for (let k = truePositives.length - 1; k >= 0; k--) {
    const tp = truePositives[k] as number;
    const called = tp + (falsePositives[k] as number);
    const recall = tp / positives;
    if (called > 0) sum += (recall - previousRecall) * (tp / called);
    previousRecall = recall;
  }
  return sum;
}
