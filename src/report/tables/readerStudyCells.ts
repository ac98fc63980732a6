/**
 * Shared by the reader-study tables (one file per table): cell and column helpers, the
 * metric labels and the three generalisations in the order the tables show them.
 */
import type { Interval } from '../../results/results.js';
import type { ReaderMetric, ReaderStudyResult } from '../../results/readerStudy.js';
import { formatFixed, formatInterval, formatSigned, withInterval } from '../../format/numbers.js';
import type { Draft, RawValue, TableCell, TableColumn } from './table.js';

export type TableDraft = Draft;

export const METRIC_LABELS: Record<ReaderMetric, string> = {
  auc: 'AUC',
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
};

export const DESIGNS = [
  ['randomReaders', 'Random readers and cases'],
  ['fixedReaders', 'Fixed readers, random cases'],
  ['fixedCases', 'Fixed cases, random readers'],
] as const;

export const text = (value: string): TableCell => ({ text: value, raw: [value] });
export const bounds = (ci: Interval | null | undefined): RawValue[] =>
  ci ? [ci.lower, ci.upper] : [null, null];
export const three = (x: number) => formatFixed(x, 3);
/**
 * An interval bound with 3 decimals that keeps the sign of a small negative bound ("−0.000"):
 * an interval from −0.0004 reads "−0.000 to 0.088", not "0.000–0.088", beside p = 0.052.
 */
export function formatBound(x: number): string {
  const text = formatFixed(x, 3);
  return x < 0 && !text.startsWith('\u2212') ? `\u2212${text}` : text;
}

export function estimateCell(estimate: number, ci: Interval | null | undefined, signed = false): TableCell {
  const format = signed ? (x: number) => formatSigned(x, 3) : three;
  return {
    text: withInterval(format(estimate), formatInterval(ci ?? null, three)),
    raw: [estimate, ...bounds(ci)],
  };
}
export const numberCell = (
  x: number | null | undefined,
  format: (x: number | null) => string,
): TableCell => ({
  text: format(x ?? null),
  raw: [x ?? null],
});
export const empty = (parts: number): TableCell => ({ text: '', raw: new Array<RawValue>(parts).fill(null) });
export const column = (label: string, csv: string[], kind: 'text' | 'number' = 'number'): TableColumn => ({
  label,
  csv,
  kind,
});

export function metricsOf(rs: ReaderStudyResult): ReaderMetric[] {
  return (['auc', 'sensitivity', 'specificity'] as const).filter((m) => rs[m] !== undefined);
}
