/**
 * An enlarged inset of a crowded region of a unit-square plot (ROC, precision–recall): when
 * operating-point markers would overlap, the region around them is redrawn larger in an
 * empty corner of the plot, with its own scales (pixel ranges inside the plot), a frame and
 * the limits of the enlarged region written at its corners.
 */
import { round } from './data.js';
import { formatFixed } from '../format/numbers.js';
import { FONT_SIZE, GREYS } from './theme.js';
import type { LayerItem } from './vl.js';

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Where the inset goes, in px from the plot's top-left corner. */
export interface InsetPlacement {
  left: number;
  top: number;
  size: number;
}

export interface Marker {
  x: number;
  y: number;
}

/** Markers nearer than this (px, centre to centre) overlap at the chart's marker size. */
export const CROWDED_PX = 13;

/** The region an inset enlarges, with the grid step its edges lie on (its ticks). */
export type ZoomBox = Box & { step: number };

/** Steps of the inset's ticks: the one that puts 2–4 ticks on the box's side. */
const TICK_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

/**
 * The square region to enlarge around the markers, or null when no two markers on a plot of
 * `plotSize` px overlap, when the markers spread too far for an inset to help, or when the
 * inset (`insetSize` px) would not pull any overlapping pair apart (identical points). Its
 * edges lie on a grid of 0.01 (as tight as the markers allow); its ticks are at round
 * multiples of `step` inside it (0.7, 0.8, 0.9 rather than 0.70 and 0.97 at the corners).
 */
export function zoomBox(markers: Marker[], plotSize: number, insetSize: number): ZoomBox | null {
  const crowded: number[] = [];
  for (let i = 0; i < markers.length; i++) {
    for (let j = i + 1; j < markers.length; j++) {
      const a = markers[i] as Marker;
      const b = markers[j] as Marker;
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (distance * plotSize < CROWDED_PX) crowded.push(distance);
    }
  }
  if (crowded.length === 0) return null;
  const xs = markers.map((m) => m.x);
  const ys = markers.map((m) => m.y);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (extent > 0.3) return null;
  // a square with a margin, on a grid of 0.01, inside [0, 1]²
  const side = Math.min(1, Math.max(0.06, Math.ceil((extent * 1.6 + 0.03) * 100) / 100));
  if (!crowded.some((distance) => (distance * insetSize) / side >= CROWDED_PX)) return null;
  const place = (lo: number, hi: number) => {
    const centre = (lo + hi) / 2;
    const start = Math.min(1 - side, Math.max(0, Math.floor((centre - side / 2) * 100) / 100));
    return [round(start, 4), round(Math.min(1, start + side), 4)] as const;
  };
  const [x0, x1] = place(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = place(Math.min(...ys), Math.max(...ys));
  const step = TICK_STEPS.find((s) => side / s <= 4 + 1e-9) ?? 0.5;
  return { x0, x1, y0, y1, step };
}

/** The grid values from `lo` to `hi` at `step`: the inset's ticks. */
export function gridTicks(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) ticks.push(round(k * step, 4));
  return ticks;
}

function inside(box: Box, x: number, y: number): boolean {
  return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
}

