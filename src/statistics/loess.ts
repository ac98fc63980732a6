/**
 * Local polynomial regression of one response on one predictor, computed exactly at each
 * evaluation point: Cleveland, Grosse & Shyu (1992), "Local regression models", ch. 8 of
 * Statistical Models in S; the algorithm of R's `loess(y ~ x, span, degree,
 * family = "gaussian", surface = "direct")` (netlib dloess, routine ehg127):
 *
 * - the neighbourhood of a point q holds the nf = min(n, ⌊n·span⌋) nearest cases; with
 *   ρ² = (squared distance of the nf-th nearest)·max(1, span), a case at distance d gets the
 *   tricube weight (1 − (d/ρ)³)³ (zero at and beyond ρ, so for span > 1 the radius is the
 *   largest distance times √span, as in the Fortran);
 * - the weighted least-squares fit of y on 1, (x − q), (x − q)² (for degree 2) is solved
 *   as dloess does: columns equilibrated to unit norm, QR, SVD of R, pseudo-inverse
 *   dropping singular values ≤ 100·2⁻⁵²·σ₁; the fitted value is the constant term.
 *
 * For speed the fit is first solved from the normal equations of the equilibrated design
 * (one pass over the neighbourhood); only when those are ill-conditioned (condition number
 * of the design ≥ 10³, e.g. heavily tied x) is the QR + SVD path taken. Cost: O(n·nf) for
 * fitted values at n distinct points (≈ 0.2 s for n = 1000, 0.5 s for 5000, 8 s for 20 000).
 *
 * R's default `surface = "interpolate"` evaluates this exactly only at k-d tree vertices and
 * interpolates between them with cubic Hermite polynomials (loessInterpolate.ts, which uses
 * `fit` here for the vertex values and slopes); it differs from exact evaluation by up to
 * 6e-3 in fitted values where cases are dense, 8e-2 where they are sparse, on the reference
 * data sets. With `family = "gaussian"` there are no robustness iterations.
 *
 * Case weights are bootstrap multiplicities (a case of weight 2 counts as two copies): n is
 * then Σ weights and the nf nearest are counted by weight, so integer weights reproduce
 * duplicated rows exactly. (R's `loess(weights = )` instead keeps neighbourhoods by count
 * and uses the weights only in the least squares; it does not equal duplication.)
 */
import { householderStep, trailingNorm } from './householder.js';
import type { SortedScores } from './confusion.js';
import { caseWeight, checkCaseWeights } from './resampling/caseWeights.js';

export interface LoessOptions {
  /** Fraction of the cases in each neighbourhood (R's `span`, default there 0.75). */
  span: number;
  /** Local polynomial degree, 0, 1 or 2 (default 2). */
  degree?: 0 | 1 | 2;
  /** Case multiplicities; absent = all 1. */
  weights?: Float64Array;
  /** The cases already sorted by x (`sortScores` of x), when the caller has that sort. */
  sorted?: SortedScores;
}

export interface LoessSmoother {
  /** The local fit evaluated at `at`. Throws a RangeError where the neighbourhood is degenerate. */
  predict(at: number): number;
  /**
   * The local fit at `at`: its value into out[0] and its slope (the linear coefficient,
   * dloess's vval(1)) into out[1]. Throws like `predict`.
   */
  fit(at: number, out: Float64Array): void;
  /** The predictor of the cases with positive weight, ascending. */
  readonly sortedX: Float64Array;
  /** Their weights in the same order (all 1 without case weights). */
  readonly sortedWeights: Float64Array;
  /** Whether every weight in `sortedWeights` is 1. */
  readonly unitWeights: boolean;
  /** Cases with positive weight (their total weight is `totalWeight`). */
  readonly cases: number;
  readonly totalWeight: number;
  /** Cases in each neighbourhood (by weight): min(n, ⌊n·span⌋). */
  readonly neighbours: number;
}

const MACHINE_EPSILON = 2 ** -52;

/**
 * Singular value decomposition of a small square matrix by one-sided Jacobi rotations
 * (Hestenes 1958): A = U·diag(σ)·Vᵀ. `a` (k × k, row-major) is overwritten by U (columns
 * normalised; zero where σ = 0); V and σ are written to `v` and `sigma`. Flat typed arrays,
 * because the loess solves one such system per evaluation point.
 */
