/**
 * Helpers shared by the chart builders (numbers are formatted by src/format/, as in the report's
 * tables): model and operating-point labels,
 * and what can be rebuilt from the ROC points (the score distribution of each class).
 */
import type { Interval, ModelResult, Results, RocPoint } from '../results/results.js';
import { joinWords } from '../format/words.js';
import { operatingPointShape } from './theme.js';

/** Numbers in the spec data are rounded to this many decimals (≪ one pixel), for small SVGs. */
const DATA_DECIMALS = 6;

export function round(value: number, decimals = DATA_DECIMALS): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Display names of the models, made unique (by adding the id) when two share a name. */
export function modelNames(results: Results): string[] {
  const counts = new Map<string, number>();
  for (const model of results.models) counts.set(model.name, (counts.get(model.name) ?? 0) + 1);
  return results.models.map((model) =>
    (counts.get(model.name) ?? 0) > 1 ? `${model.name} [${model.id}]` : model.name,
  );
}

export interface OperatingPointEntry {
  id: string;
  label: string;
  /** Position in the study, which fixes the marker shape. */
  index: number;
}

/** The study's operating points, in order of first appearance over the models. */
export function operatingPointCatalogue(results: Results): OperatingPointEntry[] {
  const entries: OperatingPointEntry[] = [];
  const seen = new Set<string>();
  for (const model of results.models) {
    for (const point of model.operatingPoints) {
      if (seen.has(point.id)) continue;
      seen.add(point.id);
      entries.push({ id: point.id, label: point.label, index: entries.length });
    }
  }
  // labels are what the legend shows: keep them unique
  const labelCounts = new Map<string, number>();
  for (const entry of entries) labelCounts.set(entry.label, (labelCounts.get(entry.label) ?? 0) + 1);
  return entries.map((entry) =>
    (labelCounts.get(entry.label) ?? 0) > 1 ? { ...entry, label: `${entry.label} [${entry.id}]` } : entry,
  );
}

/**
 * Drops the middle one of three collinear points: the same polyline with fewer vertices.
 * With `axisAligned`, only horizontal and vertical runs are merged (for step curves).
 */
export function simplifyPolyline<T>(
  points: T[],
  x: (p: T) => number,
  y: (p: T) => number,
  axisAligned = false,
): T[] {
  if (points.length < 3) return points.slice();
  const kept: T[] = [points[0] as T];
  for (let i = 1; i < points.length - 1; i++) {
    const a = kept[kept.length - 1] as T;
    const b = points[i] as T;
    const c = points[i + 1] as T;
    const cross = (x(b) - x(a)) * (y(c) - y(a)) - (y(b) - y(a)) * (x(c) - x(a));
    const sameDirection = (x(b) - x(a)) * (x(c) - x(b)) >= 0 && (y(b) - y(a)) * (y(c) - y(b)) >= 0;
    const aligned = (x(a) === x(b) && x(b) === x(c)) || (y(a) === y(b) && y(b) === y(c));
    if (Math.abs(cross) > 1e-12 || !sameDirection || (axisAligned && !aligned)) kept.push(b);
  }
  kept.push(points[points.length - 1] as T);
  return kept;
}

/**
 * Curves with more vertices than this per px of the plot's side are simplified for drawing
 * (below it a curve is drawn vertex for vertex, as computed).
 */
export const DRAWN_VERTICES_PER_PX = 2;

/** Largest distance, in px of the plot, between a simplified drawn curve and the computed one. */
export const DRAWN_TOLERANCE_PX = 0.1;

