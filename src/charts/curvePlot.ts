/**
 * The layout shared by the ROC and precision–recall charts: a square unit plot with one
 * curve per model, the operating points as markers (shape by operating point, colour by
 * model), reference lines, an enlarged inset when markers crowd, and the model and
 * operating-point legends stacked under the plot.
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawnPolyline, type OperatingPointEntry } from './data.js';
import { clipPolyline, insetLayer, zoomBox, zoomOutline, type Box, type Marker } from './inset.js';
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

export function curvePlot(input: CurvePlotInput): { spec: TopLevelSpec; inset: Box | null } {
  const { series } = input;
  const xField = input.x.field;
  const yField = input.y.field;
  const rows = (model: string, vertices: Marker[], extra: Record<string, unknown> = {}) =>
    vertices.map((v, order) => ({ model, [xField]: v.x, [yField]: v.y, order, ...extra }));
  const markers = input.markers.map((m) => ({ model: m.model, op: m.op, [xField]: m.x, [yField]: m.y }));
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
    hasMarkers && {
      data: { values: markers },
      mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 1 },
      encoding: { x, y, color, shape },
    },
  );
  const common = { $schema: VEGA_LITE_SCHEMA, config: theme, width: SIZE.square, height: SIZE.square };
  if (!box) return { spec: { ...common, layer: main }, inset: null };

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
    markers,
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
  };
}
