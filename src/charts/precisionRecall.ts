/**
 * Precision–recall curves with the prevalence baseline and the operating points.
 * Reads: `models[].precisionRecall`, `models[].averagePrecision` (estimate, ci or
 * bootstrapCi), `models[].operatingPoints` (id, label, sensitivity = recall, ppv = precision),
 * `sample.prevalence`, `settings.level`. Null when no model has `precisionRecall` points.
 */
import type { PrecisionRecallPoint, Results } from '../results/results.js';
import { NESTED_MARKERS_NOTE, curvePlot, type CurveMarker, type CurveSeries } from './curvePlot.js';
import {
  distinctMethods,
  modelNames,
  operatingPointCatalogue,
  operatingPointLegendText,
  preferredInterval,
  round,
  sampleText,
  simplifyPolyline,
  testDerivedThresholdNote,
} from './data.js';
import type { Marker } from './inset.js';
import { formatFixed, formatInterval, formatLevel } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import type { LayerItem } from './vl.js';
import { DASH, GREYS, modelColour } from './theme.js';

/**
 * The step curve through the points from the highest threshold down: across each interval of
 * recall the precision is that at its right end (the curve whose area is the average
 * precision), drawn with explicit corners.
 */
export function precisionRecallVertices(points: PrecisionRecallPoint[]): Marker[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.recall) && Number.isFinite(p.precision))
    .slice()
    .sort((a, b) => b.threshold - a.threshold || a.recall - b.recall);
  const vertices: Marker[] = [];
  for (const p of sorted) {
    const previous = vertices[vertices.length - 1];
    if (previous && previous.y !== p.precision) vertices.push({ x: previous.x, y: p.precision });
    vertices.push({ x: p.recall, y: p.precision });
  }
  return simplifyPolyline(
    vertices,
    (v) => v.x,
    (v) => v.y,
  ).map((v) => ({ x: round(v.x), y: round(v.y) }));
}

/** Each model's curve (legend label with its AP) and its operating points as (recall, precision) markers. */
function curvesAndMarkers(results: Results): { series: CurveSeries[]; markers: CurveMarker[] } {
  const names = modelNames(results);
  const opLabel = new Map(operatingPointCatalogue(results).map((op) => [op.id, op.label]));
  const series: CurveSeries[] = [];
  const markers: CurveMarker[] = [];
  results.models.forEach((model, index) => {
    const pr = model.precisionRecall;
    if (!pr || pr.length === 0) return;
    let label = names[index] as string;
    const ap = model.averagePrecision;
    if (ap && ap.estimate !== null) {
      const interval = preferredInterval(ap);
      label += `, AP ${formatFixed(ap.estimate, 3)}${interval ? ` (${formatInterval(interval)})` : ''}`;
    }
    series.push({ label, colour: modelColour(index), vertices: precisionRecallVertices(pr) });
    for (const op of model.operatingPoints) {
      const recall = op.sensitivity.estimate;
      const precision = op.ppv.estimate;
      if (recall === null || precision === null) continue;
      markers.push({
        model: label,
        op: opLabel.get(op.id) ?? op.label,
        x: round(recall),
        y: round(precision),
      });
    }
  });

  return { series, markers };
}

/** The no-skill line at the prevalence, labelled. */
function prevalenceLine(prevalence: number): LayerItem[] {
  const baseline = round(prevalence);
  return [
    {
      data: {
        values: [
          { recall: 0, precision: baseline },
          { recall: 1, precision: baseline },
        ],
      },
      mark: { type: 'line', color: GREYS.reference, strokeDash: DASH, strokeWidth: 1 },
      encoding: {
        x: { field: 'recall', type: 'quantitative' },
        y: { field: 'precision', type: 'quantitative' },
      },
    },
    {
      data: {
        values: [{ recall: 0.98, precision: baseline, text: `Prevalence ${formatFixed(prevalence, 3)}` }],
      },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, color: GREYS.treatAll },
      encoding: {
        x: { field: 'recall', type: 'quantitative' },
        y: { field: 'precision', type: 'quantitative' },
        text: { field: 'text', type: 'nominal' },
      },
    },
  ];
}

export function precisionRecallChart(results: Results): ChartSpec | null {
  const withCurves = results.models.filter((m) => (m.precisionRecall?.length ?? 0) > 0);
  if (withCurves.length === 0) return null;
  const level = formatLevel(results.settings.level);
  const prevalence = results.sample.prevalence;
  const catalogue = operatingPointCatalogue(results);
  const { series, markers } = curvesAndMarkers(results);
  const { spec, inset, nested } = curvePlot({
    series,
    markers,
    catalogue,
    x: { field: 'recall', title: 'Recall (sensitivity)' },
    y: { field: 'precision', title: 'Precision (positive predictive value)' },
    legendBreak: ', AP ',
    colourLegendTitle: `Model, average precision (${level} CI)`,
    references: prevalenceLine(prevalence),
    insetCorner: 'bottom-left',
  });

  const methods = distinctMethods(
    withCurves.map((m) => (m.averagePrecision ? preferredInterval(m.averagePrecision) : null)),
  );
  const caption =
    `Precision\u2013recall curves (${sampleText(results)}). Each curve plots precision (positive predictive ` +
    `value) against recall (sensitivity) as the threshold falls; the dashed line is the prevalence ` +
    `(${formatFixed(prevalence, 3)}), the precision of a test that calls cases positive at random. ` +
    `The legend gives each model's average precision (AP), the area under its step curve, with its ${level} ` +
    `confidence interval${methods.length > 0 ? ` (${methods.join('; ')})` : ''}. Precision depends on ` +
    `prevalence: the curves hold for populations with this test set's prevalence.` +
    (markers.length > 0
      ? ` Markers are the operating points, in the colour of their model (${operatingPointLegendText(results)}).` +
        (nested ? NESTED_MARKERS_NOTE : '') +
        (inset ? ' The inset enlarges the dashed square around them.' : '') +
        testDerivedThresholdNote(results)
      : '');
  return {
    name: 'precision-recall',
    section: 'precisionRecall',
    title: 'Precision\u2013recall curves',
    caption,
    spec,
  };
}
