/**
 * DeLong's nonparametric variance and covariance of correlated AUCs
 * (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837–845), computed with the
 * O(n log n) midrank algorithm of Sun & Xu (2014, IEEE Signal Processing Letters 21:1389–1393).
 *
 * AUC counts tied positive/negative pairs as one half; the estimates equal pROC's
 * `auc()`, `var(method = "delong")` and `cov(method = "delong")`.
 */
import { sortScores, type RocCurve, type SortedScores } from './confusion.js';

/** Structural components ("placements") of one model's AUC. */
export interface DelongPlacements {
  auc: number;
  /** V10: for each positive, the fraction of negatives it outranks (ties ½). */
  positives: Float64Array;
  /** V01: for each negative, the fraction of positives that outrank it (ties ½). */
  negatives: Float64Array;
}

/**
 * Placements of one model, given its scores split by class.
 * @param positiveScores scores of the m positive cases
 * @param negativeScores scores of the n negative cases
 */
export function delongPlacements(
  positiveScores: Float64Array,
  negativeScores: Float64Array,
): DelongPlacements {
  const m = positiveScores.length;
  const combined = new Float64Array(m + negativeScores.length);
  combined.set(positiveScores, 0);
  combined.set(negativeScores, m);
  const labels = new Uint8Array(combined.length);
  labels.fill(1, 0, m);
  return delongPlacementsOfSorted(sortScores(combined), labels);
}

/**
 * Placements of one model from its cases sorted by score (`sortScores`, the one sort the model's
 * ROC curve is read from) and their labels: `positives` in the order of the positive cases,
 * `negatives` in that of the negative ones (as `splitByClass` gives them). One walk over the
 * groups of tied scores gives each case its placement: a positive in a group holding `tiedNegatives`
 * negatives above `negativesBefore` lower-scored ones outranks (negativesBefore + tiedNegatives/2)
 * negatives, and a negative is outranked by the positives above it plus half the tied ones —
 * Sun & Xu's midrank differences, (rank − rank among its class), written without the ranks.
 * Every count is a whole or half number, so each placement and the rank sum are exact whatever
 * the order of the additions. `curve`, the unweighted ROC curve of the same sort, spares the
 * walk counting each group's positives case by case.
 */
export function delongPlacementsOfSorted(
  sorted: SortedScores,
  labels: Uint8Array,
  curve?: Pick<RocCurve, 'truePositives'>,
): DelongPlacements {
  const { order, groupStart } = sorted;
  // the unweighted ROC curve of the same sort holds each group's positives already, as
  // differences of its true-positive counts (whole numbers: exact); without it they are counted
  const truePositives = curve?.truePositives;
  const total = order.length;
  let m = 0;
  for (let i = 0; i < total; i++) m += labels[i] as number;
  const n = total - m;
  // the placement of each case, by case index (one scattered write per case), then split by class
  const placement = new Float64Array(total);
  let positivesBefore = 0;
  let negativesBefore = 0;
  let rankSum = 0;
  for (let k = 0; k + 1 < groupStart.length; k++) {
    const start = groupStart[k] as number;
    const end = groupStart[k + 1] as number;
    let positivesHere = 0;
    if (truePositives) {
      positivesHere =
        (truePositives[k] as number) - (k + 2 < groupStart.length ? (truePositives[k + 1] as number) : 0);
    } else {
      for (let q = start; q < end; q++) positivesHere += labels[order[q] as number] as number;
    }
    const negativesHere = end - start - positivesHere;
    const positivePlacement = (negativesBefore + negativesHere / 2) / n;
    const negativePlacement = 1 - (positivesBefore + positivesHere / 2) / m;
    for (let q = start; q < end; q++) {
      const i = order[q] as number;
      placement[i] = labels[i] === 1 ? positivePlacement : negativePlacement;
    }
    // each positive's midrank among all cases, (start + end − 1)/2 + 1
    rankSum += positivesHere * ((start + end - 1) / 2 + 1);
    positivesBefore += positivesHere;
    negativesBefore += negativesHere;
  }
  const positives = new Float64Array(m);
  const negatives = new Float64Array(n);
  for (let i = 0, p = 0, q = 0; i < total; i++) {
    if (labels[i] === 1) positives[p++] = placement[i] as number;
    else negatives[q++] = placement[i] as number;
  }
  const auc = (rankSum - (m * (m + 1)) / 2) / (m * n);
  return { auc, positives, negatives };
}

function sampleCovariance(a: Float64Array, b: Float64Array): number {
  const k = a.length;
  if (k < 2) return Number.NaN;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < k; i++) {
    meanA += a[i] as number;
    meanB += b[i] as number;
  }
  meanA /= k;
  meanB /= k;
  let sum = 0;
  for (let i = 0; i < k; i++) sum += ((a[i] as number) - meanA) * ((b[i] as number) - meanB);
  return sum / (k - 1);
}

/**
 * DeLong covariance of two AUCs estimated on the same cases:
 * S = S10/m + S01/n, where S10 and S01 are the sample covariances of the placements.
 * With `a === b` this is the DeLong variance of one AUC.
 */
export function delongCovariance(a: DelongPlacements, b: DelongPlacements): number {
  const m = a.positives.length;
  const n = a.negatives.length;
  return sampleCovariance(a.positives, b.positives) / m + sampleCovariance(a.negatives, b.negatives) / n;
}

/** DeLong variance of one AUC. */
export function delongVariance(p: DelongPlacements): number {
  return delongCovariance(p, p);
}

/** The k×k DeLong covariance matrix of the AUCs of k models scored on the same cases. */
export function delongCovarianceMatrix(placements: readonly DelongPlacements[]): number[][] {
  return placements.map((a) => placements.map((b) => delongCovariance(a, b)));
}