function jacobiSvd(a: Float64Array, k: number, v: Float64Array, sigma: Float64Array): void {
  v.fill(0, 0, k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < k; i++) {
          const up = a[i * k + p] as number;
          const uq = a[i * k + q] as number;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= MACHINE_EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateColumns(a, k, p, q, c, s);
        rotateColumns(v, k, p, q, c, s);
      }
    }
    if (!rotated) break;
  }
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += (a[i * k + j] as number) ** 2;
    const norm = Math.sqrt(s);
    sigma[j] = norm;
    for (let i = 0; i < k; i++) a[i * k + j] = norm > 0 ? (a[i * k + j] as number) / norm : 0;
  }
}

/** Columns p and q of the k × k row-major `matrix` rotated by (c, s). */
function rotateColumns(matrix: Float64Array, k: number, p: number, q: number, c: number, s: number): void {
  for (let i = 0; i < k; i++) {
    const up = matrix[i * k + p] as number;
    const uq = matrix[i * k + q] as number;
    matrix[i * k + p] = c * up - s * uq;
    matrix[i * k + q] = s * up + c * uq;
  }
}

/**
 * Σⱼ V_cⱼ·(Uᵀ·rhs)ⱼ / σⱼ over the singular values above `tolerance`: coefficient c of the
 * pseudo-inverse solution (0 = constant term, 1 = linear term), from `jacobiSvd`'s output
 * (U in `u`); rhs has `rows` entries (fewer than k when the neighbourhood has fewer cases
 * than parameters).
 */
function pseudoInverseCoefficient(
  k: number,
  u: Float64Array,
  sigma: Float64Array,
  v: Float64Array,
  rhs: ArrayLike<number>,
  rows: number,
  tolerance: number,
  coefficient: number,
): number {
  let value = 0;
  for (let j = 0; j < k; j++) {
    const s = sigma[j] as number;
    if (!(s > tolerance)) continue;
    let projection = 0;
    for (let i = 0; i < rows; i++) projection += (u[i * k + j] as number) * (rhs[i] as number);
    value += (v[coefficient * k + j] as number) * (projection / s);
  }
  return value;
}

/** Largest of the first k values. */
function largestOf(values: Float64Array, k: number): number {
  let largest = -Infinity;
  for (let j = 0; j < k; j++) largest = Math.max(largest, values[j] as number);
  return largest;
}

/**
 * The constant and linear terms (value and slope at the evaluation point; slope 0 for
 * degree 0) of the least-squares fit min ‖η − B·c‖ for the nf × k matrix `b` (columns),
 * computed as ehg127 does (equilibrate, QR, SVD pseudo-inverse), written to `out`.
 */
function localCoefficients(b: Float64Array[], eta: Float64Array, out: Float64Array): void {
  const k = b.length;
  const m = eta.length;
  const columnNorms = b.map((column) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += (column[i] as number) ** 2;
    const norm = Math.sqrt(s);
    if (norm > 0) for (let i = 0; i < m; i++) column[i] = (column[i] as number) / norm;
    return norm > 0 ? norm : 1;
  });
  // Householder QR of b, applying Qᵀ to eta
  const r = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    const norm = trailingNorm(b[j] as Float64Array, j);
    if (norm === 0 || j >= m) {
      for (let l = j; l < k; l++) (r[j] as number[])[l] = 0;
      continue;
    }
    householderStep(b, eta, j, norm, r);
  }
  const flat = Float64Array.from(r.flat());
  const v = new Float64Array(k * k);
  const sigma = new Float64Array(k);
  jacobiSvd(flat, k, v, sigma);
  const tolerance = largestOf(sigma, k) * 100 * MACHINE_EPSILON;
  // (Qᵀη)ᵢ for i < k; a neighbourhood with fewer than k cases of positive weight has zero
  // rows there (dloess keeps the zero-weight rows of its nf neighbours)
  const rows = Math.min(k, m);
  out[0] = pseudoInverseCoefficient(k, flat, sigma, v, eta, rows, tolerance, 0) / (columnNorms[0] as number);
  out[1] =
    k > 1
      ? pseudoInverseCoefficient(k, flat, sigma, v, eta, rows, tolerance, 1) / (columnNorms[1] as number)
      : 0;
}

