/**
 * IRLS passes (irlsPasses.ts) for an intercept with at most one covariate — both calibration
 * fits: `y ~ 1 + offset(logit p)` and `y ~ logit p` — at 10⁶ cases. The arithmetic is that of
 * `generalPasses`, operation for operation and in the same order (so every fit is bit-identical
 * to it; the tests compare the two), with the work rearranged:
 *
 * - the Householder QR of the two columns [1, x]·W^½ is written out: each reflection needs the
 *   column's full norm before its first element is known, so a QR is one weighting pass (which
 *   also sums the squared norms), one pass for the two dot products, one that applies the first
 *   reflection and sums the second column's trailing norm, and one dot product;
 * - e^η is kept from the linear-predictor pass, so that μ′(η) = e^η/(1 + e^η)² and, for η ≤ 0,
 *   the deviance's log(1 + e^{−|η|}) need no further exponential (R's ε-guards beyond |η| > 30
 *   are kept as they are);
 * - each pass is a top-level function over typed arrays that are always present (an absent
 *   offset is zeros and absent weights are ones, as the general passes gather them), so that
 *   V8 optimises each loop once and keeps it: no per-case closure, branch or boxed number.
 */
import { RANK_TOLERANCE, startEta, unitDeviance, type ActiveCases, type IrlsPasses } from './irlsPasses.js';

/**
 * ε and the |η| guard of irlsPasses.ts, as module-local constants: V8 folds these into the
 * loops, while imported bindings are loaded as boxed values and made the loops allocate a
 * number per case (measured: 15–30 young-generation collections per pass at 10⁶ cases).
 */
const EPSILON = 2.220446049250313e-16;
const ETA_THRESHOLD = 30;
const LOWER_THRESHOLD = -30;

/** The per-case arrays of one fit; η, μ and e^η are those of the latest evaluation. */
interface Arrays {
  m: number;
  y: Uint8Array;
  weights: Float64Array;
  offset: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  expEta: Float64Array;
  /** W^½ (the intercept's weighted column), then its Householder vector. */
  a0: Float64Array;
  /** W^½ response z. */
  b: Float64Array;
}

/** μ′(η) as `inverseLogitDerivative`, from e^η kept by the linear-predictor pass. */
function derivativeAt(eta: number, expEta: number): number {
  if (eta > ETA_THRESHOLD || eta < LOWER_THRESHOLD) return EPSILON;
  const onePlusExp = 1 + expEta;
  return expEta / (onePlusExp * onePlusExp);
}

/** W^½ into a0 and W^½z into b; returns Σ a0². */
function weighIntercept(s: Arrays): number {
  const { m, y, weights, offset, eta, mu, expEta, a0, b } = s;
  let squares = 0;
  for (let i = 0; i < m; i++) {
    const etaI = eta[i] as number;
    const derivative = derivativeAt(etaI, expEta[i] as number);
    const muI = mu[i] as number;
    const variance = muI * (1 - muI);
    const rootWeight = Math.sqrt(((weights[i] as number) * derivative * derivative) / variance);
    b[i] = rootWeight * (etaI - (offset[i] as number) + ((y[i] as number) - muI) / derivative);
    const value = rootWeight * 1;
    a0[i] = value;
    squares += value ** 2;
  }
  return squares;
}

/** As `weighIntercept`, and W^½x into a1; Σ a0² and Σ a1² into `out`. */
function weighSlope(s: Arrays, x: Float64Array, a1: Float64Array, out: Float64Array): void {
  const { m, y, weights, offset, eta, mu, expEta, a0, b } = s;
  let squares0 = 0;
  let squares1 = 0;
  for (let i = 0; i < m; i++) {
    const etaI = eta[i] as number;
    const derivative = derivativeAt(etaI, expEta[i] as number);
    const muI = mu[i] as number;
    const variance = muI * (1 - muI);
    const rootWeight = Math.sqrt(((weights[i] as number) * derivative * derivative) / variance);
    b[i] = rootWeight * (etaI - (offset[i] as number) + ((y[i] as number) - muI) / derivative);
    const value0 = rootWeight * 1;
    a0[i] = value0;
    squares0 += value0 ** 2;
    const value1 = rootWeight * (x[i] as number);
    a1[i] = value1;
    squares1 += value1 ** 2;
  }
  out[0] = squares0;
  out[1] = squares1;
}

