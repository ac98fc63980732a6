/**
 * Forest plot of the subgroup AUCs: one row per subgroup value (grouped under its column,
 * all cases first), within a row one line per model — its AUC as a dot and its interval as a
 * line, in the model's colour — and the AUC with its interval written to the right. A dashed
 * line in each model's colour marks its AUC on all cases, so a subgroup reads against the
 * whole. A subgroup holding one outcome class has no AUC: its row says "not estimable".
 * Reads: `subgroups[]` (column, value, n, positives, models[].auc), `models[]` (names, auc),
 * `settings.level`. Null when the study has no subgroups. Self-contained in the look of
 * forest.ts (same row text, shading and column layout), drawn by rows so that it grows down.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Interval, Results } from '../results/results.js';
import { formatAuc, formatInteger, formatInterval, formatLevel, withInterval } from '../format/numbers.js';
import { distinctMethods, modelNames, round } from './data.js';
import type { ChartSpec } from './index.js';
import { dejaVuTextWidth } from './textMetrics.js';
import { layers, type LayerItem } from './vl.js';
import { DASH, FONT_SIZE, GREYS, VEGA_LITE_SCHEMA, modelColour, theme } from './theme.js';

/** Height of one line (a model within a row, or a column's heading) in px. */
const LINE = 15;
const PLOT_WIDTH = 170;
const COLUMN_GAP = 10;
const INDENT = 12;
const SHADE = '#F2F2F2';
/** What a row says when the subgroup cannot give an AUC (as the subgroup table says). */
export const NOT_ESTIMABLE = 'not estimable';

/** One line of the plot: a heading, or one model within a subgroup row. */
export interface ForestLine {
  key: string;
  /** Written left of the plot on a row's first line (bold for headings). */
  label: string;
  kind: 'heading' | 'value';
  /** "550 (88)" on a row's first line. */
  cases: string;
  model: string | null;
  auc: number | null;
  lower: number | null;
  upper: number | null;
  /** "0.896 (0.865–0.927)" or "not estimable". */
  text: string;
  /** Shaded rows: every other subgroup value. */
  shaded: boolean;
}

interface AucOf {
  estimate: number | null;
  ci?: Interval | null;
}

/** "0.896 (0.865–0.927)", or "0.667 (CI not estimable)" without an interval. */
function aucText(estimate: number, ci: Interval | null): string {
  return ci
    ? withInterval(formatAuc(estimate), formatInterval(ci, formatAuc))
    : `${formatAuc(estimate)} (CI ${NOT_ESTIMABLE})`;
}

/** The lines of one row (all cases, or one subgroup value): one per model. */
function rowLines(
  row: { key: string; label: string; n: number; positives: number; shaded: boolean },
  aucs: AucOf[],
  names: string[],
): ForestLine[] {
  return aucs.map((auc, m) => {
    const ci = auc.ci ?? null;
    const estimable = auc.estimate !== null && Number.isFinite(auc.estimate);
    return {
      key: `${row.key}|${m}`,
      label: m === 0 ? row.label : '',
      kind: 'value',
      cases: m === 0 ? `${formatInteger(row.n)} (${formatInteger(row.positives)})` : '',
      model: names[m] as string,
      auc: estimable ? round(auc.estimate as number) : null,
      lower: estimable && ci ? round(ci.lower) : null,
      upper: estimable && ci ? round(ci.upper) : null,
      text: estimable ? aucText(auc.estimate as number, ci) : NOT_ESTIMABLE,
      shaded: row.shaded,
    };
  });
}

function headingLine(key: string, label: string): ForestLine {
  return {
    key,
    label,
    kind: 'heading',
    cases: '',
    model: null,
    auc: null,
    lower: null,
    upper: null,
    text: '',
    shaded: false,
  };
}

