/**
 * Score distributions by outcome, one panel per model: histograms of the scores of positive
 * cases (above the axis) and negative cases (below), with the operating-point thresholds.
 * Reads: `models[].roc` (results carry no raw scores; the ROC points hold every distinct
 * score with the class counts at it, see `scoreCounts`), `models[].scoreKind`,
 * `models[].operatingPoints` (threshold, label), `sample.positives`, `sample.negatives`.
 * Null when no model has ROC points.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ModelResult, Results } from '../results/results.js';
import {
  binEdges,
  histogram,
  modelNames,
  operatingPointCatalogue,
  probabilityEdges,
  round,
  sampleText,
  scoreCounts,
  type HistogramBin,
  type OperatingPointEntry,
} from './data.js';
import { joinWords } from '../format/words.js';
import type { ChartSpec } from './index.js';
import { layers, type ConcatItem, type LayerItem } from './vl.js';
import {
  FONT_SIZE,
  GREYS,
  operatingPointShape,
  SIZE,
  VEGA_LITE_SCHEMA,
  modelColour,
  theme,
} from './theme.js';
import { extent } from './extent.js';

/** Bins over [0, 1] for probabilities; about this many round bins otherwise. */
const PROBABILITY_BIN_WIDTH = 0.025;
const SCORE_BINS = 40;

const POSITIVE = 'Positive cases (above the axis)';
const NEGATIVE = 'Negative cases (below the axis)';
/** Opacity of the negative cases' bars. */
const PALE = 0.4;
/** Vertical distance between the markers of successive operating points, px. */
const MARKER_STEP = 9;

/** A model's histogram panel: its bins and its score axis. */
interface Panel {
  model: ModelResult;
  index: number;
  bins: HistogramBin[];
  domain: number[];
}

/** The encodings every panel shares. */
function sharedEncodings(catalogue: OperatingPointEntry[]) {
  const shape = {
    field: 'op',
    type: 'nominal' as const,
    scale: {
      domain: catalogue.map((op) => op.label),
      range: catalogue.map((op) => operatingPointShape(op.index)),
    },
    legend: { title: 'Operating-point threshold' },
  };
  const opacity = {
    field: 'kind',
    type: 'ordinal' as const,
    scale: { domain: [POSITIVE, NEGATIVE], range: [1, PALE] },
    legend: { title: 'Outcome', symbolType: 'square' },
  };
  return { shape, opacity };
}

type Shared = ReturnType<typeof sharedEncodings>;

// marker k of the operating points sits 6 + 9k px above the panel, so close thresholds stay apart
const markerY = (opIndex: number) => -(6 + MARKER_STEP * opIndex);

/** A dashed line at each operating point's threshold, with its marker above the panel. */
function thresholdMarks(
  model: ModelResult,
  { catalogue, shape }: { catalogue: OperatingPointEntry[]; shape: Shared['shape'] },
): LayerItem[] {
  return catalogue.flatMap((entry): LayerItem[] => {
    const op = model.operatingPoints.find((o) => o.id === entry.id);
    if (!op || op.threshold === null || !Number.isFinite(op.threshold)) return [];
    const values = [{ threshold: round(op.threshold), op: entry.label }];
    const thresholdX = { field: 'threshold', type: 'quantitative' as const };
    return [
      {
        data: { values },
        mark: { type: 'rule', color: GREYS.treatNone, strokeWidth: 1, strokeDash: [3, 2] },
        encoding: { x: thresholdX, y: { value: markerY(entry.index) }, y2: { value: SIZE.panel } },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 50, color: GREYS.treatNone, opacity: 1 },
        encoding: { x: thresholdX, y: { value: markerY(entry.index) }, shape },
      },
    ];
  });
}

interface PanelContext extends Shared {
  name: string;
  catalogue: OperatingPointEntry[];
  /** The largest count in any bin of either outcome: both halves of every panel run to it. */
  peak: number;
  /** Whether the panel's score axis is labelled (the last one, or every one on own scales). */
  showLabels: boolean;
}

