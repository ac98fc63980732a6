/**
 * Calibration plot: the smoothed calibration curve and grouped observed proportions (with
 * their intervals) of each model against the ideal diagonal, and under it, per model, the
 * distribution of the predicted probabilities (cases with the outcome above the line,
 * without below).
 * Reads: `models[].calibration` (smooth.points, smooth.ici, bins), `models[].roc` (for the
 * distribution of predictions: results carry no raw predictions, and the ROC points hold
 * every distinct prediction with its class counts), `sample`, `settings.level`.
 * Only models with `calibration`; null when none has it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationResult, ModelResult, Results } from '../results/results.js';
import { binEdges, distinctMethods, histogram, modelNames, round, sampleText, scoreCounts } from './data.js';
import { formatFixed, formatLevel, formatNumber } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import { layers, type ConcatItem } from './vl.js';
import { DASH, FONT_SIZE, GREYS, SIZE, VEGA_LITE_SCHEMA, modelColour, theme } from './theme.js';

const WITH = 'with the outcome';
const WITHOUT = 'without the outcome';

interface Calibrated {
  model: ModelResult;
  calibration: CalibrationResult;
  index: number;
  name: string;
}

interface SmoothPoint {
  model: string;
  predicted: number;
  observed: number;
  order: number;
}

interface BinPoint {
  model: string;
  predicted: number;
  observed: number;
  lower: number | null;
  upper: number | null;
  n: number;
}

/** The plotted data: each model's legend label (with its ICI), colour, smoothed curve and grouped proportions. */
function calibrationData(calibrated: Calibrated[]) {
  const labels: string[] = [];
  const colours: string[] = [];
  const smooth: SmoothPoint[] = [];
  const bins: BinPoint[] = [];
  for (const { calibration, index, name } of calibrated) {
    const ici = calibration.smooth?.ici;
    const label = ici !== undefined && Number.isFinite(ici) ? `${name}, ICI ${formatFixed(ici, 3)}` : name;
    labels.push(label);
    colours.push(modelColour(index));
    (calibration.smooth?.points ?? [])
      .filter((p) => Number.isFinite(p.predicted) && Number.isFinite(p.observed))
      .forEach((p, order) =>
        smooth.push({ model: label, predicted: round(p.predicted), observed: round(p.observed), order }),
      );
    for (const bin of calibration.bins) {
      const observed = bin.observed.estimate;
      if (observed === null || !Number.isFinite(bin.meanPredicted)) continue;
      bins.push({
        model: label,
        predicted: round(bin.meanPredicted),
        observed: round(observed),
        lower: bin.observed.ci ? round(bin.observed.ci.lower) : null,
        upper: bin.observed.ci ? round(bin.observed.ci.upper) : null,
        n: bin.n,
      });
    }
  }
  const hasIci = labels.some((label, k) => label !== calibrated[k]?.name);
  return { labels, colours, smooth, bins, hasIci };
}

