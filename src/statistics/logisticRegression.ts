/**
 * Maximum-likelihood logistic regression by iteratively reweighted least squares (Fisher
 * scoring, which for the canonical logit link is Newton–Raphson), following R's
 * `glm.fit(family = binomial())` (R Core Team, stats package; McCullagh & Nelder 1989,
 * "Generalized Linear Models", 2nd ed., §2.5 and §4.4):
 *
 * - start from μ = (y + ½)/2 (R's `mustart` for unit weights), η = logit μ;
 * - each iteration solves the weighted least-squares problem z ~ X with working response
 *   z = η − offset + (y − μ)/μ′(η) and working weights w·μ′(η)²/μ(1 − μ), by Householder QR;
 * - R's numerical guards are kept: μ = ε/(1+ε) or 1/(1+ε) and μ′ = ε beyond |η| > 30
 *   (ε = 2.2e-16, R's `C_logit_linkinv` / `C_logit_mu_eta`);
 * - convergence when |D − D_old| / (|D| + 0.1) < tolerance (R's `glm.control(epsilon)`
 *   criterion on the deviance D). The default 1e-12 is stricter than R's 1e-8; the
 *   reference values are produced with `epsilon = 1e-14`;
 * - unlike R, a step that increases the deviance (by more than 1e-10 relative, i.e. beyond
 *   rounding) is halved, up to 40 times; if none helps the fit stops, not converged.
 * - the deviance is computed exactly from η (2·log(1 + e^{∓η})); R computes it from the
 *   clamped μ, so the two differ for cases with |η| > 30, where R's deviance is flat.
 *
 * Covariance: the inverse Fisher information (XᵀWX)⁻¹ at the final coefficients (R's
 * `vcov(glm)` evaluates it at the weights of the last iteration, which differ from these
 * by the size of the last step, < 1e-7 relative at convergence).
 *
 * Failure is reported, never returned as numbers:
 * - `singular`: the design (restricted to cases with positive weight) is rank deficient,
 *   judged as R's QR does (a column whose residual norm after the previous columns is
 *   below 1e-11 of its own norm); coefficients are then null.
 * - `separation`: the coefficients diverge — the last iteration still moved a coefficient
 *   by more than 1e-3 of its size although the deviance had stopped changing, which is the
 *   signature of complete or quasi-complete separation (Albert & Anderson 1984, Biometrika
 *   71:1–10), including an outcome with a single class. The last iterate is returned for
 *   information; it is not an estimate.
 * - `fittedZeroOrOne`: R's warning "fitted probabilities numerically 0 or 1 occurred"
 *   (some μ within 10ε of 0 or 1); informational — it also happens without separation
 *   when an offset is extreme.
 *
 * Case weights are prior weights in the likelihood, equal to bootstrap multiplicities
 * (a case of weight 2 counts twice); the start does not depend on them, so integer weights
 * follow the same iterations as duplicated rows.
 */
import { householderStep, trailingNorm } from './householder.js';

export interface LogisticRegressionInput {
  /** Covariate columns, each of the outcome's length (the intercept is not among them). */
  columns: Float64Array[];
  /** 1 = event, 0 = non-event. */
  outcome: Uint8Array;
  /** Known linear-predictor offset (e.g. logit p for calibration-in-the-large). */
  offset?: Float64Array;
  /** Whether to include an intercept (as the first coefficient). */
  intercept: boolean;
  /** Non-negative case weights (multiplicities); absent = all 1. */
  weights?: Float64Array;
  /** Default 100. */
  maxIterations?: number;
  /** Relative deviance change for convergence; default 1e-12. */
  tolerance?: number;
}

export interface LogisticFit {
  /** Intercept first (when requested), then one per column; null when `singular`. */
  coefficients: number[] | null;
  /** Inverse Fisher information at the coefficients; null when it cannot be computed. */
  covariance: number[][] | null;
  standardErrors: number[] | null;
  converged: boolean;
  iterations: number;
  separation: boolean;
  singular: boolean;
  fittedZeroOrOne: boolean;
  /** Residual deviance −2·log L at the returned coefficients (weighted). */
  deviance: number;
  /** Why the fit is not usable, when it is not. */
  message: string | null;
}

