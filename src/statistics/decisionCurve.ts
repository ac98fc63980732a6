/**
 * Decision-curve analysis (Vickers & Elkin 2006, "Decision curve analysis: a novel method
 * for evaluating prediction models", Med Decis Making 26:565–574).
 *
 * At threshold probability t a case is treated when p ≥ t (the dxreport contract) and
 *   net benefit NB(t) = TP/n − FP/n · t/(1 − t),
 *   treat all: π − (1 − π) · t/(1 − t), treat none: 0, with π the prevalence;
 *   standardized net benefit sNB = NB / π (Kerr et al. 2016, "Assessing the clinical
 *   impact of risk prediction models with decision curves: guidance for correct
 *   interpretation and appropriate use", J Clin Oncol 34:2534–2540);
 *   net interventions avoided per 100 = (NB_model − NB_treat-all) / (t/(1 − t)) · 100
 *   (Vickers et al. 2008, BMC Med Inform Decis Mak 8:53).
 * At a target prevalence π (dcurves' `prevalence` argument, for case–control samples):
 *   NB = sensitivity·π − (1 − specificity)·(1 − π)·t/(1 − t), which equals the ordinary NB
 *   when π is the sample prevalence.
 * PPV and NPV at a prevalence π follow from sensitivity and specificity by Bayes' theorem.
 *
 * Case weights are bootstrap multiplicities (see caseWeights.ts): n = Σ weights, and TP, FP
 * are weighted counts, so integer weights equal duplicated rows.
 */
import { caseWeight, checkCaseWeights, checkLabelled } from './resampling/caseWeights.js';
import { countsAt, sortScores, thresholdIndex, weightedRocCurve, type RocCurve } from './confusion.js';

/** Net benefit at one threshold probability, with its standardised and per-100 forms. */
export interface DecisionCurvePoint {
  threshold: number;
  netBenefit: number;
  standardizedNetBenefit?: number | null;
  interventionsAvoidedPer100?: number | null;
}

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold < 1)) {
    throw new RangeError(`decision curve: threshold probability ${threshold} is outside [0, 1)`);
  }
}

/** The odds t/(1 − t) that weigh a false positive against a true positive. */
export function thresholdOdds(threshold: number): number {
  checkThreshold(threshold);
  return threshold / (1 - threshold);
}

/** Model net benefit TP/n − FP/n · t/(1 − t), treating cases with p ≥ t. */
export function netBenefit(
  p: Float64Array,
  y: Uint8Array,
  threshold: number,
  weights?: Float64Array,
): number {
  return (decisionCurve(p, y, [threshold], { weights })[0] as DecisionCurvePoint).netBenefit;
}

/** Net benefit of treating everyone: π − (1 − π)·t/(1 − t). */
export function treatAllNetBenefit(prevalence: number, threshold: number): number {
  return prevalence - (1 - prevalence) * thresholdOdds(threshold);
}

/** Standardized net benefit NB / π (Kerr et al. 2016); null when π = 0. */
export function standardizedNetBenefit(netBenefitValue: number, prevalence: number): number | null {
  return prevalence > 0 ? netBenefitValue / prevalence : null;
}

/** Net interventions avoided per 100 cases, (NB − NB_all)/(t/(1 − t))·100; null at t = 0. */
export function interventionsAvoidedPer100(
  modelNetBenefit: number,
  treatAllNetBenefitValue: number,
  threshold: number,
): number | null {
  const odds = thresholdOdds(threshold);
  return odds > 0 ? ((modelNetBenefit - treatAllNetBenefitValue) / odds) * 100 : null;
}

/** Net benefit from sensitivity and specificity at prevalence π: sens·π − (1 − spec)(1 − π)·t/(1 − t). */
export function netBenefitAtPrevalence(
  sensitivity: number,
  specificity: number,
  prevalence: number,
  threshold: number,
): number {
  return sensitivity * prevalence - (1 - specificity) * (1 - prevalence) * thresholdOdds(threshold);
}

/**
 * Net benefit of the model at a target prevalence π (dcurves' `prevalence`), with
 * sensitivity and specificity at p ≥ t estimated from the data.
 */
export function netBenefitAtTargetPrevalence(
  p: Float64Array,
  y: Uint8Array,
  threshold: number,
  prevalence: number,
  weights?: Float64Array,
): number {
  return (
    decisionCurve(p, y, [threshold], { weights, targetPrevalence: prevalence })[0] as DecisionCurvePoint
  ).netBenefit;
}

/** PPV at prevalence π by Bayes' theorem; null when nobody would test positive. */
export function ppvAtPrevalence(sensitivity: number, specificity: number, prevalence: number): number | null {
  const truePositive = sensitivity * prevalence;
  const positive = truePositive + (1 - specificity) * (1 - prevalence);
  return positive > 0 ? truePositive / positive : null;
}

/** NPV at prevalence π by Bayes' theorem; null when nobody would test negative. */
export function npvAtPrevalence(sensitivity: number, specificity: number, prevalence: number): number | null {
  const trueNegative = specificity * (1 - prevalence);
  const negative = trueNegative + (1 - sensitivity) * prevalence;
  return negative > 0 ? trueNegative / negative : null;
}

