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
 *
 * The passes over the cases are irlsPasses.ts (any design) and irlsPassesSmall.ts (an
 * intercept with at most one covariate, the calibration fits: same bits, several times faster).
 */
import { generalPasses, type ActiveCases, type IrlsPasses } from './irlsPasses.js';
import { smallPasses } from './irlsPassesSmall.js';
import { groupedPasses, type GroupedBinomial } from './irlsPassesGrouped.js';

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
  /**
   * `general`: the Householder passes for any design even where the written-out passes for an
   * intercept and at most one covariate apply (they give the same bits; tests compare them).
   */
  passes?: 'general';
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

const DIVERGING_STEP = 1e-3;
/** Relative deviance increase treated as rounding noise rather than an overshooting step. */
const INCREASE_TOLERANCE = 1e-10;

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

/** `values` at each index in `active`, as a typed array. */
function gather(active: Uint32Array, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(active.length);
  for (let k = 0; k < active.length; k++) out[k] = values[active[k] as number] as number;
  return out;
}

/**
 * Checks the input and returns the cases that count (positive weight): the input's own arrays
 * when every case counts, gathered copies otherwise.
 */
function activeCases(input: LogisticRegressionInput): ActiveCases {
  const { columns, outcome, offset, weights } = input;
  const n = outcome.length;
  for (const column of columns) {
    if (column.length !== n) throw new RangeError('fitLogistic: every column must have the outcome length');
  }
  if (offset && offset.length !== n) throw new RangeError('fitLogistic: offset length differs from outcome');
  if (weights && weights.length !== n)
    throw new RangeError('fitLogistic: weights length differs from outcome');
  const active = new Uint32Array(n);
  let m = 0;
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
    if (w > 0) active[m++] = i;
  }
  if (m === 0) throw new RangeError('fitLogistic: no case has a positive weight');
  if (m === n) return { m, columns, outcome, offset: offset ?? null, weights: weights ?? null };
  const kept = active.subarray(0, m);
  return {
    m,
    columns: columns.map((column) => gather(kept, column)),
    outcome: gather(kept, outcome),
    offset: offset ? gather(kept, offset) : null,
    weights: weights ? gather(kept, weights) : null,
  };
}

export function fitLogistic(input: LogisticRegressionInput): LogisticFit {
  const cases = activeCases(input);
  const small = input.passes !== 'general' && input.intercept && input.columns.length <= 1;
  return iterate(small ? smallPasses(cases) : generalPasses(cases, input.intercept), {
    maxIterations: input.maxIterations ?? 100,
    tolerance: input.tolerance ?? 1e-12,
  });
}

/**
 * The same fit for binomial data given as groups (N cases and n1 events at each value of an
 * intercept-only or one-covariate design; irlsPassesGrouped.ts): the fit of the expanded
 * cases up to rounding, one pass over the groups per iteration.
 */
export function fitGroupedLogistic(
  data: GroupedBinomial,
  limits: { maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  // groupedPasses checks the groups (N > 0, 0 ≤ n1 ≤ N, finite values) as it sets up
  return iterate(groupedPasses(data), {
    maxIterations: limits.maxIterations ?? 100,
    tolerance: limits.tolerance ?? 1e-12,
  });
}

/** A fit without estimates: every estimate null, the reason in `message`. */
function failedFit(
  failure: Pick<
    LogisticFit,
    'iterations' | 'separation' | 'singular' | 'fittedZeroOrOne' | 'deviance' | 'message'
  >,
): LogisticFit {
  return { coefficients: null, covariance: null, standardErrors: null, converged: false, ...failure };
}

function singularResult(iterations: number, deviance: number): LogisticFit {
  return failedFit({
    iterations,
    separation: false,
    singular: true,
    fittedZeroOrOne: false,
    deviance,
    message: 'the design matrix is singular (a covariate is constant or collinear with the others)',
  });
}

/** The IRLS iteration over the given passes (see the module comment). */
function iterate(passes: IrlsPasses, limits: { maxIterations: number; tolerance: number }): LogisticFit {
  const { p } = passes;
  const { maxIterations, tolerance } = limits;
  // the coefficients of the latest linear predictor, so that it is not evaluated twice
  let evaluatedAt: readonly number[] | null = null;
  const setLinearPredictor = (beta: readonly number[]): number => {
    evaluatedAt = beta;
    return passes.setLinearPredictor(beta);
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
      fittedZeroOrOne: passes.fittedExtremes(),
      deviance,
      message: null,
    };
  }

  // start: μ = (y + ½)/2, η = logit μ (the offset enters through the working response)
  let devianceOld = passes.start();
  let beta: number[] | null = null;
  let deviance = devianceOld;
  let converged = false;
  let iterations = 0;
  let lastStep = Number.POSITIVE_INFINITY;
  let stalled = false;

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    iterations = iteration;
    const solution = passes.solve();
    if (solution === null) return singularResult(iteration, deviance);
    let candidate = solution;
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
  // η and μ at the returned coefficients (the latest evaluation unless no step was taken)
  if (evaluatedAt !== coefficients) deviance = setLinearPredictor(coefficients);
  const separation = lastStep > DIVERGING_STEP;
  const fittedZeroOrOne = passes.fittedExtremes();

  // inverse Fisher information at the final coefficients
  const factor = passes.informationFactor();
  let covariance: number[][] | null = null;
  let standardErrors: number[] | null = null;
  if (factor !== null) {
    covariance = inverseCrossProduct(factor);
    standardErrors = covariance.map((row, j) => Math.sqrt(row[j] as number));
    const finite = covariance.every((row) => row.every((value) => Number.isFinite(value)));
    if (!finite) {
      covariance = null;
      standardErrors = null;
    }
  }
  if (!coefficients.every((value) => Number.isFinite(value)) || !Number.isFinite(deviance)) {
    return failedFit({
      iterations,
      separation,
      singular: false,
      fittedZeroOrOne,
      deviance: Number.isFinite(deviance) ? deviance : 0,
      message: 'the fit produced non-finite values',
    });
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
