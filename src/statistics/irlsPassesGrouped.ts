/**
 * IRLS passes (irlsPasses.ts) for binomial data given as groups — each group k has one value
 * x_k of the covariate (and/or of the offset), N_k cases and n1_k events — with an intercept
 * and at most one covariate: both calibration fits at large n, where the cases' distinct
 * predicted probabilities are the groups (binaryGroups.ts).
 *
 * The likelihood of a group is that of its N_k Bernoulli cases (the binomial log-likelihood
 * differs only by the constant log C(N, n1), which the deviance omits here), so the fit, its
 * iterations and its Fisher information are those of the ungrouped cases (McCullagh & Nelder
 * 1989, §4.2–4.4, grouped binary data): the weighted least-squares sums Σ w·x^a·z^b over the
 * cases equal the sums over groups of their N_k (or n0_k, n1_k) copies. Only rounding differs
 * (sums in another order): the tests compare with the ungrouped fit (≤ 1e-12 relative) and
 * with R's `glm` on the cases.
 *
 * Per iteration one pass over the groups evaluates η, μ and the deviance at the step's
 * coefficients and accumulates the 2 × 2 normal equations XᵀWX β = XᵀWz of the next step, so
 * no per-group array is written. The normal equations are formed in the shifted covariate
 * x − c (c = the cases' mean of x), which keeps them well conditioned (the Cholesky factor
 * of [1, x − c] has no cancellation between the columns), and solved by Cholesky; the
 * coefficients and the factor R (RᵀR = XᵀWX) are mapped back to [1, x]. The rank test is R's
 * QR's: the covariate's residual norm after the intercept below 1e-11 of its own norm.
 *
 * R's ε-guards on μ and μ′ beyond |η| > 30 (C_logit_linkinv / C_logit_mu_eta) are kept; the
 * start is R's μ = (y + ½)/2 per case, i.e. two start values per group (its events and its
 * non-events); the deviance is 2·Σ[N·log(1 + e^{−|η|}) + n1·max(−η, 0) + n0·max(η, 0)], every
 * term non-negative.
 */
import { RANK_TOLERANCE, startEta, unitDeviance, type IrlsPasses } from './irlsPasses.js';

/** Module-local constants (see irlsPassesSmall.ts: V8 folds these into the loops). */
const EPSILON = 2.220446049250313e-16;
const ETA_THRESHOLD = 30;
const LOWER_THRESHOLD = -30;

/** Binomial data by group: N cases and n1 events at each covariate and offset value. */
export interface GroupedBinomial {
  /** The covariate of each group; null for an intercept-only fit. */
  covariate: Float64Array | null;
  /** The offset of each group; null = no offset. */
  offset: Float64Array | null;
  /** N_k > 0: the cases of each group (a group of no cases must be left out). */
  cases: Float64Array;
  /** n1_k ≤ N_k: the events of each group. */
  events: Float64Array;
  /**
   * e^offset of each group, when the caller has it (the odds p/(1 − p) for offset = logit p):
   * the intercept-only fit forms e^η from it; computed here when absent.
   */
  expOffset?: Float64Array;
}

/** The sums of one evaluation: the normal equations in [1, x − c], the deviance, extremes. */
interface Sums {
  s0: number;
  s1: number;
  s2: number;
  t0: number;
  t1: number;
  deviance: number;
  extreme: boolean;
}

/** x − c for each group (zeros without a covariate). */
function shifted(covariate: Float64Array | null, length: number, center: number): Float64Array | null {
  if (covariate === null) return null;
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = (covariate[k] as number) - center;
  return out;
}

/** W and W·z of a group beyond |η| > 30 (guardedWeights' output; that branch is rare). */
const guarded = { w: 0, wz: 0 };

/**
 * R's guards beyond |η| > 30: μ from e^η clamped to [ε, 1/ε], μ′ = ε; the group's working
 * weight W and W·z (z the working response less the offset) into `guarded`. μ is within 10ε of
 * 0 or 1 exactly here: for |η| ≤ 30, e^{−|η|} ≥ 9e-14 keeps it away.
 */
function guardedWeights(eta: number, off: number, n: number, n1: number): void {
  const t = eta < 0 ? EPSILON : 1 / EPSILON;
  const mu = t / (1 + t);
  const ratio = EPSILON / (mu * (1 - mu));
  const w = n * EPSILON * ratio;
  guarded.w = w;
  guarded.wz = w * (eta - off) + ratio * (n1 - n * mu);
}

/** A group's deviance, 2·[N·log(1 + e^{−|η|}) + n1·max(−η, 0) + n0·max(η, 0)], with e = e^{−|η|}. */
function groupDeviance(eta: number, e: number, n: number, n1: number): number {
  const positive = eta > 0 ? eta : 0;
  const negative = eta < 0 ? -eta : 0;
  return 2 * (n * Math.log1p(e) + n1 * negative + (n - n1) * positive);
}