/**
 * The polyline to draw on a plot of `pxPerUnit` px per data unit (the same in x and y): the
 * vertices themselves while there are at most `DRAWN_VERTICES_PER_PX` per px of `plotPx`,
 * else the Ramer–Douglas–Peucker simplification (Ramer 1972; Douglas & Peucker 1973,
 * Cartographica 10:112) with tolerance `DRAWN_TOLERANCE_PX`: every dropped vertex lies within
 * the tolerance of the segment that replaces it, so (distance to a segment being convex) the
 * whole drawn curve is within `DRAWN_TOLERANCE_PX` of the computed one — a tenth of a pixel,
 * a third of a device pixel in the 300-dpi PNG. The first and last vertices are kept.
 * results.json keeps every computed point; only the figures' specs hold the simplified curve.
 */
export function drawnPolyline<T extends { x: number; y: number }>(
  points: T[],
  { pxPerUnit, plotPx }: { pxPerUnit: number; plotPx: number },
): T[] {
  if (points.length <= DRAWN_VERTICES_PER_PX * plotPx) return points;
  return simplifyWithin(points, DRAWN_TOLERANCE_PX / pxPerUnit);
}

/** Ramer–Douglas–Peucker with an explicit stack (no recursion depth limit): vertices within `tolerance`. */
export function simplifyWithin<T extends { x: number; y: number }>(points: T[], tolerance: number): T[] {
  const n = points.length;
  if (n < 3) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    let farthest = -1;
    let largest = tolerance;
    const a = points[first] as T;
    const b = points[last] as T;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i] as T, a, b);
      if (d > largest) {
        largest = d;
        farthest = i;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push(first, farthest, farthest, last);
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Euclidean distance from p to the segment a–b. */
function segmentDistance(
  p: { x: number; y: number },
  a: { x: number; y: number },
  b: { x: number; y: number },
): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export interface RocVertex {
  fpr: number;
  tpr: number;
}

/**
 * The empirical ROC curve from (1, 1) … (0, 0) reordered from (0, 0) to (1, 1): the ROC points
 * sorted by decreasing threshold, the corners added when absent, collinear runs merged.
 */
export function rocVertices(roc: RocPoint[]): RocVertex[] {
  const sorted = roc
    .filter((p) => Number.isFinite(p.sensitivity) && Number.isFinite(p.specificity))
    .slice()
    .sort((a, b) => b.threshold - a.threshold);
  const vertices: RocVertex[] = sorted.map((p) => ({ fpr: 1 - p.specificity, tpr: p.sensitivity }));
  const first = vertices[0];
  if (!first || first.fpr > 1e-12 || first.tpr > 1e-12) vertices.unshift({ fpr: 0, tpr: 0 });
  const last = vertices[vertices.length - 1] as RocVertex;
  if (last.fpr < 1 - 1e-12 || last.tpr < 1 - 1e-12) vertices.push({ fpr: 1, tpr: 1 });
  return simplifyPolyline(
    vertices,
    (v) => v.fpr,
    (v) => v.tpr,
  ).map((v) => ({ fpr: round(v.fpr), tpr: round(v.tpr) }));
}

export interface ScoreCount {
  score: number;
  positives: number;
  negatives: number;
}

/**
 * The number of positive and negative cases at each distinct score, rebuilt from the ROC
 * points: with the points sorted by threshold t₁ < t₂ < … (score ≥ t is called positive),
 * the positives scoring in [tₖ, tₖ₊₁) are (sensₖ − sensₖ₊₁) × positives, and the negatives
 * (specₖ₊₁ − specₖ) × negatives. The ROC carries every distinct score as a threshold, so the
 * counts are exact (weighted counts when cases are weighted).
 */
export function scoreCounts(model: ModelResult, positives: number, negatives: number): ScoreCount[] {
  const sorted = model.roc
    .filter((p) => Number.isFinite(p.threshold))
    .slice()
    .sort((a, b) => a.threshold - b.threshold);
  const counts: ScoreCount[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const point = sorted[k] as RocPoint;
    const next = sorted[k + 1];
    const sensitivityAbove = next ? next.sensitivity : 0;
    const specificityAbove = next ? next.specificity : 1;
    const p = Math.max(0, round((point.sensitivity - sensitivityAbove) * positives, 9));
    const n = Math.max(0, round((specificityAbove - point.specificity) * negatives, 9));
    if (p > 0 || n > 0) counts.push({ score: point.threshold, positives: p, negatives: n });
  }
  return counts;
}

export interface HistogramBin {
  start: number;
  end: number;
  positives: number;
  negatives: number;
}

/** Round bin edges covering [min, max]: about `target` bins of width 1, 2, 2.5 or 5 × 10^k. */
export function binEdges(
  min: number,
  max: number,
  target: number,
): { start: number; width: number; count: number } {
  if (!(max > min)) {
    const width = Math.abs(min) > 0 ? 10 ** Math.floor(Math.log10(Math.abs(min))) / 10 : 0.1;
    return { start: min - width / 2, width, count: 1 };
  }
  // divided before subtracting: scores near ±1e308 would overflow max − min to Infinity
  const raw = max / target - min / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const width = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const start = Math.floor(min / width + 1e-9) * width;
  const count = Math.max(
    1,
    Math.ceil(max / width - start / width - 1e-9) + (isOnEdge(max, start, width) ? 1 : 0),
  );
  return { start: round(start, 12), width, count };
}

function isOnEdge(value: number, start: number, width: number): boolean {
  const k = value / width - start / width;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

/**
 * Bins [start + k·width, start + (k+1)·width), the last one closed when `closedTop` (scores
 * of exactly 1 go into the top bin of [0, 1]).
 */
export function histogram(
  counts: ScoreCount[],
  edges: { start: number; width: number; count: number },
  closedTop = false,
): HistogramBin[] {
  const bins: HistogramBin[] = Array.from({ length: edges.count }, (_, k) => ({
    start: round(edges.start + k * edges.width, 12),
    end: round(edges.start + (k + 1) * edges.width, 12),
    positives: 0,
    negatives: 0,
  }));
  for (const c of counts) {
    let k = Math.floor(c.score / edges.width - edges.start / edges.width + 1e-9);
    if (closedTop && k === edges.count) k = edges.count - 1;
    const bin = bins[Math.min(Math.max(k, 0), edges.count - 1)] as HistogramBin;
    bin.positives += c.positives;
    bin.negatives += c.negatives;
  }
  return bins.map((b) => ({ ...b, positives: round(b.positives, 9), negatives: round(b.negatives, 9) }));
}

/** A probability axis [0, 1] in bins of `width` (scores are probabilities). */
export function probabilityEdges(width: number): { start: number; width: number; count: number } {
  return { start: 0, width, count: Math.round(1 / width) };
}

/** The interval to show: the analytic one when present, else the bootstrap one. */
export function preferredInterval(estimate: {
  ci?: Interval | null;
  bootstrapCi?: Interval | null;
}): Interval | null {
  return estimate.ci ?? estimate.bootstrapCi ?? null;
}

/** The distinct interval methods, for a caption. */
export function distinctMethods(intervals: (Interval | null | undefined)[]): string[] {
  return [...new Set(intervals.filter((i): i is Interval => !!i).map((i) => i.method))];
}

export function sampleText(results: Results): string {
  const { n, positives, negatives } = results.sample;
  return `n = ${n}; ${positives} positive, ${negatives} negative`;
}

/** "circle: Sensitivity ≥ 0.9, square: …" for the captions of charts with operating-point markers. */
export function operatingPointLegendText(results: Results): string {
  const catalogue = operatingPointCatalogue(results);
  const shapes = catalogue.map((op) => `${shapeName(operatingPointShape(op.index))}: ${op.label}`);
  return joinWords(shapes);
}

function shapeName(shape: string): string {
  return shape.replace('-', ' ');
}

export function testDerivedThresholdNote(results: Results): string {
  const derived = results.models.some((m) => m.operatingPoints.some((op) => op.thresholdSource === 'test'));
  return derived
    ? ' Thresholds of data-driven operating points were chosen on this test set, so their accuracy is optimistic.'
    : '';
}
