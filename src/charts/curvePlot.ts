/**
 * The layout shared by the ROC and precision–recall charts: a square unit plot with one
 * curve per model, the operating points as markers (shape by operating point, colour by
 * model), reference lines, an enlarged inset when markers crowd, and the model and
 * operating-point legends stacked under the plot.
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawnPolyline, type OperatingPointEntry } from './data.js';
import {
  CROWDED_PX,
  clipPolyline,
  insetLayer,
  markerLayers,
  zoomBox,
  zoomOutline,
  type Marker,
  type ZoomBox,
} from './inset.js';
import {
  FONT_SIZE,
  GREYS,
  SIZE,
  VEGA_LITE_SCHEMA,
  operatingPointShape,
  stackedLegendOffsets,
  theme,
} from './theme.js';
import { dejaVuTextWidth } from './textMetrics.js';
import { layers, type LayerItem } from './vl.js';

export interface CurveSeries {
  /** Legend label of the model (also its colour-scale value). */
  label: string;
  colour: string;
  /** The curve's vertices in drawing order (straight segments between them). */
  vertices: Marker[];
}

export interface CurveMarker {
  model: string;
  op: string;
  x: number;
  y: number;
}

export interface CurvePlotInput {
  series: CurveSeries[];
  markers: CurveMarker[];
  catalogue: OperatingPointEntry[];
  x: { field: string; title: string };
  y: { field: string; title: string };
  colourLegendTitle: string;
  /**
   * Where a legend label too wide for the column breaks onto a second line (before the
   * statistic, e.g. ", AUC "); the comma and space are dropped.
   */
  legendBreak: string;
  /** Reference lines and labels drawn under the curves, in the plot's x and y fields. */
  references: LayerItem[];
  /** Corner of the plot where an inset would cover nothing. */
  insetCorner: 'bottom-right' | 'bottom-left';
}

/** Area (px²) of the first model's operating-point markers, on the plot and in the inset. */
const MARKER_AREA = 90;
const INSET_MARKER_AREA = 110;

/** Legend labels wider than this (px) break before their statistic, to keep within ≈ 460 px. */
const LEGEND_LABEL_WIDTH = 370;

/** The plot's encodings: unit axes, model colours and operating-point shapes, with the legends stacked under the plot. */
function encodings(input: CurvePlotInput, hasMarkers: boolean) {
  const { series, catalogue } = input;
  const xField = input.x.field;
  const yField = input.y.field;
  const axis = { format: '.1f', tickCount: 5 };
  const x = {
    field: xField,
    type: 'quantitative' as const,
    title: input.x.title,
    scale: { domain: [0, 1], nice: false },
    axis,
  };
  const y = {
    field: yField,
    type: 'quantitative' as const,
    title: input.y.title,
    scale: { domain: [0, 1], nice: false },
    axis,
  };
  const widest = Math.max(...series.map((s) => dejaVuTextWidth(s.label, FONT_SIZE.label)));
  const twoLines = widest > LEGEND_LABEL_WIDTH && series.some((s) => s.label.includes(input.legendBreak));
  const [modelLegendY, pointLegendY] = stackedLegendOffsets(
    SIZE.square,
    hasMarkers ? [series.length, catalogue.length] : [series.length],
    twoLines ? [2, 1] : [1, 1],
  );
  const at = `indexof(datum.label, ${JSON.stringify(input.legendBreak)})`;
  const labelExpr = `${at} < 0 ? datum.label : [slice(datum.label, 0, ${at}), slice(datum.label, ${at} + 2)]`;
  const color = {
    field: 'model',
    type: 'nominal' as const,
    scale: { domain: series.map((s) => s.label), range: series.map((s) => s.colour) },
    legend: {
      title: input.colourLegendTitle,
      orient: 'none' as const,
      legendX: 0,
      legendY: modelLegendY,
      symbolType: 'stroke',
      ...(twoLines ? { labelExpr } : {}),
    },
  };
  const shape = {
    field: 'op',
    type: 'nominal' as const,
    scale: {
      domain: catalogue.map((op) => op.label),
      range: catalogue.map((op) => operatingPointShape(op.index)),
    },
    legend: {
      title: 'Operating point',
      orient: 'none' as const,
      legendX: 0,
      legendY: pointLegendY ?? 0,
      symbolFillColor: GREYS.text,
      symbolStrokeWidth: 0,
    },
  };

  return { x, y, color, shape };
}

