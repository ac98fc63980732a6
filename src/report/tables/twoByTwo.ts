/** Table: the 2×2 cross-tabulation of each model against the reference standard at one operating point (STARD 2015 item 23). */
import { formatInteger, formatThreshold } from '../../format/numbers.js';
import { pointOf } from '../lookup.js';
import { cell, numberColumn, textCell, textColumn } from './cells.js';
import { slug, type Draft, type PointTableInput, type TableRow } from './table.js';

export function twoByTwoTable({ results, pointId, label }: PointTableInput): Draft {
  const rows: TableRow[] = [];
  for (const model of results.models) {
    const point = pointOf(model, pointId);
    if (!point) continue;
    const { tp, fp, tn, fn } = point.counts;
    const nameCell = (text: string, sub?: string) => cell(text, [model.name], sub);
    rows.push(
      {
        groupStart: true,
        cells: [
          nameCell(model.name),
          textCell('Positive', 'positive'),
          cell(formatInteger(tp), [tp]),
          cell(formatInteger(fp), [fp]),
          cell(formatInteger(tp + fp), [tp + fp]),
        ],
      },
      {
        cells: [
          nameCell('', `threshold ${formatThreshold(point.threshold)}`),
          textCell('Negative', 'negative'),
          cell(formatInteger(fn), [fn]),
          cell(formatInteger(tn), [tn]),
          cell(formatInteger(fn + tn), [fn + tn]),
        ],
      },
      {
        total: true,
        cells: [
          nameCell(''),
          textCell('Total', 'total'),
          cell(formatInteger(tp + fn), [tp + fn]),
          cell(formatInteger(fp + tn), [fp + tn]),
          cell(formatInteger(tp + fp + tn + fn), [tp + fp + tn + fn]),
        ],
      },
    );
  }
  return {
    stem: `${slug(pointId)}-2x2`,
    section: 'operatingPoints',
    operatingPoint: pointId,
    title: `Index test results by reference standard: ${label}`,
    columns: [
      textColumn('Model', 'model'),
      textColumn('Index test', 'index_test'),
      numberColumn('Reference positive', ['reference_positive']),
      numberColumn('Reference negative', ['reference_negative']),
      numberColumn('Total', ['total']),
    ],
    rows,
    narrow: true,
    notes: [
      'Cross-tabulation of the index test (each model at its own threshold; score ≥ threshold is positive) against the reference standard (STARD 2015 item 23).',
    ],
  };
}