/** The calibration plot itself: diagonal, grouped proportions with intervals, smoothed curves. */
function mainPanel({
  labels,
  colours,
  smooth,
  bins,
  hasIci,
}: ReturnType<typeof calibrationData>): ConcatItem {
  const axisX = {
    field: 'predicted',
    type: 'quantitative' as const,
    scale: { domain: [0, 1], nice: false },
    axis: { format: '.1f', tickCount: 5 },
  };
  const y = {
    field: 'observed',
    type: 'quantitative' as const,
    title: 'Observed proportion with the outcome',
    scale: { domain: [0, 1], nice: false },
    axis: { format: '.1f', tickCount: 5 },
  };
  const color = {
    field: 'model',
    type: 'nominal' as const,
    scale: { domain: labels, range: colours },
    legend: { title: hasIci ? 'Model, integrated calibration index (ICI)' : 'Model', symbolType: 'stroke' },
  };

  const x = { ...axisX, title: 'Predicted probability' };
  const main: ConcatItem = {
    width: SIZE.calibration,
    height: SIZE.calibration,
    layer: layers(
      {
        data: {
          values: [
            { predicted: 0, observed: 0 },
            { predicted: 1, observed: 1 },
          ],
        },
        mark: { type: 'line', color: GREYS.reference, strokeDash: DASH, strokeWidth: 1 },
        encoding: { x, y },
      },
      bins.length > 0 && {
        data: { values: bins.filter((b) => b.lower !== null && b.upper !== null) },
        mark: { type: 'rule', strokeWidth: 1.2, opacity: 0.8 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', scale: y.scale },
          y2: { field: 'upper' },
          color,
        },
      },
      bins.length > 0 && {
        data: { values: bins },
        mark: { type: 'point', filled: true, size: 40, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
        encoding: { x, y, color },
      },
      smooth.length > 0
        ? {
            data: { values: smooth },
            mark: { type: 'line', strokeWidth: 2, clip: true },
            encoding: { x, y, color, order: { field: 'order', type: 'quantitative' } },
          }
        : {
            // no smoothed curve: join the grouped proportions
            data: { values: bins },
            mark: { type: 'line', strokeWidth: 1, strokeDash: [2, 2] },
            encoding: { x, y, color },
          },
    ),
  };

  return main;
}

/** About this many bins span the predicted probabilities the models actually use. */
const STRIP_BINS = 40;

/**
 * Round bins over the predicted probabilities in use, [min, max] within [0, 1] (scores of
 * exactly the top edge go into the top bin): models that never predict above 0.3 get 40 bins
 * there rather than 12 of width 0.025 piled up at the left.
 */
export function usedProbabilityEdges(
  min: number,
  max: number,
): { start: number; width: number; count: number } {
  const edges = binEdges(Math.max(0, min), Math.min(1, max), STRIP_BINS);
  const fits = Math.round((1 - edges.start) / edges.width);
  return edges.start + edges.count * edges.width > 1 + 1e-9 ? { ...edges, count: Math.max(1, fits) } : edges;
}

/** A round count at most `peak` (1, 2 or 5 × 10^k), the tick each way from zero. */
export function roundCountTick(peak: number): number {
  if (!(peak >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(peak));
  return ([5, 2, 1].find((m) => m * power <= peak) ?? 1) * power;
}

/**
 * Under the plot, per model: the distribution of predicted probabilities, cases with the
 * outcome above zero and without below, on one square-root count scale for every model and
 * both halves (the crowded bins near 0 would flatten the rest on a linear one).
 */
function strips(results: Results, calibrated: Calibrated[]): { items: ConcatItem[]; width: number } {
  const counts = calibrated.map(({ model }) =>
    scoreCounts(model, results.sample.positives, results.sample.negatives),
  );
  const scores = counts.flat().map((c) => c.score);
  const edges = usedProbabilityEdges(Math.min(...scores), Math.max(...scores));
  const histograms = counts.map((c) => histogram(c, edges, true));
  const peak = Math.max(1, ...histograms.flatMap((h) => h.flatMap((b) => [b.positives, b.negatives])));
  const tick = roundCountTick(peak);
  const items = calibrated.map(({ index, name }, k): ConcatItem => {
    const rows = (histograms[k] ?? []).flatMap((bin) => [
      ...(bin.positives > 0 ? [{ start: bin.start, end: bin.end, count: bin.positives, kind: WITH }] : []),
      ...(bin.negatives > 0
        ? [{ start: bin.start, end: bin.end, count: -bin.negatives, kind: WITHOUT }]
        : []),
    ]);
    const last = k === calibrated.length - 1;
    return {
      title: {
        text: `Cases by predicted probability: ${name}`,
        fontSize: FONT_SIZE.label,
        fontWeight: 'normal',
        color: GREYS.text,
        anchor: 'start',
        offset: 6,
      },
      width: SIZE.calibration,
      height: SIZE.strip,
      layer: [
        {
          data: { values: rows },
          mark: { type: 'rect', color: modelColour(index) },
          encoding: {
            x: {
              field: 'start',
              type: 'quantitative',
              scale: { domain: [0, 1], nice: false },
              axis: {
                format: '.1f',
                tickCount: 5,
                title: last ? 'Predicted probability' : null,
                labels: last,
                grid: false,
              },
            },
            x2: { field: 'end' },
            y: {
              field: 'count',
              type: 'quantitative',
              // a square-root scale, symmetric about zero (vega's pow scale keeps the sign)
              scale: { type: 'sqrt', domain: [-peak, peak], nice: false, zero: true },
              // vega thins explicit values to about height / 40 ticks, and to domain / tickMinStep
              // (1 for counts): with tickCount 3 and no minimum step the three all stay
              axis: {
                title: 'Cases',
                values: [-tick, 0, tick],
                tickCount: 3,
                tickMinStep: 0,
                format: 'd',
                grid: false,
                labelOverlap: false,
              },
            },
            opacity: {
              field: 'kind',
              type: 'ordinal',
              scale: { domain: [WITH, WITHOUT], range: [1, 0.45] },
              legend: null,
            },
          },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: GREYS.axis, strokeWidth: 0.8 },
          encoding: { y: { field: 'zero', type: 'quantitative' } },
        },
      ],
    };
  });
  return { items, width: edges.width };
}

export function calibrationChart(results: Results): ChartSpec | null {
  const names = modelNames(results);
  const calibrated: Calibrated[] = [];
  results.models.forEach((model, index) => {
    if (model.calibration) {
      calibrated.push({ model, calibration: model.calibration, index, name: names[index] as string });
    }
  });
  if (calibrated.length === 0) return null;
  const level = formatLevel(results.settings.level);
  const data = calibrationData(calibrated);
  const hasIci = data.hasIci;
  const histograms = strips(results, calibrated);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: { ...theme, concat: { spacing: 10 } },
    vconcat: [mainPanel(data), ...histograms.items],
  };

  const methods = distinctMethods(calibrated.flatMap((m) => m.calibration.bins.map((b) => b.observed.ci)));
  const smoothMethod = calibrated.find((m) => m.calibration.smooth)?.calibration.smooth;
  const caption =
    `Calibration of the predicted probabilities (${sampleText(results)}). Points: the observed proportion ` +
    `with the outcome in groups of cases of similar predicted probability, against the groups' mean prediction, ` +
    `with ${level} confidence intervals${methods.length > 0 ? ` (${methods.join('; ')})` : ''}; the groups hold about equal numbers of cases. ` +
    (smoothMethod
      ? `Lines: the smoothed calibration curve (loess, span ${formatFixed(smoothMethod.span, 2)}). `
      : '') +
    `The dashed diagonal is perfect calibration; a curve below it means the model overestimates the risk. ` +
    (hasIci
      ? 'ICI: mean absolute distance between the smoothed curve and the diagonal over the cases. '
      : '') +
    `Under the plot, for each model, the number of cases per predicted-probability interval of width ` +
    `${formatNumber(histograms.width)} over the range of predictions the models use (cases with the outcome above ` +
    `zero, solid; without below, pale, counted downwards), on a square-root scale so that the crowded intervals do not ` +
    `flatten the rest.`;
  return { name: 'calibration', section: 'calibration', title: 'Calibration', caption, spec };
}
