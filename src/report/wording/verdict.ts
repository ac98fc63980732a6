/** The key results' verdict on a paired difference, and how a test is quoted in running text. */
import type { Difference } from '../../results/results.js';
import { formatP } from '../../format/numbers.js';

type Verdict = 'higher' | 'lower' | 'similar' | null;

/**
 * Higher or lower only when every piece of evidence agrees: the p-value (Holm-adjusted when
 * present) is below 1 − level and the interval excludes zero. Similar when the evidence does
 * not show a difference; null when there is no test and no interval.
 */
export function verdict(
  d: Pick<Difference, 'difference' | 'p' | 'pAdjusted' | 'ci'>,
  level: number,
): Verdict {
  if (d.difference === null) return null;
  const alpha = 1 - level + 1e-12;
  const p = d.pAdjusted ?? d.p;
  const evidence: boolean[] = [];
  if (p !== null && p !== undefined) evidence.push(p < alpha);
  if (d.ci) evidence.push(d.ci.lower > 0 || d.ci.upper < 0);
  if (evidence.length === 0) return null;
  if (evidence.every(Boolean) && d.difference !== 0) return d.difference > 0 ? 'higher' : 'lower';
  return 'similar';
}

/** "DeLong p = 0.027; Holm-adjusted p = 0.054" */
export function testText(name: string, p: number | null, pAdjusted: number | null | undefined): string {
  const main = `${name} ${formatP(p)}`;
  return pAdjusted === null || pAdjusted === undefined
    ? main
    : `${main}; Holm-adjusted ${formatP(pAdjusted)}`;
}
