/**
 * Brute-force and fast AUC. The fast path is the Mann–Whitney statistic from midranks;
 * ties between a positive and a negative count one half.
 */
import { midranks } from './ranks.js';

/** AUC = P(score of a random positive > that of a random negative) + ½·P(tie). O(n log n). */
export function areaUnderCurve(positiveScores: Float64Array, negativeScores: Float64Array): number {
  const m = positiveScores.length;
  const n = negativeScores.length;
  const combined = new Float64Array(m + n);
  combined.set(positiveScores, 0);
  combined.set(negativeScores, m);
  const ranks = midranks(combined);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i] as number;
  return (rankSum - (m * (m + 1)) / 2) / (m * n);
}
