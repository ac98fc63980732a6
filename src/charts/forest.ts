/**
 * Forest plot of the paired differences between models: the AUC difference and, at each
 * operating point, the differences in sensitivity, specificity, PPV and NPV, each with its
 * interval, and the estimate, interval and p-value written beside it as the tables write them.
 * One column of rows (comparison → operating point → measure, see forestRows.ts) under one
 * numbered difference axis with a labelled zero, repeated on top when a figure is long. The
 * rows are cut into figures that fit a printed page ("forest", or "forest-1", "forest-2", …),
 * all on the same difference scale.
 * Reads: `comparisons[]` (models, auc, operatingPoints[].sensitivity/specificity/ppv/npv:
 * difference, ci or bootstrapCi, p, pAdjusted), `models[]` (names; operating-point labels),
 * `settings.level`. No figure when there are no comparisons.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ComparisonResult, Results } from '../results/results.js';
import { distinctMethods, modelNames, operatingPointCatalogue } from './data.js';
import { differenceAxis } from './differenceAxis.js';
import { formatLevel } from '../format/numbers.js';
import type { ChartSpec } from './index.js';
import {
  MEASURES,
  comparisonHeader,
  forestBlock,
  paginateForest,
  type ForestBlock,
  type ForestPage,
  type ForestRow,
  type RowKind,
} from './forestRows.js';
import { dejaVuTextWidth } from './textMetrics.js';
import { layers, type LayerItem } from './vl.js';
import { DASH, FONT_SIZE, GREYS, VEGA_LITE_SCHEMA, theme } from './theme.js';

export { formatP } from './forestRows.js';
export { differenceAxis } from './differenceAxis.js';

/** Height of one row in px. */
const ROW = 19;
/** Width of the plot area; the numbers column is written to its right. */
const PLOT_WIDTH = 120;
/** Shading of every other operating point's rows. */
const SHADE = '#F2F2F2';
/**
 * Rows per figure: 30 rows are 570 px, with the axes and column headers about 680 px (180 mm
 * at 96 px per inch), which leaves room for the caption on an A4 or US Letter page.
 */
export const FOREST_MAX_ROWS = 30;
/** Figures longer than this also get the difference axis on top. */
const TOP_AXIS_ROWS = 20;

const INDENT = 12;
const COLUMN_GAP = 10;
/** A comparison's header may widen a narrow figure up to this (px) before it takes two rows. */
const HEADER_WIDTH = 440;

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

const INDENTED: RowKind[] = ['measure'];
const BOLD: RowKind[] = ['comparison', 'point'];

function labelWidthOf(r: ForestRow): number {
  if (r.kind === 'comparison') return 0; // spans the plot: it has no estimate
  return (
    dejaVuTextWidth(r.label, FONT_SIZE.label, BOLD.includes(r.kind)) +
    (INDENTED.includes(r.kind) ? INDENT : 0)
  );
}

function columnsOf(rows: ForestRow[], { level, adjusted }: { level: string; adjusted: boolean }): Columns {
  const size = FONT_SIZE.label;
  const labelWidth = Math.ceil(Math.max(...rows.map(labelWidthOf)));
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

type Band = { field: 'key'; type: 'nominal'; scale: object; axis: null };

/** The text layer of one kind of row: comparison headers larger and bold, operating points bold, measures indented. */
function labelLayer(rows: ForestRow[], y: Band, kind: RowKind, c: Columns): LayerItem | false {
  const selected = rows.filter((r) => r.kind === kind);
  return (
    selected.length > 0 && {
      data: { values: selected },
      mark: {
        type: 'text',
        align: 'left',
        baseline: 'middle',
        x: c.labelX + (INDENTED.includes(kind) ? INDENT : 0),
        fontWeight: BOLD.includes(kind) ? 'bold' : 'normal',
        ...(kind === 'comparison' ? { fontSize: FONT_SIZE.title } : {}),
      },
      encoding: { y, text: { field: 'label', type: 'nominal' } },
    }
  );
}

/** The right-hand columns: estimate with interval, p, and their headers above the first row. */
function numberLayers(estimates: ForestRow[], y: Band, c: Columns, top: number): LayerItem[] {
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
    mark: { type: 'text', align: 'left', baseline: 'bottom', x: at as number, y: top, fontWeight: 'bold' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  }));
  return [column('estimate', c.estimateX), column('p', c.pX), ...headers];
}

/** The difference axis: round ticks with numbers, zero written "0". */
function axisOf(axis: ReturnType<typeof differenceAxis>, orient: 'bottom' | 'top') {
  return {
    orient,
    values: axis.ticks.values,
    labelExpr: `datum.value === 0 ? '0' : format(datum.value, '${axis.ticks.format}')`,
    grid: orient === 'bottom',
    ...(orient === 'top' ? { title: null } : {}),
  };
}

interface FigureLayout {
  columns: Columns;
  axis: ReturnType<typeof differenceAxis>;
}