/** Number of decimals needed to write `value` exactly as given (0.25 → 2, 1e-7 → 7). */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * Thresholds from, from + by, …, up to `to` (inclusive when it falls on the grid), as exact
 * decimals: with d the decimals of `from` and `by`, each value is the integer
 * from·10ᵈ + k·by·10ᵈ divided by 10ᵈ, the double nearest the decimal (0.3, not
 * 0.30000000000000004).
 */
export function thresholdGrid(from: number, to: number, by: number): number[] {
  if (![from, to, by].every(Number.isFinite) || !(by > 0) || to < from) {
    throw new RangeError(`threshold grid: from ${from} to ${to} by ${by}`);
  }
  const decimals = Math.max(decimalsOf(from), decimalsOf(by));
  if (decimals > 15) throw new RangeError(`threshold grid: ${decimals} decimals are too many`);
  const scale = 10 ** decimals;
  const start = Math.round(from * scale);
  const step = Math.round(by * scale);
  // a tolerance of 1e-9 steps keeps `to` when it is meant to be on the grid
  const steps = Math.floor((to * scale - start) / step + 1e-9);
  return Array.from({ length: steps + 1 }, (_, k) => (start + k * step) / scale);
}

export interface DecisionCurveOptions {
  weights?: Float64Array;
  /**
   * Evaluate at this prevalence instead of the sample's (dcurves' `prevalence`):
   * NB = sens·π − (1 − spec)(1 − π)·t/(1 − t), and the treat-all comparison uses π too.
   */
  targetPrevalence?: number;
}

/**
 * The model's decision curve at each threshold: net benefit, standardized net benefit and
 * net interventions avoided per 100 (against treat-all at the same prevalence), from the
 * confusion kernel (confusion.ts): one sort, one pass, a binary search per threshold.
 */
export function decisionCurve(
  p: Float64Array,
  y: Uint8Array,
  thresholds: readonly number[],
  options: DecisionCurveOptions = {},
): DecisionCurvePoint[] {
  const { weights, targetPrevalence } = options;
  checkLabelled(p, y, 'decision curve');
  checkCaseWeights(weights, p.length);
  if (targetPrevalence !== undefined && !(targetPrevalence >= 0 && targetPrevalence <= 1)) {
    throw new RangeError(`decision curve: target prevalence ${targetPrevalence}`);
  }
  let n = 0;
  let positives = 0;
  for (let i = 0; i < p.length; i++) {
    const w = caseWeight(weights, i);
    if (Number.isNaN(p[i] as number)) throw new RangeError(`decision curve: score ${i} is NaN`);
    n += w;
    positives += w * (y[i] as number);
  }
  if (!(n > 0)) throw new RangeError('decision curve: no case has a positive weight');
  const negatives = n - positives;
  if (targetPrevalence !== undefined && !(positives > 0 && negatives > 0)) {
    throw new RangeError('decision curve: a target prevalence needs both positives and negatives');
  }
  const curve = weightedRocCurve(sortScores(p), y, weights);
  return decisionCurveFromCurve(curve, thresholds, { targetPrevalence });
}

/**
 * `decisionCurve` read off a confusion curve (confusion.ts) already at hand: at each
 * threshold t, TP and FP of the cases with p ≥ t.
 */
export function decisionCurveFromCurve(
  curve: RocCurve,
  thresholds: readonly number[],
  options: { targetPrevalence?: number | undefined } = {},
): DecisionCurvePoint[] {
  const { targetPrevalence } = options;
  const positives = curve.positives;
  const negatives = curve.negatives;
  const n = positives + negatives;
  const prevalence = targetPrevalence ?? positives / n;
  const points = new Array<DecisionCurvePoint>(thresholds.length);
  thresholds.forEach((t, k) => {
    const odds = thresholdOdds(t);
    const { tp: truePositives, fp: falsePositives } = countsAt(curve, thresholdIndex(curve.thresholds, t));
    let value: number;
    if (targetPrevalence === undefined) {
      value = (truePositives - falsePositives * odds) / n;
    } else {
      const sensitivity = truePositives / positives;
      const specificity = 1 - falsePositives / negatives;
      value = netBenefitAtPrevalence(sensitivity, specificity, prevalence, t);
    }
    const treatAll = treatAllNetBenefit(prevalence, t);
    points[k] = {
      threshold: t,
      netBenefit: value,
      standardizedNetBenefit: standardizedNetBenefit(value, prevalence),
      interventionsAvoidedPer100: interventionsAvoidedPer100(value, treatAll, t),
    };
  });
  return points;
}

/** Treat-all net benefit at each threshold (standardized too; interventions avoided are 0 by definition). */
export function treatAllCurve(prevalence: number, thresholds: readonly number[]): DecisionCurvePoint[] {
  return thresholds.map((threshold) => {
    const value = treatAllNetBenefit(prevalence, threshold);
    return {
      threshold,
      netBenefit: value,
      standardizedNetBenefit: standardizedNetBenefit(value, prevalence),
    };
  });
}