/** Every line of the plot, top to bottom: all cases, then each column's heading and values. */
export function subgroupForestLines(results: Results): ForestLine[] {
  const names = modelNames(results);
  const lines = rowLines(
    {
      key: 'all',
      label: 'All cases',
      n: results.sample.n,
      positives: results.sample.positives,
      shaded: false,
    },
    results.models.map((m) => m.auc),
    names,
  );
  let shaded = false;
  let column: string | null = null;
  (results.subgroups ?? []).forEach((s, k) => {
    if (s.column !== column) {
      column = s.column;
      lines.push(headingLine(`column:${k}`, s.column));
      shaded = false;
    }
    shaded = !shaded;
    const aucs = results.models.map(
      (model) => s.models.find((m) => m.id === model.id)?.auc ?? { estimate: null, ci: null },
    );
    lines.push(
      ...rowLines({ key: `s${k}`, label: s.value, n: s.n, positives: s.positives, shaded }, aucs, names),
    );
  });
  return lines;
}

/** The AUC axis: from a round value below every interval (at most 0.5 below needed) to 1. */
export function aucAxisDomain(lines: ForestLine[]): [number, number] {
  const lows = lines.flatMap((l) => (l.auc === null ? [] : [l.lower ?? l.auc, l.auc]));
  const lowest = Math.min(...lows, 0.9);
  return [Math.max(0, Math.floor(lowest * 10 - 1e-9) / 10), 1];
}

/** Ticks every 0.05 on a short axis (0.2 or less), else every 0.1. */
export function aucTicks(domain: [number, number]): { values: number[]; format: string } {
  const step = domain[1] - domain[0] <= 0.2 + 1e-9 ? 0.05 : 0.1;
  const values: number[] = [];
  for (let v = domain[0]; v <= domain[1] + 1e-9; v += step) values.push(round(v, 6));
  return { values, format: step < 0.1 ? '.2f' : '.1f' };
}

interface Columns {
  labelX: number;
  casesX: number;
  textX: number;
  right: number;
}

function columnsOf(lines: ForestLine[], casesHeader: string, textHeader: string): Columns {
  const size = FONT_SIZE.label;
  const labelWidth = Math.max(
    ...lines.map(
      (l) => dejaVuTextWidth(l.label, size, l.kind === 'heading' || l.key.startsWith('all')) + INDENT,
    ),
  );
  const casesWidth = Math.max(
    dejaVuTextWidth(casesHeader, size, true),
    ...lines.map((l) => dejaVuTextWidth(l.cases, size)),
  );
  const textWidth = Math.max(
    dejaVuTextWidth(textHeader, size, true),
    ...lines.map((l) => dejaVuTextWidth(l.text, size)),
  );
  const casesX = -Math.ceil(casesWidth) - COLUMN_GAP;
  const labelX = casesX - Math.ceil(labelWidth) - COLUMN_GAP;
  const textX = PLOT_WIDTH + COLUMN_GAP;
  return { labelX, casesX, textX, right: textX + Math.ceil(textWidth) };
}

/** The y encoding every row layer shares: one band per line, no axis. */
function bandOf(lines: ForestLine[]) {
  return {
    field: 'key',
    type: 'nominal' as const,
    scale: { type: 'band' as const, domain: lines.map((l) => l.key), paddingInner: 0, paddingOuter: 0 },
    axis: null,
  };
}

type Band = ReturnType<typeof bandOf>;

function textLayer(y: Band, values: object[], x: number, field: string, extra: object = {}): LayerItem {
  return {
    data: { values },
    mark: { type: 'text', align: 'left', baseline: 'middle', x, ...extra },
    encoding: { y, text: { field, type: 'nominal' } },
  } as LayerItem;
}

