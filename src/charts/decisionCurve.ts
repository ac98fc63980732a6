/**
 * Decision curves: net benefit against threshold probability for each model, treat all and
 * treat none, with the models' pointwise intervals as bands when present.
 * Reads: `models[].decisionCurve` (threshold, netBenefit, ci), `decisionCurve.treatAll`,
 * `decisionCurve.treatNone`, `sample.prevalence`, `settings.level`.
 * Null when no model has a decision curve.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DecisionCurvePoint, Results } from '../evaluate/results.js';
import { distinctMethods, modelNames, round, sampleText } from './data.js';
import { formatFixed, formatLevel } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import { layers } from './vl.js';
import { GREYS, SIZE, VEGA_LITE_SCHEMA, modelColour, theme } from './theme.js';

const TREAT_ALL = 'Treat all';
const TREAT_NONE = 'Treat none';

export function decisionCurveChart(results: Results): ChartSpec | null {
  const withCurves = results.models
    .map((model, index) => ({ model, index }))
    .filter(({ model }) => (model.decisionCurve?.length ?? 0) > 0);
  if (withCurves.length === 0) return null;
  const names = modelNames(results);
  const level = formatLevel(results.settings.level);
  const prevalence = results.sample.prevalence;

  const series: string[] = [];
  const colours: string[] = [];
  const dashes: number[][] = [];
  const lines: { series: string; threshold: number; netBenefit: number }[] = [];
  const bands: { band: string; threshold: number; lower: number; upper: number }[] = [];
  const add = (
    name: string,
    colour: string,
    dash: number[],
    points: DecisionCurvePoint[],
    withBand: boolean,
  ) => {
    series.push(name);
    colours.push(colour);
    dashes.push(dash);
    const sorted = points
      .filter((p) => Number.isFinite(p.threshold) && Number.isFinite(p.netBenefit))
      .slice()
      .sort((a, b) => a.threshold - b.threshold);
    for (const p of sorted) {
      lines.push({ series: name, threshold: round(p.threshold), netBenefit: round(p.netBenefit) });
      if (withBand && p.ci && Number.isFinite(p.ci.lower) && Number.isFinite(p.ci.upper)) {
        bands.push({
          band: name,
          threshold: round(p.threshold),
          lower: round(p.ci.lower),
          upper: round(p.ci.upper),
        });
      }
    }
  };
  for (const { model, index } of withCurves) {
    add(names[index] as string, modelColour(index), [1, 0], model.decisionCurve ?? [], true);
  }
  const thresholds = lines.map((l) => l.threshold);
  const from = Math.min(...thresholds);
  const to = Math.max(...thresholds);
  const treatAll = results.decisionCurve?.treatAll ?? [];
  if (treatAll.length > 0) add(TREAT_ALL, GREYS.treatAll, [6, 4], treatAll, false);
  const treatNone =
    results.decisionCurve?.treatNone && results.decisionCurve.treatNone.length > 0
      ? results.decisionCurve.treatNone
      : [
          { threshold: from, netBenefit: 0 },
          { threshold: to, netBenefit: 0 },
        ];
  add(TREAT_NONE, GREYS.treatNone, [2, 2], treatNone, false);

  // net benefit is at most the prevalence; below zero only the first stretch of treat all matters
  const top =
    Math.max(prevalence, ...lines.filter((l) => l.series !== TREAT_ALL).map((l) => l.netBenefit)) * 1.1;
  const bottom = -Math.max(0.02, Math.min(0.05, top * 0.15));

  const x = {
    field: 'threshold',
    type: 'quantitative' as const,
    title: 'Threshold probability',
    scale: { domain: [Math.floor(from * 10) / 10, Math.ceil(to * 10) / 10], nice: false },
    axis: { format: '.1f', tickCount: 10 },
  };
  const yScale = { domain: [round(bottom, 4), round(top, 4)], nice: false, zero: false };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: series, range: colours },
    legend: { title: 'Strategy', symbolType: 'stroke', symbolStrokeWidth: 2.5 },
  };

  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: theme,
    width: SIZE.width,
    height: SIZE.height,
    layer: layers(
      bands.length > 0 && {
        data: { values: bands },
        mark: { type: 'area', opacity: 0.14, clip: true },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', scale: yScale },
          y2: { field: 'upper' },
          // fill of another field, not color: the legend then takes its symbols from the lines alone
          fill: { ...color, field: 'band', legend: null },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x,
          y: {
            field: 'netBenefit',
            type: 'quantitative' as const,
            title: 'Net benefit (true positives per patient)',
            scale: yScale,
            axis: { format: '.2f' },
          },
          color,
          strokeDash: {
            field: 'series',
            type: 'nominal' as const,
            scale: { domain: series, range: dashes },
            legend: { title: 'Strategy' },
          },
        },
      },
    ),
  };

  const methods = distinctMethods(
    withCurves.flatMap(({ model }) => (model.decisionCurve ?? []).map((p) => p.ci)),
  );
  const caption =
    `Decision curves (${sampleText(results)}; prevalence ${formatFixed(prevalence, 3)}). Net benefit is the ` +
    `proportion of true positives minus the proportion of false positives weighted by the odds of the ` +
    `threshold probability, pt / (1 \u2212 pt): the harm of a false positive relative to the benefit of a true ` +
    `positive that a clinician choosing pt accepts. A model is useful at thresholds where its curve lies ` +
    `above both treat all (everyone treated, dashed grey) and treat none (net benefit 0, dotted black).` +
    (bands.length > 0
      ? ` Shaded bands: pointwise ${level} confidence intervals${methods.length > 0 ? ` (${methods.join('; ')})` : ''}.`
      : '') +
    ` The vertical axis is cut at ${formatFixed(bottom, 2)}, where treat all keeps falling.`;
  return { name: 'decision-curve', section: 'decisionCurve', title: 'Decision curves', caption, spec };
}