/** Σ u[i]·v[i] for i from `from`. */
function dot(u: Float64Array, v: Float64Array, from: number, m: number): number {
  let sum = 0;
  for (let i = from; i < m; i++) sum += (u[i] as number) * (v[i] as number);
  return sum;
}

/** Σ v·a1 and Σ v·b into `out` (one pass). */
function twoDots(v: Float64Array, a1: Float64Array, b: Float64Array, m: number, out: Float64Array): void {
  let dot1 = 0;
  let dotB = 0;
  for (let i = 0; i < m; i++) {
    const vi = v[i] as number;
    dot1 += vi * (a1[i] as number);
    dotB += vi * (b[i] as number);
  }
  out[0] = dot1;
  out[1] = dotB;
}

/** a1 −= scale1·v and b −= scaleB·v; returns Σ_{i≥1} a1² after the reflection. */
function reflectTwo(
  v: Float64Array,
  a1: Float64Array,
  b: Float64Array,
  scales: { scale1: number; scaleB: number; m: number },
): number {
  const { scale1, scaleB, m } = scales;
  let trailing = 0;
  for (let i = 0; i < m; i++) {
    const vi = v[i] as number;
    const value = (a1[i] as number) - scale1 * vi;
    a1[i] = value;
    b[i] = (b[i] as number) - scaleB * vi;
    if (i >= 1) trailing += value ** 2;
  }
  return trailing;
}

/**
 * η = offset + β₀ (+ x·β₁), μ, e^η and the deviance Σ w·2·softplus(∓η); `out[0]` = 1 when some
 * μ is within 10ε of 0 or 1.
 */
function linearPredictor(
  s: Arrays,
  x: Float64Array | null,
  beta: { beta0: number; beta1: number },
  out: Float64Array,
): number {
  return x === null ? predictIntercept(s, beta.beta0, out) : predictSlope(s, x, beta, out);
}

/** Deviance contribution 2·softplus(s) of a case, s = ∓η, given t = e^η (|η| ≤ 30) as kept. */
function caseDeviance(label: number, eta: number, t: number): number {
  const s = label === 1 ? -eta : eta;
  // log(1 + e^{−|s|}); e^{−|s|} = e^η = t when η ≤ 0 (and t unguarded)
  const e = eta <= 0 && eta >= LOWER_THRESHOLD ? t : s > 0 ? Math.exp(-s) : Math.exp(s);
  return 2 * (s > 0 ? s + Math.log1p(e) : Math.log1p(e));
}

function predictIntercept(s: Arrays, beta0: number, out: Float64Array): number {
  const { m, y, weights, offset, eta, mu, expEta } = s;
  let deviance = 0;
  let extreme = 0;
  // a case with the offset and outcome of the one before it repeats its numbers exactly
  // (tied predictions are neighbours in the canonical order): no second e^η or log1p
  let lastOffset = Number.NaN;
  let lastLabel = -1;
  let t = 0;
  let muI = 0;
  let value = 0;
  let contribution = 0;
  for (let i = 0; i < m; i++) {
    const o = offset[i] as number;
    const label = y[i] as number;
    if (o !== lastOffset || label !== lastLabel) {
      value = o;
      value += 1 * beta0;
      t = value < LOWER_THRESHOLD ? EPSILON : value > ETA_THRESHOLD ? 1 / EPSILON : Math.exp(value);
      muI = t / (1 + t);
      contribution = caseDeviance(label, value, t);
      lastOffset = o;
      lastLabel = label;
    }
    eta[i] = value;
    expEta[i] = t;
    mu[i] = muI;
    if (muI < 10 * EPSILON || muI > 1 - 10 * EPSILON) extreme = 1;
    deviance += (weights[i] as number) * contribution;
  }
  out[0] = extreme;
  return deviance;
}

