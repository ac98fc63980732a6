/**
 * IRLS passes (irlsPasses.ts) for an intercept with at most one covariate — both calibration
 * fits: `y ~ 1 + offset(logit p)` and `y ~ logit p` — at 10⁶ cases. The arithmetic is that of
 * `generalPasses`, operation for operation and in the same order (so every fit is bit-identical
 * to it; the tests compare the two), with the work rearranged:
 *
 * - the Householder QR of the two columns [1, x]·W^½ is written out: each reflection needs the
 *   column's full norm before its first element is known, so a QR is one weighting pass (which
 *   also sums the squared norms), one pass for the two dot products, one that applies the first
 *   reflection and sums the second column's trailing norm, and one dot product; only the
 *   elements of the right-hand side that back substitution reads are updated;
 * - e^η is kept from the linear-predictor pass, so that μ′(η) = e^η/(1 + e^η)² and, for η ≤ 0,
 *   the deviance's log(1 + e^{−|η|}) need no further exponential (R's ε-guards beyond |η| > 30
 *   are kept as they are);
 * - no per-case closures, and the whole sample is used in place when every weight is positive.
 */
import {
  EPSILON,
  ETA_THRESHOLD,
  RANK_TOLERANCE,
  startEta,
  unitDeviance,
  type ActiveCases,
  type IrlsPasses,
} from './irlsPasses.js';

/** One Householder reflection's pivot: α = ∓‖column‖ and vᵀv for the head element. */
function pivot(norm: number, head: number): { alpha: number; vv: number; v0: number } {
  const alpha = head > 0 ? -norm : norm;
  return { alpha, vv: 2 * norm * (norm + Math.abs(head)), v0: head - alpha };
}

