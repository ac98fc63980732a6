/**
 * Empirical ROC curve over every distinct score value, optionally with case weights
 * (bootstrap multiplicities). A case is called positive when `score >= threshold` (the
 * dxreport contract), so at threshold t:
 * TP(t) = Σ weights of positives with score ≥ t, FP(t) = Σ weights of negatives with score ≥ t.
 *
 * Scores are sorted once (`sortScores`); each weighted curve is then a single O(n) pass,
 * which is what makes thousands of bootstrap replicates cheap.
 */
import { ascendingOrder } from './ranks.js';

export interface RocCurve {
  /** Distinct score values, ascending. */
  thresholds: Float64Array;
  /** (Weighted) true positives at each threshold (non-increasing). */
  truePositives: Float64Array;
  /** (Weighted) false positives at each threshold (non-increasing). */
  falsePositives: Float64Array;
  /** Total (weight of) positives and negatives. */
  positives: number;
  negatives: number;
}

/** Cases sorted by score and grouped by distinct value. */
export interface SortedScores {
  /** Case indices in ascending score order. */
  order: Uint32Array;
  /** Distinct values, ascending. */
  values: Float64Array;
  /** groupStart[k] … groupStart[k+1] − 1 are the positions in `order` holding values[k]. */
  groupStart: Uint32Array;
}

export function sortScores(scores: Float64Array): SortedScores {
  const order = ascendingOrder(scores);
  const values: number[] = [];
  const starts: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const v = scores[order[i] as number] as number;
    if (i === 0 || v !== values[values.length - 1]) {
      values.push(v);
      starts.push(i);
    }
  }
  starts.push(order.length);
  return { order, values: Float64Array.from(values), groupStart: Uint32Array.from(starts) };
}

/**
 * The ROC curve of `sorted` scores under case `weights` (all 1 when omitted). `into`
 * supplies the two count arrays to fill (length = number of distinct values), so that a
 * bootstrap can reuse them instead of allocating per replicate.
 */
export function weightedRocCurve(
  sorted: SortedScores,
  labels: Uint8Array,
  weights?: Float64Array,
  into?: { truePositives: Float64Array; falsePositives: Float64Array },
): RocCurve {
  const groups = sorted.values.length;
  const truePositives = into?.truePositives ?? new Float64Array(groups);
  const falsePositives = into?.falsePositives ?? new Float64Array(groups);
  const { order, groupStart } = sorted;
  let tp = 0;
  let fp = 0;
  // walk from the highest value down, accumulating the cases at or above each threshold
  for (let k = groups - 1; k >= 0; k--) {
    const end = groupStart[k + 1] as number;
    for (let p = groupStart[k] as number; p < end; p++) {
      const i = order[p] as number;
      const w = weights ? (weights[i] as number) : 1;
      if (labels[i] === 1) tp += w;
      else fp += w;
    }
    truePositives[k] = tp;
    falsePositives[k] = fp;
  }
  return { thresholds: sorted.values, truePositives, falsePositives, positives: tp, negatives: fp };
}

/** @param labels 1 for a positive case, 0 for a negative one */
export function rocCurve(scores: Float64Array, labels: Uint8Array): RocCurve {
  return weightedRocCurve(sortScores(scores), labels);
}

/** Index of the first distinct value ≥ t (values.length when none is). */
export function thresholdIndex(values: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) >= threshold) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** (Weighted) TP and FP when cases with score ≥ t are called positive. */
export function countsAt(curve: RocCurve, index: number): { tp: number; fp: number } {
  if (index >= curve.thresholds.length) return { tp: 0, fp: 0 };
  return { tp: curve.truePositives[index] as number, fp: curve.falsePositives[index] as number };
}

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

/** 2×2 counts at one threshold (score ≥ threshold is called positive). */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusionCounts(
  scores: Float64Array,
  labels: Uint8Array,
  threshold: number,
): ConfusionCounts {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const called = (scores[i] as number) >= threshold;
    if (labels[i] === 1) {
      if (called) tp++;
      else fn++;
    } else if (called) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}
