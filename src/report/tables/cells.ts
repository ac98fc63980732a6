/** Building blocks of tables: cells with their shown text and raw values, and columns. */
import type { Interval, Proportion } from '../../results/results.js';
import {
  formatCount,
  formatInterval,
  formatPValue,
  formatProportion,
  formatProportionInterval,
  withInterval,
  type NumberStyle,
} from '../../format/numbers.js';
import type { RawValue, TableCell, TableColumn } from './table.js';

export function cell(text: string, raw: RawValue[], sub?: string): TableCell {
  return sub === undefined ? { text, raw } : { text, sub, raw };
}

export function textCell(text: string, raw: RawValue = text): TableCell {
  return { text, raw: [raw] };
}

export function bounds(ci: Interval | null | undefined): [number | null, number | null] {
  return ci ? [ci.lower, ci.upper] : [null, null];
}

export function proportionCell(p: Proportion, style: NumberStyle): TableCell {
  return cell(
    withInterval(formatProportion(p.estimate, style), formatProportionInterval(p.ci, style)),
    [p.estimate, ...bounds(p.ci), p.numerator, p.denominator],
    formatCount(p.numerator, p.denominator),
  );
}

export function estimateCell(
  e: { estimate: number | null; ci?: Interval | null },
  format: (x: number | null) => string,
  extra: RawValue[] = [],
): TableCell {
  const ci = e.ci ?? null;
  return cell(withInterval(format(e.estimate), formatInterval(ci, format)), [
    e.estimate,
    ...bounds(ci),
    ...extra,
  ]);
}

export function intervalCell(ci: Interval | null | undefined, format: (x: number) => string): TableCell {
  return cell(formatInterval(ci ?? null, format), [...bounds(ci)]);
}

export function pCell(p: number | null | undefined): TableCell {
  return cell(formatPValue(p ?? null), [p ?? null]);
}

export function emptyCell(parts: number): TableCell {
  return { text: '', raw: new Array<RawValue>(parts).fill(null) };
}

export function textColumn(label: string, csv: string): TableColumn {
  return { label, csv: [csv], kind: 'text' };
}

export function numberColumn(label: string, csv: string[]): TableColumn {
  return { label, csv, kind: 'number' };
}

/** The CSV headers of an estimate with its interval. */
export const estimateCsv = (prefix: string) => [`${prefix}`, `${prefix}_lower`, `${prefix}_upper`];