function predictSlope(
  s: Arrays,
  x: Float64Array,
  beta: { beta0: number; beta1: number },
  out: Float64Array,
): number {
  const { m, y, weights, offset, eta, mu, expEta } = s;
  const { beta0, beta1 } = beta;
  let deviance = 0;
  let extreme = 0;
  // as in predictIntercept: a repeat of the case before it is not recomputed
  let lastOffset = Number.NaN;
  let lastX = Number.NaN;
  let lastLabel = -1;
  let t = 0;
  let muI = 0;
  let value = 0;
  let contribution = 0;
  for (let i = 0; i < m; i++) {
    const o = offset[i] as number;
    const xi = x[i] as number;
    const label = y[i] as number;
    if (xi !== lastX || o !== lastOffset || label !== lastLabel) {
      value = o;
      value += 1 * beta0;
      value += xi * beta1;
      t = value < LOWER_THRESHOLD ? EPSILON : value > ETA_THRESHOLD ? 1 / EPSILON : Math.exp(value);
      muI = t / (1 + t);
      contribution = caseDeviance(label, value, t);
      lastOffset = o;
      lastX = xi;
      lastLabel = label;
    }
    eta[i] = value;
    expEta[i] = t;
    mu[i] = muI;
    if (muI < 10 * EPSILON || muI > 1 - 10 * EPSILON) extreme = 1;
    deviance += (weights[i] as number) * contribution;
  }
  out[0] = extreme;
  return deviance;
}

/** The start: η = logit((y + ½)/2), μ, e^η; the deviance there. */
function startPass(s: Arrays): number {
  const { m, y, weights, eta, mu, expEta } = s;
  const eta0 = startEta(0);
  const eta1 = startEta(1);
  const exp0 = Math.exp(eta0);
  const exp1 = Math.exp(eta1);
  const deviance0 = unitDeviance(0, eta0);
  const deviance1 = unitDeviance(1, eta1);
  let deviance = 0;
  for (let i = 0; i < m; i++) {
    const one = y[i] === 1;
    eta[i] = one ? eta1 : eta0;
    expEta[i] = one ? exp1 : exp0;
    mu[i] = one ? 0.75 : 0.25;
    deviance += (weights[i] as number) * (one ? deviance1 : deviance0);
  }
  return deviance;
}

/** One Householder reflection's pivot: α = ∓‖column‖, vᵀv and the head of v. */
function pivot(norm: number, head: number): { alpha: number; vv: number; v0: number } {
  const alpha = head > 0 ? -norm : norm;
  return { alpha, vv: 2 * norm * (norm + Math.abs(head)), v0: head - alpha };
}

/** R and the coefficients of the weighted least squares after `weigh`; null when rank deficient. */
function solveIntercept(s: Arrays, squares: number): { r: number[][]; beta: number[] } | null {
  const { m, a0, b } = s;
  const norm0 = Math.sqrt(squares);
  if (!(norm0 > RANK_TOLERANCE * norm0) || m < 1) return null;
  const first = pivot(norm0, a0[0] as number);
  a0[0] = first.v0;
  const b0 = (b[0] as number) - ((2 * dot(a0, b, 0, m)) / first.vv) * (a0[0] as number);
  return { r: [[first.alpha]], beta: [b0 / first.alpha] };
}

