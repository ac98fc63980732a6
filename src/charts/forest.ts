/**
 * Forest plot of the paired differences between models: the AUC difference and, at each
 * operating point, the differences in sensitivity, specificity, PPV and NPV, each with its
 * interval, and the estimate, interval and p-value written beside it.
 * Reads: `comparisons[]` (models, auc, operatingPoints[].sensitivity/specificity/ppv/npv:
 * difference, ci or bootstrapCi, p, pAdjusted), `models[]` (names; operating-point labels),
 * `settings.level`. Null when there are no comparisons.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ComparisonResult, Difference, Interval, Results } from '../results/results.js';
import { distinctMethods, modelNames, operatingPointCatalogue, preferredInterval, round } from './data.js';
import { formatFixed, formatInterval, formatLevel, formatPValue } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import { dejaVuTextWidth } from './textMetrics.js';
import { layers, type ConcatItem, type LayerItem } from './vl.js';
import { DASH, FONT_SIZE, GREYS, VEGA_LITE_SCHEMA, theme } from './theme.js';

/** Height of one row in px. */
const ROW = 19;
/** Width of the plot area; the numbers column is written to its right. */
const PLOT_WIDTH = 120;
/** Shading of every other operating point's rows. */
const SHADE = '#F2F2F2';

const MEASURES = [
  ['sensitivity', 'Sensitivity'],
  ['specificity', 'Specificity'],
  ['ppv', 'PPV'],
  ['npv', 'NPV'],
] as const;

/** A p-value as the report's tables write it ("0.0077", "< 0.001", "> 0.99"); empty when there is none. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return formatPValue(p);
}

/**
 * A difference axis from `lo` to `hi` (zero included) ending on round ticks: at most five
 * ticks at a step of 1, 2, 2.5 or 5 × 10^k, and the format that shows them.
 */
export function differenceAxis(
  lo: number,
  hi: number,
): { domain: [number, number]; ticks: { values: number[]; format: string } } {
  const span = Math.max(hi - lo, 1e-3);
  const power = 10 ** Math.floor(Math.log10(span / 4));
  const step = ([1, 2, 2.5, 5, 10].find((m) => span / (m * power) <= 4) ?? 10) * power;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) values.push(round(v, 10));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) + (step / power === 2.5 ? 1 : 0);
  return { domain: [round(start, 10), round(end, 10)], ticks: { values, format: `.${decimals}f` } };
}

/** "A minus B", on two lines when wider than the chart. */
function panelTitle(a: string, b: string, width: number): string | string[] {
  const text = `${a} minus ${b}`;
  return dejaVuTextWidth(text, FONT_SIZE.title, true) <= Math.max(width, 440) ? text : [`${a} minus`, b];
}

interface Row {
  /** Unique key of the row (the y value). */
  key: string;
  label: string;
  /** 0: a top-level row; 1: an operating point's header; 2: a measure under its header. */
  level: 0 | 1 | 2;
  group: number;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  estimate: string;
  p: string;
}

const INDENT = 12;
const COLUMN_GAP = 10;

/** One panel: a comparison's rows, with the intervals and tests behind them (for the caption). */
interface Panel {
  comparison: ComparisonResult;
  rows: Row[];
  intervals: (Interval | null)[];
  tests: string[];
}

/** The rows of one comparison: AUC, then each operating point's header and its measures. */
function panelOf(
  comparison: ComparisonResult,
  { adjusted, opLabel }: { adjusted: boolean; opLabel: Map<string, string> },
): Panel {
  const panel: Panel = { comparison, rows: [], intervals: [], tests: [] };
  const { rows } = panel;
  const add = (key: string, label: string, rowLevel: 0 | 2, group: number, d: Difference) => {
    if (d.difference === null || !Number.isFinite(d.difference)) return;
    const interval = preferredInterval(d);
    panel.intervals.push(interval);
    panel.tests.push(d.method);
    rows.push({
      key,
      label,
      level: rowLevel,
      group,
      difference: round(d.difference),
      lower: interval ? round(interval.lower) : null,
      upper: interval ? round(interval.upper) : null,
      estimate: `${formatFixed(d.difference, 3)}${interval ? ` (${formatInterval(interval)})` : ''}`,
      p: formatP(adjusted ? (d.pAdjusted ?? d.p) : d.p),
    });
  };
  add('auc', 'AUC', 0, 0, comparison.auc);
  comparison.operatingPoints.forEach((op, j) => {
    const before = rows.length;
    for (const [key, measure] of MEASURES) add(`${op.id}:${key}`, measure, 2, j + 1, op[key]);
    if (rows.length > before) {
      rows.splice(before, 0, {
        key: `${op.id}:`,
        label: opLabel.get(op.id) ?? op.id,
        level: 1,
        group: j + 1,
        difference: null,
        lower: null,
        upper: null,
        estimate: '',
        p: '',
      });
    }
  });
  return panel;
}

