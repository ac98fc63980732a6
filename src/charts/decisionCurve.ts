/**
 * Decision curves: net benefit against threshold probability for each model, treat all and
 * treat none, with the models' pointwise intervals as bands when present.
 * Reads: `models[].decisionCurve` (threshold, netBenefit, ci), `decisionCurve.treatAll`,
 * `decisionCurve.treatNone`, `sample.prevalence`, `settings.level`.
 * Null when no model has a decision curve.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DecisionCurvePoint, ModelResult, Results } from '../results/results.js';
import { distinctMethods, modelNames, round, sampleText } from './data.js';
import { formatFixed, formatLevel } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import { layers } from './vl.js';
import { GREYS, SIZE, VEGA_LITE_SCHEMA, modelColour, theme } from './theme.js';
import { extent } from './extent.js';

const TREAT_ALL = 'Treat all';
const TREAT_NONE = 'Treat none';

/** One line of the chart: a model, treat all or treat none. */
interface Strategy {
  name: string;
  colour: string;
  dash: number[];
  points: DecisionCurvePoint[];
  /** Draw the pointwise interval as a band (models only). */
  withBand: boolean;
}

/** The plotted data of every strategy: legend entries, line points and interval bands. */
class StrategyData {
  readonly series: string[] = [];
  readonly colours: string[] = [];
  readonly dashes: number[][] = [];
  readonly lines: { series: string; threshold: number; netBenefit: number }[] = [];
  readonly bands: { band: string; threshold: number; lower: number; upper: number }[] = [];

  add({ name, colour, dash, points, withBand }: Strategy): void {
    this.series.push(name);
    this.colours.push(colour);
    this.dashes.push(dash);
    const sorted = points
      .filter((p) => Number.isFinite(p.threshold) && Number.isFinite(p.netBenefit))
      .slice()
      .sort((a, b) => a.threshold - b.threshold);
    for (const p of sorted) {
      this.lines.push({ series: name, threshold: round(p.threshold), netBenefit: round(p.netBenefit) });
      if (withBand && p.ci && Number.isFinite(p.ci.lower) && Number.isFinite(p.ci.upper)) {
        this.bands.push({
          band: name,
          threshold: round(p.threshold),
          lower: round(p.ci.lower),
          upper: round(p.ci.upper),
        });
      }
    }
  }
}

/** The models' curves, then treat all and treat none (a line at 0 over the models' range when absent). */
function strategyData(results: Results, withCurves: { model: ModelResult; index: number }[]) {
  const names = modelNames(results);
  const data = new StrategyData();
  for (const { model, index } of withCurves) {
    const points = model.decisionCurve ?? [];
    data.add({
      name: names[index] as string,
      colour: modelColour(index),
      dash: [1, 0],
      points,
      withBand: true,
    });
  }
  const thresholds = data.lines.map((l) => l.threshold);
  const { min: from, max: to } = extent(thresholds);
  const treatAll = results.decisionCurve?.treatAll ?? [];
  if (treatAll.length > 0) {
    data.add({ name: TREAT_ALL, colour: GREYS.treatAll, dash: [6, 4], points: treatAll, withBand: false });
  }
  const treatNone =
    results.decisionCurve?.treatNone && results.decisionCurve.treatNone.length > 0
      ? results.decisionCurve.treatNone
      : [
          { threshold: from, netBenefit: 0 },
          { threshold: to, netBenefit: 0 },
        ];
  data.add({ name: TREAT_NONE, colour: GREYS.treatNone, dash: [2, 2], points: treatNone, withBand: false });
  return { data, from, to };
}

function decisionSpec(
  { series, colours, dashes, lines, bands }: StrategyData,
  { from, to, bottom, top }: { from: number; to: number; bottom: number; top: number },
): TopLevelSpec {
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

  return {
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
}

export function decisionCurveChart(results: Results): ChartSpec | null {
  const withCurves = results.models
    .map((model, index) => ({ model, index }))
    .filter(({ model }) => (model.decisionCurve?.length ?? 0) > 0);
  if (withCurves.length === 0) return null;
  const level = formatLevel(results.settings.level);
  const prevalence = results.sample.prevalence;
  const { data, from, to } = strategyData(results, withCurves);
  const { lines, bands } = data;

  // net benefit is at most the prevalence; below zero only the first stretch of treat all matters
  const top =
    Math.max(prevalence, ...lines.filter((l) => l.series !== TREAT_ALL).map((l) => l.netBenefit)) * 1.1;
  const bottom = -Math.max(0.02, Math.min(0.05, top * 0.15));
  const spec = decisionSpec(data, { from, to, bottom, top });

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
