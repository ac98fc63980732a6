/**
 * A model's cases grouped by distinct predicted probability, for the calibration statistics at
 * large n: each distinct value of p with its number of cases and of events. Every calibration
 * statistic of unweighted binary outcomes is a function of these counts (the cases within a
 * group are exchangeable), so the logistic fits (irlsPassesGrouped.ts) and the loess smoother
 * (as case multiplicities, loess.ts) can run over the groups instead of the cases: at 10⁶
 * cases with six-decimal probabilities there are ≈ 43 % as many groups as cases.
 */
import { sortScores, type SortedScores } from './confusion.js';

export interface BinaryGroups {
  /** The distinct predicted probabilities, ascending (`SortedScores.values`). */
  values: Float64Array;
  /** Cases at each value (≥ 1). */
  cases: Float64Array;
  /** Events (y = 1) at each value. */
  events: Float64Array;
  /** Σ cases. */
  n: number;
}

/** The groups of p with their counts, from the cases' sort by p (made here when not given). */
export function binaryGroups(p: Float64Array, y: Uint8Array, sorted?: SortedScores): BinaryGroups {
  const { order, values, groupStart } = sorted?.order.length === p.length ? sorted : sortScores(p);
  const groups = values.length;
  const cases = new Float64Array(groups);
  const events = new Float64Array(groups);
  for (let k = 0; k < groups; k++) {
    const begin = groupStart[k] as number;
    const end = groupStart[k + 1] as number;
    let ones = 0;
    for (let q = begin; q < end; q++) ones += y[order[q] as number] as number;
    cases[k] = end - begin;
    events[k] = ones;
  }
  return { values, cases, events, n: order.length };
}
