/**
 * The key-results table: every prespecified measure (AUC; sensitivity, specificity, PPV and
 * NPV at each operating point) for every model, with its interval, and for each paired
 * comparison the difference with its interval and p-value (Holm-adjusted when the results
 * hold one). Differences whose interval excludes zero (and whose p agrees) are marked.
 */
import type { ComparisonResult, ModelResult, OperatingPointResult, Results } from '../../results/results.js';
import {
  MISSING,
  formatAuc,
  formatDifferenceInterval,
  formatInterval,
  formatInteger,
  formatLevel,
  formatPValue,
  formatProportion,
  formatProportionDifference,
  formatProportionInterval,
  formatSigned,
  formatThreshold,
  type NumberStyle,
} from '../../format/numbers.js';
import { pointOf } from '../lookup.js';
import {
  MEASURE_WORDS,
  shownDifference,
  shownPointDifference,
  type PointMeasure,
  type ShownDifference,
} from '../wording/difference.js';
import { ruleText, thresholdSourceText } from '../wording/operatingPointRule.js';
import type { CompactCellView, CompactTableView } from './types.js';

const POINT_MEASURES: PointMeasure[] = ['sensitivity', 'specificity', 'ppv', 'npv'];

/** At most this many comparisons get difference columns (three models, all pairs). */
const MAX_COMPARISON_COLUMNS = 3;

/** Model letters for the difference columns: A, B, C, … */
export function modelLetter(index: number): string {
  return String.fromCharCode(65 + (index % 26));
}

function c(text: string, sub: string | null = null, className = 'num', span = 1): CompactCellView {
  return { text, sub, className, span };
}

interface Context {
  results: Results;
  style: NumberStyle;
  level: number;
}

function differenceCell(d: ShownDifference, kind: 'auc' | 'proportion', { style }: Context): CompactCellView {
  if (d.difference === null) return c(MISSING);
  const text =
    kind === 'auc' ? formatSigned(d.difference, 3) : formatProportionDifference(d.difference, style);
  const ci = d.ci
    ? kind === 'auc'
      ? formatInterval(d.ci, formatAuc)
      : formatDifferenceInterval(d.ci, style)
    : null;
  const clear = d.verdict === 'higher' || d.verdict === 'lower';
  return c(text, ci, clear ? 'num kr-clear' : 'num');
}

function pCell(d: ShownDifference): CompactCellView {
  if (d.p === null) return c('');
  const clear = d.verdict === 'higher' || d.verdict === 'lower';
  return c(formatPValue(d.pAdjusted ?? d.p), null, clear ? 'num kr-clear' : 'num');
}

/** The two cells of a comparison: the difference with its interval, and the p-value. */
function comparisonCells(
  d: ShownDifference | null,
  kind: 'auc' | 'proportion',
  ctx: Context,
): CompactCellView[] {
  return d ? [differenceCell(d, kind, ctx), pCell(d)] : [c(MISSING), c('')];
}

function estimateCell(
  estimate: number | null,
  ci: { lower: number; upper: number } | null | undefined,
  auc: boolean,
  style: NumberStyle,
) {
  if (auc) return c(formatAuc(estimate), ci ? formatInterval(ci, formatAuc) : null);
  return c(formatProportion(estimate, style), ci ? formatProportionInterval(ci, style) : null);
}

function aucRow(ctx: Context, comparisons: ComparisonResult[]): CompactCellView[] {
  return [
    c('AUC', null, 'text'),
    ...ctx.results.models.map((m) => estimateCell(m.auc.estimate, m.auc.ci, true, ctx.style)),
    ...comparisons.flatMap((cmp) => comparisonCells(shownDifference(cmp.auc, ctx.level), 'auc', ctx)),
  ];
}