/** Where the text columns go, measured in the chart font: labels left of the plot, estimate and p right. */
interface Columns {
  labelWidth: number;
  labelX: number;
  estimateX: number;
  pX: number;
  right: number;
  estimateHeader: string;
  pHeader: string;
}

function columnsOf(rows: Row[], { level, adjusted }: { level: string; adjusted: boolean }): Columns {
  const size = FONT_SIZE.label;
  const labelWidth = Math.ceil(
    Math.max(
      ...rows.map((r) => dejaVuTextWidth(r.label, size, r.level === 1) + (r.level === 2 ? INDENT : 0)),
    ),
  );
  const estimateHeader = `Difference (${level} CI)`;
  const pHeader = adjusted ? 'p (Holm)' : 'p';
  const estimateWidth = Math.ceil(
    Math.max(
      dejaVuTextWidth(estimateHeader, size, true),
      ...rows.map((r) => dejaVuTextWidth(r.estimate, size)),
    ),
  );
  const pWidth = Math.ceil(
    Math.max(dejaVuTextWidth(pHeader, size, true), ...rows.map((r) => dejaVuTextWidth(r.p, size))),
  );
  const estimateX = PLOT_WIDTH + COLUMN_GAP;
  const pX = estimateX + estimateWidth + COLUMN_GAP;
  return {
    labelWidth,
    labelX: -labelWidth - COLUMN_GAP,
    estimateX,
    pX,
    right: pX + pWidth,
    estimateHeader,
    pHeader,
  };
}

/** What every panel shares: the columns, the difference axis, the model names. */
interface PanelLayout {
  columns: Columns;
  axis: ReturnType<typeof differenceAxis>;
  nameOf: Map<string, string>;
  /** The last panel carries the axis labels and title. */
  last: boolean;
}

type Band = { field: 'key'; type: 'nominal'; scale: object; axis: null };

/** The text layers of one row level (0 top-level, 1 headers in bold, 2 indented measures). */
function labelLayer(rows: Row[], y: Band, rowLevel: 0 | 1 | 2, x: number): LayerItem | false {
  const selected = rows.filter((r) => r.level === rowLevel);
  return (
    selected.length > 0 && {
      data: { values: selected },
      mark: {
        type: 'text',
        align: 'left',
        baseline: 'middle',
        x,
        fontWeight: rowLevel === 1 ? 'bold' : 'normal',
      },
      encoding: { y, text: { field: 'label', type: 'nominal' } },
    }
  );
}

