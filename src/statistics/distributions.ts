/**
 * Distribution functions used across dxreport, thin typed wrappers over stdlib's
 * implementations (accurate to ~1e-15, tails included). Upper-tail probabilities are
 * computed directly (never as `1 - cdf`) so that tiny p-values keep their precision.
 */
import normalCdfStdlib from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileStdlib from '@stdlib/stats-base-dists-normal-quantile';
import binomialCdfStdlib from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmfStdlib from '@stdlib/stats-base-dists-binomial-pmf';
import gammaincStdlib from '@stdlib/math-base-special-gammainc';
import studentTCdfStdlib from '@stdlib/stats-base-dists-t-cdf';
import { createRequire } from 'node:module';

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return normalCdfStdlib(z, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** The z multiplier of a two-sided interval at `level` (1.959964… for 0.95). */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  return binomialCdfStdlib(k, n, p);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  return binomialPmfStdlib(k, n, p);
}

type BetaQuantile = (p: number, a: number, b: number) => number;
let betaQuantileStdlib: BetaQuantile | null = null;

/**
 * Quantile of the Beta(a, b) distribution. stdlib's is loaded on first use: with the inverse
 * incomplete beta and gamma functions and the `debug` package they log through, it is the
 * largest of these packages to load (≈ 15 ms of every start-up, bundled), and only the
 * Clopper–Pearson and Jeffreys intervals and the reader-study t quantile call it.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  betaQuantileStdlib ??= createRequire(import.meta.url)(
    '@stdlib/stats-base-dists-beta-quantile',
  ) as BetaQuantile;
  return betaQuantileStdlib(p, a, b);
}

/**
 * Upper tail P(X ≥ x) of a χ² distribution with `df` degrees of freedom, from the
 * regularised upper incomplete gamma function Q(df/2, x/2).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaincStdlib(x / 2, df / 2, true, true);
}

/** Two-sided p-value of a Student t statistic with `df` degrees of freedom: 2·F(−|t|). */
export function twoSidedStudentP(t: number, df: number): number {
  return Math.min(1, 2 * studentTCdfStdlib(-Math.abs(t), df));
}
