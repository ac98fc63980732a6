/**
 * Paired comparisons of two models on the same cases, as results: the AUC test and, at each
 * operating point (each model at its own threshold), the sensitivity (positives) and
 * specificity (negatives) tests with an interval for the paired difference. The statistics
 * are in src/statistics/paired/; this module names their methods. Every difference is
 * model a − model b.
 */
import type { DelongPlacements } from '../statistics/delong.js';
import { mcnemarTest, type McnemarVariant } from '../statistics/paired/mcnemar.js';
import { pairedAucDifference, unpairedAucDifference, type AucCovariance } from '../statistics/paired/auc.js';
import { clusteredPairedDifference } from '../statistics/paired/clusteredProportions.js';
import {
  newcombePairedInterval,
  tangoPairedInterval,
  type PairedTable,
} from '../statistics/paired/differenceIntervals.js';
import { described, withMethodName, type MethodId } from '../results/methods.js';
import type {
  ComparisonResult,
  Interval,
  OperatingPointResult,
  PairedProportionComparison,
} from '../results/results.js';
import { interval } from './intervals.js';

function intervalOrNull(
  bounds: { lower: number | null; upper: number | null },
  level: number,
  methodId: MethodId,
): Interval | null {
  return bounds.lower === null || bounds.upper === null
    ? null
    : interval({ lower: bounds.lower, upper: bounds.upper }, level, methodId);
}

/** Paired AUC test (pROC's `roc.test(method = "delong", paired = TRUE)`; Obuchowski's with its covariance). */
export function pairedAucComparison(
  a: DelongPlacements,
  b: DelongPlacements,
  level: number,
  covarianceOf?: AucCovariance,
  methodId: MethodId = 'delong-paired',
  variances?: { a: number; b: number },
): ComparisonResult['auc'] {
  const test = pairedAucDifference(a, b, level, covarianceOf, variances);
  return {
    difference: test.difference,
    ci: intervalOrNull(test, level, methodId),
    statistic: test.statistic,
    z: test.statistic,
    p: test.p,
    ...described(methodId),
    correlation: test.correlation,
  };
}

/** Unpaired DeLong test, for models scored on different case sets (Welch t). */
export function unpairedAucComparison(a: DelongPlacements, b: DelongPlacements, level: number) {
  const test = unpairedAucDifference(a, b, level);
  return {
    difference: test.difference,
    ci: intervalOrNull(test, level, 'delong-unpaired'),
    statistic: test.statistic,
    df: test.df,
    p: test.p,
    ...described('delong-unpaired'),
  };
}

export interface PairedSettings {
  level: number;
  mcnemar: McnemarVariant;
  pairedDifference: 'newcombe' | 'tango';
}

const PAIRED_INTERVALS = { newcombe: 'newcombe-paired', tango: 'tango-paired' } as const;

/** McNemar's test and the paired-difference interval of one class's paired table. */
export function pairedProportionComparison(
  table: PairedTable,
  settings: PairedSettings,
): PairedProportionComparison {
  const n = table.a + table.b + table.c + table.d;
  const test = withMethodName(mcnemarTest(table.b, table.c, settings.mcnemar));
  if (n === 0) {
    return { difference: null, ci: null, ...test, p: null, statistic: null, discordant: { b: 0, c: 0 }, n };
  }
  const bounds =
    settings.pairedDifference === 'tango'
      ? tangoPairedInterval(table, settings.level)
      : newcombePairedInterval(table, settings.level);
  return {
    difference: (table.b - table.c) / n,
    ci: interval(bounds, settings.level, PAIRED_INTERVALS[settings.pairedDifference]),
    ...test,
    discordant: { b: table.b, c: table.c },
    n,
  };
}

/** Difference of two (possibly undefined) estimates. */
export function estimateDifference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

export function falseCallChanges(a: OperatingPointResult, b: OperatingPointResult) {
  return {
    falsePositivesChange: a.counts.fp - b.counts.fp,
    falseNegativesChange: a.counts.fn - b.counts.fn,
  };
}

/**
 * Paired sensitivity or specificity comparison when cases are clustered: the difference of
 * correct calls with Obuchowski's (1998) cluster-adjusted variance, its Wald interval and
 * χ² test.
 */
export function clusteredPairedProportionComparison(
  options: Parameters<typeof clusteredPairedDifference>[0],
): PairedProportionComparison {
  const test = clusteredPairedDifference(options);
  return {
    difference: test.difference,
    ci: intervalOrNull(test, options.level, 'wald-cluster-adjusted'),
    statistic: test.statistic,
    ...(test.p === null ? {} : { df: 1 }),
    p: test.p,
    ...described('mcnemar-clustered'),
    discordant: test.discordant,
    n: test.n,
  };
}