/** Smallest eigenvalue ratio λ_min/λ_max of the equilibrated normal equations for the fast path. */
const FAST_PATH_CONDITION = 1e-6;

/**
 * The constant and linear terms (into `out`) from the normal equations G·c = r, G_ij = Σ ω·d^(i+j), r_i = Σ ω·y·dⁱ,
 * after scaling G to unit diagonal (the same equilibration as dloess). Used only when the
 * scaled G is well conditioned (λ_min/λ_max > 1e-6, i.e. condition number of the weighted
 * design < 10³), where it agrees with the QR solution to ~1e-12; otherwise returns null and
 * the caller takes the QR + SVD path. One pass over the neighbourhood instead of ~25.
 * Returns false (and leaves `out` alone) when the fast path does not apply.
 */
function normalEquationsCoefficients(
  k: number,
  moments: Float64Array,
  responseMoments: Float64Array,
  work: NormalEquationsWork,
  out: Float64Array,
): boolean {
  const { norms, gram, rhs, v, sigma } = work;
  for (let i = 0; i < k; i++) {
    const diagonal = moments[2 * i] as number;
    if (!(diagonal > 0)) return false;
    norms[i] = Math.sqrt(diagonal);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      gram[i * k + j] = (moments[i + j] as number) / ((norms[i] as number) * (norms[j] as number));
    }
    rhs[i] = (responseMoments[i] as number) / (norms[i] as number);
  }
  // symmetric positive semi-definite: its SVD is its eigen-decomposition
  jacobiSvd(gram, k, v, sigma);
  let smallest = Infinity;
  for (let j = 0; j < k; j++) smallest = Math.min(smallest, sigma[j] as number);
  if (!(smallest > FAST_PATH_CONDITION * largestOf(sigma, k))) return false;
  out[0] = pseudoInverseCoefficient(k, gram, sigma, v, rhs, k, 0, 0) / (norms[0] as number);
  out[1] = k > 1 ? pseudoInverseCoefficient(k, gram, sigma, v, rhs, k, 0, 1) / (norms[1] as number) : 0;
  return true;
}

/** Scratch arrays for `normalEquationsCoefficients`, allocated once per smoother. */
interface NormalEquationsWork {
  norms: Float64Array;
  gram: Float64Array;
  rhs: Float64Array;
  v: Float64Array;
  sigma: Float64Array;
}

/**
 * The cases of positive weight sorted by x. A 0/1 response without weights (the
 * calibration smoother's case) is sorted as two typed arrays merged, with no comparator
 * (≈ 10× faster at 10⁶ cases); otherwise an index sort. Cases tied in x may come in any
 * order: the fit depends only on the multiset of cases at each distance.
 */
function sortedByPredictor(
  x: Float64Array,
  y: Float64Array,
  weights: Float64Array | undefined,
  sorted: SortedScores | undefined,
): { xs: Float64Array; ys: Float64Array; ws: Float64Array; unitWeights: boolean } {
  const n = x.length;
  let binary = weights === undefined;
  let events = 0;
  for (let i = 0; binary && i < n; i++) {
    const value = y[i] as number;
    if (value === 1) events++;
    else if (value !== 0) binary = false;
  }
  if (binary && sorted?.order.length === n) return binaryFromSorted(y, sorted);
  if (binary) {
    const zeros = new Float64Array(n - events);
    const ones = new Float64Array(events);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
      if (y[i] === 1) ones[b++] = x[i] as number;
      else zeros[a++] = x[i] as number;
    }
    const sortedZeros = zeros.sort();
    const sortedOnes = ones.sort();
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let k = 0, a = 0, b = 0; k < n; k++) {
      if (b >= events || (a < n - events && (sortedZeros[a] as number) <= (sortedOnes[b] as number))) {
        xs[k] = sortedZeros[a++] as number;
      } else {
        xs[k] = sortedOnes[b++] as number;
        ys[k] = 1;
      }
    }
    return { xs, ys, ws: new Float64Array(n).fill(1), unitWeights: true };
  }
  let count = 0;
  for (let i = 0; i < n; i++) if (caseWeight(weights, i) > 0) count++;
  const order = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (caseWeight(weights, i) > 0) order[k++] = i;
  order.sort((i, j) => (x[i] as number) - (x[j] as number) || i - j);
  const ws = Float64Array.from(order, (i) => caseWeight(weights, i));
  let unitWeights = true;
  for (let k = 0; k < count; k++) if (ws[k] !== 1) unitWeights = false;
  return {
    xs: Float64Array.from(order, (i) => x[i] as number),
    ys: Float64Array.from(order, (i) => y[i] as number),
    ws,
    unitWeights,
  };
}