function pointRows(ctx: Context, comparisons: ComparisonResult[], pointId: string, width: number) {
  const models = ctx.results.models;
  const points = models.map((m) => pointOf(m, pointId));
  const first = points.find((p): p is OperatingPointResult => p !== undefined);
  if (!first) return [];
  const source = thresholdSourceText(first.thresholdSource);
  const heading = c(
    `${ruleText(first)} (threshold ${source})`.replace(/^./, (x) => x.toUpperCase()),
    null,
    'text kr-point',
    width,
  );
  const rows: { className: string; cells: CompactCellView[] }[] = [
    { className: 'kr-group', cells: [heading] },
  ];
  rows.push({
    className: 'kr-threshold',
    cells: [
      c('Threshold', null, 'text'),
      ...points.map((p) => c(p ? formatThreshold(p.threshold) : MISSING)),
      ...comparisons.flatMap(() => [c(''), c('')]),
    ],
  });
  for (const measure of POINT_MEASURES) {
    const word = MEASURE_WORDS[measure];
    rows.push({
      className: '',
      cells: [
        c(word.charAt(0).toUpperCase() + word.slice(1), null, 'text'),
        ...points.map((p) =>
          p ? estimateCell(p[measure].estimate, p[measure].ci, false, ctx.style) : c(MISSING),
        ),
        ...comparisons.flatMap((cmp) => {
          const pc = cmp.operatingPoints.find((x) => x.id === pointId);
          return comparisonCells(pc ? shownPointDifference(pc, measure, ctx.level) : null, 'proportion', ctx);
        }),
      ],
    });
  }
  return rows;
}

function holmUsed(results: Results): boolean {
  return results.comparisons.some(
    (cmp) =>
      (cmp.auc.pAdjusted ?? null) !== null ||
      cmp.operatingPoints.some((p) => POINT_MEASURES.some((m) => (p[m].pAdjusted ?? null) !== null)),
  );
}

function tableNotes(results: Results, level: string): string[] {
  const notes = [`Each cell: estimate, with its ${level} CI below.`];
  if (results.comparisons.length > MAX_COMPARISON_COLUMNS) {
    notes.push(
      `The ${results.comparisons.length} paired comparisons are too many for this table; their differences are in the paired-comparison tables.`,
    );
  } else if (results.comparisons.length > 0) {
    notes.push(
      `Differences are the first model minus the second, with their ${level} CI below; bold where the CI excludes zero and p < ${Number((1 - results.settings.level).toFixed(6))}.`,
    );
    if (holmUsed(results))
      notes.push(
        'p-values are Holm-adjusted for multiple comparisons, within each family (the AUCs; one measure at one operating point).',
      );
  }
  return notes;
}

function headRow(results: Results, comparisons: ComparisonResult[]): CompactCellView[] {
  const index = new Map(results.models.map((m, k) => [m.id, k]));
  const lettered = comparisons.length > 0;
  const letter = (id: string) => modelLetter(index.get(id) ?? 0);
  return [
    c('Measure', null, 'text'),
    ...results.models.map((m: ModelResult, k) => c(lettered ? modelLetter(k) : m.name)),
    ...comparisons.flatMap((cmp) => [
      c(`${letter(cmp.models[0])} − ${letter(cmp.models[1])}`),
      c(holmUsed(results) ? 'p (Holm)' : 'p'),
    ]),
  ];
}

/** The key-results table, or null when there are no models. */
export function keyResultsTable(results: Results, style: NumberStyle): CompactTableView | null {
  if (results.models.length === 0) return null;
  const ctx: Context = { results, style, level: results.settings.level };
  // beyond three comparisons the columns no longer fit a page: estimates only, differences in the paired tables
  const comparisons = results.comparisons.length <= MAX_COMPARISON_COLUMNS ? results.comparisons : [];
  const width = 1 + results.models.length + 2 * comparisons.length;
  const level = formatLevel(results.settings.level);
  const ids: string[] = [];
  for (const m of results.models) for (const p of m.operatingPoints) if (!ids.includes(p.id)) ids.push(p.id);
  const s = results.sample;
  const rows = [
    { className: '', cells: aucRow(ctx, comparisons) },
    ...ids.flatMap((id) => pointRows(ctx, comparisons, id, width)),
  ];
  return {
    className: width <= 3 ? 'compact-table narrow' : 'compact-table',
    caption: `Prespecified measures on the test set (${formatInteger(s.n)} cases, ${formatInteger(s.positives)} positive)${
      comparisons.length > 0
        ? `: ${results.models.map((m, k) => `${modelLetter(k)}, ${m.name}`).join('; ')}`
        : ''
    }`,
    headRows: [headRow(results, comparisons)],
    rows,
    notes: [
      ...tableNotes(results, level),
      ...(rows.some((r) => r.cells.some((x) => x.text === MISSING))
        ? ['—: not defined (e.g. PPV when no case is called positive).']
        : []),
    ],
  };
}
