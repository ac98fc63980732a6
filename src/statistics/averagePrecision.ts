/**
 * Precision–recall curve, average precision and the maximum F1 score.
 *
 * A case is called positive when `score >= threshold` (the dxreport contract). At each
 * distinct score value t, taken from the highest down, TP(t) and FP(t) are the (weighted)
 * numbers of positives and negatives with score ≥ t, precision = TP / (TP + FP) and
 * recall = TP / P.
 *
 * Average precision is scikit-learn's `average_precision_score` (Pedregosa et al. 2011,
 * JMLR 12:2825–2830; sklearn.metrics, step-wise definition of Zhu 2004): AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ
 * over distinct thresholds with R₀ = 0 — no interpolation, no trapezoids.
 *
 * Case weights are bootstrap multiplicities (see caseWeights.ts): cases of weight 0 are
 * left out before the distinct thresholds are formed, so integer weights give exactly the
 * curve of the data with rows duplicated.
 */
import { averagePrecisionFromCurve, sortScores, weightedRocCurve, type RocCurve } from './rocCurve.js';
import { checkCaseWeights, checkLabelled } from './resampling/caseWeights.js';

export interface PrecisionRecallPoint {
  threshold: number;
  recall: number;
  precision: number;
}

interface DescendingCounts {
  /** How many distinct thresholds carry weight (the arrays' used length). */
  length: number;
  thresholds: Float64Array;
  truePositives: Float64Array;
  falsePositives: Float64Array;
  positives: number;
}

/**
 * The (weighted) ROC counts from the highest threshold down, leaving out score values that
 * carry no weight (so that weights behave exactly like duplicated rows).
 */
function checkedCurve(scores: Float64Array, labels: Uint8Array, weights?: Float64Array): RocCurve {
  checkLabelled(scores, labels, 'precision–recall');
  checkCaseWeights(weights, scores.length);
  for (const v of scores) if (Number.isNaN(v)) throw new RangeError('precision–recall: a score is NaN');
  return weightedRocCurve(sortScores(scores), labels, weights);
}

function descendingCounts(curve: RocCurve): DescendingCounts {
  const groups = curve.thresholds.length;
  const counts: DescendingCounts = {
    length: 0,
    thresholds: new Float64Array(groups),
    truePositives: new Float64Array(groups),
    falsePositives: new Float64Array(groups),
    positives: curve.positives,
  };
  let length = 0;
  for (let k = groups - 1; k >= 0; k--) {
    const tp = curve.truePositives[k] as number;
    const fp = curve.falsePositives[k] as number;
    const above = k + 1 < groups;
    const weightHere =
      tp +
      fp -
      (above ? (curve.truePositives[k + 1] as number) + (curve.falsePositives[k + 1] as number) : 0);
    if (weightHere === 0) continue;
    counts.thresholds[length] = curve.thresholds[k] as number;
    counts.truePositives[length] = tp;
    counts.falsePositives[length] = fp;
    length++;
  }
  counts.length = length;
  return counts;
}

/**
 * Precision and recall at every distinct score value (descending thresholds). Empty when
 * there are no positives (recall is then undefined). The conventional end point
 * (recall 0, precision 1) has no threshold and is not included.
 */
export function precisionRecallCurve(
  scores: Float64Array,
  labels: Uint8Array,
  weights?: Float64Array,
): PrecisionRecallPoint[] {
  return precisionRecallFromCurve(checkedCurve(scores, labels, weights));
}

/** `precisionRecallCurve` read off a confusion curve (confusion.ts) already at hand. */
export function precisionRecallFromCurve(curve: RocCurve): PrecisionRecallPoint[] {
  const counts = descendingCounts(curve);
  if (counts.positives === 0) return [];
  return Array.from({ length: counts.length }, (_, k) => {
    const tp = counts.truePositives[k] as number;
    const fp = counts.falsePositives[k] as number;
    return {
      threshold: counts.thresholds[k] as number,
      recall: tp / counts.positives,
      precision: tp / (tp + fp),
    };
  });
}

/**
 * Average precision Σₖ (Rₖ − Rₖ₋₁)·Pₖ (scikit-learn's `average_precision_score`);
 * null when there are no positives.
 */
export function averagePrecision(
  scores: Float64Array,
  labels: Uint8Array,
  weights?: Float64Array,
): number | null {
  checkLabelled(scores, labels, 'precision–recall');
  checkCaseWeights(weights, scores.length);
  const curve = weightedRocCurve(sortScores(scores), labels, weights);
  return curve.positives === 0 ? null : averagePrecisionFromCurve(curve);
}
export interface MaximumF1 {
  f1: number;
  /** The threshold attaining it (score ≥ threshold is positive); the highest one on ties. */
  threshold: number;
  precision: number;
  recall: number;
}

/**
 * The largest F1 = 2·precision·recall / (precision + recall) = 2·TP / (TP + FP + P) over
 * distinct score thresholds. Candidates are compared exactly by cross-multiplication, so
 * mathematically tied F1 values are recognised as ties and the highest threshold wins.
 * Null when there are no positives.
 */
export function maximumF1(
  scores: Float64Array,
  labels: Uint8Array,
  weights?: Float64Array,
): MaximumF1 | null {
  return maximumF1FromCurve(checkedCurve(scores, labels, weights));
}

/** `maximumF1` read off a confusion curve (confusion.ts) already at hand. */
export function maximumF1FromCurve(curve: RocCurve): MaximumF1 | null {
  const counts = descendingCounts(curve);
  const positives = counts.positives;
  if (positives === 0) return null;
  let best = -1;
  for (let k = 0; k < counts.length; k++) {
    if (best < 0) {
      best = k;
      continue;
    }
    const tp = counts.truePositives[k] as number;
    const denominator = tp + (counts.falsePositives[k] as number) + positives;
    const bestTp = counts.truePositives[best] as number;
    const bestDenominator = bestTp + (counts.falsePositives[best] as number) + positives;
    // tp / denominator > bestTp / bestDenominator, without rounding of the two quotients
    if (tp * bestDenominator > bestTp * denominator) best = k;
  }
  const tp = counts.truePositives[best] as number;
  const fp = counts.falsePositives[best] as number;
  return {
    f1: (2 * tp) / (tp + fp + positives),
    threshold: counts.thresholds[best] as number,
    precision: tp / (tp + fp),
    recall: tp / positives,
  };
}
