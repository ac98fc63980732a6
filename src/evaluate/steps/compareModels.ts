/**
 * Step 4: the comparisons, before any bootstrap. Each pair of models on the same cases: the
 * paired AUC test, and at each operating point (each model at its own threshold) the paired
 * sensitivity and specificity tests, the predictive values' score test and the change in
 * false calls; average precision gets its difference (the bootstrap gives its test).
 */
import {
  predictiveValueScoreTest,
  type PairedCallsTable,
} from '../../statistics/paired/predictiveValueScoreTest.js';
import { pairedCallsTable, pairedTableFromCalls } from '../../statistics/paired/tables.js';
import { described, withMethodName } from '../../results/methods.js';
import type {
  ComparisonResult,
  OperatingPointComparison,
  OperatingPointResult,
} from '../../results/results.js';
import {
  clusteredPairedProportionComparison,
  estimateDifference,
  falseCallChanges,
  pairedAucComparison,
  pairedProportionComparison,
} from '../comparisons.js';
import type { EvaluationContext } from '../context.js';
import { comparisonWarnings, type WarningLog } from '../warnings.js';
import type { ModelWork } from './evaluateModel.js';

/** The deterministic score test of equal predictive values (Kosinski 2013): the test unless a bootstrap runs. */
function predictiveValueDifference(
  a: number | null,
  b: number | null,
  calls: PairedCallsTable,
  which: 'ppv' | 'npv',
): OperatingPointComparison['ppv'] {
  const { difference: _sameDifference, ...test } = predictiveValueScoreTest(calls, which);
  const scoreTest = withMethodName(test);
  return {
    difference: estimateDifference(a, b),
    statistic: scoreTest.statistic,
    df: scoreTest.df,
    p: scoreTest.p,
    method: scoreTest.method,
    methodId: scoreTest.methodId,
    scoreTest,
  };
}

function pairedAccuracy(
  context: EvaluationContext,
  calls: { scoresA: Float64Array; scoresB: Float64Array; thresholdA: number; thresholdB: number },
  callsTable: PairedCallsTable,
  positiveClass: boolean,
) {
  const { labels, level } = context;
  const clusters = context.data.clusters;
  return clusters
    ? clusteredPairedProportionComparison({ ...calls, labels, clusters, positiveClass, level })
    : pairedProportionComparison(pairedTableFromCalls(callsTable, positiveClass), context.paired);
}

function compareAtOperatingPoints(
  context: EvaluationContext,
  a: ModelWork,
  b: ModelWork,
): OperatingPointComparison[] {
  return context.settings.operatingPoints.map((spec, j) => {
    const pointA = a.result.operatingPoints[j] as OperatingPointResult;
    const pointB = b.result.operatingPoints[j] as OperatingPointResult;
    const calls = {
      scoresA: a.scores,
      scoresB: b.scores,
      thresholdA: a.thresholds[j] as number,
      thresholdB: b.thresholds[j] as number,
    };
    const callsTable = pairedCallsTable({ ...calls, labels: context.labels });
    return {
      id: spec.id,
      thresholds: [pointA.threshold, pointB.threshold],
      sensitivity: pairedAccuracy(context, calls, callsTable, true),
      specificity: pairedAccuracy(context, calls, callsTable, false),
      ppv: predictiveValueDifference(pointA.ppv.estimate, pointB.ppv.estimate, callsTable, 'ppv'),
      npv: predictiveValueDifference(pointA.npv.estimate, pointB.npv.estimate, callsTable, 'npv'),
      ...falseCallChanges(pointA, pointB),
    };
  });
}

export function comparePair(context: EvaluationContext, a: ModelWork, b: ModelWork): ComparisonResult {
  // each model's AUC variance, computed with the same covariance for its interval (a variance
  // that was not finite is recorded as null: then computed again, to the same value)
  const varianceA = a.result.auc.variance;
  const varianceB = b.result.auc.variance;
  return {
    models: [a.result.id, b.result.id],
    auc: pairedAucComparison(
      a.placements,
      b.placements,
      context.level,
      context.varianceMethod.covariance,
      context.varianceMethod.methods.paired,
      varianceA !== null && varianceB !== null ? { a: varianceA, b: varianceB } : undefined,
    ),
    operatingPoints: compareAtOperatingPoints(context, a, b),
    averagePrecision: {
      difference: estimateDifference(
        a.result.averagePrecision?.estimate ?? null,
        b.result.averagePrecision?.estimate ?? null,
      ),
      statistic: null,
      p: null,
      ...described('difference-only'),
    },
  };
}

export function compareModels(
  context: EvaluationContext,
  models: readonly ModelWork[],
  warnings: WarningLog,
): ComparisonResult[] {
  const comparisons = context.pairs.map(([a, b]) =>
    comparePair(context, models[a] as ModelWork, models[b] as ModelWork),
  );
  comparisons.forEach((comparison, c) => {
    const [a, b] = context.pairs[c] as [number, number];
    const scoresA = context.data.scores[a] as Float64Array;
    const scoresB = context.data.scores[b] as Float64Array;
    comparisonWarnings(warnings, {
      names: `${context.study.models[a]?.name} vs ${context.study.models[b]?.name}`,
      path: `comparisons[${c}]`,
      identical: scoresA.every((v, i) => v === scoresB[i]),
      auc: comparison.auc,
      operatingPoints: comparison.operatingPoints,
    });
  });
  return comparisons;
}