const EPSILON = 2.220446049250313e-16;
/** R's C_logit_linkinv / C_logit_mu_eta thresholds. */
const ETA_THRESHOLD = 30;
const RANK_TOLERANCE = 1e-11;
const DIVERGING_STEP = 1e-3;
/** Relative deviance increase treated as rounding noise rather than an overshooting step. */
const INCREASE_TOLERANCE = 1e-10;

function inverseLogit(eta: number): number {
  const t = eta < -ETA_THRESHOLD ? EPSILON : eta > ETA_THRESHOLD ? 1 / EPSILON : Math.exp(eta);
  return t / (1 + t);
}

function inverseLogitDerivative(eta: number): number {
  if (eta > ETA_THRESHOLD || eta < -ETA_THRESHOLD) return EPSILON;
  const onePlusExp = 1 + Math.exp(eta);
  return Math.exp(eta) / (onePlusExp * onePlusExp);
}

/** log(1 + eˣ) without overflow or loss of precision. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Binomial deviance contribution of one case, −2·log L, computed exactly from the linear
 * predictor (not from R's clamped μ, which makes R's deviance flat in η beyond |η| > 30).
 */
function unitDeviance(y: number, eta: number): number {
  return 2 * softplus(y === 1 ? -eta : eta);
}

interface QrSolution {
  coefficients: number[];
  /** Upper-triangular R (row-major, p × p). */
  r: number[][];
  rankDeficient: boolean;
}

/**
 * Least squares min ‖b − A·β‖ by Householder QR. `a` holds the p columns (length m each)
 * and is overwritten, as is `b`.
 */
function householderLeastSquares(a: Float64Array[], b: Float64Array): QrSolution {
  const p = a.length;
  const m = b.length;
  const r: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let rankDeficient = false;
  const originalNorms = a.map((column) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += (column[i] as number) ** 2;
    return Math.sqrt(s);
  });
  for (let j = 0; j < p; j++) {
    const norm = trailingNorm(a[j] as Float64Array, j);
    if (!(norm > RANK_TOLERANCE * (originalNorms[j] as number)) || j >= m) {
      rankDeficient = true;
      break;
    }
    householderStep(a, b, j, norm, r);
  }
  const coefficients = new Array<number>(p).fill(0);
  if (!rankDeficient) {
    for (let j = p - 1; j >= 0; j--) {
      let s = b[j] as number;
      const row = r[j] as number[];
      for (let k = j + 1; k < p; k++) s -= (row[k] as number) * (coefficients[k] as number);
      coefficients[j] = s / (row[j] as number);
    }
  }
  return { coefficients, r, rankDeficient };
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ for upper-triangular R. */
function inverseCrossProduct(r: number[][]): number[][] {
  const p = r.length;
  const inverse: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    // column j of R⁻¹ by back substitution
    for (let i = j; i >= 0; i--) {
      let s = i === j ? 1 : 0;
      const row = r[i] as number[];
      for (let k = i + 1; k <= j; k++) s -= (row[k] as number) * ((inverse[k] as number[])[j] as number);
      (inverse[i] as number[])[j] = s / (row[i] as number);
    }
  }
  const covariance: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = Math.max(i, k); j < p; j++) {
        s += ((inverse[i] as number[])[j] as number) * ((inverse[k] as number[])[j] as number);
      }
      (covariance[i] as number[])[k] = s;
    }
  }
  return covariance;
}

/**
 * value(i) for each index in `active`, as a typed array. A plain loop: `Float64Array.from` of
 * a 10⁶-element array with a mapping function iterates it through the iterator protocol and
 * took most of a calibration fit's time.
 */
function gather(active: readonly number[], value: (i: number) => number): Float64Array {
  const out = new Float64Array(active.length);
  for (let k = 0; k < active.length; k++) out[k] = value(active[k] as number);
  return out;
}

