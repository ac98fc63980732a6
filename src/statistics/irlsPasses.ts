/**
 * The numeric passes of one logistic IRLS fit (logisticRegression.ts holds the iteration, step
 * halving and the diagnosis of failures): the cases that count, the start, one weighted least
 * squares solve by Householder QR (Golub & Van Loan, Matrix Computations, §5.1–5.2), the linear
 * predictor with the deviance, and the R factor of W^½X for the Fisher information.
 *
 * `generalPasses` works for any number of coefficients; irlsPassesSmall.ts does the same
 * arithmetic, operation for operation, for an intercept with at most one covariate (both
 * calibration fits) in a few fused loops over typed arrays, so that its fits are bit-identical
 * to these.
 */
import { householderStep, trailingNorm } from './householder.js';

export const EPSILON = 2.220446049250313e-16;
/** R's C_logit_linkinv / C_logit_mu_eta thresholds. */
export const ETA_THRESHOLD = 30;
export const RANK_TOLERANCE = 1e-11;

/** The cases with positive weight, gathered (or the input arrays themselves when all count). */
export interface ActiveCases {
  m: number;
  /** Covariate columns (without the intercept). */
  columns: Float64Array[];
  outcome: ArrayLike<number>;
  /** Absent = no offset. */
  offset: Float64Array | null;
  /** Absent = every weight 1. */
  weights: Float64Array | null;
}

/** The passes an IRLS fit makes over its cases; each keeps η, μ of its latest evaluation. */
export interface IrlsPasses {
  /** Number of coefficients. */
  readonly p: number;
  /** Sets η = logit μ with μ = (y + ½)/2 (R's `mustart`); the deviance there. */
  start(): number;
  /** The weighted least-squares solution at the current η, μ; null when the design is rank deficient. */
  solve(): number[] | null;
  /** Sets η = offset + Xβ and μ; the deviance −2·log L there (weighted). */
  setLinearPredictor(beta: readonly number[]): number;
  /** Whether some μ of the latest evaluation is within 10ε of 0 or 1. */
  fittedExtremes(): boolean;
  /** Upper-triangular R of W^½X at the current η, μ (row-major, p × p); null when rank deficient. */
  informationFactor(): number[][] | null;
}

export function inverseLogit(eta: number): number {
  const t = eta < -ETA_THRESHOLD ? EPSILON : eta > ETA_THRESHOLD ? 1 / EPSILON : Math.exp(eta);
  return t / (1 + t);
}

export function inverseLogitDerivative(eta: number): number {
  if (eta > ETA_THRESHOLD || eta < -ETA_THRESHOLD) return EPSILON;
  const onePlusExp = 1 + Math.exp(eta);
  return Math.exp(eta) / (onePlusExp * onePlusExp);
}

/** log(1 + eˣ) without overflow or loss of precision. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/**
 * Binomial deviance contribution of one case, −2·log L, computed exactly from the linear
 * predictor (not from R's clamped μ, which makes R's deviance flat in η beyond |η| > 30).
 */
export function unitDeviance(y: number, eta: number): number {
  return 2 * softplus(y === 1 ? -eta : eta);
}

/** The start η = logit((y + ½)/2) of an outcome y. */
export function startEta(y: number): number {
  const start = (y + 0.5) / 2;
  return Math.log(start / (1 - start));
}

interface QrSolution {
  coefficients: number[];
  /** Upper-triangular R (row-major, p × p). */
  r: number[][];
  rankDeficient: boolean;
}

/**
 * Least squares min ‖b − A·β‖ by Householder QR. `a` holds the p columns (length m each)
 * and is overwritten, as is `b`. A column whose residual norm after the previous columns is
 * below 1e-11 of its own norm makes the design rank deficient (as R's QR judges it).
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

/** The passes for any design: the columns gathered with the intercept, a QR of all p columns. */
export function generalPasses(cases: ActiveCases, intercept: boolean): IrlsPasses {
  const { m, outcome: y, offset, weights } = cases;
  const design: Float64Array[] = [];
  if (intercept) design.push(new Float64Array(m).fill(1));
  design.push(...cases.columns);
  const p = design.length;
  const eta = new Float64Array(m);
  const mu = new Float64Array(m);
  const workingColumns = design.map((column) => new Float64Array(column.length));
  const workingResponse = new Float64Array(m);
  const weightOf = (i: number): number => (weights ? (weights[i] as number) : 1);
  const offsetOf = (i: number): number => (offset ? (offset[i] as number) : 0);

  /** W^½X into the working columns and W^½z into the working response (z = 0 when not wanted). */
  const weighDesign = (withResponse: boolean): void => {
    for (let i = 0; i < m; i++) {
      const derivative = inverseLogitDerivative(eta[i] as number);
      const muI = mu[i] as number;
      const variance = muI * (1 - muI);
      const rootWeight = Math.sqrt((weightOf(i) * derivative * derivative) / variance);
      workingResponse[i] = withResponse
        ? rootWeight * ((eta[i] as number) - offsetOf(i) + ((y[i] as number) - muI) / derivative)
        : 0;
      for (let j = 0; j < p; j++) {
        (workingColumns[j] as Float64Array)[i] = rootWeight * ((design[j] as Float64Array)[i] as number);
      }
    }
  };

  return {
    p,
    start(): number {
      let deviance = 0;
      for (let i = 0; i < m; i++) {
        const value = startEta(y[i] as number);
        eta[i] = value;
        mu[i] = ((y[i] as number) + 0.5) / 2;
        deviance += weightOf(i) * unitDeviance(y[i] as number, value);
      }
      return deviance;
    },
    solve(): number[] | null {
      weighDesign(true);
      const solution = householderLeastSquares(workingColumns, workingResponse);
      return solution.rankDeficient ? null : solution.coefficients;
    },
    setLinearPredictor(beta: readonly number[]): number {
      let deviance = 0;
      for (let i = 0; i < m; i++) {
        let value = offsetOf(i);
        for (let j = 0; j < p; j++) value += ((design[j] as Float64Array)[i] as number) * (beta[j] as number);
        eta[i] = value;
        mu[i] = inverseLogit(value);
        deviance += weightOf(i) * unitDeviance(y[i] as number, value);
      }
      return deviance;
    },
    fittedExtremes(): boolean {
      for (let i = 0; i < m; i++) {
        const value = mu[i] as number;
        if (value < 10 * EPSILON || value > 1 - 10 * EPSILON) return true;
      }
      return false;
    },
    informationFactor(): number[][] | null {
      weighDesign(false);
      const information = householderLeastSquares(workingColumns, workingResponse);
      return information.rankDeficient ? null : information.r;
    },
  };
}
