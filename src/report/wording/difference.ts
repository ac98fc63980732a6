/**
 * How a paired difference is put into words in the key results and the summary: the words
 * follow the confidence interval, never a bare p-value. "Higher"/"lower" only when `verdict`
 * says so (the interval excludes zero and the p-value, Holm-adjusted when present, agrees);
 * otherwise the difference is "not statistically significant" and the interval is given, with
 * the largest difference it still allows, so that a wide interval is not read as "no difference".
 */
import type { Difference, OperatingPointComparison } from '../../results/results.js';
import { MISSING, formatLevel, formatP } from '../../format/numbers.js';
import { shortMethodName } from './methodNames.js';
import { verdict } from './verdict.js';

export type PointMeasure = 'sensitivity' | 'specificity' | 'ppv' | 'npv';

export const MEASURE_WORDS: Record<PointMeasure | 'auc', string> = {
  auc: 'AUC',
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  ppv: 'PPV',
  npv: 'NPV',
};

/** A difference as the key results quote it: its interval and the test that goes with it. */
export interface ShownDifference {
  difference: number | null;
  ci: { lower: number; upper: number } | null;
  p: number | null;
  pAdjusted: number | null;
  testName: string;
  verdict: 'higher' | 'lower' | 'similar' | null;
}

/**
 * The difference the key results quote for a measure at an operating point. PPV and NPV
 * without a bootstrap p fall back to the score test (as the paired table does).
 */
export function shownDifference(d: Difference, level: number): ShownDifference {
  return shown(d, shortMethodName(d.methodId), level);
}

export function shownPointDifference(
  point: OperatingPointComparison,
  measure: PointMeasure,
  level: number,
): ShownDifference {
  const d: Difference = point[measure];
  if ((measure === 'ppv' || measure === 'npv') && d.p === null && point[measure].scoreTest) {
    const score = point[measure].scoreTest;
    return shown({ ...d, p: score.p, pAdjusted: null }, 'score test', level);
  }
  return shown(d, shortMethodName(d.methodId), level);
}

function shown(d: Difference, testName: string, level: number): ShownDifference {
  const ci = d.ci ? { lower: d.ci.lower, upper: d.ci.upper } : null;
  return {
    difference: d.difference,
    ci,
    p: d.p,
    pAdjusted: d.pAdjusted ?? null,
    testName,
    verdict: verdict(
      { difference: d.difference, p: d.p, pAdjusted: d.pAdjusted ?? null, ci: d.ci ?? null },
      level,
    ),
  };
}

/** The difference from the favoured model's side: negated (and the interval turned) when A is lower. */
export function favoured(d: ShownDifference): ShownDifference {
  if (d.verdict !== 'lower' || d.difference === null) return d;
  return {
    ...d,
    difference: -d.difference,
    ci: d.ci ? { lower: -d.ci.upper, upper: -d.ci.lower } : null,
    verdict: 'higher',
  };
}

export interface PhraseInput {
  measure: string;
  nameA: string;
  nameB: string;
  d: ShownDifference;
  level: number;
  /** Formats a difference ("−0.004") and an interval of differences ("−0.018 to 0.009"). */
  formatDifference: (x: number) => string;
  formatRange: (ci: { lower: number; upper: number }) => string;
}

/** "(difference 0.036, 95% CI 0.004 to 0.068; McNemar p = 0.037)" */
export function differenceParenthesis(input: Omit<PhraseInput, 'measure' | 'nameA' | 'nameB'>): string {
  const { d, level, formatDifference, formatRange } = input;
  const parts = [`difference ${d.difference === null ? MISSING : formatDifference(d.difference)}`];
  if (d.ci) parts[0] += `, ${formatLevel(level)} CI ${formatRange(d.ci)}`;
  if (d.p !== null)
    parts.push(
      d.pAdjusted !== null
        ? `Holm-adjusted ${d.testName} ${formatP(d.pAdjusted)}`
        : `${d.testName} ${formatP(d.p)}`,
    );
  return `(${parts.join('; ')})`;
}

/**
 * One comparison in words: "AUC was higher for A than for B (difference …)" or "the difference
 * in AUC between A and B was not statistically significant (difference …), although its CI includes
 * differences as large as 0.018".
 */
export function differencePhrase(input: PhraseInput): string {
  const { measure, nameA, nameB, d } = input;
  if (d.verdict === 'higher' || d.verdict === 'lower') {
    const [winner, loser] = d.verdict === 'higher' ? [nameA, nameB] : [nameB, nameA];
    const f = favoured(d);
    return `${measure} was higher for ${winner} than for ${loser} ${differenceParenthesis({ ...input, d: f })}`;
  }
  if (d.difference === null) return `${measure} could not be compared between ${nameA} and ${nameB}`;
  const widest = d.ci ? Math.max(Math.abs(d.ci.lower), Math.abs(d.ci.upper)) : null;
  const allows =
    widest === null
      ? ''
      : `, although its CI includes differences as large as ${input.formatDifference(widest).replace(/^\+/, '')}`;
  return `the difference in ${measure} between ${nameA} and ${nameB} was not statistically significant ${differenceParenthesis(input)}${allows}`;
}
