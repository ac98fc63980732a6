/**
 * ROC curves of every model, the chance diagonal, and each model's operating points.
 * Reads: `models[].roc`, `models[].name`, `models[].auc` (estimate, ci or bootstrapCi),
 * `models[].operatingPoints` (id, label, thresholdSource, sensitivity, specificity),
 * `sample`, `settings.level`. Null when no model has ROC points.
 */
import type { Results } from '../results/results.js';
import { NESTED_MARKERS_NOTE, curvePlot, type CurveMarker, type CurveSeries } from './curvePlot.js';
import {
  distinctMethods,
  modelNames,
  operatingPointCatalogue,
  operatingPointLegendText,
  preferredInterval,
  round,
  rocVertices,
  sampleText,
  testDerivedThresholdNote,
} from './data.js';
import { formatFixed, formatInterval, formatLevel } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import { DASH, GREYS, modelColour } from './theme.js';

export function rocChart(results: Results): ChartSpec | null {
  const models = results.models.filter((m) => m.roc.length > 0);
  if (models.length === 0) return null;
  const names = modelNames(results);
  const level = formatLevel(results.settings.level);
  const catalogue = operatingPointCatalogue(results);
  const opLabel = new Map(catalogue.map((op) => [op.id, op.label]));

  const series: CurveSeries[] = [];
  const markers: CurveMarker[] = [];
  results.models.forEach((model, index) => {
    if (model.roc.length === 0) return;
    const auc = model.auc.estimate;
    const interval = preferredInterval(model.auc);
    let label = names[index] as string;
    if (auc !== null)
      label += `, AUC ${formatFixed(auc, 3)}${interval ? ` (${formatInterval(interval)})` : ''}`;
    series.push({
      label,
      colour: modelColour(index),
      vertices: rocVertices(model.roc).map((v) => ({ x: v.fpr, y: v.tpr })),
    });
    for (const op of model.operatingPoints) {
      const sensitivity = op.sensitivity.estimate;
      const specificity = op.specificity.estimate;
      if (sensitivity === null || specificity === null) continue;
      markers.push({
        model: label,
        op: opLabel.get(op.id) ?? op.label,
        x: round(1 - specificity),
        y: round(sensitivity),
      });
    }
  });

  const { spec, inset, nested } = curvePlot({
    series,
    markers,
    catalogue,
    x: { field: 'fpr', title: '1 \u2212 specificity (false-positive rate)' },
    y: { field: 'tpr', title: 'Sensitivity (true-positive rate)' },
    legendBreak: ', AUC ',
    colourLegendTitle: `Model, AUC (${level} CI)`,
    references: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', color: GREYS.reference, strokeDash: DASH, strokeWidth: 1 },
        encoding: {
          x: { field: 'fpr', type: 'quantitative' },
          y: { field: 'tpr', type: 'quantitative' },
        },
      },
    ],
    insetCorner: 'bottom-right',
  });

  const methods = distinctMethods(models.map((m) => preferredInterval(m.auc)));
  const caption =
    `ROC curves (${sampleText(results)}). Each curve plots sensitivity against 1 \u2212 specificity ` +
    `as the threshold falls from the highest score to the lowest; the dashed diagonal is a test no better ` +
    `than chance (AUC 0.5). The legend gives each model's area under the curve (AUC) with its ${level} ` +
    `confidence interval${methods.length > 0 ? ` (${methods.join('; ')})` : ''}.` +
    (markers.length > 0
      ? ` Markers are the operating points, in the colour of their model (${operatingPointLegendText(results)}).` +
        (nested ? NESTED_MARKERS_NOTE : '') +
        (inset ? ' The inset enlarges the dashed square around them.' : '') +
        testDerivedThresholdNote(results)
      : '');
  return { name: 'roc', section: 'discrimination', title: 'ROC curves', caption, spec };
}
