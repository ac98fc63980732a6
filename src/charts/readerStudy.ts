/**
 * The reader-study figures:
 *
 * - `reader-study-roc`: each modality's readers over the standalone models' ROC curves — with
 *   `positiveFrom` each reader's operating point (1 − specificity, sensitivity) per modality,
 *   a thin line joining the same reader across modalities and a large marker at the readers'
 *   mean; without it each reader's empirical ROC points; the figure of AI-vs-reader papers.
 * - `reader-study-differences`: forest plot of each reader's own difference between two
 *   modalities with its interval (readers fixed) and the mean difference with its
 *   random-readers interval (Obuchowski–Rockette–Hillis), one panel per figure of merit.
 *
 * Reads `readerStudy` (modalities, readers, auc/sensitivity/specificity, roc, positiveFrom) and
 * `models[].roc`. Null without a reader study.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results/results.js';
import type { ReaderMetric, ReaderMetricResult, ReaderStudyResult } from '../results/readerStudy.js';
import { formatLevel } from '../format/numbers.js';
import { rocVertices, round } from './data.js';
import type { ChartSpec } from './index.js';
import { DASH, GREYS, MODEL_COLOURS, SIZE, VEGA_LITE_SCHEMA, theme } from './theme.js';
import { layers, type ConcatItem } from './vl.js';

const MODEL_GREYS = ['#222222', '#777777', '#AAAAAA'];
const MODALITY_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross'];

const METRIC_NAMES: Record<ReaderMetric, string> = {
  auc: 'AUC',
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
};

function readerPoints(
  rs: ReaderStudyResult,
): { reader: string; modality: string; fpr: number; tpr: number }[] {
  const sensitivity = rs.sensitivity as ReaderMetricResult;
  const specificity = rs.specificity as ReaderMetricResult;
  return sensitivity.modalities.flatMap((m, t) =>
    m.readers.map((r, k) => ({
      reader: r.id,
      modality: m.id,
      fpr: round(1 - (specificity.modalities[t]?.readers[k]?.estimate as number)),
      tpr: round(r.estimate),
    })),
  );
}

export function readerStudyRocChart(results: Results): ChartSpec | null {
  const rs = results.readerStudy;
  if (!rs) return null;
  const calls = rs.sensitivity !== undefined && rs.specificity !== undefined;
  const modelCurves = results.models.flatMap((model) =>
    rocVertices(model.roc).map((v, order) => ({
      series: model.name,
      order,
      fpr: v.fpr,
      tpr: v.tpr,
    })),
  );
  const colour = {
    field: 'modality',
    type: 'nominal' as const,
    title: 'Readers by modality',
    scale: { domain: rs.modalities, range: MODEL_COLOURS.slice(0, rs.modalities.length) },
  };
  const shape = {
    field: 'modality',
    type: 'nominal' as const,
    scale: { domain: rs.modalities, range: MODALITY_SHAPES.slice(0, rs.modalities.length) },
    legend: null,
  };
  const x = {
    field: 'fpr',
    type: 'quantitative' as const,
    title: '1 − specificity (false-positive rate)',
    scale: { domain: [0, 1] },
  };
  const y = {
    field: 'tpr',
    type: 'quantitative' as const,
    title: 'Sensitivity (true-positive rate)',
    scale: { domain: [0, 1] },
  };
  const points = calls ? readerPoints(rs) : [];
  const means = calls
    ? rs.modalities.map((id, t) => ({
        modality: id,
        fpr: round(1 - ((rs.specificity as ReaderMetricResult).modalities[t]?.estimate as number)),
        tpr: round((rs.sensitivity as ReaderMetricResult).modalities[t]?.estimate as number),
      }))
    : [];
  const rocPoints = calls
    ? []
    : rs.roc.flatMap((curve) =>
        curve.fpr.map((f, k) => ({
          reader: curve.reader,
          modality: curve.modality,
          order: k,
          fpr: round(f),
          tpr: round(curve.tpr[k] as number),
        })),
      );
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: theme,
    width: SIZE.square,
    height: SIZE.square,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    layer: layers(
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', color: GREYS.reference, strokeDash: DASH, strokeWidth: 1 },
        encoding: { x, y },
      },
      modelCurves.length > 0 && {
        data: { values: modelCurves },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: {
          x,
          y,
          order: { field: 'order', type: 'quantitative' },
          color: {
            field: 'series',
            type: 'nominal',
            title: 'Standalone model',
            scale: { range: MODEL_GREYS },
          },
        },
      },
      !calls && {
        data: { values: rocPoints },
        mark: { type: 'line', strokeWidth: 1, opacity: 0.45, point: { size: 18, filled: true } },
        encoding: {
          x,
          y,
          order: { field: 'order', type: 'quantitative' },
          detail: { field: 'reader', type: 'nominal' },
          color: colour,
        },
      },
      calls && {
        data: { values: points },
        mark: { type: 'line', strokeWidth: 1, color: GREYS.axis, opacity: 0.8 },
        encoding: {
          x,
          y,
          detail: { field: 'reader', type: 'nominal' },
          order: { field: 'modality', sort: 'ascending' },
        },
      },
      calls && {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 55, opacity: 0.9 },
        encoding: { x, y, color: colour, shape },
      },
      calls && {
        data: { values: means },
        mark: { type: 'point', filled: false, size: 260, strokeWidth: 2.5 },
        encoding: { x, y, color: { ...colour, legend: null }, shape },
      },
    ),
  };
  const level = formatLevel(results.settings.level);
  const caption =
    `Readers against the standalone model${results.models.length > 1 ? 's' : ''} (${rs.cases} cases, ${rs.positives} positive; ${rs.readers.length} readers, ${rs.modalities.length} modalities). ` +
    `Lines in grey are the models' empirical ROC curves; the dashed diagonal is chance. ` +
    (calls
      ? `Each small marker is one reader's operating point in one modality (a rating ≥ ${rs.positiveFrom} is a positive call), ` +
        `thin lines join the same reader across modalities, and the large open markers are the readers' mean sensitivity and specificity per modality.`
      : `Each coloured line is one reader's empirical ROC curve in one modality (each distinct rating a threshold).`) +
    ` Intervals of the readers' means (${level}) are in the reader-study tables.`;
  return {
    name: 'reader-study-roc',
    section: 'readerStudy',
    title: 'Readers and the standalone model',
    caption,
    spec,
  };
}

interface ForestRow {
  key: string;
  label: string;
  difference: number;
  lower: number | null;
  upper: number | null;
  mean: boolean;
}

function forestRows(metric: ReaderMetricResult): ForestRow[] {
  return metric.comparisons.flatMap((c, k) => {
    const prefix = metric.comparisons.length > 1 ? `${c.modalities[0]} − ${c.modalities[1]}: ` : '';
    return [
      ...c.readers.map((r) => ({
        key: `${k}:${r.id}`,
        label: `${prefix}${r.id}`,
        difference: round(r.difference),
        lower: r.ci ? round(r.ci.lower) : null,
        upper: r.ci ? round(r.ci.upper) : null,
        mean: false,
      })),
      {
        key: `${k}:mean`,
        label: `${prefix}Mean (random readers)`,
        difference: round(c.difference),
        lower: c.randomReaders.ci ? round(c.randomReaders.ci.lower) : null,
        upper: c.randomReaders.ci ? round(c.randomReaders.ci.upper) : null,
        mean: true,
      },
    ];
  });
}

export function readerStudyForestChart(results: Results): ChartSpec | null {
  const rs = results.readerStudy;
  if (!rs || rs.auc.comparisons.length === 0) return null;
  const metrics = (['auc', 'sensitivity', 'specificity'] as const).filter((m) => rs[m] !== undefined);
  const panels: ConcatItem[] = metrics.map((metric, index) => {
    const rows = forestRows(rs[metric] as ReaderMetricResult);
    const keys = rows.map((r) => r.key);
    const y = {
      field: 'key',
      type: 'nominal' as const,
      title: null,
      sort: keys,
      axis:
        index === 0
          ? {
              labelExpr: `{${rows.map((r) => `${JSON.stringify(r.key)}: ${JSON.stringify(r.label)}`).join(', ')}}[datum.value]`,
              ticks: false,
              domain: false,
            }
          : null,
    };
    const x = { type: 'quantitative' as const, title: `${METRIC_NAMES[metric]} difference` };
    return {
      width: 150,
      height: rows.length * 20,
      layer: [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', strokeDash: DASH, color: GREYS.reference },
          encoding: { x: { ...x, field: 'zero' } },
        },
        {
          data: { values: rows.filter((r) => r.lower !== null) },
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            y,
            x: { ...x, field: 'lower' },
            x2: { field: 'upper' },
            color: {
              field: 'mean',
              type: 'nominal',
              scale: { domain: [false, true], range: [GREYS.axis, MODEL_COLOURS[0] as string] },
              legend: null,
            },
          },
        },
        {
          data: { values: rows },
          mark: { type: 'point', filled: true },
          encoding: {
            y,
            x: { ...x, field: 'difference' },
            shape: {
              field: 'mean',
              type: 'nominal',
              scale: { domain: [false, true], range: ['circle', 'diamond'] },
              legend: null,
            },
            size: {
              field: 'mean',
              type: 'nominal',
              scale: { domain: [false, true], range: [40, 120] },
              legend: null,
            },
            color: {
              field: 'mean',
              type: 'nominal',
              scale: { domain: [false, true], range: [GREYS.text, MODEL_COLOURS[0] as string] },
              legend: null,
            },
          },
        },
      ],
    } as ConcatItem;
  });
  const first = rs.auc.comparisons[0];
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    config: { ...theme, concat: { spacing: 18 } },
    ...(rs.auc.comparisons.length === 1 && first
      ? { title: `${first.modalities[0]} minus ${first.modalities[1]}` }
      : {}),
    hconcat: panels,
  } as TopLevelSpec;
  const level = formatLevel(results.settings.level);
  const caption =
    `Each reader's own difference ${first ? `${first.modalities[0]} minus ${first.modalities[1]}` : ''} (dots, ${level} normal intervals with the reader fixed and cases random) ` +
    `and the readers' mean difference (diamond, ${level} interval of the Obuchowski–Rockette–Hillis analysis with readers and cases random). ` +
    `The dashed line is no difference.`;
  return {
    name: 'reader-study-differences',
    section: 'readerStudy',
    title: 'Per-reader differences between modalities',
    caption,
    spec,
  };
}
