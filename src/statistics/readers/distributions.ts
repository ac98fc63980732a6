/**
 * The F and Student t functions the reader-study analysis needs, from the regularised
 * incomplete beta function (stdlib, accurate to ~1e-15):
 *
 * - P(F > f) for F ~ F(d1, d2) is I_x(d2/2, d1/2) with x = d2/(d2 + d1·f)
 *   (Abramowitz & Stegun 26.6.2), computed directly so that small p-values keep their digits;
 * - the two-sided t quantile q with P(|T| > q) = α: P(|T| > q) = I_x(df/2, 1/2) with
 *   x = df/(df + q²) (A&S 26.7.1), so q = √(df·(1 − x)/x) for x = I⁻¹_α(df/2, 1/2).
 *
 * Hillis's degrees of freedom can be infinite (no reader-by-modality variation): the
 * distributions are then the normal and the χ²/d1.
 */
import betainc from '@stdlib/math-base-special-betainc';
import {
  betaQuantile,
  chiSquareUpperTail,
  normalQuantile,
  twoSidedNormalP,
  twoSidedStudentP,
} from '../distributions.js';

/** Upper tail P(F > f) of the F distribution with d1 and d2 degrees of freedom (d2 may be ∞). */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || Number.isNaN(d2)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  if (d2 === Infinity) return chiSquareUpperTail(d1 * f, d1);
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom (df may be ∞). */
export function twoSidedTP(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return Number.NaN;
  return df === Infinity ? twoSidedNormalP(t) : twoSidedStudentP(t, df);
}

/** The multiplier q of a two-sided t interval at `level` (2.131… for 0.95 and 15 df). */
export function tForLevel(level: number, df: number): number {
  const alpha = 1 - level;
  if (Number.isNaN(df)) return Number.NaN;
  if (df === Infinity) return normalQuantile(1 - alpha / 2);
  const x = betaQuantile(alpha, df / 2, 0.5);
  return Math.sqrt((df * (1 - x)) / x);
}
