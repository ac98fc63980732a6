/**
 * Comparing the AUCs of two models.
 *
 * - Paired (the same cases): DeLong, DeLong & Clarke-Pearson (1988, Biometrics 44:837–845),
 *   as pROC's `roc.test(method = "delong", paired = TRUE)`: z = Δ / √(V_a + V_b − 2·C_ab),
 *   with the covariance of the two AUCs by DeLong's method or, for clustered cases,
 *   Obuchowski's (1997) (pass its covariance).
 * - Unpaired (different case sets): pROC's `roc.test(paired = FALSE, method = "delong")`:
 *   D = Δ/√(S_a + S_b) referred to Student's t with Welch–Satterthwaite degrees of freedom
 *   (S_a + S_b)² / (S_a²/(n_a − 1) + S_b²/(n_b − 1)), n the total cases of each curve.
 *
 * @example
 * // identical rankings: no evidence of a difference
 * pairedAucDifference(placements, placements, 0.95).p; // 1
 */
import { delongCovariance, delongVariance, type DelongPlacements } from '../delong.js';
import { twoSidedNormalP, twoSidedStudentP, zForLevel } from '../distributions.js';

/** Covariance of two AUCs on the same cases. */
export type AucCovariance = (a: DelongPlacements, b: DelongPlacements) => number;

export interface AucDifferenceTest {
  /** AUC a − AUC b. */
  difference: number;
  /** Wald interval of the difference; null when the test is undefined. */
  lower: number | null;
  upper: number | null;
  /** z (paired) or t (unpaired); null when undefined. */
  statistic: number | null;
  p: number | null;
  /** Correlation of the two AUCs (paired only); null when a variance is 0. */
  correlation: number | null;
}

/**
 * Paired test of two AUCs on the same cases (DeLong 1988; Obuchowski 1997 with its covariance).
 * `variances`, when the caller has them (each model's AUC interval computed them), are
 * covarianceOf(a, a) and covarianceOf(b, b): at 10⁶ cases each is two passes over the cases.
 */
export function pairedAucDifference(
  a: DelongPlacements,
  b: DelongPlacements,
  level: number,
  covarianceOf: AucCovariance = delongCovariance,
  variances?: { a: number; b: number },
): AucDifferenceTest {
  const varianceA = variances ? variances.a : covarianceOf(a, a);
  const varianceB = variances ? variances.b : covarianceOf(b, b);
  const covariance = covarianceOf(a, b);
  const difference = a.auc - b.auc;
  const varianceOfDifference = varianceA + varianceB - 2 * covariance;
  const correlation = varianceA > 0 && varianceB > 0 ? covariance / Math.sqrt(varianceA * varianceB) : null;
  if (!Number.isFinite(varianceOfDifference) || Math.abs(varianceOfDifference) < 1e-15) {
    // identical rankings: no evidence of a difference; otherwise (a class of one case, both
    // curves perfect, one constant score) the test is undefined, and evaluate says so
    const identical = difference === 0 && Number.isFinite(varianceOfDifference);
    return {
      difference,
      lower: identical ? 0 : null,
      upper: identical ? 0 : null,
      statistic: identical ? 0 : null,
      p: identical ? 1 : null,
      correlation,
    };
  }
  const se = Math.sqrt(varianceOfDifference);
  const z = difference / se;
  const half = zForLevel(level) * se;
  return {
    difference,
    lower: difference - half,
    upper: difference + half,
    statistic: z,
    p: twoSidedNormalP(z),
    correlation,
  };
}

/** Unpaired DeLong test of two AUCs on different case sets (Welch t), with its degrees of freedom. */
export function unpairedAucDifference(
  a: DelongPlacements,
  b: DelongPlacements,
  level: number,
): AucDifferenceTest & { df: number } {
  const difference = a.auc - b.auc;
  const varianceA = delongVariance(a);
  const varianceB = delongVariance(b);
  const se = Math.sqrt(varianceA + varianceB);
  const casesA = a.positives.length + a.negatives.length;
  const casesB = b.positives.length + b.negatives.length;
  const df = (varianceA + varianceB) ** 2 / (varianceA ** 2 / (casesA - 1) + varianceB ** 2 / (casesB - 1));
  const statistic = se > 0 ? difference / se : 0;
  const half = zForLevel(level) * se;
  return {
    difference,
    lower: difference - half,
    upper: difference + half,
    statistic,
    df,
    p: se > 0 ? twoSidedStudentP(statistic, df) : 1,
    correlation: null,
  };
}