export function smallPasses(cases: ActiveCases): IrlsPasses {
  const { m, outcome: y, offset, weights } = cases;
  const x = cases.columns[0] ?? null;
  const p = x ? 2 : 1;
  const eta = new Float64Array(m);
  const mu = new Float64Array(m);
  /** e^η where |η| ≤ 30 (η's own guard otherwise). */
  const expEta = new Float64Array(m);
  const a0 = new Float64Array(m);
  const a1 = x ? new Float64Array(m) : a0;
  const b = new Float64Array(m);
  let extremes = false;

  /**
   * W^½·[1, x] into a0, a1 and W^½z into b (b untouched when `withResponse` is false); the sums
   * of squares of a0 and a1.
   */
  const weigh = (withResponse: boolean): [number, number] => {
    let squares0 = 0;
    let squares1 = 0;
    for (let i = 0; i < m; i++) {
      const etaI = eta[i] as number;
      let derivative = EPSILON;
      if (!(etaI > ETA_THRESHOLD || etaI < -ETA_THRESHOLD)) {
        const t = expEta[i] as number;
        const onePlusExp = 1 + t;
        derivative = t / (onePlusExp * onePlusExp);
      }
      const muI = mu[i] as number;
      const variance = muI * (1 - muI);
      const w = weights ? (weights[i] as number) : 1;
      const rootWeight = Math.sqrt((w * derivative * derivative) / variance);
      if (withResponse) {
        const off = offset ? (offset[i] as number) : 0;
        b[i] = rootWeight * (etaI - off + ((y[i] as number) - muI) / derivative);
      }
      const value0 = rootWeight * 1;
      a0[i] = value0;
      squares0 += value0 ** 2;
      if (x) {
        const value1 = rootWeight * (x[i] as number);
        a1[i] = value1;
        squares1 += value1 ** 2;
      }
    }
    return [squares0, squares1];
  };

  /**
   * The QR of the weighted columns (after `weigh`): R, and (when `solve`) the coefficients from
   * the reflected right-hand side; null when rank deficient.
   */
  const factor = (squares: [number, number], solve: boolean): { r: number[][]; beta: number[] } | null => {
    const norm0 = Math.sqrt(squares[0]);
    if (!(norm0 > RANK_TOLERANCE * norm0) || m < 1) return null;
    const first = pivot(norm0, a0[0] as number);
    a0[0] = first.v0;
    if (!x) {
      const r = [[first.alpha]];
      if (!solve) return { r, beta: [] };
      let dot = 0;
      for (let i = 0; i < m; i++) dot += (a0[i] as number) * (b[i] as number);
      const b0 = (b[0] as number) - ((2 * dot) / first.vv) * (a0[0] as number);
      return { r, beta: [b0 / first.alpha] };
    }
    // reflect a1 and b by the first reflection (dot products over every case)
    let dot1 = 0;
    let dotB = 0;
    for (let i = 0; i < m; i++) {
      const v = a0[i] as number;
      dot1 += v * (a1[i] as number);
      if (solve) dotB += v * (b[i] as number);
    }
    const scale1 = (2 * dot1) / first.vv;
    const scaleB = (2 * dotB) / first.vv;
    let trailing = 0;
    for (let i = 0; i < m; i++) {
      const v = a0[i] as number;
      const value = (a1[i] as number) - scale1 * v;
      a1[i] = value;
      if (solve) b[i] = (b[i] as number) - scaleB * v;
      if (i >= 1) trailing += value ** 2;
    }
    const norm1 = Math.sqrt(trailing);
    if (!(norm1 > RANK_TOLERANCE * Math.sqrt(squares[1])) || m < 2) return null;
    const second = pivot(norm1, a1[1] as number);
    a1[1] = second.v0;
    const r = [
      [first.alpha, a1[0] as number],
      [0, second.alpha],
    ];
    if (!solve) return { r, beta: [] };
    let dot = 0;
    for (let i = 1; i < m; i++) dot += (a1[i] as number) * (b[i] as number);
    const b1 = (b[1] as number) - ((2 * dot) / second.vv) * (a1[1] as number);
    const beta1 = b1 / second.alpha;
    let s = b[0] as number;
    s -= (a1[0] as number) * beta1;
    return { r, beta: [s / first.alpha, beta1] };
  };

  return {
    p,
    start(): number {
      const startValues = [0, 1].map((label) => {
        const value = startEta(label);
        return {
          eta: value,
          exp: Math.exp(value),
          mu: (label + 0.5) / 2,
          deviance: unitDeviance(label, value),
        };
      });
      let deviance = 0;
      for (let i = 0; i < m; i++) {
        const start = startValues[y[i] as number] as (typeof startValues)[number];
        eta[i] = start.eta;
        expEta[i] = start.exp;
        mu[i] = start.mu;
        deviance += (weights ? (weights[i] as number) : 1) * start.deviance;
      }
      return deviance;
    },
    solve(): number[] | null {
      return factor(weigh(true), true)?.beta ?? null;
    },
    setLinearPredictor(beta: readonly number[]): number {
      const beta0 = beta[0] as number;
      const beta1 = x ? (beta[1] as number) : 0;
      let deviance = 0;
      let extreme = false;
      for (let i = 0; i < m; i++) {
        let value = offset ? (offset[i] as number) : 0;
        value += 1 * beta0;
        if (x) value += (x[i] as number) * beta1;
        eta[i] = value;
        const t = value < -ETA_THRESHOLD ? EPSILON : value > ETA_THRESHOLD ? 1 / EPSILON : Math.exp(value);
        expEta[i] = t;
        const muI = t / (1 + t);
        mu[i] = muI;
        if (muI < 10 * EPSILON || muI > 1 - 10 * EPSILON) extreme = true;
        // 2·softplus(s), s = ∓η: log(1 + e^{−|s|}), e^{−|s|} = e^η when η ≤ 0
        const s = y[i] === 1 ? -value : value;
        const e = value <= 0 && value >= -ETA_THRESHOLD ? t : s > 0 ? Math.exp(-s) : Math.exp(s);
        const softplus = s > 0 ? s + Math.log1p(e) : Math.log1p(e);
        deviance += (weights ? (weights[i] as number) : 1) * (2 * softplus);
      }
      extremes = extreme;
      return deviance;
    },
    fittedExtremes(): boolean {
      return extremes;
    },
    informationFactor(): number[][] | null {
      return factor(weigh(false), false)?.r ?? null;
    },
  };
}