/**
 * `sortedByPredictor`'s result for a 0/1 response without weights, read off the cases' sort
 * by x: each run of tied x with its zeros first, then its ones (the merge's order above).
 */
function binaryFromSorted(
  y: Float64Array,
  sorted: SortedScores,
): { xs: Float64Array; ys: Float64Array; ws: Float64Array; unitWeights: boolean } {
  const { order, values, groupStart } = sorted;
  const n = order.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let k = 0; k < values.length; k++) {
    const start = groupStart[k] as number;
    const end = groupStart[k + 1] as number;
    const value = values[k] as number;
    let ones = 0;
    for (let q = start; q < end; q++) {
      ones += y[order[q] as number] as number;
      xs[q] = value;
    }
    // (a loop, not fill(): a call per run costs more than the run at 10⁶ cases)
    for (let q = end - ones; q < end; q++) ys[q] = 1;
  }
  return { xs, ys, ws: new Float64Array(n).fill(1), unitWeights: true };
}

/** Σ ws[0..i] for each i when every weight is an integer (sums then exact below 2⁵³); else null. */
function integerCumulative(ws: Float64Array): Float64Array | null {
  const cumulative = new Float64Array(ws.length);
  let total = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as number;
    if (!Number.isInteger(w)) return null;
    cumulative[i] = total += w;
  }
  return total <= Number.MAX_SAFE_INTEGER ? cumulative : null;
}

/**
 * The neighbourhood of `at` for integer weights without walking it: the outward walk in
 * `fit` takes cases in order of distance, so its radius is the smallest squared distance d
 * (one of the cases') whose cases at distance² ≤ d weigh at least `neighbours`. Those cases
 * are a contiguous range of the sorted x on each side of `right` (the first x ≥ at), found by
 * binary search; d by a binary search over each side's candidates. The range returned holds
 * every case at distance² ≤ d — the walk's window plus any further cases at exactly d, which
 * the fit gives weight 0 (span ≤ 1) — so the fit sums the same terms in the same order.
 */
function weightedWindow(input: {
  xs: Float64Array;
  cumulative: Float64Array;
  at: number;
  right: number;
  neighbours: number;
}): { radiusSquared: number; first: number; last: number } {
  const { xs, cumulative, at, right, neighbours } = input;
  const count = xs.length;
  const distance = (i: number): number => ((xs[i] as number) - at) ** 2;
  const weightUpTo = (i: number): number => (i < 0 ? 0 : (cumulative[i] as number));
  // the first index left of `right` within d (distances fall towards `right`), else `right`
  const firstWithin = (d: number): number => {
    let lo = 0;
    let hi = right;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distance(mid) <= d) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // the last index from `right` on within d, else right − 1
  const lastWithin = (d: number): number => {
    let lo = right;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distance(mid) <= d) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const enough = (d: number): boolean =>
    weightUpTo(lastWithin(d)) - weightUpTo(firstWithin(d) - 1) >= neighbours;
  let radiusSquared = Number.POSITIVE_INFINITY;
  if (right > 0 && enough(distance(0))) {
    // the nearest left case whose distance is enough
    let lo = 0;
    let hi = right - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (enough(distance(mid))) lo = mid;
      else hi = mid - 1;
    }
    radiusSquared = distance(lo);
  }
  if (right < count && enough(distance(count - 1))) {
    let lo = right;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (enough(distance(mid))) hi = mid;
      else lo = mid + 1;
    }
    radiusSquared = Math.min(radiusSquared, distance(lo));
  }
  return { radiusSquared, first: firstWithin(radiusSquared), last: lastWithin(radiusSquared) };
}

