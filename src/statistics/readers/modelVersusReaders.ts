/**
 * A standalone model against the readers of one modality: the single-modality
 * Obuchowski–Rockette analysis of the differences Dᵣ = θ_model − θᵣ with Hillis's (2007,
 * section 5.3) degrees of freedom — the model a fixed reader, readers and cases random —
 * which is the "1T-RRRC" method of RJafroc's `StSignificanceTestingCadVsRad` (Chakraborty
 * 2017, ch. 22; Kooi et al. 2016):
 *
 *   MS(R) = Σ (Dᵣ − D̄)²/(R − 1); Var and Cov2 = the mean variance and the mean covariance of
 *   different readers' D, from the covariance C of (readers, model):
 *   cov(Dᵣ, Dₛ) = Cᵣₛ − Cᵣₘ − Cₛₘ + Cₘₘ;
 *   denominator = MS(R) + R·max(Cov2, 0); SE = √(denominator/R);
 *   df = denominator²/(MS(R)²/(R − 1)); t = D̄/SE.
 *
 * RJafroc reports readers − model; here the difference is model − readers' mean, so t and the
 * interval change sign and nothing else.
 */
import { tForLevel, twoSidedTP } from './distributions.js';

export interface ModelVersusReadersInput {
  /** The readers' figures of merit θ₁ … θ_R (R ≥ 2). */
  readers: readonly number[];
  model: number;
  /** Covariance of (θ₁ … θ_R, θ_model), (R + 1)², row-major, the model last. */
  covariance: Float64Array;
  level: number;
}

export interface ModelVersusReaders {
  readersMean: number;
  model: number;
  /** θ_model − mean θᵣ. */
  difference: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
  t: number;
  p: number;
  /** The components of the denominator, for the methods text and checks. */
  msReader: number;
  variance: number;
  cov2: number;
}

export function modelVersusReaders(input: ModelVersusReadersInput): ModelVersusReaders {
  const { readers, model, covariance, level } = input;
  const r = readers.length;
  const g = r + 1;
  const c = (i: number, j: number) => covariance[i * g + j] as number;
  const differences = readers.map((theta) => model - theta);
  const difference = differences.reduce((s, v) => s + v, 0) / r;
  const msReader = differences.reduce((s, v) => s + (v - difference) ** 2, 0) / (r - 1);
  let variance = 0;
  let covSum = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const cov = c(i, j) - c(i, r) - c(j, r) + c(r, r);
      if (i === j) variance += cov;
      else covSum += cov;
    }
  }
  variance /= r;
  const cov2 = covSum / (r * (r - 1));
  const denominator = msReader + r * Math.max(cov2, 0);
  const se = Math.sqrt(denominator / r);
  const df = denominator ** 2 / (msReader ** 2 / (r - 1));
  const t = difference / se;
  const q = tForLevel(level, df);
  return {
    readersMean: readers.reduce((s, v) => s + v, 0) / r,
    model,
    difference,
    se,
    df,
    lower: difference - q * se,
    upper: difference + q * se,
    t,
    p: twoSidedTP(t, df),
    msReader,
    variance,
    cov2,
  };
}
