/**
 * The confusion-at-thresholds kernel, as scikit-learn's `_binary_clf_curve` (which feeds its
 * ROC, precision–recall and DET curves): each model's scores are sorted once (`sortScores`, a
 * typed index sort), and one pass from the highest distinct value down accumulates the
 * (weighted) true and false positives at every distinct threshold. A case is called positive
 * when `score >= threshold` (the dxreport contract), so at threshold t:
 * TP(t) = Σ weights of positives with score ≥ t, FP(t) = Σ weights of negatives with score ≥ t.
 * ROC and precision–recall curves, AUC and average precision, decision curves, operating
 * points and the bootstrap's replicates all read their counts from it.
 *
 * Each weighted curve is a single O(n) pass over the sorted cases (no re-sort, no per-case
 * object), which is what makes thousands of bootstrap replicates cheap.
 *
 * @example
 * const curve = weightedRocCurve(sortScores(Float64Array.of(0.1, 0.4, 0.35, 0.8)), Uint8Array.of(0, 0, 1, 1));
 * curve.thresholds; // [0.1, 0.35, 0.4, 0.8]
 * curve.truePositives; // [2, 2, 1, 1]
 * confusionAt(curve, 0.4); // { tp: 1, fp: 1, tn: 1, fn: 1 }
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
  return groupSorted(scores, ascendingOrder(scores));
}

/**
 * `sortScores` given the order already (the stable ascending order of `scores`, e.g. merged
 * from runs sorted by the canonical order): the distinct values and where each begins.
 */
export function groupSorted(scores: Float64Array, order: Uint32Array): SortedScores {
  const n = order.length;
  let groups = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || scores[order[i] as number] !== scores[order[i - 1] as number]) groups++;
  }
  const values = new Float64Array(groups);
  const groupStart = new Uint32Array(groups + 1);
  for (let i = 0, k = -1; i < n; i++) {
    const v = scores[order[i] as number] as number;
    if (k < 0 || v !== values[k]) {
      k++;
      values[k] = v;
      groupStart[k] = i;
    }
  }
  groupStart[groups] = n;
  return { order, values, groupStart };
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

/** 2×2 counts at one threshold (score ≥ threshold is called positive). */
export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The 2×2 counts when cases with score ≥ `threshold` are called positive, read off the curve. */
export function confusionAt(curve: RocCurve, threshold: number): ConfusionCounts {
  const { tp, fp } = countsAt(curve, thresholdIndex(curve.thresholds, threshold));
  return { tp, fp, tn: curve.negatives - fp, fn: curve.positives - tp };
}

/** The 2×2 counts of `scores` at one threshold (one sort and pass; with a curve at hand, `confusionAt`). */
export function confusionCounts(
  scores: Float64Array,
  labels: Uint8Array,
  threshold: number,
): ConfusionCounts {
  return confusionAt(rocCurve(scores, labels), threshold);
}
