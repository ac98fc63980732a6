/**
 * Loess with R's default `surface = "interpolate"` for one predictor (Cleveland & Grosse
 * 1991, "Computational methods for local regression", Statistics and Computing 1:47–62;
 * netlib dloess as in R's `src/library/stats/src/loessf.f`):
 *
 * - ehg126: the bounding box [min x − μ, max x + μ], μ = 0.005·max(range, 1e-10·max(|min|,
 *   |max|) + 1e-30), whose ends are the first two vertices;
 * - ehg124 (with ehg129, ehg106): cells are split, breadth first, while they hold more than
 *   fc = ⌊n·span·cell⌋ cases (cell = 0.2, R's `loess.control` default). The split is at the
 *   median order statistic x₍ₘ₎, m = ⌊(l + u)/2⌋; when x₍ₘ₎ = x₍ₘ₊₁₎ the split moves to the
 *   nearest tie boundary, trying offsets 0, +1, −1, +2, −2, … within the cell (R's 2006
 *   tie fix), and a cell whose split would land on one of its own vertices is a leaf. A cell
 *   is also a leaf when the tree is full (ncmax = nvmax = max(200, n) cells and vertices);
 * - ehg139/ehg127: at each vertex the exact local fit (as `surface = "direct"`) gives the
 *   value and the slope (linear coefficient);
 * - ehg128: between the two vertices v₀ < v₁ of a leaf, cubic Hermite interpolation:
 *   h = (z − v₀)/(v₁ − v₀), value = φ₀·g₀ + φ₁·g₁ + (ψ₀·s₀ + ψ₁·s₁)·(v₁ − v₀) with
 *   φ₀ = (1 − h)²(1 + 2h), φ₁ = h²(3 − 2h), ψ₀ = h(1 − h)², ψ₁ = h²(h − 1).
 *
 * In one dimension the leaves are exactly the intervals between consecutive vertices, so a
 * point is located by binary search over the sorted vertices (the curve is continuous, so the
 * cell chosen for a point on a vertex does not matter). With cell·span fixed the tree has a
 * bounded number of leaves (about 1/(span·cell), more with heavy ties), so the cost is one
 * sort plus O(n) per vertex: O(n log n) overall.
 *
 * Case weights are multiplicities, as everywhere in this folder: the tree is built over the
 * positions of the data with each case repeated w times (n = Σw), so integer weights give
 * exactly the fit of duplicated rows.
 */
import { loessSmoother, type LoessOptions, type LoessSmoother } from './loess.js';

/** R's `loess.control(cell = 0.2)`: a cell holds at most ⌊n·span·cell⌋ cases. */
export const LOESS_CELL = 0.2;

/** The local fits at the vertices and their Hermite interpolant. */
export interface LoessInterpolator {
  /** The interpolated fit at `at` (inside the bounding box; a RangeError outside). */
  predict(at: number): number;
  /** `predict` at each of the ascending `at` into `out` (one walk over the leaves). */
  predictAscending(at: Float64Array, out: Float64Array): void;
  /** Vertex coordinates, ascending (the box ends and every split value). */
  readonly vertices: Float64Array;
  /** Local fit value and slope at each vertex. */
  readonly values: Float64Array;
  readonly slopes: Float64Array;
}

/** The sorted data seen as n = Σw positions (case i repeated w[i] times), 1-based as dloess. */
interface Positions {
  /** x at position p (1 ≤ p ≤ n). */
  valueAt(p: number): number;
  /** The first and last position holding the value x. */
  tieBlock(x: number): [number, number];
  readonly n: number;
}

