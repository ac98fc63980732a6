/**
 * Comparing two correlated proportions (the same units classified by two tests) when the
 * units are clustered: Obuchowski (1998), "On the comparison of correlated proportions for
 * clustered data", Stat Med 17:1495–1507, in the form given by Yang, Sun & Hardin (2010,
 * Biometrical Journal 52:838–849). With d_i the difference of correct calls (test 1 − test 2)
 * among the n_i units of cluster i, K clusters holding units of the class and N = Σ n_i:
 *   the test, with variances estimated under H0:  X² = ((K − 1)/K) · (Σ d_i)² / Σ d_i²  on 1 df;
 *   the standard error of D = Σ d_i / N for its interval (not under H0):
 *   var(D) = K / ((K − 1)·N²) · Σ_i (d_i − n_i·D)².
 * With one unit per cluster X² is ((N − 1)/N) times McNemar's statistic.
 */
import { chiSquareUpperTail, zForLevel } from '../distributions.js';

const CLUSTERED_MCNEMAR_METHOD = 'mcnemar-clustered';

/**
 * @param correctA 1 when test A is correct for the unit, else 0
 * @param correctB the same for test B
 * @param clusters cluster index of each unit
 */
export function clusteredPairedProportionTest(
  correctA: Uint8Array,
  correctB: Uint8Array,
  clusters: Int32Array,
): {
  statistic: number | null;
  df: 1;
  p: number | null;
  method: typeof CLUSTERED_MCNEMAR_METHOD;
  se: number | null;
} {
  const sums = new Map<number, { d: number; n: number }>();
  let total = 0;
  let difference = 0;
  for (let k = 0; k < correctA.length; k++) {
    const c = clusters[k] as number;
    let entry = sums.get(c);
    if (!entry) sums.set(c, (entry = { d: 0, n: 0 }));
    const d = (correctA[k] as number) - (correctB[k] as number);
    entry.d += d;
    entry.n += 1;
    difference += d;
    total += 1;
  }
  const D = difference / total;
  const I = sums.size;
  let squares = 0;
  for (const { d, n } of sums.values()) squares += (d - n * D) ** 2;
  const variance = I > 1 ? (I / ((I - 1) * total * total)) * squares : 0;
  let sumOfSquares = 0;
  for (const { d } of sums.values()) sumOfSquares += d * d;
  // fewer than two clusters hold cases of this class: no cluster-level variance, no test
  if (I < 2) return { statistic: null, df: 1, p: null, method: CLUSTERED_MCNEMAR_METHOD, se: null };
  if (!(sumOfSquares > 0)) {
    return { statistic: 0, df: 1, p: 1, method: CLUSTERED_MCNEMAR_METHOD, se: Math.sqrt(variance) };
  }
  const statistic = ((I - 1) / I) * ((difference * difference) / sumOfSquares);
  return {
    statistic,
    df: 1,
    p: chiSquareUpperTail(statistic, 1),
    method: CLUSTERED_MCNEMAR_METHOD,
    se: Math.sqrt(variance),
  };
}

export interface ClusteredPairedDifference {
  /** Difference of correct calls, a − b, among the cases of the class; null without such cases. */
  difference: number | null;
  /** Wald interval with the cluster-adjusted variance, limited to [−1, 1]; null when undefined. */
  lower: number | null;
  upper: number | null;
  statistic: number | null;
  p: number | null;
  /** Discordant cases: b = correct by the first model only, c = by the second only. */
  discordant: { b: number; c: number };
  /** Cases of the class. */
  n: number;
}

/**
 * Paired sensitivity (`positiveClass`) or specificity comparison of two models' calls on
 * clustered cases: the difference of correct calls with Obuchowski's (1998)
 * cluster-adjusted variance, its Wald interval and the χ² test above.
 */
export function clusteredPairedDifference(options: {
  scoresA: Float64Array;
  scoresB: Float64Array;
  labels: Uint8Array;
  clusters: Int32Array;
  thresholdA: number;
  thresholdB: number;
  positiveClass: boolean;
  level: number;
}): ClusteredPairedDifference {
  const { scoresA, scoresB, labels, clusters, thresholdA, thresholdB, positiveClass, level } = options;
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
  const undefinedTest = { lower: null, upper: null, statistic: null, p: null, discordant: { b, c }, n };
  if (n === 0) return { difference: null, ...undefinedTest };
  const difference = (b - c) / n;
  const test = clusteredPairedProportionTest(
    Uint8Array.from(correctA),
    Uint8Array.from(correctB),
    Int32Array.from(clusterOf),
  );
  if (test.p === null || test.se === null) return { difference, ...undefinedTest };
  const half = zForLevel(level) * test.se;
  return {
    difference,
    lower: Math.max(-1, difference - half),
    upper: Math.min(1, difference + half),
    statistic: test.statistic,
    p: test.p,
    discordant: { b, c },
    n,
  };
}
