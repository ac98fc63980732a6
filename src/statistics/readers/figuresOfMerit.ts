/**
 * A reader's figures of merit in one modality, with what their covariance needs: the
 * empirical (trapezoidal) AUC of the ratings — the Mann–Whitney statistic, tied
 * positive/negative pairs counting ½ — with its DeLong placements, and the sensitivity and
 * specificity of the calls "rating ≥ positiveFrom"; for each, the estimate with one case left
 * out in turn (the case jackknife, Efron 1982), computed in closed form:
 *
 *   AUC without positive i = (m·AUC − V10ᵢ)/(m − 1), without negative j = (n·AUC − V01ⱼ)/(n − 1)
 *   (DeLong et al. 1988's placements V10, V01); a proportion x/k without case i = (x − cᵢ)/(k − 1).
 *
 * As MRMCaov's `jackknife()` (Smith, Hillis & Pesce), the AUC's jackknife leaves out every
 * case; sensitivity's only the positives and specificity's only the negatives (its
 * `binary_sens`/`binary_spec` are computed on those cases alone).
 */
import { delongPlacements, type DelongPlacements } from '../delong.js';

export interface FigureOfMerit {
  estimate: number;
  /** The estimate without each case of the jackknife sample, in the sample's case order. */
  leaveOneOut: Float64Array;
}

export interface AucFigure extends FigureOfMerit {
  placements: DelongPlacements;
}

/**
 * Empirical AUC of one reader's ratings, split by class (the same case order in every
 * reader and modality). `leaveOneOut` lists the m positives, then the n negatives.
 */
export function readerAuc(positiveRatings: Float64Array, negativeRatings: Float64Array): AucFigure {
  const placements = delongPlacements(positiveRatings, negativeRatings);
  const m = positiveRatings.length;
  const n = negativeRatings.length;
  const { auc } = placements;
  const leaveOneOut = new Float64Array(m + n);
  for (let i = 0; i < m; i++) leaveOneOut[i] = (m * auc - (placements.positives[i] as number)) / (m - 1);
  for (let j = 0; j < n; j++) leaveOneOut[m + j] = (n * auc - (placements.negatives[j] as number)) / (n - 1);
  return { estimate: auc, leaveOneOut, placements };
}

/**
 * The proportion of cases called as they should be (`ratings ≥ positiveFrom` for positives,
 * `<` for negatives): sensitivity from the positives' ratings, specificity from the negatives'.
 */
export function readerProportion(
  ratings: Float64Array,
  positiveFrom: number,
  counts: 'positive calls' | 'negative calls',
): FigureOfMerit {
  const k = ratings.length;
  const correct = new Uint8Array(k);
  let x = 0;
  for (let i = 0; i < k; i++) {
    const positiveCall = (ratings[i] as number) >= positiveFrom;
    correct[i] = (counts === 'positive calls') === positiveCall ? 1 : 0;
    x += correct[i] as number;
  }
  const leaveOneOut = new Float64Array(k);
  for (let i = 0; i < k; i++) leaveOneOut[i] = (x - (correct[i] as number)) / (k - 1);
  return { estimate: x / k, leaveOneOut };
}
