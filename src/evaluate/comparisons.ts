/**
 * Paired comparisons of two models on the same cases: the DeLong test of their AUCs and,
 * at each operating point (each model at its own threshold), McNemar tests of sensitivity
 * (on the positives) and specificity (on the negatives) with an interval for the paired
 * difference. Every difference is model a − model b.
 */
import { delongCovariance, delongVariance, type DelongPlacements } from '../statistics/delong.js';
import { twoSidedNormalP, twoSidedStudentP, zForLevel } from '../statistics/distributions.js';
import { mcnemarTest, type McnemarVariant } from '../statistics/mcnemar.js';
import { clusteredPairedProportionTest } from '../statistics/clusteredProportions.js';
import {
  newcombePairedInterval,
  tangoPairedInterval,
  type PairedTable,
} from '../statistics/pairedDifferenceIntervals.js';
import type { PairedCallsTable } from '../statistics/predictiveValueScoreTest.js';
import { described, withMethodName, type MethodId } from '../results/methods.js';
import type {
  ComparisonResult,
  OperatingPointResult,
  PairedProportionComparison,
} from '../results/results.js';
import { interval } from './intervals.js';

/** Paired DeLong test (pROC's `roc.test(method = "delong", paired = TRUE)`). */
export function pairedAucComparison(
  a: DelongPlacements,
  b: DelongPlacements,
  level: number,
  covarianceOf: (a: DelongPlacements, b: DelongPlacements) => number = delongCovariance,
  methodId: MethodId = 'delong-paired',
): ComparisonResult['auc'] {
  const method = described(methodId);
  const varianceA = covarianceOf(a, a);
  const varianceB = covarianceOf(b, b);
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
      ci: identical ? interval({ lower: 0, upper: 0 }, level, methodId) : null,
      statistic: identical ? 0 : null,
      z: identical ? 0 : null,
      p: identical ? 1 : null,
      ...method,
      correlation,
    };
  }
  const se = Math.sqrt(varianceOfDifference);
  const z = difference / se;
  const half = zForLevel(level) * se;
  return {
    difference,
    ci: interval({ lower: difference - half, upper: difference + half }, level, methodId),
    statistic: z,
    z,
    p: twoSidedNormalP(z),
    ...method,
    correlation,
  };
}

/**
 * Unpaired DeLong test, for models scored on different case sets, as pROC's
 * `roc.test(paired = FALSE, method = "delong")`: D = Δ/√(S_a + S_b) referred to Student's t
 * with Welch–Satterthwaite degrees of freedom (S_a + S_b)² / (S_a²/(n_a − 1) + S_b²/(n_b − 1)),
 * n the total cases of each curve.
 */
export function unpairedAucComparison(a: DelongPlacements, b: DelongPlacements, level: number) {
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
    ci: interval({ lower: difference - half, upper: difference + half }, level, 'delong-unpaired'),
    statistic,
    df,
    p: se > 0 ? twoSidedStudentP(statistic, df) : 1,
    ...described('delong-unpaired'),
  };
}

export interface PairedSettings {
  level: number;
  mcnemar: McnemarVariant;
  pairedDifference: 'newcombe' | 'tango';
}

/**
 * The paired table of "correct" calls among one class of cases. For positives a call is
 * correct when score ≥ threshold, for negatives when score < threshold.
 */
export function pairedTable(
  scoresA: Float64Array,
  scoresB: Float64Array,
  labels: Uint8Array,
  thresholdA: number,
  thresholdB: number,
  positiveClass: boolean,
): PairedTable {
  const table = { a: 0, b: 0, c: 0, d: 0 };
  const wanted = positiveClass ? 1 : 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== wanted) continue;
    const calledA = (scoresA[i] as number) >= thresholdA;
    const calledB = (scoresB[i] as number) >= thresholdB;
    const correctA = positiveClass ? calledA : !calledA;
    const correctB = positiveClass ? calledB : !calledB;
    if (correctA && correctB) table.a++;
    else if (correctA) table.b++;
    else if (correctB) table.c++;
    else table.d++;
  }
  return table;
}

const PAIRED_INTERVALS = { newcombe: 'newcombe-paired', tango: 'tango-paired' } as const;

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

/** Cases by outcome and by the two models' calls, for the predictive-value score test. */
export function pairedCallsTable(
  scoresA: Float64Array,
  scoresB: Float64Array,
  labels: Uint8Array,
  thresholdA: number,
  thresholdB: number,
): PairedCallsTable {
  const empty = () => ({ bothPositive: 0, firstOnly: 0, secondOnly: 0, bothNegative: 0 });
  const table: PairedCallsTable = { diseased: empty(), healthy: empty() };
  for (let i = 0; i < labels.length; i++) {
    const cell = labels[i] === 1 ? table.diseased : table.healthy;
    const calledA = (scoresA[i] as number) >= thresholdA;
    const calledB = (scoresB[i] as number) >= thresholdB;
    if (calledA && calledB) cell.bothPositive++;
    else if (calledA) cell.firstOnly++;
    else if (calledB) cell.secondOnly++;
    else cell.bothNegative++;
  }
  return table;
}

/**
 * Paired sensitivity or specificity comparison when cases are clustered: the difference of
 * correct calls with Obuchowski's (1998) cluster-adjusted variance, its Wald interval and
 * χ² test.
 */
export function clusteredPairedProportionComparison(
  scoresA: Float64Array,
  scoresB: Float64Array,
  labels: Uint8Array,
  clusters: Int32Array,
  thresholdA: number,
  thresholdB: number,
  positiveClass: boolean,
  level: number,
): PairedProportionComparison {
  const wanted = positiveClass ? 1 : 0;
  const correctA: number[] = [];
  const correctB: number[] = [];
  const clusterOf: number[] = [];
  let b = 0;
  let c = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== wanted) continue;
    const calledA = (scoresA[i] as number) >= thresholdA;
    const calledB = (scoresB[i] as number) >= thresholdB;
    const rightA = positiveClass ? calledA : !calledA;
    const rightB = positiveClass ? calledB : !calledB;
    if (rightA && !rightB) b++;
    if (rightB && !rightA) c++;
    correctA.push(rightA ? 1 : 0);
    correctB.push(rightB ? 1 : 0);
    clusterOf.push(clusters[i] as number);
  }
  const n = correctA.length;
  if (n === 0) {
    return {
      difference: null,
      ci: null,
      statistic: null,
      p: null,
      ...described('mcnemar-clustered'),
      discordant: { b, c },
      n,
    };
  }
  const test = clusteredPairedProportionTest(
    Uint8Array.from(correctA),
    Uint8Array.from(correctB),
    Int32Array.from(clusterOf),
  );
  if (test.p === null || test.se === null) {
    return {
      difference: (b - c) / n,
      ci: null,
      statistic: null,
      p: null,
      ...described(test.method),
      discordant: { b, c },
      n,
    };
  }
  const difference = (b - c) / n;
  const half = zForLevel(level) * test.se;
  return {
    difference,
    ci: interval(
      { lower: Math.max(-1, difference - half), upper: Math.min(1, difference + half) },
      level,
      'wald-cluster-adjusted',
    ),
    statistic: test.statistic,
    df: 1,
    p: test.p,
    ...described(test.method),
    discordant: { b, c },
    n,
  };
}