function panelSpec(
  { model, index, bins, domain }: Panel,
  { name, catalogue, shape, opacity, peak, showLabels }: PanelContext,
): ConcatItem {
  const rows = bins.flatMap((b) => [
    ...(b.positives > 0 ? [{ start: b.start, end: b.end, count: b.positives, kind: POSITIVE }] : []),
    ...(b.negatives > 0 ? [{ start: b.start, end: b.end, count: -b.negatives, kind: NEGATIVE }] : []),
  ]);
  const x = {
    field: 'start',
    type: 'quantitative' as const,
    scale: { domain, nice: false },
    axis: {
      title: showLabels
        ? model.scoreKind === 'probability'
          ? 'Score (predicted probability)'
          : 'Score'
        : null,
      labels: showLabels,
      tickCount: 10,
      grid: false,
    },
  };
  const thresholdLayers = thresholdMarks(model, { catalogue, shape });
  return {
    title: {
      text: name,
      fontSize: FONT_SIZE.title,
      fontWeight: 'normal',
      color: GREYS.text,
      // the offset counts from the markers above the panel
      offset: 6,
    },
    width: SIZE.width,
    height: SIZE.panel,
    layer: layers(
      // carries the outcome legend in grey (a legend takes its symbol colour from its first layer)
      {
        data: { values: [{ kind: POSITIVE }, { kind: NEGATIVE }] },
        mark: { type: 'square', size: 0, color: GREYS.axis },
        encoding: { opacity },
      },
      {
        data: { values: rows },
        mark: { type: 'rect', color: modelColour(index) },
        encoding: {
          x,
          x2: { field: 'end' },
          y: {
            field: 'count',
            type: 'quantitative',
            title: 'Cases per bin',
            // both halves on one scale, the negative cases' counts written with a minus sign
            scale: { domain: [-peak, peak], nice: true },
            axis: { format: 'd', tickCount: 6, tickMinStep: 1 },
          },
          opacity,
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: GREYS.axis, strokeWidth: 0.8 },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
      ...thresholdLayers,
    ),
  };
}

export function scoreDistributionsChart(results: Results): ChartSpec | null {
  const names = modelNames(results);
  const models = results.models
    .map((model, index) => ({ model, index }))
    .filter(({ model }) => model.roc.length > 0);
  if (models.length === 0) return null;
  const catalogue = operatingPointCatalogue(results);
  const { positives, negatives } = results.sample;

  const panels: Panel[] = models.map(({ model, index }) => {
    const counts = scoreCounts(model, positives, negatives);
    const scores = counts.map((c) => c.score);
    const probability = model.scoreKind === 'probability';
    const edges = probability
      ? probabilityEdges(PROBABILITY_BIN_WIDTH)
      : binEdges(extent(scores).min, extent(scores).max, SCORE_BINS);
    const bins: HistogramBin[] = histogram(counts, edges, probability);
    return { model, index, bins, domain: [edges.start, round(edges.start + edges.count * edges.width, 12)] };
  });
  const peak = Math.max(1, ...panels.flatMap((p) => p.bins.flatMap((b) => [b.positives, b.negatives])));
  const allProbabilities = panels.every((p) => p.model.scoreKind === 'probability');
  const shared = sharedEncodings(catalogue);
  const vconcat = panels.map((panel, k) =>
    panelSpec(panel, {
      ...shared,
      name: names[panel.index] as string,
      catalogue,
      peak,
      showLabels: k === panels.length - 1 || !allProbabilities,
    }),
  );

  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: { ...theme, concat: { spacing: 16 } },
    vconcat,
    resolve: { scale: { x: allProbabilities ? 'shared' : 'independent', y: 'independent' } },
  };

  const hasThresholds = models.some(({ model }) => model.operatingPoints.some((op) => op.threshold !== null));
  const binText = allProbabilities
    ? `intervals of width ${PROBABILITY_BIN_WIDTH}`
    : 'intervals of equal width (each model on its own score scale)';
  const caption =
    `Distribution of each model's scores by outcome (${sampleText(results)}): the number of positive cases ` +
    `(solid bars, above the axis) and negative cases (pale bars, below the axis, counted downwards) with scores in ${binText}, ` +
    `both on the same scale. ` +
    `The less the two overlap, the better the model separates the classes.` +
    (hasThresholds
      ? ` Dashed vertical lines: the thresholds of the operating points (${joinWords(catalogue.map((op) => op.label))}); ` +
        `cases at or above a threshold are called positive.`
      : '');
  return {
    name: 'score-distributions',
    section: 'discrimination',
    title: 'Score distributions by outcome',
    caption,
    spec,
  };
}
