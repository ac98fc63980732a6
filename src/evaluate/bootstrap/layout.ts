/**
 * Where each statistic of a model sits in a replicate's row of values: AUC, average
 * precision, maximum F1, each partial AUC, each operating point's measures, each decision
 * threshold's net benefit.
 */

/**
 * The operating-point measures each replicate yields, in a fixed layout: those given a
 * bootstrap interval (the likelihood ratios have their log-method intervals instead).
 */
export const OPERATING_POINT_MEASURES = [
  'sensitivity',
  'specificity',
  'ppv',
  'npv',
  'accuracy',
  'f1',
  'youdenJ',
] as const;

export type OperatingPointMeasure = (typeof OPERATING_POINT_MEASURES)[number];

export interface ModelLayout {
  auc: number;
  averagePrecision: number;
  maximumF1: number;
  partialAuc: { raw: number; mcclish: number }[];
  operatingPoints: Record<OperatingPointMeasure, number>[];
  netBenefit: number[];
  width: number;
}

export function modelLayout(
  operatingPoints: number,
  partialAucs: number,
  decisionThresholds: number,
): ModelLayout {
  let next = 0;
  const take = () => next++;
  const auc = take();
  const averagePrecision = take();
  const maximumF1 = take();
  const partial = Array.from({ length: partialAucs }, () => ({ raw: take(), mcclish: take() }));
  const points = Array.from({ length: operatingPoints }, () => {
    const entry = {} as Record<OperatingPointMeasure, number>;
    for (const measure of OPERATING_POINT_MEASURES) entry[measure] = take();
    return entry;
  });
  const netBenefit = Array.from({ length: decisionThresholds }, () => take());
  return {
    auc,
    averagePrecision,
    maximumF1,
    partialAuc: partial,
    operatingPoints: points,
    netBenefit,
    width: next,
  };
}