/** Liang–Barsky: the part of segment a→b inside the box, or null. */
function clipSegment(
  box: Box,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): [number, number, number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const edges: [number, number][] = [
    [-dx, ax - box.x0],
    [dx, box.x1 - ax],
    [-dy, ay - box.y0],
    [dy, box.y1 - ay],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return null;
  return [ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy];
}

/** The pieces of a polyline inside the box (a curve can leave and re-enter it). */
export function clipPolyline(points: Marker[], box: Box): Marker[][] {
  const runs: Marker[][] = [];
  let run: Marker[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Marker;
    const b = points[i + 1] as Marker;
    const clipped = clipSegment(box, a.x, a.y, b.x, b.y);
    if (!clipped) {
      if (run.length > 0) runs.push(run);
      run = [];
      continue;
    }
    const [x0, y0, x1, y1] = clipped;
    if (run.length === 0) run.push({ x: round(x0), y: round(y0) });
    run.push({ x: round(x1), y: round(y1) });
    if (!inside(box, b.x, b.y)) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs.filter((r) => r.length > 1);
}

/** Length of the inset's tick marks, px. */
const TICK = 4;

export interface InsetInput {
  box: ZoomBox;
  placement: InsetPlacement;
  /** Field names of the chart's x and y. */
  xField: string;
  yField: string;
  /** Curve rows inside the box, with `run` numbering each piece and `order` its vertices. */
  curves: Record<string, unknown>[];
  /** Marker rows with their area in `size` (see `markerLayers`). */
  markers: (Record<string, unknown> & { size: number })[];
  /** The chart's colour and shape encodings (the same as the main plot's, so legends merge). */
  color: Record<string, unknown>;
  shape: Record<string, unknown>;
}

/**
 * Operating-point markers whose rows carry their area in `size`: one point layer per area,
 * the largest first (drawn underneath). Separate layers rather than a size encoding, so that
 * the area stays out of the markers' accessible descriptions.
 */
export function markerLayers(
  rows: (Record<string, unknown> & { size: number })[],
  encoding: Record<string, unknown>,
): LayerItem[] {
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => b - a);
  return sizes.map((size): LayerItem => ({
    data: { values: rows.filter((r) => r.size === size).map(({ size: _size, ...r }) => r) },
    mark: { type: 'point', filled: true, size, opacity: 1, stroke: 'white', strokeWidth: 1 },
    encoding,
  }));
}

/** The inset as one layer with its own x and y scales (resolve them as independent). */
export function insetLayer(input: InsetInput): LayerItem {
  const { box, placement, xField, yField } = input;
  const { left, top, size } = placement;
  const x = {
    field: xField,
    type: 'quantitative' as const,
    scale: { domain: [box.x0, box.x1], range: [left, left + size], nice: false, zero: false },
    axis: null,
  };
  const y = {
    field: yField,
    type: 'quantitative' as const,
    scale: { domain: [box.y0, box.y1], range: [top + size, top], nice: false, zero: false },
    axis: null,
  };
  const { step } = box;
  const digits = Number.isInteger(Math.round(step * 100) / 10) ? 1 : 2;
  const px = (v: number, lo: number, hi: number) => ((v - lo) / (hi - lo)) * size;
  const ticks = [
    ...gridTicks(box.x0, box.x1, step).map((v) => ({
      text: formatFixed(v, digits),
      px: left + px(v, box.x0, box.x1),
      py: top + size + TICK + 2,
      align: 'center' as const,
      baseline: 'top' as const,
      tick: {
        x: left + px(v, box.x0, box.x1),
        y: top + size,
        x2: left + px(v, box.x0, box.x1),
        y2: top + size + TICK,
      },
    })),
    ...gridTicks(box.y0, box.y1, step).map((v) => ({
      text: formatFixed(v, digits),
      px: left - TICK - 2,
      py: top + size - px(v, box.y0, box.y1),
      align: 'right' as const,
      baseline: 'middle' as const,
      tick: {
        x: left - TICK,
        y: top + size - px(v, box.y0, box.y1),
        x2: left,
        y2: top + size - px(v, box.y0, box.y1),
      },
    })),
  ];
  return {
    layer: [
      {
        data: { values: [{}] },
        mark: { type: 'rect', fill: 'white', stroke: GREYS.axis, strokeWidth: 0.8 },
        encoding: {
          x: { value: left },
          x2: { value: left + size },
          y: { value: top },
          y2: { value: top + size },
        },
      },
      {
        data: { values: input.curves },
        mark: { type: 'line', strokeWidth: 2, clip: false },
        encoding: {
          x,
          y,
          color: input.color,
          detail: { field: 'run', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...markerLayers(input.markers, { x, y, color: input.color, shape: input.shape }),
      {
        data: { values: ticks.map((t) => t.tick) },
        mark: { type: 'rule', color: GREYS.axis, strokeWidth: 0.8 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: null },
          y: { field: 'y', type: 'quantitative', scale: null },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
        },
      },
      ...ticks.map((label): LayerItem => ({
        data: { values: [{ text: label.text }] },
        mark: {
          type: 'text',
          // the chart's tick-label size (11 px = 8.25 pt at print size), not a smaller one
          fontSize: FONT_SIZE.label,
          color: GREYS.text,
          align: label.align,
          baseline: label.baseline,
          x: label.px,
          y: label.py,
        },
        encoding: { text: { field: 'text', type: 'nominal' } },
      })),
    ],
  } as LayerItem;
}

/** The dashed outline, on the main plot, of the region the inset enlarges. */
export function zoomOutline(box: Box, xField: string, yField: string): LayerItem {
  return {
    data: {
      values: [{ [xField]: box.x0, [`${xField}End`]: box.x1, [yField]: box.y0, [`${yField}End`]: box.y1 }],
    },
    mark: { type: 'rect', fill: null, stroke: GREYS.axis, strokeWidth: 0.8, strokeDash: [3, 2] },
    encoding: {
      x: { field: xField, type: 'quantitative' },
      x2: { field: `${xField}End` },
      y: { field: yField, type: 'quantitative' },
      y2: { field: `${yField}End` },
    },
  };
}