/** Prepares a loess smoother of `y` on `x`; evaluate it with `predict`. */
export function loessSmoother(x: Float64Array, y: Float64Array, options: LoessOptions): LoessSmoother {
  const { span, weights } = options;
  const degree = options.degree ?? 2;
  if (x.length !== y.length) throw new RangeError(`loess: ${x.length} x values but ${y.length} y values`);
  checkCaseWeights(weights, x.length);
  if (!(span > 0) || !Number.isFinite(span))
    throw new RangeError(`loess: span must be positive, got ${span}`);
  if (degree !== 0 && degree !== 1 && degree !== 2) throw new RangeError(`loess: degree ${String(degree)}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number) || !Number.isFinite(y[i] as number)) {
      throw new RangeError(`loess: case ${i} is not finite`);
    }
  }
  return loessSmootherOfSorted(sortedByPredictor(x, y, weights, options.sorted), { span, degree });
}

/** The cases of positive weight sorted by x, with their responses and weights (multiplicities). */
export interface SortedCases {
  xs: Float64Array;
  ys: Float64Array;
  ws: Float64Array;
  /** Whether every weight is 1. */
  unitWeights: boolean;
}

/**
 * `loessSmoother` of cases already sorted by x (ascending, every weight positive and finite,
 * x and y finite): e.g. the distinct values of x with their multiplicities as weights and
 * their mean response as y, which fits as the cases themselves (binaryGroups.ts).
 */
export function loessSmootherOfSorted(
  cases: SortedCases,
  options: { span: number; degree: 0 | 1 | 2 },
): LoessSmoother {
  const { span, degree } = options;
  const { xs, ys, ws, unitWeights } = cases;
  let totalWeight = 0;
  for (const w of ws) totalWeight += w;
  const parameters = degree + 1;
  const neighbours = Math.min(totalWeight, Math.floor(totalWeight * span));
  if (parameters > neighbours - 1) {
    throw new RangeError(
      `loess: span too small — ${neighbours} cases per neighbourhood for a degree-${degree} fit (needs ${parameters + 1})`,
    );
  }
  const count = xs.length;
  const cumulative = unitWeights ? null : integerCumulative(ws);
  const moments = new Float64Array(5);
  const responseMoments = new Float64Array(3);
  const work: NormalEquationsWork = {
    norms: new Float64Array(parameters),
    gram: new Float64Array(parameters * parameters),
    rhs: new Float64Array(parameters),
    v: new Float64Array(parameters * parameters),
    sigma: new Float64Array(parameters),
  };

  const fit = (at: number, out: Float64Array): void => {
    if (!Number.isFinite(at)) throw new RangeError(`loess: cannot evaluate at ${at}`);
    // the nearest cases lie in a contiguous window of the sorted x; grow it outwards
    let right = 0;
    let hi = count;
    while (right < hi) {
      const mid = (right + hi) >>> 1;
      if ((xs[mid] as number) < at) right = mid + 1;
      else hi = mid;
    }
    let left = right - 1;
    let taken = 0;
    let radiusSquared = 0;
    if (unitWeights) {
      // the `neighbours` nearest form the window [start, start + neighbours) that is closest at
      // both ends (binary search over its start); its farther end is the neighbours-th
      // smallest distance, the radius the general loop below finds one case at a time
      let start = Math.max(0, right - neighbours);
      let end = Math.min(right, count - neighbours);
      while (start < end) {
        const mid = (start + end) >>> 1;
        if (at - (xs[mid] as number) > (xs[mid + neighbours] as number) - at) start = mid + 1;
        else end = mid;
      }
      left = start - 1;
      right = start + neighbours;
      radiusSquared = Math.max(((xs[start] as number) - at) ** 2, ((xs[right - 1] as number) - at) ** 2);
      taken = neighbours;
    } else if (cumulative !== null) {
      const window = weightedWindow({ xs, cumulative, at, right, neighbours });
      left = window.first - 1;
      right = window.last + 1;
      radiusSquared = window.radiusSquared;
      taken = neighbours;
    }
    while (taken < neighbours && (left >= 0 || right < count)) {
      const leftDistance = left >= 0 ? ((xs[left] as number) - at) ** 2 : Number.POSITIVE_INFINITY;
      const rightDistance = right < count ? ((xs[right] as number) - at) ** 2 : Number.POSITIVE_INFINITY;
      if (leftDistance <= rightDistance) {
        taken += ws[left] as number;
        radiusSquared = leftDistance;
        left--;
      } else {
        taken += ws[right] as number;
        radiusSquared = rightDistance;
        right++;
      }
    }
    const rho = radiusSquared * Math.max(1, span);
    if (!(rho > 0)) {
      throw new RangeError(`loess: the neighbourhood of ${at} has zero width (too many tied x values)`);
    }
    // cases strictly inside the radius: for span ≤ 1 they are inside the window; for
    // span > 1 the window holds every case. One pass accumulates the weighted moments
    // Σ ω·dᵏ (k ≤ 4) and Σ ω·y·dᵏ (k ≤ 2), d = x − q, ω = prior weight × tricube.
    const inverseRhoCubed = 1 / (rho * Math.sqrt(rho));
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let anyWeight = false;
    for (let i = left + 1; i < right; i++) {
      const offset = (xs[i] as number) - at;
      const squared = offset * offset;
      if (!(squared < rho)) continue;
      // (d/ρ)³ = |d|·d² / ρ³, without a square root or a division per case
      const complement = 1 - Math.abs(offset) * squared * inverseRhoCubed;
      const tricube = complement * complement * complement;
      const weight = unitWeights ? tricube : (ws[i] as number) * tricube;
      if (weight > 0) anyWeight = true;
      const weightedSquare = weight * squared;
      const weightedResponse = weight * (ys[i] as number);
      m0 += weight;
      m1 += weight * offset;
      m2 += weightedSquare;
      m3 += weightedSquare * offset;
      m4 += weightedSquare * squared;
      r0 += weightedResponse;
      r1 += weightedResponse * offset;
      r2 += weightedResponse * squared;
    }
    if (!anyWeight) throw new RangeError(`loess: every weight in the neighbourhood of ${at} is zero`);
    moments[0] = m0;
    moments[1] = m1;
    moments[2] = m2;
    moments[3] = m3;
    moments[4] = m4;
    responseMoments[0] = r0;
    responseMoments[1] = r1;
    responseMoments[2] = r2;
    if (normalEquationsCoefficients(parameters, moments, responseMoments, work, out)) return;

    // ill-conditioned or rank-deficient: dloess's own QR + SVD pseudo-inverse
    const rows: number[] = [];
    for (let i = left + 1; i < right; i++) {
      if (((xs[i] as number) - at) ** 2 < rho) rows.push(i);
    }
    const m = rows.length;
    const design = Array.from({ length: parameters }, () => new Float64Array(m));
    const eta = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const i = rows[r] as number;
      const offset = (xs[i] as number) - at;
      const scaledDistance = Math.sqrt((offset * offset) / rho);
      const rowScale = Math.sqrt((ws[i] as number) * (1 - scaledDistance ** 3) ** 3);
      (design[0] as Float64Array)[r] = rowScale;
      if (parameters > 1) (design[1] as Float64Array)[r] = rowScale * offset;
      if (parameters > 2) (design[2] as Float64Array)[r] = rowScale * (offset * offset);
      eta[r] = rowScale * (ys[i] as number);
    }
    localCoefficients(design, eta, out);
  };
  const single = new Float64Array(2);
  const predict = (at: number): number => {
    fit(at, single);
    return single[0] as number;
  };

  return { predict, fit, sortedX: xs, sortedWeights: ws, unitWeights, cases: count, totalWeight, neighbours };
}

/** Loess fitted values at each of `at` (R's `predict(loess(..., surface = "direct"), at)`). */
export function loessPredict(
  x: Float64Array,
  y: Float64Array,
  at: ArrayLike<number>,
  options: LoessOptions,
): Float64Array {
  const smoother = loessSmoother(x, y, options);
  const cache = new Map<number, number>();
  return Float64Array.from({ length: at.length }, (_, i) => {
    const point = at[i] as number;
    let value = cache.get(point);
    if (value === undefined) {
      value = smoother.predict(point);
      cache.set(point, value);
    }
    return value;
  });
}
