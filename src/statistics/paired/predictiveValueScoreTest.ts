/**
 * Weighted generalized score (WGS) test for comparing the predictive values of two binary
 * tests applied to the same subjects (paired design):
 *
 *   Kosinski AS (2013). A weighted generalized score statistic for comparison of predictive
 *   values of diagnostic tests. Statistics in Medicine 32(6):964–977. doi:10.1002/sim.5587
 *
 * This is the statistic computed by R package DTComPair's `pv.wgs()`.
 *
 * Method (PPV; the NPV is the same with "called" meaning a negative call and the outcome
 * being "healthy"). Let n₁, n₂ be the numbers of subjects called positive by test 1 and by
 * test 2, PV₁, PV₂ the proportions of them that are diseased, and
 *
 *   p̄ = (diseased calls of test 1 + diseased calls of test 2) / (n₁ + n₂)
 *
 * the pooled predictive value under H₀: PV₁ = PV₂. The paper's WGS statistic is
 *
 *   T = (PV₁ − PV₂)² / [ (p̄(1 − p̄) − 2C) (1/n₁ + 1/n₂) ],
 *   C = [ s₁₁ (1 − p̄)² + r₁₁ p̄² ] / (n₁ + n₂),
 *
 * with s₁₁ (r₁₁) the diseased (healthy) subjects called positive by both tests: the
 * variance of PV₁ − PV₂ uses the pooled residual variance p̄(1 − p̄) for each test (the
 * weighting that makes it reduce to the ordinary score statistic for independent samples)
 * and the empirical covariance from the subjects counted by both. Because
 * (n₁ + n₂) p̄(1 − p̄) sums (Y − p̄)² over every (subject, test) call, the denominator equals
 * Σ_discordant (Y − p̄)² / (n₁n₂), the sum over subjects called by exactly one test. This
 * function evaluates that algebraically identical form from the integer counts,
 *
 *   T = (a₁n₂ − a₂n₁)² (n₁ + n₂)² / ( n₁n₂ [ d₊ (n₁ + n₂ − k)² + d₋ k² ] ),
 *
 * (a_j = diseased calls of test j, k = a₁ + a₂, d₊ / d₋ = diseased / healthy subjects
 * called by exactly one test), which has no cancellation and a denominator that is never
 * negative. T is referred to χ² with 1 df; `difference` is PV₁ − PV₂ (DTComPair ≥ 1.2.2
 * reports PV₂ − PV₁, earlier versions |PV₁ − PV₂|).
 *
 * Degenerate tables (never NaN):
 * - a predictive value is undefined because a test never makes the call (no positive call
 *   for the PPV, no negative call for the NPV): statistic, p and difference are null;
 * - the variance of PV₁ − PV₂ under H₀ is zero, which happens exactly when no subject is
 *   called by only one of the tests (both tests call the same subjects) or all subjects
 *   called by either test share one disease status (p̄ = 0 or 1). Then PV₁ = PV₂, T is 0/0,
 *   and statistic and p are null while difference is 0.
 * Counts must be finite and non-negative (a RangeError otherwise).
 *
 * Validated against reference values from test/reference/predictive_values.R, which in turn
 * reproduces DTComPair's published `pv.wgs()` output for its example data `Paired1`.
 */
import { chiSquareUpperTail } from '../distributions.js';

/** Paired 2×2×2 table: counts of cases by disease status and the two tests' calls. */
export interface PairedCallsTable {
  diseased: { bothPositive: number; firstOnly: number; secondOnly: number; bothNegative: number };
  healthy: { bothPositive: number; firstOnly: number; secondOnly: number; bothNegative: number };
}

export interface PredictiveValueScoreTest {
  /** WGS χ² statistic (1 df); null when undefined (see the module doc). */
  statistic: number | null;
  df: 1;
  /** Upper-tail χ²(1) p-value; null when the statistic is. */
  p: number | null;
  /** Which test: of the positive or of the negative predictive values. */
  method: 'score-test-ppv' | 'score-test-npv';
  /** PV₁ − PV₂ (first test minus second); null when either predictive value is undefined. */
  difference: number | null;
}

function checkCount(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite, non-negative count (got ${value})`);
  }
}

export function predictiveValueScoreTest(
  table: PairedCallsTable,
  which: 'ppv' | 'npv',
): PredictiveValueScoreTest {
  for (const status of ['diseased', 'healthy'] as const) {
    for (const cell of ['bothPositive', 'firstOnly', 'secondOnly', 'bothNegative'] as const) {
      checkCount(table[status][cell], `${status}.${cell}`);
    }
  }
  const method = which === 'ppv' ? 'score-test-ppv' : 'score-test-npv';
  const { diseased: d, healthy: h } = table;

  // "Called" = positive call for the PPV, negative call for the NPV; the outcome counted
  // in the predictive value is disease for the PPV, its absence for the NPV.
  // oBoth/o1/o2: outcome-positive subjects called by both / only test 1 / only test 2;
  // xBoth/x1/x2: the same for outcome-negative subjects.
  const [oBoth, o1, o2, xBoth, x1, x2] =
    which === 'ppv'
      ? [d.bothPositive, d.firstOnly, d.secondOnly, h.bothPositive, h.firstOnly, h.secondOnly]
      : [h.bothNegative, h.secondOnly, h.firstOnly, d.bothNegative, d.secondOnly, d.firstOnly];

  const a1 = oBoth + o1; // outcome-positive calls of test 1
  const a2 = oBoth + o2;
  const n1 = a1 + xBoth + x1; // calls of test 1
  const n2 = a2 + xBoth + x2;
  if (n1 === 0 || n2 === 0) return { statistic: null, df: 1, p: null, method, difference: null };

  const difference = a1 / n1 - a2 / n2;
  const total = n1 + n2;
  const k = a1 + a2; // p̄ = k / total
  const discordantPositive = o1 + o2;
  const discordantNegative = x1 + x2;
  // total² · Σ_discordant (Y − p̄)²
  const scaledResidualSum = discordantPositive * (total - k) * (total - k) + discordantNegative * k * k;
  if (scaledResidualSum === 0) return { statistic: null, df: 1, p: null, method, difference };

  const crossDifference = a1 * n2 - a2 * n1; // n₁n₂ (PV₁ − PV₂)
  const statistic = (((crossDifference / n1) * (crossDifference / n2)) / scaledResidualSum) * total * total;
  return { statistic, df: 1, p: chiSquareUpperTail(statistic, 1), method, difference };
}