function figureSpec({ rows }: ForestPage, { columns: c, axis }: FigureLayout): TopLevelSpec {
  const y: Band = {
    field: 'key',
    type: 'nominal',
    scale: { type: 'band', domain: rows.map((r) => r.key), paddingInner: 0, paddingOuter: 0 },
    axis: null,
  };
  const estimates = rows.filter((r) => r.difference !== null);
  const topAxis = rows.length > TOP_AXIS_ROWS;
  const x = {
    field: 'difference',
    type: 'quantitative' as const,
    scale: { domain: axis.domain, nice: false },
    title: 'Difference (first \u2212 second)',
    axis: axisOf(axis, 'bottom'),
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: theme,
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
        encoding: { x: { ...x, field: 'zero', ...(topAxis ? { axis: axisOf(axis, 'top') } : {}) } },
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
      // the comparison's header reads across the plot: white under it, over the grid and the zero line
      rows.some((r) => r.kind === 'comparison') && {
        data: { values: rows.filter((r) => r.kind === 'comparison') },
        mark: { type: 'rect', color: 'white' },
        encoding: { y, x: { value: c.labelX - 4 }, x2: { value: c.right + 4 } },
      },
      labelLayer(rows, y, 'comparison', c),
      labelLayer(rows, y, 'estimate', c),
      labelLayer(rows, y, 'point', c),
      labelLayer(rows, y, 'measure', c),
      ...numberLayers(estimates, y, c, topAxis ? -22 : -5),
    ),
    ...(topAxis ? { resolve: { axis: { x: 'independent' } } } : {}),
  };
}

function forestCaption(
  results: Results,
  blocks: ForestBlock[],
  { level, adjusted }: { level: string; adjusted: boolean },
) {
  const methods = distinctMethods(blocks.flatMap((p) => p.intervals));
  const testNames = [...new Set(blocks.flatMap((p) => p.tests))];
  return (
    `Paired differences between models (first model minus second) on the same ${results.sample.n} cases: the ` +
    `difference in AUC and, at each operating point, in sensitivity, specificity, positive and negative ` +
    `predictive value (PPV, NPV). Squares are the estimates, horizontal lines their ${level} confidence ` +
    `intervals${methods.length > 0 ? ` (${methods.join('; ')})` : ''}; the dashed line marks no difference. ` +
    `Right of the plot, the estimate with its interval and the ${adjusted ? 'Holm-adjusted ' : ''}p-value ` +
    `(${testNames.join('; ')}).`
  );
}

/** The title of figure `k` of `count`: which comparisons it shows. */
function figureTitle(
  page: ForestPage,
  nameOf: Map<string, string>,
  { k, count }: { k: number; count: number },
): string {
  const base = 'Paired differences between models';
  if (count === 1) return base;
  const pair = (c: ComparisonResult) =>
    `${nameOf.get(c.models[0]) ?? c.models[0]} minus ${nameOf.get(c.models[1]) ?? c.models[1]}`;
  const which =
    page.comparisons.length === 1
      ? pair(page.comparisons[0] as ComparisonResult)
      : `part ${k + 1} of ${count}`;
  return `${base}: ${which}${page.continued ? ' (continued)' : ''}`;
}

/** Whether any p-value shown is Holm-adjusted. */
function hasAdjusted(comparisons: ComparisonResult[]): boolean {
  return comparisons.some(
    (c) =>
      (c.auc.pAdjusted ?? null) !== null ||
      c.operatingPoints.some((op) => MEASURES.some(([key]) => (op[key].pAdjusted ?? null) !== null)),
  );
}

/** The forest plot's figures, in report order; none when there are no comparisons with a difference. */
export function forestCharts(results: Results, maxRows = FOREST_MAX_ROWS): ChartSpec[] {
  if (results.comparisons.length === 0) return [];
  const names = modelNames(results);
  const nameOf = new Map(results.models.map((m, i) => [m.id, names[i] as string]));
  const level = formatLevel(results.settings.level);
  const opLabel = new Map(operatingPointCatalogue(results).map((op) => [op.id, op.label]));
  const adjusted = hasAdjusted(results.comparisons);
  const blocks = results.comparisons.map((comparison) =>
    forestBlock(comparison, { adjusted, opLabel, header: [] }),
  );
  const shown = blocks.filter((b) => b.units.length > 0);
  if (shown.length === 0) return [];

  // one x scale for every figure: zero and every interval
  const values = shown.flatMap((b) =>
    b.units.flat().flatMap((r) => (r.difference === null ? [] : [r.difference, r.lower ?? 0, r.upper ?? 0])),
  );
  const axis = differenceAxis(Math.min(...values, 0), Math.max(...values, 0));
  const columns = columnsOf(
    shown.flatMap((b) => b.units.flat()),
    { level, adjusted },
  );
  // a comparison's header reads across the figure: on two rows when wider than it (or than 440 px)
  const width = Math.max(columns.labelWidth + COLUMN_GAP + columns.right, HEADER_WIDTH);
  for (const block of shown) {
    const [a, b] = block.comparison.models;
    block.header = comparisonHeader(nameOf.get(a) ?? a, nameOf.get(b) ?? b, width);
  }
  const pages = paginateForest(shown, maxRows);
  const caption = forestCaption(results, shown, { level, adjusted });
  return pages.map((page, k) => ({
    name: pages.length === 1 ? 'forest' : `forest-${k + 1}`,
    section: 'comparisons',
    title: figureTitle(page, nameOf, { k, count: pages.length }),
    caption: k === 0 ? caption : `${caption} Same scale as the first figure of paired differences.`,
    spec: figureSpec(page, { columns, axis }),
  }));
}