function solveSlope(
  s: Arrays,
  a1: Float64Array,
  squares: Float64Array,
): { r: number[][]; beta: number[] } | null {
  const { m, a0, b } = s;
  const norm0 = Math.sqrt(squares[0] as number);
  if (!(norm0 > RANK_TOLERANCE * norm0) || m < 1) return null;
  const first = pivot(norm0, a0[0] as number);
  a0[0] = first.v0;
  const dots = new Float64Array(2);
  twoDots(a0, a1, b, m, dots);
  const trailing = reflectTwo(a0, a1, b, {
    scale1: (2 * (dots[0] as number)) / first.vv,
    scaleB: (2 * (dots[1] as number)) / first.vv,
    m,
  });
  const norm1 = Math.sqrt(trailing);
  if (!(norm1 > RANK_TOLERANCE * Math.sqrt(squares[1] as number)) || m < 2) return null;
  const second = pivot(norm1, a1[1] as number);
  a1[1] = second.v0;
  const r = [
    [first.alpha, a1[0] as number],
    [0, second.alpha],
  ];
  const b1 = (b[1] as number) - ((2 * dot(a1, b, 1, m)) / second.vv) * (a1[1] as number);
  const beta1 = b1 / second.alpha;
  let sum = b[0] as number;
  sum -= (a1[0] as number) * beta1;
  return { r, beta: [sum / first.alpha, beta1] };
}

/** `values` as a Uint8Array (the outcome gathered by the general code may be a Float64Array). */
function asBytes(values: ArrayLike<number>): Uint8Array {
  return values instanceof Uint8Array ? values : Uint8Array.from(values as ArrayLike<number>);
}

/** The arrays a fit of m cases works in, kept between fits (see `workspaceFor`). */
interface Workspace {
  m: number;
  ones: Float64Array;
  zeros: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  expEta: Float64Array;
  a0: Float64Array;
  a1: Float64Array;
  b: Float64Array;
}

let lastWorkspace: WeakRef<Workspace> | null = null;

/**
 * Working arrays for m cases: those of the previous fit when it had as many cases (a model's
 * two calibration fits, then the next model's) and the garbage collector has not taken them.
 * At 10⁶ cases a fit's eight arrays are 64 MB: allocating them afresh for every fit cost more
 * page faults and full collections than the fit itself. The fits run one at a time, each
 * overwriting every element it reads, so sharing them changes no result.
 */
function workspaceFor(m: number): Workspace {
  const kept = lastWorkspace?.deref();
  if (kept && kept.m === m) return kept;
  const workspace: Workspace = {
    m,
    ones: new Float64Array(m).fill(1),
    zeros: new Float64Array(m),
    eta: new Float64Array(m),
    mu: new Float64Array(m),
    expEta: new Float64Array(m),
    a0: new Float64Array(m),
    a1: new Float64Array(m),
    b: new Float64Array(m),
  };
  lastWorkspace = new WeakRef(workspace);
  return workspace;
}

export function smallPasses(cases: ActiveCases): IrlsPasses {
  const { m } = cases;
  const x = cases.columns[0] ?? null;
  const work = workspaceFor(m);
  const s: Arrays = {
    m,
    y: asBytes(cases.outcome),
    weights: cases.weights ?? work.ones,
    offset: cases.offset ?? work.zeros,
    eta: work.eta,
    mu: work.mu,
    expEta: work.expEta,
    a0: work.a0,
    b: work.b,
  };
  const a1 = x ? work.a1 : null;
  const scratch = new Float64Array(2);
  let extremes = false;

  /** The QR after weighing at the current η, μ (the response is weighed too, always). */
  const factor = (): { r: number[][]; beta: number[] } | null => {
    if (x === null || a1 === null) return solveIntercept(s, weighIntercept(s));
    weighSlope(s, x, a1, scratch);
    return solveSlope(s, a1, scratch);
  };

  return {
    p: x ? 2 : 1,
    start: () => startPass(s),
    solve: () => factor()?.beta ?? null,
    setLinearPredictor(beta: readonly number[]): number {
      const deviance = linearPredictor(
        s,
        x,
        { beta0: beta[0] as number, beta1: x ? (beta[1] as number) : 0 },
        scratch,
      );
      extremes = scratch[0] === 1;
      return deviance;
    },
    fittedExtremes: () => extremes,
    informationFactor: () => factor()?.r ?? null,
  };
}
