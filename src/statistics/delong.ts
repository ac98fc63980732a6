/**
 * DeLong's nonparametric variance and covariance of correlated AUCs
 * (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837–845), computed with the
 * O(n log n) midrank algorithm of Sun & Xu (2014, IEEE Signal Processing Letters 21:1389–1393).
 *
 * AUC counts tied positive/negative pairs as one half; the estimates equal pROC's
 * `auc()`, `var(method = "delong")` and `cov(method = "delong")`.
 */
import { midranks } from './ranks.js';

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
  const n = negativeScores.length;
  const combined = new Float64Array(m + n);
  combined.set(positiveScores, 0);
  combined.set(negativeScores, m);
  const combinedRanks = midranks(combined);
  const positiveRanks = midranks(positiveScores);
  const negativeRanks = midranks(negativeScores);
  const positives = new Float64Array(m);
  const negatives = new Float64Array(n);
  let rankSum = 0;
  for (let i = 0; i < m; i++) {
    const rz = combinedRanks[i] as number;
    rankSum += rz;
    positives[i] = (rz - (positiveRanks[i] as number)) / n;
  }
  for (let j = 0; j < n; j++) {
    negatives[j] = 1 - ((combinedRanks[m + j] as number) - (negativeRanks[j] as number)) / m;
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
