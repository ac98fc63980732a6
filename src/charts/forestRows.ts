/**
 * The rows of the forest plot of paired differences, and how they are cut into figures.
 *
 * One column of rows, comparison → operating point → measure: a comparison's header ("A minus
 * B", on two rows when too wide), its AUC difference, then each operating point's header and
 * its sensitivity, specificity, PPV and NPV. The plot grows by rows, so it is cut into figures
 * of at most `maxRows` rows that each fit a printed page: whole comparisons are packed into a
 * figure while they fit; a comparison longer than a figure is cut between operating points and
 * goes on under its header marked "(continued)". The estimate and p-value strings are those of
 * the report's tables (src/format/numbers.ts), so figure and tables agree digit for digit.
 */
import type { ComparisonResult, Difference, Interval } from '../results/results.js';
import { formatDifferenceInterval, formatPValue, formatSigned, withInterval } from '../format/numbers.js';
import { preferredInterval, round } from './data.js';
import { dejaVuTextWidth } from './textMetrics.js';
import { FONT_SIZE } from './theme.js';

export const MEASURES = [
  ['sensitivity', 'Sensitivity'],
  ['specificity', 'Specificity'],
  ['ppv', 'PPV'],
  ['npv', 'NPV'],
] as const;

/** What a row is: a comparison's header, a top-level estimate (AUC), an operating point's header, a measure under it. */
export type RowKind = 'comparison' | 'estimate' | 'point' | 'measure';

export interface ForestRow {
  /** Unique key of the row within its figure (the y value). */
  key: string;
  label: string;
  kind: RowKind;
  /** Shading group: the operating point's position (1, 2, …); 0 for the comparison's own rows. */
  group: number;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  estimate: string;
  p: string;
}

/** A comparison's rows, with the intervals and tests behind them (for the caption). */
export interface ForestBlock {
  comparison: ComparisonResult;
  /** The header rows ("A minus B", or "A minus" and "B"). */
  header: string[];
  /** Runs that are never cut: the AUC row; each operating point with its measures. */
  units: ForestRow[][];
  intervals: (Interval | null)[];
  tests: string[];
}

/** A p-value as the report's tables write it ("0.0077", "< 0.001", "> 0.99"); empty when there is none. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return formatPValue(p);
}

/** "A minus B", on two rows ("A minus", "B") when wider than `width` px. */
export function comparisonHeader(a: string, b: string, width: number): string[] {
  const text = `${a} minus ${b}`;
  return dejaVuTextWidth(text, FONT_SIZE.title, true) <= width ? [text] : [`${a} minus`, b];
}

interface BlockOptions {
  adjusted: boolean;
  opLabel: Map<string, string>;
  header: string[];
}

/** The rows of one comparison: AUC, then each operating point's header and its measures. */
export function forestBlock(
  comparison: ComparisonResult,
  { adjusted, opLabel, header }: BlockOptions,
): ForestBlock {
  const block: ForestBlock = { comparison, header, units: [], intervals: [], tests: [] };
  const row = (key: string, label: string, kind: RowKind, group: number, d: Difference): ForestRow | null => {
    if (d.difference === null || !Number.isFinite(d.difference)) return null;
    const interval = preferredInterval(d);
    block.intervals.push(interval);
    block.tests.push(d.method);
    return {
      key,
      label,
      kind,
      group,
      difference: round(d.difference),
      lower: interval ? round(interval.lower) : null,
      upper: interval ? round(interval.upper) : null,
      // as the tables write a difference: signed, 3 decimals, "−0.083 to −0.019"
      estimate: withInterval(formatSigned(d.difference, 3), formatDifferenceInterval(interval)),
      p: formatP(adjusted ? (d.pAdjusted ?? d.p) : d.p),
    };
  };
  const auc = row('auc', 'AUC', 'estimate', 0, comparison.auc);
  if (auc) block.units.push([auc]);
  comparison.operatingPoints.forEach((op, j) => {
    const measures = MEASURES.map(([key, name]) => row(`${op.id}:${key}`, name, 'measure', j + 1, op[key]));
    const present = measures.filter((m): m is ForestRow => m !== null);
    if (present.length === 0) return;
    const label = opLabel.get(op.id) ?? op.id;
    block.units.push([headerRow(`${op.id}:`, label, 'point', j + 1), ...present]);
  });
  return block;
}

function headerRow(key: string, label: string, kind: RowKind, group: number): ForestRow {
  return { key, label, kind, group, difference: null, lower: null, upper: null, estimate: '', p: '' };
}

/** One figure's rows, and the comparisons it shows (for its title). */
export interface ForestPage {
  rows: ForestRow[];
  comparisons: ComparisonResult[];
  /** Whether the figure goes on with a comparison begun in the previous one. */
  continued: boolean;
}

/** The header rows of block `k`, keyed uniquely within a figure. */
function headerRows(block: ForestBlock, k: number, continued: boolean): ForestRow[] {
  const lines = continued
    ? [...block.header.slice(0, -1), `${block.header.at(-1) ?? ''} (continued)`]
    : block.header;
  return lines.map((line, i) => headerRow(`${k}:#${i}`, line, 'comparison', 0));
}

/** The unit's rows keyed by the comparison's position, so keys stay unique in a figure of several. */
function keyed(unit: ForestRow[], k: number): ForestRow[] {
  return unit.map((r) => ({ ...r, key: `${k}:${r.key}` }));
}

const blockLength = (b: ForestBlock) => b.header.length + b.units.reduce((n, u) => n + u.length, 0);

/**
 * The figures: whole comparisons packed while they fit in `maxRows`; a comparison longer than
 * a figure starts a new one and is cut between operating points, its header repeated with
 * "(continued)". No figure holds more than `maxRows` rows unless a single operating point
 * does (five rows: never in practice).
 */
export function paginateForest(blocks: ForestBlock[], maxRows: number): ForestPage[] {
  const pages: ForestPage[] = [];
  let page: ForestPage | null = null;
  const open = (continued: boolean): ForestPage => {
    const fresh: ForestPage = { rows: [], comparisons: [], continued };
    pages.push(fresh);
    return fresh;
  };
  blocks.forEach((block, k) => {
    if (block.units.length === 0) return;
    if (!page || page.rows.length + blockLength(block) > maxRows) page = open(false);
    page.rows.push(...headerRows(block, k, false));
    page.comparisons.push(block.comparison);
    for (const unit of block.units) {
      if (page.rows.length + unit.length > maxRows && page.rows.length > block.header.length) {
        page = open(true);
        page.rows.push(...headerRows(block, k, true));
        page.comparisons.push(block.comparison);
      }
      page.rows.push(...keyed(unit, k));
    }
  });
  return pages;
}
