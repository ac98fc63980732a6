/**
 * Operating points: the threshold each rule picks (on this data or on a validation set),
 * the 2×2 table at it, and every per-model accuracy measure with its interval.
 */
import { youdenIndex } from '../statistics/youden.js';
import { negativeLikelihoodRatio, positiveLikelihoodRatio } from '../statistics/likelihoodRatios.js';
import { proportionInterval, type ProportionMethod } from '../statistics/proportionIntervals.js';
import { confusionAt, type RocCurve } from '../statistics/rocCurve.js';
import {
  thresholdForMinimumSensitivity,
  thresholdForMinimumSpecificity,
  thresholdForYouden,
} from '../statistics/thresholdSelection.js';
import type { OperatingPointSpec } from '../load/studySchema.js';
import { interval } from './intervals.js';
import type {
  Counts,
  Estimate,
  OperatingPointResult,
  Proportion,
  ThresholdRule,
} from '../results/results.js';
import { operatingPointWarnings, type WarningLog } from './warnings.js';

export function thresholdRule(spec: OperatingPointSpec): ThresholdRule {
  if (spec.minSensitivity !== undefined) return { kind: 'minSensitivity', value: spec.minSensitivity };
  if (spec.minSpecificity !== undefined) return { kind: 'minSpecificity', value: spec.minSpecificity };
  if (spec.youden) return { kind: 'youden' };
  return { kind: 'threshold', value: spec.threshold as number };
}

export function describeRule(rule: ThresholdRule): string {
  switch (rule.kind) {
    case 'minSensitivity':
      return `Sensitivity ≥ ${rule.value}`;
    case 'minSpecificity':
      return `Specificity ≥ ${rule.value}`;
    case 'youden':
      return 'Youden-optimal';
    case 'threshold':
      return `Threshold ${rule.value}`;
  }
}

/** The threshold a rule picks on `curve`; +Infinity means "call nobody positive". */
export function chooseThreshold(rule: ThresholdRule, curve: RocCurve): number {
  switch (rule.kind) {
    case 'minSensitivity':
      return thresholdForMinimumSensitivity(curve, rule.value);
    case 'minSpecificity':
      return thresholdForMinimumSpecificity(curve, rule.value);
    case 'youden':
      return thresholdForYouden(curve);
    case 'threshold':
      return rule.value;
  }
}

export interface ProportionSettings {
  level: number;
  method: ProportionMethod;
}

export function proportion(x: number, n: number, settings: ProportionSettings): Proportion {
  if (n === 0) {
    return { estimate: null, ci: null, numerator: x, denominator: n };
  }
  const bounds = proportionInterval(settings.method, x, n, settings.level);
  return {
    estimate: x / n,
    ci: interval(bounds, settings.level, settings.method),
    numerator: x,
    denominator: n,
  };
}

/** Youden's J with its Wald interval (statistics/youden.ts), as a result. */
export function youdenEstimate(counts: Counts, level: number): Estimate {
  const { estimate, se, lower, upper } = youdenIndex(counts, level);
  return { estimate, se, ci: interval({ lower, upper }, level, 'wald-binomial') };
}

export interface OperatingPointInput {
  spec: OperatingPointSpec;
  /** The threshold applied; +Infinity when no score value satisfies the rule. */
  threshold: number;
  thresholdSource: OperatingPointResult['thresholdSource'];
  /** The model's confusion curve (statistics/confusion.ts). */
  curve: RocCurve;
  settings: ProportionSettings;
  warnings: WarningLog;
  /** The operating point's results.json key path, for warnings. */
  path: string;
}

/** One model's accuracy at one operating point, with the warnings it calls for. */
export function operatingPointMeasures(input: OperatingPointInput): OperatingPointResult {
  const { spec, threshold, thresholdSource, curve, settings, warnings, path } = input;
  const rule = thresholdRule(spec);
  const counts = confusionAt(curve, threshold);
  const { tp, fp, tn, fn } = counts;
  operatingPointWarnings(warnings, {
    path,
    counts,
    unattainable: threshold === Number.POSITIVE_INFINITY,
    ruleText: describeRule(rule),
  });
  const f1Denominator = 2 * tp + fp + fn;
  const lrLevel = settings.level;
  const lrPlus = positiveLikelihoodRatio(tp, fp, tn, fn, lrLevel);
  const lrMinus = negativeLikelihoodRatio(tp, fp, tn, fn, lrLevel);
  const lrMethod = 'log-method';
  return {
    id: spec.id,
    label: spec.label ?? describeRule(rule),
    rule,
    threshold: Number.isFinite(threshold) ? threshold : null,
    thresholdSource,
    counts,
    sensitivity: proportion(tp, tp + fn, settings),
    specificity: proportion(tn, tn + fp, settings),
    ppv: proportion(tp, tp + fp, settings),
    npv: proportion(tn, tn + fn, settings),
    accuracy: proportion(tp + tn, tp + fp + tn + fn, settings),
    f1: { estimate: f1Denominator === 0 ? null : (2 * tp) / f1Denominator },
    youdenJ: youdenEstimate(counts, settings.level),
    positiveLikelihoodRatio: {
      estimate: lrPlus.estimate,
      ci: lrPlus.ci ? interval(lrPlus.ci, lrLevel, lrMethod) : null,
    },
    negativeLikelihoodRatio: {
      estimate: lrMinus.estimate,
      ci: lrMinus.ci ? interval(lrMinus.ci, lrLevel, lrMethod) : null,
    },
  };
}