/** First index of sorted `xs` whose value is ≥ x (> x when `strict`). */
function lowerBound(xs: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = xs[mid] as number;
    if (v < x || (strict && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function positionsOf(xs: Float64Array, ws: Float64Array, unit: boolean): Positions {
  if (unit) {
    return {
      n: xs.length,
      valueAt: (p) => xs[p - 1] as number,
      tieBlock: (x) => [lowerBound(xs, x, false) + 1, lowerBound(xs, x, true)],
    };
  }
  // cumulative[i] = positions up to and including case i
  const cumulative = new Float64Array(xs.length);
  let total = 0;
  for (let i = 0; i < xs.length; i++) cumulative[i] = total += ws[i] as number;
  const caseAt = (p: number): number => {
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) >= p) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    n: total,
    valueAt: (p) => xs[caseAt(p)] as number,
    tieBlock: (x) => {
      const first = lowerBound(xs, x, false);
      const last = lowerBound(xs, x, true) - 1;
      return [(first > 0 ? (cumulative[first - 1] as number) : 0) + 1, cumulative[last] as number];
    },
  };
}

/**
 * The split position of cell [l, u] (ehg124 after ehg106): the median position m, moved to
 * the tie boundary that dloess's offset search 0, +1, −1, +2, −2, … reaches first, or left
 * at m when the search leaves the cell first.
 */
function splitPosition(positions: Positions, l: number, u: number): number {
  const m = Math.floor((l + u) / 2);
  const [first, last] = positions.tieBlock(positions.valueAt(m));
  // offset t ≥ 0 is tried at step 2t − 1 (t = 0 at step 0), offset −t at step 2t
  const positiveStep = (t: number): number => (t === 0 ? 0 : 2 * t - 1);
  const up = last - m; // x(m + up) ≠ x(m + up + 1)
  const down = m - first + 1; // x(m − down) ≠ x(m − down + 1)
  const upSucceeds = m + up < u ? positiveStep(up) : Infinity;
  const downSucceeds = m - down >= l ? 2 * down : Infinity;
  const leaves = Math.min(positiveStep(u - m), 2 * (m - l + 1));
  const best = Math.min(upSucceeds, downSucceeds);
  if (!(best < leaves)) return m;
  return upSucceeds <= downSucceeds ? m + up : m - down;
}

/** Vertex coordinates of dloess's k-d tree over the sorted predictor (ehg126 + ehg124). */
export function kdTreeVertices(
  xs: Float64Array,
  ws: Float64Array,
  options: { span: number; unitWeights: boolean; cell?: number },
): Float64Array {
  const { span, unitWeights, cell = LOESS_CELL } = options;
  const positions = positionsOf(xs, ws, unitWeights);
  const n = positions.n;
  const lowest = xs[0] as number;
  const highest = xs[xs.length - 1] as number;
  const margin =
    0.005 * Math.max(highest - lowest, 1e-10 * Math.max(Math.abs(lowest), Math.abs(highest)) + 1e-30);
  const fc = Math.floor(n * span * cell);
  const capacity = Math.max(200, n); // nvmax = ncmax in R's loess_workspace
  const vertices = [lowest - margin, highest + margin];
  // cells as parallel arrays, processed in creation order (breadth first, as ehg124)
  const lower: number[] = [1];
  const upper: number[] = [n];
  const low: number[] = [vertices[0] as number];
  const high: number[] = [vertices[1] as number];
  for (let p = 0; p < lower.length; p++) {
    const l = lower[p] as number;
    const u = upper[p] as number;
    const from = low[p] as number;
    const to = high[p] as number;
    if (u - l + 1 <= fc || to - from <= 0) continue; // fd = 0 in R's loess
    if (capacity < lower.length + 2 || capacity < vertices.length + 1) continue;
    const m = splitPosition(positions, l, u);
    const split = positions.valueAt(m);
    if (from === split || to === split) continue;
    vertices.push(split);
    lower.push(l, m + 1);
    upper.push(m, u);
    low.push(from, split);
    high.push(split, to);
  }
  return Float64Array.from(vertices).sort();
}

/** Cubic Hermite interpolation on [v0, v1] from values g and slopes s at the ends (ehg128). */
export function hermite(
  z: number,
  v0: number,
  v1: number,
  g0: number,
  g1: number,
  s0: number,
  s1: number,
): number {
  const width = v1 - v0;
  const h = (z - v0) / width;
  const phi0 = (1 - h) ** 2 * (1 + 2 * h);
  const phi1 = h ** 2 * (3 - 2 * h);
  const psi0 = h * (1 - h) ** 2;
  const psi1 = h ** 2 * (h - 1);
  return phi0 * g0 + phi1 * g1 + (psi0 * s0 + psi1 * s1) * width;
}

/** Builds the k-d tree, fits at its vertices and returns the interpolant (R's default loess). */
export function loessInterpolator(
  x: Float64Array,
  y: Float64Array,
  options: LoessOptions,
): LoessInterpolator {
  return interpolatorOf(loessSmoother(x, y, options), options.span);
}

/** The interpolant of a prepared smoother (`loessSmoother` or `loessSmootherOfSorted`) of this span. */
export function interpolatorOf(smoother: LoessSmoother, span: number): LoessInterpolator {
  const vertices = kdTreeVertices(smoother.sortedX, smoother.sortedWeights, {
    span,
    unitWeights: smoother.unitWeights,
  });
  const values = new Float64Array(vertices.length);
  const slopes = new Float64Array(vertices.length);
  const out = new Float64Array(2);
  vertices.forEach((vertex, i) => {
    smoother.fit(vertex, out);
    values[i] = out[0] as number;
    slopes[i] = out[1] as number;
  });
  const last = vertices.length - 1;
  const predict = (at: number): number => {
    if (!(at >= (vertices[0] as number) && at <= (vertices[last] as number))) {
      throw new RangeError(`loess: ${at} is outside the range of the data`);
    }
    // the leaf [vertices[i], vertices[i + 1]] holding `at`
    let lo = 0;
    let hi = last - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((vertices[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return hermite(
      at,
      vertices[lo] as number,
      vertices[lo + 1] as number,
      values[lo] as number,
      values[lo + 1] as number,
      slopes[lo] as number,
      slopes[lo + 1] as number,
    );
  };
  const predictAscending = (at: Float64Array, out: Float64Array): void => {
    const count = at.length;
    if (count === 0) return;
    if (!(
      (at[0] as number) >= (vertices[0] as number) && (at[count - 1] as number) <= (vertices[last] as number)
    )) {
      throw new RangeError(`loess: ${at[0]}…${at[count - 1]} is outside the range of the data`);
    }
    // the leaf of each point as predict's search finds it: the last vertex ≤ at (below the last)
    let leaf = 0;
    for (let i = 0; i < count; i++) {
      const z = at[i] as number;
      while (leaf < last - 1 && (vertices[leaf + 1] as number) <= z) leaf++;
      out[i] = hermite(
        z,
        vertices[leaf] as number,
        vertices[leaf + 1] as number,
        values[leaf] as number,
        values[leaf + 1] as number,
        slopes[leaf] as number,
        slopes[leaf + 1] as number,
      );
    }
  };
  return { predict, predictAscending, vertices, values, slopes };
}
