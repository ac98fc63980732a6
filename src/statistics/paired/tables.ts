/**
 * The paired tables two models' calls make on the same cases, each model at its own
 * threshold (a case is called positive when score ≥ threshold, the dxreport contract).
 *
 * @example
 * // positives with scores a = [0.9, 0.2], b = [0.3, 0.8] at thresholds 0.5: one correct by
 * // each model only
 * pairedTable({ scoresA, scoresB, labels, thresholdA: 0.5, thresholdB: 0.5, positiveClass: true });
 * // { a: 0, b: 1, c: 1, d: 0 }
 */
import type { PairedTable } from './differenceIntervals.js';
import type { PairedCallsTable } from './predictiveValueScoreTest.js';

export interface PairedCalls {
  scoresA: Float64Array;
  scoresB: Float64Array;
  labels: Uint8Array;
  thresholdA: number;
  thresholdB: number;
}

/**
 * The paired table of "correct" calls among one class of cases. For positives a call is
 * correct when score ≥ threshold, for negatives when score < threshold.
 */
export function pairedTable(calls: PairedCalls & { positiveClass: boolean }): PairedTable {
  const { scoresA, scoresB, labels, thresholdA, thresholdB, positiveClass } = calls;
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

/** Cases by outcome and by the two models' calls, for the predictive-value score test. */
export function pairedCallsTable(calls: PairedCalls): PairedCallsTable {
  const { scoresA, scoresB, labels, thresholdA, thresholdB } = calls;
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
 * `pairedTable` read off the calls table (the same counts, without another pass over the cases):
 * among positives a correct call is a positive one, among negatives a negative one.
 */
export function pairedTableFromCalls(table: PairedCallsTable, positiveClass: boolean): PairedTable {
  if (positiveClass) {
    const { bothPositive, firstOnly, secondOnly, bothNegative } = table.diseased;
    return { a: bothPositive, b: firstOnly, c: secondOnly, d: bothNegative };
  }
  const { bothPositive, firstOnly, secondOnly, bothNegative } = table.healthy;
  return { a: bothNegative, b: secondOnly, c: firstOnly, d: bothPositive };
}