function headerLayer(text: string, x: number): LayerItem {
  return {
    data: { values: [{ text }] },
    mark: { type: 'text', align: 'left', baseline: 'bottom', x, y: -5, fontWeight: 'bold' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  };
}

/** The encodings every layer shares: one band per line, the AUC axis, the model colours. */
function encodings(lines: ForestLine[], names: string[], level: string) {
  const domain = aucAxisDomain(lines);
  return {
    y: bandOf(lines),
    x: {
      field: 'auc',
      type: 'quantitative' as const,
      scale: { domain, nice: false, zero: false },
      axis: { title: `AUC (${level} CI)`, grid: true, ...aucTicks(domain) },
    },
    colour: {
      field: 'model',
      type: 'nominal' as const,
      scale: { domain: names, range: names.map((_n, i) => modelColour(i)) },
      legend: { title: 'Model', symbolType: 'circle', symbolOpacity: 1, symbolSize: 60 },
    },
  };
}

type Encodings = ReturnType<typeof encodings>;

/** Shading, the all-cases reference lines, the intervals and the estimates. */
function markLayers(
  lines: ForestLine[],
  overall: object[],
  c: Columns,
  { y, x, colour }: Encodings,
): LayerItem[] {
  const estimable = lines.filter((l) => l.auc !== null);
  return layers(
    {
      data: { values: lines.filter((l) => l.shaded) },
      mark: { type: 'rect', color: SHADE },
      encoding: { y, x: { value: c.labelX - 4 }, x2: { value: c.right + 4 } },
    },
    overall.length > 0 && {
      data: { values: overall },
      mark: { type: 'rule', strokeDash: DASH, strokeWidth: 1, opacity: 0.7 },
      encoding: { x, color: colour },
    },
    {
      data: { values: estimable.filter((l) => l.lower !== null) },
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { y, x: { ...x, field: 'lower' }, x2: { field: 'upper' }, color: colour },
    },
    {
      data: { values: estimable },
      mark: { type: 'point', shape: 'circle', filled: true, size: 36, opacity: 1 },
      encoding: { y, x, color: colour },
    },
  );
}

/** The row labels, the case counts, the AUC text (in the model's colour) and the headers. */
function textLayers(
  lines: ForestLine[],
  c: Columns,
  { y, colour }: Encodings,
  headers: [string, string],
): LayerItem[] {
  const bold = lines.filter((l) => l.kind === 'heading' || l.key === 'all|0');
  const values = lines.filter((l) => l.kind === 'value' && !l.key.startsWith('all|') && l.label !== '');
  const coloured = textLayer(
    y,
    lines.filter((l) => l.auc !== null),
    c.textX,
    'text',
  );
  return [
    textLayer(y, bold, c.labelX, 'label', { fontWeight: 'bold' }),
    textLayer(y, values, c.labelX + INDENT, 'label'),
    textLayer(
      y,
      lines.filter((l) => l.cases !== ''),
      c.casesX,
      'cases',
    ),
    { ...coloured, encoding: { y, text: { field: 'text', type: 'nominal' }, color: colour } } as LayerItem,
    textLayer(
      y,
      lines.filter((l) => l.kind === 'value' && l.auc === null),
      c.textX,
      'text',
      {
        color: GREYS.reference,
        fontStyle: 'italic',
      },
    ),
    headerLayer(headers[0], c.casesX),
    headerLayer(headers[1], c.textX),
  ];
}

export function subgroupForestChart(results: Results): ChartSpec | null {
  if (!results.subgroups || results.subgroups.length === 0 || results.models.length === 0) return null;
  const names = modelNames(results);
  const level = formatLevel(results.settings.level);
  const lines = subgroupForestLines(results);
  const headers: [string, string] = ['Cases (positive)', `AUC (${level} CI)`];
  const c = columnsOf(lines, ...headers);
  const shared = encodings(lines, names, level);
  const overall = results.models.flatMap((m, i) =>
    m.auc.estimate === null ? [] : [{ model: names[i] as string, auc: round(m.auc.estimate) }],
  );
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    config: theme,
    width: PLOT_WIDTH,
    height: LINE * lines.length,
    layer: [...markLayers(lines, overall, c, shared), ...textLayers(lines, c, shared, headers)],
  } as TopLevelSpec;
  return {
    name: 'subgroup-forest',
    section: 'subgroups',
    title: 'AUC by subgroup',
    caption: subgroupForestCaption(results, { level }),
    spec,
  };
}

function subgroupForestCaption(results: Results, { level }: { level: string }): string {
  const intervals = (results.subgroups ?? []).flatMap((s) => s.models.map((m) => m.auc.ci));
  const methods = distinctMethods(intervals);
  const single = (results.subgroups ?? []).some((s) => s.positives === 0 || s.negatives === 0);
  return (
    `AUC of each model within each subgroup (cases and, in parentheses, positive cases left of the plot). ` +
    `Dots are the estimates, horizontal lines their ${level} confidence intervals` +
    `${methods.length > 0 ? ` (${methods.join('; ')})` : ''}; ` +
    `the dashed vertical lines mark each model’s AUC on all cases, in the model’s colour.` +
    (single ? ` A subgroup holding one outcome class only has no AUC (${NOT_ESTIMABLE}).` : '')
  );
}