/**
 * Marker areas (px²) that keep overlapping markers visible, for markers in drawing order (by
 * model, then operating point): a marker that sits on k markers drawn before it (closer than
 * `CROWDED_PX` at `pxPerUnit`) gets 0.6^k of `base` (at least a third), so that two models'
 * markers at the same place, or one model's two operating points, read as a ring around a core
 * rather than one hiding the other. Markers clear of the others keep `base`.
 */
export function nestedMarkerSizes(markers: Marker[], base: number, pxPerUnit: number): number[] {
  return markers.map((m, i) => {
    const under = markers
      .slice(0, i)
      .filter((o) => Math.hypot(o.x - m.x, o.y - m.y) * pxPerUnit < CROWDED_PX).length;
    return Math.max(base / 3, base * 0.6 ** under);
  });
}

/** The caption's sentence on nested markers. */
export const NESTED_MARKERS_NOTE =
  ' Where markers coincide, the later one (by model, then operating point) is drawn smaller and on top, ' +
  'so that both stay visible.';

export function curvePlot(input: CurvePlotInput): {
  spec: TopLevelSpec;
  inset: ZoomBox | null;
  nested: boolean;
} {
  const { series } = input;
  const xField = input.x.field;
  const yField = input.y.field;
  const rows = (model: string, vertices: Marker[], extra: Record<string, unknown> = {}) =>
    vertices.map((v, order) => ({ model, [xField]: v.x, [yField]: v.y, order, ...extra }));
  const rank = new Map(series.map((s, k) => [s.label, k]));
  // by model (stable: then by operating point), so that the smaller later markers are drawn on top
  const ranked = input.markers
    .map((m) => ({ ...m, rank: rank.get(m.model) ?? 0 }))
    .sort((a, b) => a.rank - b.rank);
  const markers = ranked.map((m) => ({ model: m.model, op: m.op, [xField]: m.x, [yField]: m.y }));
  const sized = (base: number, pxPerUnit: number) => {
    const sizes = nestedMarkerSizes(ranked, base, pxPerUnit);
    return markers.map((m, i) => ({ ...m, size: sizes[i] as number }));
  };
  const nested = nestedMarkerSizes(ranked, MARKER_AREA, SIZE.square).some((a) => a < MARKER_AREA);
  const hasMarkers = markers.length > 0;
  const { x, y, color, shape } = encodings(input, hasMarkers);

  const box = zoomBox(input.markers, SIZE.square, SIZE.inset);
  const main = layers(
    ...input.references,
    box !== null && zoomOutline(box, xField, yField),
    {
      data: {
        values: series.flatMap((s) =>
          rows(s.label, drawnPolyline(s.vertices, { pxPerUnit: SIZE.square, plotPx: SIZE.square })),
        ),
      },
      mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
      encoding: { x, y, color, order: { field: 'order', type: 'quantitative' } },
    },
    ...(hasMarkers ? markerLayers(sized(MARKER_AREA, SIZE.square), { x, y, color, shape }) : []),
  );
  const common = { $schema: VEGA_LITE_SCHEMA, config: theme, width: SIZE.square, height: SIZE.square };
  if (!box) return { spec: { ...common, layer: main }, inset: null, nested };

  const margin = 14;
  const left = input.insetCorner === 'bottom-right' ? SIZE.square - SIZE.inset - margin : margin + 22;
  // simplified at the inset's own scale (it enlarges the box), so it keeps the same tolerance in px
  const insetScale = {
    pxPerUnit: SIZE.inset / Math.max(box.x1 - box.x0, box.y1 - box.y0),
    plotPx: SIZE.square,
  };
  const curves = series.flatMap((s, i) =>
    clipPolyline(drawnPolyline(s.vertices, insetScale), box).flatMap((run, k) =>
      rows(s.label, run, { run: `${i}-${k}` }),
    ),
  );
  const inset = insetLayer({
    box,
    placement: { left, top: SIZE.square - SIZE.inset - margin - 16, size: SIZE.inset },
    xField,
    yField,
    curves,
    markers: sized(INSET_MARKER_AREA, SIZE.inset / (box.x1 - box.x0)),
    color,
    shape,
  });
  return {
    spec: {
      ...common,
      layer: [{ layer: main }, inset],
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
    inset: box,
    nested,
  };
}
