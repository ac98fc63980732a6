/**
 * What every step of the evaluation pipeline reads: the study's settings resolved once, the
 * cases in canonical order and what is derived from them before any model is evaluated
 * (curves, thresholds, pairs to compare). Built by steps/resolveSettings.ts, never changed.
 */
import type { CaseData, Study } from '../load/loadStudy.js';
import type { RocCurve, SortedScores } from '../statistics/rocCurve.js';
import type { ThresholdRule } from '../results/results.js';
import type { PairedSettings } from './comparisons.js';
import type { AucVarianceMethod } from './discrimination.js';
import type { ProportionSettings } from './operatingPoints.js';

export interface EvaluationContext {
  readonly study: Study;
  readonly settings: Study['settings'];
  /** The cases in canonical order (canonicalOrder.ts). */
  readonly data: CaseData;
  readonly labels: Uint8Array;
  readonly sample: { n: number; positives: number; negatives: number; prevalence: number };
  readonly level: number;
  readonly proportion: ProportionSettings;
  readonly paired: PairedSettings;
  /** DeLong's, or Obuchowski's when the cases are clustered. */
  readonly varianceMethod: AucVarianceMethod;
  readonly rules: readonly ThresholdRule[];
  /** Decision-curve threshold probabilities. */
  readonly grid: readonly number[];
  /** Model indices of each comparison [a, b]. */
  readonly pairs: readonly [number, number][];
  /**
   * Each model's cases sorted by score: the one sort per model that its ROC curve, DeLong
   * placements, calibration groups and smoother read.
   */
  readonly sorted: readonly SortedScores[];
  /** Each model's ROC curve on the analysed cases. */
  readonly curves: readonly RocCurve[];
  /** Threshold of each model (outer) at each operating point (inner). */
  readonly thresholds: readonly (readonly number[])[];
  /** Whether data-driven thresholds come from a validation set. */
  readonly fromValidation: boolean;
}
