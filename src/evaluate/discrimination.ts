/**
 * Discrimination of one model: AUC with its DeLong standard error and interval, partial
 * AUCs and the ROC curve.
 */
import { delongCovariance, delongPlacements, type DelongPlacements } from '../statistics/delong.js';
import { partialAuc } from '../statistics/partialAuc.js';
import type { AucCovariance } from '../statistics/paired/auc.js';
import type { RocCurve } from '../statistics/rocCurve.js';
import { logitInterval, waldInterval } from './intervals.js';
import type { MethodId } from '../results/methods.js';
import type { ModelResult, PartialAucResult, RocPoint } from '../results/results.js';
import type { ScoresByClass } from './casesByClass.js';

export interface AucSettings {
  level: number;
  method: 'delong' | 'delong-logit';
}

/** Covariance of two AUCs on the same cases: DeLong's, or Obuchowski's for clustered cases. */
export type { AucCovariance };

export interface AucVarianceMethod {
  covariance: AucCovariance;
  /** The methods of the AUC's normal and logit intervals and of the paired test. */
  methods: { wald: MethodId; logit: MethodId; paired: MethodId };
}

export const DELONG: AucVarianceMethod = {
  covariance: delongCovariance,
  methods: { wald: 'delong-wald', logit: 'delong-logit', paired: 'delong-paired' },
};

/**
 * The AUC with its standard error and intervals, from the model's scores split by class or
 * from its DeLong placements already computed (e.g. from the model's one sort).
 */
export function aucResult(
  cases: ScoresByClass | { placements: DelongPlacements },
  settings: AucSettings,
  varianceMethod: AucVarianceMethod = DELONG,
): {
  auc: ModelResult['auc'];
  placements: DelongPlacements;
} {
  const placements =
    'placements' in cases ? cases.placements : delongPlacements(cases.positives, cases.negatives);
  const variance = varianceMethod.covariance(placements, placements);
  const se = Number.isFinite(variance) ? Math.sqrt(Math.max(0, variance)) : null;
  const estimate = placements.auc;
  const normal =
    se === null ? null : waldInterval(estimate, se, settings.level, varianceMethod.methods.wald, [0, 1]);
  const logit =
    se === null ? null : logitInterval(estimate, se, settings.level, varianceMethod.methods.logit);
  return {
    auc: {
      estimate,
      se,
      variance: Number.isFinite(variance) ? variance : null,
      ci: settings.method === 'delong-logit' ? (logit ?? normal) : normal,
      logitCi: logit,
    },
    placements,
  };
}

export function partialAucResults(
  curve: RocCurve,
  ranges: readonly { focus: 'specificity' | 'sensitivity'; from: number; to: number }[],
): PartialAucResult[] {
  return ranges.map((range) => {
    const value = partialAuc(curve, range.focus, [range.from, range.to]);
    return { focus: range.focus, range: [range.from, range.to], estimate: value.raw, mcclish: value.mcclish };
  });
}

export function rocPoints(curve: RocCurve): RocPoint[] {
  const points: RocPoint[] = [];
  for (let k = 0; k < curve.thresholds.length; k++) {
    points.push({
      threshold: curve.thresholds[k] as number,
      sensitivity: (curve.truePositives[k] as number) / curve.positives,
      specificity: 1 - (curve.falsePositives[k] as number) / curve.negatives,
    });
  }
  return points;
}