/**
 * One pass at η_k = offset_k + β₀ + β₁x_k (β₀, β₁ in the shifted coordinates: η = offset +
 * b0 + b1·(x − c)): the deviance and the weighted least-squares sums at that η.
 */
function evaluate(
  data: { u: Float64Array; offset: Float64Array; cases: Float64Array; events: Float64Array },
  b0: number,
  b1: number,
  out: Sums,
): void {
  const { u, offset, cases, events } = data;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  let deviance = 0;
  let extreme = false;
  for (let k = 0; k < cases.length; k++) {
    const uk = u[k] as number;
    const off = offset[k] as number;
    const n = cases[k] as number;
    const n1 = events[k] as number;
    const eta = off + b0 + b1 * uk;
    // e = e^{−|η|}: μ = e/(1 + e) for η ≤ 0, 1/(1 + e) above, μ′ = e/(1 + e)² either way
    const e = Math.exp(eta < 0 ? eta : -eta);
    let w: number;
    let wz: number;
    if (eta >= LOWER_THRESHOLD && eta <= ETA_THRESHOLD) {
      const q = 1 / (1 + e);
      const mu = eta <= 0 ? e * q : q;
      // canonical link: μ′ = μ(1 − μ), so W = N·μ′ and W·z = W·(η − offset) + (n1 − N·μ)
      w = n * (e * q * q);
      wz = w * (eta - off) + (n1 - n * mu);
    } else {
      guardedWeights(eta, off, n, n1);
      w = guarded.w;
      wz = guarded.wz;
      extreme = true;
    }
    s0 += w;
    s1 += w * uk;
    s2 += w * uk * uk;
    t0 += wz;
    t1 += wz * uk;
    deviance += groupDeviance(eta, e, n, n1);
  }
  out.s0 = s0;
  out.s1 = s1;
  out.s2 = s2;
  out.t0 = t0;
  out.t1 = t1;
  out.deviance = deviance;
  out.extreme = extreme;
}

/**
 * `evaluate` for the intercept-only fit (calibration-in-the-large): e^η = e^offset·e^β₀ with
 * e^offset kept per group (`expOffset`), so that a pass needs no exponential, only log1p for
 * the deviance (e^η so formed differs from exp(η) by rounding only).
 */
function evaluateIntercept(
  data: { offset: Float64Array; expOffset: Float64Array; cases: Float64Array; events: Float64Array },
  b0: number,
  out: Sums,
): void {
  const { offset, expOffset, cases, events } = data;
  const expB0 = Math.exp(b0);
  let s0 = 0;
  let t0 = 0;
  let deviance = 0;
  let extreme = false;
  for (let k = 0; k < cases.length; k++) {
    const off = offset[k] as number;
    const n = cases[k] as number;
    const n1 = events[k] as number;
    const eta = off + b0;
    let w: number;
    let wz: number;
    let e: number;
    if (eta >= LOWER_THRESHOLD && eta <= ETA_THRESHOLD) {
      const t = (expOffset[k] as number) * expB0;
      e = eta <= 0 ? t : 1 / t;
      const q = 1 / (1 + e);
      const mu = eta <= 0 ? e * q : q;
      w = n * (e * q * q);
      wz = w * (eta - off) + (n1 - n * mu);
    } else {
      e = Math.exp(eta < 0 ? eta : -eta);
      guardedWeights(eta, off, n, n1);
      w = guarded.w;
      wz = guarded.wz;
      extreme = true;
    }
    s0 += w;
    t0 += wz;
    deviance += groupDeviance(eta, e, n, n1);
  }
  Object.assign(out, { s0, s1: 0, s2: 0, t0, t1: 0, deviance, extreme });
}

/** The start (R's μ = (y + ½)/2 per case): the deviance and the sums of the first step. */
function start(
  data: { u: Float64Array | null; offset: Float64Array; cases: Float64Array; events: Float64Array },
  out: Sums,
): void {
  const { u, offset, cases, events } = data;
  // per outcome y: η, μ, the working weight per case and (y − μ)/μ′·(working weight)
  const parts = [0, 1].map((y) => {
    const eta = startEta(y);
    const mu = (y + 0.5) / 2;
    const t = Math.exp(eta);
    const derivative = t / ((1 + t) * (1 + t));
    const variance = mu * (1 - mu);
    const weight = (derivative * derivative) / variance;
    return { eta, weight, residual: (derivative / variance) * (y - mu), deviance: unitDeviance(y, eta) };
  }) as [Part, Part];
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  let deviance = 0;
  for (let k = 0; k < cases.length; k++) {
    const uk = u === null ? 0 : (u[k] as number);
    const off = offset[k] as number;
    const n1 = events[k] as number;
    const n0 = (cases[k] as number) - n1;
    const w = n0 * parts[0].weight + n1 * parts[1].weight;
    const wz =
      n0 * (parts[0].weight * (parts[0].eta - off) + parts[0].residual) +
      n1 * (parts[1].weight * (parts[1].eta - off) + parts[1].residual);
    s0 += w;
    s1 += w * uk;
    s2 += w * uk * uk;
    t0 += wz;
    t1 += wz * uk;
    deviance += n0 * parts[0].deviance + n1 * parts[1].deviance;
  }
  Object.assign(out, { s0, s1, s2, t0, t1, deviance, extreme: false });
}