export function fitLogistic(input: LogisticRegressionInput): LogisticFit {
  const { columns, outcome, offset, intercept, weights } = input;
  const maxIterations = input.maxIterations ?? 100;
  const tolerance = input.tolerance ?? 1e-12;
  const n = outcome.length;
  for (const column of columns) {
    if (column.length !== n) throw new RangeError('fitLogistic: every column must have the outcome length');
  }
  if (offset && offset.length !== n) throw new RangeError('fitLogistic: offset length differs from outcome');
  if (weights && weights.length !== n)
    throw new RangeError('fitLogistic: weights length differs from outcome');

  // the cases that count (positive weight), with the design
  const active: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`fitLogistic: weight ${i} is ${w}`);
    const y = outcome[i] as number;
    if (y !== 0 && y !== 1) throw new RangeError(`fitLogistic: outcome ${i} is ${y}, expected 0 or 1`);
    const o = offset ? (offset[i] as number) : 0;
    if (!Number.isFinite(o)) throw new RangeError(`fitLogistic: offset ${i} is ${o}`);
    for (const column of columns) {
      if (!Number.isFinite(column[i] as number))
        throw new RangeError(`fitLogistic: covariate ${i} is not finite`);
    }
    if (w > 0) active.push(i);
  }
  const m = active.length;
  if (m === 0) throw new RangeError('fitLogistic: no case has a positive weight');
  const design: Float64Array[] = [];
  if (intercept) design.push(new Float64Array(m).fill(1));
  for (const column of columns) design.push(gather(active, (i) => column[i] as number));
  const p = design.length;
  const y = gather(active, (i) => outcome[i] as number);
  const w = gather(active, (i) => (weights ? (weights[i] as number) : 1));
  const off = gather(active, (i) => (offset ? (offset[i] as number) : 0));

  const eta = new Float64Array(m);
  const mu = new Float64Array(m);
  const setLinearPredictor = (beta: readonly number[]): number => {
    let deviance = 0;
    for (let i = 0; i < m; i++) {
      let value = off[i] as number;
      for (let j = 0; j < p; j++) value += ((design[j] as Float64Array)[i] as number) * (beta[j] as number);
      eta[i] = value;
      mu[i] = inverseLogit(value);
      deviance += (w[i] as number) * unitDeviance(y[i] as number, value);
    }
    return deviance;
  };

  const fittedExtremes = (): boolean => {
    for (let i = 0; i < m; i++) {
      const value = mu[i] as number;
      if (value < 10 * EPSILON || value > 1 - 10 * EPSILON) return true;
    }
    return false;
  };

  if (p === 0) {
    const deviance = setLinearPredictor([]);
    return {
      coefficients: [],
      covariance: [],
      standardErrors: [],
      converged: true,
      iterations: 0,
      separation: false,
      singular: false,
      fittedZeroOrOne: fittedExtremes(),
      deviance,
      message: null,
    };
  }

  const singularResult = (iterations: number, deviance: number): LogisticFit => ({
    coefficients: null,
    covariance: null,
    standardErrors: null,
    converged: false,
    iterations,
    separation: false,
    singular: true,
    fittedZeroOrOne: false,
    deviance,
    message: 'the design matrix is singular (a covariate is constant or collinear with the others)',
  });

  // start: μ = (y + ½)/2, η = logit μ (the offset enters through the working response)
  let devianceOld = 0;
  for (let i = 0; i < m; i++) {
    const start = ((y[i] as number) + 0.5) / 2;
    eta[i] = Math.log(start / (1 - start));
    mu[i] = start;
    devianceOld += (w[i] as number) * unitDeviance(y[i] as number, eta[i] as number);
  }

  let beta: number[] | null = null;
  let deviance = devianceOld;
  let converged = false;
  let iterations = 0;
  let lastStep = Number.POSITIVE_INFINITY;
  let stalled = false;
  const workingColumns = design.map((column) => new Float64Array(column.length));
  const workingResponse = new Float64Array(m);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    iterations = iteration;
    for (let i = 0; i < m; i++) {
      const derivative = inverseLogitDerivative(eta[i] as number);
      const muI = mu[i] as number;
      const variance = muI * (1 - muI);
      const z = (eta[i] as number) - (off[i] as number) + ((y[i] as number) - muI) / derivative;
      const rootWeight = Math.sqrt(((w[i] as number) * derivative * derivative) / variance);
      workingResponse[i] = rootWeight * z;
      for (let j = 0; j < p; j++) {
        (workingColumns[j] as Float64Array)[i] = rootWeight * ((design[j] as Float64Array)[i] as number);
      }
    }
    const solution = householderLeastSquares(workingColumns, workingResponse);
    if (solution.rankDeficient) return singularResult(iteration, deviance);
    let candidate = solution.coefficients;
    let candidateDeviance = setLinearPredictor(candidate);
    if (beta !== null) {
      const previous = beta;
      // an increase beyond rounding noise means the step overshot: halve it
      const increased = (value: number): boolean =>
        !(value - devianceOld <= INCREASE_TOLERANCE * (Math.abs(devianceOld) + 0.1));
      let halvings = 0;
      while (increased(candidateDeviance) && halvings < 40) {
        candidate = candidate.map((value, j) => (value + (previous[j] as number)) / 2);
        candidateDeviance = setLinearPredictor(candidate);
        halvings++;
      }
      if (increased(candidateDeviance)) {
        deviance = setLinearPredictor(previous);
        stalled = true;
        break;
      }
      lastStep = 0;
      for (let j = 0; j < p; j++) {
        const value = candidate[j] as number;
        lastStep = Math.max(
          lastStep,
          Math.abs(value - (previous[j] as number)) / Math.max(1, Math.abs(value)),
        );
      }
    }
    beta = candidate;
    deviance = candidateDeviance;
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    devianceOld = deviance;
  }

  const coefficients = beta ?? new Array<number>(p).fill(0);
  deviance = setLinearPredictor(coefficients);
  const separation = lastStep > DIVERGING_STEP;
  const fittedZeroOrOne = fittedExtremes();

  // inverse Fisher information at the final coefficients
  for (let i = 0; i < m; i++) {
    const derivative = inverseLogitDerivative(eta[i] as number);
    const muI = mu[i] as number;
    const rootWeight = Math.sqrt(((w[i] as number) * derivative * derivative) / (muI * (1 - muI)));
    workingResponse[i] = 0;
    for (let j = 0; j < p; j++) {
      (workingColumns[j] as Float64Array)[i] = rootWeight * ((design[j] as Float64Array)[i] as number);
    }
  }
  const information = householderLeastSquares(workingColumns, workingResponse);
  let covariance: number[][] | null = null;
  let standardErrors: number[] | null = null;
  if (!information.rankDeficient) {
    covariance = inverseCrossProduct(information.r);
    standardErrors = covariance.map((row, j) => Math.sqrt(row[j] as number));
    const finite = covariance.every((row) => row.every((value) => Number.isFinite(value)));
    if (!finite) {
      covariance = null;
      standardErrors = null;
    }
  }
  if (!coefficients.every((value) => Number.isFinite(value)) || !Number.isFinite(deviance)) {
    return {
      coefficients: null,
      covariance: null,
      standardErrors: null,
      converged: false,
      iterations,
      separation,
      singular: false,
      fittedZeroOrOne,
      deviance: Number.isFinite(deviance) ? deviance : 0,
      message: 'the fit produced non-finite values',
    };
  }

  let message: string | null = null;
  if (separation) {
    message =
      'the coefficients diverge (complete or quasi-complete separation): the maximum-likelihood estimate does not exist';
  } else if (stalled) {
    message = 'the fit stalled: no step along the IRLS direction decreased the deviance';
  } else if (!converged) {
    message = `the fit did not converge in ${maxIterations} iterations`;
  } else if (covariance === null) {
    message = 'the Fisher information is singular at the estimate';
  }
  return {
    coefficients,
    covariance,
    standardErrors,
    converged,
    iterations,
    separation,
    singular: false,
    fittedZeroOrOne,
    deviance,
    message,
  };
}

/** Whether a fit can be reported: converged, no separation, non-singular, with a covariance. */
export function isUsableFit(fit: LogisticFit): boolean {
  return (
    fit.converged && !fit.separation && !fit.singular && fit.coefficients !== null && fit.covariance !== null
  );
}