/** The right-hand columns: estimate with interval, p, and their headers. */
function numberLayers(estimates: Row[], y: Band, c: Columns): LayerItem[] {
  const column = (field: 'estimate' | 'p', x: number): LayerItem => ({
    data: { values: estimates },
    mark: { type: 'text', align: 'left', baseline: 'middle', x },
    encoding: { y, text: { field, type: 'nominal' } },
  });
  const headers = [
    [c.estimateHeader, c.estimateX],
    [c.pHeader, c.pX],
  ].map(([header, at]): LayerItem => ({
    data: { values: [{ text: header }] },
    mark: { type: 'text', align: 'left', baseline: 'bottom', x: at as number, y: -5, fontWeight: 'bold' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  }));
  return [column('estimate', c.estimateX), column('p', c.pX), ...headers];
}

function panelSpec({ comparison, rows }: Panel, { columns: c, axis, nameOf, last }: PanelLayout): ConcatItem {
  const [a, b] = comparison.models;
  const y: Band = {
    field: 'key',
    type: 'nominal',
    scale: { type: 'band', domain: rows.map((r) => r.key), paddingInner: 0, paddingOuter: 0 },
    axis: null,
  };
  const estimates = rows.filter((r) => r.difference !== null);
  const x = {
    field: 'difference',
    type: 'quantitative' as const,
    scale: { domain: axis.domain, nice: false },
    title: last ? 'Difference (first \u2212 second)' : null,
    axis: { format: axis.ticks.format, values: axis.ticks.values, labels: last, grid: true },
  };
  return {
    title: {
      text: panelTitle(nameOf.get(a) ?? a, nameOf.get(b) ?? b, c.labelWidth + COLUMN_GAP + c.right),
      fontSize: FONT_SIZE.title,
      fontWeight: 'bold',
      color: GREYS.text,
      anchor: 'start',
      offset: 22,
    },
    width: PLOT_WIDTH,
    height: ROW * rows.length,
    layer: layers(
      {
        data: { values: rows.filter((r) => r.group % 2 === 1) },
        mark: { type: 'rect', color: SHADE },
        encoding: { y, x: { value: c.labelX - 4 }, x2: { value: c.right + 4 } },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: GREYS.reference, strokeDash: DASH, strokeWidth: 1 },
        encoding: { x: { ...x, field: 'zero' } },
      },
      {
        data: { values: estimates.filter((r) => r.lower !== null && r.upper !== null) },
        mark: { type: 'rule', color: GREYS.text, strokeWidth: 1.5 },
        encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        data: { values: estimates },
        mark: { type: 'point', shape: 'square', filled: true, size: 40, color: GREYS.text, opacity: 1 },
        encoding: { y, x },
      },
      labelLayer(rows, y, 0, c.labelX),
      labelLayer(rows, y, 1, c.labelX),
      labelLayer(rows, y, 2, c.labelX + INDENT),
      ...numberLayers(estimates, y, c),
    ),
  };
}

function forestCaption(
  results: Results,
  panels: Panel[],
  { level, adjusted }: { level: string; adjusted: boolean },
) {
  const methods = distinctMethods(panels.flatMap((p) => p.intervals));
  const testNames = [...new Set(panels.flatMap((p) => p.tests))];
  return (
    `Paired differences between models (first model minus second) on the same ${results.sample.n} cases: the ` +
    `difference in AUC and, at each operating point, in sensitivity, specificity, positive and negative ` +
    `predictive value (PPV, NPV). Squares are the estimates, horizontal lines their ${level} confidence ` +
    `intervals${methods.length > 0 ? ` (${methods.join('; ')})` : ''}; the dashed line marks no difference. ` +
    `Right of the plot, the estimate with its interval and the ${adjusted ? 'Holm-adjusted ' : ''}p-value ` +
    `(${testNames.join('; ')}).`
  );
}

export function forestChart(results: Results): ChartSpec | null {
  if (results.comparisons.length === 0) return null;
  const names = modelNames(results);
  const nameOf = new Map(results.models.map((m, i) => [m.id, names[i] as string]));
  const level = formatLevel(results.settings.level);
  const opLabel = new Map(operatingPointCatalogue(results).map((op) => [op.id, op.label]));
  const adjusted = results.comparisons.some(
    (c) =>
      (c.auc.pAdjusted ?? null) !== null ||
      c.operatingPoints.some((op) => MEASURES.some(([key]) => (op[key].pAdjusted ?? null) !== null)),
  );
  const panels = results.comparisons.map((comparison) => panelOf(comparison, { adjusted, opLabel }));
  const shown = panels.filter((p) => p.rows.some((r) => r.difference !== null));
  if (shown.length === 0) return null;

  // one x scale for every panel: zero and every interval, with a margin
  const values = shown.flatMap((p) =>
    p.rows.flatMap((r) => (r.difference === null ? [] : [r.difference, r.lower ?? 0, r.upper ?? 0])),
  );
  const axis = differenceAxis(Math.min(...values, 0), Math.max(...values, 0));
  const columns = columnsOf(
    shown.flatMap((p) => p.rows),
    { level, adjusted },
  );
  const vconcat = shown.map((panel, k) =>
    panelSpec(panel, { columns, axis, nameOf, last: k === shown.length - 1 }),
  );
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    config: { ...theme, concat: { spacing: 24 } },
    vconcat,
    resolve: { scale: { y: 'independent' } },
  };
  return {
    name: 'forest',
    section: 'comparisons',
    title: 'Paired differences between models',
    caption: forestCaption(results, panels, { level, adjusted }),
    spec,
  };
}