interface Part {
  eta: number;
  weight: number;
  residual: number;
  deviance: number;
}

/** Cholesky factor of the shifted normal equations; null when rank deficient. */
function cholesky(
  sums: Sums,
  slope: boolean,
  center: number,
): { r11: number; r12: number; r22: number } | null {
  const { s0, s1, s2 } = sums;
  if (!(s0 > 0)) return null;
  const r11 = Math.sqrt(s0);
  if (!slope) return { r11, r12: 0, r22: 0 };
  const r12 = s1 / r11;
  const residual = s2 - r12 * r12;
  // the column's own norm² in the original coordinates: Σ w·x² = S2 + 2c·S1 + c²·S0
  const ownNorm = s2 + 2 * center * s1 + center * center * s0;
  if (!(residual > 0) || !(Math.sqrt(residual) > RANK_TOLERANCE * Math.sqrt(ownNorm))) return null;
  return { r11, r12, r22: Math.sqrt(residual) };
}

/** The IRLS passes over grouped binomial data (see the module comment). */
export function groupedPasses(data: GroupedBinomial): IrlsPasses {
  const { covariate, cases, events } = data;
  const length = cases.length;
  const slope = covariate !== null;
  const offset = data.offset ?? new Float64Array(length);
  if (
    events.length !== length ||
    offset.length !== length ||
    (covariate !== null && covariate.length !== length)
  )
    throw new RangeError('grouped logistic fit: every array must have one value per group');
  if (length === 0) throw new RangeError('grouped logistic fit: no group');
  // one pass checks the groups and sums Σ N·x (for the centre) or forms e^offset
  const given = data.expOffset;
  if (given !== undefined && given.length !== length)
    throw new RangeError('grouped logistic fit: every array must have one value per group');
  const expOffset = slope ? offset : (given ?? new Float64Array(length));
  let total = 0;
  let moment = 0;
  for (let k = 0; k < length; k++) {
    const n = cases[k] as number;
    const n1 = events[k] as number;
    const x = slope ? (covariate[k] as number) : 0;
    const o = offset[k] as number;
    if (!(n > 0 && n1 >= 0 && n1 <= n) || !Number.isFinite(x) || !Number.isFinite(o)) {
      throw new RangeError(`grouped logistic fit: group ${k} has ${n1} events of ${n} at ${x}, offset ${o}`);
    }
    total += n;
    moment += n * x;
    if (!slope && given === undefined) expOffset[k] = Math.exp(o);
  }
  const center = slope ? moment / total : 0;
  const arrays = { u: shifted(covariate, length, center), offset, cases, events };
  const interceptArrays = { ...arrays, expOffset };
  const sums: Sums = { s0: 0, s1: 0, s2: 0, t0: 0, t1: 0, deviance: 0, extreme: false };

  return {
    p: slope ? 2 : 1,
    start(): number {
      start(arrays, sums);
      return sums.deviance;
    },
    solve(): number[] | null {
      const factor = cholesky(sums, slope, center);
      if (factor === null) return null;
      const { r11, r12, r22 } = factor;
      const y0 = sums.t0 / r11;
      if (!slope) return [y0 / r11];
      const b1 = (sums.t1 - r12 * y0) / r22 / r22;
      const b0 = (y0 - r12 * b1) / r11;
      return [b0 - center * b1, b1];
    },
    setLinearPredictor(beta: readonly number[]): number {
      if (!slope) {
        evaluateIntercept(interceptArrays, beta[0] as number, sums);
        return sums.deviance;
      }
      const b1 = beta[1] as number;
      // η = β₀ + β₁x = (β₀ + β₁c) + β₁(x − c)
      evaluate({ ...arrays, u: arrays.u as Float64Array }, (beta[0] as number) + b1 * center, b1, sums);
      return sums.deviance;
    },
    fittedExtremes: () => sums.extreme,
    informationFactor(): number[][] | null {
      const factor = cholesky(sums, slope, center);
      if (factor === null) return null;
      const { r11, r12, r22 } = factor;
      // R of [1, x] = R of [1, x − c] times [[1, c], [0, 1]]
      return slope
        ? [
            [r11, r12 + center * r11],
            [0, r22],
          ]
        : [[r11]];
    },
  };
}
